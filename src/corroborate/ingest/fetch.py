"""URLs and feed URLs over HTTP, through an injectable ``httpx`` transport.

Tests pass ``httpx.MockTransport`` so they never touch the network. Connect errors,
timeouts and 5xx answers are retried with exponential backoff. Every fetch obeys the
fetch policy (:mod:`corroborate.ingest.guard`: public addresses only, checked on the
connected address, for every redirect) and the limits of :mod:`corroborate.ingest.limits`:
a total deadline per fetch, a cap on the response bytes before and after decompression,
and a cap on redirects. Nothing raises: every failure is a :class:`Rejection`.
"""

from __future__ import annotations

import ipaddress
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace

import httpx

from corroborate.ingest.base import Items, reject
from corroborate.ingest.feed import Feed, entry_document, parse_feed
from corroborate.ingest.guard import AddressRefused, Deadline, FetchPolicy, guarded_transport
from corroborate.ingest.html import extract_html
from corroborate.ingest.limits import mb
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
_CHUNK = 65536

sleep: Callable[[float], None] = time.sleep  # replaced in tests


def is_url(value: str) -> bool:
    """True for http(s) addresses."""
    return value.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Page:
    """A fetched response: final URL, status, headers and the decompressed body (empty
    for 3xx/4xx/5xx answers, whose bodies are never read)."""

    url: str
    status: int
    reason: str
    headers: httpx.Headers
    content: bytes
    charset: str | None = None


