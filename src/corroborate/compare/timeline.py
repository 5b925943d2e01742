"""The story's merged timeline: dated events and dated statements from every article.

Per article, every resolved date expression gives at most one *candidate*: the event
(``Analysis.events``) dated by it, or else the sentence holding it (a *dated statement*, which
is how announced and planned happenings reach the timeline: the event extractor keeps only
asserted events). Candidates reported by several outlets are then merged into one
:class:`~corroborate.types.TimelineEntry` with one :class:`~corroborate.types.TimelineReport`
per date expression. Rules and thresholds: ``docs/timeline.md``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz import fuzz
from unidecode import unidecode

from corroborate.analyze.wire_dateline import wire_dateline
from corroborate.types import (
    AnalyzedArticle,
    DateRef,
    Event,
    Precision,
    StoryEntity,
    TimelineEntry,
    TimelineReport,
)

#: Wording similarity (rapidfuzz token_set_ratio of content words, 0-100) above which two
#: candidates on compatible dates merge even without an event type in common.
SIM_UNTYPED = 75
#: ... above which two same-type candidates on nested periods (a day inside a week or month)
#: merge without a shared participant.
SIM_NESTED = 60
#: ... above which a participant or place mismatch is overridden (same type, same period).
SIM_OVERRIDE = 80
#: Plain-text arguments ("Russia's foreign ministry") match at this token_set_ratio.
ARG_MATCH = 85
#: Description clause length (characters) before it is cut at a word boundary.
CLAUSE_LIMIT = 180
#: Names shown per role (actors / targets) in a description.
MAX_NAMES = 2

_PRECISION_RANK: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}
_CONTEXT_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
_PRONOUNS = frozenset(
    {
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "them",
        "his",
        "its",
        "their",
        "we",
        "us",
        "i",
        "you",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
    }
)
_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        """a an the of to in on at by for from with and or but as is are was were be been being
        has have had that this these those which who whom it its he she they them his her their
        said says say would will could should may might can than then there also after before
        over into about up out not no new""",
    )
)
# "recent weeks", "the coming weeks", "past few days": spans, not dates.
_VAGUE = re.compile(
    r"\b(?:recent|coming|past|next|last|previous|following)\s+(?:few\s+|several\s+|couple\s+of\s+)?"
    r"(?:days|weeks|months|years)\b",
    re.I,
)
_ADVERBIAL_YEAR = re.compile(
    r"(?:\b(?:in|since|during|by|until)\s+(?:early\s+|late\s+|mid-?)?)$", re.I
)

#: Schedulable happenings recognised in a dated statement without an event frame. Only
#: types that are announced ahead: an adjective like "the jailed politician" must not turn a
#: statement into a detention.
STATEMENT_KEYWORDS: dict[str, re.Pattern[str]] = {
    "meeting": re.compile(
        r"\b(?:meet|meets|meeting|meetings|summit|talks|conference|videoconference|"
        r"negotiations?|(?:video|phone|conference)\s+(?:call|link))\b",
        re.I,
    ),
    "protest": re.compile(
        r"\b(?:protests?|protesters?|protesting|rall(?:y|ies)|demonstrations?|marches)\b", re.I
    ),
    "election": re.compile(r"\b(?:elections?|referendum|ballot|polls)\b", re.I),
    "trial": re.compile(r"\b(?:trial|hearing|verdict|sentencing)\b", re.I),
    "visit": re.compile(r"\b(?:visit|visits|visiting|trip)\b", re.I),
    "strike": re.compile(r"\b(?:strike|strikes|walkout)\b", re.I),
}
#: Prepositions introducing targets in a description, by event type (default "of").
_TARGET_PREP = {
    "meeting": "with",
    "visit": "to",
    "charge": "against",
    "sanction": "against",
    "attack": "on",
    "protest": "against",
    "statement": "on",
    "election": "of",
}
#: Event types whose subject undergoes them ("Greaves resigned": resignation *of* Greaves).
_SUBJECT_UNDERGOES = frozenset({"resignation", "death", "injury"})
#: Event types that merely report another happening ("announced ..."): they join an entry of
#: another type when participants agree, and yield their type to it.
WEAK_TYPES = frozenset({"statement"})


# --------------------------------------------------------------------------- candidates


@dataclass
class _Candidate:
    index: int
    article_id: str
    order: int  # rank of the article (publication date, id)
    published: date | None
    sentence: tuple[int, int]
    lo: date  # period [lo, hi)
    hi: date
    date: str
    precision: Precision
    reports: list[TimelineReport]
    inferred: bool
    event_type: str | None
    actors: tuple[str, ...] = ()  # display names
    targets: tuple[str, ...] = ()
    frame_ids: frozenset[str] = frozenset()  # story entity ids of actors/targets
    context_ids: frozenset[str] = frozenset()  # story entity ids named in the sentence
    plain_args: tuple[str, ...] = ()
    place: str | None = None
    clause: str = ""
    words: str = ""  # content words for similarity
    has_frame: bool = False


def _period(start: date, precision: str) -> date:
    """End (exclusive) of the period starting at ``start``."""
    if precision == "day":
        return start + timedelta(days=1)
    if precision == "week":
        return start + timedelta(days=7)
    if precision == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def _usable(ref: DateRef, text: str, *, event: bool) -> bool:
    """A resolved, specific date: no vague spans; years only as adverbials of events."""
    if ref.date is None or ref.precision is None or _VAGUE.search(ref.expression):
        return False
    if ref.precision == "year":
        return event and bool(_ADVERBIAL_YEAR.search(text[max(0, ref.start - 12) : ref.start]))
    return True


def _trim(text: str, limit: int = CLAUSE_LIMIT) -> str:
    """The sentence without a wire dateline or leading dashes/bullets, cut at a word
    boundary when long."""
    text = re.sub(r"\s+", " ", text).strip()
    dateline = wire_dateline(text)
    if dateline is not None and dateline.place[0] == 0:
        text = text[dateline.end :]  # "TARSK (BWD) - Orvane has agreed ...": the report's words
    text = re.sub(r"^[\-–—•*·\s]+", "", text)
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in ("; ", ", "):
        pos = cut.rfind(mark)
        if pos > limit * 0.6:
            return cut[:pos].rstrip() + "…"
    pos = cut.rfind(" ")
    return (cut[:pos] if pos > 0 else cut).rstrip(" ,;:") + "…"


def _content_words(text: str, drop: Iterable[tuple[int, int]], offset: int) -> str:
    chars = list(text)
    for s, e in drop:
        for i in range(max(0, s - offset), min(len(chars), e - offset)):
            chars[i] = " "
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", "".join(chars).lower())
    return " ".join(w for w in words if w not in _STOPWORDS and len(w) > 1)


class _ArticleView:
    """Lookups for one article: sentences, local → story entities, entity mentions."""

    def __init__(self, doc: AnalyzedArticle, story_of: dict[tuple[str, str], StoryEntity]):
        self.doc = doc
        self.text = doc.article.text
        an = doc.analysis
        self.sentences = sorted(an.sentences)
        self.starts = [s for s, _ in self.sentences]
        self.local = {e.id: e for e in an.entities}
        self.story_of = {
            lid: story_of[(an.article_id, lid)]
            for lid in self.local
            if (an.article_id, lid) in story_of
        }
        self.mentions = sorted(
            (m.start, m.end, m.entity_id, m.type) for e in an.entities for m in e.mentions
        )

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        # no sentence (analysis without sentences): the line holding pos
        lo = self.text.rfind("\n", 0, pos) + 1
        hi = self.text.find("\n", pos)
        return lo, hi if hi != -1 else len(self.text)

    def entity_key(self, lid: str) -> str:
        """The story entity id, else the local entity's normalised name (no resolution ran)."""
        story = self.story_of.get(lid)
        if story is not None:
            return story.id
        local = self.local.get(lid)
        if local is None:
            return f"{self.doc.article.id}/{lid}"
        return "name:" + " ".join(unidecode(local.name).lower().split())

    def name(self, arg: str) -> str | None:
        """Display name of an event argument: story name, local name, or its plain text."""
        if arg in self.story_of:
            return self.story_of[arg].name
        if arg in self.local:
            return self.local[arg].name
        if arg.strip().lower() in _PRONOUNS:
            return None
        return arg.strip() or None

    def named(self, pos: int) -> bool:
        """True when an entity mention covers character ``pos``."""
        i = bisect.bisect_right(self.mentions, (pos, 1 << 62, "", ""))
        return any(s <= pos < e for s, e, _, _ in self.mentions[max(0, i - 8) : i])

    def context(self, lo: int, hi: int) -> frozenset[str]:
        i = bisect.bisect_left(self.mentions, (lo, -1, "", ""))
        found: set[str] = set()
        while i < len(self.mentions) and self.mentions[i][0] < hi:
            _, end, lid, etype = self.mentions[i]
            if end <= hi and etype in _CONTEXT_TYPES:
                found.add(self.entity_key(lid))
            i += 1
        return frozenset(found)


