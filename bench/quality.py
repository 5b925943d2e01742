"""The quality harness: ``corroborate.analyze_inputs`` itself, scored on six corpora, with
baselines computed in the same run on the same texts.

For every corpus a fresh SQLite store gets the corpus's file as a user would feed it (JSONL
records with the fields a user has — id, title, text, published, url, outlet — and HTML pages
as JSONL ``html`` records); ``analyze_inputs`` runs with default settings (only the process
count is set, ``-j``, which does not change results) and writes its dossier and report; the
scorers in ``corroborate.evaluate`` then compare the dossier with the gold. What each measure
matches to what: docs/quality.md.

    .venv/bin/python bench/quality.py                      # everything (about 30 min, 2 cores)
    .venv/bin/python bench/quality.py --only stories,claims
    .venv/bin/python bench/quality.py --smoke              # ~20 articles per corpus (CI)
    .venv/bin/python bench/quality.py --full               # all GVC dev incidents

Prints one table and writes ``bench/results/quality.json`` (commit, sizes, wall and CPU
time, load average, every row).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import corroborate
from corroborate.evaluate.table import Row, Section

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
RESULTS = ROOT / "bench" / "results" / "quality.json"
MEASURES = ("stories", "entities", "claims", "extraction", "figures", "speed")
#: Measures run only when named in ``--only`` (Russian: factRuEval-2016, docs/russian.md).
EXTRA_MEASURES = ("russian",)
USER_FIELDS = ("id", "title", "text", "html", "published", "url", "outlet")
#: Fields withheld from a corpus's file: "gvc-undated" is the GVC sample as plain text
#: files come, without ``published`` (the product dates each article from its URL or text, or not
#: at all), so the stories measure shows what missing dates cost (issue 10: "missing or
#: inferred dates must not split a story"; nor may they merge stories).
WITHHELD: dict[str, tuple[str, ...]] = {"gvc-undated": ("published",)}
GVC_SAMPLE_ARTICLES = 1000
SMOKE = 20
SEED = 13


@dataclass(frozen=True)
class Run:
    """One ``analyze_inputs`` call on one corpus: its dossier and what it cost."""

    corpus: str
    inputs: int
    dossier: dict[str, Any]
    wall_s: float
    cpu_s: float
    load: tuple[float, float, float]


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every record of a JSONL file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def user_file(rows: list[dict[str, Any]], path: Path, withheld: tuple[str, ...] = ()) -> Path:
    """Write ``rows`` keeping only the fields a user's export has (no gold leaks in), less
    the ``withheld`` ones."""
    fields = [k for k in USER_FIELDS if k not in withheld]
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            record = {k: row[k] for k in fields if row.get(k) is not None}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def cpu_seconds() -> float:
    """CPU seconds of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def analyze(corpus: str, inputs: list[Path], count: int, work: Path, processes: int) -> Run:
    """The product's own path on ``inputs``: a fresh store, default settings."""
    folder = work / corpus
    folder.mkdir(parents=True, exist_ok=True)
    print(f"[{corpus}] analyze_inputs on {count} inputs ...", file=sys.stderr, flush=True)
    start, cpu = time.perf_counter(), cpu_seconds()
    result = corroborate.analyze_inputs(
        [str(p) for p in inputs], db=folder / "store.db", out=folder / "out", processes=processes
    )
    wall = time.perf_counter() - start
    print(f"[{corpus}] {wall:.0f} s", file=sys.stderr, flush=True)
    return Run(corpus, count, result.dossier, wall, cpu_seconds() - cpu, os.getloadavg())


def gvc_rows(full: bool, smoke: bool) -> list[dict[str, Any]]:
    """GVC dev: whole incidents drawn with a fixed seed until about 1,000 articles (all with
    ``full``; two or three incidents for the smoke run)."""
    rows = load_jsonl(DATA / "gvc" / "dev.jsonl")
    if full:
        return rows
    by_incident: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_incident.setdefault(str(row["story"]), []).append(row)
    incidents = sorted(by_incident)
    random.Random(SEED).shuffle(incidents)
    limit = SMOKE if smoke else GVC_SAMPLE_ARTICLES
    chosen: list[dict[str, Any]] = []
    for incident in incidents:
        if len(chosen) >= limit:
            break
        chosen.extend(by_incident[incident])
    return chosen


def head_rows(rows: list[dict[str, Any]], smoke: bool) -> list[dict[str, Any]]:
    """All rows, or for the smoke run the first ones of the first topic."""
    return rows[:SMOKE] if smoke else rows


