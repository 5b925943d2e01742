"""store stage: where articles, rejections, analyses and stories persist.

``open_store(url_or_path)`` gives a :class:`Store`: SQLite (the default) for a file path,
PostgreSQL for a ``postgresql://`` URL (needs the ``postgres`` extra: psycopg 3). Both are
one implementation on SQLAlchemy Core (``sql.py``, ``search.py``, tables in ``schema.py``)
with what each database does differently in ``sqlite.py`` and ``postgres.py``; Alembic
migrates the schema on opening (``migrate.py``, ``migrations/``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from corroborate.errors import StoreError
from corroborate.store.base import (
    AddResult,
    AddStatus,
    Decision,
    NearDuplicateIndex,
    Review,
    Store,
)
from corroborate.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from corroborate.store.postgres import PostgresStore

__all__ = [
    "AddResult",
    "AddStatus",
    "Decision",
    "NearDuplicateIndex",
    "PostgresStore",
    "Review",
    "SQLiteStore",
    "Store",
    "StoreError",
    "open_store",
]

POSTGRES_SCHEMES = ("postgresql", "postgres")


def __getattr__(name: str) -> Any:
    # PostgresStore is imported on first use, so SQLite users need no psycopg.
    if name == "PostgresStore":
        return _postgres_store()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _postgres_store() -> type[PostgresStore]:
    try:
        from corroborate.store.postgres import PostgresStore
    except ImportError as exc:
        raise StoreError(
            f"the PostgreSQL store needs psycopg 3 ({exc}); install the 'postgres' extra: "
            "pip install 'corroborate[postgres]' (or 'psycopg[binary]')"
        ) from exc
    return PostgresStore


def open_store(url_or_path: str | Path) -> Store:
    """Open (creating and migrating as needed) the store at ``url_or_path``.

    Accepts a plain file path, ``:memory:``, ``sqlite:///relative.db`` /
    ``sqlite:////absolute.db`` (SQLAlchemy style), or a libpq URL
    ``postgresql://user:password@host:5432/dbname`` (also ``postgres://``).
    """
    target = str(url_or_path)
    scheme, sep, rest = target.partition("://")
    if not sep:
        return SQLiteStore(target)
    scheme = scheme.lower()
    if scheme == "sqlite":
        path = rest[1:] if rest.startswith("/") else rest
        if not path:
            raise StoreError(
                f"{target}: no database path; write sqlite:///file.db or sqlite:////abs/file.db"
            )
        return SQLiteStore(path)
    if scheme in POSTGRES_SCHEMES:
        return _postgres_store()(target)
    raise StoreError(
        f"{target}: unknown store scheme {scheme!r}; give a SQLite file path, sqlite:///FILE "
        "or postgresql://USER@HOST/DB"
    )
