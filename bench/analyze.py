"""Throughput of the per-article analysis stage against spaCy's own ``nlp.pipe``.

Over the same ECB+ dev texts (``../shared/data/ecbplus/dev.jsonl``, first ``--limit``
articles), prints articles/s and words/s for

* ours: ``corroborate.analyze.analyze_articles`` (parse + entities, quotes, figures, dates,
  events), and
* spaCy: ``nlp.pipe`` with the model's default components and nothing else,
* +vectors: what a runner ships to its workers, ``corroborate.run.local.analyze_batch`` on a
  ``LocalRunner`` (the analysis above plus the MiniLM vectors of title+lead and claim
  sentences that linking reads; see docs/scaling.md),

each with n_process=1 and 2, the ratio ours / spaCy, and peak RSS. Every configuration runs
in a fresh child process (so model loading and peak memory do not leak between them);
times exclude loading the model and warming up on one article (first-use imports
and caches), include starting worker processes. Each line also gives the CPU seconds
(the process plus its reaped worker processes) and the 1-minute load average before and
after: on a shared machine the wall-clock ratio moves with other jobs' load, the CPU
ratio much less.

    .venv/bin/python bench/analyze.py              # first 300 articles
    .venv/bin/python bench/analyze.py --limit 0    # all 772
    .venv/bin/python bench/analyze.py --profile    # cProfile of ours, n_process=1
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ECB_DEV, load_jsonl, peak_rss_mib, require, timer, word_count

TARGET = 0.6


def _articles(limit: int | None) -> list[Any]:
    from corroborate.types import Article

    rows = load_jsonl(ECB_DEV, limit)
    return [Article(id=str(r["id"]), path=f"ecbplus:{r['id']}", text=r["text"]) for r in rows]


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process and its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_one(system: str, n_process: int, limit: int | None, batch_size: int) -> dict[str, Any]:
    """Time one configuration in this process; returns counts, seconds, CPU seconds, load
    average and peak memory."""
    articles = _articles(limit)
    words = sum(word_count(a.text) for a in articles)
    if system == "ours":
        from corroborate.analyze import analyze_articles
        from corroborate.analyze.pipeline import analysis_nlp

        analysis_nlp()  # load and warm up outside the timed region, as for spaCy below
        list(analyze_articles(articles[:1]))
        load, cpu = os.getloadavg()[0], _cpu_seconds()
        with timer() as elapsed:
            n = sum(
                1 for _ in analyze_articles(articles, n_process=n_process, batch_size=batch_size)
            )
    elif system == "+vectors":
        from corroborate.run.local import LocalRunner, analyze_batch, batched

        analyze_batch(articles[:1])  # loads the model and the encoder, outside the timing
        load, cpu = os.getloadavg()[0], _cpu_seconds()
        with LocalRunner(n_process) as runner, timer() as elapsed:
            batches = runner.analyze_batches(batched(articles, batch_size))
            n = sum(len(analyses) for _, analyses in batches)
    else:
        from corroborate.analyze.nlp import load_nlp

        nlp = load_nlp()
        texts = [a.text for a in articles]
        nlp(texts[0])
        load, cpu = os.getloadavg()[0], _cpu_seconds()
        with timer() as elapsed:
            n = sum(1 for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    cpu = _cpu_seconds() - cpu
    own, children = peak_rss_mib()
    return {
        "system": system,
        "n_process": n_process,
        "articles": n,
        "words": words,
        "seconds": elapsed(),
        "cpu_seconds": cpu,
        "load": (load, os.getloadavg()[0]),
        "rss_mib": own,
        "children_rss_mib": children,
    }


def _child(system: str, n_process: int, limit: int | None, batch_size: int) -> dict[str, Any]:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        f"{system}:{n_process}",
        "--limit",
        str(limit or 0),
        "--batch-size",
        str(batch_size),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{system} n_process={n_process} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _line(r: dict[str, Any]) -> str:
    secs = r["seconds"]
    mem = f"peak RSS {r['rss_mib']:.0f} MiB"
    if r["n_process"] > 1:
        mem += f" (+ largest worker {r['children_rss_mib']:.0f} MiB)"
    load = "load {:.1f}->{:.1f}".format(*r["load"])
    return (
        f"{r['system']:8} n_process={r['n_process']}: {r['articles']} articles in {secs:6.1f} s"
        f" = {r['articles'] / secs:6.1f} articles/s, {r['words'] / secs:7.0f} words/s;"
        f" cpu {r['cpu_seconds']:6.1f} s; {load}; {mem}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="first N articles; 0 = all")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--profile", action="store_true", help="cProfile ours, n_process=1")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    limit = args.limit or None
    if args.child:
        system, n = args.child.split(":")
        print(json.dumps(run_one(system, int(n), limit, args.batch_size)))
        return
    require(ECB_DEV, "ECB+ dev set")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run_one, "ours", 1, limit, args.batch_size)
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(35)
        return
    print(f"ECB+ dev, {limit or 'all'} articles, batch_size={args.batch_size}")
    ratios = []
    for n_process in (1, 2):
        ours = _child("ours", n_process, limit, args.batch_size)
        spacy = _child("spacy", n_process, limit, args.batch_size)
        vectors = _child("+vectors", n_process, limit, args.batch_size)
        print(_line(spacy))
        print(_line(ours))
        print(_line(vectors))
        ratio = spacy["seconds"] / ours["seconds"]
        ratios.append(ratio)
        verdict = "ok" if ratio >= TARGET else f"BELOW target {TARGET}"
        cpu_ratio = spacy["cpu_seconds"] / ours["cpu_seconds"]
        print(
            f"ratio ours/spaCy (throughput), n_process={n_process}: {ratio:.2f} ({verdict});"
            f" by CPU seconds {cpu_ratio:.2f}"
        )
        print(
            f"ratio ours+vectors/spaCy (throughput), n_process={n_process}: "
            f"{spacy['seconds'] / vectors['seconds']:.2f};"
            f" by CPU seconds {spacy['cpu_seconds'] / vectors['cpu_seconds']:.2f}"
        )
    print(f"target: ours >= {TARGET} x spaCy; worst ratio {min(ratios):.2f}")


if __name__ == "__main__":
    main()
