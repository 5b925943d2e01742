"""PostgreSQL-only store behaviour: URLs, connection errors, an aborted transaction, and
a server restarted in the middle of a run (for real: ``pg_ctlcluster ... restart``).
Upgrades of stores written before Alembic: test_upgrade.py."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from corroborate.clean.dedup import Deduplicator
from corroborate.errors import StoreError
from corroborate.store import PostgresStore, migrate, open_store
from corroborate.store.postgres import ConnectionLost, ts_query
from tests.store.helpers_store import make_article

psycopg = pytest.importorskip("psycopg")

RESTART_ENV = "CORROBORATE_TEST_PG_RESTART"


@pytest.fixture
def pg(pg_url: str) -> Iterator[PostgresStore]:
    s = open_store(pg_url)
    assert isinstance(s, PostgresStore)
    yield s
    s.close()


def _restart_command(url: str) -> list[str] | None:
    """``$CORROBORATE_TEST_PG_RESTART``, else ``pg_ctlcluster VER NAME restart`` for the
    local Debian cluster on the URL's port (needs root)."""
    if os.environ.get(RESTART_ENV):
        return shlex.split(os.environ[RESTART_ENV])
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1") or os.geteuid() != 0:
        return None
    if not shutil.which("pg_lsclusters") or not shutil.which("pg_ctlcluster"):
        return None
    listing = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=False)
    for line in listing.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[2] == str(parts.port or 5432) and fields[3] == "online":
            return ["pg_ctlcluster", fields[0], fields[1], "restart"]
    return None


@pytest.fixture
def restart(pg_server: str) -> Iterator[object]:
    command = _restart_command(pg_server)
    if command is None:
        message = (
            f"cannot restart the PostgreSQL test server: set {RESTART_ENV} to a command "
            "that restarts it (or run as root beside a local Debian cluster)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

    def run() -> None:
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    yield run


def _batch(start: int, n: int) -> list:  # type: ignore[type-arg]
    return [
        make_article(i, text=f"Story {i}: " + " ".join(f"w{i}x{k}" for k in range(40)))
        for i in range(start, start + n)
    ]


# ------------------------------------------------------------------ opening


def test_open_store_postgres_urls(pg_url: str) -> None:
    with open_store(pg_url) as s:
        assert isinstance(s, PostgresStore)
        assert s.url == "postgresql://corroborate@127.0.0.1:5432/corroborate_test" or (
            "@" in s.url and ":corroborate@" not in s.url
        )  # never the password
        assert migrate.current(s.sa_connection) == migrate.head()
    with open_store(pg_url.replace("postgresql://", "postgres://", 1)) as s:
        assert isinstance(s, PostgresStore) and s.count_articles() == 0


def test_unreachable_server_is_a_clear_store_error() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://someone:hunter2@127.0.0.1:1/nodb?connect_timeout=3")
    message = str(info.value)
    assert "cannot connect to PostgreSQL" in message
    assert "127.0.0.1:1" in message and "server is running" in message
    assert "hunter2" not in message


def test_wrong_password_is_a_clear_store_error(pg_server: str) -> None:
    parts = urlsplit(pg_server)
    bad = parts._replace(netloc=f"corroborate:wrong-pw@{parts.hostname}:{parts.port or 5432}")
    with pytest.raises(StoreError, match="password") as info:
        open_store(bad.geturl())
    assert "wrong-pw" not in str(info.value)


def test_schema_and_search_index(pg: PostgresStore) -> None:
    conn = pg.connection
    indexes = {r[0]: r[1] for r in conn.execute("SELECT indexname, indexdef FROM pg_indexes")}
    assert "gin" in indexes["story_fts_document"].lower()
    kinds = dict(
        conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'articles' AND table_schema = current_schema()"
        ).fetchall()
    )
    assert kinds["minhash"] == "bytea"


def test_failed_statement_inside_a_transaction(pg: PostgresStore) -> None:
    pg.add_article(make_article(1))
    with pg.transaction():
        pg.add_article(make_article(2))
        with pytest.raises(StoreError, match="NUL"):  # PostgreSQL text cannot hold NUL
            pg.add_article(make_article(3, text="NUL \x00 bytes are refused by PostgreSQL"))
    assert [a.id for a in pg.articles()] == ["a1", "a2"]  # add_article is a savepoint
    # a statement that fails outside a savepoint aborts the transaction: COMMIT says so
    with pytest.raises(StoreError, match="rolled back"), pg.transaction():
        pg.add_article(make_article(4))
        with pytest.raises(StoreError, match="division by zero"):
            pg._exec("SELECT 1/0")
    assert pg.count_articles() == 2 and pg.get_article("a4") is None


def test_ts_query_is_safe() -> None:
    assert ts_query("Navalny's   Alexéi") == "'navalny' & 's' & 'alexei':*"
    assert ts_query("'); DROP TABLE x; --") == "'drop' & 'table' & 'x':*"
    assert ts_query("*:& | !") is None


# ------------------------------------------------------------------ server restarts


@pytest.mark.slow
def test_restart_between_operations_reconnects_once(pg: PostgresStore, restart) -> None:  # type: ignore[no-untyped-def]
    pg.add_articles(_batch(0, 1203))
    it = pg.articles()
    first = [next(it) for _ in range(600)]  # past the first server-side page
    restart()
    assert pg.count_articles() == 1203  # retried once on a fresh connection
    assert pg.reconnects == 1
    rest = list(it)  # the iteration goes on after the restart
    assert [a.id for a in first + rest] == [f"a{i}" for i in range(1203)]
    restart()
    assert pg.add_article(make_article(5000)).status == "added"  # writes retry too
    assert pg.get_article("a5000") is not None and pg.reconnects == 2


@pytest.mark.slow
def test_restart_mid_batch_fails_that_batch_cleanly(pg_url: str, restart) -> None:  # type: ignore[no-untyped-def]
    store = open_store(pg_url)
    dedup = Deduplicator.from_store(store)
    batches = [_batch(0, 20), _batch(20, 20), _batch(40, 20)]
    outcomes = []
    for n, batch in enumerate(batches):  # a runner's loop: one transaction per batch
        try:
            with store.transaction():
                store.add_articles(batch[:10], dedup)
                if n == 1:
                    restart()  # the server goes away in the middle of batch 2
                store.add_articles(batch[10:], dedup)
                store.put_state("progress", n)
            outcomes.append("committed")
        except StoreError as exc:
            assert isinstance(exc, ConnectionLost)
            assert "nothing of it was committed" in str(exc)
            outcomes.append("failed")
    assert outcomes == ["committed", "failed", "committed"]
    ids = {a.id for a in store.articles()}
    assert ids == {f"a{i}" for i in [*range(0, 20), *range(40, 60)]}
    assert not any(f"a{i}" in dedup for i in range(20, 40))  # index agrees with the table
    assert store.get_state("progress") == 2
    store.close()
    with open_store(pg_url) as again:  # nothing committed was lost
        assert again.count_articles() == 40
        assert again.add_articles(batches[1], Deduplicator.from_store(again))[0].status == "added"
        assert again.count_articles() == 60
