"""Security pieces of the web app: body size limit, write token, same-origin writes,
loopback check and response headers.

The threat model: the app usually runs on an analyst's machine (loopback, no token), and
sometimes on a shared host (any address, token required). Article text is untrusted and
is always escaped (Jinja2 autoescape); these pieces cover the rest.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import re
from collections.abc import Iterable
from html import unescape as html_unescape
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "MAX_BODY_BYTES",
    "BodyLimitMiddleware",
    "ErrorMiddleware",
    "HostMiddleware",
    "SecurityHeadersMiddleware",
    "check_token",
    "csp_header",
    "is_loopback",
    "same_origin",
]

#: Largest request body accepted (uploads included), in bytes.
MAX_BODY_BYTES = 5 * 1024 * 1024

log = logging.getLogger(__name__)

_HANDLER = re.compile(r'\s(on[a-z]+)\s*=\s*"([^"]*)"', re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_token(expected: str | None, given: str | None) -> bool:
    """True when no token is configured, or ``given`` equals it (constant time)."""
    if not expected:
        return True
    if not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def same_origin(origin: str | None, host: str | None, fetch_site: str | None = None) -> bool:
    """False when a browser says the request comes from another site than this one.

    Browsers send ``Origin`` on POSTs; a form on another web site posting to this app
    (cross-site request forgery) has an ``Origin`` whose host differs from ``Host``.
    ``Sec-Fetch-Site`` decides when the browser sends it. Requests with neither (curl,
    scripts) pass; the token guards those.
    """
    if fetch_site:  # Sec-Fetch-Site, sent by current browsers, says it outright
        return fetch_site.lower() in ("same-origin", "none")
    if not origin:
        return True
    if origin == "null":
        return False
    parts = urlsplit(origin)
    return bool(host) and parts.netloc.lower() == (host or "").lower()


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def csp_header(inline_scripts: Iterable[str] = (), handlers: Iterable[str] = ()) -> str:
    """Content-Security-Policy: own scripts and styles only, plus the hashes of trusted
    inline scripts and event-handler attributes (those of the report fragment)."""
    sources = ["'self'", *sorted({_hash(s) for s in inline_scripts})]
    handler_hashes = sorted({_hash(h) for h in handlers})
    if handler_hashes:
        sources += ["'unsafe-hashes'", *handler_hashes]
    script_src = " ".join(sources)
    return (
        "default-src 'self'; "
        f"script-src {script_src}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


def inline_scripts(html: str) -> list[str]:
    """Bodies of the inline ``<script>`` elements of an HTML fragment."""
    return [m.group(1) for m in _SCRIPT.finditer(html) if m.group(1).strip()]


def inline_handlers(html: str) -> list[str]:
    """Values of the ``on…="…"`` event-handler attributes of an HTML fragment."""
    return [html_unescape(m.group(2)) for m in _HANDLER.finditer(html)]


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuse bodies over ``max_bytes`` with 413, before reading them whole.

    A declared ``Content-Length`` over the limit is refused at once; a chunked or lying
    body is counted while it streams and cut off as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await self._error(send, 400, "invalid Content-Length header")
                    return
                if declared > self.max_bytes:
                    await self._too_large(send)
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        mb = self.max_bytes / (1024 * 1024)
        await self._error(
            send,
            413,
            f"request body too large: the limit is {self.max_bytes} bytes ({mb:g} MB); "
            "split the upload into smaller files",
        )

    @staticmethod
    async def _error(send: Send, status: int, message: str) -> None:
        await send_error(send, status, message)


async def send_error(send: Send, status: int, message: str) -> None:
    """A JSON error response ``{"error": message}`` sent straight from a middleware."""
    body = json.dumps({"error": message}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HostMiddleware:
    """Refuse a ``Host`` header not in ``allowed`` with 400 (DNS rebinding), as JSON."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = ""
            for name, value in scope.get("headers", []):
                if name == b"host":
                    host = value.decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if host not in self.allowed and name not in self.allowed:
                message = "invalid Host header: this server answers loopback names only"
                await send_error(send, 400, message)
                return
        await self.app(scope, receive, send)


class ErrorMiddleware:
    """Any unhandled exception becomes a JSON 500 ``{"error": ...}`` (logged), never a
    plain-text page or a dropped connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log.exception("unhandled error on %s", scope.get("path"))
            if not started:
                await send_error(send, 500, f"internal error ({type(exc).__name__})")


class SecurityHeadersMiddleware:
    """Add no-sniff, no-framing, same-origin referrer and a default CSP to every response
    (the outermost middleware: errors from the others get them too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = {
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"referrer-policy": b"same-origin",
                    b"content-security-policy": csp_header().encode(),
                }
                headers += [(k, v) for k, v in extra.items() if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
