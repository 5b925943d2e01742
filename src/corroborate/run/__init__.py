"""run stage: runners execute the per-article analysis; ``local`` knows the stage order.

``make_runner("local", processes=2)`` or ``make_runner("dask", scheduler=..., workers=2)``
gives a :class:`Runner`; ``runner.run(store)`` analyses pending articles and links them.
The Dask runner is imported only when asked for (it needs the ``dask`` extra).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corroborate.run.base import BatchFn, ProgressFn, Runner, RunSummary

if TYPE_CHECKING:
    from corroborate.run.dask import DaskRunner
    from corroborate.run.local import LocalRunner

__all__ = [
    "RUNNERS",
    "BatchFn",
    "DaskRunner",
    "LocalRunner",
    "ProgressFn",
    "RunSummary",
    "Runner",
    "make_runner",
]

RUNNERS = ("local", "dask")


def __getattr__(name: str) -> Any:
    if name == "LocalRunner":
        from corroborate.run.local import LocalRunner

        return LocalRunner
    if name == "DaskRunner":
        from corroborate.run.dask import DaskRunner

        return DaskRunner
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def make_runner(
    kind: str = "local",
    *,
    processes: int = 1,
    scheduler: str | None = None,
    workers: int = 2,
) -> Runner:
    """A runner by name: ``local`` (``processes`` worker processes) or ``dask``
    (``scheduler`` address, or a LocalCluster of ``workers`` processes)."""
    if kind == "local":
        from corroborate.run.local import LocalRunner

        return LocalRunner(processes)
    if kind == "dask":
        from corroborate.run.dask import DaskRunner

        return DaskRunner(scheduler, workers)
    raise ValueError(f"unknown runner {kind!r}: choose one of {', '.join(RUNNERS)}")
