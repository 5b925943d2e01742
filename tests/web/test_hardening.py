"""Issue 13 on the web app: bounded parameters, ids with any character, typed errors with
security headers everywhere, checks before the body, jobs that keep what was good, the
fetch policy in ``serve``, and a worker that a trickling URL cannot hold."""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corroborate.ingest import guard
from corroborate.ingest.guard import FetchPolicy
from corroborate.present.web import create_app
from corroborate.store import open_store
from corroborate.types import Article
from tests.ingest.hostile_server import Hostile, hostile_server

HEADERS = ("x-content-type-options", "x-frame-options", "content-security-policy")
TOKEN = "t0ken"
TEXT = (
    "Dockworkers in Tarsk extended their strike on Thursday, union leader Dmitry Sokolov "
    "said, after police detained more than 300 people at the port gates. Sokolov told "
    "reporters that talks with the transport ministry had collapsed. The ministry said "
    "the port would reopen next week."
)
# (no "%": TestClient decodes the path twice; uvicorn decodes it once)
ODD_ID = "wire/2025/03?x=1#frag é+;"


@pytest.fixture()
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as c:
        yield c


@pytest.fixture()
def server() -> Iterator[Hostile]:
    with hostile_server() as site:
        yield site


def _secured(response: Any) -> None:
    for name in HEADERS:
        assert name in response.headers, (response.status_code, name)


def _error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    _secured(response)
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    return str(body["error"])


# ------------------------------------------------------------------ parameters and ids


