"""Hand already-fetched feed entries and pages to the project's ingest path.

The watcher fetches politely itself; then it calls :func:`corroborate.run.local.ingest`
on the feed URL with a *replay* transport that serves, from memory, a small RSS feed of
just the new entries and the pages fetched for them. Ingest therefore reads them exactly
as it reads any feed (``Fetcher``: page text through trafilatura, the entry's title and
date when the page lacks them, the entry's own content when its page could not be used),
cleans, deduplicates and stores them, and no URL is requested twice.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

import httpx

from corroborate.ingest.guard import FetchPolicy
from corroborate.run.local import IngestSummary, ingest
from corroborate.store.base import Store
from corroborate.types import Rejection
from corroborate.watch.feeds import PolledEntry, PolledFeed
from corroborate.watch.polite import FetchResult

__all__ = ["ingest_entries", "mini_feed", "replay_transport"]

#: The replay never touches the network, and every page it serves was fetched under the
#: watcher's policy already: its URLs need no second address check.
REPLAY_POLICY = FetchPolicy(allow_private=True)

FEED_TYPE = "application/rss+xml; charset=utf-8"


def mini_feed(feed: PolledFeed, entries: Sequence[PolledEntry]) -> bytes:
    """An RSS 2.0 document holding only ``entries`` (with the feed's title and language)."""
    rss = ET.Element("rss", {"version": "2.0", "xmlns:dc": "http://purl.org/dc/elements/1.1/"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = feed.title or ""
    if feed.language:
        ET.SubElement(channel, "language").text = feed.language
    for entry in entries:
        item = ET.SubElement(channel, "item")
        for tag, value in (
            ("title", entry.title),
            ("link", entry.link),
            ("guid", entry.key),
            ("pubDate", entry.published),
            ("dc:creator", entry.author),
            ("description", entry.content_html),
        ):
            if value:
                ET.SubElement(item, tag).text = value
    return bytes(ET.tostring(rss, encoding="utf-8", xml_declaration=True))


def replay_transport(responses: dict[str, FetchResult | tuple[bytes, str]]) -> httpx.MockTransport:
    """A transport answering each URL from memory (404 for anything else)."""
    table = {_norm(url): answer for url, answer in responses.items()}

    def handler(request: httpx.Request) -> httpx.Response:
        found = table.get(_norm(str(request.url)))
        if found is None:
            return httpx.Response(404, text="not fetched by the watcher")
        if isinstance(found, FetchResult):
            ctype = found.content_type or "application/octet-stream"
            return httpx.Response(200, content=found.content, headers={"content-type": ctype})
        content, ctype = found
        return httpx.Response(200, content=content, headers={"content-type": ctype})

    return httpx.MockTransport(handler)


def _norm(url: str) -> str:
    try:
        return str(httpx.URL(url))
    except httpx.InvalidURL:
        return url


def ingest_entries(
    store: Store,
    feed_url: str,
    feed: PolledFeed,
    entries: Sequence[PolledEntry],
    pages: dict[str, FetchResult],
    on_reject: Callable[[Rejection], None] | None = None,
) -> tuple[IngestSummary, set[str]]:
    """Ingest ``entries`` (with their fetched ``pages``); return the summary and new ids.

    New ids are the stored articles from these URLs that have no analysis yet (a page
    merged into an older, analysed article is not new).
    """
    urls = [feed_url] + [e.link for e in entries if e.link]
    before = {aid for url in urls for aid in store.source_article_ids(url)}
    responses: dict[str, FetchResult | tuple[bytes, str]] = dict(pages)
    responses[feed_url] = (mini_feed(feed, entries), FEED_TYPE)
    summary = ingest(
        [feed_url],
        store,
        transport=replay_transport(responses),
        on_reject=on_reject or (lambda _r: None),
        fetch_policy=REPLAY_POLICY,
    )
    after = {aid for url in urls for aid in store.source_article_ids(url)}
    new = {aid for aid in after - before if store.get_analysis(aid) is None}
    return summary, new
