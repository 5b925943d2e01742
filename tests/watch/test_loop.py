"""The watch loop end to end against a real local server and the real pipeline.

The invented story: three outlets report the sentencing of a former mayor. The first poll
brings two agreeing reports ("six years"); a later poll brings a third that says "five
years", which must raise exactly one alert on every sink.
"""

from __future__ import annotations

import io
import itertools
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from corroborate.ingest.guard import FetchPolicy
from corroborate.store import open_store
from corroborate.watch import (
    JsonlSink,
    ListSink,
    StdoutSink,
    Watcher,
    WatchSummary,
    WebhookSink,
    watch,
)
from tests.watch.server import Hit, Route, Running, Site

LAST_MODIFIED_1 = "Mon, 03 Mar 2031 18:00:00 GMT"
LAST_MODIFIED_2 = "Tue, 04 Mar 2031 16:45:00 GMT"
PAGES = {
    "/gazette/storm.html": "gazette-storm.html",
    "/gazette/dolinsky.html": "gazette-dolinsky.html",
    "/ledger/museum.html": "ledger-museum.html",
    "/ledger/dolinsky.html": "ledger-dolinsky.html",
    "/meridian/chess.html": "meridian-chess.html",
    "/meridian/dolinsky.html": "meridian-dolinsky.html",
}
FEED_PATHS = [
    "/gazette.rss",
    "/ledger.atom",
    "/meridian.rss",
    "/slow.rss",
    "/garbage.rss",
    "/broken.rss",
    "/error.rss",
]

LOOPBACK_OK = FetchPolicy(allow_private=True)  # the test site runs on 127.0.0.1


def serve_site(site: Site) -> None:
    site.fixture("/robots.txt", "feeds/robots.txt", "text/plain")
    site.fixture("/gazette.rss", "feeds/gazette.rss", "application/rss+xml", etag=True)
    site.fixture("/ledger.atom", "feeds/ledger.atom", "application/atom+xml")  # no validators
    rss = "application/rss+xml"
    site.fixture("/meridian.rss", "feeds/meridian-1.rss", rss, last_modified=LAST_MODIFIED_1)
    site.fixture("/slow.rss", "feeds/meridian-1.rss", "application/rss+xml", delay=1.5)
    site.fixture("/garbage.rss", "feeds/not-a-feed.html", "text/html")
    site.fixture("/broken.rss", "feeds/broken.rss", "application/rss+xml")
    site.set("/error.rss", Route(b"Internal error", "text/plain", status=500))
    site.set("/private/tram-audit.html", Route(b"<html><body>audit</body></html>"))
    site.set("/hook", Route(b"{}", "application/json"))
    for path, name in PAGES.items():
        site.fixture(path, f"pages/{name}", "text/html; charset=utf-8")


@dataclass
class Scenario:
    site: Site
    db: Path
    jsonl: Path
    stdout: io.StringIO
    runs: list[WatchSummary] = field(default_factory=list)
    hits: list[list[Hit]] = field(default_factory=list)  # requests of each run
    alerts: list[ListSink] = field(default_factory=list)
    logs: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self, out: list[str]) -> None:
        super().__init__(logging.INFO)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        self.out.append(record.getMessage())


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    tmp = tmp_path_factory.mktemp("watch")
    with Running() as site:
        serve_site(site)
        sc = Scenario(site, tmp / "watch.db", tmp / "alerts" / "alerts.jsonl", io.StringIO())
        logger = logging.getLogger("corroborate.watch")
        handler = _Collect(sc.logs)
        logger.addHandler(handler)
        old_level = logger.level
        logger.setLevel(logging.INFO)
        feeds = [site.base + p for p in FEED_PATHS]

        def run() -> None:
            sink = ListSink()
            hook = WebhookSink(site.base + "/hook")
            store = open_store(sc.db)  # a fresh process each time: nothing kept in memory
            start = len(site.hits)
            try:
                summary = watch(
                    feeds,
                    store,
                    interval=60.0,  # also the first backoff: failing feeds wait a minute
                    once=True,
                    sinks=[sink, StdoutSink(sc.stdout), JsonlSink(sc.jsonl), hook],
                    min_host_interval=0.1,
                    timeout=0.5,
                    policy=LOOPBACK_OK,
                )
            finally:
                hook.close()
                store.close()
            sc.runs.append(summary)
            sc.alerts.append(sink)
            sc.hits.append(site.hits[start:])

        run()  # 1: two outlets agree, failing feeds logged
        run()  # 2: restart, nothing changed
        site.fixture(
            "/meridian.rss",
            "feeds/meridian-2.rss",
            "application/rss+xml",
            last_modified=LAST_MODIFIED_2,
        )
        run()  # 3: the third outlet contradicts
        run()  # 4: nothing new
        try:
            yield sc
        finally:
            logger.removeHandler(handler)
            logger.setLevel(old_level)


def _gets(hits: list[Hit], path: str) -> list[Hit]:
    return [h for h in hits if h.method == "GET" and h.path == path]


def test_first_poll_ingests_the_new_articles(scenario: Scenario) -> None:
    first = scenario.runs[0]
    assert first.new_articles == 5  # two feeds' pages + the chess page; no private page
    assert first.alerts == 0
    assert first.failures == 4  # slow, garbage, broken, error
    fetched = sorted(h.path for h in scenario.hits[0] if h.path.endswith(".html"))
    assert fetched == sorted(p for p in PAGES if p != "/meridian/dolinsky.html")
    with open_store(scenario.db) as store:
        urls = sorted(a.url or "" for a in store.articles())
        stories = store.stories()
    assert urls == sorted(scenario.site.base + p for p in PAGES)  # after every run
    linked = [s for s in stories if len(s["article_ids"]) >= 2]
    assert len(linked) == 1 and len(linked[0]["article_ids"]) == 3


