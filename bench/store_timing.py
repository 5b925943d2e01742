"""Time the store's share of ingest and link on SQLite, for two source trees in one run.

Compares the store of this checkout with another tree (e.g. a ``git worktree`` of an
older commit): each round runs a child process per tree, alternating, with ``PYTHONPATH``
set to that tree's ``src``, on the same synthetic corpus (ECB+ sentences shuffled into
distinct articles, as bench/ingest_memory.py builds it). A child times:

* ``ingest``: ``run.local.ingest`` of the JSONL file (reading, cleaning, dedup, store);
* ``store_add``: ``add_articles`` of the already cleaned articles into a fresh store, in
  batches of 64 with a deduplicator (the store's own cost of ingesting);
* ``analyses``: one stub analysis per article, written as ``run.local.process`` writes
  them (a transaction per batch of 64);
* ``link``: ``run.local.link`` over every article (reads articles and analyses, writes
  stories and their search indexes);
* ``read``: ``articles()`` plus ``get_analysis`` of each.

    .venv/bin/python bench/store_timing.py --other ../store-before [--articles 2000 --rounds 3]
        [--this TREE] [--no-link]

Prints the median of each figure per tree and the ratio this/other.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ECB_DEV, require  # noqa: E402
from ingest_memory import sentences, write_corpus  # noqa: E402

STEPS = ("ingest", "store_add", "analyses", "link", "read")


class Clock:
    """Wall and CPU seconds of timed steps (CPU time is what other processes on a busy
    machine disturb least)."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.times[name] = time.perf_counter() - wall
        self.times[f"{name}_cpu"] = time.process_time() - cpu


def child(jsonl: str, folder: str, with_link: str) -> None:
    """Run the timed steps with the corroborate on ``sys.path``; print one JSON line."""
    import corroborate.store
    from corroborate.clean.dedup import Deduplicator
    from corroborate.run.local import batched, ingest, link
    from corroborate.store import open_store
    from corroborate.types import Analysis

    clock = Clock()
    first, second = Path(folder) / "first.db", Path(folder) / "second.db"
    with open_store(str(first)) as store:
        with clock.step("ingest"):
            summary = ingest([jsonl], store)
        cleaned = list(store.articles())
    with open_store(str(second)) as store:
        dedup = Deduplicator.from_store(store)
        with clock.step("store_add"):
            for batch in batched(cleaned, 64):
                store.add_articles(batch, dedup)
        with clock.step("analyses"):
            for batch in batched(cleaned, 64):
                with store.transaction():
                    for article in batch:
                        store.put_analysis(article.id, Analysis(article.id, notes=("stub",)))
        stories = 0
        if with_link == "link":
            with clock.step("link"):
                stories = link(store)
        with clock.step("read"):
            for article in store.articles():
                store.get_analysis(article.id)
    info = {"store": str(Path(corroborate.store.__file__).parent), "added": summary.added}
    print(json.dumps({**clock.times, **info, "stories": stories}), flush=True)


def run_child(tree: Path, jsonl: Path, with_link: bool) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    with tempfile.TemporaryDirectory() as folder:
        link_arg = "link" if with_link else "no-link"
        cmd = [sys.executable, __file__, "--child", str(jsonl), folder, link_arg]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.exit(f"child for {tree} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, help="the other source tree (its src/ is used)")
    parser.add_argument("--this", type=Path, default=ROOT, help="this tree (default: here)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-link", action="store_true", help="skip the (slow) link step")
    parser.add_argument(
        "--child", nargs=3, metavar=("JSONL", "FOLDER", "LINK"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.other is None:
        parser.error("--other is required")
    trees = {"other": args.other.resolve(), "this": args.this.resolve()}
    pool = sentences(require(ECB_DEV, "the ECB+ dev set"))
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        write_corpus(jsonl, args.articles, pool)
        for n in range(args.rounds):
            order = list(trees) if n % 2 == 0 else list(reversed(trees))
            for name in order:
                runs[name].append(run_child(trees[name], jsonl, not args.no_link))
                print(f"round {n + 1} {name}: {json.dumps(runs[name][-1])}", flush=True)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{args.articles} articles, {args.rounds} rounds, median seconds (wall; CPU)")
    print(f"load average at the end: {load}")
    print(f"{'step':<10} {'other':>15} {'this':>15} {'this/other':>15}")
    for step in STEPS:
        if step not in runs["this"][0]:
            continue
        cells = []
        for key in (step, f"{step}_cpu"):
            other = statistics.median(r[key] for r in runs["other"])
            this = statistics.median(r[key] for r in runs["this"])
            cells.append((other, this, this / other))
        (ow, tw, rw), (oc, tc, rc) = cells
        print(f"{step:<10} {ow:7.2f};{oc:7.2f} {tw:7.2f};{tc:7.2f} {rw:7.3f};{rc:7.3f}")
    print(f"other: {runs['other'][0]['store']}\nthis:  {runs['this'][0]['store']}")


if __name__ == "__main__":
    main()
