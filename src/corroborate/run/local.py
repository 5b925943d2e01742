"""The local runner: the only module that knows the order of the stages.

ingest → clean → dedup → store, then analyze (per article, in a process pool) → link
(stories, entity resolution) → compare (figures, claims, quotes, timeline) → store.
Everything streams: inputs are read one document at a time and committed in batches, so
memory stays flat however large the batch, and a crash loses at most the open batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

import httpx

from corroborate.analyze.pipeline import analyze_articles
from corroborate.clean import clean_document
from corroborate.clean.dedup import Deduplicator
from corroborate.compare.story import build_story, story_to_dossier
from corroborate.ingest import read_inputs
from corroborate.link.entities import EntityRegistry
from corroborate.link.stories import StoryIndex
from corroborate.store.base import Store
from corroborate.types import AnalyzedArticle, Article, RawDocument, Rejection

T = TypeVar("T")

#: Articles committed per transaction. Small enough that a crash loses little, large
#: enough that SQLite's per-commit fsync does not dominate.
BATCH_SIZE = 64

ProgressFn = Callable[[str, int], None]
RejectFn = Callable[[Rejection], None]


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did."""

    read: int
    added: int
    merged: int
    unchanged: int
    rejected: int


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of at most ``size`` items, lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _noop_progress(stage: str, advance: int) -> None:
    return None


def _noop_reject(rejection: Rejection) -> None:
    return None


def ingest(
    inputs: Sequence[str],
    store: Store,
    *,
    transport: httpx.BaseTransport | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: ProgressFn = _noop_progress,
    on_reject: RejectFn = _noop_reject,
) -> IngestSummary:
    """Read, clean, deduplicate and store every input; bad inputs become rejections.

    Re-running on the same inputs adds nothing. Each batch is one transaction.
    """
    dedup = Deduplicator.from_store(store)
    read = added = merged = unchanged = rejected = 0
    for chunk in batched(read_inputs(list(inputs), transport=transport), batch_size):
        articles: list[Article] = []
        rejections: list[Rejection] = []
        for item in chunk:
            read += 1
            if isinstance(item, RawDocument) and item.id and store.get_article(item.id):
                unchanged += 1  # an input's own id already stored: nothing to redo
                continue
            result = item if isinstance(item, Rejection) else _clean(item)
            if isinstance(result, Rejection):
                rejections.append(result)
            else:
                articles.append(result)
        with store.transaction():
            for rej in rejections:
                store.add_rejection(rej)
            results = store.add_articles(articles, dedup) if articles else []
        for rej in rejections:
            on_reject(rej)
        rejected += len(rejections)
        for res in results:
            if res.status == "added":
                added += 1
            elif res.status == "merged":
                merged += 1
            else:
                unchanged += 1
        on_progress("ingest", len(chunk))
    return IngestSummary(read, added, merged, unchanged, rejected)


def _clean(raw: RawDocument) -> Article | Rejection:
    return clean_document(raw)


def analyze_pending(
    store: Store,
    *,
    processes: int = 1,
    batch_size: int = BATCH_SIZE,
    on_progress: ProgressFn = _noop_progress,
) -> int:
    """Analyse every stored article that has no analysis yet; return how many.

    Resumable: analyses are committed batch by batch, so an interrupted run picks up
    where it stopped.
    """
    done = 0
    analyses = analyze_articles(store.articles_without_analysis(), n_process=processes)
    for chunk in batched(analyses, batch_size):
        with store.transaction():
            for analysis in chunk:
                store.put_analysis(analysis.article_id, analysis)
        done += len(chunk)
        on_progress("analyze", len(chunk))
    return done


STORY_STATE = "story_index"
ENTITY_STATE = "entity_registry"


def link(store: Store, *, on_progress: ProgressFn = _noop_progress) -> int:
    """Place newly analysed articles into stories and rebuild the stories they touched.

    Incremental: the story index and the entity registry are persisted in the store, so
    adding articles to a large store rebuilds only the stories that changed. Returns the
    number of stories rebuilt.
    """
    state = store.get_state(STORY_STATE)
    index = StoryIndex.from_state(state) if state else StoryIndex()
    reg_state = store.get_state(ENTITY_STATE)
    registry = EntityRegistry.from_state(reg_state) if reg_state else EntityRegistry()
    touched: set[str] = set()
    for article in store.articles():
        if index.story_of(article.id) is not None:
            continue
        touched.add(index.add(article, store.get_analysis(article.id)))
    if not touched:
        return 0
    merged = index.merged()  # retired story id -> the story it was merged into
    current = index.stories()
    touched = {merged.get(sid, sid) for sid in touched} & set(current)
    dossiers = []
    for sid in sorted(touched):
        docs = _docs(store, current[sid])
        dossiers.append(story_to_dossier(build_story(sid, docs, registry)))
        on_progress("link", 1)
    with store.transaction():
        store.delete_stories(set(merged) - set(current))
        store.put_stories(dossiers)
        store.put_state(STORY_STATE, index.to_state())
        store.put_state(ENTITY_STATE, registry.to_state())
    return len(dossiers)


def _docs(store: Store, article_ids: Sequence[str]) -> list[AnalyzedArticle]:
    docs = []
    for article_id in article_ids:
        article = store.get_article(article_id)
        analysis = store.get_analysis(article_id)
        if article is not None and analysis is not None:
            docs.append(AnalyzedArticle(article, analysis))
    return docs
