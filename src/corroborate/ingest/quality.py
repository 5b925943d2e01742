"""Extraction quality: the scrapinghub article-extraction-benchmark metric.

Re-implemented from the benchmark's ``evaluate.py`` (MIT): text is split into ``\\w+``
tokens (Unicode, case kept), then into overlapping 4-token shingles; per page, TP/FP/FN are
the multiset overlap of gold and predicted shingles, normalised to sum to 1. Precision and
recall are averaged over pages and F1 is computed from the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)

TpFpFn = tuple[float, float, float]


@dataclass(frozen=True)
class Scores:
    """Benchmark scores over a set of pages."""

    f1: float
    precision: float
    recall: float
    pages: int


def tokens(text: str) -> list[str]:
    """Word tokens as the benchmark splits them (``\\w+``, case kept)."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of overlapping n-token shingles (one short shingle for short texts)."""
    toks = tokens(text)
    return Counter(
        tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n]
    )


def page_counts(gold: str, predicted: str, n: int = 4) -> TpFpFn:
    """Normalised TP/FP/FN of one page's shingles."""
    true, pred = shingles(gold, n), shingles(predicted, n)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aggregate(counts: Sequence[TpFpFn]) -> Scores:
    """Average precision and recall over pages; F1 of the averages (as the benchmark)."""
    p = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(f1=f1, precision=p, recall=r, pages=len(counts))


def score(pairs: Iterable[tuple[str, str]], n: int = 4) -> Scores:
    """Score (gold, predicted) body pairs; ``n=1`` gives the plain bag-of-tokens variant."""
    return aggregate([page_counts(gold, pred, n) for gold, pred in pairs])


def load_scrapinghub(folder: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, html, gold body) for the benchmark pages in ``folder``, sorted by id."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        with gzip.open(folder / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            pages.append((key, f.read(), truth[key].get("articleBody") or ""))
    return pages


def body_of_ours(html: str) -> str:
    """The body text our HTML reader extracts (empty when it rejects the page)."""
    from corroborate.ingest.html import extract_html

    doc = extract_html(html, "benchmark")
    return getattr(doc, "text", None) or ""


Extractor = Callable[[str], str]