class FetchError(Exception):
    """One fetch attempt failed; ``permanent``: retrying will not help."""

    def __init__(self, reason: str, permanent: bool = False, hint: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.hint = hint


class Fetcher:
    """Fetches pages and feeds; every failure becomes a :class:`Rejection`.

    ``policy``: where fetches may connect, and the limits (default: public addresses
    only, :mod:`corroborate.ingest.limits`). With a
    custom ``transport`` (tests) the policy still refuses non-http(s) schemes and
    IP-literal hosts it forbids; host names are checked by the default transport only.
    """

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        timeout: float = TIMEOUT_S,
        retries: int = RETRIES,
        backoff: float = BACKOFF_S,
        *,
        policy: FetchPolicy | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._deadline = Deadline()
        self.deadline_s = self.policy.deadline
        self.max_bytes = self.policy.max_bytes
        self.max_redirects = self.policy.max_redirects
        if transport is None:
            transport = guarded_transport(self.policy, self._deadline)
        self.client = httpx.Client(
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False,
            trust_env=False,
        )
        self.retries = max(1, retries)
        self.backoff = backoff

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()

    # ------------------------------------------------------------------ one fetch
    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Page:
        """One GET (redirects followed, each checked); raises :class:`FetchError`."""
        self._deadline.start(self.deadline_s)
        started = time.monotonic()
        try:
            return self._fetch(url, headers or {})
        except FetchError:
            raise
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL ({exc})", True, "check the address") from exc
        except httpx.UnsupportedProtocol as exc:
            raise FetchError(
                f"only http and https addresses are fetched ({exc})", True, "check the address"
            ) from exc
        except httpx.TimeoutException as exc:
            if time.monotonic() - started >= self.deadline_s * 0.99:
                raise FetchError(
                    f"the fetch took longer than the {self.deadline_s:g} s deadline",
                    True,
                    "the server is too slow; try again later or save the page",
                ) from exc
            raise FetchError(f"{type(exc).__name__}: {exc or 'timed out'}") from exc
        except httpx.TransportError as exc:
            if isinstance(exc.__cause__, AddressRefused):
                raise FetchError(
                    str(exc),
                    True,
                    "the server never fetches inside its own network (loopback, private, "
                    "link-local and reserved addresses); pass --allow-private on the command "
                    "line to allow it",
                ) from exc
            raise FetchError(f"{type(exc).__name__}: {exc or 'no detail'}") from exc
        except httpx.HTTPError as exc:  # decoding, protocol and other request errors
            raise FetchError(f"{type(exc).__name__}: {exc or 'no detail'}", True) from exc
        except (OSError, ValueError, UnicodeError) as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}", True) from exc
        finally:
            self._deadline.start(None)

    def _fetch(self, url: str, headers: dict[str, str]) -> Page:
        request = self.client.build_request("GET", url, headers=headers)
        for _ in range(self.max_redirects + 1):
            self._check(request.url)
            response = self.client.send(request, stream=True)
            try:
                following = response.next_request
                if following is None:
                    content = b""
                    if response.status_code < 300:
                        content = self._body(response)
                    return Page(
                        str(response.url),
                        response.status_code,
                        response.reason_phrase,
                        response.headers,
                        content,
                        response.charset_encoding,
                    )
            finally:
                response.close()  # a redirect's body is never read
            request = following
        raise FetchError(
            f"more than {self.max_redirects} redirects (a redirect loop?)",
            True,
            "check the address in a browser",
        )

    def _check(self, url: httpx.URL) -> None:
        if url.scheme not in ("http", "https"):
            raise FetchError(
                f"refused to fetch {url}: only http and https are fetched", True, "check the link"
            )
        host = url.host
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return  # a name: the transport resolves and checks it
        why = self.policy.problem(host, url.port or (443 if url.scheme == "https" else 80))
        if why:
            raise FetchError(
                f"refused to connect to {host}: {why}",
                True,
                "the server never fetches inside its own network; pass --allow-private on "
                "the command line to allow it",
            )

    def _body(self, response: httpx.Response) -> bytes:
        """The body, decompressed, within the byte cap and the deadline."""
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if response.is_stream_consumed:  # an in-memory response (MockTransport): decoded
            encoding, chunks = "identity", iter([response.content])
        else:
            chunks = response.iter_raw(_CHUNK)
        inflater = _Inflater(encoding, self.max_bytes)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise TooLargeError(self.max_bytes, f"Content-Length {declared}")
        raw = 0
        for chunk in chunks:
            raw += len(chunk)
            if raw > self.max_bytes:
                raise TooLargeError(self.max_bytes, "the response")
            inflater.feed(chunk)
            left = self._deadline.left()
            if left is not None and left <= 0:
                raise httpx.ReadTimeout("the fetch deadline has passed")
        return inflater.finish()

    # ------------------------------------------------------------------ with retries
    def get(self, url: str) -> Page | Rejection:
        """GET with retries on connect errors, timeouts and 5xx; 4xx is final."""
        problem = ""
        for attempt in range(self.retries):
            if attempt:
                sleep(self.backoff * 2 ** (attempt - 1))
            try:
                page = self.fetch(url)
            except FetchError as exc:
                if exc.permanent:
                    return reject(url, f"{exc.reason} ({url})", exc.hint or "check the address")
                problem = f"could not reach {url} ({exc.reason})"
                continue
            if page.status >= 500:
                problem = f"HTTP {page.status} {page.reason} from {url}"
                continue
            if page.status >= 300:
                return reject(
                    url,
                    f"HTTP {page.status} {page.reason} from {url}",
                    "check the address; the page may be gone or need a login",
                )
            return page
        return reject(
            url,
            f"{problem} after {self.retries} attempts",
            "check the address and the connection, or try again later",
        )

    def read(self, url: str) -> Items:
        """Yield the document(s) at a URL: one page, or every entry of a feed."""
        page = self.get(url)
        if isinstance(page, Rejection):
            yield page
            return
        kind = _kind(page)
        if kind == "html":
            html = _text(page)
            if html is None:
                yield reject(url, f"cannot decode the page from {url}", "check the page encoding")
                return
            doc = extract_html(html, url, url=page.url)
            yield replace(doc, format="url") if isinstance(doc, RawDocument) else doc
        elif kind == "feed":
            feed = parse_feed(page.content, url)
            if isinstance(feed, Rejection):
                yield feed
                return
            yield from self._feed_entries(feed)
        else:
            ctype = page.headers.get("content-type", "unknown")
            yield reject(
                url,
                f"not an HTML page or feed (HTTP {page.status}, Content-Type {ctype})",
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
        page = self.get(url)
        if isinstance(page, Rejection):
            yield page
            return
        html = _text(page) if _kind(page) == "html" else None
        if html is None:
            ctype = page.headers.get("content-type", "unknown")
            yield reject(url, f"not an HTML page (Content-Type {ctype})", "check the link")
            return
        doc = extract_html(html, url, url=page.url)
        yield replace(doc, format="url") if isinstance(doc, RawDocument) else doc


class TooLargeError(FetchError):
    """The response passed the byte cap."""

    def __init__(self, cap: int, what: str) -> None:
        super().__init__(
            f"{what} is larger than the {mb(cap)} limit",
            True,
            "save the page and give a smaller file, or give the article text",
        )


class _Inflater:
    """Decompresses a Content-Encoding incrementally, never past ``cap`` bytes out."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.encoding = encoding
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0
        self._z: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding not in ("identity", ""):
            raise FetchError(
                f"unsupported Content-Encoding {encoding!r}", True, "the server answered oddly"
            )
        self._started = False

    def _out(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise TooLargeError(self.cap, "the decompressed response")
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self._z is None:
            self._out(chunk)
            return
        data = chunk
        while data:
            try:
                out = self._z.decompress(data, self.cap + 1 - self.size)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self._started:
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, no header
                    self._started = True
                    continue
                raise FetchError(
                    f"the response says Content-Encoding {self.encoding} but its body is not "
                    f"{self.encoding} ({exc})",
                    True,
                    "the server sent a broken response; try again later",
                ) from exc
            self._started = True
            self._out(out)
            if self._z.eof:  # another gzip member may follow
                data = self._z.unused_data
                if data:
                    self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                data = self._z.unconsumed_tail

    def finish(self) -> bytes:
        if self._z is not None and not self._z.eof and self._started:
            self._out(self._z.flush())
        return b"".join(self.parts)


def read_url(
    url: str, transport: httpx.BaseTransport | None = None, policy: FetchPolicy | None = None
) -> Items:
    """Fetch one URL (page or feed) and yield its documents."""
    fetcher = Fetcher(transport, policy=policy)
    try:
        yield from fetcher.read(url)
    finally:
        fetcher.close()


def _kind(page: Page) -> str:
    ctype = page.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in _HTML_TYPES:
        return "html"
    if ctype in _FEED_TYPES:
        sniffed = sniff_bytes(page.content[:4096])
        return "html" if sniffed.kind == "html" else "feed"
    if ctype in _GENERIC_TYPES:
        sniffed = sniff_bytes(page.content[:4096])
        if sniffed.kind in ("html", "feed"):
            return sniffed.kind
    return "other"


def _text(page: Page) -> str | None:
    if page.charset:
        try:
            return page.content.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(page.content, html=True)
