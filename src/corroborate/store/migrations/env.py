"""Alembic environment of the store.

Alembic's commands run on a store's connection, ``config.attributes["connection"]``: the
command line (``python -m corroborate.store.migrations -x url=DB ...``, see
``store/migrate.py``) opens the store and passes its connection in.
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


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise SystemExit("this command needs the database: add -x url=PATH_OR_URL")
    run(connection)


main()
