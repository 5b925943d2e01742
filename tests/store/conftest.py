"""Store fixtures: every test that takes ``store_url`` or ``store`` runs once per backend
(SQLite file; PostgreSQL schema on ``$CORROBORATE_TEST_PG``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.store import Store, open_store

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Name of the backend under test."""
    return str(request.param)


@pytest.fixture
def store_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """What ``open_store`` takes for a fresh, empty store of ``backend``; reopening it
    gives the same store."""
    if backend == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "c.db")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh store of each backend."""
    s = open_store(store_url)
    yield s
    s.close()
