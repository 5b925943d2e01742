"""Stores written by the release before Alembic upgrade in place, on every backend.

``tests/fixtures/store/legacy_v4.*.sql`` were dumped from stores that release wrote
(``make_legacy.py`` says how); each test restores one, opens it with the current store
and checks that every row is still there and readable, and that the schema it ends with
is the one a new store gets (``schema.py``, compared by Alembic's autogenerate).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from corroborate.clean.dedup import Deduplicator
from corroborate.errors import StoreError
from corroborate.store import migrate, open_store
from corroborate.store.schema import metadata
from corroborate.store.search import StoryQuery
from corroborate.store.sql import SQLStore
from corroborate.types import Analysis, Article, Rejection

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "store"

#: Every table of the legacy schema, with an order that makes its rows comparable.
TABLES = {
    "articles": "id",
    "article_sources": "seq",
    "rejections": "seq",
    "analyses": "article_id",
    "stories": "seq",
    "meta": "key",
    "story_facets": "story_id",
    "story_outlets": "story_id, outlet",
    "story_articles": "story_id, article_id",
    "story_entities": "entity_id, story_id",
    "story_fts": "story_id",
}


def _pg_schema(url: str) -> str:
    options = parse_qs(urlsplit(url).query)["options"][0]
    return options.split("search_path=", 1)[1].split()[0]


@contextmanager
def _raw(backend: str, url: str) -> Iterator[Any]:
    """A driver connection to the store (autocommit)."""
    if backend == "sqlite":
        conn = sqlite3.connect(url, isolation_level=None)
    else:
        import psycopg

        conn = psycopg.connect(url, autocommit=True)
    try:
        yield conn
    finally:
        conn.close()


def _restore(backend: str, url: str) -> None:
    dump = (FIXTURES / f"legacy_v4.{backend}.sql").read_text(encoding="utf-8")
    with _raw(backend, url) as conn:
        if backend == "sqlite":
            conn.executescript(dump)
        else:
            conn.execute(dump.replace("__SCHEMA__", _pg_schema(url)).encode())


def _rows(backend: str, url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every legacy table (``story_fts``: its ids and words)."""
    out = {}
    with _raw(backend, url) as conn:
        for table, order in TABLES.items():
            columns = "*"
            if table == "articles" and backend == "sqlite":
                columns = "rowid, *"
            if table == "story_fts" and backend == "postgres":
                columns = "story_id, document::text"
            rows = conn.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()
            out[table] = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows
            ]
    return out


def _tables(backend: str, url: str) -> set[str]:
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        if backend == "sqlite"
        else "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    )
    with _raw(backend, url) as conn:
        return {r[0] for r in conn.execute(query).fetchall()}


def _schema_diff(store: SQLStore) -> list[Any]:
    """What autogenerate would change to make the store's schema that of ``schema.py``.

    Left out: SQLite lets a TEXT PRIMARY KEY column hold NULL unless it says NOT NULL,
    which the legacy DDL did not and ``schema.py`` does; the store never writes NULL keys.
    """
    conn = store.sa_connection
    context = MigrationContext.configure(
        conn, opts={"include_name": migrate.include_name, "compare_type": True}
    )
    diff = []
    for change in compare_metadata(context, metadata):
        steps = change if isinstance(change, list) else [change]
        quirk = [
            s
            for s in steps
            if conn.dialect.name == "sqlite"
            and s[0] == "modify_nullable"
            and metadata.tables[s[2]].c[s[3]].primary_key
        ]
        if quirk != steps:
            diff.append(change)
    return diff


@pytest.fixture
def legacy_url(backend: str, store_url: str) -> str:
    """A store the release before Alembic wrote, restored from its dump."""
    _restore(backend, store_url)
    return store_url


def test_legacy_store_upgrades_in_place_keeping_every_row(backend: str, legacy_url: str) -> None:
    before = _rows(backend, legacy_url)
    assert len(before["articles"]) == 4 and len(before["story_fts"]) == 3  # the dump is whole
    assert "schema_version" in _tables(backend, legacy_url)
    with open_store(legacy_url) as store:
        assert isinstance(store, SQLStore)
        assert migrate.current(store.sa_connection) == migrate.head()
        assert _schema_diff(store) == []  # what a new store gets
    assert _rows(backend, legacy_url) == before
    tables = _tables(backend, legacy_url)
    assert "alembic_version" in tables and "schema_version" not in tables
    with open_store(legacy_url) as store:  # a second opening changes nothing
        assert migrate.current(store.sa_connection) == migrate.head()
    assert _rows(backend, legacy_url) == before


