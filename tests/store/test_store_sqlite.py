"""SQLite-only store behaviour: URLs, WAL, the file at the head revision (upgrades of
stores written before Alembic: test_upgrade.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

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


def _locked_once(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the first WAL switch answer "database is locked" at once, as SQLite does to
    the loser of two connections upgrading their locks on a new file together."""
    calls: list[str] = []
    real = SQLiteStore._exec

    def exec_(self: SQLiteStore, statement: Any, params: Any = None) -> Any:
        if statement == "PRAGMA journal_mode=WAL":
            calls.append(statement)
            if len(calls) == 1:
                cause = OperationalError(
                    statement, None, sqlite3.OperationalError("database is locked")
                )
                raise StoreError(f"{self.name}: database is locked") from cause
        return real(self, statement, params)

    monkeypatch.setattr(SQLiteStore, "_exec", exec_)
    return calls


def test_a_locked_wal_switch_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _locked_once(monkeypatch)
    with SQLiteStore(tmp_path / "c.db") as store:
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(calls) == 2


def test_a_lock_held_past_the_timeout_still_fails_clearly(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match=r"c\.db: cannot open .*database is locked"):
            SQLiteStore(db, timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_many_connections_opening_new_files_together(tmp_path: Path) -> None:
    # Before the retry, 6 of 1,200 such opens failed with "database is locked" (a deadlock
    # on the lock upgrade of the WAL switch, which SQLite reports without waiting).
    def open_(path: Path) -> str:
        with SQLiteStore(path) as store:
            return str(store.connection.execute("PRAGMA journal_mode").fetchone()[0])

    with ThreadPoolExecutor(4) as pool:
        for n in range(60):
            path = tmp_path / f"n{n}.db"
            assert list(pool.map(open_, [path] * 4)) == ["wal"] * 4