def _keyword_type(
    sentence: str,
    offset: int,
    ref: DateRef,
    others: Sequence[DateRef],
    named: Callable[[int], bool] = lambda _: False,
) -> str | None:
    """The schedulable type whose keyword is nearest ``ref`` (and nearer it than other dates);
    a keyword inside a name (``named``: "the Central Election Commission said Monday") is
    the name's word, not a happening."""
    best: tuple[int, str] | None = None
    taken = [(d.start, d.end) for d in others]
    for etype, pattern in STATEMENT_KEYWORDS.items():
        for m in pattern.finditer(sentence):
            s, e = m.start() + offset, m.end() + offset
            if any(ds < e and s < de for ds, de in taken):
                continue  # "March 15" is a date, not a march
            if named(s):
                continue

            def dist(d: DateRef, s: int = s, e: int = e) -> int:
                return max(d.start - e, s - d.end, 0)

            nearest = min(others, key=dist)
            if nearest.start != ref.start:
                continue
            if best is None or dist(ref) < best[0]:
                best = (dist(ref), etype)
    return best[1] if best else None


def _candidates_for(view: _ArticleView, order: int, start_index: int) -> list[_Candidate]:
    doc = view.doc
    article = doc.article
    published = date.fromisoformat(article.published[:10]) if article.published else None
    text = view.text

    # the event dated by each date expression: the one whose trigger is nearest
    events_by_ref: dict[tuple[int, int], Event] = {}
    date_spans = [(r.start, r.end) for r in doc.analysis.dates]
    for ev in doc.analysis.events:
        ref = ev.date
        if any(s < ev.trigger.end and ev.trigger.start < e for s, e in date_spans):
            continue  # "March 15" read as a march: a date is never a trigger
        if ref is None or not _usable(ref, text, event=True) or ref.date is None:
            continue
        start = date.fromisoformat(ref.date)
        if published is not None and start > published:
            continue  # an asserted event cannot lie after publication: a mis-attached date
        key = (ref.start, ref.end)
        old = events_by_ref.get(key)

        def dist(e: Event, r: DateRef = ref) -> int:
            return max(r.start - e.trigger.end, e.trigger.start - r.end, 0)

        if old is None or dist(ev) < dist(old):
            events_by_ref[key] = ev

    refs = [
        r for r in doc.analysis.dates if _usable(r, text, event=(r.start, r.end) in events_by_ref)
    ]
    by_sentence: dict[tuple[int, int], list[DateRef]] = {}
    for r in refs:
        by_sentence.setdefault(view.sentence_of(r.start), []).append(r)

    out: list[_Candidate] = []
    for sent, sent_refs in sorted(by_sentence.items()):
        sentence = text[sent[0] : sent[1]]
        groups: dict[tuple[str, str], list[DateRef]] = {}
        for r in sent_refs:
            assert r.date is not None and r.precision is not None
            groups.setdefault((r.date, r.precision), []).append(r)
        for (iso, precision), group in groups.items():
            lo = date.fromisoformat(iso)
            prec: Precision = group[0].precision or "day"
            dated = [
                events_by_ref[(r.start, r.end)] for r in group if (r.start, r.end) in events_by_ref
            ]
            event = dated[0] if dated else None
            cand = _Candidate(
                index=start_index + len(out),
                article_id=article.id,
                order=order,
                published=published,
                sentence=sent,
                lo=lo,
                hi=_period(lo, precision),
                date=iso,
                precision=prec,
                reports=[TimelineReport(article.id, r.start, r.end, r.expression) for r in group],
                inferred=all(r.anchor_inferred for r in group),
                event_type=None,
                clause=_trim(sentence),
                context_ids=view.context(*sent),
                words=_content_words(sentence, [(d.start, d.end) for d in sent_refs], sent[0]),
            )
            if event is not None:
                _fill_frame(cand, event, view)
            else:
                cand.event_type = _keyword_type(sentence, sent[0], group[0], sent_refs, view.named)
            out.append(cand)
    return out


