"""Claims: the checkable statements of a story's articles, aligned across outlets, with verdicts.

Pipeline (one story at a time; see docs/claims.md for the reasons and the calibration):

1. **Select** claim sentences per article (:func:`claim_sentences`): drop the headline, short
   fragments and lines without final punctuation (captions, teasers), questions, and sentences
   that are mostly a direct quote (the quote stage matches those); keep sentences with an
   event, a figure, a resolved date, or a named entity. Reported speech ("X said Y") is kept:
   it is a claim about what X said.
2. **Represent** each sentence by a text vector (:mod:`corroborate.compare.similarity`), its
   story entity ids, figure group ids, resolved dates and event types. Vectors computed by
   the per-article stage (``Analysis.embeddings``, see :func:`claim_texts`) are used as
   they are; only sentences without one are encoded here.
3. **Score** pairs of sentences from different articles (:func:`pair_score`) with a weighted
   sum of text, rare-entity, event, figure and date agreement; pairs are only scored inside
   blocks that share an entity, an event type, a figure group or a date (or whose text cosine
   is high).
4. **Cluster** greedily, best pair first, into claims with at most one sentence per article;
   two clusters merge only when their mean cross score stays above :data:`MERGE_MEAN`
   (a guard against chaining). Near-duplicate sentences of one article join as extra support.
5. **Verdict**: ``contested`` when aligned versions disagree (figures of a ``conflict`` figure
   group with different values, a negation mismatch on the same trigger, or day-precise dates
   of the same event type that differ); ``corroborated`` when ≥2 distinct sources support it;
   ``single_source`` otherwise. A source is the article's outlet (case-folded), or the article
   id when the outlet is unknown.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from corroborate.compare.similarity import (
    SentenceEncoder,
    content_stems,
    default_encoder,
    stem,
    text_score,
    words,
)
from corroborate.embeddings import encode_with_stored, stored_rows
from corroborate.types import (
    AnalyzedArticle,
    Claim,
    ClaimVerdict,
    DateRef,
    Event,
    Evidence,
    FigureGroup,
    StoryEntity,
)

# --------------------------------------------------------------------------- parameters

MIN_WORDS = 6  #: fewer words than this is a fragment
MIN_CHARS = 30
QUOTE_COVER_MAX = 0.6  #: a sentence more than 60% inside direct/partial quotes is a quote
TERMINAL = (".", "!", '"', "”", "’", "'", ")")

#: weights of the pair score (they sum to 1); calibration in docs/claims.md
W_TEXT = 0.50
W_ENTITY = 0.25
W_EVENT = 0.10
W_FIGURE = 0.10
W_DATE = 0.05
#: summed idf of shared entities at which the entity term reaches 1 - 1/e
ENTITY_SCALE = 3.0
#: floor of the score of a pair sharing a figure group and an event type
FIGURE_ANCHOR = 0.5
#: two sentences express the same claim when their pair score reaches this
ALIGN_THRESHOLD = 0.50
#: two clusters merge only if the mean score over all their cross pairs reaches this
MERGE_MEAN = 0.42
#: a single-source sentence right after (or before) a claim's sentence in the same article
#: joins that claim as extra support when it scores this much with another article's member
CONTINUATION = 0.35
#: ... and shares rare entities with it (entity term at least this)
CONTINUATION_ENTITY = 0.5
#: a pair is scored only when it shares a key or its text score reaches this
TEXT_BLOCK = 0.6
#: two sentences of one article with a text score this high are one claim said twice
DUPLICATE_TEXT = 0.95

NEGATION_CUES = frozenset(
    {"not", "n't", "never", "no", "nor", "neither", "without", "nobody", "none"}
)
NEGATION_WINDOW = 3  #: a cue negates a trigger at most this many words ahead
#: Cues that negate a noun phrase, not a verb: they negate the head of the phrase that
#: follows ("no competing extradition *request*", "without *charge*"), i.e. the last word
#: of the run of content words after them, not every word within the window ("no one"
#: is a pronoun: it negates the verb, like "nobody").
NOMINAL_NEGATION_CUES = frozenset({"no", "without"})


# --------------------------------------------------------------------------- sentences


@dataclass
class ClaimSentence:
    """One candidate claim sentence with the features alignment uses."""

    doc: int  # index of the document in the input
    article_id: str
    source: str  # outlet key (case-folded outlet, or the article id)
    label: str  # outlet as shown (outlet, or the article id)
    position: int  # sentence index in the article
    start: int
    end: int
    text: str
    published: str | None
    entities: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    events: tuple[Event, ...] = ()
    figure_groups: dict[str, tuple[float | None, float | None, str]] = field(default_factory=dict)
    figure_keys: frozenset[str] = frozenset()  # "predicate|unit" of figures outside any group
    actors: dict[str, frozenset[str]] = field(default_factory=dict)  # event type -> actor keys
    dates: frozenset[str] = frozenset()  # resolved ISO dates of day precision
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def richness(self) -> int:
        return (
            len(self.entities)
            + len(self.event_types)
            + len(self.figure_groups)
            + len(self.figure_keys)
            + len(self.dates)
        )


def source_key(doc: AnalyzedArticle) -> tuple[str, str]:
    """(key, label) of an article's source: its outlet, or its id when the outlet is unknown."""
    outlet = (doc.article.outlet or "").strip()
    if outlet:
        return outlet.casefold(), outlet
    return f"article:{doc.article.id}", doc.article.id


