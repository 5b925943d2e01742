from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.store.helpers_store import make_article

from corroborate.clean.dedup import Deduplicator
from corroborate.errors import StoreError
from corroborate.store import SQLiteStore, open_store
from corroborate.store.migrations import LATEST
from corroborate.store.sqlite import migrate, schema_version
from corroborate.types import Analysis, Rejection, SourceRef

SYNDICATED = (
    "The harbour authority in Velmora said on Monday that all container traffic would be "
    "suspended for three days while engineers inspect the northern breakwater, which was "
    "damaged in last week's storm. Port director Mara Ilves told reporters that about 40 "
    "ships had been diverted to the southern terminal and that the union of dock workers "
    "had agreed to extra shifts. Insurers estimate the storm damage at over 12 million "
    "euros, and the city council will hold an emergency session on Thursday to approve "
    "repair funds. Shipping companies warned that delays could last until the end of "
    "the month if the inspection finds further cracks in the concrete."
)


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "c.db")
    yield s  # type: ignore[misc]
    s.close()


def test_add_get_and_round_trip(store: SQLiteStore) -> None:
    a = make_article(1)
    assert store.add_article(a).status == "added"
    got = store.get_article("a1")
    assert got is not None
    assert got.text == a.text and got.cleaning == a.cleaning and got.title == a.title
    assert got.sources == (SourceRef(a.path, a.url, a.outlet, a.id),)
    assert store.count_articles() == 1
    assert store.get_article("nope") is None


def test_readd_is_idempotent(store: SQLiteStore) -> None:
    a = make_article(1)
    store.add_article(a)
    again = store.add_article(a)
    assert (again.status, again.duplicate_of) == ("unchanged", "a1")
    assert store.count_articles() == 1
    assert len(store.get_article("a1").sources) == 1  # type: ignore[union-attr]


def test_same_content_other_id_is_merged_and_remembers_source(store: SQLiteStore) -> None:
    a = make_article(1)
    b = make_article(2, text=a.text, content_hash=a.content_hash, outlet="Other Post")
    store.add_article(a)
    res = store.add_article(b)
    assert (res.status, res.duplicate_of, res.similarity) == ("merged", "a1", 1.0)
    got = store.get_article("a1")
    assert got is not None and got.duplicate_ids == ("a2",)
    assert [s.path for s in got.sources] == [a.path, b.path]
    assert got.sources[1] == SourceRef(b.path, b.url, "Other Post", "a2")
    assert store.get_article("a2") == got  # found by the duplicate's id
    assert store.add_article(b).status == "unchanged"  # merging is idempotent too
    assert store.count_articles() == 1


def test_same_id_from_new_path_records_the_path(store: SQLiteStore) -> None:
    a = make_article(1)
    store.add_article(a)
    res = store.add_article(make_article(1, path="/elsewhere/copy.jsonl:3"))
    assert (res.status, res.duplicate_of) == ("merged", "a1")
    got = store.get_article("a1")
    assert got is not None and got.duplicate_ids == ()
    assert store.has_source("/elsewhere/copy.jsonl:3") and store.has_source(a.path)
    assert not store.has_source("/never/seen")


def test_near_duplicate_merge_keeps_both_sources(store: SQLiteStore) -> None:
    dedup = Deduplicator()
    original = make_article(1, text=SYNDICATED)
    copy_text = (
        "By Staff Reporter | Updated 2 hours ago\n"
        + SYNDICATED.replace("Monday", "Tuesday").replace("extra", "additional")
        + "\nRead more: subscribe to our newsletter."
    )
    copy = make_article(2, text=copy_text, outlet="Coast Daily", title="Velmora port shut")
    other = make_article(3)
    results = store.add_articles([original, copy, other], dedup)
    assert [r.status for r in results] == ["added", "merged", "added"]
    assert results[1].duplicate_of == "a1" and 0.5 <= (results[1].similarity or 0) < 1
    got = store.get_article("a1")
    assert got is not None and got.duplicate_ids == ("a2",)
    assert {s.outlet for s in got.sources} == {"Example Gazette", "Coast Daily"}
    assert store.count_articles() == 2


