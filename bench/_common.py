"""Helpers shared by the benchmark scripts: data paths, timing, peak memory."""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from corroborate.compare.claims import FactUnit, StoryPairs
    from corroborate.types import AnalyzedArticle, FigureGroup

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ECB_DEV = SHARED / "data" / "ecbplus" / "dev.jsonl"


def require(path: Path, what: str) -> Path:
    """Return ``path``, or exit with a clear message when the shared data is absent."""
    if not path.exists():
        sys.exit(
            f"{what} not found at {path}: this benchmark needs the read-only ../shared folder "
            "beside the checkout (it is never copied into the repository)."
        )
    return path


def load_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` records of a JSONL file (all when None)."""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(rows) >= limit:
                break
            if line.strip():
                rows.append(json.loads(line))
    return rows


def peak_rss_mib() -> tuple[float, float]:
    """Peak resident memory (MiB) of this process and of its largest waited-for child.

    ``ru_maxrss`` is in KiB on Linux; RUSAGE_CHILDREN reports the largest terminated,
    waited-for descendant (not a sum over workers).
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


@contextmanager
def timer() -> Iterator[Callable[[], float]]:
    """``with timer() as elapsed: ...; elapsed()`` gives wall seconds (frozen on exit)."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())


def word_count(text: str) -> int:
    """Whitespace-separated words (the unit of words/s)."""
    return len(text.split())


def stored_docs(store_path: Path) -> dict[str, AnalyzedArticle]:
    """Article id -> ``AnalyzedArticle`` of every analysed article in ``store_path``."""
    from corroborate.store import open_store
    from corroborate.types import AnalyzedArticle

    out: dict[str, AnalyzedArticle] = {}
    with open_store(store_path) as store:
        analyses = dict(store.analyses())
        for article in store.articles():
            if article.id in analyses:
                out[article.id] = AnalyzedArticle(article, analyses[article.id])
    return out


def product_pairs(
    docs: Iterable[AnalyzedArticle],
) -> tuple[list[AnalyzedArticle], StoryPairs, list[FigureGroup]]:
    """A gold story's stored articles in the order the product reads them, and what the
    product's cross-article stages make of them (entities, figure groups, then
    :func:`corroborate.compare.claims.story_pairs`: fact units, candidate pairs, features)."""
    from corroborate.compare.claims import story_pairs
    from corroborate.compare.figures import compare_figures
    from corroborate.link.entities import resolve_entities

    story_docs = sorted(docs, key=lambda d: (d.article.published or "", d.article.id))
    entities = resolve_entities(story_docs)
    figures = compare_figures(story_docs, entities)
    return story_docs, story_pairs(story_docs, entities, figures), list(figures)


def covered_sentences(
    units: Sequence[FactUnit], located: dict[str, dict[str, tuple[int, int]]]
) -> list[frozenset[str]]:
    """For each unit, the gold sentence ids (``located``: article id -> sid -> span in the
    stored text) it covers, by the claims harness's overlap rule."""
    from corroborate.evaluate.claims import _covers

    return [
        frozenset(
            sid for sid, span in located[u.article_id].items() if _covers((u.start, u.end), span)
        )
        for u in units
    ]
