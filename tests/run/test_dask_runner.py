"""The Dask runner gives the local runner's results, and survives a worker killed mid-batch."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra (dask[distributed]) is not installed")

from corroborate.run import Runner
from corroborate.run.dask import DaskRunner
from corroborate.run.local import LocalRunner
from tests.run.helpers import (
    CountingStore,
    analyses_json,
    ingested,
    kill_once,
    stories_json,
    story_membership,
)

pytestmark = pytest.mark.slow

BATCH, LINK_EVERY = 2, 2


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str]:
    """Analyses and stories from the local runner, with the same batches and link points."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    with ingested(db) as store, LocalRunner(1) as runner:
        runner.run(store, batch_size=BATCH, link_every=LINK_EVERY)
        return analyses_json(store), stories_json(store)


def test_dask_matches_local(tmp_path: Path, reference: tuple[dict[str, str], str]) -> None:
    with ingested(tmp_path / "dask.db") as store, DaskRunner(workers=2) as runner:
        assert isinstance(runner, Runner)
        assert runner.threads() == 2
        counting = CountingStore(store)
        summary = runner.run(counting, batch_size=BATCH, link_every=LINK_EVERY)
        assert (summary.analysed, summary.batches) == (10, 5)
        assert Counter(counting.puts) == Counter({aid: 1 for aid in reference[0]})
        assert analyses_json(store) == reference[0]
        assert stories_json(store) == reference[1]
        assert runner.run(store).analysed == 0  # resumable: nothing left


def test_worker_killed_mid_batch(tmp_path: Path, reference: tuple[dict[str, str], str]) -> None:
    """The first task to run kills its worker after analysing one article; the scheduler
    reruns the batch on a live worker and every article is committed exactly once."""
    marker = tmp_path / "killed"
    batch_fn = functools.partial(kill_once, str(marker))
    with (
        ingested(tmp_path / "dask.db") as store,
        DaskRunner(workers=2, batch_fn=batch_fn) as runner,
    ):
        counting = CountingStore(store)
        runner.run(counting, batch_size=BATCH, link_every=LINK_EVERY)
        assert marker.exists(), "no worker was killed: the test did not test anything"
        assert Counter(counting.puts) == Counter({aid: 1 for aid in reference[0]})
        assert analyses_json(store) == reference[0]
        assert stories_json(store) == reference[1]
        assert set(story_membership(store).values()) == {1}


def test_unreachable_scheduler_is_a_clear_error() -> None:
    from corroborate.errors import CorroborateError

    with pytest.raises(CorroborateError, match=r"Dask scheduler at tcp://127\.0\.0\.1:9"):
        DaskRunner("tcp://127.0.0.1:9", connect_timeout=2)