@pytest.mark.parametrize(
    "url",
    [
        "/api/stories?offset=9223372036854775808",
        "/api/stories?offset=-1",
        "/api/stories?limit=100000000000000000000",
        "/api/entities?offset=9223372036854775808",
        "/api/entities?limit=0",
        "/api/stories?until=0",
        "/api/stories?since=1700000000",
        "/api/stories?since=2024-02-31",
        "/articles/x?start=99999999999999999999999",
        "/?page=9223372036854775808",
    ],
)
def test_out_of_range_parameters_are_422(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, response.text
    _secured(response)


def test_real_dates_still_filter(client: TestClient) -> None:
    assert client.get("/api/stories?since=2020-01-01&until=2030-12-31").status_code == 200


def test_ids_with_any_character_open(db_path: str) -> None:
    with open_store(db_path) as store:
        store.add_article(Article(id=ODD_ID, path="odd.txt", text=TEXT, title="Odd id"))
        store.put_stories([{"id": ODD_ID, "title": "Odd story", "article_ids": [ODD_ID]}])
    from urllib.parse import quote

    with TestClient(create_app(db_path)) as client:
        for encoded in (quote(ODD_ID, safe=""), quote(ODD_ID, safe="/")):
            article = client.get(f"/api/articles/{encoded}")
            assert article.status_code == 200, (encoded, article.text)
            assert article.json()["id"] == ODD_ID
            assert client.get(f"/articles/{encoded}").status_code == 200
            story = client.get(f"/api/stories/{encoded}")
            assert story.status_code == 200 and story.json()["story"]["id"] == ODD_ID
            assert client.get(f"/stories/{encoded}").status_code == 200
        assert "no article" in _error(client.get("/api/articles/nope/or/this"), 404)


# ------------------------------------------------------------------ typed errors, headers


def test_middleware_errors_are_json_with_security_headers(db_path: str) -> None:
    app = create_app(db_path, max_body=2000, allowed_hosts=["127.0.0.1", "testserver"])
    with TestClient(app) as client:
        big = client.post("/api/ingest", json={"text": "x" * 5000})
        assert "too large" in _error(big, 413)
        bad_length = client.post("/api/ingest", content=b"{}", headers={"content-length": "lots"})
        assert "Content-Length" in _error(bad_length, 400)
        host = client.get("/api/stories", headers={"host": "evil.example"})
        assert "Host" in _error(host, 400)
        _error(client.get("/api/nowhere"), 404)
        _error(client.delete("/api/stories"), 405)
        _error(client.post("/api/ingest", content=b"x", headers={"content-type": "a/b"}), 415)


def test_an_unexpected_error_is_a_json_500_with_headers(
    db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.store.sqlite import SQLiteStore

    def boom(self: Any, *a: Any, **k: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SQLiteStore, "search_stories", boom)
    with TestClient(create_app(db_path), raise_server_exceptions=False) as client:
        message = _error(client.get("/api/stories"), 500)
        assert message == "internal error (RuntimeError)"  # no detail leaks
        page = client.get("/")
        assert page.status_code == 500
        _secured(page)


def test_hostile_json_bodies_are_400_not_500(client: TestClient) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    assert "nested too deeply" in _error(
        client.post("/api/ingest", content=deep, headers={"content-type": "application/json"}),
        400,
    )
    huge = b'{"text": ' + b"9" * 5000 + b"}"
    _error(
        client.post("/api/ingest", content=huge, headers={"content-type": "application/json"}), 400
    )


# ------------------------------------------------------------------ checks before the body


def _drive(app: Any, path: str, headers: dict[str, str], chunks: list[bytes]) -> tuple[int, int]:
    """Call the ASGI app with a body in ``chunks``; return the status and how many chunks
    the app asked for."""
    asked = 0
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1
        if asked <= len(chunks):
            return {
                "type": "http.request",
                "body": chunks[asked - 1],
                "more_body": asked < len(chunks),
            }
        await asyncio.sleep(0)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(int(message["status"]))

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        + [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }
    asyncio.run(app(scope, receive, send))
    return status[0], asked


def _multipart(first: str, value: str) -> tuple[str, list[bytes]]:
    b = "XyZbOuNdArY"
    head = f'--{b}\r\nContent-Disposition: form-data; name="{first}"\r\n\r\n{value}\r\n'
    filler = (
        [f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'.encode()]
        + [b"y" * 1000 for _ in range(20)]
        + [f"\r\n--{b}--\r\n".encode()]
    )
    return f"multipart/form-data; boundary={b}", [head.encode(), *filler]


def test_cross_site_posts_are_refused_before_reading_the_body(db_path: str) -> None:
    app = create_app(db_path)
    ctype, chunks = _multipart("text", TEXT)
    for path in ("/upload", "/api/ingest"):
        status, asked = _drive(
            app, path, {"content-type": ctype, "sec-fetch-site": "cross-site"}, chunks
        )
        assert (status, asked) == (403, 0), path


def test_token_is_checked_before_the_rest_of_the_body(db_path: str) -> None:
    app = create_app(db_path, token=TOKEN)
    ctype, chunks = _multipart("token", "wrong")
    status, asked = _drive(app, "/upload", {"content-type": ctype}, chunks)
    assert status == 403 and asked <= 2  # the token part's end is in the second chunk
    ctype, chunks = _multipart("text", TEXT)  # the token must come first
    status, asked = _drive(app, "/upload", {"content-type": ctype}, chunks)
    assert status == 401 and asked <= 2
    assert _drive(app, "/api/ingest", {"content-type": ctype}, chunks) == (401, 0)
    with TestClient(app) as client:  # the right token, first: accepted and read whole
        ok = client.post("/upload", data={"token": TOKEN, "text": TEXT}, follow_redirects=False)
        assert ok.status_code == 303


# ------------------------------------------------------------------ jobs


def test_good_file_beside_bad_ones_is_kept(db_path: str) -> None:
    app = create_app(db_path)
    page = b"<html><body><p>" + " ".join(str(n * n) for n in range(3000)).encode()
    files = [
        ("file", ("good.txt", TEXT.encode(), "text/plain")),
        ("file", ("deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n", "text/plain")),
        ("file", ("cut.html.gz", gzip.compress(page)[:2000], "application/gzip")),
        ("file", ("x[/italic]e\x1b[31m.txt", b"\xff\xfe\x00", "text/plain")),
    ]
    with TestClient(app) as client:
        r = client.post("/api/ingest", files=files)
        assert r.status_code == 202, r.text
        snap = app.state.settings.jobs.wait(r.json()["job_id"], timeout=180)
    assert snap is not None and snap["status"] == "done", snap
    assert snap["summary"]["added"] == 1 and len(snap["article_ids"]) == 1
    assert len(snap["rejected"]) == 3


def test_feed_url_job_reports_its_articles(db_path: str) -> None:
    import httpx

    items = "".join(
        f"<item><title>Port story {n}</title><link>https://wire.example/p{n}</link></item>"
        for n in range(3)
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"{items}</channel></rss>"
    )

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed":
            return httpx.Response(200, text=feed, headers={"content-type": "application/rss+xml"})
        n = request.url.path[-1]
        body = f"<html><body><article><h1>Story {n}</h1><p>{TEXT} Item {n}.</p></article>"
        return httpx.Response(200, html=body)

    app = create_app(db_path, transport=httpx.MockTransport(handler))
    with TestClient(app) as client:
        r = client.post("/api/ingest", json={"url": "https://wire.example/feed"})
        snap = app.state.settings.jobs.wait(r.json()["job_id"], timeout=180)
    assert snap is not None and snap["status"] == "done", snap
    assert snap["error"] is None and len(snap["article_ids"]) >= 1
    assert snap["summary"]["added"] + snap["summary"]["merged"] == 3


# ------------------------------------------------------------------ fetch policy in serve


def _job(app: Any, client: TestClient, url: str) -> dict[str, Any]:
    r = client.post("/api/ingest", json={"url": url})
    assert r.status_code == 202, r.text
    snap = app.state.settings.jobs.wait(r.json()["job_id"], timeout=60)
    assert snap is not None
    return dict(snap)


def test_serve_refuses_urls_inside_its_network(
    db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = {
        "metadata.test": "169.254.169.254",
        "intranet.test": "10.20.30.40",
        "mapped.test": "::ffff:127.0.0.1",
        "router.test": "192.168.1.1",
        "self.test": "127.0.0.1",
    }
    monkeypatch.setattr(guard, "resolve", lambda host, port: [answers.get(host, host)])

    def no_socket(*a: Any, **k: Any) -> Any:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "create_connection", no_socket)
    app = create_app(db_path)
    with TestClient(app) as client:
        for url in [f"http://{h}/" for h in answers] + [
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:8000/api/stories",
            "http://0.0.0.0:8000/",
        ]:
            snap = _job(app, client, url)
            assert snap["status"] == "failed" and snap["article_ids"] == [], snap
            assert "refused to connect" in snap["rejected"][0]["reason"], snap


def test_serve_refuses_a_redirect_into_its_network(
    db_path: str, server: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        guard, "resolve", lambda host, port: ["169.254.169.254" if host == "meta.test" else host]
    )
    app = create_app(
        db_path, fetch_policy=FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}))
    )
    with TestClient(app) as client:
        ok = _job(app, client, server.base + "/page")  # the exempt address itself works
        assert ok["status"] == "done", ok["rejected"]
        for target in ("http://meta.test/latest", f"http://127.0.0.1:{server.port + 1}/"):
            snap = _job(app, client, f"{server.base}/redirect?to={target}")
            assert snap["status"] == "failed", snap
            assert "refused to connect" in snap["rejected"][0]["reason"]


def test_a_trickling_url_frees_the_worker_at_the_deadline(db_path: str, server: Hostile) -> None:
    policy = FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}), deadline=1.0)
    app = create_app(db_path, fetch_policy=policy)
    with TestClient(app) as client:
        started = time.monotonic()
        slow = client.post("/api/ingest", json={"url": server.base + "/trickle"}).json()
        nxt = client.post("/api/ingest", json={"text": TEXT, "title": "After the trickle"}).json()
        jobs = app.state.settings.jobs
        first = jobs.wait(slow["job_id"], timeout=30)
        freed = time.monotonic() - started
        second = jobs.wait(nxt["job_id"], timeout=180)
    assert first is not None and first["status"] == "failed"
    assert "deadline" in first["rejected"][0]["reason"]
    assert freed < 3.0  # 1 s deadline, plus the job's own bookkeeping
    assert second is not None and second["status"] == "done"
