"""``corroborate`` command line: a thin layer over the library.

Exit status: 0 when every input was used, 1 when some input was rejected (the rest of the
batch is still processed and stored), 2 when the command itself could not run.
"""

from __future__ import annotations

import json
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

from corroborate.api import (
    analyze_inputs,
    export_story,
    ingest_inputs,
    story_report,
    unreview,
)
from corroborate.api import (
    review as review_fact,
)
from corroborate.errors import CorroborateError
from corroborate.ingest.base import Skipped
from corroborate.present.dossier import story_dossier, write_dossier
from corroborate.present.report.anchors import slug
from corroborate.present.report.view import story_summary
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
    headlines = (
        f" ({summary.headline_only} from the headline alone: the page's body was no article)"
        if summary.headline_only
        else ""
    )
    err.print(
        f"read {summary.read}: {summary.added} added{headlines}, "
        f"{summary.merged} merged as duplicates, "
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


OutletOption = Annotated[
    str | None,
    typer.Option(
        "--outlet",
        help="The outlet that published these inputs (named so in every report, "
        "explanation and export; overrides what the pages or records say).",
    ),
]


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOption = "corroborate.db",
    allow_private: AllowPrivateOption = False,
    outlet: OutletOption = None,
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
                outlet=outlet,
            )
    except CorroborateError as exc:
        raise _fail(exc) from exc
    _print_ingest(summary)
    raise typer.Exit(1 if summary.rejected else 0)


class ExportFormat(StrEnum):
    """What ``export`` writes."""

    json = "json"
    csv = "csv"


StoryOption = Annotated[str, typer.Option("--story", help="Story id (see 'corroborate stories').")]


@app.command()
def export(
    db: DbOption = "corroborate.db",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="json: the file to write (dossier.json); csv: the folder."
        ),
    ] = None,
    story: Annotated[
        str | None, typer.Option("--story", help="Export this story only (needed for csv).")
    ] = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="json: the dossier (schema corroborate/dossier@1); csv: figures, claims, "
            "quotes, entities and timeline .csv, one row per report.",
        ),
    ] = ExportFormat.json,
) -> None:
    """Write the store's dossier, or one story's, as JSON; or one story as CSV files."""
    try:
        if fmt is ExportFormat.csv:
            if story is None:
                raise _fail(ValueError("--format csv needs --story ID (one story per folder)"))
            folder = output or Path("export")
            files = export_story(db, story, folder, format="csv")
            names = ", ".join(f.name for f in files)
            err.print(f"wrote {folder}: {names}", markup=False)
            return
        target = output or Path("dossier.json")
        with open_store(db) as store:
            if story is None:
                dossier = write_dossier(store, target)
            else:
                dossier = story_dossier(store, story)
                _write_json(dossier, target)
    except CorroborateError as exc:
        raise _fail(exc) from exc
    err.print(
        f"wrote {target}: {len(dossier['articles'])} articles, "
        f"{len(dossier['stories'])} stories, {len(dossier['rejected'])} rejected",
        markup=False,
    )


def _write_json(dossier: dict[str, object], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(dossier, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


@app.command()
def stories(db: DbOption = "corroborate.db") -> None:
    """List the stored stories: id, articles, contested / corroborated / single-source
    facts, reviews, title (tab-separated, on stdout)."""
    try:
        with open_store(db) as store:
            rows = store.stories()
            ids = {str(a) for s in rows for a in s.get("article_ids") or []}
            articles = {
                a.id: {"id": a.id, "outlet": a.outlet, "url": a.url, "path": a.path}
                for i in ids
                if (a := store.get_article(i)) is not None
            }
            reviewed = {r.fact_id for r in store.reviews()}
    except CorroborateError as exc:
        raise _fail(exc) from exc
    for story_row in rows:
        s = story_summary(story_row, articles, reviewed=reviewed)
        c = s.counts
        typer.echo(
            f"{s.id}\t{s.article_count}\t{c['contested']}\t{c['corroborated']}\t{c['single']}"
            f"\t{s.reviewed}\t{printable(s.title)}"
        )


@app.command()
def report(
    story: StoryOption,
    db: DbOption = "corroborate.db",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="HTML file to write.")
    ] = None,
) -> None:
    """Write one story's self-contained HTML report."""
    target = output or Path(f"story-{slug(story)}.html")
    try:
        story_report(db, story, target)
    except CorroborateError as exc:
        raise _fail(exc) from exc
    err.print(f"wrote {target} ({target.stat().st_size // 1024} KB)", markup=False)


@app.command()
def review(
    fact_id: Annotated[str, typer.Argument(help="The fact id shown in the report.")],
    db: DbOption = "corroborate.db",
    confirm: Annotated[bool, typer.Option("--confirm", help="The verdict is right.")] = False,
    dismiss: Annotated[bool, typer.Option("--dismiss", help="The verdict is wrong.")] = False,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the review.")] = False,
    note: Annotated[str, typer.Option("--note", help="Why (shown with the review).")] = "",
) -> None:
    """Confirm or dismiss the verdict of a figure or claim, with a note (kept in the
    store; shown in reports, dossiers and exports)."""
    if confirm + dismiss + clear != 1:
        raise _fail(ValueError("give exactly one of --confirm, --dismiss or --clear"))
    try:
        if clear:
            done = unreview(db, fact_id)
            err.print(f"{fact_id}: review removed" if done else f"{fact_id}: no review")
            return
        saved = review_fact(db, fact_id, "confirm" if confirm else "dismiss", note)
    except CorroborateError as exc:
        raise _fail(exc) from exc
    err.print(
        f"{saved.fact_id} ({saved.kind}, verdict {saved.verdict}, story {saved.story_id}): "
        f"{saved.decision}" + (f" — {printable(saved.note)}" if saved.note else ""),
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
    outlet: OutletOption = None,
) -> None:
    """Ingest, analyse and link the inputs; write DIR/dossier.json, DIR/index.html (the
    stories, with their verdict counts) and one report per story in DIR/stories/."""
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
                outlet=outlet,
            )
    except CorroborateError as exc:
        raise _fail(exc) from exc
    _print_ingest(result.ingest)
    run, dossier = result.run, result.dossier
    failed = f" ({run.failed} failed, noted in the dossier)" if run.failed else ""
    err.print(
        f"analysed {run.analysed} articles{failed}, rebuilt {run.rebuilt} stories; "
        f"wrote {out / 'dossier.json'}, {out / 'index.html'} and "
        f"{len(result.story_reports)} story reports in {out / 'stories'}: "
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
