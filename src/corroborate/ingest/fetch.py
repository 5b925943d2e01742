"""URLs and feed URLs over HTTP, through an injectable ``httpx`` transport.

Tests pass ``httpx.MockTransport`` so they never touch the network. Connect errors,
timeouts and 5xx answers are retried with exponential backoff.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import httpx

from corroborate.ingest.base import Items, reject
from corroborate.ingest.feed import Feed, entry_document, parse_feed
from corroborate.ingest.html import extract_html
from corroborate.ingest.sniff import decode, sniff_bytes
from corroborate.types import RawDocument, Rejection

USER_AGENT = "Corroborate/0.1 (+https://github.com/corroborate)"
TIMEOUT_S = 20.0
RETRIES = 3  # attempts in all
BACKOFF_S = 0.5  # first wait; doubles each retry

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)
_GENERIC_TYPES = ("", "application/octet-stream", "text/plain")

sleep: Callable[[float], None] = time.sleep  # replaced in tests


def is_url(value: str) -> bool:
    """True for http(s) addresses."""
    return value.lower().startswith(("http://", "https://"))


class Fetcher:
    """Fetches pages and feeds; every failure becomes a :class:`Rejection`."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        timeout: float = TIMEOUT_S,
        retries: int = RETRIES,
        backoff: float = BACKOFF_S,
    ) -> None:
        self.client = httpx.Client(
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
        )
        self.retries = max(1, retries)
        self.backoff = backoff

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()

    def get(self, url: str) -> httpx.Response | Rejection:
        """GET with retries on connect errors, timeouts and 5xx; 4xx is final."""
        problem = ""
        for attempt in range(self.retries):
            if attempt:
                sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.client.get(url)
            except httpx.InvalidURL as exc:
                return reject(url, f"invalid URL ({exc})", "check the address")
            except httpx.TransportError as exc:
                problem = f"could not reach {url} ({type(exc).__name__}: {exc or 'no detail'})"
                continue
            if response.status_code >= 500:
                problem = f"HTTP {response.status_code} {response.reason_phrase} from {url}"
                continue
            if response.status_code >= 400:
                return reject(
                    url,
                    f"HTTP {response.status_code} {response.reason_phrase} from {url}",
                    "check the address; the page may be gone or need a login",
                )
            return response
        return reject(
            url,
            f"{problem} after {self.retries} attempts",
            "check the address and the connection, or try again later",
        )

    def read(self, url: str) -> Items:
        """Yield the document(s) at a URL: one page, or every entry of a feed."""
        response = self.get(url)
        if isinstance(response, Rejection):
            yield response
            return
        kind = _kind(response)
        final_url = str(response.url)
        if kind == "html":
            html = _text(response)
            if html is None:
                yield reject(url, f"cannot decode the page from {url}", "check the page encoding")
                return
            doc = extract_html(html, url, url=final_url)
            yield replace(doc, format="url") if isinstance(doc, RawDocument) else doc
        elif kind == "feed":
            feed = parse_feed(response.content, url)
            if isinstance(feed, Rejection):
                yield feed
                return
            yield from self._feed_entries(feed)
        else:
            ctype = response.headers.get("content-type", "unknown")
            yield reject(
                url,
                f"not an HTML page or feed (HTTP {response.status_code}, Content-Type {ctype})",
                "give the address of an article page or an RSS/Atom feed",
            )

    def _feed_entries(self, feed: Feed) -> Items:
        for entry in feed.entries:
            if not entry.link or not is_url(entry.link):
                yield entry_document(entry)
                continue
            page = next(iter(self._page(entry.link)), None)
            if isinstance(page, RawDocument):
                yield replace(
                    page,
                    title=entry.title or page.title,
                    published=entry.published or page.published,
                    outlet=page.outlet or entry.outlet,
                    author=page.author or entry.author,
                )
            elif entry.content_html:
                yield entry_document(entry)  # the page failed: the feed's own text still counts
            elif page is not None:
                yield page

    def _page(self, url: str) -> Items:
        response = self.get(url)
        if isinstance(response, Rejection):
            yield response
            return
        html = _text(response) if _kind(response) == "html" else None
        if html is None:
            ctype = response.headers.get("content-type", "unknown")
            yield reject(url, f"not an HTML page (Content-Type {ctype})", "check the link")
            return
        doc = extract_html(html, url, url=str(response.url))
        yield replace(doc, format="url") if isinstance(doc, RawDocument) else doc


def read_url(url: str, transport: httpx.BaseTransport | None = None) -> Items:
    """Fetch one URL (page or feed) and yield its documents."""
    fetcher = Fetcher(transport)
    try:
        yield from fetcher.read(url)
    finally:
        fetcher.close()


def _kind(response: httpx.Response) -> str:
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in _HTML_TYPES:
        return "html"
    if ctype in _FEED_TYPES:
        sniffed = sniff_bytes(response.content[:4096])
        return "html" if sniffed.kind == "html" else "feed"
    if ctype in _GENERIC_TYPES:
        sniffed = sniff_bytes(response.content[:4096])
        if sniffed.kind in ("html", "feed"):
            return sniffed.kind
    return "other"


def _text(response: httpx.Response) -> str | None:
    if response.charset_encoding:
        try:
            return response.content.decode(response.charset_encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(response.content, html=True)
