"""What the report shows for one story, worked out from the dossier's dicts.

The templates only lay out what this module computes: sources (outlet columns), the
verdict board, entities, timeline, quotes, coverage and each article's highlighted text.
Every link to evidence is an anchor of a span registered here, so it always has a target.
Missing extras (``coverage``, ``explanation``, ``contradicted_by``...) are tolerated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from corroborate.present.brief import build_brief, evidence_text, in_field
from corroborate.present.labels import relabel_ids, scope_label, source_labels
from corroborate.present.labels import source_label as label_of_article
from corroborate.present.report.anchors import (
    article_anchor,
    entity_anchor,
    fact_anchor,
    slug,
    story_anchor,
    story_file,
)
from corroborate.present.report.chart import Interval, fmt_interval, interval_chart
from corroborate.present.report.highlight import SpanSet, highlight
from corroborate.present.review import fact_id
from corroborate.present.triage import FIGURE, StoryFinds, fact_weight

Record = Mapping[str, Any]

#: The dossier type of an unnamed participant (``link.unnamed.UNNAMED_TYPE``): listed apart
#: from the people and organisations, and at most ``MAX_UNNAMED`` of them.
UNNAMED_TYPE = "UNNAMED"
MAX_UNNAMED = 12
#: The dossier type of what the reports discuss ("the decision": ``link.unnamed.TOPIC_TYPE``):
#: neither a named entity nor a participant, so in neither list.
TOPIC_TYPE = "TOPIC"
#: Types the people table leaves out.
NOT_NAMED = frozenset({UNNAMED_TYPE, TOPIC_TYPE})

#: Board groups in analyst order, with their headings.
GROUPS = (
    ("contested", "Contested", "Outlets give different versions."),
    ("corroborated", "Corroborated", "Two or more outlets report it (figures may be approximate)."),
    ("single", "Single source", "Reported by one outlet alone."),
)
FIGURE_GROUP = {
    "conflict": "contested",
    "approximate": "corroborated",
    "agree": "corroborated",
    "single_source": "single",
}
CLAIM_GROUP = {"contested": "contested", "corroborated": "corroborated", "single_source": "single"}
VERDICT_LABEL = {
    "conflict": "numbers conflict",
    "approximate": "roughly agree",
    "agree": "agree",
    "contested": "contested",
    "corroborated": "corroborated",
    "single_source": "single source",
}
PUBLISHED_SOURCE = {
    "metadata": "from the page's metadata",
    "text": "from the article text",
    "inferred": "inferred",
    "unknown": "unknown",
}


@dataclass
class Source:
    """One column: an outlet (its articles), or an article without an outlet."""

    key: str
    label: str
    article_ids: list[str] = field(default_factory=list)


@dataclass
class Cell:
    """One outlet's version of a fact."""

    text: str
    href: str | None
    note: str = ""
    contradicts: bool = False


@dataclass
class Fact:
    """A row of the verdict board: a figure group or a claim."""

    kind: str  # "figure" | "claim"
    id: str
    anchor: str
    number: str
    title: str
    subtitle: str
    explanation: str
    verdict: str
    verdict_label: str
    group: str
    cells: dict[str, list[Cell]]
    source_keys: list[str]
    chart: Markup = field(default_factory=Markup)
    fact_id: str = ""  # content-derived id (present/review.py): what `review` takes
    review: Record | None = None  # the analyst's review, when there is one
    weight: int = 0  # what it carries (present/triage.py)


@dataclass
class OutletFacts:
    """The single-source facts of one outlet (collapsed under its name)."""

    source: Source
    facts: list[Fact]
    anchor: str = ""


@dataclass
class Group:
    key: str
    label: str
    hint: str
    facts: list[Fact]
    by_outlet: list[OutletFacts] = field(default_factory=list)


@dataclass
class BriefLine:
    """A sentence of the brief: text pieces, linked where they cite a span."""

    kind: str
    parts: list[Link]
    fact_anchor: str = ""


