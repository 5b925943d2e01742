"""Incremental story clustering: each new article joins an existing story or starts one.

An article is represented by two L2-normalised sparse vectors (see
:mod:`corroborate.link.vectors`): hashed TF-IDF words of its title + lead, and
TF-IDF of its normalised named entities. A story keeps the sums of its members'
vectors (centroids, with cached squared norms) and its date range.

Finding candidates never compares against every story: an inverted index maps
each word/entity feature to the stories that contain it; a new article probes
only its rarest features (fewest stories), and only the most recent stories of
each posting list, then scores the best-supported candidates exactly. The cost
per article is bounded by constants, so the total cost is linear in the number
of articles.

Score = ``TEXT_WEIGHT`` x cosine(words) + (1 - ``TEXT_WEIGHT``) x cosine(entities)
(words only when either side has no entities; the entity vector also carries the
lead's figures), minus a time penalty that grows with the gap between the article's
date and the story's date range (beyond ``MAX_GAP_DAYS`` the story is not a candidate
at all), minus two penalties for same-kind events that are different events:
``YEAR_CONFLICT_PENALTY`` when the article's lead and the story mention years and share
none (time evidence from the text when ``published`` is absent), and
``KEY_CONFLICT_PENALTY`` when each side has a main actor the other lacks; plus, when the
index has a sentence encoder (MiniLM by default when installed, :mod:`corroborate.embeddings`),
a boost ``EMBED_WEIGHT`` x (cosine of the article's title+lead embedding with the story's
mean embedding - ``EMBED_PIVOT``) when positive (the embedding the per-article stage stored
in ``Analysis.embeddings`` when present, else encoded here: the same vector either way).
Signals whose input is missing (no dates, no analysis, no mentions) are simply absent. The article
joins the best story when the score reaches ``JOIN_THRESHOLD``. Thresholds were
calibrated on ECB+ odd topics (docs/stories.md).
"""

from __future__ import annotations

import base64
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from corroborate import embeddings
from corroborate.errors import CorroborateError
from corroborate.link import vectors as V
from corroborate.types import Analysis, Article

# ----------------------------------------------------------------- calibrated thresholds
#: Minimum combined score for an article to join a story (else it starts a new one).
JOIN_THRESHOLD = 0.15
#: Weight of the word cosine in the score; the entity cosine gets the rest.
TEXT_WEIGHT = 0.5
#: Weight of surname keys ("reid" from "Tara Reid") relative to full names.
SURNAME_WEIGHT = 0.5
#: Two stories whose centroids score at least this are merged (repairs early splits).
MERGE_THRESHOLD = 0.6
#: Subtracted when the article and the story both mention years (absolute dates in
#: their texts) and share none: different years = most likely different events.
YEAR_CONFLICT_PENALTY = 0.1
#: Subtracted on a key-entity conflict: one of the article's main actors (most-mentioned
#: people, see ``vectors.key_entities``) is no main actor of the story, and one of the
#: story's top main actors is not named in the article (same kind of event, a different
#: protagonist or opponent).
KEY_CONFLICT_PENALTY = 0.1
#: How many of a story's most frequent main actors are checked against an article.
STORY_KEYS = 1
#: Articles dated this many days or more outside a story's date range never join it.
MAX_GAP_DAYS = 21
#: Score subtracted per day outside the story's date range (a 10-day gap costs 10x).
DAY_PENALTY = 0.01
#: Sentence-embedding term: ``EMBED_WEIGHT`` x (cosine(article's title+lead embedding,
#: story's mean embedding) - ``EMBED_PIVOT``) is added to the score when positive (a
#: boost for near-paraphrase leads; ``EMBED_BOOST_ONLY`` = False would also penalise
#: below the pivot: measured worse). Absent without an encoder or an embedding.
EMBED_WEIGHT = 0.6
EMBED_PIVOT = 0.6
EMBED_BOOST_ONLY = True

