"""URLs and feed URLs through httpx.MockTransport: never the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from corroborate.ingest import fetch, read_inputs
from corroborate.ingest.fetch import USER_AGENT, Fetcher

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>
<item><title>Pier reopens</title><link>https://news.test/pier</link>
<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>
<description>The north pier reopened after storm repairs.</description></item>
<item><title>Market moves</title><link>https://news.test/missing</link>
<description>The Saturday market moves to the square.</description></item>
<item><title>Dead link</title><link>https://news.test/gone</link></item>
</channel></rss>"""


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []
    monkeypatch.setattr(fetch, "sleep", waits.append)
    return waits


@pytest.fixture
def site(ingest_dir: Path) -> dict[str, Any]:
    page = (ingest_dir / "article_page.html").read_bytes()
    return {"page": page, "calls": []}


def transport(site: dict[str, Any]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        site["calls"].append((str(request.url), request.headers.get("user-agent")))
        path = request.url.path
        if path in ("/article", "/pier"):
            return httpx.Response(200, content=site["page"], headers={"content-type": "text/html"})
        if path == "/feed":
            return httpx.Response(
                200, content=FEED, headers={"content-type": "application/rss+xml"}
            )
        if path == "/flaky":
            if sum(1 for url, _ in site["calls"] if url.endswith("/flaky")) < 3:
                return httpx.Response(503)
            return httpx.Response(200, content=site["page"], headers={"content-type": "text/html"})
        if path == "/down":
            raise httpx.ConnectError("connection refused", request=request)
        if path == "/file.pdf":
            return httpx.Response(
                200, content=b"%PDF-1.4", headers={"content-type": "application/pdf"}
            )
        return httpx.Response(404)

    return httpx.MockTransport(handler)


def test_page_is_fetched_and_extracted(site: dict[str, Any], split: Any) -> None:
    docs, rejected = split(read_inputs(["https://news.test/article"], transport=transport(site)))
    assert not rejected and len(docs) == 1
    doc = docs[0]
    assert doc.format == "url" and doc.source == "https://news.test/article"
    assert doc.text and "4,200 residents" in doc.text and not doc.needs_cleaning
    assert doc.url == "https://courier.example.org/news/2023/03/14/flood-barrier"  # canonical
    assert site["calls"][0][1] == USER_AGENT


def test_feed_url_fetches_entry_links(site: dict[str, Any], split: Any) -> None:
    docs, rejected = split(read_inputs(["https://news.test/feed"], transport=transport(site)))
    # entry 1: page fetched; entry 2: page 404 but the summary counts; entry 3: nothing at all
    assert [d.source for d in docs] == ["https://news.test/pier", "https://news.test/feed#entry-2"]
    assert docs[0].title == "Pier reopens" and docs[0].text and "Ressel" in docs[0].text
    assert docs[1].text == "The Saturday market moves to the square."
    assert docs[1].outlet == "Harbour Times"
    assert len(rejected) == 1 and rejected[0].path == "https://news.test/gone"
    assert "HTTP 404" in rejected[0].reason


def test_retries_with_backoff_on_5xx(
    site: dict[str, Any], no_sleep: list[float], split: Any
) -> None:
    docs, rejected = split(read_inputs(["https://news.test/flaky"], transport=transport(site)))
    assert len(docs) == 1 and not rejected
    assert no_sleep == [0.5, 1.0]


def test_unreachable_and_http_errors(
    site: dict[str, Any], no_sleep: list[float], split: Any
) -> None:
    urls = ["https://news.test/down", "https://news.test/nothing", "https://news.test/file.pdf"]
    docs, rejected = split(read_inputs(urls, transport=transport(site)))
    assert not docs
    down, missing, pdf = rejected
    assert down.path == urls[0] and "could not reach https://news.test/down" in down.reason
    assert "after 3 attempts" in down.reason and "ConnectError" in down.reason
    assert (
        missing.path == urls[1]
        and "HTTP 404 Not Found from https://news.test/nothing" in missing.reason
    )
    assert "not an HTML page or feed" in pdf.reason and "application/pdf" in pdf.reason
    assert "HTTP 200" in pdf.reason
    assert len(no_sleep) == 2  # only the unreachable URL was retried


def test_persistent_5xx_names_status(site: dict[str, Any]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502)

    fetcher = Fetcher(httpx.MockTransport(handler), retries=2)
    item = fetcher.get("https://news.test/x")
    assert not isinstance(item, httpx.Response)
    assert "HTTP 502 Bad Gateway from https://news.test/x after 2 attempts" in item.reason
