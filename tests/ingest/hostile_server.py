"""A hostile HTTP server on 127.0.0.1 (ephemeral port) for the fetch-policy tests.

Routes: ``/page`` (a small article), ``/redirect?to=URL`` (302), ``/loop`` (redirects to
itself), ``/badgzip`` (``Content-Encoding: gzip``, body not gzip), ``/bomb`` (a gzip body
inflating to ``BOMB_BYTES``), ``/big`` (``BIG_BYTES`` of HTML), ``/huge`` (a streamed
body), ``/trickle`` (one byte
every ``TRICKLE_EVERY`` seconds, at most ``TRICKLE_BYTES`` bytes). Every loop is bounded.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PAGE = (
    b"<html><head><title>Pier reopens</title></head><body><article><h1>Pier reopens</h1>"
    b"<p>The north pier reopened on Monday after three weeks of storm repairs, the port "
    b"authority said. Ferries will use it again from Wednesday.</p>"
    b"<p>Engineers replaced forty of the wooden piles and resurfaced the deck, and the "
    b"repairs cost less than the council had feared, a spokeswoman said.</p>"
    b"<p>Fishing boats moored at the south quay during the works will move back next "
    b"week, when the harbour master lifts the last restrictions.</p>"
    b"</article></body></html>"
)
BOMB_BYTES = 8 * 1024 * 1024
BIG_BYTES = 4 * 1024 * 1024
TRICKLE_EVERY = 0.2
TRICKLE_BYTES = 200


@lru_cache(maxsize=4)
def gzip_bomb(size: int, head: bytes = b"<html><body><p>") -> bytes:
    """A gzip member of ``head`` + ``size`` letters: about 1,000 times smaller than it
    inflates to."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [z.compress(head)]
    block = b"a" * (1024 * 1024)
    for _ in range(size // len(block)):
        out.append(z.compress(block))
    out.append(z.flush())
    return b"".join(out)


@dataclass
class Hostile:
    """The running server: its base URL, port, and the paths it was asked for."""

    base: str
    port: int
    hits: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


def _handler(state: Hostile, bomb: bytes, huge: int) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            return None

        def _send(self, status: int, body: bytes, **headers: str) -> None:
            self.send_response(status)
            headers.setdefault("Content-Type", "text/html; charset=utf-8")
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            state.hits.append(parts.path)
            if parts.path == "/page":
                self._send(200, PAGE)
            elif parts.path == "/redirect":
                target = parse_qs(parts.query).get("to", ["/page"])[0]
                self._send(302, b"", Location=target)
            elif parts.path == "/loop":
                self._send(302, b"", Location="/loop")
            elif parts.path == "/badgzip":
                self._send(200, PAGE, Content_Encoding="gzip")
            elif parts.path == "/bomb":
                self._send(200, bomb, Content_Encoding="gzip")
            elif parts.path == "/big":
                self._send(200, b"<html><body><p>" + b"b" * BIG_BYTES)
            elif parts.path == "/huge":  # streamed, never held whole
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(huge))
                self.end_headers()
                block = b"h" * (1 << 20)
                try:
                    for _ in range(huge // len(block)):
                        self.wfile.write(block)
                except OSError:
                    return
            elif parts.path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(TRICKLE_BYTES))
                self.end_headers()
                for _ in range(TRICKLE_BYTES):
                    if state.stop.wait(TRICKLE_EVERY):
                        return
                    try:
                        self.wfile.write(b"x")
                        self.wfile.flush()
                    except OSError:
                        return
            else:
                self._send(404, b"not here")

    return Handler


@contextmanager
def hostile_server(bomb_bytes: int = BOMB_BYTES, huge_bytes: int = 0) -> Iterator[Hostile]:
    """Serve the hostile routes on 127.0.0.1 while the block runs (``/huge``: a plain
    body of ``huge_bytes``, streamed)."""
    bomb = gzip_bomb(bomb_bytes)
    state = Hostile(base="", port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state, bomb, huge_bytes))
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]  # clients hang up early on purpose
    state.port = int(httpd.server_address[1])
    state.base = f"http://127.0.0.1:{state.port}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
        time.sleep(0)