def _fill_frame(cand: _Candidate, event: Event, view: _ArticleView) -> None:
    cand.has_frame = True
    cand.event_type = event.type
    cand.place = event.place
    ids: set[str] = set()
    plain: list[str] = []
    for args, attr in ((event.actors, "actors"), (event.targets, "targets")):
        names: list[str] = []
        for arg in args:
            if arg in view.local:
                ids.add(view.entity_key(arg))
            elif arg.strip().lower() not in _PRONOUNS and len(arg.strip()) >= 3:
                plain.append(arg.strip())
            name = view.name(arg)
            if name and arg not in view.local and cand.clause.startswith(name):
                first = name.split()[0]
                pos = view.text.find(first, cand.sentence[0])
                if first[1:].islower() and not view.named(pos):  # capitalised as opener
                    name = name[0].lower() + name[1:]
            if name and name not in names:
                names.append(name)
        setattr(cand, attr, tuple(names))
    cand.frame_ids = frozenset(ids)
    cand.plain_args = tuple(plain)
    cand.context_ids = cand.context_ids | cand.frame_ids


# --------------------------------------------------------------------------- merging


def _overlap(a: _Candidate, b: _Candidate, common: frozenset[str]) -> bool:
    if (a.context_ids & b.context_ids) - common:
        return True
    return any(
        fuzz.token_set_ratio(x.lower(), y.lower()) >= ARG_MATCH
        for x in a.plain_args
        for y in b.plain_args
    )


