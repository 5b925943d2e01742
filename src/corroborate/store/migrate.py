"""Schema migrations with Alembic, run on the store's connection when it is opened.

The scripts ship inside the package (``store/migrations``: ``env.py`` and ``versions/``),
so an installed wheel migrates without an ``alembic.ini``. Opening a store, inside one
transaction (and, on PostgreSQL, an advisory lock):

* at the head revision: nothing to do (one query);
* empty: the tables of ``schema.py`` and the dialect's own (full-text search) are
  created and stamped at the head;
* written by the release before Alembic (a ``schema_version`` table at version 4): stamped
  at the baseline revision, ``schema_version`` dropped, then upgraded;
* at an older revision: upgraded to the head;
* at a revision this code does not know (a newer release wrote it): refused.

For developers (see docs/store.md)::

    python -m corroborate.store.migrations revision -m "add reviews" --rev-id 0002
    python -m corroborate.store.migrations -x url=dev.db revision --autogenerate -m "..."
    python -m corroborate.store.migrations history
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, inspect, text

from corroborate.errors import StoreError
from corroborate.store.schema import FTS_TABLE, metadata

if TYPE_CHECKING:  # Alembic is imported only when a database is not at HEAD
    from alembic.config import Config
    from alembic.script import ScriptDirectory

__all__ = [
    "BASELINE",
    "HEAD",
    "LEGACY_VERSION",
    "config",
    "current",
    "head",
    "include_name",
    "main",
    "upgrade",
]

SCRIPTS = Path(__file__).with_name("migrations")
#: The revision of the schema the release before Alembic wrote.
BASELINE = "0001"
#: That release's ``schema_version``.
LEGACY_VERSION = 4
#: The newest revision in ``migrations/versions`` (a test checks it against Alembic's
#: view of the scripts). Opening a store at this revision needs no Alembic at all.
HEAD = "0002"


# PostgreSQL keeps the insertion order of articles in a column the shared tables lack
# (``postgres.py`` adds it, UNIQUE, to a new store).
_DIALECT_COLUMNS = {("articles", "seq")}
_DIALECT_CONSTRAINTS = {"articles_seq_key"}


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """What autogenerate compares: not the dialects' full-text tables (nor SQLite's
    FTS5 shadow tables), not PostgreSQL's ``articles.seq``."""
    if type_ == "table":
        return name is not None and not name.startswith(FTS_TABLE)
    if type_ == "column":
        return (parent_names.get("table_name"), name) not in _DIALECT_COLUMNS
    return name not in _DIALECT_CONSTRAINTS


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code; ``connection`` is what ``env.py`` migrates."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest revision of the scripts, as Alembic reads them."""
    revision = _scripts().get_current_head()
    assert revision is not None, "no migration scripts"
    return revision


def current(conn: Connection) -> str | None:
    """The revision of the database on ``conn`` (None: not under Alembic yet)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def upgrade(
    conn: Connection, name: str, create_dialect_tables: Callable[[Connection], None]
) -> None:
    """Bring the database on ``conn`` (inside a transaction) to the head revision."""
    from alembic import command
    from alembic.util import CommandError

    revision = current(conn)
    if revision == head():
        return
    if revision is None:
        if not inspect(conn).has_table("schema_version"):
            metadata.create_all(conn)
            create_dialect_tables(conn)
            command.stamp(config(conn), "head")
            return
        _adopt_legacy(conn, name)
    else:
        try:
            _scripts().get_revision(revision)
        except CommandError:
            raise StoreError(
                f"{name}: the database is at schema revision {revision}, newer than this "
                f"Corroborate knows ({head()}); upgrade Corroborate to open it"
            ) from None
    command.upgrade(config(conn), "head")


def _adopt_legacy(conn: Connection, name: str) -> None:
    """Put a store of the release before Alembic under Alembic, at the baseline."""
    from alembic import command

    version = int(conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar() or 0)
    if version > LEGACY_VERSION:
        raise StoreError(
            f"{name}: database schema version {version} is newer than this Corroborate "
            "knows; upgrade Corroborate to open it"
        )
    if version < LEGACY_VERSION:
        raise StoreError(
            f"{name}: the database was written by an early development version (schema "
            f"version {version}); open it once with the last release before the Alembic "
            f"migrations, which brings it to version {LEGACY_VERSION}, then with this one"
        )
    command.stamp(config(conn), BASELINE)
    conn.execute(text("DROP TABLE schema_version"))


def main(argv: Sequence[str] | None = None) -> None:
    """Alembic's command line on the store's scripts, without an ``alembic.ini``.

    ``-x url=DB`` (what ``--db`` takes) opens that store first, which brings it to the head,
    and runs the command on its connection, in one transaction.
    """
    from alembic.config import CommandLine

    cli = CommandLine(prog="python -m corroborate.store.migrations")
    options = cli.parser.parse_args(argv)
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    cfg = config()
    cfg.cmd_opts = options
    url = dict(x.split("=", 1) for x in options.x or [] if "=" in x).get("url")
    if not url:
        cli.run_cmd(cfg, options)
        return
    from corroborate.store import open_store
    from corroborate.store.sql import SQLStore

    with open_store(url) as store:
        assert isinstance(store, SQLStore)
        with store.transaction():
            cfg.attributes["connection"] = store.sa_connection
            cli.run_cmd(cfg, options)
