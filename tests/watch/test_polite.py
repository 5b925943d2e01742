"""PoliteFetcher against a real local server: robots.txt, spacing, conditional GET, failures."""

from __future__ import annotations

import itertools

from corroborate.ingest.guard import FetchPolicy
from corroborate.watch.polite import PoliteFetcher
from tests.watch.server import Route, Site

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def _fetcher(**kw: float) -> PoliteFetcher:
    return PoliteFetcher(
        min_interval=kw.get("min_interval", 0.0),
        timeout=kw.get("timeout", 5.0),
        policy=FetchPolicy(allow_private=True),  # the test site runs on 127.0.0.1
    )


def test_robots_disallow_is_honoured(server: Site) -> None:
    server.set("/robots.txt", Route(ROBOTS, "text/plain"))
    server.set("/open.html", Route(b"<html><body>open</body></html>"))
    server.set("/private/x.html", Route(b"<html><body>secret</body></html>"))
    with _fetcher() as http:
        blocked = http.get(server.base + "/private/x.html")
        ok = http.get(server.base + "/open.html")
    assert blocked.outcome == "disallowed" and "robots.txt" in blocked.reason
    assert ok.outcome == "ok" and ok.content.startswith(b"<html>")
    assert not server.requests("/private/x.html")
    assert len(server.requests("/robots.txt")) == 1  # cached per host


def test_missing_robots_allows_and_broken_robots_blocks(server: Site) -> None:
    server.set("/a.html", Route(b"<html>a</html>"))
    with _fetcher() as http:  # 404 robots.txt: everything allowed
        assert http.get(server.base + "/a.html").outcome == "ok"
    server.set("/robots.txt", Route(b"oops", "text/plain", status=503))
    with _fetcher() as http:  # 5xx robots.txt: the host is skipped for now
        result = http.get(server.base + "/a.html")
    assert result.outcome == "disallowed" and "unavailable" in result.reason
    assert len(server.requests("/a.html")) == 1


def test_per_host_spacing_measured_on_the_server(server: Site) -> None:
    for i in range(4):
        server.set(f"/p{i}.html", Route(b"<html>p</html>"))
    with _fetcher(min_interval=0.2) as http:
        for i in range(4):
            assert http.get(f"{server.base}/p{i}.html").outcome == "ok"
    times = [h.at for h in server.requests()]  # robots.txt, then 4 pages
    assert len(times) == 5
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.19, gaps


def test_crawl_delay_raises_the_interval(server: Site) -> None:
    server.set("/robots.txt", Route(b"User-agent: *\nCrawl-delay: 1\n", "text/plain"))
    server.set("/a.html", Route(b"<html>a</html>"))
    with _fetcher(min_interval=0.0) as http:
        http.get(server.base + "/a.html")
        http.get(server.base + "/a.html")
    times = [h.at for h in server.requests("/a.html")]
    assert times[1] - times[0] >= 0.99  # robotparser reads whole seconds


def test_conditional_requests_and_304(server: Site) -> None:
    server.set("/f.rss", Route(b"<rss/>", "application/rss+xml", etag=True))
    modified = "Tue, 04 Mar 2031 10:00:00 GMT"
    server.set("/g.rss", Route(b"<rss/>", "application/rss+xml", last_modified=modified))
    with _fetcher() as http:
        first = http.get(server.base + "/f.rss")
        again = http.get(server.base + "/f.rss", etag=first.headers["etag"])
        g1 = http.get(server.base + "/g.rss")
        g2 = http.get(server.base + "/g.rss", last_modified=g1.headers["last-modified"])
    assert first.outcome == "ok" and again.outcome == "not_modified" and again.content == b""
    assert server.requests("/f.rss")[1].headers["If-None-Match"] == first.headers["etag"]
    assert g2.outcome == "not_modified"
    assert server.requests("/g.rss")[1].headers["If-Modified-Since"].startswith("Tue, 04 Mar")


def test_timeouts_and_errors_are_results_not_exceptions(server: Site) -> None:
    server.set("/slow", Route(b"late", delay=1.0))
    server.set("/boom", Route(b"err", status=500))
    server.set("/gone", Route(b"gone", status=410))
    with _fetcher(timeout=0.3) as http:
        slow = http.get(server.base + "/slow")
        boom = http.get(server.base + "/boom")
        gone = http.get(server.base + "/gone")
        nowhere = http.get("http://127.0.0.1:9/feed")  # nothing listens on port 9
    assert slow.outcome == "failed" and "Timeout" in slow.reason and not slow.permanent
    assert boom.outcome == "failed" and boom.status == 500 and not boom.permanent
    assert gone.outcome == "failed" and gone.permanent
    assert nowhere.outcome == "disallowed" and "unavailable" in nowhere.reason


def test_watch_refuses_its_own_network_by_default(server: Site) -> None:
    """The watcher's default fetch policy: a feed on 127.0.0.1 is never fetched (its
    robots.txt neither), until the command line's --allow-private."""
    server.set("/robots.txt", Route(b"", "text/plain"))
    server.set("/f.rss", Route(b"<rss version='2.0'><channel></channel></rss>", "text/xml"))
    with PoliteFetcher(min_interval=0.0) as http:
        result = http.get(server.base + "/f.rss")
    assert result.outcome == "disallowed" and "loopback" in result.reason
    assert server.hits == []