def _future(c: _Candidate) -> bool:
    return c.published is not None and c.lo > c.published


def _conflict(a: _Candidate, b: _Candidate) -> bool:
    if a.frame_ids and b.frame_ids and not a.frame_ids & b.frame_ids:
        return True
    if a.place and b.place:
        return fuzz.token_set_ratio(a.place.lower(), b.place.lower()) < ARG_MATCH
    return False


def _pair_score(a: _Candidate, b: _Candidate, common: frozenset[str]) -> float:
    """How strongly two candidates (with intersecting periods) report one happening; 0 = not."""
    if a.article_id == b.article_id and a.sentence == b.sentence:
        return 0.0  # one sentence, two different dates
    sim = fuzz.token_set_ratio(a.words, b.words) if a.words and b.words else 0.0
    ta, tb = a.event_type, b.event_type
    if ta is None or tb is None:
        if sim >= SIM_UNTYPED:
            return sim / 100
        if a.article_id == b.article_id and a.lo == b.lo and a.hi == b.hi and _future(a):
            return 0.3  # one article's mentions of one future day: one planned happening
        return 0.0
    overlap = _overlap(a, b, common)
    if ta != tb:
        if (ta in WEAK_TYPES or tb in WEAK_TYPES) and overlap and not _conflict(a, b):
            return 0.5 + sim / 100
        return sim / 100 if sim >= SIM_UNTYPED + 10 else 0.0
    if _conflict(a, b) and sim < SIM_OVERRIDE:
        return 0.0
    if a.lo == b.lo and a.hi == b.hi:
        return 1.0 + overlap + sim / 100
    if overlap or sim >= SIM_NESTED:
        return 0.5 + overlap + sim / 100
    return 0.0


@dataclass
class _Cluster:
    members: list[_Candidate]
    lo: date
    hi: date
    types: set[str] = field(default_factory=set)
    sentences: set[tuple[str, tuple[int, int]]] = field(default_factory=set)


def _strong_types(cands: Iterable[_Candidate]) -> set[str]:
    return {c.event_type for c in cands if c.event_type and c.event_type not in WEAK_TYPES}


def _merge(cands: list[_Candidate]) -> list[_Cluster]:
    counts = Counter(e for c in cands for e in c.context_ids)
    common = frozenset(e for e, n in counts.items() if len(cands) >= 4 and n * 2 > len(cands))
    ordered = sorted(cands, key=lambda c: (c.lo, c.index))
    pairs: list[tuple[float, int, int]] = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.lo >= a.hi:
                break
            if b.hi <= a.lo:
                continue
            score = _pair_score(a, b, common)
            if score > 0:
                pairs.append((score, a.index, b.index))
    clusters: dict[int, _Cluster] = {
        c.index: _Cluster([c], c.lo, c.hi, _strong_types([c]), {(c.article_id, c.sentence)})
        for c in cands
    }
    owner = {c.index: c.index for c in cands}
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ri, rj = owner[i], owner[j]
        if ri == rj:
            continue
        ci, cj = clusters[ri], clusters[rj]
        lo, hi = max(ci.lo, cj.lo), min(ci.hi, cj.hi)
        if lo >= hi or len(ci.types | cj.types) > 1 or ci.sentences & cj.sentences:
            continue
        ci.members += cj.members
        ci.lo, ci.hi = lo, hi
        ci.types |= cj.types
        ci.sentences |= cj.sentences
        for m in cj.members:
            owner[m.index] = ri
        del clusters[rj]
    return list(clusters.values())