class Harness:
    """Runs each corpus once (several measures may share it) and collects the sections."""

    def __init__(self, work: Path, processes: int, smoke: bool, full: bool) -> None:
        self.work, self.processes, self.smoke, self.full = work, processes, smoke, full
        self.runs: dict[str, Run] = {}
        self.sections: list[Section] = []
        self.sizes: dict[str, int] = {}
        self._cache: dict[str, Any] = {}

    def run(self, corpus: str, make: Callable[[], tuple[list[Path], int]]) -> Run:
        if corpus not in self.runs:
            inputs, count = make()
            self.sizes[corpus] = count
            self.runs[corpus] = analyze(corpus, inputs, count, self.work, self.processes)
        return self.runs[corpus]

    def rows(self, corpus: str) -> list[dict[str, Any]]:
        """The gold records of a JSONL corpus (loaded once)."""
        if corpus not in self._cache:
            if corpus == "ecbplus":
                rows = head_rows(load_jsonl(DATA / "ecbplus" / "dev.jsonl"), self.smoke)
            elif corpus == "meantime":
                rows = head_rows(load_jsonl(DATA / "meantime" / "en.jsonl"), self.smoke)
            elif corpus in ("gvc", "gvc-undated"):
                rows = self.rows("gvc") if corpus != "gvc" else gvc_rows(self.full, self.smoke)
            elif corpus == "claims":
                rows = head_rows(load_jsonl(DATA / "claims" / "articles.jsonl"), self.smoke)
            else:
                raise ValueError(corpus)
            self._cache[corpus] = rows
        result: list[dict[str, Any]] = self._cache[corpus]
        return result

    def jsonl_run(self, corpus: str) -> Run:
        rows = self.rows(corpus)
        withheld = WITHHELD.get(corpus, ())
        return self.run(
            corpus,
            lambda: ([user_file(rows, self.work / f"{corpus}.jsonl", withheld)], len(rows)),
        )

    # -- measures ---------------------------------------------------------------------------

    def stories(self) -> None:
        from corroborate.evaluate.stories import score_stories

        for corpus, target in (("ecbplus", 0.93), ("gvc", 0.95), ("gvc-undated", None)):
            rows = self.rows(corpus)
            run = self.jsonl_run(corpus)
            gold = {str(r["id"]): str(r["story"]) for r in rows}
            texts = {str(r["id"]): r.get("text") or "" for r in rows}
            self.sections.append(score_stories(run.dossier, gold, texts, corpus, target=target))

    def entities(self) -> None:
        from corroborate.evaluate.entities import gold_mentions, score_entities

        for corpus, target in (("ecbplus", 0.72), ("meantime", None)):
            rows = self.rows(corpus)
            run = self.jsonl_run(corpus)
            golds = gold_mentions(rows, n_process=1)
            texts = {str(r["id"]): r["text"] for r in rows}
            self.sections.append(
                score_entities(run.dossier, golds, texts, corpus, named_target=target)
            )

    def claims(self) -> None:
        from corroborate.evaluate.claims import score_claims

        run = self.jsonl_run("claims")
        self.sections.append(score_claims(run.dossier, DATA / "claims"))

    def extraction(self) -> None:
        from corroborate.evaluate import extraction as X

        limit = SMOKE if self.smoke else None
        sh = self.run(
            "scrapinghub", lambda: (X.prepare_scrapinghub(SHARED, self.work, limit), limit or 181)
        )
        self.sections.append(X.score_scrapinghub(sh.dossier, SHARED, limit))
        tp = self.run(
            "trafilatura", lambda: (X.prepare_trafilatura(SHARED, self.work, limit), limit or 290)
        )
        self.sections.append(X.score_trafilatura(tp.dossier, SHARED, limit))

    def figures(self) -> None:
        from corroborate.evaluate.figures import score_gvc_figures

        rows = self.rows("gvc")
        run = self.jsonl_run("gvc")
        facts = json.loads((DATA / "gvc" / "facts.json").read_text(encoding="utf-8"))
        incident = {str(r["id"]): str(r["story"]) for r in rows}
        self.sections.append(score_gvc_figures(run.dossier, facts, incident))

    def speed(self) -> None:
        from corroborate.evaluate.speed import spacy_pipe

        rows = self.rows("gvc")
        run = self.jsonl_run("gvc")
        base = spacy_pipe([r.get("text") or "" for r in rows], self.processes)
        ours = run.inputs / run.wall_s
        ratio = ours / base.rate if base.rate else 0.0
        rows_out = (
            Row(
                "speed",
                "gvc",
                "articles/s",
                ours,
                base.rate,
                ">= 20",
                ours >= 20,
                f"whole run, -j {self.processes}; baseline spaCy nlp.pipe, same texts",
            ),
            Row("speed", "gvc", "ratio to spaCy", ratio, 1.0, ">= 0.8", ratio >= 0.8),
        )
        self.sections.append(
            Section("speed/gvc", rows_out, {"ours_wall_s": run.wall_s, "spacy_wall_s": base.wall_s})
        )

    def russian(self) -> None:
        from corroborate.evaluate.russian import score_russian

        rows = head_rows(load_jsonl(DATA / "factrueval" / "dev.jsonl"), self.smoke)

        def make() -> tuple[list[Path], int]:
            return [user_file(rows, self.work / "factrueval.jsonl")], len(rows)

        self.sections.append(score_russian(self.run("factrueval", make).dossier, rows))


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"


