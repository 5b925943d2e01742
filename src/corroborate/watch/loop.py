"""The poll loop: feeds → polite fetch → ingest → analyse → link → contradiction alerts.

Per-feed state lives in the store (``store.put_state("watch:feed:<url>", ...)``): the
feed's ETag/Last-Modified, the keys (entry id, else link) of the entries already handled,
and the failure count with the time before which the feed is not polled again. A restart
on the same store therefore neither refetches nor duplicates anything.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from corroborate.errors import CorroborateError
from corroborate.ingest.guard import FetchPolicy
from corroborate.run.local import analyze_pending, link
from corroborate.store.base import Store
from corroborate.types import Rejection
from corroborate.watch.alerts import AlertSink, JsonlSink, StdoutSink, WebhookSink, emit
from corroborate.watch.diff import Alert, ArticleInfo, contradictions
from corroborate.watch.feeds import FeedSource, PolledEntry, load_feeds, read_feed
from corroborate.watch.intake import ingest_entries
from corroborate.watch.polite import FetchResult, PoliteFetcher

__all__ = ["FeedState", "PollReport", "WatchSummary", "Watcher", "watch", "watch_command"]

log = logging.getLogger("corroborate.watch")

STATE_PREFIX = "watch:feed:"
#: Entry keys remembered per feed (feeds carry tens of entries; old keys fall off).
MAX_SEEN = 5000


@dataclass
class FeedState:
    """What the watcher remembers about one feed between polls and restarts."""

    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)
    failures: int = 0
    retry_at: float | None = None  # wall-clock seconds; not polled before
    last_error: str | None = None

    @classmethod
    def from_json(cls, value: Any) -> FeedState:
        if not isinstance(value, dict):
            return cls()
        return cls(
            etag=value.get("etag"),
            last_modified=value.get("last_modified"),
            seen=[str(k) for k in value.get("seen", [])],
            failures=int(value.get("failures", 0)),
            retry_at=value.get("retry_at"),
            last_error=value.get("last_error"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "etag": self.etag,
            "last_modified": self.last_modified,
            "seen": self.seen[-MAX_SEEN:],
            "failures": self.failures,
            "retry_at": self.retry_at,
            "last_error": self.last_error,
        }


@dataclass
class PollReport:
    """What one pass over the feeds did."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    deferred: int = 0  # in backoff after earlier failures
    skipped_pages: int = 0  # robots.txt or a permanent HTTP error
    new_articles: list[str] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)


@dataclass
class WatchSummary:
    """Totals over every poll of one :func:`watch` call."""

    polls: int = 0
    new_articles: int = 0
    alerts: int = 0
    failures: int = 0
    last: PollReport | None = None


