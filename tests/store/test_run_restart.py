"""A run over a PostgreSQL store survives a server restart in the middle of a batch
(for real: ``pg_ctlcluster ... restart``): the batch is reported and written again on a
fresh connection, and nothing committed is lost or doubled (issue #6 fault tolerance)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from corroborate.errors import StoreError
from corroborate.run import local as L
from corroborate.run.local import LocalRunner, ingest, process
from corroborate.store import PostgresStore, open_store
from corroborate.store.base import AddResult, NearDuplicateIndex
from corroborate.types import Analysis, Article
from tests.run.helpers import INPUTS
from tests.run.test_store_faults import empty_batch
from tests.store.test_store_postgres import restart  # noqa: F401 - the fixture

pytest.importorskip("psycopg")
pytestmark = pytest.mark.slow


class RestartOnce:
    """Wraps a PostgreSQL store; the ``at``-th call of ``method`` first restarts the
    server (inside the batch's open transaction), then goes on."""

    def __init__(
        self, store: PostgresStore, method: str, at: int, on_call: Callable[[], None]
    ) -> None:
        self._store, self._method, self._at, self._restart = store, method, at, on_call
        self.calls = 0

    def _hook(self) -> None:
        self.calls += 1
        if self.calls == self._at:
            self._restart()

    def add_articles(
        self, batch: Sequence[Article], dedup: NearDuplicateIndex | None = None
    ) -> list[AddResult]:
        if self._method == "add_articles":
            self._hook()
        return self._store.add_articles(batch, dedup)

    def put_analysis(self, article_id: str, analysis: Analysis) -> None:
        if self._method == "put_analysis":
            self._hook()
        self._store.put_analysis(article_id, analysis)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_ingest_and_analysis_survive_a_restart_mid_batch(
    pg_url: str,
    restart: Callable[[], None],  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(L, "STORE_RETRY_DELAY", 0.1)
    with open_store(str(tmp_path / "ref.db")) as ref:
        ingest(INPUTS, ref, batch_size=3)
        want = sorted(a.id for a in ref.articles())
    store = open_store(pg_url)
    assert isinstance(store, PostgresStore)
    errors: list[StoreError] = []
    flaky = RestartOnce(store, "add_articles", 2, restart)
    summary = ingest(
        INPUTS, flaky, batch_size=3, on_store_error=lambda exc, attempt: errors.append(exc)
    )
    assert flaky.calls >= 3 and errors and summary.retried == len(errors)
    assert "nothing of it was committed" in str(errors[0])
    assert summary.added == 10 and store.reconnects >= 1
    ids = [a.id for a in store.articles()]
    assert sorted(ids) == want and len(set(ids)) == len(ids)

    flaky = RestartOnce(store, "put_analysis", 5, restart)  # inside the second batch
    with LocalRunner(1, batch_fn=empty_batch) as runner:
        errors.clear()
        run = process(
            flaky,
            runner,
            batch_size=4,
            link_at_end=False,
            on_store_error=lambda exc, attempt: errors.append(exc),
        )
    assert errors and run.retried == len(errors)
    assert (run.analysed, run.batches) == (10, 3)
    assert sorted(aid for aid, _ in store.analyses()) == want
    store.close()
    with open_store(pg_url) as again:  # what was committed is there once, and stays
        assert again.count_articles() == 10
        assert list(again.articles_without_analysis()) == []