def _norm(text: str) -> str:
    return " ".join(words(text.lower()))


def _quote_cover(start: int, end: int, spans: Sequence[tuple[int, int]]) -> float:
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return covered / max(1, end - start)


def claim_sentences(doc: AnalyzedArticle) -> list[tuple[int, int, int]]:
    """(position, start, end) of the sentences of ``doc`` that are claim candidates."""
    article, analysis = doc.article, doc.analysis
    text = article.text
    title = _norm(article.title or "")
    quote_spans = [(q.start, q.end) for q in analysis.quotes if q.kind in ("direct", "partial")]
    mention_starts = sorted(m.start for ent in analysis.entities for m in ent.mentions)
    anchors = sorted(
        [f.start for f in analysis.figures]
        + [d.start for d in analysis.dates if d.date is not None]
        + [e.trigger.start for e in analysis.events]
    )
    out: list[tuple[int, int, int]] = []
    for position, (start, end) in enumerate(analysis.sentences):
        sentence = text[start:end]
        if "\n" in sentence.strip():
            continue  # a heading run into a paragraph: the parse is unreliable
        if len(sentence) < MIN_CHARS or len(words(sentence)) < MIN_WORDS:
            continue
        if title and _norm(sentence) == title:
            continue  # the headline: compressed, often hedged; the lead says it in full
        if not sentence.rstrip().endswith(TERMINAL) or sentence.rstrip().endswith("?"):
            continue  # captions, teasers and questions assert nothing checkable
        if _quote_cover(start, end, quote_spans) > QUOTE_COVER_MAX:
            continue
        has_anchor = any(start <= a < end for a in anchors)
        has_entity = any(start <= m < end for m in mention_starts)
        if has_anchor or has_entity:
            out.append((position, start, end))
    return out


def claim_texts(doc: AnalyzedArticle) -> list[str]:
    """The texts of ``doc``'s claim candidates: what :func:`align_claims` embeds, so the
    per-article stage can embed them ahead (``Analysis.embeddings``)."""
    return [doc.article.text[start:end] for _, start, end in claim_sentences(doc)]