@dataclass
class Link:
    """A labelled link to evidence (``href`` None when the span is not in the page)."""

    label: str
    href: str | None
    text: str = ""
    count: int = 0


@dataclass
class EntityView:
    id: str
    anchor: str
    name: str
    type: str
    aliases: list[str]
    roles: list[Link]
    outlets: list[Link]
    mentions: int
    search: str


@dataclass
class UnnamedView:
    """An unnamed participant ("the gunman"): its phrasings and the outlets using them."""

    name: str
    aliases: list[str]
    outlets: list[Link]


@dataclass
class TimelineView:
    date: str
    iso: str
    precision: str
    description: str
    event_type: str
    reports: list[Link]


@dataclass
class QuoteView:
    id: str
    text: str
    reports: list[Link]
    kind: str = "direct"  # direct | partial (in quotation marks) | reported (never)


@dataclass
class SpeakerView:
    name: str
    href: str | None
    quotes: list[QuoteView]


@dataclass
class CoverageRow:
    source: Source
    cells: list[Link | None]  # per shared claim: link ("reported"/"contradicts") or None
    reported: int  # claims it reports, shared or not
    alone: int  # claims only it reports (listed on the board under its name)


@dataclass
class ArticleView:
    id: str
    anchor: str
    source_label: str
    outlet: str | None
    title: str
    url: str | None
    path: str
    published: str | None
    published_source: str
    language: str | None
    author: str | None
    duplicate_ids: list[str]
    sources: list[Record]
    cleaning: Record | None
    text: Markup
    spans: int
    present: bool = True
    notes: tuple[str, ...] = ()  # analysis notes ("not analysed: ...", "analysis failed: ...")


@dataclass
class StoryView:
    id: str
    anchor: str
    title: str
    date_range: str
    sources: list[Source]
    article_count: int
    groups: list[Group]
    counts: dict[str, int]
    entities: list[EntityView]
    timeline: list[TimelineView]
    speakers: list[SpeakerView]
    claims: list[Fact]  # the claims reported by two or more outlets (coverage columns)
    coverage: list[CoverageRow]
    articles: list[ArticleView]
    split_anchors: list[str]
    brief: list[BriefLine] = field(default_factory=list)
    reviewed: int = 0
    unnamed: list[UnnamedView] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # what the reports discuss (names)
    unnamed_more: int = 0  # unnamed participants of the dossier not listed

    def part(self, name: str) -> str:
        """The anchor of one of this story's sections."""
        return story_anchor(self.id, name)


# --------------------------------------------------------------------------- helpers


def fmt_date(iso: str | None, precision: str = "day") -> str:
    """``11 Mar 2025``; ``March 2025``, ``2025``, ``week of 10 Mar 2025`` by precision."""
    if not iso:
        return "undated"
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return day.strftime("%B %Y")
    text = f"{day.day} {day.strftime('%b %Y')}"
    return f"week of {text}" if precision == "week" else text


def date_range(first: str | None, last: str | None) -> str:
    """``11 Mar 2025 – 12 Mar 2025``, one date when equal, ``date unknown`` without any."""
    if not first and not last:
        return "date unknown"
    if not first or not last or first == last:
        return fmt_date(first or last)
    return f"{fmt_date(first)} – {fmt_date(last)}"


def source_label(article: Record) -> str:
    """The outlet; without one, the URL's host or the input's name with its JSONL id or
    line (the one rule: :func:`corroborate.present.labels.source_label`)."""
    return label_of_article(article)


def source_key(article_id: str, article: Record | None) -> str:
    """Articles of one outlet (case-insensitive) share a column; others stand alone."""
    outlet = ((article or {}).get("outlet") or "").strip()
    return "o-" + slug(outlet.lower()) if outlet else "a-" + slug(article_id)


