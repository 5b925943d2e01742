"""Polite HTTP: per-host spacing, robots.txt, conditional requests.

:class:`PoliteFetcher` wraps the project's :class:`~corroborate.ingest.fetch.Fetcher`
(its ``httpx`` client and injectable transport) and adds:

- a minimum interval between two requests to one host (``scheme://host:port``), raised to
  the host's robots.txt ``Crawl-delay`` when that is longer;
- robots.txt (``urllib.robotparser``), fetched once per host and cached for ``robots_ttl``
  seconds: a 4xx robots.txt allows everything, a 5xx or unreachable one disallows the
  host until the cache expires (RFC 9309 §2.3.1.3/4);
- ``If-None-Match`` / ``If-Modified-Since`` from validators the caller kept; ``304`` is
  returned as ``not_modified`` with no body;
- the Fetcher's fetch policy (public addresses only unless ``policy`` allows more) and
  limits (deadline, byte caps, redirects).

Nothing raises: every outcome is a :class:`FetchResult`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from corroborate.ingest.fetch import USER_AGENT, Fetcher, FetchError
from corroborate.ingest.guard import FetchPolicy

__all__ = ["FetchResult", "Outcome", "PoliteFetcher", "host_of"]

log = logging.getLogger("corroborate.watch")

#: Product token matched against robots.txt ``User-agent`` lines.
ROBOTS_AGENT = USER_AGENT.split("/", 1)[0]

Outcome = Literal["ok", "not_modified", "disallowed", "failed"]


@dataclass(frozen=True)
class FetchResult:
    """What one polite GET gave. ``permanent`` marks failures not worth retrying (4xx)."""

    url: str
    outcome: Outcome
    status: int = 0
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    reason: str = ""
    permanent: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def host_of(url: str) -> str:
    """``scheme://netloc`` of a URL, the unit of rate limiting and robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: everything disallowed (robots.txt unreachable)
    expires: float
    why: str = ""


class PoliteFetcher:
    """GETs through the project's Fetcher, spaced per host and filtered by robots.txt."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        min_interval: float = 1.0,
        timeout: float = 10.0,
        robots_ttl: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        policy: FetchPolicy | None = None,
    ) -> None:
        self.fetcher = Fetcher(transport, timeout=timeout, retries=1, policy=policy)
        self.min_interval = min_interval
        self.robots_ttl = robots_ttl
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}

    def close(self) -> None:
        """Close the HTTP client."""
        self.fetcher.close()

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- public
    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url`` politely; send the validators when given."""
        why = self.disallowed(url)
        if why:
            return FetchResult(url, "disallowed", reason=why, permanent=True)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers)

    def disallowed(self, url: str) -> str:
        """Why robots.txt forbids ``url`` ("" when allowed)."""
        robots = self._robots_for(host_of(url))
        if robots.parser is None:
            return robots.why
        if not robots.parser.can_fetch(ROBOTS_AGENT, url):
            return f"disallowed by {host_of(url)}/robots.txt"
        return ""

    def interval(self, host: str) -> float:
        """Minimum seconds between two requests to ``host``."""
        robots = self._robots.get(host)
        delay = robots.parser.crawl_delay(ROBOTS_AGENT) if robots and robots.parser else None
        return max(self.min_interval, float(delay or 0))

    # ---------------------------------------------------------------- internals
    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + self.interval(host) - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def _get(self, url: str, headers: dict[str, str]) -> FetchResult:
        self._wait_turn(host_of(url))
        try:
            page = self.fetcher.fetch(url, headers)
        except FetchError as exc:
            return FetchResult(url, "failed", reason=exc.reason, permanent=exc.permanent)
        finally:
            self._last[host_of(url)] = self._clock()  # spacing counts from the end too
        info = dict(page.headers.items())
        status = page.status
        if status == 304:
            return FetchResult(url, "not_modified", status, headers=info)
        if status >= 300:
            return FetchResult(
                url,
                "failed",
                status,
                headers=info,
                reason=f"HTTP {status} {page.reason}",
                permanent=400 <= status < 500 and status not in (408, 429),
            )
        return FetchResult(url, "ok", status, page.content, info)

    def _robots_for(self, host: str) -> _Robots:
        cached = self._robots.get(host)
        now = self._clock()
        if cached is not None and cached.expires > now:
            return cached
        result = self._get(f"{host}/robots.txt", {})
        parser: RobotFileParser | None = RobotFileParser()
        why = ""
        ttl = self.robots_ttl
        if result.outcome == "ok":
            assert parser is not None
            text = result.content.decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        elif result.permanent and 400 <= result.status < 500:  # no robots.txt: all allowed
            assert parser is not None
            parser.parse([])
        else:
            parser = None
            why = f"robots.txt of {host} unavailable ({result.reason}): host skipped for now"
            ttl = min(ttl, 600.0)
            log.warning("%s", why)
        robots = _Robots(parser, now + ttl, why)
        self._robots[host] = robots
        return robots
