"""watch_command: the function behind `corroborate watch`."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.store import open_store
from corroborate.watch import watch_command
from tests.watch.server import Route, Site


def test_bad_feed_list_or_interval_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "w.db")
    assert watch_command(str(tmp_path / "none.txt"), db, 60.0, True, None, None) == 2
    assert "cannot read the feed list" in capsys.readouterr().err
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/feed.rss\n")
    assert watch_command(str(feeds), db, 0.0, True, None, None) == 2


def test_once_run_persists_feed_state(server: Site, tmp_path: Path) -> None:
    server.set("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", "text/plain"))
    rss = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        f"<item><title>Members only</title><link>{server.base}/private/a.html</link></item>"
        "</channel></rss>"
    )
    server.set("/f.rss", Route(rss.encode(), "application/rss+xml", etag=True))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# one feed\n{server.base}/f.rss\n")
    db = tmp_path / "w.db"
    jsonl = tmp_path / "alerts.jsonl"
    hook = server.base + "/hook"
    assert watch_command(str(feeds), str(db), 0.5, True, str(jsonl), hook, allow_private=True) == 0
    with open_store(db) as store:
        state = store.get_state(f"watch:feed:{server.base}/f.rss")
        assert store.count_articles() == 0
    assert state["etag"] and state["seen"] == [f"{server.base}/private/a.html"]
    assert not jsonl.exists() and not server.requests("/private/a.html")
