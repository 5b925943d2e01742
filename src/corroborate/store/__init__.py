"""store stage: where articles, rejections, analyses and stories persist.

``open_store(url_or_path)`` gives a :class:`Store`; SQLite is the default backend.
"""

from __future__ import annotations

from pathlib import Path

from corroborate.errors import StoreError
from corroborate.store.base import AddResult, AddStatus, NearDuplicateIndex, Store
from corroborate.store.sqlite import SQLiteStore

__all__ = [
    "AddResult",
    "AddStatus",
    "NearDuplicateIndex",
    "SQLiteStore",
    "Store",
    "StoreError",
    "open_store",
]


def open_store(url_or_path: str | Path) -> Store:
    """Open (creating and migrating as needed) the store at ``url_or_path``.

    Accepts a plain file path, ``:memory:``, or ``sqlite:///relative.db`` /
    ``sqlite:////absolute.db`` (SQLAlchemy style). ``postgresql://`` is not available yet.
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
    if scheme.startswith("postgres"):
        raise StoreError(
            f"{target}: PostgreSQL support arrives with the 'postgres' extra and is not "
            "available in this version; use a SQLite file path for now"
        )
    raise StoreError(
        f"{target}: unknown store scheme {scheme!r}; give a SQLite file path or sqlite:///FILE"
    )
