"""Ingest N synthetic articles from one JSONL file; report peak memory and idempotence.

The articles are built from ECB+ sentences (../shared/data/ecbplus/dev.jsonl), each a
distinct shuffle of sentences from several documents, so none is a duplicate of another.
The ingest runs in a child process (the real CLI) so its peak RSS is measured alone.

    .venv/bin/python bench/ingest_memory.py [--articles 5000]

Target: peak RSS < 500 MB; the second run adds nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "data" / "ecbplus" / "dev.jsonl"


def sentences(path: Path) -> list[str]:
    """All sentences of the ECB+ dev set, by their character spans."""
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"]
            out.extend(text[s:e].strip() for s, e in doc["sentences"] if e - s > 40)
    return out


def write_corpus(path: Path, n: int, pool: list[str], seed: int = 7) -> int:
    """Write ``n`` distinct synthetic articles as JSONL; return the bytes written."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = "\n\n".join(" ".join(rng.sample(pool, 3)) for _ in range(5))
            rec = {
                "id": f"synthetic-{i:05d}",
                "outlet": f"Outlet {i % 37}",
                "url": f"https://outlet{i % 37}.example/news/{i}",
                "title": rng.choice(pool)[:80],
                "published": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "text": body,
            }
            fh.write(json.dumps(rec) + "\n")
    return path.stat().st_size


def run_ingest(jsonl: Path, db: Path) -> tuple[float, float]:
    """Run ``corroborate ingest`` in a child; return (seconds, child peak RSS in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "corroborate.present.cli.main", "ingest", str(jsonl)]
    proc = subprocess.run([*cmd, "--db", str(db)], capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"ingest failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the max over all waited children: the first run sets it.
    return elapsed, max(peak, before) / 1024


def count(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    if not ECB.is_file():
        sys.exit(f"{ECB} not found: this benchmark needs ../shared/data beside the checkout")
    pool = sentences(ECB)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl, db = Path(tmp) / "corpus.jsonl", Path(tmp) / "bench.db"
        size = write_corpus(jsonl, args.articles, pool)
        first_s, peak_mb = run_ingest(jsonl, db)
        n_first = count(db)
        second_s, _ = run_ingest(jsonl, db)
        n_second = count(db)
    print(f"input: {args.articles} articles, {size / 1e6:.1f} MB JSONL")
    print(f"first ingest:  {first_s:.1f} s, {n_first / first_s:.0f} articles/s, stored {n_first}")
    print(f"peak RSS of the ingest process: {peak_mb:.0f} MB (target < 500 MB)")
    print(f"re-ingest:     {second_s:.1f} s, added {n_second - n_first} (target 0)")
    ok = peak_mb < 500 and n_second == n_first and n_first == args.articles
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