class Watcher:
    """Polls feeds into a store; one instance keeps its rate limits and robots cache."""

    def __init__(
        self,
        store: Store,
        *,
        sinks: Sequence[AlertSink] = (),
        transport: httpx.BaseTransport | None = None,
        min_host_interval: float = 1.0,
        timeout: float = 10.0,
        backoff_base: float = 60.0,
        max_backoff: float = 3600.0,
        processes: int = 1,
        now: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        policy: FetchPolicy | None = None,
    ) -> None:
        self.store = store
        self.sinks = list(sinks)
        self.http = PoliteFetcher(
            transport, min_interval=min_host_interval, timeout=timeout, sleep=sleep, policy=policy
        )
        self.backoff_base = backoff_base
        self.max_backoff = max_backoff
        self.processes = processes
        self.now = now

    def close(self) -> None:
        """Close the HTTP client."""
        self.http.close()

    # ------------------------------------------------------------------ state
    def state(self, url: str) -> FeedState:
        """The stored state of feed ``url``."""
        return FeedState.from_json(self.store.get_state(STATE_PREFIX + url))

    def _save(self, url: str, state: FeedState) -> None:
        self.store.put_state(STATE_PREFIX + url, state.to_json())

    def _fail(self, url: str, state: FeedState, reason: str, report: PollReport) -> None:
        state.failures += 1
        wait = min(self.max_backoff, self.backoff_base * 2 ** (state.failures - 1))
        state.retry_at = self.now() + wait
        state.last_error = reason
        self._save(url, state)
        report.failed += 1
        log.warning(
            "feed %s failed (%d in a row): %s; next try in %.0f s",
            *(url, state.failures, reason, wait),
        )

    # ------------------------------------------------------------------ poll
    def poll(self, feeds: Sequence[FeedSource | str]) -> PollReport:
        """One pass: fetch every due feed, ingest new entries, analyse, link, alert."""
        report = PollReport()
        new_ids: set[str] = set()
        for feed in feeds:
            url = feed.url if isinstance(feed, FeedSource) else feed
            try:
                new_ids |= self._poll_feed(url, report)
            except CorroborateError as exc:
                self._fail(url, self.state(url), str(exc), report)
        report.new_articles = sorted(new_ids)
        if new_ids:
            report.alerts = self._update(new_ids)
            for alert in report.alerts:
                emit(alert, self.sinks)
        log.info(
            "poll: %d feeds polled, %d not modified, %d failed, %d deferred, %d new articles, "
            "%d alerts",
            report.polled,
            report.not_modified,
            report.failed,
            report.deferred,
            len(new_ids),
            len(report.alerts),
        )
        return report

    def _poll_feed(self, url: str, report: PollReport) -> set[str]:
        state = self.state(url)
        if state.retry_at is not None and self.now() < state.retry_at:
            report.deferred += 1
            log.debug("feed %s deferred until %s (backoff)", url, state.retry_at)
            return set()
        report.polled += 1
        result = self.http.get(url, etag=state.etag, last_modified=state.last_modified)
        if result.outcome == "not_modified":
            log.debug("feed %s not modified", url)
            report.not_modified += 1
            self._succeed(url, state)
            return set()
        if result.outcome != "ok":
            self._fail(url, state, result.reason, report)
            return set()
        parsed = read_feed(result.content, result.content_type)
        if isinstance(parsed, str):
            self._fail(url, state, parsed, report)
            return set()
        seen = set(state.seen)
        fresh = [e for e in parsed.entries if e.key not in seen]
        take, done, pages, pending = self._fetch_pages(fresh, report)
        new_ids: set[str] = set()
        if take:
            summary, new_ids = ingest_entries(
                self.store, url, parsed, take, pages, on_reject=_log_rejection
            )
            log.info("feed %s: %d new entries, %d stored", url, len(take), summary.added)
        state.seen = state.seen + done
        if not pending:  # keep old validators while some entry waits for a retry
            state.etag = result.headers.get("etag") or None
            state.last_modified = result.headers.get("last-modified") or None
        self._succeed(url, state)
        return new_ids

    def _succeed(self, url: str, state: FeedState) -> None:
        state.failures, state.retry_at, state.last_error = 0, None, None
        self._save(url, state)

    def _fetch_pages(
        self, entries: list[PolledEntry], report: PollReport
    ) -> tuple[list[PolledEntry], list[str], dict[str, FetchResult], bool]:
        """Fetch each entry's page: (entries to ingest, keys done, pages, any left pending)."""
        take: list[PolledEntry] = []
        done: list[str] = []
        pages: dict[str, FetchResult] = {}
        pending = False
        for entry in entries:
            if not entry.link or not entry.link.lower().startswith(("http://", "https://")):
                if entry.content_html:
                    take.append(entry)
                done.append(entry.key)
                continue
            page = self.http.get(entry.link)
            if page.outcome == "ok":
                pages[entry.link] = page
                take.append(entry)
                done.append(entry.key)
            elif page.permanent:
                report.skipped_pages += 1
                fallback = " (using the feed's own text)" if entry.content_html else ""
                log.warning("skipped %s: %s%s", entry.link, page.reason, fallback)
                if entry.content_html:
                    take.append(entry)
                done.append(entry.key)
            else:
                pending = True
                log.warning("page %s failed: %s; retried next poll", entry.link, page.reason)
        return take, done, pages, pending

    def _update(self, new_ids: set[str]) -> list[Alert]:
        analyze_pending(self.store, processes=self.processes)
        before = {str(s["id"]): s for s in self.store.stories()}
        link(self.store)
        touched = {sid for aid in new_ids for sid in self.store.article_story_ids(aid)}
        after = [s for sid in sorted(touched) if (s := self.store.get_story(sid)) is not None]
        return contradictions(before, after, new_ids, self._article_info)

    def _article_info(self, article_id: str) -> ArticleInfo:
        article = self.store.get_article(article_id)
        if article is None:
            return ArticleInfo(article_id)
        return ArticleInfo(article.id, article.outlet, article.url, article.title)