#: Rows left out of the README summary (their F1 or the CoNLL average is shown instead).
DETAIL_METRICS = (
    "muc F1",
    "b3 F1",
    "ceafe F1",
    "B3 P",
    "B3 R",
    "body precision",
    "body recall",
    "case-sensitive",
    "body token F1",
)


def table(sections: list[Section], markdown: bool, summary: bool = False) -> str:
    """The result rows as an aligned text table (or a Markdown table; ``summary`` keeps the
    headline rows only)."""
    head = ("measure", "corpus", "metric", "ours", "baseline", "target", "met", "note")
    lines = [head]
    for section in sections:
        for r in section.rows:
            if summary and any(r.metric.startswith(d) or d in r.metric for d in DETAIL_METRICS):
                continue
            met = "" if r.met is None else ("yes" if r.met else "NO")
            lines.append(
                (
                    r.measure,
                    r.corpus,
                    r.metric,
                    fmt(r.ours),
                    fmt(r.baseline),
                    r.target or "",
                    met,
                    r.note,
                )
            )
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
        return "\n".join(out)
    widths = [max(len(line[k]) for line in lines) for k in range(len(head) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line[:-1], widths, strict=True))
        + "  "
        + line[-1]
        for line in lines
    )


def commit() -> str:
    """HEAD's short hash, with ``+dirty`` when the tree has changes."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default=",".join(MEASURES), help="comma-separated measures")
    parser.add_argument("--smoke", action="store_true", help=f"about {SMOKE} articles per corpus")
    parser.add_argument("--full", action="store_true", help="all GVC dev incidents")
    parser.add_argument("-j", "--processes", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON results go")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--summary",
        type=Path,
        default=None,
        help="print the README's Markdown summary of an earlier results file and exit",
    )
    parser.add_argument("--work", type=Path, default=None, help="keep stores and dossiers here")
    parser.add_argument(
        "--merge",
        type=Path,
        default=None,
        help="add the sections of an earlier results file for measures not run now "
        "(its commit and date are kept beside them)",
    )
    args = parser.parse_args(argv)
    if args.summary is not None:
        saved = json.loads(args.summary.read_text(encoding="utf-8"))
        sections = [
            Section(x["name"], tuple(Row(**r) for r in x["rows"]), x["info"])
            for x in saved["sections"]
        ]
        print(table(sections, markdown=True, summary=True))
        print(
            f"\n{saved['commit']} · {saved['date']} · {saved['machine']} · {saved['mode']} run, "
            f"-j {saved['processes']}, {saved['wall_s']:.0f} s"
        )
        if saved.get("merged_from"):
            m = saved["merged_from"]
            print(f"(sections not run then come from {m['commit']} · {m['date']})")
        return 0
    if not DATA.is_dir():
        print(
            f"../shared/data not found at {DATA}: the harness needs it beside the checkout",
            file=sys.stderr,
        )
        return 2
    only = [m.strip() for m in args.only.split(",") if m.strip()]
    unknown = sorted(set(only) - set(MEASURES) - set(EXTRA_MEASURES))
    if unknown:
        parser.error(f"unknown measure(s) {', '.join(unknown)}; choose from {', '.join(MEASURES)}")
    started, head = time.perf_counter(), commit()  # the code that runs is the code at the start
    with tempfile.TemporaryDirectory(prefix="corroborate-quality-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        harness = Harness(work, args.processes, args.smoke, args.full)
        for measure in MEASURES + EXTRA_MEASURES:
            if measure in only:
                getattr(harness, measure)()
    merged: dict[str, Any] = {}
    if args.merge is not None:
        earlier = json.loads(args.merge.read_text(encoding="utf-8"))
        for x in earlier["sections"]:
            if x["name"].split("/")[0] not in only:
                x["info"] = {**x["info"], "run": f"{earlier['commit']} {earlier['date']}"}
                harness.sections.append(
                    Section(x["name"], tuple(Row(**r) for r in x["rows"]), x["info"])
                )
        merged = {
            "commit": earlier["commit"],
            "date": earlier["date"],
            "corpora": earlier["corpora"],
        }
    print(table(harness.sections, args.markdown))
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": head,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "mode": "smoke" if args.smoke else ("full" if args.full else "default"),
        "processes": args.processes,
        "wall_s": round(time.perf_counter() - started, 1),
        "corpora": {
            name: {
                "inputs": run.inputs,
                "wall_s": round(run.wall_s, 1),
                "cpu_s": round(run.cpu_s, 1),
                "load_after": [round(x, 2) for x in run.load],
            }
            for name, run in harness.runs.items()
        },
        "sections": [s.to_json() for s in harness.sections],
        "merged_from": merged or None,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(
        f"\n{results['commit']} · {results['date']} · {results['machine']} · "
        f"{results['wall_s']:.0f} s · results in {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
