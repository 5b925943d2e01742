"""Stage state persisted in the store survives reopening and is replaced on update."""

from __future__ import annotations

from pathlib import Path

from corroborate.store import open_store


def test_state_round_trip_and_replace(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(str(db)) as store:
        assert store.get_state("stories") is None
        store.put_state("stories", {"next": 3, "members": {"s1": ["a", "b"]}})
        store.put_state("stories", {"next": 4, "members": {"s1": ["a", "b", "c"]}})
    with open_store(str(db)) as store:
        assert store.get_state("stories") == {"next": 4, "members": {"s1": ["a", "b", "c"]}}
        assert store.get_state("other") is None
