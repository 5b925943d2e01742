"""watch: poll RSS/Atom feeds politely, ingest new articles incrementally, and alert when
a new article contradicts what a story already said (see ``docs/watch.md``)."""

from __future__ import annotations

from corroborate.watch.alerts import AlertSink, JsonlSink, ListSink, StdoutSink, WebhookSink
from corroborate.watch.diff import Alert, Version, contradictions
from corroborate.watch.feeds import FeedSource, load_feeds, parse_feed_list
from corroborate.watch.loop import (
    FeedState,
    PollReport,
    Watcher,
    WatchSummary,
    watch,
    watch_command,
)
from corroborate.watch.polite import FetchResult, PoliteFetcher

__all__ = [
    "Alert",
    "AlertSink",
    "FeedSource",
    "FeedState",
    "FetchResult",
    "JsonlSink",
    "ListSink",
    "PoliteFetcher",
    "PollReport",
    "StdoutSink",
    "Version",
    "WatchSummary",
    "Watcher",
    "WebhookSink",
    "contradictions",
    "load_feeds",
    "parse_feed_list",
    "watch",
    "watch_command",
]
