"""What is PostgreSQL's own in the store: connecting with psycopg 3, the ``seq`` column
that keeps the order of ``articles``, byte-order text (``COLLATE "C"``), a failed
statement aborting its transaction, and story search on a ``tsvector`` column.

Story search: the words of a story, folded in Python as SQLite's FTS5 tokenizer
``unicode61 remove_diacritics 2`` folds them, go into ``to_tsvector('simple', ...)``
(positions stripped) with a GIN index; queries are ``to_tsquery('simple', ...)`` of the
same words, so both dialects answer word queries alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import psycopg
import sqlalchemy as sa
from psycopg.conninfo import conninfo_to_dict
from psycopg.pq import TransactionStatus
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from corroborate.errors import StoreError
from corroborate.store.schema import FTS_TABLE, analyses
from corroborate.store.search import MAX_QUERY_TERMS
from corroborate.store.sql import ConnectionLost, SQLStore, first_line

__all__ = ["ConnectionLost", "PostgresStore", "ts_query"]

_MIGRATION_LOCK = 0x636F72726F62  # advisory lock key: one migrating process at a time
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_SIMPLE: sa.ColumnElement[str] = sa.literal_column("'simple'")

story_fts = sa.Table(
    FTS_TABLE,
    sa.MetaData(),
    sa.Column("story_id", sa.Text, primary_key=True),
    sa.Column("document", TSVECTOR, nullable=False),
    sa.Index("story_fts_document", "document", postgresql_using="gin"),
)


_INSERT_FTS = sa.insert(story_fts).values(
    document=sa.func.strip(sa.func.to_tsvector(_SIMPLE, sa.bindparam("words")))
)


def _fold_words(text_: str) -> list[str]:
    """Words as SQLite's ``unicode61 remove_diacritics 2`` tokenizer sees them: runs of
    letters and digits, lower-cased, without diacritics."""
    decomposed = unicodedata.normalize("NFD", text_)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _TOKEN.findall(bare.lower())


def ts_query(text_: str) -> str | None:
    """A safe ``to_tsquery('simple', ...)`` string from free text: every word must match,
    the last as a prefix (as ``sqlite.fts_query`` for FTS5). User input never reaches
    tsquery syntax; None when no word is left."""
    words = _fold_words(text_)[:MAX_QUERY_TERMS]
    if not words:
        return None
    terms = [f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"]
    return " & ".join(terms)


def _describe(conninfo: str) -> tuple[str, str]:
    """(``postgresql://user@host:port/db`` without the password, ``host:port``)."""
    try:
        params = conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "postgresql://?", "?"
    host = str(params.get("host") or params.get("hostaddr") or "localhost")
    port = str(params.get("port") or "5432")
    user = str(params.get("user") or "")
    db = str(params.get("dbname") or user)
    return f"postgresql://{user + '@' if user else ''}{host}:{port}/{db}", f"{host}:{port}"


class PostgresStore(SQLStore):
    """A :class:`~corroborate.store.base.Store` in a PostgreSQL database.

    ``conninfo`` is a libpq URL or key=value string (``postgresql://user:pw@host/db``;
    ``?options=-csearch_path%3Dmyschema`` puts the tables in another schema). One
    instance is meant for one thread at a time; open another for a second thread.
    """

    fts_table = story_fts
    open_hint = "check that the role may create tables in the schema on its search_path"

    def __init__(
        self, conninfo: str, *, connect_timeout: int = 10, reconnect_timeout: float = 30.0
    ) -> None:
        self.conninfo = conninfo
        self.url, self._hostport = _describe(conninfo)
        self.name = self.url
        self._connect_timeout = connect_timeout
        super().__init__(reconnect_timeout=reconnect_timeout)

    def _create_engine(self) -> sa.Engine:
        extra: dict[str, Any] = {}
        if "connect_timeout" not in conninfo_to_dict(self.conninfo):
            extra["connect_timeout"] = self._connect_timeout

        def connect() -> psycopg.Connection[Any]:
            return psycopg.connect(self.conninfo, **extra)

        return sa.create_engine(
            "postgresql+psycopg://",
            creator=connect,
            poolclass=NullPool,
            isolation_level="AUTOCOMMIT",
        )

    def _connect_error(self, exc: SQLAlchemyError) -> StoreError:
        return ConnectionLost(
            f"{self.url}: cannot connect to PostgreSQL: {first_line(exc)}; check that the "
            f"server is running and accepts TCP connections on {self._hostport} (e.g. "
            "`pg_ctlcluster 15 main start`), and that the URL's user, password and "
            "database exist (`createdb -O USER DBNAME`)"
        )

    def _on_open(self) -> None:
        encoding = str(self._exec("SHOW server_encoding").scalar())
        if encoding.upper() not in ("UTF8", "UNICODE"):
            raise StoreError(
                f"{self.url}: database encoding is {encoding}, not UTF8; "
                "create it with `createdb -E UTF8 -T template0 NAME`"
            )

    def _migration_lock(self) -> None:
        self._exec(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})

    def _create_dialect_tables(self, conn: sa.Connection) -> None:
        conn.execute(
            sa.text(
                "ALTER TABLE articles ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE"
            )
        )
        story_fts.create(conn)

    def _is_disconnect(self, exc: DBAPIError) -> bool:
        state = str(getattr(exc.orig, "sqlstate", "") or "")
        raw = self._conn.connection.dbapi_connection if not self._conn.invalidated else None
        broken = raw is None or raw.closed or getattr(raw, "broken", False)
        return bool(exc.connection_invalidated) or broken or state.startswith(("08", "57P"))

    def _transaction_failed(self) -> bool:
        status = self.connection.info.transaction_status
        return bool(status == TransactionStatus.INERROR)

    def _article_order(self) -> sa.ColumnElement[int]:
        return sa.literal_column("articles.seq", sa.BigInteger)

    def _insert(self, table: sa.Table) -> Any:
        return pg_insert(table)

    def binary(self, expr: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        return expr.collate("C")

    def _notes(self) -> tuple[sa.ColumnElement[Any], sa.ColumnElement[bool]]:
        doc = sa.cast(analyses.c.json, sa.JSON)
        notes = doc.op("->")("notes")
        return doc.op("->>")("notes"), sa.func.json_array_length(notes) > 0

    # ------------------------------------------------------------ full-text search
    def _fts_write(
        self, story_id: str, title: str, texts: Sequence[str], names: Sequence[str]
    ) -> None:
        # Positions are stripped (search needs only the words), which keeps a story of
        # many long articles far below tsvector's 1 MB limit.
        words = sorted({w for part in (title, *texts, *names) for w in _fold_words(part)})
        self._run(_INSERT_FTS, {"story_id": story_id, "words": " ".join(words)})

    def _fts_match(self, text_: str) -> sa.Select[Any] | None:
        match = ts_query(text_)
        if match is None:
            return None
        query = sa.func.to_tsquery(_SIMPLE, match)
        return sa.select(story_fts.c.story_id).where(story_fts.c.document.op("@@")(query))
