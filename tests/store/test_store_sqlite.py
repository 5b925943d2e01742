"""SQLite-only store behaviour: URLs, WAL, the file at the head revision (upgrades of
stores written before Alembic: test_upgrade.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.errors import StoreError
from corroborate.store import SQLiteStore, migrate, open_store
from tests.store.helpers_store import make_article


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "c.db")
    yield s
    s.close()


def test_open_store_urls(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/u.db") as s:
        assert isinstance(s, SQLiteStore) and s.path == f"{tmp_path}/u.db"
    with open_store(":memory:") as s:
        s.add_article(make_article(1))
        assert s.count_articles() == 1
    with pytest.raises(StoreError, match="unknown store scheme"):
        open_store("mongodb://x")
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(junk)


def test_wal_mode_and_schema_version(store: SQLiteStore) -> None:
    conn = store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrate.current(store.sa_connection) == migrate.head()


def test_opening_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with SQLiteStore(db) as writer, writer.transaction():
        writer.add_article(make_article(1))
        # e.g. the web app opening the store in the middle of an ingest batch
        with SQLiteStore(db, timeout=0.5) as reader:
            assert reader.count_articles() == 0
