"""The library's front door: ingest, analyse, link and write a dossier in one call.

The ``corroborate`` command line is a thin layer over these functions::

    from corroborate.api import analyze_inputs

    result = analyze_inputs(["articles/"], db="corroborate.db", out="out")
    result.dossier["stories"][0]["figures"]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corroborate.ingest.base import Skipped
from corroborate.ingest.guard import FetchPolicy
from corroborate.present.dossier import build_dossier, write_dossier
from corroborate.present.report import write_report
from corroborate.run import RunSummary, make_runner
from corroborate.run.local import IngestSummary, ProgressFn, RejectFn, ingest
from corroborate.store import open_store
from corroborate.types import Rejection

__all__ = ["AnalyzeResult", "analyze_inputs", "ingest_inputs"]

SkipFn = Callable[[Skipped], None]


def _no_progress(stage: str, advance: int) -> None:
    return None


def _no_reject(rejection: Rejection) -> None:
    return None


@dataclass(frozen=True)
class AnalyzeResult:
    """What :func:`analyze_inputs` did, and the dossier it wrote."""

    ingest: IngestSummary
    run: RunSummary
    dossier: dict[str, Any]
    dossier_path: Path | None
    report_path: Path | None


def ingest_inputs(
    inputs: list[str],
    db: str | Path,
    *,
    on_progress: ProgressFn = _no_progress,
    on_reject: RejectFn = _no_reject,
    on_skip: SkipFn | None = None,
    allow_private: bool = False,
) -> IngestSummary:
    """Read, clean, deduplicate and store ``inputs`` (files, folders, globs, URLs) in ``db``
    (a SQLite path or a ``postgresql://`` URL). Idempotent; bad inputs become rejections.
    URLs on non-public addresses are refused unless ``allow_private``."""
    with open_store(db) as store:
        return ingest(
            inputs,
            store,
            on_progress=on_progress,
            on_reject=on_reject,
            on_skip=on_skip,
            fetch_policy=FetchPolicy(allow_private=allow_private),
        )


def analyze_inputs(
    inputs: list[str],
    db: str | Path,
    out: str | Path | None = None,
    *,
    runner: str = "local",
    processes: int = 1,
    scheduler: str | None = None,
    workers: int = 2,
    on_progress: ProgressFn = _no_progress,
    on_reject: RejectFn = _no_reject,
    on_skip: SkipFn | None = None,
    allow_private: bool = False,
) -> AnalyzeResult:
    """Ingest ``inputs`` into ``db``, analyse what is new on ``runner`` (``local`` process
    pool or ``dask``), link it into stories, and build the dossier of the whole store.

    With ``out``, also write ``out/dossier.json`` and the self-contained ``out/report.html``.
    """
    out_dir = Path(out) if out is not None else None
    with open_store(db) as store:
        summary = ingest(
            inputs,
            store,
            on_progress=on_progress,
            on_reject=on_reject,
            on_skip=on_skip,
            fetch_policy=FetchPolicy(allow_private=allow_private),
        )
        with make_runner(
            runner, processes=processes, scheduler=scheduler, workers=workers
        ) as engine:
            run = engine.run(store, on_progress=on_progress)
        if out_dir is None:
            dossier = build_dossier(store)
        else:
            dossier = write_dossier(store, out_dir / "dossier.json")
    report = None
    if out_dir is not None:
        report = out_dir / "report.html"
        write_report(dossier, report)
    return AnalyzeResult(
        ingest=summary,
        run=run,
        dossier=dossier,
        dossier_path=out_dir / "dossier.json" if out_dir is not None else None,
        report_path=report,
    )
