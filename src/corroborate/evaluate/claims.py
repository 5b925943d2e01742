"""The harness's claims measure: do the dossier's claims group the sentences that state one fact?

Gold (``claims/``): per story, its articles' sentences (``stories/<story>.json``) and the facts
annotated on them (``facts/<story>.json``: each fact lists the sentence ids that state it;
``conflicts`` join two facts that cannot both be true).

**Mapping the dossier onto gold sentences.** A dossier article is a gold article when its id
(or one of its ``sources`` ids / ``duplicate_ids``) is the gold id. Cleaning may change the
text, so each gold sentence is *located* in the dossier article's ``text``: its exact text
searched from where the previous one ended, else anywhere, else with whitespace runs collapsed
on both sides; a sentence that cannot be found has no image (it can be in no predicted pair:
any gold pair it is part of counts as missed). A dossier span (claim support, contradicting
version, figure report) *covers* a located gold sentence when their overlap is at least half
of the shorter of the two. A span that covers no gold sentence (a line the annotators skipped
as page furniture, or text cleaning changed beyond recognition) is ignored; their number is
in ``info["unmapped spans"]``.

**Measures.** Over all pairs of sentences of *different* articles of one gold story:
a gold pair shares a fact; a predicted pair has both sentences covered by the support of
one claim (of any dossier story). Pairwise precision, recall, F1 and MCC follow. Baseline
(same computation): every sentence of a story in one claim (recall 1, MCC 0).

- *single_source stated elsewhere*: of the ``single_source`` claims whose support covers an
  annotated sentence (one that states some fact), the share with a sentence stating a fact
  that another article also states, where that fact is not shown as corroborated for that
  sentence by another claim (a claim covering the sentence and another article's sentence
  of the fact). With atomic claims, one sentence can be in a corroborated claim (its arrest)
  and a single-source one (the place): the second is not an error.
- *corroborated sharing no fact*: of the ``corroborated`` claims whose support covers
  sentences of at least two gold articles, the share where no fact is stated by covered
  sentences of two different articles (unannotated sentences state nothing).
- *contested*: the product's contested items are ``contested`` claims (support and
  ``contradicted_by``) and figure groups with verdict ``conflict`` (their reports). An item
  *finds* a gold conflict (facts a, b) when it covers a sentence stating a and a different
  sentence stating b. Recall = gold conflicts found by some item; precision = items (that
  cover some gold sentence) finding some gold conflict.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from corroborate.evaluate.table import Row, Section

#: Issue 10's targets: metric -> (comparison, value).
TARGETS: dict[str, tuple[str, float]] = {
    "pair F1": (">=", 0.60),
    "pair MCC": (">=", 0.50),
    "single_source stated elsewhere": ("<=", 0.15),
    "corroborated sharing no fact": ("<=", 0.10),
    "contested recall": (">=", 0.60),
    "contested precision": (">=", 0.70),
}
#: a span covers a sentence when they overlap on at least this share of the shorter one
MIN_OVERLAP = 0.5

Sid = str  # "ARTICLE_ID:N"


@dataclass(frozen=True)
class GoldStory:
    """One annotated story: sentence spans per article, facts and conflicts."""

    story: str
    source: str
    sentences: dict[str, list[tuple[Sid, str]]]  # article id -> [(sid, text)] in order
    facts: dict[str, frozenset[Sid]]  # fact id -> sids stating it
    conflicts: tuple[tuple[str, str], ...]

    def facts_of(self) -> dict[Sid, frozenset[str]]:
        """Sentence id -> the facts it states."""
        out: dict[Sid, set[str]] = defaultdict(set)
        for fid, sids in self.facts.items():
            for sid in sids:
                out[sid].add(fid)
        return {sid: frozenset(f) for sid, f in out.items()}


def load_gold(claims_dir: Path) -> list[GoldStory]:
    """The annotated stories of ``claims_dir`` (``stories/`` and ``facts/``), sorted by name."""
    out: list[GoldStory] = []
    for path in sorted((claims_dir / "stories").glob("*.json")):
        story = json.loads(path.read_text(encoding="utf-8"))
        facts = json.loads((claims_dir / "facts" / path.name).read_text(encoding="utf-8"))
        out.append(
            GoldStory(
                story=story["story"],
                source=story.get("source") or story["story"].split("-")[0],
                sentences={
                    a["id"]: [(s["sid"], s["text"]) for s in a["sentences"]]
                    for a in story["articles"]
                },
                facts={f["id"]: frozenset(f["sids"]) for f in facts["facts"]},
                conflicts=tuple((c["facts"][0], c["facts"][1]) for c in facts["conflicts"]),
            )
        )
    return out


# --------------------------------------------------------------------------- alignment


def _collapsed(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs made one space, and each kept character's offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for m in re.finditer(r"\S+", text):
        if chars:
            chars.append(" ")
            offsets.append(m.start() - 1)
        chars.extend(m.group())
        offsets.extend(range(m.start(), m.end()))
    return "".join(chars), offsets


def locate_sentences(sentences: Sequence[tuple[Sid, str]], text: str) -> dict[Sid, tuple[int, int]]:
    """Spans in ``text`` of the gold sentences that can be found there (see module doc)."""
    out: dict[Sid, tuple[int, int]] = {}
    collapsed: tuple[str, list[int]] | None = None
    cursor = 0
    for sid, raw in sentences:
        needle = raw.strip()
        if not needle:
            continue
        at = text.find(needle, cursor)
        if at < 0:
            at = text.find(needle)
        if at >= 0:
            out[sid] = (at, at + len(needle))
            cursor = at + len(needle)
            continue
        if collapsed is None:
            collapsed = _collapsed(text)
        squeezed = " ".join(needle.split())
        at = collapsed[0].find(squeezed)
        if at >= 0:
            start = collapsed[1][at]
            end = collapsed[1][at + len(squeezed) - 1] + 1
            out[sid] = (start, end)
            cursor = end
    return out


def _covers(span: tuple[int, int], sentence: tuple[int, int]) -> bool:
    overlap = min(span[1], sentence[1]) - max(span[0], sentence[0])
    shorter = min(span[1] - span[0], sentence[1] - sentence[0])
    return overlap > 0 and overlap >= MIN_OVERLAP * max(1, shorter)


class _Mapper:
    """Maps dossier spans (article id, start, end) onto gold sentence ids."""

    def __init__(self, dossier: Mapping[str, Any], gold: Sequence[GoldStory]) -> None:
        gold_ids = {aid: g for g in gold for aid in g.sentences}
        self.located: dict[str, list[tuple[Sid, tuple[int, int]]]] = {}
        self.unlocated = 0
        self.sentence_count = 0
        for article in dossier.get("articles", []):
            names = [article.get("id")]
            names += [s.get("id") for s in article.get("sources", [])]
            names += list(article.get("duplicate_ids", []))
            gid = next((n for n in names if n in gold_ids), None)
            if gid is None or article["id"] in self.located:
                continue
            sentences = gold_ids[gid].sentences[gid]
            spans = locate_sentences(sentences, article.get("text") or "")
            self.located[article["id"]] = sorted(spans.items(), key=lambda kv: kv[1])
        for story in gold:
            for sentences in story.sentences.values():
                self.sentence_count += len(sentences)
        self.found = sum(len(v) for v in self.located.values())
        self.unmapped_spans = 0
        self.mapped_spans = 0

    def sids(self, spans: Iterable[Mapping[str, Any]]) -> set[Sid]:
        out: set[Sid] = set()
        for span in spans:
            located = self.located.get(span.get("article_id", ""))
            if located is None:
                continue
            hit = {
                sid
                for sid, sentence in located
                if _covers((int(span["start"]), int(span["end"])), sentence)
            }
            if hit:
                self.mapped_spans += 1
            else:
                self.unmapped_spans += 1
            out |= hit
        return out


def _article(sid: Sid) -> str:
    return sid.rsplit(":", 1)[0]


# --------------------------------------------------------------------------- scores


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif pred:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def __add__(self, other: _Counts) -> _Counts:
        return _Counts(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    def mcc(self) -> float:
        tp, fp, fn, tn = self.tp, self.fp, self.fn, self.tn
        den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
        return (tp * tn - fp * fn) / den if den else 0.0


def _ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _row(metric: str, ours: float | None, baseline: float | None = None, note: str = "") -> Row:
    target = TARGETS.get(metric)
    met = None
    if target is not None and ours is not None:
        met = ours >= target[1] if target[0] == ">=" else ours <= target[1]
    return Row(
        measure="claims",
        corpus="claims",
        metric=metric,
        ours=None if ours is None else round(ours, 4),
        baseline=None if baseline is None else round(baseline, 4),
        target=None if target is None else f"{target[0]} {target[1]:.2f}",
        met=met,
        note=note,
    )


def _claims(dossier: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for s in dossier.get("stories", []) for c in s.get("claims", [])]


@dataclass
class Tally:
    """The counts behind the claims rows (summable over stories: the fitting script pools
    them, bench/fit_same_fact.py)."""

    ours: _Counts = field(default_factory=_Counts)
    base: _Counts = field(default_factory=_Counts)
    by_source: dict[str, _Counts] = field(default_factory=lambda: defaultdict(_Counts))
    single_bad: int = 0
    single_total: int = 0
    corr_bad: int = 0
    corr_total: int = 0
    found: int = 0
    conflicts: int = 0
    right: int = 0
    items: int = 0
    info: dict[str, Any] = field(default_factory=dict)

    def __add__(self, other: Tally) -> Tally:
        out = Tally(
            ours=self.ours + other.ours,
            base=self.base + other.base,
            single_bad=self.single_bad + other.single_bad,
            single_total=self.single_total + other.single_total,
            corr_bad=self.corr_bad + other.corr_bad,
            corr_total=self.corr_total + other.corr_total,
            found=self.found + other.found,
            conflicts=self.conflicts + other.conflicts,
            right=self.right + other.right,
            items=self.items + other.items,
        )
        for src in self.by_source.keys() | other.by_source.keys():
            out.by_source[src] = self.by_source.get(src, _Counts()) + other.by_source.get(
                src, _Counts()
            )
        return out

    def value(self, metric: str) -> float | None:
        """One measure by its row name."""
        p, r, f = self.ours.prf()
        return {
            "pair precision": p,
            "pair recall": r,
            "pair F1": f,
            "pair MCC": self.ours.mcc(),
            "single_source stated elsewhere": _ratio(self.single_bad, self.single_total),
            "corroborated sharing no fact": _ratio(self.corr_bad, self.corr_total),
            "contested recall": _ratio(self.found, self.conflicts),
            "contested precision": _ratio(self.right, self.items),
        }[metric]


def score_claims(dossier: dict[str, Any], claims_dir: Path) -> Section:
    """Score the dossier's claims against the hand-annotated facts of ``claims_dir``."""
    tally = tally_claims(dossier, load_gold(claims_dir))
    t = tally
    bp, br, bf = t.base.prf()
    rows = (
        _row("pair precision", t.value("pair precision"), bp),
        _row("pair recall", t.value("pair recall"), br),
        _row("pair F1", t.value("pair F1"), bf, note=f"{t.ours.tp + t.ours.fn} gold pairs"),
        _row("pair MCC", t.value("pair MCC"), t.base.mcc()),
        _row(
            "single_source stated elsewhere",
            t.value("single_source stated elsewhere"),
            note=f"{t.single_bad}/{t.single_total} single_source claims on annotated sentences",
        ),
        _row(
            "corroborated sharing no fact",
            t.value("corroborated sharing no fact"),
            note=f"{t.corr_bad}/{t.corr_total} corroborated claims over >= 2 gold articles",
        ),
        _row(
            "contested recall",
            t.value("contested recall"),
            note=f"{t.found}/{t.conflicts} annotated conflicts found",
        ),
        _row(
            "contested precision",
            t.value("contested precision"),
            note=f"{t.right}/{t.items} contested claims and conflicting figure groups",
        ),
    )
    info = dict(t.info)
    info["by source"] = {
        src: {
            "pair F1": round(c.prf()[2], 4),
            "pair MCC": round(c.mcc(), 4),
            "gold pairs": c.tp + c.fn,
        }
        for src, c in sorted(t.by_source.items())
    }
    return Section(name="claims", rows=rows, info=info)


