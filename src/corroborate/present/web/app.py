"""The web app: server-rendered pages and a JSON API under ``/api/`` over one store.

``create_app(store_url)`` builds the FastAPI app (each request opens its own store
connection; ingestion runs on a background worker with its own). ``serve_command`` is
what ``corroborate serve`` runs.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from corroborate.errors import CorroborateError, StoreError
from corroborate.ingest.guard import FetchPolicy
from corroborate.present.web.changes import mark_seen, seen_snapshot
from corroborate.present.web.jobs import JobManager
from corroborate.present.web.security import (
    MAX_BODY_BYTES,
    BodyLimitMiddleware,
    ErrorMiddleware,
    HostMiddleware,
    SecurityHeadersMiddleware,
    is_loopback,
)
from corroborate.store import Store, open_store

__all__ = ["Settings", "create_app", "serve_command"]

HERE = Path(__file__).resolve().parent
TOKEN_ENV = "CORROBORATE_TOKEN"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]


@dataclass
class Settings:
    """What every request handler needs (kept on ``app.state.settings``)."""

    store_url: str
    token: str | None
    upload_dir: Path
    jobs: JobManager
    max_body: int

    def store(self) -> Iterator[Store]:
        """A store connection for one request (a FastAPI dependency)."""
        store = open_store(self.store_url)
        try:
            yield store
        finally:
            store.close()


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error_message(errors: Sequence[Any]) -> str:
    parts = []
    for err in errors:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "invalid fields: " + "; ".join(parts)


def create_app(
    store_url: str,
    *,
    token: str | None = None,
    transport: httpx.BaseTransport | None = None,
    max_body: int = MAX_BODY_BYTES,
    allowed_hosts: Sequence[str] | None = None,
    fetch_policy: FetchPolicy | None = None,
) -> FastAPI:
    """The web app over the store at ``store_url`` (a SQLite file path or ``sqlite:///``).

    ``token``: required (Bearer / ``X-Corroborate-Token`` / form field) by every write
    endpoint when set. ``transport``: the HTTP transport for URL ingestion (tests pass an
    ``httpx.MockTransport``). ``max_body``: largest request body in bytes.
    ``allowed_hosts``: accepted ``Host`` headers (None = any; ``serve`` restricts a
    loopback server to loopback names, against DNS rebinding).
    """
    if store_url.strip() == ":memory:":
        raise StoreError(
            ":memory: cannot be served (every request opens its own connection); "
            "give a database file path"
        )
    with open_store(store_url) as store:  # create / migrate now, fail early on a bad path
        if seen_snapshot(store)[0] is None:  # "what changed" starts when first served
            mark_seen(store)
    upload_dir = Path(tempfile.mkdtemp(prefix="corroborate-uploads-"))
    jobs = JobManager(store_url, transport=transport, policy=fetch_policy or FetchPolicy())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            jobs.shutdown()
            shutil.rmtree(upload_dir, ignore_errors=True)

    app = FastAPI(
        title="Corroborate",
        version="1",
        summary="Where outlets agree, disagree or stand alone on one story, with provenance.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = Settings(store_url, token or None, upload_dir, jobs, max_body)

    from corroborate.present.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        if exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
        if _wants_json(request):
            return JSONResponse({"error": message}, exc.status_code, headers=exc.headers)
        return pages.error_page(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            status, message = 400, "malformed JSON in the request body"
        else:
            status, message = 422, _error_message(errors)
        if _wants_json(request):
            return JSONResponse({"error": message, "details": _plain(errors)}, status)
        return pages.error_page(request, status, message)

    @app.exception_handler(CorroborateError)
    async def store_error(request: Request, exc: CorroborateError) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": str(exc)}, 500)
        return pages.error_page(request, 500, str(exc))

    # the last added is the outermost: security headers go on every response, the
    # 400/413/500 answers of the inner middlewares included
    if allowed_hosts is not None:
        app.add_middleware(HostMiddleware, allowed=list(allowed_hosts))
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body)
    app.add_middleware(ErrorMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def _plain(errors: list[Any]) -> list[dict[str, Any]]:
    """Validation errors as plain JSON (no exception objects in ``ctx``)."""
    return [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg")), "type": e.get("type")}
        for e in errors
    ]


_USERINFO_PASSWORD = re.compile(
    r"^(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:@/?#]*):(?P<password>.*)@(?P<tail>[^@]*)$", re.S
)
_QUERY_PASSWORD = re.compile(r"(?P<key>[?&]password=)[^&#]*", re.I)


def redact_url(url: str) -> str:
    """``url`` with its password replaced by ``***`` (``postgresql://user:***@host/db``),
    in the user-info part and in a ``password=`` query parameter; other text unchanged."""
    m = _USERINFO_PASSWORD.match(url)
    if m:
        url = f"{m['head']}:***@{m['tail']}"
    return _QUERY_PASSWORD.sub(r"\g<key>***", url)


def serve_command(db: str, host: str, port: int, token: str | None) -> None:
    """Run the web app with uvicorn (what ``corroborate serve`` does).

    ``token`` falls back to ``$CORROBORATE_TOKEN``. Bound beyond loopback, a token is
    required: without one this refuses to start (exit status 2).
    """
    import uvicorn

    token = token or os.environ.get(TOKEN_ENV) or None
    loopback = is_loopback(host)
    if not loopback and not token:
        print(
            f"error: serving on {host} exposes the store beyond this machine; give a token "
            f"with --token or ${TOKEN_ENV} (write endpoints then require it), or bind to "
            "127.0.0.1",
            file=sys.stderr,
        )
        raise SystemExit(2)
    try:
        app = create_app(db, token=token, allowed_hosts=LOOPBACK_HOSTS if loopback else None)
    except CorroborateError as exc:
        message = str(exc).replace(db, redact_url(db)) if db else str(exc)
        print(f"error: {redact_url(message)}", file=sys.stderr)
        raise SystemExit(2) from exc
    shown = f"[{host}]" if ":" in host else host
    print(
        f"Corroborate serving {redact_url(db)} on http://{shown}:{port}/ (Ctrl+C stops)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
