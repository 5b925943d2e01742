"""Extraction scorer of the quality harness: HTML pages in, dossier articles against gold.

Two corpora under ``../shared/data/extraction``, each fed to the product as one JSONL file of
``{"id", "url", "html"}`` records (what a user with saved pages and their addresses gives):

* **scrapinghub** (181 pages, gold ``articleBody`` and ``url`` only): body precision, recall and
  F1 with the benchmark's own metric (:mod:`corroborate.ingest.quality`: 4-token shingles,
  per-page P/R averaged, F1 of the averages), and the bag-of-tokens variant. The set has no
  gold dates; the date row compares with the full date a page's URL carries
  (``/2019/11/18/``, ``2019-11-19``), on the pages whose URL has one. That gold is weak (it is
  the date the site filed the page under) and both systems may read the URL; it is reported
  because the issue asks for it and says so in the row's note.
* **trafilatura** (290 pages): the set's snippet metric (README of the data): a ``with``
  snippet found in the body is a true positive, missing a false negative; a ``without``
  snippet found is a false positive; P/R/F1 over all snippets of all pages (micro). Plus exact
  title, author and date on the annotated pages (``meta``).

Matching rules, the same for the product and the baseline:

* A dossier article belongs to the gold page whose JSONL ``id`` it carries; a page the product
  rejected, or merged into another article as a duplicate (its id in ``duplicate_ids``), has
  empty output (no body, title, author or date).
* The product's body is the dossier ``text`` without its first paragraph when that paragraph is
  the article's title (the product puts the headline first; the gold bodies and trafilatura's
  output do not include it).
* Snippet search and exact comparisons use :func:`norm_text`: whitespace (NBSP included)
  collapsed to one space and stripped; case, punctuation and quotes kept. A title or author is
  exact when its normalised form equals the gold's; titles compare casefolded
  (:func:`norm_title`: the gold follows the rendered page's CSS capitals; a case-sensitive row
  is printed beside it); None equals None (a page without a gold author is right only when
  no author is returned). Authors are compared as the set of ``;``-separated names. Dates
  are compared as ``YYYY-MM-DD`` (:func:`norm_date`).
* Baseline: ``trafilatura.extract(html, url=url)`` for the body and
  ``trafilatura.extract_metadata(html, default_url=url)`` for title, author and date, both with
  their default settings, in the same run on the same pages.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corroborate.evaluate.table import Row, Section
from corroborate.ingest.quality import score as shingle_score

SCRAPINGHUB_DIR = Path("data") / "extraction" / "scrapinghub"
TRAFILATURA_DIR = Path("data") / "extraction" / "trafilatura"
MEASURE = "extraction"

_URL_DATES = (
    re.compile(r"(?<![\w])(?P<y>(?:19|20)\d\d)(?P<s>[/_-])(?P<m>\d\d?)(?P=s)(?P<d>\d\d?)(?![\d])"),
    re.compile(r"(?<![\w])(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)(?![\w])"),
)


# --------------------------------------------------------------------------- normalisation


def norm_text(value: str | None) -> str | None:
    """Whitespace collapsed and stripped (NBSP included); None for None or blank."""
    if value is None:
        return None
    text = " ".join(value.split())
    return text or None


def norm_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or timestamp; None when absent or not a date."""
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    return "-".join(match.groups()) if match else None


def norm_title(value: str | None) -> str | None:
    """A title compared case-insensitively (casefolded :func:`norm_text`): the gold was
    copied from rendered pages, where CSS ``text-transform`` often upper-cases a headline
    that the HTML writes in mixed case; neither system sees the rendering."""
    text = norm_text(value)
    return text.casefold() if text else None


def norm_authors(value: str | None) -> frozenset[str] | None:
    """The set of normalised ``;``-separated author names; None when there is none."""
    text = norm_text(value)
    if text is None:
        return None
    names = frozenset(n for part in text.split(";") if (n := norm_text(part)))
    return names or None


