"""Source labels in explanations: outlet, else URL host, else the input's file name (with
its own JSONL id), else "article <id>" (issue 12: never a bare id)."""

from __future__ import annotations

from corroborate.compare.labels import article_label
from corroborate.types import Article


def _article(**kw: str | None) -> Article:
    base: dict[str, str | None] = {"id": "a1b2c3", "path": "", "text": "Text."}
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def test_label_prefers_outlet_then_host_then_file_then_id() -> None:
    assert article_label(_article(outlet=" Harbour Daily ", url="https://x.org/a")) == (
        "Harbour Daily"
    )
    assert article_label(_article(url="https://www.example.net/news/1")) == "example.net"
    assert article_label(_article(path="/data/dumps/004_story.txt")) == "004_story.txt"
    assert article_label(_article(path="/data/export.jsonl:12")) == "export.jsonl #a1b2c3"
    assert article_label(_article()) == "article a1b2c3"


def test_report_label_reads_dossier_records_with_missing_fields() -> None:
    from corroborate.present.report.view import source_label

    assert source_label({"id": "x1", "outlet": None, "url": "", "path": "/d/a.html"}) == "a.html"
    assert source_label({"id": "x1", "outlet": "  ", "url": None}) == "article x1"
    assert source_label({}) == "article ?"
