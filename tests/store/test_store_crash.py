"""Crash safety: a writer SIGKILLed mid-batch loses nothing it had committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from corroborate.store import open_store

BATCH = 25

WRITER = textwrap.dedent(
    """
    import sys, time
    from corroborate.clean.dedup import Deduplicator
    from corroborate.store import open_store
    from corroborate.types import Article

    store = open_store(sys.argv[1])
    dedup = Deduplicator()
    batch_size = int(sys.argv[2])
    n = 0
    while True:
        with store.transaction():
            for _ in range(batch_size):
                text = f"Article {n} about the ferry timetable " + " ".join(
                    f"w{n}x{k}" for k in range(60))
                store.add_article(Article(id=f"k{n}", path=f"/in/{n}.txt", text=text,
                                          content_hash=f"h{n}"), dedup)
                n += 1
                time.sleep(0.002)  # widen the window so the kill lands mid-batch
        print(n, flush=True)  # n articles are committed
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_sigkill_mid_batch_loses_nothing_committed(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db), str(BATCH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    committed = 0
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while committed < 4 * BATCH:
        line = proc.stdout.readline()
        if not line:
            pytest.fail(f"writer died early: {proc.stderr.read() if proc.stderr else ''}")
        committed = int(line)
        assert time.monotonic() < deadline, "writer too slow"
    time.sleep(0.02)  # into the next batch
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with open_store(db) as store:
        count = store.count_articles()
        assert count >= committed
        assert count % BATCH == 0, "a batch was half committed"
        ids = {a.id for a in store.articles()}
        assert {f"k{i}" for i in range(committed)} <= ids
        sample = store.get_article("k0")
        assert sample is not None and sample.text.startswith("Article 0 about the ferry")
        # the store keeps working after the crash, and dedup still sees the old articles
        from corroborate.clean.dedup import Deduplicator

        dedup = Deduplicator.from_store(store)
        assert len(dedup) == count
        assert store.add_article(sample, dedup).status == "unchanged"
