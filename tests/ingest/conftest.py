"""Fixtures for the ingest tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from corroborate.ingest.base import Skipped
from corroborate.types import RawDocument, Rejection

Split = Callable[[Iterable[object]], tuple[list[RawDocument], list[Rejection]]]


@pytest.fixture(scope="session")
def ingest_dir(fixtures_dir: Path) -> Path:
    """Small inputs written for the ingest tests."""
    return fixtures_dir / "ingest"


def _split(items: Iterable[object]) -> tuple[list[RawDocument], list[Rejection]]:
    docs: list[RawDocument] = []
    rejected: list[Rejection] = []
    for item in items:
        if isinstance(item, Skipped):
            continue  # a note: tests that care look for it themselves
        if isinstance(item, RawDocument):
            docs.append(item)
        else:
            assert isinstance(item, Rejection), item
            rejected.append(item)
    return docs, rejected


@pytest.fixture(scope="session")
def split() -> Split:
    """Splits a reader's output into documents and rejections."""
    return _split
