"""Source labels in explanations: outlet, else URL host, else file name, else id."""

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
    assert article_label(_article(path="/data/export.jsonl:12")) == "export.jsonl"
    assert article_label(_article()) == "a1b2c3"


def test_report_and_explanations_use_the_same_label() -> None:
    from corroborate.present.report.view import source_label

    for kw in (
        {"outlet": "Coast Times"},
        {"url": "https://www.example.net/n"},
        {"path": "/d/export.jsonl:3"},
        {},
    ):
        article = _article(**kw)
        record = {"id": article.id, "outlet": article.outlet, "url": article.url}
        record["path"] = article.path
        assert article_label(article) == source_label(record)