# ----------------------------------------------------------------- index budget (speed)
#: Rarest word features of an article used to probe the inverted index.
PROBE_WORDS = 24
#: Rarest entity features used to probe.
PROBE_ENTITIES = 12
#: Most recent stories read from each probed posting list.
STORIES_PER_KEY = 24
#: At most this many times the probe budget of keys are tried (keys whose stories are
#: all outside the time window do not count towards the budget).
PROBE_TRIES = 4
#: Candidates (by probe support) scored exactly.
MAX_CANDIDATES = 16

STATE_VERSION = 3

Vector = npt.NDArray[np.float32]


class TextEncoder(Protocol):
    """Anything that embeds texts as L2-normalised rows (e.g. ``embeddings.MiniLM``)."""

    name: str

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


#: ``StoryIndex(encoder="auto")``: the shared MiniLM when installed, else no embeddings.
EncoderChoice = TextEncoder | Literal["auto"] | None


def _resolve_encoder(choice: EncoderChoice) -> TextEncoder | None:
    if choice == "auto":
        return embeddings.shared_minilm() if embeddings.available() else None
    return choice


def _pack(vec: Vector | None) -> str | None:
    return None if vec is None else base64.b64encode(vec.astype("<f4").tobytes()).decode()


def _unpack(raw: str | None) -> Vector | None:
    if raw is None:
        return None
    return np.frombuffer(base64.b64decode(raw), dtype="<f4").astype(np.float32)


H = TypeVar("H", bound=Hashable)


@dataclass
class _Story:
    id: str
    members: list[str] = field(default_factory=list)
    words: dict[int, float] = field(default_factory=dict)
    words_norm2: float = 0.0
    ents: dict[str, float] = field(default_factory=dict)
    ents_norm2: float = 0.0
    first: int | None = None  # date ordinals of the members' publication range
    last: int | None = None
    years: dict[str, int] = field(default_factory=dict)  # years the members' texts mention
    keys: dict[str, int] = field(default_factory=dict)  # main-actor key/alias -> members
    actors: dict[str, int] = field(default_factory=dict)  # main actor's name key -> members
    emb: Vector | None = None  # sum of the members' title+lead embeddings (float32)


