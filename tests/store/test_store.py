"""The Store contract, run against every backend (``store``/``store_url`` fixtures in
``tests/store/conftest.py``: SQLite, and PostgreSQL when a test server is reachable)."""

from __future__ import annotations

import pytest

from corroborate.clean.dedup import Deduplicator
from corroborate.errors import StoreError
from corroborate.store import Store, open_store
from corroborate.types import Analysis, Rejection, SourceRef
from tests.store.helpers_store import SYNDICATED, make_article


def test_add_get_and_round_trip(store: Store) -> None:
    a = make_article(1)
    assert store.add_article(a).status == "added"
    got = store.get_article("a1")
    assert got is not None
    assert got.text == a.text and got.cleaning == a.cleaning and got.title == a.title
    assert got.sources == (SourceRef(a.path, a.url, a.outlet, a.id),)
    assert store.count_articles() == 1
    assert store.get_article("nope") is None


def test_readd_is_idempotent(store: Store) -> None:
    a = make_article(1)
    store.add_article(a)
    again = store.add_article(a)
    assert (again.status, again.duplicate_of) == ("unchanged", "a1")
    assert store.count_articles() == 1
    assert len(store.get_article("a1").sources) == 1  # type: ignore[union-attr]


def test_same_content_other_id_is_merged_and_remembers_source(store: Store) -> None:
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


def test_same_id_from_new_path_records_the_path(store: Store) -> None:
    a = make_article(1)
    store.add_article(a)
    res = store.add_article(make_article(1, path="/elsewhere/copy.jsonl:3"))
    assert (res.status, res.duplicate_of) == ("merged", "a1")
    got = store.get_article("a1")
    assert got is not None and got.duplicate_ids == ()
    assert store.has_source("/elsewhere/copy.jsonl:3") and store.has_source(a.path)
    assert not store.has_source("/never/seen")


def test_near_duplicate_merge_keeps_both_sources(store: Store) -> None:
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


#: An invented registration wall: pages about different events share it as their body.
_WALL = (
    "Almost done. We have emailed you a link to confirm your account. Open the message and "
    "follow the link to finish signing up. If nothing arrives within ten minutes, look in "
    "your spam folder or ask us to send the message again. Close this window to go back."
)


def test_registration_wall_pages_with_different_titles_stay_apart(store: Store) -> None:
    dedup = Deduplicator()
    crash, fire = "Two hurt in Velmora crash", "Harbour fire closes Velmora quay"
    first = make_article(1, text=f"{crash}\n\n{_WALL}", title=crash)
    second = make_article(2, text=f"{fire}\n\n{_WALL}", title=fire)
    same = make_article(3, text=f"{crash}\n\n{_WALL} Thanks.", title=crash)
    results = store.add_articles([first, second, same], dedup)
    assert [r.status for r in results] == ["added", "added", "merged"]
    assert results[2].duplicate_of == "a1"  # the same page again (same title) still merges
    assert store.count_articles() == 2


def test_an_identical_wall_under_different_titles_is_no_exact_copy(store: Store) -> None:
    crash, fire = "Two hurt in Velmora crash", "Harbour fire closes Velmora quay"
    wall = {"text": _WALL, "content_hash": "hash-wall"}  # the same text, byte for byte
    first = make_article(1, title=crash, **wall)
    second = make_article(2, title=fire, **wall)
    again = make_article(3, title=fire, **wall)  # the second page once more
    results = store.add_articles([first, second, again], Deduplicator())
    assert [r.status for r in results] == ["added", "added", "merged"]
    assert results[2].duplicate_of == "a2"
    assert store.count_articles() == 2
    assert store.add_article(make_article(2, title=fire, **wall)).status == "unchanged"


def test_dedup_across_runs_uses_stored_signatures(store_url: str) -> None:
    db = store_url
    with open_store(db) as s:
        s.add_articles([make_article(1, text=SYNDICATED)], Deduplicator())
    with open_store(db) as s:
        dedup = Deduplicator.from_store(s)
        assert "a1" in dedup and len(dedup) == 1
        res = s.add_article(make_article(9, text=SYNDICATED + " Updated."), dedup)
        assert (res.status, res.duplicate_of) == ("merged", "a1")


def test_stale_or_missing_signatures_are_recomputed(store: Store) -> None:
    store.add_article(make_article(1, text=SYNDICATED))  # no dedup: no signature stored
    dedup = Deduplicator()
    assert store.prime(dedup) == 1 and "a1" in dedup
    other = Deduplicator(num_perm=64)  # another scheme: recomputed for it
    assert store.prime(other) == 1 and "a1" in other


def test_failed_batch_rolls_back_store_and_index(store: Store) -> None:
    dedup = Deduplicator()
    with pytest.raises(RuntimeError), store.transaction():
        store.add_articles([make_article(1, text=SYNDICATED)], dedup)
        raise RuntimeError("crash in the middle")
    assert store.count_articles() == 0 and "a1" not in dedup


def test_nested_transaction_is_a_savepoint(store: Store) -> None:
    with store.transaction():
        store.add_article(make_article(1))
        with pytest.raises(ValueError), store.transaction():
            store.add_article(make_article(2))
            raise ValueError
    assert [a.id for a in store.articles()] == ["a1"]


def test_streaming_iteration_in_chunks(store: Store) -> None:
    store.add_articles([make_article(i) for i in range(1203)])
    it = store.articles()
    first = next(it)
    assert first.id == "a0"
    store.add_article(make_article(5000))  # writing while iterating is fine
    ids = [first.id] + [a.id for a in it]
    assert ids[:3] == ["a0", "a1", "a2"] and len(ids) == 1204 and ids[-1] == "a5000"


def test_rejections_stored_once_and_cleared_on_success(store: Store) -> None:
    store.add_rejection(Rejection("/in/file7.txt", "empty file"))
    store.add_rejection(Rejection("/in/file7.txt", "empty file"))
    store.add_rejection(Rejection("/in/bad.bin", "binary file; export it as text"))
    assert store.rejections() == [
        Rejection("/in/file7.txt", "empty file"),
        Rejection("/in/bad.bin", "binary file; export it as text"),
    ]
    store.add_article(make_article(7))  # the fixed file now ingests
    assert store.rejections() == [Rejection("/in/bad.bin", "binary file; export it as text")]


def test_analyses(store: Store) -> None:
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


def test_analysis_notes_without_decoding(store: Store) -> None:
    for n in (1, 2, 3):
        store.add_article(make_article(n))
    store.put_analysis("a1", Analysis("a1", notes=("analysis failed: ValueError: x",)))
    store.put_analysis("a2", Analysis("a2"))
    notes = ("publication date inferred", "not analysed: 'pt' — \"quoted\"")
    store.put_analysis("a3", Analysis("a3", notes=notes))
    assert store.analysis_notes() == {"a1": ("analysis failed: ValueError: x",), "a3": notes}


def test_stories(store: Store) -> None:
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
