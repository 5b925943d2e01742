"""Story search, filters and browse lookups give the same answers on every backend
(SQLite FTS5; PostgreSQL tsvector + GIN)."""

from __future__ import annotations

from typing import Any

import pytest

from corroborate.store import Store
from corroborate.store.search import StoryQuery
from corroborate.types import Article


def _article(aid: str, outlet: str, title: str, text: str, published: str) -> Article:
    return Article(
        id=aid,
        path=f"/in/{aid}.txt",
        text=text,
        outlet=outlet,
        title=title,
        published=published,
        content_hash=f"h-{aid}",
    )


def _story(
    sid: str, title: str, articles: list[str], first: str, last: str, **kw: Any
) -> dict[str, Any]:
    return {
        "id": sid,
        "title": title,
        "article_ids": articles,
        "first_published": first,
        "last_published": last,
        **kw,
    }


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_articles(
        [
            _article(
                "p1",
                "Harbour Daily",
                "Dockers strike in Tarsk",
                "Dockworkers in Tarsk extended their strike; union leader Dmitry Sokolov "
                "said talks had collapsed. Over 11,000 containers wait at the quay.",
                "2025-03-13",
            ),
            _article(
                "p2",
                "Coast Post",
                "Port of Tarsk closed",
                "The port remains closed. Police detained about 250 people near the gates.",
                "2025-03-14",
            ),
            _article(
                "r1",
                "Capital News",
                "Navalny sentenced",
                "A Moscow court sentenced Alexei Navalny to two years and eight months.",
                "2021-02-02",
            ),
            _article(
                "r2",
                "Wire Café",
                "Protests after verdict",
                "Thousands were detained in protests across Russia, the monitors said.",
                "2021-02-03",
            ),
        ]
    )
    sokolov = {
        "id": "E-sokolov",
        "name": "Dmitry Sokolov",
        "type": "PERSON",
        "aliases": ["Dmitri Sokolov"],
        "mentions": [{"article_id": "p1"}, {"article_id": "p1"}],
    }
    police = {  # an unnamed participant: its page is found, the cross-story list skips it
        "id": "s-port-U1",
        "name": "police",
        "type": "UNNAMED",
        "mentions": [{"article_id": "p2"}, {"article_id": "p2"}, {"article_id": "p2"}],
    }
    strike = {  # what the reports discuss: listed nowhere across stories either
        "id": "s-port-D1",
        "name": "strike",
        "type": "TOPIC",
        "mentions": [{"article_id": "p1"}, {"article_id": "p2"}],
    }
    navalny = {
        "id": "E-navalny",
        "name": "Alexei Navalny",
        "type": "PERSON",
        "aliases": ["Alexey Navalny", "Aléxei Naválny"],
        "mentions": [{"article_id": "r1"}],
    }
    store.put_stories(
        [
            _story(
                "s-port",
                "Tarsk port strike",
                ["p1", "p2"],
                "2025-03-13",
                "2025-03-14",
                entities=[sokolov, police, strike],
                figures=[{"id": "F1", "verdict": "conflict"}],
            ),
            _story(
                "s-court",
                "Navalny verdict and protests",
                ["r1", "r2"],
                "2021-02-02",
                "2021-02-03",
                entities=[navalny],
                claims=[{"id": "C1", "verdict": "corroborated"}],
            ),
            _story("s-empty", "Untitled", [], "", ""),
        ]
    )
    return store


def _ids(store: Store, **kw: Any) -> tuple[list[str], int]:
    items, total = store.search_stories(StoryQuery(**kw))
    return [i["id"] for i in items], total


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dockworkers", ["s-port"]),
        ("Sokol", ["s-port"]),  # the last word is a prefix
        ("Dmitri", ["s-port"]),  # an alias
        ("navalny", ["s-court"]),
        ("Naválny", ["s-court"]),  # diacritics folded
        ("ALEXEY navalny", ["s-court"]),  # case folded, every word must match
        ("navalny tarsk", []),
        ("11,000", ["s-port"]),
        ("two years and eight", ["s-court"]),
        ("café", []),  # outlet names are filters, not indexed words
        ("verdict", ["s-court"]),
        ("nonexistentword", []),
        ('NEAR("x" OR) *:', []),  # query syntax typed by a user is just words
        ("'); DROP TABLE stories; --", []),
        ("*** !!!", ["s-port", "s-court", "s-empty"]),  # no words: no text filter
    ],
)
def test_full_text_search(filled: Store, text: str, expected: list[str]) -> None:
    ids, total = _ids(filled, text=text)
    assert ids == expected and total == len(expected)


