"""Response models of the JSON API: what ``/openapi.json`` documents each answer to be.

The dossier's own records (schema ``corroborate/dossier@1``) are typed field by field as
the design's contract states them; the extras stages add (explanations, qualifiers,
coverage, ...) pass through (``extra="allow"``). Errors: :class:`ErrorBody` for every
status, :class:`ValidationErrorBody` for 422, whose ``details`` are the field errors.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ApiIndex",
    "ArticleRecord",
    "ChangesAnswer",
    "Deleted",
    "EntityList",
    "EntityView",
    "ErrorBody",
    "IngestAccepted",
    "JobView",
    "OutletList",
    "OutletView",
    "ReviewList",
    "ReviewRequest",
    "ReviewView",
    "StoryAnswer",
    "StoryList",
    "ValidationErrorBody",
]


class _Open(BaseModel):
    """A record that may carry more fields than the ones typed here."""

    model_config = ConfigDict(extra="allow")


# ---------------------------------------------------------------- errors


class ErrorBody(BaseModel):
    """Every error answer: what went wrong and what to do."""

    error: str = Field(description="What went wrong and what to do.")
    details: list[FieldError] | None = Field(
        None, description="Field errors (a body that fails validation: 400 for bad JSON, 422)."
    )


class FieldError(BaseModel):
    """One invalid field: where (``loc``: "query", "limit"), what, and the error type."""

    loc: list[str]
    msg: str
    type: str


class ValidationErrorBody(BaseModel):
    """A 422 answer: the message, then every field at fault."""

    error: str = Field(description="'invalid fields: ' and each field's message.")
    details: list[FieldError]


ErrorBody.model_rebuild()


# ---------------------------------------------------------------- dossier records


class Span(_Open):
    """Character offsets into an article's cleaned text."""

    article_id: str
    start: int
    end: int


class Mention(Span):
    text: str


class Role(_Open):
    text: str
    article_ids: list[str] = []


class Entity(_Open):
    id: str
    name: str
    type: str
    aliases: list[str] = []
    roles: list[Role] = []
    mentions: list[Mention] = []


class FigureReport(Span):
    text: str
    low: float | None = Field(None, description="Lower bound in ``unit``; null: open.")
    high: float | None = Field(None, description="Upper bound in ``unit``; null: open.")
    field: Literal["text", "title"] = Field(
        "text",
        description="What ``start``/``end`` index: the cleaned text, or the headline for a "
        "count only the headline states.",
    )


class Figure(_Open):
    id: str
    measure: str
    subject: str | None = None
    unit: str | None = None
    verdict: str = Field(description="agree, approximate, conflict or single_source.")
    scope: str | None = Field(
        None,
        description="Time frame: null for the story's own event; before, year:YYYY, "
        "period:…, rate:…, modal, retracted, offset, part for others (docs/figures.md).",
    )
    reports: list[FigureReport] = []


class Claim(_Open):
    id: str
    text: str
    verdict: str = Field(description="corroborated, contested or single_source.")
    support: list[Span] = []


class Quote(_Open):
    id: str
    speaker: str | None = Field(None, description="The speaker's entity id.")
    speaker_name: str | None = None
    text: str
    kind: str = Field(
        "direct",
        description="direct (in quotation marks), partial (a phrase in quotation marks) "
        "or reported (indirect speech: never shown in quotation marks).",
    )
    reports: list[Span] = []


class DateReport(Span):
    expression: str | None = None


class TimelineEntry(_Open):
    date: str = Field(description="YYYY-MM-DD")
    precision: str = Field(description="day, week, month or year.")
    description: str | None = None
    reports: list[DateReport] = []


class Story(_Open):
    """A story entry of ``dossier.json``."""

    id: str
    title: str | None = None
    article_ids: list[str] = []
    entities: list[Entity] = []
    figures: list[Figure] = []
    claims: list[Claim] = []
    quotes: list[Quote] = []
    timeline: list[TimelineEntry] = []


class ArticleRecord(_Open):
    """An article record of ``dossier.json`` (cleaned text and metadata)."""

    id: str
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = Field(None, description="metadata, text, inferred, unknown")
    language: str | None = None
    text: str
    duplicate_ids: list[str] = []
    source_label: str | None = Field(None, description="How the app names the article's source.")
    headline_only: bool = Field(
        False, description="The page's body held no article text: the article is its headline."
    )
    story_ids: list[str] | None = Field(None, description="Stories citing it (article endpoint).")


