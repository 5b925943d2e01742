"""The whole pipeline against spaCy's own parse, in one run: ``corroborate analyze`` vs
``nlp.pipe`` on the same texts, with the same process count.

For each corpus (a GVC dev sample of whole incidents, ECB+ dev) and each process count, a
fresh child process runs either

* ``ours``: ``corroborate.analyze_inputs`` on the corpus as a user's JSONL export (fields
  id, title, text, published, url, outlet), default settings, ``processes=N``, writing its
  dossier and report to a fresh store and folder; or
* ``spacy``: the product's spaCy model (``load_nlp``) over the same records' ``text`` with
  ``nlp.pipe(n_process=N)``, the model load counted as the product's run counts its own.

Each is timed inside its child (interpreter start-up excluded for both). The parent samples
the RSS of every process of the child's tree every 0.2 s and reports the largest one (the
target is per worker process), reads the tree's CPU seconds once the child is reaped, and
prints the load average before and after: other work on the machine shows there, so only
ratios measured in one run mean much. ``--repeat 2`` runs every pair in A B B A order.

    .venv/bin/python bench/speed.py                            # GVC 200 + all ECB+ dev, -j 1 and 2
    .venv/bin/python bench/speed.py --gvc 200 --ecb 200 --processes 2
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _common import SHARED, load_jsonl, require
from quality import user_file

GVC = SHARED / "data" / "gvc" / "dev.jsonl"
ECB = SHARED / "data" / "ecbplus" / "dev.jsonl"
SEED = 13


def gvc_sample(rows: list[dict[str, Any]], articles: int) -> list[dict[str, Any]]:
    """Whole incidents drawn with a fixed seed until at least ``articles`` articles."""
    by_incident: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_incident.setdefault(str(row["story"]), []).append(row)
    incidents = sorted(by_incident)
    random.Random(SEED).shuffle(incidents)
    chosen: list[dict[str, Any]] = []
    for incident in incidents:
        if len(chosen) >= articles:
            break
        chosen.extend(by_incident[incident])
    return chosen


# --------------------------------------------------------------------------- children


def child_ours(jsonl: str, work: str, processes: int) -> dict[str, Any]:
    """``analyze_inputs`` on ``jsonl`` in a fresh store: the product's own entry point."""
    import corroborate

    folder = Path(work)
    start = time.perf_counter()
    result = corroborate.analyze_inputs(
        [jsonl], db=folder / "store.db", out=folder / "out", processes=processes
    )
    wall = time.perf_counter() - start
    return {"wall_s": wall, "stored": len(result.dossier["articles"])}


def child_spacy(jsonl: str, processes: int) -> dict[str, Any]:
    """spaCy's ``nlp.pipe`` over the same texts (the harness's baseline)."""
    from corroborate.evaluate.speed import spacy_pipe

    texts = [str(r.get("text") or "") for r in load_jsonl(Path(jsonl))]
    timing = spacy_pipe(texts, processes)
    return {"wall_s": timing.wall_s, "stored": len(texts)}


# --------------------------------------------------------------------------- parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return float(usage.ru_utime + usage.ru_stime)


def measure(kind: str, jsonl: Path, processes: int, work: Path) -> dict[str, Any]:
    """Run one child; its timing, tree CPU seconds, largest per-process RSS and load."""
    import psutil

    load_before = os.getloadavg()
    cpu_before = _children_cpu()
    cmd = [sys.executable, __file__, "--child", kind, str(jsonl), str(work), str(processes)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak: dict[int, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            with contextlib.suppress(psutil.Error):
                for p in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        peak[p.pid] = max(peak.get(p.pid, 0), p.memory_info().rss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, errs = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"{kind} -j {processes} failed ({proc.returncode}):\n{errs[-3000:]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["cpu_s"] = _children_cpu() - cpu_before
    result["peak_rss_mb"] = max(peak.values(), default=0) / 2**20
    result["processes_seen"] = len(peak)
    result["load"] = (load_before, os.getloadavg())
    return result


def _line(kind: str, articles: int, processes: int, r: dict[str, Any]) -> str:
    rate = articles / r["wall_s"]
    (b1, b5, _), (a1, a5, _) = r["load"]
    return (
        f"  {kind:<5} -j {processes}  {rate:6.2f} articles/s  wall {r['wall_s']:6.1f} s  "
        f"CPU {r['cpu_s']:6.1f} s  peak RSS/process {r['peak_rss_mb']:5.0f} MB "
        f"({r['processes_seen']} processes)  load {b1:.2f}/{b5:.2f} -> {a1:.2f}/{a5:.2f}"
    )


def run_corpus(
    name: str, rows: list[dict[str, Any]], counts: list[int], repeat: int, work: Path
) -> list[dict[str, Any]]:
    """Every (kind, process count) pair on one corpus; ABBA order with ``repeat`` 2."""
    jsonl = user_file(rows, work / f"{name}.jsonl")
    words = sum(len(str(r.get("text") or "").split()) for r in rows)
    print(f"{name}: {len(rows)} articles, {words / max(1, len(rows)):.0f} words on average")
    out: list[dict[str, Any]] = []
    for processes in counts:
        order = (
            ["spacy", "ours", "ours", "spacy"][: 2 * repeat] if repeat > 1 else ["spacy", "ours"]
        )
        best: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for i, kind in enumerate(order):
            folder = work / f"{name}-{kind}-{processes}-{i}"
            folder.mkdir()
            r = measure(kind, jsonl, processes, folder)
            print(_line(kind, len(rows), processes, r), flush=True)
            best[kind] = min(best.get(kind, float("inf")), r["wall_s"])
            cpu[kind] = min(cpu.get(kind, float("inf")), r["cpu_s"])
            out.append({"corpus": name, "kind": kind, "processes": processes, **r})
        ratio = best["spacy"] / best["ours"]
        print(
            f"  -> -j {processes}: ours / spaCy = {ratio:.2f}x "
            f"({len(rows) / best['ours']:.2f} vs {len(rows) / best['spacy']:.2f} articles/s"
            f"{', best of ' + str(repeat) if repeat > 1 else ''}; target >= 0.8x); "
            f"CPU seconds spaCy / ours = {cpu['spacy'] / cpu['ours']:.2f}x",
            flush=True,
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gvc", type=int, default=200, help="GVC dev sample size (0: skip)")
    parser.add_argument("--ecb", type=int, default=-1, help="first N ECB+ dev articles (-1: all)")
    parser.add_argument("--processes", default="1,2", help="comma-separated process counts")
    parser.add_argument("--repeat", type=int, default=1, choices=(1, 2))
    parser.add_argument("--json", type=Path, default=None, help="also write the runs here")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, jsonl, work, processes = args.child
        if kind == "ours":
            result = child_ours(jsonl, work, int(processes))
        else:
            result = child_spacy(jsonl, int(processes))
        print(json.dumps(result), flush=True)
        return
    import psutil

    counts = [int(c) for c in args.processes.split(",") if c.strip()]
    print(
        f"machine: {psutil.cpu_count()} CPUs, {psutil.virtual_memory().total / 1e9:.0f} GB RAM; "
        f"load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="corroborate-speed-") as tmp:
        work = Path(tmp)
        if args.gvc:
            rows = gvc_sample(load_jsonl(require(GVC, "GVC dev")), args.gvc)
            runs += run_corpus("gvc", rows, counts, args.repeat, work)
        if args.ecb:
            ecb = load_jsonl(require(ECB, "ECB+ dev"), None if args.ecb < 0 else args.ecb)
            runs += run_corpus("ecbplus", ecb, counts, args.repeat, work)
    print(f"load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
