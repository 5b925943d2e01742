"""A store that fails in the middle of a run (e.g. PostgreSQL restarted): the failed batch
is reported and written again; nothing committed is lost or doubled. The real PostgreSQL
restart is in tests/store/test_run_restart.py; here a wrapper makes chosen transactions
fail after their writes (the real transaction then rolls back)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from corroborate.errors import StoreError
from corroborate.run import local as L
from corroborate.run.local import LocalRunner, ingest, process
from corroborate.store import open_store
from corroborate.store.base import Store
from corroborate.types import Analysis, Article
from tests.run.helpers import INPUTS


class FlakyStore:
    """Wraps a store; transactions number ``fail`` (1-based, or every one from
    ``fail_from`` on) raise a StoreError after their writes, before committing."""

    def __init__(self, store: Store, fail: Iterable[int] = (), fail_from: int = 0) -> None:
        self._store = store
        self.fail, self.fail_from, self.count = set(fail), fail_from, 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.count += 1
        with self._store.transaction():
            yield
            if self.count in self.fail or (self.fail_from and self.count >= self.fail_from):
                raise StoreError("connection lost during a transaction (test)")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def empty_batch(articles: list[Article]) -> list[Analysis]:
    """A stand-in analysis (no spaCy), so these tests stay fast."""
    return [Analysis(article_id=a.id, notes=("stub",)) for a in articles]


@pytest.fixture(autouse=True)
def _no_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(L, "STORE_RETRY_DELAY", 0.0)


def _reference(tmp_path: Path) -> list[str]:
    with open_store(str(tmp_path / "ref.db")) as ref:
        ingest(INPUTS, ref, batch_size=3)
        return sorted(a.id for a in ref.articles())


def test_ingest_retries_a_failed_batch(tmp_path: Path) -> None:
    want = _reference(tmp_path)
    errors: list[tuple[str, int]] = []
    with open_store(str(tmp_path / "a.db")) as real:
        flaky = FlakyStore(real, fail={2, 3})  # batch 2 fails twice, then commits
        summary = ingest(
            INPUTS,
            flaky,
            batch_size=3,
            on_store_error=lambda exc, attempt: errors.append((str(exc), attempt)),
        )
        assert [attempt for _, attempt in errors] == [1, 2]
        assert "connection lost" in errors[0][0]
        assert summary.retried == 2 and summary.added == len(want) == 10
        ids = [a.id for a in real.articles()]
        assert sorted(ids) == want and len(ids) == len(set(ids))
        assert real.count_articles() == 10


def test_ingest_gives_up_with_earlier_batches_committed(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "a.db")) as real:
        flaky = FlakyStore(real, fail_from=3)  # the store stays down from batch 3 on
        with pytest.raises(StoreError, match=r"ingest batch 2 could not be committed.*run again"):
            ingest(INPUTS, flaky, batch_size=3, on_store_error=lambda e, a: None)
        assert real.count_articles() == 6  # batches 0 and 1
        again = ingest(INPUTS, real, batch_size=3)  # the next run adds the rest
        assert (again.added, again.unchanged) == (4, 6)
        assert sorted(a.id for a in real.articles()) == _reference(tmp_path)


def test_analysis_commit_is_retried(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "a.db")) as real, LocalRunner(1, batch_fn=empty_batch) as r:
        ingest(INPUTS, real, batch_size=3)
        flaky = FlakyStore(real, fail={2})  # the second analysis batch fails once
        errors: list[int] = []
        summary = process(
            flaky,
            r,
            batch_size=4,
            link_at_end=False,
            on_store_error=lambda exc, attempt: errors.append(attempt),
        )
        assert errors == [1]
        assert (summary.analysed, summary.batches, summary.retried) == (10, 3, 1)
        assert len(dict(real.analyses())) == 10
        assert list(real.articles_without_analysis()) == []