def _same_story_share(
    dossier: Mapping[str, Any], mapper: _Mapper, gold: Sequence[GoldStory]
) -> float | None:
    """Share of gold pairs whose two articles the product put in one story: the recall the
    claims stage can reach at most (claims never cross stories)."""
    story_of: dict[str, int] = {}
    for n, story in enumerate(dossier.get("stories", [])):
        for aid in story.get("article_ids", []):
            story_of.setdefault(aid, n)
    located = set(mapper.located)
    hits = total = 0
    for g in gold:
        facts = g.facts_of()
        sids = sorted(facts)
        for a, b in combinations(sids, 2):
            if _article(a) == _article(b) or not facts[a] & facts[b]:
                continue
            total += 1
            sa, sb = story_of.get(_article(a)), story_of.get(_article(b))
            hits += sa is not None and sa == sb and {_article(a), _article(b)} <= located
    return round(hits / total, 4) if total else None


def tally_claims(dossier: Mapping[str, Any], gold: Sequence[GoldStory]) -> Tally:
    """The counts of every claims measure for ``dossier`` against ``gold``."""
    mapper = _Mapper(dossier, gold)
    claims = _claims(dossier)
    claim_sids = [(c, mapper.sids(c.get("support", []))) for c in claims]

    together: set[tuple[Sid, Sid]] = set()
    for _, sids in claim_sids:
        for a, b in combinations(sorted(sids), 2):
            if _article(a) != _article(b):
                together.add((a, b))

    ours, base = _Counts(), _Counts()
    by_source: dict[str, _Counts] = defaultdict(_Counts)
    facts_of: dict[Sid, frozenset[str]] = {}
    for story in gold:
        fo = story.facts_of()
        facts_of.update(fo)
        story_sids = sorted(sid for sents in story.sentences.values() for sid, _ in sents)
        for a, b in combinations(story_sids, 2):
            if _article(a) == _article(b):
                continue
            is_gold = bool(fo.get(a, frozenset()) & fo.get(b, frozenset()))
            pred = (a, b) in together
            ours.add(is_gold, pred)
            by_source[story.source].add(is_gold, pred)
            base.add(is_gold, True)

    # which (sentence, fact) pairs some claim shows corroborated by another article
    fact_articles: dict[str, set[str]] = defaultdict(set)  # "story/fact" keys via sids
    sid_story = {sid: g for g in gold for sents in g.sentences.values() for sid, _ in sents}
    for sid, fids in facts_of.items():
        for fid in fids:
            fact_articles[f"{sid_story[sid].story}/{fid}"].add(_article(sid))
    shown: set[tuple[Sid, str]] = set()
    for _, sids in claim_sids:
        for sid in sids:
            for fid in facts_of.get(sid, ()):
                if any(_article(o) != _article(sid) and fid in facts_of.get(o, ()) for o in sids):
                    shown.add((sid, fid))

    single_total = single_bad = 0
    corr_total = corr_bad = 0
    for claim, sids in claim_sids:
        verdict = claim.get("verdict")
        if verdict == "single_source":
            annotated = [s for s in sids if facts_of.get(s)]
            if not annotated:
                continue
            single_total += 1
            single_bad += any(
                len(fact_articles[f"{sid_story[s].story}/{fid}"] - {_article(s)}) > 0
                and (s, fid) not in shown
                for s in annotated
                for fid in facts_of[s]
            )
        elif verdict == "corroborated":
            if len({_article(s) for s in sids}) < 2:
                continue
            corr_total += 1
            arts: dict[str, set[str]] = defaultdict(set)
            for s in sids:
                for fid in facts_of.get(s, ()):
                    arts[fid].add(_article(s))
            corr_bad += not any(len(a) >= 2 for a in arts.values())

    # contested items: contested claims and conflicting figure groups
    items: list[set[Sid]] = []
    for claim, sids in claim_sids:
        if claim.get("verdict") == "contested":
            items.append(sids | mapper.sids(claim.get("contradicted_by", [])))
    for story in dossier.get("stories", []):
        for group in story.get("figures", []):
            if group.get("verdict") == "conflict":
                items.append(mapper.sids(group.get("reports", [])))
    items = [i for i in items if i]
    gold_conflicts = [
        (g.facts.get(a, frozenset()), g.facts.get(b, frozenset()))
        for g in gold
        for a, b in g.conflicts
    ]

    def finds(item: set[Sid], conflict: tuple[frozenset[Sid], frozenset[Sid]]) -> bool:
        left, right = item & conflict[0], item & conflict[1]
        return any(x != y for x in left for y in right)

    found = sum(any(finds(i, c) for i in items) for c in gold_conflicts)
    right = sum(any(finds(i, c) for c in gold_conflicts) for i in items)

    tally = Tally(
        ours=ours,
        base=base,
        single_bad=single_bad,
        single_total=single_total,
        corr_bad=corr_bad,
        corr_total=corr_total,
        found=found,
        conflicts=len(gold_conflicts),
        right=right,
        items=len(items),
    )
    tally.by_source.update(by_source)
    tally.info = {
        "stories": len(gold),
        "articles": sum(len(g.sentences) for g in gold),
        "sentences": mapper.sentence_count,
        "sentences located": mapper.found,
        "articles matched": len(mapper.located),
        "mapped spans": mapper.mapped_spans,
        "unmapped spans": mapper.unmapped_spans,
        "gold pairs in one dossier story": _same_story_share(dossier, mapper, gold),
        "claims": len(claims),
    }
    return tally