def _build_sentences(
    docs: Sequence[AnalyzedArticle],
    entity_of: dict[tuple[str, str], str],
    group_of: dict[tuple[str, int], tuple[str, float | None, float | None, str]],
) -> list[ClaimSentence]:
    out: list[ClaimSentence] = []
    for index, doc in enumerate(docs):
        article, analysis = doc.article, doc.analysis
        key, label = source_key(doc)
        names = {ent.id: ent.name for ent in analysis.entities}
        mentions = [
            (m.start, entity_of.get((article.id, ent.id), f"{article.id}/{ent.id}"))
            for ent in analysis.entities
            for m in ent.mentions
        ]
        for position, start, end in claim_sentences(doc):
            events = tuple(e for e in analysis.events if start <= e.trigger.start < end)
            groups: dict[str, tuple[float | None, float | None, str]] = {}
            loose: set[str] = set()
            for fig in analysis.figures:
                if not start <= fig.start < end:
                    continue
                hit = group_of.get((article.id, fig.start))
                if hit is not None:
                    groups[hit[0]] = (hit[1], hit[2], fig.text)
                elif fig.predicate:
                    loose.add(f"{fig.predicate}|{fig.unit}")
            dates = frozenset(
                d.date
                for d in analysis.dates
                if start <= d.start < end and d.date is not None and d.precision == "day"
            )
            actors: dict[str, set[str]] = defaultdict(set)
            for event in events:
                for actor in event.actors:
                    if actor in names:
                        actors[event.type].add(entity_of.get((article.id, actor), actor))
                        actors[event.type].update(content_stems(names[actor]))
                    else:
                        actors[event.type].update(content_stems(actor))
            out.append(
                ClaimSentence(
                    doc=index,
                    article_id=article.id,
                    source=key,
                    label=label,
                    position=position,
                    start=start,
                    end=end,
                    text=article.text[start:end],
                    published=article.published,
                    entities=frozenset(e for s, e in mentions if start <= s < end),
                    event_types=frozenset(e.type for e in events),
                    events=events,
                    figure_groups=groups,
                    figure_keys=frozenset(loose),
                    dates=dates,
                    actors={t: frozenset(v) for t, v in actors.items() if v},
                )
            )
    return out


# --------------------------------------------------------------------------- scoring