def test_dedup_across_runs_uses_stored_signatures(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with open_store(db) as s:
        s.add_articles([make_article(1, text=SYNDICATED)], Deduplicator())
    with open_store(db) as s:
        dedup = Deduplicator.from_store(s)
        assert "a1" in dedup and len(dedup) == 1
        res = s.add_article(make_article(9, text=SYNDICATED + " Updated."), dedup)
        assert (res.status, res.duplicate_of) == ("merged", "a1")


def test_stale_or_missing_signatures_are_recomputed(store: SQLiteStore) -> None:
    store.add_article(make_article(1, text=SYNDICATED))  # no dedup: no signature stored
    dedup = Deduplicator()
    assert store.prime(dedup) == 1 and "a1" in dedup
    other = Deduplicator(num_perm=64)  # another scheme: recomputed for it
    assert store.prime(other) == 1 and "a1" in other


def test_failed_batch_rolls_back_store_and_index(store: SQLiteStore) -> None:
    dedup = Deduplicator()
    with pytest.raises(RuntimeError), store.transaction():
        store.add_articles([make_article(1, text=SYNDICATED)], dedup)
        raise RuntimeError("crash in the middle")
    assert store.count_articles() == 0 and "a1" not in dedup


def test_nested_transaction_is_a_savepoint(store: SQLiteStore) -> None:
    with store.transaction():
        store.add_article(make_article(1))
        with pytest.raises(ValueError), store.transaction():
            store.add_article(make_article(2))
            raise ValueError
    assert [a.id for a in store.articles()] == ["a1"]


def test_streaming_iteration_in_chunks(store: SQLiteStore) -> None:
    store.add_articles([make_article(i) for i in range(1203)])
    it = store.articles()
    first = next(it)
    assert first.id == "a0"
    store.add_article(make_article(5000))  # writing while iterating is fine
    ids = [first.id] + [a.id for a in it]
    assert ids[:3] == ["a0", "a1", "a2"] and len(ids) == 1204 and ids[-1] == "a5000"


def test_rejections_stored_once_and_cleared_on_success(store: SQLiteStore) -> None:
    store.add_rejection(Rejection("/in/file7.txt", "empty file"))
    store.add_rejection(Rejection("/in/file7.txt", "empty file"))
    store.add_rejection(Rejection("/in/bad.bin", "binary file; export it as text"))
    assert store.rejections() == [
        Rejection("/in/file7.txt", "empty file"),
        Rejection("/in/bad.bin", "binary file; export it as text"),
    ]
    store.add_article(make_article(7))  # the fixed file now ingests
    assert store.rejections() == [Rejection("/in/bad.bin", "binary file; export it as text")]


def test_analyses(store: SQLiteStore) -> None:
    store.add_article(make_article(1))
    store.add_article(make_article(2))
    analysis = Analysis("a1", sentences=((0, 10),), notes=("x",))
    store.put_analysis("a1", analysis)
    assert store.get_analysis("a1") == analysis
    store.put_analysis("a1", Analysis("a1"))
    assert store.get_analysis("a1") == Analysis("a1")
    assert store.get_analysis("a2") is None
    assert [a.id for a in store.articles_without_analysis()] == ["a2"]
    assert list(store.analyses()) == [("a1", Analysis("a1"))]
    with pytest.raises(StoreError, match="add the article first"):
        store.put_analysis("ghost", Analysis("ghost"))


def test_stories(store: SQLiteStore) -> None:
    store.put_stories([{"id": "s1", "title": "Port"}, {"id": "s2", "article_ids": ["a1"]}])
    store.put_stories([{"id": "s1", "title": "Port closed"}])
    assert store.stories() == [
        {"id": "s1", "title": "Port closed"},
        {"id": "s2", "article_ids": ["a1"]},
    ]
    assert store.get_story("s2") == {"id": "s2", "article_ids": ["a1"]}
    store.put_stories([{"id": "s3"}], replace=True)
    assert store.stories() == [{"id": "s3"}] and store.get_story("s1") is None
    with pytest.raises(StoreError, match="string 'id'"):
        store.put_stories([{"title": "no id"}])


def test_open_store_urls(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/u.db") as s:
        assert isinstance(s, SQLiteStore) and s.path == f"{tmp_path}/u.db"
    with open_store(":memory:") as s:
        s.add_article(make_article(1))
        assert s.count_articles() == 1
    with pytest.raises(StoreError, match="postgres"):
        open_store("postgresql://user@host/db")
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
    assert schema_version(conn) == LATEST


def test_v1_database_is_migrated_forward(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO articles (id, content_hash, path, text, created_at) "
        "VALUES ('old1', 'h1', '/old.txt', 'An article stored by version one.', 'then')"
    )
    conn.execute(
        "INSERT INTO article_sources (article_id, path, source_id) "
        "VALUES ('old1', '/old.txt', 'old1')"
    )
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='analyses'").fetchone() is None
    conn.close()
    with open_store(db) as s:
        assert schema_version(s.connection) == LATEST  # type: ignore[attr-defined]
        old = s.get_article("old1")
        assert old is not None and old.text == "An article stored by version one."
        s.put_analysis("old1", Analysis("old1"))
        assert s.get_analysis("old1") == Analysis("old1")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    SQLiteStore(db).close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("INSERT INTO schema_version VALUES (?, 'future')", (LATEST + 1,))
    conn.close()
    with pytest.raises(StoreError, match="upgrade Corroborate"):
        open_store(db)
