"""Alembic environment of the store.

Opening a store runs the migrations on the store's own connection
(``config.attributes["connection"]``, see ``store/migrate.py``). From the command line
(``python -m corroborate.store.migrate ...``) the database comes from ``-x url=...``: a
store path or URL as ``open_store`` takes it.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from corroborate.store.migrate import include_name
from corroborate.store.schema import metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_name=include_name,
        # SQLite alters most things by copying the table: Alembic's batch mode does that.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("give the database: -x url=PATH_OR_URL (as `--db` takes it)")
    return str(url)


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    from corroborate.store import open_store
    from corroborate.store.sql import SQLStore

    # Opening a store brings it to the head first, which is what autogenerate compares.
    store = open_store(_url())
    assert isinstance(store, SQLStore)
    try:
        with store.transaction():
            run(store.sa_connection)
    finally:
        store.close()


main()
