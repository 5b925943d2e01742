"""Feed lists (a text file of URLs or an OPML file) and polled feed documents.

A feed list is either plain text, one URL per line (blank lines and ``#`` comments are
ignored, and so is anything after `` #`` on a line), or OPML: every ``<outline>`` with an
``xmlUrl`` attribute is a feed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from corroborate.errors import InputError

__all__ = ["FeedSource", "PolledEntry", "PolledFeed", "load_feeds", "parse_feed_list", "read_feed"]


@dataclass(frozen=True)
class FeedSource:
    """One feed to watch."""

    url: str
    title: str | None = None


@dataclass(frozen=True)
class PolledEntry:
    """One entry of a fetched feed; ``key`` identifies it across polls (id, else link)."""

    key: str
    link: str | None
    title: str | None
    published: str | None
    author: str | None
    content_html: str | None


@dataclass(frozen=True)
class PolledFeed:
    """A fetched and parsed feed."""

    title: str | None
    language: str | None
    entries: tuple[PolledEntry, ...]


def load_feeds(path: str | Path) -> list[FeedSource]:
    """Read a feed list file (text or OPML); raise :class:`InputError` when unusable."""
    target = Path(path)
    try:
        data = target.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the feed list ({exc})", "check the path") from exc
    feeds = parse_feed_list(data, str(path))
    if not feeds:
        raise InputError(
            str(path), "the feed list names no feeds", "write one feed URL per line, or OPML"
        )
    return feeds


def parse_feed_list(data: str, source: str = "<feeds>") -> list[FeedSource]:
    """Feeds named by a feed list's text (OPML when it starts with ``<``); duplicates dropped."""
    if data.lstrip().startswith("<"):
        feeds = _opml(data, source)
    else:
        feeds = []
        for lineno, raw in enumerate(data.splitlines(), start=1):
            line = raw.split(" #", 1)[0].strip()
            if not line or line.startswith("#"):
                continue
            if not line.lower().startswith(("http://", "https://")):
                raise InputError(
                    f"{source}:{lineno}", f"not a feed URL: {line!r}", "give http(s) URLs"
                )
            feeds.append(FeedSource(line))
    unique: dict[str, FeedSource] = {}
    for feed in feeds:
        unique.setdefault(feed.url, feed)
    return list(unique.values())


def _opml(data: str, source: str) -> list[FeedSource]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(source, f"invalid OPML ({exc})", "check the file is valid XML") from exc
    feeds = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if url.lower().startswith(("http://", "https://")):
            feeds.append(FeedSource(url, outline.get("title") or outline.get("text")))
    return feeds


def read_feed(content: bytes, content_type: str = "") -> PolledFeed | str:
    """Parse a fetched feed; a string says why the response is not a usable feed."""
    ctype = content_type.split(";")[0].strip().lower()
    head = content[:512].lstrip().lower()
    html_head = head.startswith((b"<!doctype html", b"<html"))
    if ctype in ("text/html", "application/xhtml+xml") or html_head:
        return f"an HTML page, not a feed (Content-Type {ctype or 'unknown'})"
    try:
        parsed: Any = feedparser.parse(content)
    except Exception as exc:  # feedparser is tolerant; guard anyway
        return f"unreadable feed ({type(exc).__name__}: {exc})"
    if not parsed.get("version") or (parsed.get("bozo") and not parsed.entries):
        why = parsed.get("bozo_exception")
        return "not an RSS/Atom feed" + (f" ({why})" if why else "")
    info = parsed.get("feed", {})
    entries = []
    for entry in parsed.entries:
        link = _str(entry.get("link"))
        key = _str(entry.get("id")) or link or _str(entry.get("title"))
        if key is None:
            continue
        entries.append(
            PolledEntry(
                key=key,
                link=link,
                title=_str(entry.get("title")),
                published=_str(entry.get("published") or entry.get("updated")),
                author=_str(entry.get("author")),
                content_html=_content(entry),
            )
        )
    lang = _str(info.get("language"))
    return PolledFeed(
        title=_str(info.get("title")),
        language=lang.split("-")[0].lower() if lang else None,
        entries=tuple(entries),
    )


def _str(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _content(entry: Any) -> str | None:
    values = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    best = max(values, key=len) if values else ""
    summary = entry.get("summary") or ""
    best = best if len(best) >= len(summary) else summary
    return best.strip() or None
