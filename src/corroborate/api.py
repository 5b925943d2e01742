"""The library's front door: ingest, analyse, link and write a dossier in one call.

The ``corroborate`` command line is a thin layer over these functions::

    from corroborate.api import analyze_inputs

    result = analyze_inputs(["articles/"], db="corroborate.db", out="out")
    result.dossier["stories"][0]["figures"]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corroborate.ingest.base import Skipped
from corroborate.ingest.guard import FetchPolicy
from corroborate.present.dossier import build_dossier, story_dossier, write_dossier
from corroborate.present.export import export_csv
from corroborate.present.report import write_report, write_reports
from corroborate.present.review import clear_review, review_fact
from corroborate.run import RunSummary, make_runner
from corroborate.run.local import IngestSummary, ProgressFn, RejectFn, ingest
from corroborate.store import AddResult, Review, Store, open_store
from corroborate.types import Rejection

__all__ = [
    "AnalyzeResult",
    "analyze_inputs",
    "export_story",
    "ingest_inputs",
    "review",
    "story_report",
    "unreview",
]

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
    report_path: Path | None  # the index page (out/index.html)
    story_reports: Mapping[str, Path] = field(default_factory=dict)  # story id -> report


def _naming(store: Store, outlet: str | None) -> Callable[[AddResult], None] | None:
    """What names the outlet of each stored input (``--outlet``), or None."""
    name = (outlet or "").strip()
    if not name:
        return None

    def on_result(result: AddResult) -> None:
        store.set_source_outlet(result, name)

    return on_result


def ingest_inputs(
    inputs: list[str],
    db: str | Path,
    *,
    on_progress: ProgressFn = _no_progress,
    on_reject: RejectFn = _no_reject,
    on_skip: SkipFn | None = None,
    allow_private: bool = False,
    outlet: str | None = None,
) -> IngestSummary:
    """Read, clean, deduplicate and store ``inputs`` (files, folders, globs, URLs) in ``db``
    (a SQLite path or a ``postgresql://`` URL). Idempotent; bad inputs become rejections.
    URLs on non-public addresses are refused unless ``allow_private``. ``outlet`` names
    the outlet of every input stored (over what the pages or records say)."""
    with open_store(db) as store:
        return ingest(
            inputs,
            store,
            on_progress=on_progress,
            on_reject=on_reject,
            on_skip=on_skip,
            fetch_policy=FetchPolicy(allow_private=allow_private),
            on_result=_naming(store, outlet),
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
    outlet: str | None = None,
) -> AnalyzeResult:
    """Ingest ``inputs`` into ``db``, analyse what is new on ``runner`` (``local`` process
    pool or ``dask``), link it into stories, and build the dossier of the whole store.
    ``outlet`` names the outlet of every input stored (see :func:`ingest_inputs`).

    With ``out``, also write ``out/dossier.json``, one self-contained report per story
    (``out/stories/``) and ``out/index.html`` listing the stories (``out/report.html``: the
    same index, under the name earlier versions used).
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
            on_result=_naming(store, outlet),
        )
        with make_runner(
            runner, processes=processes, scheduler=scheduler, workers=workers
        ) as engine:
            run = engine.run(store, on_progress=on_progress)
        if out_dir is None:
            dossier = build_dossier(store)
        else:
            dossier = write_dossier(store, out_dir / "dossier.json")
    report: Path | None = None
    stories: dict[str, Path] = {}
    if out_dir is not None:
        report, stories = write_reports(dossier, out_dir)
    return AnalyzeResult(
        ingest=summary,
        run=run,
        dossier=dossier,
        dossier_path=out_dir / "dossier.json" if out_dir is not None else None,
        report_path=report,
        story_reports=stories,
    )


def story_report(db: str | Path, story_id: str, path: str | Path) -> Path:
    """Write the self-contained report of one stored story to ``path``; returns it."""
    with open_store(db) as store:
        dossier = story_dossier(store, story_id)
    target = Path(path)
    write_report(dossier, target, rejected=False)
    return target


def export_story(
    db: str | Path, story_id: str, out: str | Path, *, format: str = "csv"
) -> list[Path]:
    """Export one stored story to the folder ``out``: with ``format="csv"``, figures.csv,
    claims.csv, quotes.csv, entities.csv and timeline.csv (one row per report, with its
    article, source label, span offsets, verdict and review). Returns the files written."""
    if format != "csv":
        raise ValueError(f"unknown export format {format!r}: give 'csv'")
    with open_store(db) as store:
        dossier = story_dossier(store, story_id)
    return export_csv(dossier, Path(out))


def review(db: str | Path, fact_id: str, decision: str, note: str = "") -> Review:
    """Confirm (``decision="confirm"``) or dismiss (``"dismiss"``) the verdict of a figure
    or claim by its ``fact_id`` (shown in reports and dossiers), with a ``note``; kept in
    the store and shown in reports, dossiers and exports. Returns the stored review."""
    with open_store(db) as store:
        return review_fact(store, fact_id, decision, note)


def unreview(db: str | Path, fact_id: str) -> bool:
    """Remove the review of ``fact_id``; False when there was none."""
    with open_store(db) as store:
        return clear_review(store, fact_id)
