"""Frozen dataclasses passed between stages.

Stages talk only through these types: ``ingest`` yields :class:`RawDocument` or
:class:`Rejection`; ``clean`` turns a raw document into an :class:`Article`;
``analyze`` turns an article into an :class:`Analysis`. All character offsets are
offsets into ``Article.text`` (the cleaned text), end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PublishedSource = Literal["metadata", "text", "inferred", "unknown"]
Precision = Literal["day", "week", "month", "year"]


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class RawDocument:
    """One article as a reader found it, before cleaning.

    ``source`` names where it came from precisely enough to find it again: a file
    path, ``path:LINE`` for a JSONL line, ``path#record-N`` for a WARC record, or a URL.
    Exactly one of ``text``/``html`` is normally set; readers that extract HTML
    themselves (the HTML reader) set ``text`` and keep the metadata they found.
    """

    source: str
    format: str  # "text" | "html" | "jsonl" | "rss" | "atom" | "warc" | "url"
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # as given by the source (ISO or free text)
    language: str | None = None
    # True when ``text`` is a raw page dump (copied from a browser) that needs
    # boilerplate removal; False when an extractor already isolated the body.
    needs_cleaning: bool = True


@dataclass(frozen=True)
class Rejection:
    """An input that could not be used, with a reason a user can act on."""

    path: str
    reason: str


# --------------------------------------------------------------------------- clean


@dataclass(frozen=True)
class SourceRef:
    """One place an article was found (several when duplicates were merged)."""

    path: str
    url: str | None = None
    outlet: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class CleaningStats:
    """How much of the raw input the cleaner removed."""

    raw_chars: int
    kept_chars: int
    removed_lines: int

    @property
    def removed_chars(self) -> int:
        return self.raw_chars - self.kept_chars


@dataclass(frozen=True)
class Article:
    """A cleaned article: the unit every later stage works on."""

    id: str
    path: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    published_source: PublishedSource = "unknown"
    language: str | None = None
    author: str | None = None
    content_hash: str = ""
    duplicate_ids: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    cleaning: CleaningStats | None = None
    # Photo captions removed from ``text`` as page furniture, kept because they name people
    # and dates (a spelling variant may appear only there). Not part of ``text``: no offsets.
    captions: tuple[str, ...] = ()


# --------------------------------------------------------------------------- analyze


@dataclass(frozen=True)
class Span:
    """A character span of ``Article.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """One mention of a named entity in one article."""

    start: int
    end: int
    text: str
    type: str  # PERSON | ORG | GPE | LOC | NORP | FAC | EVENT
    entity_id: str  # id of the LocalEntity it belongs to


@dataclass(frozen=True)
class Role:
    """A role or title given to an entity ("foreign ministry spokeswoman")."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class LocalEntity:
    """An entity within one article: its mentions merged by in-article coreference."""

    id: str  # unique within the article, e.g. "e3"
    name: str  # canonical (longest full) name without titles
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Quote:
    """Something someone said, direct or reported."""

    text: str  # the quoted words (without quote marks) or the reported content
    start: int
    end: int
    kind: Literal["direct", "partial", "reported"]
    speaker_id: str | None  # LocalEntity id, when resolved
    speaker_text: str | None  # the words naming the speaker in the text ("he", "the spokeswoman")
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # the speech verb lemma ("say", "write", "accuse")
    channel: str | None = None  # "social media", "the Telegram messenger"


@dataclass(frozen=True)
class Figure:
    """A number a reader would compare, normalised to an interval in a canonical unit."""

    text: str  # the whole expression ("over 11,000 people")
    start: int
    end: int
    kind: Literal["count", "duration", "age", "money", "percent", "ordinal", "other"]
    low: float | None  # None = open end
    high: float | None
    unit: str  # canonical unit: "people", "months", "USD", "percent", "years" ...
    qualifier: str | None = None  # "over", "about", "at least", "up to", "nearly", ...
    approximate: bool = False  # vague expressions ("thousands", "about ten thousand")
    counted: str | None = None  # head noun lemma of what is counted ("people", "diplomat")
    predicate: str | None = None  # governing verb lemma ("detain", "sentence")
    subject: str | None = None  # subject of the predicate ("Police", "Navalny")
    subject_id: str | None = None  # LocalEntity id of the subject, when resolved
    object: str | None = None  # object/patient of the predicate, when there is one
    # time frame of the report: None = a specific event; "modal" (could/will/faces ...),
    # "period:<x>" (since 1900, so far, over the centuries), "rate:<unit>" (every year)
    scope: str | None = None
    # how a count not written as such was derived ("shot 3 − killed 1"); None = as written
    derived: str | None = None
    # where start/end point: the article's text, or its headline ("2 killed in ..." stated
    # only in the title; offsets are then into Article.title)
    field: Literal["text", "title"] = "text"


@dataclass(frozen=True)
class DateRef:
    """A date expression resolved against the article's publication date."""

    expression: str
    start: int
    end: int
    date: str | None  # ISO YYYY-MM-DD of the first day of the period; None if unresolved
    precision: Precision | None
    relative: bool  # True when resolution needed the publication date
    anchor_inferred: bool = False  # True when the publication date itself was only inferred