def _log_rejection(rejection: Rejection) -> None:
    log.warning("rejected %s: %s", rejection.path, rejection.reason)


def watch(
    feeds: Sequence[FeedSource | str],
    store: Store,
    *,
    interval: float = 300.0,
    once: bool = False,
    sinks: Sequence[AlertSink] = (),
    transport: httpx.BaseTransport | None = None,
    min_host_interval: float = 1.0,
    timeout: float = 10.0,
    backoff_base: float | None = None,
    max_backoff: float = 3600.0,
    max_polls: int | None = None,
    processes: int = 1,
    sleep: Callable[[float], None] = time.sleep,
    policy: FetchPolicy | None = None,
) -> WatchSummary:
    """Poll ``feeds`` every ``interval`` seconds (once with ``once``) into ``store``.

    New entries are fetched politely, ingested, analysed and linked; every contradiction
    a new article brings to a story goes to each of ``sinks``. A failing feed is retried
    after ``backoff_base`` (default: ``interval``) seconds, doubling per failure up to
    ``max_backoff``. Stops after ``max_polls`` passes when given; otherwise runs until
    interrupted.
    """
    watcher = Watcher(
        store,
        sinks=sinks,
        transport=transport,
        min_host_interval=min_host_interval,
        timeout=timeout,
        backoff_base=interval if backoff_base is None else backoff_base,
        max_backoff=max_backoff,
        processes=processes,
        sleep=sleep,
        policy=policy,
    )
    summary = WatchSummary()
    limit = 1 if once else max_polls
    try:
        while True:
            started = time.monotonic()
            report = watcher.poll(feeds)
            summary.polls += 1
            summary.new_articles += len(report.new_articles)
            summary.alerts += len(report.alerts)
            summary.failures += report.failed
            summary.last = report
            if limit is not None and summary.polls >= limit:
                return summary
            sleep(max(0.0, interval - (time.monotonic() - started)))
    finally:
        watcher.close()


def watch_command(
    feeds_path: str,
    db: str,
    interval: float,
    once: bool,
    alerts_jsonl: str | None,
    webhook: str | None,
    allow_private: bool = False,
) -> int:
    """The ``corroborate watch`` command: returns the process exit status.

    Alerts always go to stdout, and also to ``alerts_jsonl`` / ``webhook`` when given;
    progress and problems are logged on stderr. 0 = stopped normally (or Ctrl-C),
    2 = unusable feed list, store or option.
    """
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
        # httpx logs every request at INFO, including the in-memory replays of pages the
        # watcher already fetched, which read like second fetches; the poll lines say enough.
        logging.getLogger("httpx").setLevel(logging.WARNING)
    from corroborate.store import open_store

    if interval <= 0:
        print(f"error: --interval must be positive, got {interval}", file=sys.stderr)
        return 2
    try:
        feeds = load_feeds(feeds_path)
        store = open_store(db)
    except CorroborateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sinks: list[AlertSink] = [StdoutSink()]
    if alerts_jsonl:
        sinks.append(JsonlSink(alerts_jsonl))
    hook = WebhookSink(webhook) if webhook else None
    if hook is not None:
        sinks.append(hook)
    try:
        policy = FetchPolicy(allow_private=allow_private)
        watch(feeds, store, interval=interval, once=once, sinks=sinks, policy=policy)
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        if hook is not None:
            hook.close()
        store.close()
    return 0
