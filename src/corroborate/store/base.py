"""The backend-neutral Store interface.

Every backend (SQLite now, PostgreSQL later) implements :class:`Store`. The store does
not import the clean stage: near-duplicate detection is passed in as any object that
satisfies :class:`NearDuplicateIndex` (``corroborate.clean.dedup.Deduplicator`` does).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

from corroborate.types import Analysis, Article, Rejection

if TYPE_CHECKING:
    from corroborate.store.search import StoryQuery

__all__ = ["AddResult", "AddStatus", "Decision", "NearDuplicateIndex", "Review", "Store"]

AddStatus = Literal["added", "merged", "unchanged"]
Decision = Literal["confirmed", "dismissed"]


@dataclass(frozen=True)
class AddResult:
    """What adding one article did.

    - ``added``: stored as a new article ``article_id``.
    - ``merged``: merged into the stored article ``duplicate_of`` (its new source and id
      were recorded there); ``similarity`` is 1.0 for an exact duplicate (same content
      hash or same id) and the estimated Jaccard for a near-duplicate.
    - ``unchanged``: everything about it was already stored; nothing was written.
      ``duplicate_of`` is the stored article that holds it.
    """

    status: AddStatus
    article_id: str  # id of the input article
    duplicate_of: str | None = None
    similarity: float | None = None

    @property
    def stored_id(self) -> str:
        """Id of the stored article that now represents the input."""
        return self.duplicate_of or self.article_id


@dataclass(frozen=True)
class Review:
    """An analyst's decision on one verdict (see ``present/review.py``).

    ``fact_id`` is the content-derived id of the figure group or claim; ``kind``,
    ``verdict``, ``story_id`` and ``evidence`` (``(article_id, start, end)`` spans) are what
    the analyst saw, so a review can be matched again when the fact changed. ``created_at``
    and ``updated_at`` are set by the store (UTC, ISO-8601).
    """

    fact_id: str
    decision: Decision
    note: str = ""
    kind: str = ""
    verdict: str = ""
    story_id: str = ""
    evidence: tuple[tuple[str, int, int], ...] = ()
    created_at: str = ""
    updated_at: str = ""


@runtime_checkable
class NearDuplicateIndex(Protocol):
    """What the store needs from a near-duplicate detector (see ``clean.dedup``)."""

    @property
    def scheme(self) -> str:
        """Names everything a signature depends on; stale signatures are recomputed."""
        ...

    def signature(self, text: str) -> bytes:
        """Signature of a text (``b""`` when it has none)."""
        ...

    def match_signature(self, signature: bytes) -> tuple[str, float] | None:
        """Best indexed ``(article_id, similarity)`` at or above the threshold, or None."""
        ...

    def add_signature(self, article_id: str, signature: bytes) -> None:
        """Index an article's signature."""
        ...

    def remove(self, article_id: str) -> bool:
        """Drop an article from the index (used to undo a rolled-back batch)."""
        ...

    def load(self, signatures: Iterable[tuple[str, bytes]]) -> int:
        """Index many stored ``(article_id, signature)`` pairs."""
        ...

    def __contains__(self, article_id: object) -> bool: ...


class Store(Protocol):
    """Persistent home of articles, rejections, analyses and stories.

    Writes outside :meth:`transaction` commit at once; inside, they commit together when
    the outermost ``with`` block ends, or not at all if it raises.
    """

    # -------------------------------------------------------------- articles
    def add_article(self, article: Article, dedup: NearDuplicateIndex | None = None) -> AddResult:
        """Store ``article``, or merge it into the stored article it duplicates."""
        ...

    def add_articles(
        self, batch: Sequence[Article], dedup: NearDuplicateIndex | None = None
    ) -> list[AddResult]:
        """Add a batch in one transaction; duplicates within the batch are merged too."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with this id (also found by a merged duplicate's id)."""
        ...

    def articles(self) -> Iterator[Article]:
        """Every stored article in insertion order, streamed in chunks."""
        ...

    def count_articles(self) -> int: ...

    def has_source(self, path: str) -> bool:
        """True when an article from ``path`` (exact source string) is already stored."""
        ...

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Stored ``(article_id, near-duplicate signature)`` pairs."""
        ...

    def prime(self, dedup: NearDuplicateIndex) -> int:
        """Load stored signatures into ``dedup`` (recomputing stale ones); returns count."""
        ...

    # -------------------------------------------------------------- rejections
    def add_rejection(self, rejection: Rejection) -> None: ...

    def rejections(self) -> list[Rejection]: ...

    # -------------------------------------------------------------- analyses
    def put_analysis(self, article_id: str, analysis: Analysis) -> None: ...

    def get_analysis(self, article_id: str) -> Analysis | None: ...

    def analyses(self) -> Iterator[tuple[str, Analysis]]: ...

    def analysis_notes(self) -> dict[str, tuple[str, ...]]:
        """``article_id -> notes`` of every analysis that has notes ("analysis failed: ...",
        "not analysed: ...", "publication date inferred"), read without decoding analyses."""
        ...

    def articles_without_analysis(self) -> Iterator[Article]: ...

    # -------------------------------------------------------------- stories
    def put_stories(self, stories: Sequence[dict[str, Any]], *, replace: bool = False) -> None:
        """Upsert stories (JSON objects with an ``id``); ``replace`` drops all others."""
        ...

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        """Remove stories by id; unknown ids are ignored."""
        ...

    def stories(self) -> list[dict[str, Any]]: ...

    def get_state(self, key: str) -> Any:
        """A JSON value a stage persisted between runs, or None."""
        ...

    def put_state(self, key: str, value: Any) -> None:
        """Persist a JSON-able value under ``key``."""
        ...

    def get_story(self, story_id: str) -> dict[str, Any] | None: ...

    # -------------------------------------------------------------- reviews
    def put_review(self, review: Review) -> Review:
        """Store (or replace) the review of ``review.fact_id``; returns it as stored, with
        its times (``created_at`` kept from an earlier review of the same fact)."""
        ...

    def get_review(self, fact_id: str) -> Review | None: ...

    def reviews(self) -> list[Review]:
        """Every review, oldest first."""
        ...

    def delete_review(self, fact_id: str) -> bool:
        """Remove a review; False when there was none."""
        ...

    def set_source_outlet(self, result: AddResult, outlet: str) -> None:
        """Name the outlet of an input as stored by ``result`` (``--outlet``): the source
        row of the input, and the article itself when the input added it."""
        ...

    # -------------------------------------------------------------- search (web app)
    def search_stories(self, query: StoryQuery) -> tuple[list[dict[str, Any]], int]:
        """Story summaries matching ``query``, newest first, and the total matched."""
        ...

    def list_outlets(self) -> list[str]: ...

    def list_entities(
        self, text: str | None = None, *, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]: ...

    def entity_story_ids(self, entity_id: str) -> list[str]: ...

    def article_story_ids(self, article_id: str) -> list[str]: ...

    def source_article_ids(self, path: str) -> list[str]:
        """Stored articles that came from ``path`` (or ``path:LINE`` / ``path#...``)."""
        ...

    # -------------------------------------------------------------- lifecycle
    def transaction(self) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