def _excerpt(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _triage_key(fact: Fact) -> tuple[int, int, int, int]:
    """Figures first (figure groups, then claims holding a figure), then facts with named
    actors or dates, then generic sentences; within a class, more carried and more outlets
    first (the weights are :mod:`corroborate.present.triage`'s)."""
    carries = 2 if fact.weight >= FIGURE else 1 if fact.weight else 0
    return (-carries, fact.kind != "figure", -fact.weight, -len(fact.source_keys))


def _review(fact: Record) -> Record | None:
    review = fact.get("review")
    return review if isinstance(review, Mapping) else None


def _is_url(value: object) -> bool:
    return isinstance(value, str) and urlsplit(value).scheme in ("http", "https")


# --------------------------------------------------------------------------- builder


class _Builder:
    def __init__(
        self, story: Record, articles: Mapping[str, Record], spans: dict[str, SpanSet]
    ) -> None:
        self.story = story
        self.sid = str(story.get("id", "story"))
        self.article_ids = [str(a) for a in story.get("article_ids") or []]
        self.articles = articles
        self.spans = spans  # shared by the stories of one page: one text per article
        for aid in self.article_ids:
            if aid in articles and aid not in spans:
                spans[aid] = SpanSet(aid, len(str(articles[aid].get("text") or "")))
        self.sources: dict[str, Source] = {}
        self.source_of: dict[str, str] = {}
        self.labels = source_labels(articles[a] for a in self.article_ids if a in articles)
        for aid in self.article_ids:
            art = articles.get(aid)
            key = source_key(aid, art)
            label = self.labels.get(aid) or f"article {aid}"
            src = self.sources.setdefault(key, Source(key, label))
            src.article_ids.append(aid)
            self.source_of[aid] = key
        self.finds = StoryFinds(story)

    # spans ----------------------------------------------------------------
    def add(self, ev: Record, kind: str, label: str = "") -> str | None:
        spans = self.spans.get(str(ev.get("article_id")))
        if spans is None or in_field(ev) != "text":  # a headline's span: not in the body
            return None
        return spans.add(ev.get("start"), ev.get("end"), kind, label)

    def text_of(self, ev: Record) -> str:
        return evidence_text(self.articles, ev)

    def label_of(self, article_id: str) -> str:
        key = self.source_of.get(article_id)
        return self.sources[key].label if key else article_id

    # sections -------------------------------------------------------------
    def entities(self) -> list[EntityView]:
        out = []
        for ent in self.story.get("entities") or []:
            if ent.get("type") in NOT_NAMED:
                continue
            name = str(ent.get("name") or "")
            etype = str(ent.get("type") or "")
            per_source: dict[str, Link] = {}
            mentions = 0
            for m in ent.get("mentions") or []:
                href = self.add(m, "mention", f"{name} ({etype})" if etype else name)
                mentions += 1
                key = self.source_of.get(str(m.get("article_id")))
                if key is None:
                    continue
                link = per_source.setdefault(key, Link(self.sources[key].label, href))
                link.count += 1
                if link.href is None:
                    link.href = href
            aliases = [str(a) for a in ent.get("aliases") or [] if a and a != name]
            roles = [
                Link(
                    str(r.get("text") or ""),
                    None,
                    ", ".join(
                        dict.fromkeys(self.label_of(str(a)) for a in r.get("article_ids") or [])
                    ),
                )
                for r in ent.get("roles") or []
            ]
            outlets = [per_source[k] for k in self.sources if k in per_source]
            search = " ".join([name, *aliases, *(r.label for r in roles), etype]).lower()
            eid = str(ent.get("id") or name)
            out.append(
                EntityView(
                    eid,
                    entity_anchor(self.sid, eid),
                    name,
                    etype,
                    aliases,
                    roles,
                    outlets,
                    mentions,
                    search,
                )
            )
        return out

    def unnamed(self) -> tuple[list[UnnamedView], int]:
        """The story's most widely used unnamed participants (at most ``MAX_UNNAMED``, by
        outlets then mentions: the dossier's order) and how many more the dossier has.
        Only each outlet's first mention is linked: every "police" of a long story
        highlighted would bury the text."""
        found = [e for e in self.story.get("entities") or [] if e.get("type") == UNNAMED_TYPE]
        out = []
        for ent in found[:MAX_UNNAMED]:
            name = str(ent.get("name") or "")
            per_source: dict[str, Link] = {}
            for m in ent.get("mentions") or []:
                key = self.source_of.get(str(m.get("article_id")))
                if key is None:
                    continue
                if key not in per_source:
                    href = self.add(m, "mention", f"{name} (unnamed)")
                    per_source[key] = Link(self.sources[key].label, href)
                per_source[key].count += 1
            aliases = [str(a) for a in ent.get("aliases") or [] if a and a != name]
            outlets = [per_source[k] for k in self.sources if k in per_source]
            out.append(UnnamedView(name, aliases, outlets))
        return out, len(found) - len(out)

    def topics(self) -> list[str]:
        """What the story's reports discuss ("decision", "investigation": type ``TOPIC``),
        most widely used first, at most ``MAX_UNNAMED``."""
        found = [e for e in self.story.get("entities") or [] if e.get("type") == TOPIC_TYPE]
        return [str(e.get("name") or "") for e in found[:MAX_UNNAMED]]

    def figures(self) -> list[Fact]:
        facts = []
        for n, fig in enumerate(self.story.get("figures") or [], 1):
            measure = str(fig.get("measure") or "")
            subject = str(fig.get("subject") or "")
            unit = str(fig.get("unit") or "")
            verdict = str(fig.get("verdict") or "")
            label = f"Figure {measure}" + (f" ({subject})" if subject else "")
            cells: dict[str, list[Cell]] = {}
            intervals = []
            for r in fig.get("reports") or []:
                href = self.add(r, "figure", f"{label}: {VERDICT_LABEL.get(verdict, verdict)}")
                aid = str(r.get("article_id"))
                key = self.source_of.get(aid, "a-" + slug(aid))
                low, high = r.get("low"), r.get("high")
                low = float(low) if isinstance(low, int | float) else None
                high = float(high) if isinstance(high, int | float) else None
                text = str(r.get("text") or self.text_of(r))
                sign = "≈" if r.get("approximate") else "="
                note = f"{sign} {fmt_interval(low, high)}"
                cells.setdefault(key, []).append(Cell(text, href, note))
                intervals.append(
                    Interval(self.label_of(aid), text, low, high, href, bool(r.get("approximate")))
                )
            chart = Markup("")
            distinct = {(i.low, i.high) for i in intervals}
            if len(intervals) >= 2 and len(distinct) >= 2:
                chart = interval_chart(intervals, unit)
            group = FIGURE_GROUP.get(verdict) or ("single" if len(cells) < 2 else "corroborated")
            title = measure.replace(" — ", " · ") or "figure"
            fid = str(fig.get("id") or f"figure-{n}")
            facts.append(
                Fact(
                    "figure",
                    fid,
                    fact_anchor(self.sid, fid),
                    f"F{n}",
                    title,
                    " · ".join(
                        p
                        for p in (
                            f"subject: {subject}" if subject else "",
                            unit,
                            scope_label(fig.get("scope")),
                        )
                        if p
                    ),
                    relabel_ids(str(fig.get("explanation") or ""), self.labels),
                    verdict,
                    VERDICT_LABEL.get(verdict, verdict or "unknown"),
                    group,
                    cells,
                    list(cells),
                    chart,
                    fact_id=str(fig.get("fact_id") or fact_id("figure", fig)),
                    review=_review(fig),
                    weight=fact_weight(self.finds, "figure", fig),
                )
            )
        return facts

    def claims(self) -> list[Fact]:
        facts = []
        for n, claim in enumerate(self.story.get("claims") or [], 1):
            verdict = str(claim.get("verdict") or "")
            number = f"C{n}"
            tip = f"Claim {number}: {VERDICT_LABEL.get(verdict, verdict)}"
            cells: dict[str, list[Cell]] = {}
            seen: dict[tuple[str, Any, Any], Cell] = {}
            for ev in claim.get("support") or []:
                href = self.add(ev, "claim", tip)
                aid = str(ev.get("article_id"))
                cell = Cell(self.text_of(ev), href)
                seen[(aid, ev.get("start"), ev.get("end"))] = cell
                cells.setdefault(self.source_of.get(aid, "a-" + slug(aid)), []).append(cell)
            for ev in claim.get("contradicted_by") or []:
                aid = str(ev.get("article_id"))
                known = seen.get((aid, ev.get("start"), ev.get("end")))
                if known is not None:
                    known.contradicts = True
                    continue
                href = self.add(ev, "claim", f"{tip} (contradicts)")
                cell = Cell(self.text_of(ev), href, contradicts=True)
                cells.setdefault(self.source_of.get(aid, "a-" + slug(aid)), []).append(cell)
            group = CLAIM_GROUP.get(verdict) or ("single" if len(cells) < 2 else "corroborated")
            cid = str(claim.get("id") or f"claim-{n}")
            facts.append(
                Fact(
                    "claim",
                    cid,
                    fact_anchor(self.sid, cid),
                    number,
                    str(claim.get("text") or ""),
                    "",
                    relabel_ids(str(claim.get("explanation") or ""), self.labels),
                    verdict,
                    VERDICT_LABEL.get(verdict, verdict or "unknown"),
                    group,
                    cells,
                    list(cells),
                    fact_id=str(claim.get("fact_id") or fact_id("claim", claim)),
                    review=_review(claim),
                    weight=fact_weight(self.finds, "claim", claim),
                )
            )
        return facts

    def quotes(self, entities: Sequence[EntityView]) -> list[SpeakerView]:
        anchors = {e.id: e.anchor for e in entities}
        speakers: dict[str, SpeakerView] = {}
        for n, q in enumerate(self.story.get("quotes") or [], 1):
            speaker = q.get("speaker")
            name = str(q.get("speaker_name") or "") or "Unattributed"
            key = f"id:{speaker}" if speaker else f"name:{name}"
            view = speakers.setdefault(
                key, SpeakerView(name, anchors.get(str(speaker)) if speaker else None, [])
            )
            text = str(q.get("text") or "")
            reports = []
            for ev in q.get("reports") or []:
                href = self.add(ev, "quote", f"Quote — {name}")
                wording = self.text_of(ev)
                same = " ".join(wording.split()).strip(" .,") == " ".join(text.split()).strip(" .,")
                reports.append(
                    Link(self.label_of(str(ev.get("article_id"))), href, "" if same else wording)
                )
            kind = str(q.get("kind") or "direct")
            view.quotes.append(QuoteView(str(q.get("id") or f"quote-{n}"), text, reports, kind))
        return list(speakers.values())

    def timeline(self) -> list[TimelineView]:
        out = []
        for item in self.story.get("timeline") or []:
            precision = str(item.get("precision") or "day")
            iso = str(item.get("date") or "")
            reports = []
            for ev in item.get("reports") or []:
                expression = str(ev.get("expression") or "") or self.text_of(ev)
                href = self.add(ev, "date", f"{fmt_date(iso, precision)} ({expression})")
                reports.append(Link(self.label_of(str(ev.get("article_id"))), href, expression))
            out.append(
                TimelineView(
                    fmt_date(iso, precision),
                    iso,
                    precision,
                    str(item.get("description") or ""),
                    str(item.get("event_type") or ""),
                    reports,
                )
            )
        return out

    def coverage(self, claims: Sequence[Fact]) -> list[CoverageRow]:
        """Per outlet: a cell per claim of ``claims`` (the shared ones: single-source facts
        are on the board, per outlet), how many claims it reports, how many alone."""
        rows = []
        for key, src in self.sources.items():
            cells: list[Link | None] = []
            for fact in claims:
                got = fact.cells.get(key) or []
                if not got:
                    cells.append(None)
                    continue
                contra = all(c.contradicts for c in got)
                cells.append(Link("contradicts" if contra else "reported", got[0].href))
            mine = [f for f in self.all_claims if f.cells.get(key)]
            alone = sum(f.source_keys == [key] for f in mine)
            rows.append(CoverageRow(src, cells, len(mine), alone))
        return rows

    def article_views(self, shown: set[str]) -> tuple[list[ArticleView], list[str]]:
        """The story's articles; one already in ``shown`` (an earlier story of the page)
        gets no text here (``present`` False): its spans are in the earlier copy."""
        out = []
        split: list[str] = []
        for aid in self.article_ids:
            art = self.articles.get(aid)
            if art is None:
                continue
            spans = self.spans[aid]
            present = aid not in shown
            shown.add(aid)
            text, crossed = (
                highlight(str(art.get("text") or ""), spans.spans())
                if present
                else (Markup(""), [])
            )
            split.extend(crossed)
            url = art.get("url")
            cleaning = art.get("cleaning")
            out.append(
                ArticleView(
                    aid,
                    article_anchor(aid),
                    self.label_of(aid),
                    art.get("outlet"),
                    str(art.get("title") or ""),
                    str(url) if _is_url(url) else None,
                    str(art.get("path") or ""),
                    art.get("published"),
                    str(art.get("published_source") or "unknown"),
                    art.get("language"),
                    art.get("author"),
                    [str(d) for d in art.get("duplicate_ids") or []],
                    [s for s in art.get("sources") or [] if isinstance(s, Mapping)],
                    cleaning if isinstance(cleaning, Mapping) else None,
                    text,
                    len(spans),
                    present,
                    notes=tuple(str(n) for n in art.get("notes") or ()),
                )
            )
        return out, split

    def brief(self, facts: Sequence[Fact]) -> list[BriefLine]:
        anchors = {f.fact_id: f.anchor for f in facts}
        lines = []
        for sentence in build_brief(self.story, self.articles, self.labels):
            tip = f"Brief: {sentence.kind}"
            parts = []
            for part in sentence.parts:
                href = None
                if part.evidence is not None:
                    aid, start, end = part.evidence
                    ev = {"article_id": aid, "start": start, "end": end}
                    href = self.add(ev, sentence.fact_kind, tip)
                parts.append(Link(part.text, href))
            lines.append(BriefLine(sentence.kind, parts, anchors.get(sentence.fact_id, "")))
        return lines

    def groups(self, facts: Sequence[Fact]) -> list[Group]:
        """Verdict groups in analyst order; in each, facts that carry more first (then
        more outlets, then the story's order); single-source facts also by outlet."""
        ranked = sorted(enumerate(facts), key=lambda p: (*_triage_key(p[1]), p[0]))
        groups = []
        for key, label, hint in GROUPS:
            members = [f for _, f in ranked if f.group == key]
            group = Group(key, label, hint, members)
            if key == "single":
                per: dict[str, list[Fact]] = {}
                for fact in members:
                    per.setdefault(fact.source_keys[0] if fact.source_keys else "", []).append(fact)
                group.by_outlet = [
                    OutletFacts(
                        self.sources.get(k) or Source(k, "unknown source"),
                        v,
                        story_anchor(self.sid, f"alone-{k}"),
                    )
                    for k, v in sorted(per.items(), key=lambda kv: -len(kv[1]))
                ]
            groups.append(group)
        return groups

    def build(self) -> StoryView:
        entities = self.entities()
        unnamed, unnamed_more = self.unnamed()
        figures = self.figures()
        claims = self.claims()
        speakers = self.quotes(entities)
        timeline = self.timeline()
        groups = self.groups([*figures, *claims])
        brief = self.brief([*figures, *claims])
        self.all_claims = claims
        shared = [c for c in claims if c.group != "single"]
        published = sorted(
            str(a.get("published"))
            for aid in self.article_ids
            if (a := self.articles.get(aid)) is not None and a.get("published")
        )
        first = self.story.get("first_published") or (published[0] if published else None)
        last = self.story.get("last_published") or (published[-1] if published else None)
        return StoryView(
            id=self.sid,
            anchor=story_anchor(self.sid),
            title=str(self.story.get("title") or "") or "Untitled story",
            date_range=date_range(first, last),
            sources=list(self.sources.values()),
            article_count=len(self.article_ids),
            groups=groups,
            counts={g.key: len(g.facts) for g in groups},
            entities=entities,
            timeline=timeline,
            speakers=speakers,
            claims=shared,
            coverage=self.coverage(shared),
            articles=[],
            split_anchors=[],
            brief=brief,
            reviewed=sum(f.review is not None for f in (*figures, *claims)),
            unnamed=unnamed,
            unnamed_more=unnamed_more,
            topics=self.topics(),
        )


def story_views(stories: Sequence[Record], articles: Mapping[str, Record]) -> list[StoryView]:
    """Everything the templates need to show ``stories`` on one page.

    Spans are collected from every story first, then each article's text is highlighted
    once (in the first story that has it), so every evidence link has exactly one target.
    """
    spans: dict[str, SpanSet] = {}
    builders = [_Builder(s, articles, spans) for s in stories]
    views = [b.build() for b in builders]
    shown: set[str] = set()
    for builder, view in zip(builders, views, strict=True):
        view.articles, view.split_anchors = builder.article_views(shown)
    return views


def story_view(story: Record, articles: Mapping[str, Record]) -> StoryView:
    """Everything the templates need to show one story."""
    return story_views([story], articles)[0]


def excerpt(text: str, limit: int = 140) -> str:
    """Whitespace collapsed, cut at ``limit`` characters with an ellipsis."""
    return _excerpt(text, limit)


@dataclass(frozen=True)
class StorySummary:
    """A story's line on the index page."""

    id: str
    title: str
    date_range: str
    article_count: int
    outlets: list[str]
    counts: dict[str, int]
    reviewed: int
    href: str


def story_summary(
    story: Record,
    articles: Mapping[str, Record],
    href: str = "",
    *,
    reviewed: Collection[str] | None = None,
) -> StorySummary:
    """What the index shows of a story: dates, outlets, verdict counts, reviews (cheap: no
    spans, no highlighting). ``href``: its report, default :func:`story_file`'s path.
    Reviews are counted from the facts' ``review``, or by ``reviewed`` fact ids."""
    ids = [str(a) for a in story.get("article_ids") or []]
    labels = source_labels(articles[a] for a in ids if a in articles)
    counts = dict.fromkeys((key for key, _, _ in GROUPS), 0)
    n_reviewed = 0
    for field_name, groups in (("figures", FIGURE_GROUP), ("claims", CLAIM_GROUP)):
        kind = field_name[:-1]
        for fact in story.get(field_name) or []:
            counts[groups.get(str(fact.get("verdict") or ""), "single")] += 1
            if reviewed is None:
                n_reviewed += fact.get("review") is not None
            else:
                n_reviewed += fact_id(kind, fact) in reviewed
    published = sorted(
        str(a.get("published")) for i in ids if (a := articles.get(i)) and a.get("published")
    )
    first = story.get("first_published") or (published[0] if published else None)
    last = story.get("last_published") or (published[-1] if published else None)
    return StorySummary(
        id=str(story.get("id")),
        title=str(story.get("title") or "") or "Untitled story",
        date_range=date_range(first, last),
        article_count=len(ids),
        outlets=list(dict.fromkeys(labels.values())),
        counts=counts,
        reviewed=n_reviewed,
        href=href or story_file(str(story.get("id"))),
    )
