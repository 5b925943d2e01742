"""Stage state persisted in the store survives reopening and is replaced on update."""

from __future__ import annotations

from corroborate.store import open_store


def test_state_round_trip_and_replace(store_url: str) -> None:
    db = store_url
    with open_store(str(db)) as store:
        assert store.get_state("stories") is None
        store.put_state("stories", {"next": 3, "members": {"s1": ["a", "b"]}})
        store.put_state("stories", {"next": 4, "members": {"s1": ["a", "b", "c"]}})
    with open_store(str(db)) as store:
        assert store.get_state("stories") == {"next": 4, "members": {"s1": ["a", "b", "c"]}}
        assert store.get_state("other") is None
