"""A run whose client is SIGKILLed mid-analysis resumes where it stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from corroborate.run.local import LocalRunner
from corroborate.store import open_store
from tests.run.helpers import ROOT, CountingStore, analyses_json, ingested, story_membership

pytestmark = pytest.mark.slow

KILL_AFTER = 3  # committed batches (of one article) before the kill


def _run_and_kill(db: Path, kind: str) -> None:
    """Start the child in its own process group; SIGKILL the group (the client and any
    workers it started) once KILL_AFTER batches are committed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.run.interrupt_child", str(db), kind],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    committed = 0
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("analyze"):
                committed += 1
                if committed == KILL_AFTER:
                    os.killpg(proc.pid, signal.SIGKILL)
                    break
            assert not line.startswith("finished"), "the run ended before it was killed"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("kind", ["local", "dask"])
def test_sigkilled_run_resumes(tmp_path: Path, kind: str) -> None:
    if kind == "dask":
        pytest.importorskip("distributed", reason="the dask extra is not installed")
    db = tmp_path / "store.db"
    ingested(db).close()
    _run_and_kill(db, kind)

    with open_store(str(db)) as store:
        before = analyses_json(store, vectors=False)
        vectors = {aid: set(a.embeddings) for aid, a in store.analyses()}
        # at least the batches reported as committed; the kill may land after one more
        assert KILL_AFTER <= len(before) < 10
        counting = CountingStore(store)
        with LocalRunner(1) as runner:
            summary = runner.run(counting, batch_size=1, link_every=2)
        redone = set(counting.puts) & set(before)
        assert not redone, f"committed analyses were redone: {sorted(redone)}"
        assert len(counting.puts) == len(set(counting.puts)) == 10 - len(before)
        assert summary.analysed == 10 - len(before)
        after = analyses_json(store, vectors=False)
        assert len(after) == store.count_articles() == 10
        assert {k: after[k] for k in before} == before  # committed work untouched
        for aid, analysis in store.analyses():  # linking only adds sentence vectors
            assert vectors.get(aid, set()) <= set(analysis.embeddings)
        membership = story_membership(store)
        assert set(membership) == {a.id for a in store.articles()}
        assert set(membership.values()) == {1}  # no article in two stories
