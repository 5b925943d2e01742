"""HTML extraction benchmark: our HTML reader vs plain ``trafilatura.extract`` (defaults).

Data: ../shared/data/extraction/scrapinghub (181 pages with gold article bodies).
Metric: the scrapinghub article-extraction-benchmark's (4-token shingles of ``\\w+`` tokens,
per-page P/R averaged, F1 of the averages); see ``corroborate.ingest.quality``. A
lowercased bag-of-tokens F1 is printed as a second view. Both extractors run in the same
process, interleaved, several rounds; times are CPU seconds of the median round.

Run: ``.venv/bin/python bench/extraction.py [--rounds N] [--limit N]``
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

import trafilatura

from corroborate.ingest.quality import body_of_ours, load_scrapinghub, score

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction" / "scrapinghub"


def theirs(html: str) -> str:
    """trafilatura with default settings, as a user would call it."""
    return trafilatura.extract(html) or ""


def timed(fn: object, pages: list[tuple[str, str, str]]) -> tuple[list[str], float]:
    """Outputs and CPU seconds of this process (steadier than wall time on a shared machine)."""
    assert callable(fn)
    start = time.process_time()
    out = [fn(html) for _, html, _ in pages]
    return out, time.process_time() - start


SWEEP: dict[str, dict[str, object]] = {
    "default (fallbacks on)": {"fast": False, "favor_recall": False},
    "fast": {"fast": True, "favor_recall": False},
    "fast + favor_recall (chosen)": {"fast": True, "favor_recall": True},
    "fast + favor_precision": {"fast": True, "favor_recall": False, "favor_precision": True},
    "favor_precision": {"fast": False, "favor_recall": False, "favor_precision": True},
    "fast + favor_recall, no tables": {"fast": True, "favor_recall": True, "include_tables": False},
}


def sweep(pages: list[tuple[str, str, str]], gold: list[str]) -> None:
    """Score our reader under other trafilatura option sets (one round each)."""
    from corroborate.ingest import html as reader

    saved = dict(reader.EXTRACT_OPTIONS)
    print("option sweep (bare_extraction, with_metadata, no comments):")
    try:
        for label, change in SWEEP.items():
            reader.EXTRACT_OPTIONS.clear()
            reader.EXTRACT_OPTIONS.update({**saved, **change})
            out, seconds = timed(body_of_ours, pages)
            s4 = score(zip(gold, out, strict=True))
            print(
                f"  {label:<32} F1={s4.f1:.4f} P={s4.precision:.4f} "
                f"R={s4.recall:.4f}  {seconds:.2f}s CPU"
            )
    finally:
        reader.EXTRACT_OPTIONS.clear()
        reader.EXTRACT_OPTIONS.update(saved)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--sweep", action="store_true", help="also score alternative trafilatura options"
    )
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file() or not (args.data / "html").is_dir():
        print(
            f"error: benchmark data not found at {args.data} "
            "(expected ground-truth.json and html/*.html.gz); put ../shared beside the "
            "checkout or pass --data",
            file=sys.stderr,
        )
        return 2
    pages = load_scrapinghub(args.data, args.limit)
    gold = [body for _, _, body in pages]
    times: dict[str, list[float]] = {"ours": [], "trafilatura": []}
    outputs: dict[str, list[str]] = {}
    body_of_ours(pages[0][1]), theirs(pages[0][1])  # warm imports and caches
    for _ in range(args.rounds):
        for name, fn in (("ours", body_of_ours), ("trafilatura", theirs)):
            outputs[name], seconds = timed(fn, pages)
            times[name].append(seconds)
    print(
        f"scrapinghub extraction benchmark: {len(pages)} pages, {args.rounds} rounds, "
        f"python {platform.python_version()}, trafilatura {trafilatura.__version__}"
    )
    results = {}
    for name in ("ours", "trafilatura"):
        s4 = score(zip(gold, outputs[name], strict=True))
        s1 = score(
            zip([g.lower() for g in gold], [o.lower() for o in outputs[name]], strict=True), n=1
        )
        t = statistics.median(times[name])
        results[name] = (s4.f1, t)
        print(
            f"{name:<12} F1={s4.f1:.4f} P={s4.precision:.4f} R={s4.recall:.4f}  "
            f"bag-of-tokens F1={s1.f1:.4f}  {t:.2f}s CPU  {len(pages) / t:.1f} pages/s"
        )
    f1_diff = results["ours"][0] - results["trafilatura"][0]
    ratio = results["ours"][1] / results["trafilatura"][1]
    print(f"ours - trafilatura F1 = {f1_diff:+.4f}   ours / trafilatura time = {ratio:.2f}x")
    if args.sweep:
        sweep(pages, gold)
    ok = f1_diff >= 0 and ratio <= 1.2
    print("target (F1 >= trafilatura, time <= 1.2x): " + ("met" if ok else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
