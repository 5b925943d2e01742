"""``corroborate`` command line: a thin layer over the library.

Exit status: 0 when every input was used, 1 when some input was rejected (the rest of the
batch is still processed and stored), 2 when the command itself could not run.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from corroborate.api import analyze_inputs, ingest_inputs
from corroborate.errors import CorroborateError
from corroborate.ingest.base import Skipped
from corroborate.present.dossier import write_dossier
from corroborate.run import local
from corroborate.run.local import IngestSummary
from corroborate.store import open_store
from corroborate.types import Rejection

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Reconcile one news story as told by many outlets, with provenance.",
)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str, typer.Option("--db", help="SQLite file (or store URL) to read and write.")
]
PathsArg = Annotated[
    list[str], typer.Argument(help="Files, folders, globs, JSONL, feeds, WARC or URLs.")
]


@contextmanager
def _progress(label: str) -> Iterator[local.ProgressFn]:
    """A progress bar on stderr, shown only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield local._noop_progress
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def advance(stage: str, n: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"{label}: {stage}", total=None)
            bar.advance(tasks[stage], n)

        yield advance


# Control characters (C0, DEL, C1: ANSI escapes, carriage returns) and the bidirectional
# overrides and isolates that can make a printed name read as another.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters become "?" and lone
    surrogates (undecodable file names) U+FFFD; never interpreted as console markup."""
    return _SURROGATE.sub("\ufffd", _UNPRINTABLE.sub("?", text))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _report_rejection(rej: Rejection) -> None:
    line = Text("rejected", style="bold red")
    line.append(f" {printable(rej.path)}: {printable(rej.reason)}")
    err.print(line, soft_wrap=True)


def _report_skip(note: Skipped) -> None:
    err.print(f"skipped {printable(note.path)}: {printable(note.reason)}", markup=False)


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"error: {printable(str(exc))}", markup=False)
    return typer.Exit(2)


def _print_ingest(summary: IngestSummary) -> None:
    skipped = f", {summary.skipped} hidden entries skipped" if summary.skipped else ""
    err.print(
        f"read {summary.read}: {summary.added} added, {summary.merged} merged as duplicates, "
        f"{summary.unchanged} already stored, {summary.rejected} rejected{skipped}",
        markup=False,
    )


AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Also fetch URLs on loopback, private, link-local and reserved addresses "
        "(refused by default: the fetcher never reaches inside its own network).",
    ),
]


@app.command()
def ingest(
    paths: PathsArg, db: DbOption = "corroborate.db", allow_private: AllowPrivateOption = False
) -> None:
    """Ingest inputs into the store (idempotent: re-ingesting adds nothing)."""
    try:
        with _progress("ingest") as progress:
            summary = ingest_inputs(
                paths,
                db,
                on_progress=progress,
                on_reject=_report_rejection,
                on_skip=_report_skip,
                allow_private=allow_private,
            )
    except CorroborateError as exc:
        raise _fail(exc) from exc
    _print_ingest(summary)
    raise typer.Exit(1 if summary.rejected else 0)


@app.command()
def export(
    db: DbOption = "corroborate.db",
    output: Annotated[Path, typer.Option("-o", "--output", help="dossier.json to write.")] = Path(
        "dossier.json"
    ),
) -> None:
    """Write the store's dossier (schema corroborate/dossier@1) to a JSON file."""
    try:
        with open_store(db) as store:
            dossier = write_dossier(store, output)
    except CorroborateError as exc:
        raise _fail(exc) from exc
    err.print(
        f"wrote {output}: {len(dossier['articles'])} articles, "
        f"{len(dossier['stories'])} stories, {len(dossier['rejected'])} rejected",
        markup=False,
    )


OutOption = Annotated[Path, typer.Option("--out", help="Folder for dossier.json and report.html.")]
ProcessesOption = Annotated[
    int, typer.Option("--processes", "-j", min=1, help="Worker processes for analysis.")
]


class RunnerKind(StrEnum):
    """Where the per-article analysis runs."""

    local = "local"
    dask = "dask"


RunnerOption = Annotated[
    RunnerKind,
    typer.Option(
        "--runner", help="local: a process pool (default); dask: Dask tasks on a cluster."
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address (tcp://HOST:8786); none starts a LocalCluster.",
    ),
]
WorkersOption = Annotated[
    int, typer.Option("--workers", min=1, help="LocalCluster worker processes (--runner dask).")
]


@app.command()
def analyze(
    paths: PathsArg,
    db: DbOption = "corroborate.db",
    out: OutOption = Path("out"),
    processes: ProcessesOption = 1,
    runner: RunnerOption = RunnerKind.local,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = 2,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Ingest, analyse and link the inputs; write DIR/dossier.json and DIR/report.html."""
    if scheduler and runner is not RunnerKind.dask:
        raise _fail(ValueError("--scheduler needs --runner dask"))
    try:
        with _progress("analyze") as progress:
            result = analyze_inputs(
                paths,
                db,
                out,
                runner=runner.value,
                processes=processes,
                scheduler=scheduler,
                workers=workers,
                on_progress=progress,
                on_reject=_report_rejection,
                on_skip=_report_skip,
                allow_private=allow_private,
            )
    except CorroborateError as exc:
        raise _fail(exc) from exc
    _print_ingest(result.ingest)
    run, dossier = result.run, result.dossier
    failed = f" ({run.failed} failed, noted in the dossier)" if run.failed else ""
    err.print(
        f"analysed {run.analysed} articles{failed}, rebuilt {run.rebuilt} stories; "
        f"wrote {out / 'dossier.json'} and {out / 'report.html'}: "
        f"{len(dossier['articles'])} articles, {len(dossier['stories'])} stories",
        markup=False,
    )
    raise typer.Exit(1 if result.ingest.rejected else 0)


@app.command()
def watch(
    feeds: Annotated[
        str, typer.Argument(help="A file of feed URLs (one per line) or an OPML file.")
    ],
    db: DbOption = "corroborate.db",
    interval: Annotated[
        float, typer.Option("--interval", help="Seconds between polls of each feed.")
    ] = 300.0,
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once, then stop.")] = False,
    alerts: Annotated[
        str | None, typer.Option("--alerts-jsonl", help="Also append alerts to this JSONL file.")
    ] = None,
    webhook: Annotated[
        str | None, typer.Option("--webhook", help="Also POST each alert (JSON) to this URL.")
    ] = None,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Poll feeds politely, analyse and link new articles, alert on contradictions."""
    from corroborate.watch import watch_command

    raise typer.Exit(watch_command(feeds, db, interval, once, alerts, webhook, allow_private))


@app.command()
def serve(
    db: DbOption = "corroborate.db",
    host: Annotated[
        str, typer.Option("--host", help="Address to bind (a token is required beyond loopback).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="CORROBORATE_TOKEN", help="Token required for writes."),
    ] = None,
) -> None:
    """Serve the web UI and the JSON API under /api/ (OpenAPI at /openapi.json)."""
    from corroborate.present.web.app import serve_command  # FastAPI loads only when serving

    serve_command(db, host, port, token)


if __name__ == "__main__":  # pragma: no cover
    app()
