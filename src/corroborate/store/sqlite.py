"""What is SQLite's own in the store: the file, its pragmas, ``rowid`` order, FTS5 search.

WAL journal, ``synchronous=FULL``, foreign keys on; ``BEGIN IMMEDIATE`` takes the write
lock at the start of a transaction, so a crash loses at most the batch in flight. Story
search is an FTS5 table (``unicode61 remove_diacritics 2``).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Engine,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    create_engine,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from corroborate.errors import StoreError
from corroborate.store.schema import FTS_TABLE, analyses
from corroborate.store.search import MAX_QUERY_TERMS
from corroborate.store.sql import SQLStore

__all__ = ["SQLiteStore", "fts_query"]

_WORD = re.compile(r"\w+", re.UNICODE)

# The FTS5 virtual table, described for queries (created by CREATE VIRTUAL TABLE below).
story_fts = Table(
    FTS_TABLE,
    MetaData(),
    Column("story_id", Text),
    Column("title", Text),
    Column("articles", Text),
    Column("entities", Text),
)
_INSERT_FTS = insert(story_fts)
_FTS_DDL = f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
    story_id UNINDEXED, title, articles, entities,
    tokenize = 'unicode61 remove_diacritics 2'
)"""


def fts_query(text_: str) -> str | None:
    """A safe FTS5 query from free text: every word must match (the last as a prefix).

    User input never reaches FTS5 syntax: words are extracted and quoted, so operators,
    quotes and column filters typed by a user are just words. None when no word is left.
    """
    words = _WORD.findall(text_)[:MAX_QUERY_TERMS]
    if not words:
        return None
    terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " AND ".join(terms)


def _is_locked(exc: StoreError) -> bool:
    """Whether a store error is SQLite's "database is locked" (another connection's lock)."""
    orig = getattr(exc.__cause__, "orig", None)
    return isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig)


class SQLiteStore(SQLStore):
    """A :class:`~corroborate.store.base.Store` in one SQLite file (or ``:memory:``).

    One instance is meant for one thread at a time; open another for a second thread.
    """

    begin_sql = "BEGIN IMMEDIATE"
    open_hint = "check the path, or move the file aside to start a new database"
    fts_table = story_fts

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = self.name = str(path)
        self._timeout = timeout
        if self.path != ":memory:":
            target = Path(self.path)
            if target.is_dir():
                raise StoreError(f"{self.path}: is a folder; give a database file path")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create its folder: {exc}") from exc
        super().__init__()

    def _create_engine(self) -> Engine:
        def connect() -> sqlite3.Connection:
            return sqlite3.connect(
                self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False
            )

        return create_engine(
            "sqlite://", creator=connect, poolclass=NullPool, isolation_level="AUTOCOMMIT"
        )

    def _connect_error(self, exc: SQLAlchemyError) -> StoreError:
        return StoreError(f"{self.path}: cannot open: {exc}; check the path")

    def _on_open(self) -> None:
        self._exec("PRAGMA foreign_keys=ON")
        self._exec(f"PRAGMA busy_timeout={int(self._timeout * 1000)}")
        self._set_wal()
        self._exec("PRAGMA synchronous=FULL")

    def _set_wal(self) -> None:
        """Switch the file to WAL, retrying while another connection holds it.

        Connections switching a new file at once can deadlock on the lock upgrade, and
        SQLite then answers "database is locked" at once, without calling the busy
        handler; the loser waits and retries (the winner's WAL is then already set), up
        to the store's timeout.
        """
        deadline = time.monotonic() + self._timeout
        delay = 0.002
        while True:
            try:
                self._exec("PRAGMA journal_mode=WAL")
                return
            except StoreError as exc:
                if not _is_locked(exc) or time.monotonic() + delay > deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)

    def _create_dialect_tables(self, conn: Connection) -> None:
        conn.execute(text(_FTS_DDL))

    def _article_order(self) -> ColumnElement[int]:
        return literal_column("articles.rowid", Integer)

    def _insert(self, table: Table) -> Any:
        return sqlite_insert(table)

    def _notes(self) -> tuple[ColumnElement[Any], ColumnElement[bool]]:
        doc = analyses.c.json
        return func.json_extract(doc, "$.notes"), func.json_array_length(doc, "$.notes") > 0

    # ------------------------------------------------------------ full-text search
    def _fts_write(
        self, story_id: str, title: str, texts: Sequence[str], names: Sequence[str]
    ) -> None:
        row = {
            "story_id": story_id,
            "title": title,
            "articles": "\n".join(texts),
            "entities": " ".join(names),
        }
        self._run(_INSERT_FTS, row)

    def _fts_match(self, text_: str) -> Select[Any] | None:
        match = fts_query(text_)
        if match is None:
            return None
        return select(story_fts.c.story_id).where(literal_column(FTS_TABLE).op("MATCH")(match))