def test_second_poll_and_restart_add_nothing_and_send_conditional_requests(
    scenario: Scenario,
) -> None:
    second, hits = scenario.runs[1], scenario.hits[1]
    assert second.new_articles == 0 and second.alerts == 0
    gazette = _gets(hits, "/gazette.rss")[0]
    assert gazette.headers.get("If-None-Match") and gazette.status == 304
    meridian = _gets(hits, "/meridian.rss")[0]
    assert meridian.headers.get("If-Modified-Since") == LAST_MODIFIED_1
    assert meridian.status == 304
    # the Atom feed has no validators: it comes back whole, but its entries were seen
    assert _gets(hits, "/ledger.atom")[0].status == 200
    assert not [h for h in hits if h.path.endswith(".html")]
    assert scenario.runs[1].last is not None and scenario.runs[1].last.not_modified == 2


def test_each_page_fetched_once_over_all_runs(scenario: Scenario) -> None:
    everything = [h for run in scenario.hits for h in run]
    for path in PAGES:
        assert len(_gets(everything, path)) == 1, path
    with open_store(scenario.db) as store:
        assert store.count_articles() == 6


def test_robots_disallow_is_honoured_and_logged(scenario: Scenario) -> None:
    assert not scenario.site.requests("/private/tram-audit.html")
    assert any("tram-audit.html" in m and "robots.txt" in m for m in scenario.logs)


def test_bad_feeds_do_not_stop_the_loop_and_back_off(scenario: Scenario) -> None:
    first = scenario.hits[0]
    for path in ("/slow.rss", "/garbage.rss", "/broken.rss", "/error.rss"):
        assert len(_gets(first, path)) == 1
        assert any(path in m and "failed (1 in a row)" in m for m in scenario.logs), path
        # the next runs (within the 60 s backoff) leave them alone
        assert not any(_gets(run, path) for run in scenario.hits[1:]), path
    assert any("/garbage.rss" in m and "HTML page" in m for m in scenario.logs)
    assert any("/slow.rss" in m and "Timeout" in m for m in scenario.logs)
    assert any("/error.rss" in m and "HTTP 500" in m for m in scenario.logs)
    last = scenario.runs[1].last
    assert last is not None and last.deferred == 4
    with open_store(scenario.db) as store:
        state = store.get_state("watch:feed:" + scenario.site.base + "/error.rss")
    assert state["failures"] == 1 and "HTTP 500" in state["last_error"]


def test_requests_to_the_host_are_spaced(scenario: Scenario) -> None:
    for run in scenario.hits:
        gets = [h.at for h in run if h.method == "GET"]
        gaps = [b - a for a, b in itertools.pairwise(gets)]
        assert not gaps or min(gaps) >= 0.095, gaps


def test_exactly_one_alert_for_the_contradiction(scenario: Scenario) -> None:
    third = scenario.runs[2]
    assert third.new_articles == 1 and third.alerts == 1
    assert [s.alerts for s in scenario.alerts if s.alerts] == [scenario.alerts[2].alerts]
    alert = scenario.alerts[2].alerts[0]
    new_url = scenario.site.base + "/meridian/dolinsky.html"
    assert alert.kind == "figure" and alert.verdict == "conflict"
    assert alert.previous_verdict == "agree"
    assert alert.measure.startswith("sentence")
    assert alert.article_url == new_url and alert.article_outlet == "Daily Meridian"
    versions = {(v.outlet, v.text, v.new) for v in alert.versions}
    assert versions == {
        ("Harbor Gazette", "six years", False),
        ("Northern Ledger", "six years", False),
        ("Daily Meridian", "five years", True),
    }
    # stdout: one human-readable line
    lines = scenario.stdout.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ALERT conflict (was agree)")
    assert "'five years'" in lines[0] and new_url in lines[0]
    # JSONL: one object per alert
    records: list[dict[str, Any]] = [json.loads(x) for x in scenario.jsonl.read_text().splitlines()]
    assert len(records) == 1
    assert records[0]["schema"] == "corroborate/alert@1"
    assert records[0]["article_id"] == alert.article_id
    assert records[0]["story_id"] == alert.story_id
    # webhook: one JSON POST to the local server
    assert scenario.site.posted("/hook") == records
    assert scenario.runs[3].alerts == 0 and scenario.runs[3].new_articles == 0


def test_backoff_doubles_and_expires(server: Site) -> None:
    server.set("/robots.txt", Route(b"", "text/plain"))
    server.set("/down.rss", Route(b"down", "text/plain", status=503))
    clock = [1000.0]
    with open_store(":memory:") as store:
        watcher = Watcher(
            store,
            min_host_interval=0.0,
            backoff_base=10.0,
            now=lambda: clock[0],
            policy=LOOPBACK_OK,
        )
        feed = server.base + "/down.rss"
        try:
            assert watcher.poll([feed]).failed == 1
            assert watcher.state(feed).retry_at == 1010.0
            clock[0] = 1005.0
            assert watcher.poll([feed]).deferred == 1
            clock[0] = 1011.0
            assert watcher.poll([feed]).failed == 1
            assert watcher.state(feed).failures == 2
            assert watcher.state(feed).retry_at == 1031.0  # 10 s, then 20 s
            server.set(
                "/down.rss",
                Route(b"<rss version='2.0'><channel></channel></rss>", "application/rss+xml"),
            )
            clock[0] = 1032.0
            report = watcher.poll([feed])
            assert report.failed == 0 and report.polled == 1
            assert watcher.state(feed).failures == 0
        finally:
            watcher.close()
    assert len(server.requests("/down.rss")) == 3