def _entity_idf(sentences: Sequence[ClaimSentence]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for s in sentences:
        for e in s.entities:
            df[e] += 1
    n = max(2, len(sentences))
    return {e: math.log(n / c) for e, c in df.items()}


def pair_score(
    a: ClaimSentence, b: ClaimSentence, text: float, idf: dict[str, float]
) -> tuple[float, dict[str, float]]:
    """The weighted agreement of two sentences, with its parts (all in [0, 1])."""
    shared_idf = sum(idf.get(e, 0.0) for e in a.entities & b.entities)
    entity = 1.0 - math.exp(-shared_idf / ENTITY_SCALE)
    shared_types = a.event_types & b.event_types
    smaller = min(len(a.event_types), len(b.event_types))
    event = len(shared_types) / smaller if smaller else 0.0
    if shared_types and all(
        t in a.actors and t in b.actors and not a.actors[t] & b.actors[t] for t in shared_types
    ):
        event = -1.0  # same kind of event, done by different actors: a different fact
    if set(a.figure_groups) & set(b.figure_groups):
        figure = 1.0
    elif a.figure_keys & b.figure_keys:
        figure = 0.5
    else:
        figure = 0.0
    date = 1.0 if a.dates & b.dates else 0.0
    parts = {"text": text, "entity": entity, "event": event, "figure": figure, "date": date}
    score = W_TEXT * text + W_ENTITY * entity + W_EVENT * event + W_FIGURE * figure + W_DATE * date
    if figure == 1.0 and event >= 0.0 and (event > 0.0 or entity > 0.0 or text >= 0.2):
        # both carry a figure the figure stage judged to measure the same thing, and share
        # an event type, an entity or some wording: the same fact, however differently
        # worded (or valued); an actor mismatch (event < 0) vetoes
        score = max(score, FIGURE_ANCHOR)
    if entity > 0.0 and text >= 0.2 and (_polarity_conflict(a, b) or _polarity_conflict(b, a)):
        # "X was released" / "X was not released": one predicate about one entity, asserted
        # by one and negated by the other -- two versions of one fact
        score = max(score, FIGURE_ANCHOR)
    return score, parts


def _blocks(sentences: Sequence[ClaimSentence], idf: dict[str, float]) -> set[tuple[int, int]]:
    """Candidate pairs (i < j, different articles) sharing a rare-enough key."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        keys = [f"e:{e}" for e in s.entities if idf.get(e, 0.0) > 0.0]
        keys += [f"t:{t}" for t in s.event_types]
        keys += [f"g:{g}" for g in s.figure_groups] + [f"f:{k}" for k in s.figure_keys]
        keys += [f"d:{d}" for d in s.dates]
        for key in keys:
            index[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if sentences[i].doc != sentences[j].doc:
                    pairs.add((i, j))
    return pairs


# --------------------------------------------------------------------------- clustering


def _cluster(
    n: int,
    scored: dict[tuple[int, int], float],
    entity_part: dict[tuple[int, int], float],
    sentences: Sequence[ClaimSentence],
) -> list[list[int]]:
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def score(i: int, j: int) -> float:
        return scored.get((i, j) if i < j else (j, i), 0.0)

    for (i, j), value in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
        if value < ALIGN_THRESHOLD:
            break
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a, b = members[ci], members[cj]
        if {sentences[x].doc for x in a} & {sentences[y].doc for y in b}:
            continue  # one sentence per article per claim
        mean = sum(score(x, y) for x in a for y in b) / (len(a) * len(b))
        if mean < MERGE_MEAN:
            continue  # would chain two different claims through one bridging sentence
        for x in b:
            cluster_of[x] = ci
        members[ci] = a + b
        del members[cj]
    _attach_continuations(members, scored, entity_part, sentences)
    return [sorted(m) for m in members.values()]


def _attach_continuations(
    members: dict[int, list[int]],
    scored: dict[tuple[int, int], float],
    entity_part: dict[tuple[int, int], float],
    sentences: Sequence[ClaimSentence],
) -> None:
    """Fold a lone sentence into the multi-article claim its neighbour sentence belongs to.

    Articles spread one fact over two sentences ("X handed over a list ... The list includes
    Y and Z"); the one-sentence-per-article rule would leave the second one alone.
    """
    at: dict[tuple[int, int], int] = {}
    for cid, group in members.items():
        if len({sentences[x].doc for x in group}) > 1:
            for x in group:
                at[(sentences[x].doc, sentences[x].position)] = cid
    for cid, group in list(members.items()):
        if len(group) != 1 or cid not in members:
            continue
        lone = sentences[group[0]]
        for step in (-1, 1):
            target = at.get((lone.doc, lone.position + step))
            if target is None:
                continue
            others = [x for x in members[target] if sentences[x].doc != lone.doc]
            best = max(
                (scored.get((min(x, group[0]), max(x, group[0])), 0.0) for x in others),
                default=0.0,
            )
            shares_rare = any(
                entity_part.get((min(x, group[0]), max(x, group[0])), 0.0) >= CONTINUATION_ENTITY
                for x in others
            )
            if best >= CONTINUATION and shares_rare:
                host = next(x for x in members[target] if sentences[x].doc == lone.doc)
                sentences[host].duplicates.append((lone.start, lone.end, lone.text))
                del members[cid]
                break


# --------------------------------------------------------------------------- verdicts


@lru_cache(maxsize=16384)
def _negated_stems(text: str) -> frozenset[str]:
    """Stems of the words that a negation cue governs (within a few words to its right).
    Cached: every pair a sentence is scored in asks again."""
    tokens = [w.lower().replace("’", "'") for w in re.findall(r"n't|n’t|[\w']+", text)]
    out: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok in NOMINAL_NEGATION_CUES and tokens[i + 1 : i + 2] != ["one"]:
            head = _phrase_head(tokens[i + 1 : i + 1 + NEGATION_WINDOW])
            if head is not None:
                out.add(stem(head))
        elif tok in NEGATION_CUES or tok.endswith("n't"):
            for nxt in tokens[i + 1 : i + 1 + NEGATION_WINDOW]:
                out.add(stem(nxt))
    return frozenset(out)


def _phrase_head(words: Sequence[str]) -> str | None:
    """The last word of the leading run of content words (the head of a noun phrase)."""
    head = None
    for word in words:
        if word in STOP_WORDS:
            break
        head = word
    return head


def _polarity_conflict(a: ClaimSentence, b: ClaimSentence) -> str | None:
    """A trigger asserted in ``a`` that ``b`` negates (or None)."""
    negated = _negated_stems(b.text)
    for event in a.events:
        trigger = stem(event.trigger.text.split()[-1])
        if trigger in negated:
            return event.trigger.text
    return None


def _conflicts(
    members: Sequence[ClaimSentence], groups: dict[str, FigureGroup]
) -> tuple[list[ClaimSentence], list[str]]:
    """The members whose version is incompatible with the representative's, and why."""
    rep = members[0]
    bad: list[ClaimSentence] = []
    reasons: list[str] = []
    for other in members[1:]:
        why: list[str] = []
        for gid, (low, high, text) in rep.figure_groups.items():
            group = groups.get(gid)
            theirs = other.figure_groups.get(gid)
            if group is None or theirs is None or group.verdict != "conflict":
                continue
            if not _overlap(low, high, theirs[0], theirs[1]):
                why.append(f"figure '{text}' vs '{theirs[2]}' ({group.measure}: verdict conflict)")
        negated = _polarity_conflict(rep, other) or _polarity_conflict(other, rep)
        if negated is not None:
            why.append(f"one version negates '{negated}'")
        for etype in rep.event_types & other.event_types:
            d1 = {e.date.date for e in rep.events if e.type == etype and e.date and _day(e.date)}
            d2 = {e.date.date for e in other.events if e.type == etype and e.date and _day(e.date)}
            if d1 and d2 and not d1 & d2:
                why.append(
                    f"{etype} dated {', '.join(sorted(map(str, d1)))} vs "
                    f"{', '.join(sorted(map(str, d2)))}"
                )
        if why:
            bad.append(other)
            reasons.append(f"{other.label}: " + "; ".join(why))
    return bad, reasons


def _overlap(lo1: float | None, hi1: float | None, lo2: float | None, hi2: float | None) -> bool:
    """Whether two intervals (None = open end) share a value."""
    low = max(-math.inf if lo1 is None else lo1, -math.inf if lo2 is None else lo2)
    high = min(math.inf if hi1 is None else hi1, math.inf if hi2 is None else hi2)
    return low <= high


def _day(date: DateRef | None) -> bool:
    return date is not None and date.date is not None and date.precision == "day"


def _evidence(s: ClaimSentence) -> list[Evidence]:
    out = [Evidence(s.article_id, s.start, s.end, s.text)]
    out.extend(Evidence(s.article_id, st, en, tx) for st, en, tx in s.duplicates)
    return out


def _claim_id(support: Iterable[Evidence]) -> str:
    key = "|".join(sorted(f"{e.article_id}:{e.start}:{e.end}" for e in support))
    return "claim-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _make_claim(members: list[ClaimSentence], groups: dict[str, FigureGroup]) -> Claim:
    # representative: the most complete (most features), then the earliest article/position
    members = sorted(
        members,
        key=lambda s: (-s.richness, s.published or "9999", s.doc, s.position),
    )
    rep = members[0]
    support = [ev for s in sorted(members, key=lambda s: (s.doc, s.start)) for ev in _evidence(s)]
    outlets = list(dict.fromkeys(s.label for s in sorted(members, key=lambda s: s.doc)))
    sources = {s.source for s in members}
    bad, reasons = _conflicts(members, groups) if len(members) > 1 else ([], [])
    verdict: ClaimVerdict
    if bad:
        verdict = "contested"
        contradicted = tuple(ev for s in bad for ev in _evidence(s))
        explanation = f"versions disagree with '{rep.label}': " + " | ".join(reasons)
    elif len(sources) >= 2:
        verdict, contradicted = "corroborated", ()
        explanation = f"reported by {len(sources)} sources: {', '.join(outlets)}"
    else:
        verdict, contradicted = "single_source", ()
        explanation = f"reported only by {outlets[0]}"
    return Claim(
        id=_claim_id(support),
        text=rep.text,
        verdict=verdict,
        support=tuple(support),
        outlets=tuple(outlets),
        contradicted_by=contradicted,
        explanation=explanation,
    )


# --------------------------------------------------------------------------- public


def _merge_duplicates(
    sentences: list[ClaimSentence], text_matrix: np.ndarray, encoder: SentenceEncoder
) -> list[int]:
    """Indices of the sentences kept after folding each article's near-duplicates."""
    keep: list[int] = []
    by_doc: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        dup_of = next(
            (
                k
                for k in by_doc[s.doc]
                if text_score(float(text_matrix[i, k]), encoder) >= DUPLICATE_TEXT
            ),
            None,
        )
        if dup_of is None:
            by_doc[s.doc].append(i)
            keep.append(i)
        else:
            sentences[dup_of].duplicates.append((s.start, s.end, s.text))
    return keep


def align_claims(
    docs: Sequence[AnalyzedArticle],
    entities: Sequence[StoryEntity],
    figures: Sequence[FigureGroup] = (),
    *,
    encoder: SentenceEncoder | None = None,
) -> tuple[Claim, ...]:
    """The claims of one story: checkable sentences aligned across articles, with verdicts.

    ``entities`` map each article's local entities onto story entities (``local_ids``);
    ``figures`` are the story's figure groups (a claim whose aligned versions carry
    different values of a ``conflict`` group is contested). Claims come out with the most
    widely reported first, then in reading order.
    """
    encoder = encoder or default_encoder()
    entity_of = {pair: ent.id for ent in entities for pair in ent.local_ids}
    group_of = {
        (r.article_id, r.start): (g.id, r.low, r.high, r.text) for g in figures for r in g.reports
    }
    groups = {g.id: g for g in figures}
    all_sentences = _build_sentences(docs, entity_of, group_of)
    if not all_sentences:
        return ()
    stored = stored_rows((p for d in docs for p in d.analysis.embeddings), encoder.name)
    vectors = encode_with_stored(encoder, [s.text for s in all_sentences], stored)
    cos_all = vectors @ vectors.T
    keep = _merge_duplicates(all_sentences, cos_all, encoder)
    sentences = [all_sentences[i] for i in keep]
    cos = cos_all[np.ix_(keep, keep)]
    idf = _entity_idf(sentences)
    candidates = _blocks(sentences, idf)
    high = np.argwhere(
        np.triu(cos, 1) >= encoder.floor + TEXT_BLOCK * (encoder.ceiling - encoder.floor)
    )
    candidates.update(
        (int(i), int(j)) for i, j in high if sentences[int(i)].doc != sentences[int(j)].doc
    )
    scored: dict[tuple[int, int], float] = {}
    entity_part: dict[tuple[int, int], float] = {}
    for i, j in candidates:
        value, parts = pair_score(
            sentences[i], sentences[j], text_score(float(cos[i, j]), encoder), idf
        )
        scored[(i, j)] = value
        entity_part[(i, j)] = parts["entity"]
    clusters = _cluster(len(sentences), scored, entity_part, sentences)
    claims = [_make_claim([sentences[i] for i in c], groups) for c in clusters]
    first = {
        id(c): min((s.doc, s.start) for s in [sentences[i] for i in cl])
        for c, cl in zip(claims, clusters, strict=True)
    }
    claims.sort(key=lambda c: (-len(set(c.outlets)), first[id(c)]))
    return tuple(claims)