# --------------------------------------------------------------------------- entries


def _label(event_type: str | None, actors: Sequence[str], targets: Sequence[str]) -> str:
    if event_type is None:
        return ""
    label = event_type.replace("_", " ").capitalize()
    if actors:
        prep = "of" if event_type in _SUBJECT_UNDERGOES else "by"
        label += f" {prep} " + " and ".join(actors[:MAX_NAMES])
    if targets:
        label += f" {_TARGET_PREP.get(event_type, 'of')} " + " and ".join(targets[:MAX_NAMES])
    return label


def _entry(cluster: _Cluster) -> TimelineEntry:
    members = cluster.members
    finest = min(_PRECISION_RANK[m.precision] for m in members)
    fine = [m for m in members if _PRECISION_RANK[m.precision] == finest]
    iso = Counter(m.date for m in fine).most_common(1)[0][0]
    precision = fine[0].precision
    strong = _strong_types(members)
    event_type = (
        next(iter(strong))
        if strong
        else next((m.event_type for m in members if m.event_type), None)
    )
    rep = min(
        members,
        key=lambda m: (
            m.event_type != event_type,
            not m.has_frame,
            -(len(m.actors) + len(m.targets)),
            m.order,
            m.reports[0].start,
        ),
    )
    actors, targets = list(rep.actors), list(rep.targets)
    for m in members:  # fill a role the representative leaves empty
        if m.event_type == event_type:
            actors = actors or list(m.actors)
            targets = targets or list(m.targets)
    label = _label(event_type, actors, targets)
    start = date.fromisoformat(iso)
    published = [m.published for m in members]
    planned = all(p is not None and start > p for p in published)
    if planned:
        label = "Planned " + (label[:1].lower() + label[1:] if label else "")
        label = label.strip()
    description = f"{label}: {rep.clause}" if label else rep.clause
    if all(m.inferred for m in members):
        description += " (date inferred)"
    seen: set[tuple[str, int, int]] = set()
    reports: list[TimelineReport] = []
    for m in sorted(members, key=lambda m: (m.order, m.reports[0].start)):
        for r in m.reports:
            if (r.article_id, r.start, r.end) not in seen:
                seen.add((r.article_id, r.start, r.end))
                reports.append(r)
    return TimelineEntry(
        date=iso,
        precision=precision,
        description=description,
        reports=tuple(reports),
        event_type=event_type,
    )


def _article_order(docs: Sequence[AnalyzedArticle]) -> dict[str, int]:
    ranked = sorted(docs, key=lambda d: (d.article.published or "9999-99-99", d.article.id))
    return {d.article.id: i for i, d in enumerate(ranked)}


def build_timeline(
    docs: Sequence[AnalyzedArticle], entities: Sequence[StoryEntity]
) -> tuple[TimelineEntry, ...]:
    """One story's merged timeline, sorted by date (coarser periods first on a tie).

    Each entry is one happening, with a report per date expression that dates it in each
    article ("this Sunday", "Valentine's Day", "February 14").
    """
    story_of = {pair: ent for ent in entities for pair in ent.local_ids}
    order = _article_order(docs)
    cands: list[_Candidate] = []
    for doc in docs:
        view = _ArticleView(doc, story_of)
        cands += _candidates_for(view, order[doc.article.id], len(cands))
    entries = [_entry(c) for c in _merge(cands)]
    rank = {d.article.id: order[d.article.id] for d in docs}

    def key(e: TimelineEntry) -> tuple[str, int, int, int]:
        first = e.reports[0]
        return (e.date, -_PRECISION_RANK[e.precision], rank.get(first.article_id, 0), first.start)

    return tuple(sorted(entries, key=key))
