"""The Runner interface: how the per-article analysis stage is executed.

A runner only decides *where* batches of articles are analysed (this process, a local
process pool, a Dask cluster). Stage order, store writes and linking stay in one place,
:func:`corroborate.run.local.process`, which every runner's :meth:`Runner.run` calls, so
all runners produce the same store from the same input. A runner may also offer
``encode(texts)`` (:data:`corroborate.run.local.EncodeFn`): linking then computes the
sentence vectors it needs on the runner's workers instead of in this process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from corroborate.store.base import Store
from corroborate.types import Analysis, Article

__all__ = ["BatchFn", "ProgressFn", "RunSummary", "Runner"]

#: ``on_progress(stage, advance)``: called as work is done ("analyze", "link", ...).
ProgressFn = Callable[[str, int], None]

#: Analyses one batch of articles, returning one :class:`Analysis` per article, in order.
BatchFn = Callable[[list[Article]], list[Analysis]]


@dataclass(frozen=True)
class RunSummary:
    """What one analyse-and-link run did."""

    analysed: int  # articles analysed (and committed) by this run
    batches: int  # analysis batches committed
    links: int  # incremental link passes run (including the final one)
    rebuilt: int  # stories rebuilt, summed over the link passes
    failed: int = 0  # articles whose analysis raised (stored with an "analysis failed" note)
    retried: int = 0  # batch commits redone after a store error (e.g. PostgreSQL restarted)


@runtime_checkable
class Runner(Protocol):
    """Executes the per-article stage; usable as a context manager (``close`` on exit)."""

    name: str

    def analyze_batches(
        self, batches: Iterable[Sequence[Article]]
    ) -> Iterator[tuple[int, list[Analysis]]]:
        """Analyse ``batches`` (numbered 0, 1, ... in input order), yielding
        ``(batch number, analyses)`` as each completes, in any order. Pulls batches lazily,
        keeping only a bounded number in flight."""
        ...

    def run(
        self,
        store: Store,
        *,
        batch_size: int = ...,
        link_every: int | None = ...,
        on_progress: ProgressFn = ...,
    ) -> RunSummary:
        """Analyse every article of ``store`` without an analysis, committing batch by
        batch, and link incrementally every ``link_every`` batches (None: once at the end)
        and at the end."""
        ...

    def close(self) -> None:
        """Release pools, clients or clusters this runner started."""
        ...

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc: object) -> None: ...