def url_date(url: str | None) -> str | None:
    """The full date a URL's path carries, or None: ``/2019/11/18/``, ``/2019/11/8/``,
    ``-2019-11-19-``, or an 8-digit ``20191119`` standing between separators."""
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]+", "", url, flags=re.I).split("?")[0]
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            year, month, day = (int(g) for g in match.group("y", "m", "d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Output:
    """What one system returned for one page (empty when it returned nothing)."""

    body: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None


def article_body(article: Mapping[str, Any]) -> str:
    """A dossier article's body: its text without the leading headline paragraph."""
    text = str(article.get("text") or "")
    title = norm_text(article.get("title"))
    head, sep, rest = text.partition("\n\n")
    if title is not None and sep and norm_text(head) == title:
        return rest
    return text


def dossier_outputs(dossier: Mapping[str, Any]) -> dict[str, Output]:
    """The product's output per input id; ids merged as duplicates map to empty output."""
    outputs: dict[str, Output] = {}
    merged: set[str] = set()
    for article in dossier.get("articles") or []:
        merged.update(str(d) for d in article.get("duplicate_ids") or [])
        outputs[str(article.get("id"))] = Output(
            body=article_body(article),
            title=article.get("title"),
            author=article.get("author"),
            date=article.get("published"),
        )
    for dup in merged - outputs.keys():
        outputs[dup] = Output()
    return outputs


def trafilatura_outputs(
    pages: Iterable[tuple[str, str | None, str]], *, metadata: bool = True
) -> tuple[dict[str, Output], float]:
    """The baseline per page id (``trafilatura.extract`` and, with ``metadata``,
    ``extract_metadata``, defaults), and the seconds it took."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    outputs: dict[str, Output] = {}
    start = time.perf_counter()
    for page_id, url, html in pages:
        try:
            body = trafilatura.extract(html, url=url) or ""
        except Exception:  # the baseline failing on a page is an empty output, not an error
            body = ""
        title = author = date = None
        if metadata:
            try:
                meta = trafilatura.extract_metadata(html, default_url=url)
                title, author, date = meta.title, meta.author, meta.date
            except Exception:
                pass
        outputs[page_id] = Output(body=body, title=title, author=author, date=date)
    return outputs, time.perf_counter() - start


# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class PRF:
    """Precision, recall, F1."""

    precision: float
    recall: float
    f1: float


def _prf(tp: float, fp: float, fn: float) -> PRF:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def snippet_counts(body: str, with_: Sequence[str], without: Sequence[str]) -> tuple[int, int, int]:
    """(TP, FP, FN) of one page: ``with`` snippets found / missing, ``without`` found."""
    text = norm_text(body) or ""
    tp = sum(1 for s in with_ if (n := norm_text(s)) and n in text)
    fp = sum(1 for s in without if (n := norm_text(s)) and n in text)
    return tp, fp, len(with_) - tp


def snippet_scores(pages: Iterable[tuple[str, Sequence[str], Sequence[str]]]) -> PRF:
    """Micro P/R/F1 over (body, with, without) pages."""
    tp = fp = fn = 0
    for body, with_, without in pages:
        a, b, c = snippet_counts(body, with_, without)
        tp, fp, fn = tp + a, fp + b, fn + c
    return _prf(tp, fp, fn)


def exact_share(pairs: Iterable[tuple[object, object]]) -> float | None:
    """Share of (predicted, gold) pairs that are equal; None for no pairs."""
    values = [p == g for p, g in pairs]
    return sum(values) / len(values) if values else None


def _at_least(ours: float | None, floor: float | None) -> bool | None:
    if ours is None or floor is None:
        return None
    return ours >= floor - 1e-12


# --------------------------------------------------------------------------- corpora


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def scrapinghub_pages(shared: Path, limit: int | None) -> list[tuple[str, str, str, str]]:
    """(id, url, html, gold body) of the scrapinghub pages, sorted by id, the first ``limit``."""
    folder = shared / SCRAPINGHUB_DIR
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        with gzip.open(folder / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        pages.append((key, truth[key].get("url") or "", html, truth[key].get("articleBody") or ""))
    return pages


def prepare_scrapinghub(shared: Path, work: Path, limit: int | None) -> list[Path]:
    """Write ``work/scrapinghub.jsonl`` (one ``{"id", "url", "html"}`` record per page)."""
    records = (
        {"id": key, "url": url, "html": html}
        for key, url, html, _ in scrapinghub_pages(shared, limit)
    )
    return [_write_jsonl(work / "scrapinghub.jsonl", records)]


def score_scrapinghub(dossier: dict[str, Any], shared: Path, limit: int | None) -> Section:
    """Body P/R/F1 (shingles, and bag of tokens) and URL-date agreement, ours vs trafilatura."""
    pages = scrapinghub_pages(shared, limit)
    ours = dossier_outputs(dossier)
    base, seconds = trafilatura_outputs(((k, u, h) for k, u, h, _ in pages), metadata=False)
    dated = [(k, d) for k, u, _, _ in pages if (d := url_date(u))]
    if dated:
        dated_base, date_seconds = trafilatura_outputs(
            (k, u, h) for k, u, h, _ in pages if url_date(u)
        )
        seconds += date_seconds
    empty = Output()

    def body_rows(n: int, label: str) -> list[Row]:
        mine = shingle_score([(g, ours.get(k, empty).body) for k, _, _, g in pages], n=n)
        theirs = shingle_score([(g, base[k].body) for k, _, _, g in pages], n=n)
        rows = [
            Row(
                MEASURE,
                "scrapinghub",
                f"body {label} F1",
                mine.f1,
                theirs.f1,
                ">= baseline",
                _at_least(mine.f1, theirs.f1),
                "benchmark metric" if n == 4 else "bag of tokens",
            )
        ]
        if n == 4:
            rows += [
                Row(MEASURE, "scrapinghub", "body precision", mine.precision, theirs.precision),
                Row(MEASURE, "scrapinghub", "body recall", mine.recall, theirs.recall),
            ]
        return rows

    rows = body_rows(4, "shingle") + body_rows(1, "token")
    if dated:
        mine_d = exact_share((norm_date(ours.get(k, empty).date), g) for k, g in dated)
        theirs_d = exact_share((norm_date(dated_base[k].date), g) for k, g in dated)
        rows.append(
            Row(
                MEASURE,
                "scrapinghub",
                "date exact",
                mine_d,
                theirs_d,
                ">= baseline",
                _at_least(mine_d, theirs_d),
                f"no gold dates in the set: the URL's own date, on the {len(dated)} pages "
                "whose URL has one",
            )
        )
    missing = sum(1 for k, *_ in pages if not ours.get(k, empty).body)
    return Section(
        f"{MEASURE}/scrapinghub",
        tuple(rows),
        {
            "pages": len(pages),
            "url_dated_pages": len(dated),
            "ours_empty": missing,
            "baseline_empty": sum(1 for k, *_ in pages if not base[k].body),
            "baseline_seconds": round(seconds, 2),
        },
    )


def trafilatura_gold(shared: Path, limit: int | None) -> list[dict[str, Any]]:
    """Gold records of the trafilatura pages, in file order, the first ``limit``."""
    return list(_read_jsonl(shared / TRAFILATURA_DIR / "gold.jsonl", limit))


def _read_jsonl(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            if line.strip():
                yield json.loads(line)


def prepare_trafilatura(shared: Path, work: Path, limit: int | None) -> list[Path]:
    """The pages file as it is, or its first ``limit`` records written to ``work``."""
    pages = shared / TRAFILATURA_DIR / "pages.jsonl"
    if limit is None:
        return [pages]
    return [_write_jsonl(work / "trafilatura.jsonl", _read_jsonl(pages, limit))]


def score_trafilatura(dossier: dict[str, Any], shared: Path, limit: int | None) -> Section:
    """Snippet P/R/F1, exact title, author and date, ours vs trafilatura's defaults."""
    gold = trafilatura_gold(shared, limit)
    pages = list(_read_jsonl(shared / TRAFILATURA_DIR / "pages.jsonl", limit))
    base, seconds = trafilatura_outputs((p["id"], p.get("url"), p["html"]) for p in pages)
    ours = dossier_outputs(dossier)
    rows = trafilatura_rows(gold, ours, base)
    return Section(
        f"{MEASURE}/trafilatura",
        tuple(rows),
        {
            "pages": len(gold),
            "annotated_pages": sum(1 for g in gold if g.get("meta")),
            "ours_empty": sum(1 for g in gold if not ours.get(g["id"], Output()).body),
            "baseline_empty": sum(1 for g in gold if not base[g["id"]].body),
            "baseline_seconds": round(seconds, 2),
        },
    )


def trafilatura_rows(
    gold: Sequence[dict[str, Any]], ours: Mapping[str, Output], base: Mapping[str, Output]
) -> list[Row]:
    """The trafilatura-set rows from per-id outputs of both systems."""
    empty = Output()
    corpus = "trafilatura"

    def snippets(outputs: Mapping[str, Output]) -> PRF:
        return snippet_scores(
            (outputs.get(g["id"], empty).body, g.get("with") or [], g.get("without") or [])
            for g in gold
        )

    mine, theirs = snippets(ours), snippets(base)
    annotated = [g for g in gold if g.get("meta")]

    def exact(
        outputs: Mapping[str, Output], field: str, norm: Callable[[Any], Any]
    ) -> float | None:
        return exact_share(
            (norm(getattr(outputs.get(g["id"], empty), field)), norm(g.get(field)))
            for g in annotated
        )

    title_ours, title_base = exact(ours, "title", norm_title), exact(base, "title", norm_title)
    cased_ours, cased_base = exact(ours, "title", norm_text), exact(base, "title", norm_text)
    date_ours, date_base = exact(ours, "date", norm_date), exact(base, "date", norm_date)
    author_given = any(ours.get(g["id"], empty).author for g in annotated)
    author_ours = exact(ours, "author", norm_authors) if author_given else None
    author_base = exact(base, "author", norm_authors)
    return [
        Row(
            MEASURE,
            corpus,
            "body F1",
            mine.f1,
            theirs.f1,
            ">= baseline",
            _at_least(mine.f1, theirs.f1),
            "with/without snippets",
        ),
        Row(MEASURE, corpus, "body precision", mine.precision, theirs.precision),
        Row(MEASURE, corpus, "body recall", mine.recall, theirs.recall),
        Row(
            MEASURE,
            corpus,
            "title exact",
            title_ours,
            title_base,
            ">= 0.85",
            _at_least(title_ours, 0.85),
        ),
        Row(
            MEASURE,
            corpus,
            "title exact, case-sensitive",
            cased_ours,
            cased_base,
            note="diagnostic",
        ),
        Row(
            MEASURE,
            corpus,
            "author exact",
            author_ours,
            author_base,
            note="" if author_given else "the dossier carries no author for these pages",
        ),
        Row(
            MEASURE,
            corpus,
            "date exact",
            date_ours,
            date_base,
            ">= baseline",
            _at_least(date_ours, date_base),
        ),
    ]
