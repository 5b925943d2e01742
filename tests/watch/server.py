"""A real HTTP server on 127.0.0.1 (ephemeral port) for the watch tests.

Routes are set per test; every request is logged with its arrival time (server side) and
headers. Routes can answer with an ETag and/or Last-Modified and honour conditional
requests, delay (to make a client time out), or fail with a status.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "watch"


@dataclass
class Route:
    body: bytes
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    etag: bool = False
    last_modified: str | None = None
    delay: float = 0.0


@dataclass
class Hit:
    at: float  # time.monotonic() on arrival
    method: str
    path: str
    headers: dict[str, str]
    status: int = 0
    body: bytes = b""


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    base: str = ""

    def set(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def fixture(self, path: str, name: str, ctype: str, **kw: Any) -> None:
        """Serve fixture file ``name`` (``{base}`` replaced by this server's address)."""
        text = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", self.base)
        self.set(path, Route(text.encode("utf-8"), ctype, **kw))

    def requests(self, path: str | None = None, method: str = "GET") -> list[Hit]:
        return [h for h in self.hits if h.method == method and (path is None or h.path == path)]

    def posted(self, path: str) -> list[Any]:
        return [json.loads(h.body) for h in self.requests(path, "POST")]


def make_handler(state: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return None

        def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self) -> None:
            hit = Hit(time.monotonic(), "GET", self.path, dict(self.headers.items()))
            state.hits.append(hit)
            route = state.routes.get(self.path)
            if route is None:
                hit.status = 404
                self._answer(404, b"not found", {"Content-Type": "text/plain"})
                return
            if route.delay:
                time.sleep(route.delay)
            headers = {"Content-Type": route.ctype}
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            if route.etag:
                headers["ETag"] = etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            fresh = (route.etag and self.headers.get("If-None-Match") == etag) or (
                route.last_modified is not None
                and self.headers.get("If-None-Match") is None
                and self.headers.get("If-Modified-Since") == route.last_modified
            )
            hit.status = 304 if fresh and route.status == 200 else route.status
            body = b"" if hit.status == 304 else route.body
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(hit.status, body, headers)  # the client may have given up

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            hit = Hit(time.monotonic(), "POST", self.path, dict(self.headers.items()), body=body)
            state.hits.append(hit)
            route = state.routes.get(self.path)
            hit.status = route.status if route else 404
            self._answer(hit.status, b"{}", {"Content-Type": "application/json"})

    return Handler


class Running:
    """Context manager: a started server and its state."""

    def __init__(self) -> None:
        self.state = Site()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.state))
        self.httpd.daemon_threads = True
        host, port = self.httpd.server_address[:2]
        self.state.base = f"http://{host!s}:{port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self.state

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
