"""Reviews in the store (both backends): upsert by fact id, times, listing, deletion,
migration of a store written before the reviews table, and naming a source's outlet."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from corroborate.errors import StoreError
from corroborate.store import Review, Store, open_store
from corroborate.store.base import AddResult
from corroborate.store.sql import SQLStore
from corroborate.types import Article

EVIDENCE = (("a-1", 10, 25), ("b-2", 3, 19))


def _review(fact_id: str = "claim-0123456789ab", **changes: object) -> Review:
    base = Review(
        fact_id=fact_id,
        decision="confirmed",
        note="checked the court record",
        kind="claim",
        verdict="contested",
        story_id="s1",
        evidence=EVIDENCE,
    )
    return Review(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_a_review_is_stored_and_read_back(store: Store) -> None:
    saved = store.put_review(_review())
    assert saved.created_at and saved.updated_at == saved.created_at
    got = store.get_review("claim-0123456789ab")
    assert got == saved
    assert got is not None and got.evidence == EVIDENCE
    assert store.get_review("claim-ffffffffffff") is None


def test_a_second_review_replaces_the_first_and_keeps_its_creation_time(store: Store) -> None:
    first = store.put_review(_review())
    second = store.put_review(_review(decision="dismissed", note="wrong number"))
    assert second.created_at == first.created_at
    assert [(r.decision, r.note) for r in store.reviews()] == [("dismissed", "wrong number")]


def test_reviews_list_and_delete(store: Store) -> None:
    store.put_review(_review("claim-000000000001"))
    store.put_review(_review("figure-000000000002", kind="figure", verdict="conflict"))
    assert {r.fact_id for r in store.reviews()} == {"claim-000000000001", "figure-000000000002"}
    assert store.delete_review("claim-000000000001") is True
    assert store.delete_review("claim-000000000001") is False
    assert [r.kind for r in store.reviews()] == ["figure"]


def test_a_review_survives_reopening(store_url: str) -> None:
    with open_store(store_url) as store:
        store.put_review(_review(note="kept ✓ across sessions"))
    with open_store(store_url) as again:
        got = again.get_review("claim-0123456789ab")
    assert got is not None and got.note == "kept ✓ across sessions"


def test_an_unknown_decision_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="confirmed"):
        store.put_review(_review(decision="maybe"))
    assert store.reviews() == []


def test_the_reviews_table_exists_on_a_new_store(store: Store) -> None:
    assert isinstance(store, SQLStore)
    columns = {c["name"] for c in inspect(store.sa_connection).get_columns("reviews")}
    assert {"fact_id", "decision", "note", "kind", "verdict", "evidence"} <= columns


def test_set_source_outlet_names_an_added_article_and_only_the_source_of_a_merged_one(
    store: Store,
) -> None:
    text = "Officials said the bridge would reopen on Friday after repairs. " * 3
    added = store.add_article(Article(id="x-1", path="in/one.txt", text=text))
    store.set_source_outlet(added, "Valley Courier")
    merged = store.add_article(Article(id="x-2", path="in/two.txt", text=text))
    assert merged.status == "merged"
    store.set_source_outlet(merged, "Hill Herald")
    article = store.get_article("x-1")
    assert article is not None and article.outlet == "Valley Courier"
    outlets = {s.path: s.outlet for s in article.sources}
    assert outlets == {"in/one.txt": "Valley Courier", "in/two.txt": "Hill Herald"}
    store.set_source_outlet(AddResult("unchanged", "nobody", "nobody"), "Nowhere")  # no row
    assert store.count_articles() == 1