@dataclass(frozen=True)
class Event:
    """A predicate-argument frame for something that happened."""

    type: str  # arrest | sentence | detention | protest | expulsion | sanction | meeting | ...
    trigger: Span
    actors: tuple[str, ...] = ()  # LocalEntity ids or plain text when unresolved
    targets: tuple[str, ...] = ()
    date: DateRef | None = None
    place: str | None = None
    sentence: Span | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything the per-article stage found in one article."""

    article_id: str
    sentences: tuple[tuple[int, int], ...] = ()
    entities: tuple[LocalEntity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateRef, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[str, ...] = field(default=())  # e.g. "publication date inferred"
    # Entities named in the article's photo captions: names and aliases only (captions are
    # not part of ``text``, so these carry no mentions or roles). Linking uses them as aliases.
    caption_entities: tuple[LocalEntity, ...] = ()
    # Counts of people the headline states (``field="title"``, offsets into the title):
    # kept apart from ``figures`` (whose offsets are into ``text``); only the figure
    # comparison reads them (analyze/headline.py).
    headline_figures: tuple[Figure, ...] = ()
    # Sentence vectors computed with the analysis (on the workers) for the texts linking
    # embeds: title + lead, claim sentences. ``(key, vector)``: key = encoder name + hash of
    # the text, vector = base64 float32 (see corroborate.embeddings). Empty: linking encodes.
    embeddings: tuple[tuple[str, str], ...] = ()
    # Fact units of the claim sentences that can hold two clauses, split with the analysis
    # (on the workers) so linking does not parse them again: (sentence start, sentence end,
    # unit start, unit end, subject start, subject end), offsets into ``text``, subject
    # -1, -1 when the unit has its own. A claim sentence missing here is split by linking.
    fact_units: tuple[tuple[int, int, int, int, int, int], ...] = ()
    # Common-noun phrases read off the parse (``analyze.noun_phrases``): (phrase start,
    # phrase end, head start, head end, head lemma); linking groups them into a story's
    # unnamed participants. None: stored by a version that did not read them.
    noun_phrases: tuple[tuple[int, int, int, int, str], ...] | None = None


# --------------------------------------------------------------------------- link / compare
# Field names below are the dossier's (schema corroborate/dossier@1): the store's JSON codec
# turns a Story into its dossier entry as is.

FigureVerdict = Literal["agree", "approximate", "conflict", "single_source"]
ClaimVerdict = Literal["corroborated", "contested", "single_source"]


@dataclass(frozen=True)
class AnalyzedArticle:
    """An article with its per-article analysis: the input of every cross-article stage."""

    article: Article
    analysis: Analysis


@dataclass(frozen=True)
class Evidence:
    """A span of one article that supports a statement of the dossier."""

    article_id: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class StoryRole:
    """A role given to an entity, with the articles that give it."""

    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class StoryEntity:
    """One person, organisation or place across the articles of a story (or of the corpus).

    ``local_ids`` maps each article's LocalEntity ids onto this entity:
    pairs of (article_id, local entity id).
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[StoryRole, ...] = ()
    mentions: tuple[Evidence, ...] = ()
    local_ids: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FigureReport:
    """One outlet's version of a figure."""

    article_id: str
    text: str
    low: float | None
    high: float | None
    start: int
    end: int
    qualifier: str | None = None
    approximate: bool = False
    field: Literal["text", "title"] = "text"  # start/end are into the text or the headline


@dataclass(frozen=True)
class FigureGroup:
    """Figures from several articles that measure the same thing, with a verdict."""

    id: str
    measure: str  # what is measured, e.g. "detain people", "sentence months"
    subject: str | None
    unit: str
    verdict: FigureVerdict
    reports: tuple[FigureReport, ...]
    explanation: str = ""  # why this verdict, in words an analyst can check
    # the time frame its figures share (``Figure.scope``): None for the story's own event;
    # "before", "year:2012", "period:so far", "modal", "retracted", ... for others
    scope: str | None = None


@dataclass(frozen=True)
class Claim:
    """A factual statement aligned across outlets."""

    id: str
    text: str
    verdict: ClaimVerdict
    support: tuple[Evidence, ...]
    outlets: tuple[str, ...] = ()
    contradicted_by: tuple[Evidence, ...] = ()  # the incompatible versions, when contested
    explanation: str = ""


@dataclass(frozen=True)
class StoryQuote:
    """A quote carried by one or more outlets."""

    id: str
    speaker: str | None  # StoryEntity id
    speaker_name: str | None
    text: str
    reports: tuple[Evidence, ...]
    # the kind of ``text``: "direct"/"partial" (the speaker's words) or "reported" (an
    # outlet's paraphrase, never shown in quotation marks)
    kind: Literal["direct", "partial", "reported"] = "direct"


@dataclass(frozen=True)
class TimelineReport:
    """One article's dating of a timeline entry."""

    article_id: str
    start: int
    end: int
    expression: str


@dataclass(frozen=True)
class TimelineEntry:
    """An event or dated statement on the story's merged timeline."""

    date: str  # YYYY-MM-DD (first day of the period)
    precision: Precision
    description: str
    reports: tuple[TimelineReport, ...]
    event_type: str | None = None


@dataclass(frozen=True)
class OutletCoverage:
    """Which claims one outlet reported, and which only it reported."""

    outlet: str
    article_ids: tuple[str, ...]
    claim_ids: tuple[str, ...]
    exclusive_claim_ids: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    """One story's dossier: the unit ``present`` shows."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    entities: tuple[StoryEntity, ...] = ()
    figures: tuple[FigureGroup, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    coverage: tuple[OutletCoverage, ...] = ()
    first_published: str | None = None
    last_published: str | None = None
