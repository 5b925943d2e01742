"""One source label everywhere: the rule, JSONL ids and lines, generated ids, collisions."""

from __future__ import annotations

import re

import pytest

from corroborate.compare.labels import article_label, is_generated_id, source_name
from corroborate.present.labels import relabel_ids, scope_label, source_label, source_labels
from corroborate.types import Article

HEX16 = re.compile(r"\b[0-9a-f]{16}\b")


@pytest.mark.parametrize(
    ("outlet", "url", "path", "aid", "expected"),
    [
        ("  Valley Courier ", "https://www.vc.example/a", "x.html", "vc-1", "Valley Courier"),
        (None, "https://www.vc.example/a", "x.html", "vc-1", "vc.example"),
        ("", "https://news.hill.example/a", "x.html", "vc-1", "news.hill.example"),
        (None, None, "/data/in/feed.jsonl:12", "story-a17", "feed.jsonl #story-a17"),
        (None, None, "/data/in/feed.jsonl:12", "0123456789abcdef", "feed.jsonl:12"),
        (None, None, "/data/in/page.html", "0123456789abcdef", "page.html"),
        (None, None, "crawl.warc.gz#record-3", "0123456789abcdef", "crawl.warc.gz#record-3"),
        (None, None, "", "0123456789abcdef", "article 0123456789abcdef"),
    ],
)
def test_the_rule_in_order(
    outlet: str | None, url: str | None, path: str, aid: str, expected: str
) -> None:
    assert source_name(outlet, url, path, aid) == expected


def test_an_id_is_generated_when_it_is_the_content_hash_prefix() -> None:
    digest = "ab" * 32
    assert is_generated_id(digest[:16], digest)
    assert not is_generated_id("0123456789abcdef", digest)  # given with the input
    assert is_generated_id("0123456789abcdef") and not is_generated_id("story-a17")


def test_article_and_record_get_the_same_label() -> None:
    digest = "cd" * 32
    article = Article(id=digest[:16], path="in/feed.jsonl:4", text="x", content_hash=digest)
    record = {"id": digest[:16], "path": "in/feed.jsonl:4", "outlet": None, "url": None}
    assert article_label(article) == source_label(article) == "feed.jsonl:4"
    assert source_label(record) == "feed.jsonl:4"
    assert source_label({**record, "source_label": "Given"}) == "Given"


def test_labels_of_a_story_share_an_outlet_and_number_collisions() -> None:
    records = [
        {"id": "a1", "outlet": "Valley Courier", "path": "a.html"},
        {"id": "a2", "outlet": "valley courier", "path": "b.html"},
        {"id": "0123456789abcdef", "path": "one/index.html"},
        {"id": "fedcba9876543210", "path": "two/index.html"},
    ]
    labels = source_labels(records)
    assert labels == {
        "a1": "Valley Courier",
        "a2": "valley courier",
        "0123456789abcdef": "index.html",
        "fedcba9876543210": "index.html (2)",
    }


def test_relabel_replaces_generated_ids_only() -> None:
    labels = {"0123456789abcdef": "feed.jsonl:3", "doc-1": "feed.jsonl #doc-1"}
    text = "reported by 2 sources: 0123456789abcdef, doc-1; x0123456789abcdefx stays"
    out = relabel_ids(text, labels)
    assert out == "reported by 2 sources: feed.jsonl:3, doc-1; x0123456789abcdefx stays"
    assert not HEX16.search(relabel_ids("only by 0123456789abcdef", labels))


@pytest.mark.parametrize(
    ("scope", "words"),
    [
        (None, ""),
        ("before", "an earlier event"),
        ("other", "another incident"),
        ("aggregate", "several events together"),
        ("year:2012", "in 2012"),
        ("period:so far", "over a period (so far)"),
        ("rate:year", "per year"),
        ("part", "part of a total"),
        ("before|part", "an earlier event, part of a total"),
        ("retracted", "reports called wrong in the same sentence"),
    ],
)
def test_a_figure_groups_time_frame_in_words(scope: str | None, words: str) -> None:
    assert scope_label(scope) == words
