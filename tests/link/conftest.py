"""Fixtures shared by the story tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.types import Article


@pytest.fixture
def background(fixtures_dir: Path) -> list[Article]:
    """Other stories' articles, so that document frequencies mean something."""
    from tests.link.test_stories import load_fixture

    return [article for article, _ in load_fixture(fixtures_dir)[0]]
