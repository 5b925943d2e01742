"""RSS and Atom feeds: each entry is one document (its content, or at least its summary)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import feedparser

from corroborate.ingest.base import Item, Items, clean_str, reject
from corroborate.ingest.html import fragment_text
from corroborate.types import RawDocument, Rejection


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a parsed feed."""

    source: str  # path#entry-N or URL#entry-N
    format: str  # "rss" | "atom"
    link: str | None
    title: str | None
    published: str | None
    author: str | None
    outlet: str | None  # the feed's title
    language: str | None
    content_html: str | None  # content:encoded / content / summary, as HTML


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its entries."""

    format: str
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes | str, source: str) -> Feed | Rejection:
    """Parse RSS/Atom bytes; a document that is not a feed becomes a rejection."""
    try:
        parsed: Any = feedparser.parse(data)
    except Exception as exc:  # feedparser is tolerant, but guard anyway
        return reject(source, f"not a readable RSS/Atom feed ({exc})", "check the feed file")
    version = str(parsed.get("version") or "")
    if not version and not parsed.entries:
        problem = "not an RSS/Atom feed"
        if parsed.get("bozo"):
            problem += f" ({parsed.get('bozo_exception')})"
        return reject(source, problem, "give a valid RSS or Atom feed, or the pages as HTML")
    fmt = "atom" if version.startswith("atom") else "rss"
    feed_info = parsed.get("feed", {})
    outlet = clean_str(feed_info.get("title"))
    language = _lang(feed_info.get("language"))
    entries = []
    for index, entry in enumerate(parsed.entries, start=1):
        entries.append(
            FeedEntry(
                source=f"{source}#entry-{index}",
                format=fmt,
                link=clean_str(entry.get("link")),
                title=clean_str(entry.get("title")),
                published=clean_str(entry.get("published") or entry.get("updated")),
                author=clean_str(entry.get("author")),
                outlet=outlet,
                language=language,
                content_html=_content(entry),
            )
        )
    if not entries:
        return reject(source, "the feed has no entries", "check that the feed is not empty")
    return Feed(format=fmt, entries=tuple(entries))


def entry_document(entry: FeedEntry) -> Item:
    """The entry's own content (or summary) as a document."""
    text = fragment_text(entry.content_html) if entry.content_html else ""
    if not text:
        return reject(
            entry.source,
            "feed entry has no content or summary",
            "fetch the entry's link instead (give the feed URL or the page)",
        )
    return RawDocument(
        source=entry.source,
        format=entry.format,
        text=text,
        url=entry.link,
        outlet=entry.outlet,
        title=entry.title,
        author=entry.author,
        published=entry.published,
        language=entry.language,
        needs_cleaning=False,
    )


def read_feed(data: bytes, source: str) -> Items:
    """Yield one document per feed entry."""
    feed = parse_feed(data, source)
    if isinstance(feed, Rejection):
        yield feed
        return
    for entry in feed.entries:
        yield entry_document(entry)


def _content(entry: Any) -> str | None:
    values = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    best = max(values, key=len) if values else ""
    summary = entry.get("summary") or ""
    best = best if len(best) >= len(summary) else summary
    return best.strip() or None


def _lang(value: object) -> str | None:
    text = clean_str(value)
    return text.split("-")[0].split("_")[0].lower() if text else None