def test_filters_order_and_paging(filled: Store) -> None:
    assert _ids(filled) == (["s-port", "s-court", "s-empty"], 3)  # newest first
    assert _ids(filled, outlet="Coast Post") == (["s-port"], 1)
    assert _ids(filled, outlet="Wire Café") == (["s-court"], 1)
    assert _ids(filled, since="2025-01-01") == (["s-port"], 1)
    assert _ids(filled, until="2024-12-31") == (["s-court", "s-empty"], 2)
    assert _ids(filled, since="2021-02-03", until="2021-02-03") == (["s-court"], 1)
    assert _ids(filled, conflicts=True) == (["s-port"], 1)
    assert _ids(filled, conflicts=False) == (["s-court", "s-empty"], 2)
    assert _ids(filled, limit=1, offset=1) == (["s-court"], 3)
    assert _ids(filled, text="port", outlet="Capital News") == ([], 0)
    items, _ = filled.search_stories(StoryQuery(text="tarsk"))
    assert items == [
        {
            "id": "s-port",
            "title": "Tarsk port strike",
            "first_published": "2025-03-13",
            "last_published": "2025-03-14",
            "n_articles": 2,
            "n_conflicts": 1,
            "outlets": ["Coast Post", "Harbour Daily"],
        }
    ]


def test_browse_lookups(filled: Store) -> None:
    assert filled.list_outlets() == ["Capital News", "Coast Post", "Harbour Daily", "Wire Café"]
    entities, total = filled.list_entities()
    assert total == 2
    assert entities == [
        {
            "id": "E-sokolov",
            "name": "Dmitry Sokolov",
            "type": "PERSON",
            "n_stories": 1,
            "n_mentions": 2,
        },
        {
            "id": "E-navalny",
            "name": "Alexei Navalny",
            "type": "PERSON",
            "n_stories": 1,
            "n_mentions": 1,
        },
    ]
    assert [e["id"] for e in filled.list_entities("NAVAL")[0]] == ["E-navalny"]
    assert filled.list_entities("50%_off") == ([], 0)  # LIKE wildcards are literal
    assert filled.list_entities(limit=1, offset=1)[0][0]["id"] == "E-navalny"
    assert filled.entity_story_ids("E-navalny") == ["s-court"]
    assert filled.list_entities("police") == ([], 0)
    assert filled.entity_story_ids("s-port-U1") == ["s-port"]
    assert filled.list_entities("strike") == ([], 0)
    assert filled.entity_story_ids("s-port-D1") == ["s-port"]
    assert filled.article_story_ids("p2") == ["s-port"]
    assert filled.source_article_ids("/in/p1.txt") == ["p1"]


def test_reindex_on_update_replace_and_delete(filled: Store) -> None:
    filled.put_stories([_story("s-port", "Harbour reopens", ["p2"], "2025-03-14", "2025-03-20")])
    assert _ids(filled, text="dockworkers") == ([], 0)  # p1 left the story
    assert _ids(filled, text="reopens") == (["s-port"], 1)
    assert filled.entity_story_ids("E-sokolov") == []
    filled.delete_stories(["s-court", "unknown"])
    assert _ids(filled, text="navalny") == ([], 0) and filled.list_outlets() == ["Coast Post"]
    filled.put_stories(
        [_story("s-new", "Navalny again", ["r1"], "2021-02-02", "2021-02-02")], replace=True
    )
    assert _ids(filled) == (["s-new"], 1) and filled.list_entities() == ([], 0)