def _ordinal(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _cosine(vec: Mapping[H, float], centroid: Mapping[H, float], norm2: float) -> float:
    if norm2 <= 0.0 or not vec:
        return 0.0
    get = centroid.get
    return sum(v * get(k, 0.0) for k, v in vec.items()) / math.sqrt(norm2)


def _year_penalty(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """``YEAR_CONFLICT_PENALTY`` when both sides mention years and share none."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return 0.0 if any(y in b for y in a) else YEAR_CONFLICT_PENALTY


def _top_keys(story: _Story) -> list[str]:
    """The story's ``STORY_KEYS`` most frequent main actors (ties: first seen)."""
    ranked = sorted(story.actors.items(), key=lambda kv: -kv[1])
    return [k for k, _ in ranked[:STORY_KEYS]]


def _names_key(key: str, names: Mapping[str, object]) -> bool:
    """Whether ``names`` (entity keys) contain the name ``key`` or its surname."""
    if key in names:
        return True
    parts = key[2:].split()
    return len(parts) > 1 and f"w:{parts[-1]}" in names


def _key_conflict(keys: list[list[str]], evec: Mapping[str, float], story: _Story) -> bool:
    """Each side has a main actor the other lacks: one of the article's main actors is
    no main actor of the story, and one of the story's top main actors is not named in
    the article (the same champion against a different opponent)."""
    if all(any(k in story.keys for k in group) for group in keys):
        return False  # every main actor of the article is a main actor of the story
    return not all(_names_key(k, evec) for k in _top_keys(story))


def _stories_conflict(a: _Story, b: _Story) -> bool:
    """Each story has a top main actor the other never names."""
    return not all(_names_key(k, b.ents) for k in _top_keys(a)) and not all(
        _names_key(k, a.ents) for k in _top_keys(b)
    )


def _embed_term(emb: Vector | None, story_emb: Vector | None) -> float:
    """``EMBED_WEIGHT`` x (cosine(emb, story_emb) - ``EMBED_PIVOT``); 0 when either is
    missing. ``story_emb`` is a sum of unit vectors (its direction is the mean's)."""
    if emb is None or story_emb is None or EMBED_WEIGHT == 0.0:
        return 0.0
    norm = float(np.linalg.norm(story_emb)) * float(np.linalg.norm(emb))
    if norm <= 0.0:
        return 0.0
    term = float(emb @ story_emb) / norm - EMBED_PIVOT
    if EMBED_BOOST_ONLY and term < 0.0:
        return 0.0
    return EMBED_WEIGHT * term


def _surname_scale(key: str) -> float:
    return SURNAME_WEIGHT if key.startswith("w:") else 1.0


class StoryIndex:
    """Groups articles into stories, one article at a time; persistable with
    :meth:`to_state` / :meth:`from_state` so a later run continues incrementally."""

    def __init__(self, encoder: EncoderChoice = "auto") -> None:
        """``encoder``: ``"auto"`` (default) uses the shared MiniLM when its packages are
        installed; ``None`` clusters without embeddings; or any :class:`TextEncoder`."""
        self._encoder = _resolve_encoder(encoder)
        self._n_docs = 0
        self._df: Counter[int] = Counter()
        self._edf: Counter[str] = Counter()
        self._stories: dict[str, _Story] = {}
        self._word_postings: dict[int, list[str]] = {}
        self._ent_postings: dict[str, list[str]] = {}
        self._article_story: dict[str, str] = {}
        self._alias: dict[str, str] = {}  # retired (merged) story id -> surviving id
        self._next = 1

    # ------------------------------------------------------------------ public API
    def add(self, article: Article, analysis: Analysis | None = None) -> str:
        """Place ``article`` in a story and return the story id ("s1", "s2", ...).

        Adding an article id that is already indexed returns its story unchanged.
        """
        known = self._article_story.get(article.id)
        if known is not None:
            return known
        counts = V.term_counts(article)
        ekeys = V.entity_keys(analysis)
        years = V.event_years(analysis)
        keys = V.key_entities(analysis)
        day = _ordinal(article.published)
        emb = self._embed(article, analysis)

        # Frequencies include the new article, as in batch TF-IDF.
        self._n_docs += 1
        self._df.update(counts.keys())
        self._edf.update(ekeys.keys())
        wvec = V.weigh(counts, self._df, self._n_docs)
        evec = V.weigh(ekeys, self._edf, self._n_docs, _surname_scale)

        best, best_score = None, JOIN_THRESHOLD
        candidates = self._candidates(counts, ekeys, day)
        for story in candidates:
            score = self._score(story, wvec, evec, day, years, keys, emb)
            if score >= best_score:
                best, best_score = story, score
        if best is None:
            best = _Story(id=f"s{self._next}")
            self._next += 1
            self._stories[best.id] = best
        self._join(best, article.id, wvec, evec, day, years, keys, emb)
        for other in candidates:
            if (
                other is not best
                and other.id in self._stories
                and self._story_score(best, other) >= MERGE_THRESHOLD
            ):
                best = self._merge(best, other)
        return best.id

    def story_of(self, article_id: str) -> str | None:
        """The (current) story id of an indexed article, or None."""
        sid = self._article_story.get(article_id)
        return None if sid is None else self._resolve(sid)

    def merged(self) -> dict[str, str]:
        """Retired story id -> the story it was merged into (ids :meth:`add` returned
        earlier may have been merged when later articles bridged two stories)."""
        return {old: self._resolve(old) for old in self._alias}

    def _resolve(self, sid: str) -> str:
        while sid in self._alias:
            sid = self._alias[sid]
        return sid

    def stories(self) -> dict[str, list[str]]:
        """Story id -> article ids, in the order they were added."""
        return {sid: list(s.members) for sid, s in self._stories.items()}

    def __len__(self) -> int:
        return len(self._stories)

    @property
    def encoder_name(self) -> str | None:
        """Name of the sentence encoder in use, or None (no embedding term)."""
        return None if self._encoder is None else self._encoder.name

    def _embed(self, article: Article, analysis: Analysis | None) -> Vector | None:
        """The title+lead embedding: the one the per-article stage stored in
        ``analysis.embeddings`` when there is one for this encoder, else encoded here."""
        if self._encoder is None:
            return None
        text = V.embed_text(article)
        if not text:
            return None
        pairs = analysis.embeddings if analysis is not None else ()
        stored = embeddings.stored_rows(pairs, self._encoder.name)
        matrix = embeddings.encode_with_stored(self._encoder, [text], stored)
        row: Vector = np.asarray(matrix[0], dtype=np.float32)
        return row

    # ------------------------------------------------------------------ scoring
    def _candidates(
        self, counts: Counter[int], ekeys: Counter[str], day: int | None
    ) -> list[_Story]:
        """Stories sharing the article's rarest features, best supported first.

        Keys are probed rarest first (fewest stories); only the most recent stories of
        each posting list are read, and stories outside the time window are skipped, so
        a key counts towards the probe budget only when it finds a live candidate.
        """
        support: dict[str, float] = {}
        n = self._n_docs
        plan: list[tuple[dict[Any, list[str]], Counter[Any], Counter[Any], int]] = [
            (self._word_postings, counts, self._df, PROBE_WORDS),
            (self._ent_postings, ekeys, self._edf, PROBE_ENTITIES),
        ]
        for postings, keys, df, budget in plan:
            ranked = sorted((len(postings[k]), k) for k in keys if k in postings)
            useful = 0
            for _, key in ranked[: budget * PROBE_TRIES]:
                weight = V.idf(df[key], n)
                found = False
                for sid in reversed(postings[key][-STORIES_PER_KEY:]):
                    story = self._stories[self._resolve(sid)]
                    if self._too_far(story, day):
                        # lists grow roughly in time order: an expired story means
                        # the ones before it are older still
                        if day is not None and story.last is not None and story.last < day:
                            break
                        continue
                    support[story.id] = support.get(story.id, 0.0) + weight
                    found = True
                useful += found
                if useful >= budget:
                    break
        best = sorted(support.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
        return [self._stories[sid] for sid, _ in best]

    @staticmethod
    def _too_far(story: _Story, day: int | None) -> bool:
        if day is None or story.first is None or story.last is None:
            return False
        return max(story.first - day, day - story.last) >= MAX_GAP_DAYS

    def _score(
        self,
        story: _Story,
        wvec: dict[int, float],
        evec: dict[str, float],
        day: int | None,
        years: Mapping[str, int],
        keys: list[list[str]],
        emb: Vector | None,
    ) -> float:
        penalty = _year_penalty(years, story.years) - _embed_term(emb, story.emb)
        if keys and story.keys and _key_conflict(keys, evec, story):
            penalty += KEY_CONFLICT_PENALTY
        if day is not None and story.first is not None and story.last is not None:
            gap = max(story.first - day, day - story.last, 0)
            if gap >= MAX_GAP_DAYS:
                return -1.0
            penalty += DAY_PENALTY * gap
        text = _cosine(wvec, story.words, story.words_norm2)
        if evec and story.ents:
            ent = _cosine(evec, story.ents, story.ents_norm2)
            return TEXT_WEIGHT * text + (1.0 - TEXT_WEIGHT) * ent - penalty
        return text - penalty

    def _story_score(self, a: _Story, b: _Story) -> float:
        """Combined centroid-to-centroid score of two stories (time gap respected)."""
        if None not in (a.first, a.last, b.first, b.last):
            gap = max(a.first - b.last, b.first - a.last, 0)  # type: ignore[operator]
            if gap >= MAX_GAP_DAYS:
                return -1.0
        penalty = _year_penalty(a.years, b.years) - _embed_term(a.emb, b.emb)
        if a.keys and b.keys and _stories_conflict(a, b):
            penalty += KEY_CONFLICT_PENALTY
        text = V.dot(a.words, b.words) / math.sqrt(a.words_norm2 * b.words_norm2 or 1.0)
        if a.ents and b.ents:
            ent = V.dot(a.ents, b.ents) / math.sqrt(a.ents_norm2 * b.ents_norm2 or 1.0)
            return TEXT_WEIGHT * text + (1.0 - TEXT_WEIGHT) * ent - penalty
        return text - penalty

    def _merge(self, a: _Story, b: _Story) -> _Story:
        """Merge the younger story into the older; posting lists resolve lazily."""
        keep, gone = (a, b) if int(a.id[1:]) < int(b.id[1:]) else (b, a)
        keep.members.extend(gone.members)
        for aid in gone.members:
            self._article_story[aid] = keep.id
        V.add_into(keep.words, gone.words.items())
        V.add_into(keep.ents, gone.ents.items())
        keep.words_norm2 = sum(v * v for v in keep.words.values())
        keep.ents_norm2 = sum(v * v for v in keep.ents.values())
        for key, n in gone.keys.items():
            keep.keys[key] = keep.keys.get(key, 0) + n
        for key, n in gone.actors.items():
            keep.actors[key] = keep.actors.get(key, 0) + n
        for year, n in gone.years.items():
            keep.years[year] = keep.years.get(year, 0) + n
        if gone.emb is not None:
            keep.emb = gone.emb.copy() if keep.emb is None else keep.emb + gone.emb
        for day in (gone.first, gone.last):
            if day is not None:
                keep.first = day if keep.first is None else min(keep.first, day)
                keep.last = day if keep.last is None else max(keep.last, day)
        del self._stories[gone.id]
        self._alias[gone.id] = keep.id
        return keep

    def _join(
        self,
        story: _Story,
        article_id: str,
        wvec: dict[int, float],
        evec: dict[str, float],
        day: int | None,
        years: Mapping[str, int],
        keys: list[list[str]],
        emb: Vector | None,
    ) -> None:
        story.members.append(article_id)
        if emb is not None:
            story.emb = emb.copy() if story.emb is None else story.emb + emb
        for group in keys:
            story.actors[group[0]] = story.actors.get(group[0], 0) + 1
            for key in group:
                story.keys[key] = story.keys.get(key, 0) + 1
        for year, n in years.items():
            story.years[year] = story.years.get(year, 0) + n
        self._article_story[article_id] = story.id
        for wkey in wvec:
            if wkey not in story.words:  # first time this story has the feature
                self._word_postings.setdefault(wkey, []).append(story.id)
        for ekey in evec:
            if ekey not in story.ents:
                self._ent_postings.setdefault(ekey, []).append(story.id)
        before = V.add_into(story.words, wvec.items())
        story.words_norm2 += 2.0 * before + sum(v * v for v in wvec.values())
        before = V.add_into(story.ents, evec.items())
        story.ents_norm2 += 2.0 * before + sum(v * v for v in evec.values())
        if day is not None:
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)

    # ------------------------------------------------------------------ persistence
    def to_state(self) -> dict[str, Any]:
        """A JSON-able snapshot; :meth:`from_state` continues from it exactly."""
        return {
            "version": STATE_VERSION,
            "hash_bits": V.HASH_BITS,
            "encoder": self.encoder_name,
            "n_docs": self._n_docs,
            "next": self._next,
            "alias": self._alias,
            "df": {str(k): v for k, v in self._df.items()},
            "edf": dict(self._edf),
            "stories": [
                {
                    "id": s.id,
                    "members": s.members,
                    "words": [[k, v] for k, v in s.words.items()],
                    "words_norm2": s.words_norm2,
                    "ents": s.ents,
                    "ents_norm2": s.ents_norm2,
                    "first": s.first,
                    "last": s.last,
                    "years": s.years,
                    "keys": s.keys,
                    "actors": s.actors,
                    "emb": _pack(s.emb),
                }
                for s in self._stories.values()
            ],
            "word_postings": {str(k): v for k, v in self._word_postings.items()},
            "ent_postings": self._ent_postings,
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any], encoder: EncoderChoice = "auto") -> StoryIndex:
        """Rebuild an index saved with :meth:`to_state` (``encoder`` as in the constructor).

        Stories saved without embeddings simply lack the embedding term; embeddings made
        by a different encoder are not comparable and raise :class:`CorroborateError`.
        """
        if state.get("version") != STATE_VERSION or state.get("hash_bits") != V.HASH_BITS:
            raise CorroborateError(
                f"story index state has version {state.get('version')!r} / hash_bits "
                f"{state.get('hash_bits')!r}; this code reads version {STATE_VERSION} / "
                f"{V.HASH_BITS}: re-cluster the stored articles to rebuild it"
            )
        index = cls(encoder)
        saved = state.get("encoder")
        if saved is not None and index.encoder_name is not None and saved != index.encoder_name:
            raise CorroborateError(
                f"story index state was built with encoder {saved!r}, this index uses "
                f"{index.encoder_name!r}: re-cluster the stored articles to rebuild it"
            )
        index._n_docs = int(state["n_docs"])
        index._next = int(state["next"])
        index._alias = {str(k): str(v) for k, v in state.get("alias", {}).items()}
        index._df = Counter({int(k): int(v) for k, v in state["df"].items()})
        index._edf = Counter({str(k): int(v) for k, v in state["edf"].items()})
        for raw in state["stories"]:
            story = _Story(
                id=raw["id"],
                members=list(raw["members"]),
                words={int(k): float(v) for k, v in raw["words"]},
                words_norm2=float(raw["words_norm2"]),
                ents={str(k): float(v) for k, v in raw["ents"].items()},
                ents_norm2=float(raw["ents_norm2"]),
                first=raw["first"],
                last=raw["last"],
                years={str(k): int(v) for k, v in raw.get("years", {}).items()},
                keys={str(k): int(v) for k, v in raw.get("keys", {}).items()},
                actors={str(k): int(v) for k, v in raw.get("actors", {}).items()},
                emb=_unpack(raw.get("emb")),
            )
            index._stories[story.id] = story
            for aid in story.members:
                index._article_story[aid] = story.id
        index._word_postings = {int(k): list(v) for k, v in state["word_postings"].items()}
        index._ent_postings = {str(k): list(v) for k, v in state["ent_postings"].items()}
        return index


def cluster(
    pairs: Iterable[tuple[Article, Analysis | None]], encoder: EncoderChoice = "auto"
) -> dict[str, list[str]]:
    """Cluster articles (in the given order) into stories: story id -> article ids."""
    index = StoryIndex(encoder)
    for article, analysis in pairs:
        index.add(article, analysis)
    return index.stories()


def bcubed(pred: Mapping[H, Hashable], gold: Mapping[H, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold.

    Items are those of ``gold``; an item missing from ``pred`` counts as a singleton.
    """
    if not gold:
        return 0.0, 0.0, 0.0
    missing = object()
    pred_groups: dict[Hashable, set[H]] = {}
    gold_groups: dict[Hashable, set[H]] = {}
    for item, g in gold.items():
        p = pred.get(item, (missing, item))
        pred_groups.setdefault(p, set()).add(item)
        gold_groups.setdefault(g, set()).add(item)
    precision = recall = 0.0
    for item, g in gold.items():
        same_pred = pred_groups[pred.get(item, (missing, item))]
        same_gold = gold_groups[g]
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