# ---------------------------------------------------------------- answers


class StorySummary(_Open):
    id: str
    title: str | None = None
    first_published: str | None = None
    last_published: str | None = None
    n_articles: int
    n_conflicts: int
    outlets: list[str]


class SnippetView(BaseModel):
    """Where the query matched: ``marks`` are ``[start, end]`` offsets into ``text``."""

    text: str
    marks: list[tuple[int, int]]
    field: Literal["title", "text"]
    article_id: str | None = None


class StoryHit(StorySummary):
    snippet: SnippetView | None = None


class StoryList(BaseModel):
    total: int
    limit: int
    offset: int
    stories: list[StoryHit]


class StoryAnswer(BaseModel):
    story: Story
    articles: list[ArticleRecord]


class EntitySummary(_Open):
    id: str
    name: str
    type: str
    n_stories: int
    n_mentions: int


class EntityList(BaseModel):
    total: int
    limit: int
    offset: int
    entities: list[EntitySummary]


class Appearance(BaseModel):
    story_id: str
    story_title: str | None = None
    entity: Entity


class EntityView(BaseModel):
    id: str
    name: str | None = None
    type: str | None = None
    aliases: list[str]
    roles: list[str | None]
    stories: list[Appearance]


class IngestAccepted(BaseModel):
    job_id: str
    status: Literal["queued"]
    job_url: str


class FactChangeView(BaseModel):
    key: str
    kind: str
    label: str
    before: str | None = Field(description="The verdict before; null: a new fact.")
    after: str


class StoryChangeView(BaseModel):
    story_id: str
    title: str
    new: bool
    added_articles: list[str]
    new_facts: list[FactChangeView]
    moved: list[FactChangeView]


class JobView(BaseModel):
    """An ingestion job. ``stages_done`` counts the stages that completed; a failed job
    names the stage it failed in (``failed_stage``)."""

    id: str
    status: Literal["queued", "running", "done", "failed"]
    stage: str | None
    stages: list[str]
    stages_done: int = Field(ge=0, le=3)
    failed_stage: str | None = None
    progress: dict[str, int]
    inputs: list[str]
    summary: dict[str, int]
    article_ids: list[str]
    story_ids: list[str]
    rejected: list[dict[str, str]]
    changes: list[StoryChangeView] | None = Field(
        None, description="What the job changed (stories, new facts, moved verdicts)."
    )
    error: str | None
    created_at: str
    finished_at: str | None


class ChangesAnswer(BaseModel):
    """What changed since the store was last marked seen (``seen_at``)."""

    seen_at: str | None
    stories: list[StoryChangeView]
    gone: list[str]


class FactRef(_Open):
    """A figure group or claim as an outlet page lists it."""

    story_id: str
    story_title: str | None = None
    kind: Literal["figure", "claim"]
    id: str
    label: str
    verdict: str
    spans: list[Span]


class OutletSummary(BaseModel):
    name: str
    n_stories: int


class OutletList(BaseModel):
    outlets: list[OutletSummary]


class OutletView(BaseModel):
    """What one outlet (source label) reports: its stories and articles, what it alone
    reported (single-source facts with only its articles) and where it is contested."""

    name: str
    stories: list[StorySummary]
    articles: list[dict[str, str | None]]
    alone: list[FactRef]
    contested: list[FactRef]


class Endpoint(BaseModel):
    method: str
    path: str
    summary: str | None = None


class ApiIndex(BaseModel):
    """The API's endpoints (``openapi``: the full description)."""

    openapi: str
    endpoints: list[Endpoint]


class ReviewRequest(BaseModel):
    """An analyst's decision on a fact's verdict."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    decision: Literal["confirm", "dismiss"]
    note: str = Field("", max_length=4000)


class ReviewView(BaseModel):
    """A stored review (``fact_id``: the figure group's or claim's content-derived id)."""

    fact_id: str
    decision: Literal["confirmed", "dismissed"]
    note: str
    kind: str
    verdict: str = Field(description="The verdict the analyst saw.")
    story_id: str
    evidence: list[tuple[str, int, int]]
    created_at: str
    updated_at: str


class ReviewList(BaseModel):
    reviews: list[ReviewView]


class Deleted(BaseModel):
    deleted: bool
