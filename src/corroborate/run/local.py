"""The local runner: the only module that knows the order of the stages.

ingest → clean → dedup → store, then analyze (per article, in a process pool) → link.
Everything streams: inputs are read one document at a time and committed in batches, so
memory stays flat however large the batch, and a crash loses at most the open batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

import httpx

from corroborate.clean import clean_document
from corroborate.clean.dedup import Deduplicator
from corroborate.ingest import read_inputs
from corroborate.store.base import Store
from corroborate.types import Article, RawDocument, Rejection

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
