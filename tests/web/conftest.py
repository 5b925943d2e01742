"""Fixtures of the web tests: a store filled by the runner from the bundled example, plus
one hostile article (script tags in its title and text) in a story of its own."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corroborate.store import open_store
from corroborate.types import Article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tarsk-port-strike"

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_ARTICLE_ID = "xss-article"
XSS_STORY_ID = "xss-story"
XSS_ENTITY_ID = "xss-entity"


def _xss_text() -> str:
    return (
        f"Harbour officials denied everything {XSS_SCRIPT} on Tuesday. "
        f"A spokesman {XSS_IMG} said the figures were wrong. "
        "The council will meet again next week to discuss the port budget and the strike."
    )


def add_hostile_story(db: str) -> None:
    """Store an article whose title and text carry script/img injections, and a story
    (hand-made dossier entry) that cites it with the same injections in every field."""
    text = _xss_text()
    start = text.index(XSS_SCRIPT)
    with open_store(db) as store:
        store.add_article(
            Article(
                id=XSS_ARTICLE_ID,
                path="hostile.txt",
                text=text,
                outlet=f"Evil {XSS_IMG} Times",
                title=f"Breaking {XSS_SCRIPT} {XSS_IMG}",
                published="2024-01-05",
                published_source="metadata",
                language="en",
                url="javascript:alert(1)",
            )
        )
        span = {"article_id": XSS_ARTICLE_ID, "start": start, "end": start + len(XSS_SCRIPT)}
        store.put_stories(
            [
                {
                    "id": XSS_STORY_ID,
                    "title": f"Story {XSS_SCRIPT}",
                    "article_ids": [XSS_ARTICLE_ID],
                    "first_published": "2024-01-05",
                    "last_published": "2024-01-05",
                    "entities": [
                        {
                            "id": XSS_ENTITY_ID,
                            "name": f"Mr {XSS_IMG}",
                            "type": "PERSON",
                            "aliases": [XSS_SCRIPT],
                            "roles": [{"text": XSS_IMG, "article_ids": [XSS_ARTICLE_ID]}],
                            "mentions": [{**span, "text": XSS_SCRIPT}],
                        }
                    ],
                    "figures": [
                        {
                            "id": "F1",
                            "measure": XSS_SCRIPT,
                            "subject": XSS_IMG,
                            "unit": "people",
                            "verdict": "conflict",
                            "reports": [{**span, "text": XSS_IMG, "low": 1, "high": 2}],
                            "explanation": XSS_SCRIPT,
                        }
                    ],
                    "claims": [
                        {
                            "id": "C1",
                            "text": XSS_IMG,
                            "verdict": "contested",
                            "support": [span],
                        }
                    ],
                    "quotes": [
                        {
                            "id": "Q1",
                            "speaker": XSS_ENTITY_ID,
                            "speaker_name": XSS_SCRIPT,
                            "text": XSS_IMG,
                            "reports": [span],
                        }
                    ],
                    "timeline": [
                        {
                            "date": "2024-01-02",
                            "precision": "day",
                            "description": XSS_SCRIPT,
                            "reports": [{**span, "expression": XSS_IMG}],
                        }
                    ],
                }
            ]
        )


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the bundled example ingested, analysed and linked by the runner, plus
    the hostile story. Built once per session; tests copy it."""
    from corroborate.run import local

    db = tmp_path_factory.mktemp("web-store") / "example.db"
    with open_store(str(db)) as store:
        summary = local.ingest([str(EXAMPLE)], store)
        assert summary.rejected == 0
        local.analyze_pending(store)
        local.link(store)
    add_hostile_story(str(db))
    return db


@pytest.fixture()
def db_path(example_db: Path, tmp_path: Path) -> Iterator[str]:
    """A private copy of the example store for one test."""
    target = tmp_path / "store.db"
    shutil.copy(example_db, target)
    yield str(target)


# ------------------------------------------------------------------ browser tests


@pytest.fixture()
def server(db_path: str) -> Iterator[str]:
    """The app over a private copy of the example store, served by uvicorn on 127.0.0.1."""
    from . import browser as bt

    yield from bt.serve(db_path)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (skipped, or failed under CI, without it)."""
    from . import browser as bt

    yield from bt.launch(bt.sync_api())


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A 1280 × 900 page recording dialogs and console errors."""
    from . import browser as bt

    pg = bt.new_page(browser)
    yield pg
    pg.context.close()