def test_upgraded_store_reads_and_writes_as_before(legacy_url: str) -> None:
    with open_store(legacy_url) as store:
        assert [a.id for a in store.articles()] == ["L1", "L3", "L4", "L6"]
        merged = store.get_article("L5")  # an exact duplicate merged into L1
        assert merged is not None and merged.id == "L1"
        assert set(merged.duplicate_ids) == {"L2", "L5"} and len(merged.sources) == 3
        assert merged.captions == ("Teodor Vanek at the terminal.", "The idle ferry.")
        french = store.get_article("L3")
        assert french is not None and french.author == "Élise Marchand"
        assert store.rejections() == [
            Rejection("/legacy/in/empty.txt", "empty file"),
            Rejection("/legacy/in/bad.bin", "binary file; export it as text"),
        ]
        assert store.get_analysis("L1") == Analysis("L1", sentences=((0, 120), (121, 260)))
        assert store.analysis_notes() == {
            "L3": ("not analysed: 'fr'",),
            "L6": ("publication date inferred",),
        }
        assert [a.id for a in store.articles_without_analysis()] == ["L4"]
        assert store.get_state("entity_registry") == ["E1"]
        assert [s["id"] for s in store.search_stories(StoryQuery(text="ferry"))[0]] == ["S1"]
        assert [s["id"] for s in store.search_stories(StoryQuery(text="mairie"))[0]] == ["S2"]
        assert store.entity_story_ids("E1") == ["S1"] and store.article_story_ids("L5") == ["S1"]
        # the stored signatures still find near-duplicates; L6 (none stored) gets one
        dedup = Deduplicator.from_store(store)
        assert "L1" in dedup and "L6" in dedup
        copy = store.get_article("L1")
        assert copy is not None
        again = store.add_article(Article(id="L9", path="/new.txt", text=copy.text), dedup)
        assert (again.status, again.duplicate_of) == ("merged", "L1")
        store.put_stories([{"id": "S4", "title": "Ferry back", "article_ids": ["L1"]}])
        assert {s["id"] for s in store.search_stories(StoryQuery(text="ferry"))[0]} == {"S1", "S4"}


def test_head_is_the_newest_script() -> None:
    assert migrate.head() == migrate.HEAD  # set HEAD when you add a revision


def test_new_store_matches_the_tables_and_is_at_head(store: SQLStore) -> None:
    assert migrate.current(store.sa_connection) == migrate.head()
    assert _schema_diff(store) == []


# A revision after the baseline, as a developer would add one: a column and its values.
REVIEW_REVISION = '''"""Test revision: articles.review, filled from the title."""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "HEAD"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("review", sa.Text()))
    op.execute("UPDATE articles SET review = 'reviewed: ' || title")


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("review")
'''


@pytest.fixture
def review_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The store's scripts plus :data:`REVIEW_REVISION`, as the head."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.SCRIPTS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    revision = REVIEW_REVISION.replace('"HEAD"', f'"{migrate.HEAD}"')  # after the newest
    (scripts / "versions" / "r9001_review.py").write_text(revision, encoding="utf-8")
    monkeypatch.setattr(migrate, "SCRIPTS", scripts)
    monkeypatch.setattr(migrate, "HEAD", "9001")
    migrate._scripts.cache_clear()
    yield
    migrate._scripts.cache_clear()


@pytest.mark.usefixtures("review_revision")
def test_a_new_revision_upgrades_stores_in_place(backend: str, legacy_url: str) -> None:
    before = _rows(backend, legacy_url)
    with open_store(legacy_url) as store:
        assert isinstance(store, SQLStore)
        assert migrate.head() == "9001" == migrate.current(store.sa_connection)
        assert store.count_articles() == 4  # the store works on the new schema
    after = _rows(backend, legacy_url)
    assert {t: rows for t, rows in after.items() if t != "articles"} == {
        t: rows for t, rows in before.items() if t != "articles"
    }
    assert [r[:-1] for r in after["articles"]] == before["articles"]  # review is last
    titles = [r[6] for r in before["articles"]]  # rowid / seq, id, ... path, url, outlet, title
    assert [r[-1] for r in after["articles"]] == [f"reviewed: {t}" for t in titles]


@pytest.mark.parametrize(
    ("legacy", "change", "message"),
    [
        (False, "UPDATE alembic_version SET version_num = 'ffff'", "newer than this Corroborate"),
        (True, "DELETE FROM schema_version WHERE version > 2", "early development version"),
        (True, "INSERT INTO schema_version VALUES (5, 'future')", "newer than this Corroborate"),
    ],
)
def test_unknown_versions_are_refused(
    backend: str, store_url: str, legacy: bool, change: str, message: str
) -> None:
    if legacy:
        _restore(backend, store_url)
    else:
        open_store(store_url).close()
    with _raw(backend, store_url) as conn:
        conn.execute(change)
    with pytest.raises(StoreError, match=message):
        open_store(store_url)


def test_processes_opening_a_new_store_at_once_migrate_it_once(store_url: str) -> None:
    def first_open(_: int) -> str | None:
        with open_store(store_url) as store:
            assert isinstance(store, SQLStore)
            store.add_article(Article(id=f"c{_}", path=f"/c{_}.txt", text=f"Text {_}."))
            return migrate.current(store.sa_connection)

    with ThreadPoolExecutor(4) as pool:  # one connection each, as separate processes have
        revisions = list(pool.map(first_open, range(4)))
    assert revisions == [migrate.head()] * 4
    with open_store(store_url) as store:
        assert store.count_articles() == 4
