"""SQLite-only store behaviour: URLs, WAL, migrating an SQLite file forward."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.errors import StoreError
from corroborate.store import SQLiteStore, open_store
from corroborate.store.migrations import LATEST
from corroborate.store.sqlite import migrate, schema_version
from corroborate.types import Analysis
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
    assert schema_version(conn) == LATEST


def test_v1_database_is_migrated_forward(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO articles (id, content_hash, path, text, created_at) "
        "VALUES ('old1', 'h1', '/old.txt', 'An article stored by version one.', 'then')"
    )
    conn.execute(
        "INSERT INTO article_sources (article_id, path, source_id) "
        "VALUES ('old1', '/old.txt', 'old1')"
    )
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='analyses'").fetchone() is None
    conn.close()
    with open_store(db) as s:
        assert schema_version(s.connection) == LATEST  # type: ignore[attr-defined]
        old = s.get_article("old1")
        assert old is not None and old.text == "An article stored by version one."
        s.put_analysis("old1", Analysis("old1"))
        assert s.get_analysis("old1") == Analysis("old1")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    SQLiteStore(db).close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("INSERT INTO schema_version VALUES (?, 'future')", (LATEST + 1,))
    conn.close()
    with pytest.raises(StoreError, match="upgrade Corroborate"):
        open_store(db)
