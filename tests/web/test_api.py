"""The JSON API and the HTML pages through FastAPI's TestClient, over a store filled by
the runner from the bundled example (plus one hostile article)."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from corroborate.present.web import create_app, serve_command
from corroborate.present.web.jobs import safe_suffix, stage_file
from corroborate.store.search import fts_query

from .conftest import (
    XSS_ARTICLE_ID,
    XSS_ENTITY_ID,
    XSS_IMG,
    XSS_SCRIPT,
    XSS_STORY_ID,
)

TOKEN = "s3cret-token"
PASTED = (
    "Dockworkers in Tarsk extended their strike on Thursday, union leader Dmitry Sokolov "
    "said, after police detained more than 300 people at the port gates. Sokolov told "
    "reporters that talks with the transport ministry had collapsed. The ministry said "
    "the port would reopen next week. Shipping lines have diverted vessels to other ports."
)
PAGE_HTML = (
    "<html><head><title>Port talks collapse</title>"
    '<meta property="og:site_name" content="Mock Post">'
    '<meta property="article:published_time" content="2025-03-14"></head><body><article>'
    "<h1>Port talks collapse</h1>"
    "<p>Talks between the Tarsk dockworkers and the transport ministry collapsed on "
    "Friday, union leader Dmitry Sokolov said.</p><p>Police said about 250 people had "
    "been detained since the strike began, and the port remains closed to shipping.</p>"
    "<p>The ministry said it would propose a new pay offer next week.</p>"
    "</article></body></html>"
)


@pytest.fixture()
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as c:
        yield c


def _story_id(client: TestClient) -> str:
    stories = client.get("/api/stories", params={"q": "Sokolov"}).json()["stories"]
    assert stories, "the example story should be found by a name in it"
    return str(stories[0]["id"])


# ------------------------------------------------------------------ read endpoints


def test_list_stories_and_filters(client: TestClient) -> None:
    everything = client.get("/api/stories").json()
    assert everything["total"] == 2
    ids = {s["id"] for s in everything["stories"]}
    assert XSS_STORY_ID in ids
    # full-text search over titles, article texts and entity names
    found = client.get("/api/stories", params={"q": "dockworkers"}).json()["stories"]
    assert [s["id"] for s in found] and XSS_STORY_ID not in {s["id"] for s in found}
    assert client.get("/api/stories", params={"q": "Dmitri"}).json()["total"] == 1  # alias
    assert client.get("/api/stories", params={"q": "nonexistentword"}).json()["total"] == 0
    # FTS syntax typed by a user is just words
    assert client.get("/api/stories", params={"q": 'NEAR("x" OR) *:'}).status_code == 200
    # outlet, dates, conflicts
    by_outlet = client.get("/api/stories", params={"outlet": "Harbour Daily"}).json()
    assert by_outlet["total"] == 1 and "Harbour Daily" in by_outlet["stories"][0]["outlets"]
    assert client.get("/api/stories", params={"since": "2025-01-01"}).json()["total"] == 1
    assert client.get("/api/stories", params={"until": "2024-12-31"}).json()["total"] == 1
    assert (
        client.get("/api/stories", params={"since": "2026-01-01", "until": "2026-02-01"}).json()[
            "total"
        ]
        == 0
    )
    conflicted = client.get("/api/stories", params={"conflicts": "true"}).json()["stories"]
    assert all(s["n_conflicts"] > 0 for s in conflicted) and conflicted
    assert client.get("/api/stories", params={"limit": 1}).json()["stories"].__len__() == 1


def test_story_entity_article_endpoints(client: TestClient) -> None:
    sid = _story_id(client)
    body = client.get(f"/api/stories/{sid}").json()
    story, articles = body["story"], body["articles"]
    assert {
        "id",
        "title",
        "article_ids",
        "entities",
        "figures",
        "claims",
        "quotes",
        "timeline",
    } <= set(story)
    assert {a["outlet"] for a in articles} == {"Harbour Daily", "Northern Wire", "Coastal Gazette"}
    entities = client.get("/api/entities").json()
    assert entities["total"] >= 1
    person = next(e for e in story["entities"] if e["type"] == "PERSON")
    one = client.get(f"/api/entities/{person['id']}").json()
    assert one["name"] == person["name"] and one["stories"][0]["story_id"] == sid
    assert client.get("/api/entities", params={"q": person["name"][:4]}).json()["total"] >= 1
    art = client.get(f"/api/articles/{articles[0]['id']}").json()
    assert art["text"] == articles[0]["text"] and art["story_ids"] == [sid]


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/articles/{article_id}",
        "/api/ingest",
        "/api/jobs/{job_id}",
    ):
        assert path in spec["paths"], path
    content = spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(content)


@pytest.mark.parametrize(
    "path",
    ["/api/stories/nope", "/api/entities/nope", "/api/articles/nope", "/api/jobs/nope", "/api/x"],
)
def test_unknown_ids_are_json_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "error" in r.json() and r.json()["error"]


def test_invalid_query_fields_are_422(client: TestClient) -> None:
    r = client.get("/api/stories", params={"since": "yesterday"})
    assert r.status_code == 422 and "since" in r.json()["error"]
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_pages_render(client: TestClient) -> None:
    sid = _story_id(client)
    story = client.get(f"/api/stories/{sid}").json()["story"]
    aid = story["article_ids"][0]
    for url in (
        "/",
        "/?q=Sokolov&outlet=Harbour+Daily&conflicts=1",
        f"/stories/{sid}",
        "/entities",
        f"/entities/{story['entities'][0]['id']}",
        f"/articles/{aid}",
        "/upload",
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "text/html" in r.headers["content-type"]
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
    listing = client.get("/", params={"q": "nonexistentword"}).text
    assert "0 stories" in listing
    r = client.get("/stories/nope")
    assert r.status_code == 404 and "no story" in r.text


def test_who_lists_the_named_apart_from_participants_and_topics(client: TestClient) -> None:
    sid = _story_id(client)
    story = client.get(f"/api/stories/{sid}").json()["story"]
    by_type: dict[str, list[str]] = {}
    for e in story["entities"]:
        by_type.setdefault(e["type"], []).append(e["name"])
    assert by_type.get("UNNAMED") and by_type.get("TOPIC")  # the example has both
    page = client.get(f"/stories/{sid}", params={"view": "basic"}).text
    who = page[page.index("<h2>Who</h2>") :]
    named = who[: who.index("</ul>")]
    assert not any(f">{name}</a>" in named for name in by_type["UNNAMED"] + by_type["TOPIC"])
    line = who[who.index("Discussed in the reports:") :].split("</p>")[0]
    assert all(f">{name}</a>" in line for name in by_type["TOPIC"][:12])
    assert not any(f">{name}</a>" in line for name in by_type["UNNAMED"])


def test_article_page_highlights_span(client: TestClient) -> None:
    sid = _story_id(client)
    story = client.get(f"/api/stories/{sid}").json()["story"]
    report = story["figures"][0]["reports"][0]
    r = client.get(
        f"/articles/{report['article_id']}",
        params={"start": report["start"], "end": report["end"]},
    )
    assert f'<mark id="hl" class="highlight">{report["text"]}</mark>' in r.text


# ------------------------------------------------------------------ escaping


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the bodies of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _hostile_pages(client: TestClient) -> list[str]:
    return [
        "/",
        "/?q=Breaking",
        f"/stories/{XSS_STORY_ID}",
        f"/stories/{XSS_STORY_ID}?view=basic",
        "/entities",
        f"/entities/{XSS_ENTITY_ID}",
        f"/articles/{XSS_ARTICLE_ID}",
        f"/articles/{XSS_ARTICLE_ID}?start=36&end=61",
        f"/nope/{XSS_SCRIPT}",
        f"/review/{XSS_STORY_ID}",
        "/outlets",
        "/outlets/" + quote(f"Evil {XSS_IMG} Times", safe=""),
        "/changes",
        "/api/",
    ]


def test_injected_markup_comes_back_escaped_in_every_page(client: TestClient) -> None:
    for url in _hostile_pages(client):
        html = client.get(url).text
        assert XSS_SCRIPT not in html, url
        assert XSS_IMG not in html, url
        assert "<script>alert" not in html and "<img src=x" not in html, url
        parsed = _Elements()
        parsed.feed(html)
        handlers = [
            (t, a)
            for t, a in parsed.tags
            if any(k.startswith("on") and "alert" in (v or "") for k, v in a)
        ]
        assert not handlers, (url, handlers)
        assert "img" not in {t for t, _ in parsed.tags}, url
        assert not any("alert" in body for body in parsed.scripts), url
        assert 'href="javascript:' not in html, url
    story = client.get(f"/stories/{XSS_STORY_ID}?view=basic").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in story
    assert "&lt;img src=x onerror=alert(1)&gt;" in story
    article = client.get(f"/articles/{XSS_ARTICLE_ID}").text
    assert "Breaking &lt;script&gt;alert(1)&lt;/script&gt;" in article


def test_json_api_returns_text_verbatim(client: TestClient) -> None:
    art = client.get(f"/api/articles/{XSS_ARTICLE_ID}")
    assert art.headers["content-type"].startswith("application/json")
    assert XSS_SCRIPT in art.json()["title"]


# ------------------------------------------------------------------ writes


def test_ingest_pasted_text_runs_job_to_a_story(client: TestClient) -> None:
    r = client.post(
        "/api/ingest",
        json={
            "text": PASTED,
            "title": "Strike extended",
            "outlet": "Test Wire",
            "published": "2025-03-13",
        },
    )
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    assert r.headers["location"] == f"/api/jobs/{job_id}"
    snap = client.app.state.settings.jobs.wait(job_id, timeout=180)  # type: ignore[attr-defined]
    assert snap["status"] == "done", snap
    polled = client.get(f"/api/jobs/{job_id}").json()
    assert polled["stages_done"] == 3 and polled["inputs"] == ["pasted text"]
    assert len(polled["article_ids"]) == 1 and polled["story_ids"]
    article = client.get(f"/api/articles/{polled['article_ids'][0]}").json()
    assert article["outlet"] == "Test Wire" and article["title"] == "Strike extended"
    story = client.get(f"/api/stories/{polled['story_ids'][0]}").json()["story"]
    assert polled["article_ids"][0] in story["article_ids"]
    assert client.get(f"/jobs/{job_id}").status_code == 200


def test_ingest_url_through_injected_transport(db_path: str) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, html=PAGE_HTML)

    app = create_app(db_path, transport=httpx.MockTransport(handler))
    with TestClient(app) as client:
        r = client.post("/api/ingest", json={"url": "https://news.example/port-talks"})
        assert r.status_code == 202
        snap = app.state.settings.jobs.wait(r.json()["job_id"], timeout=180)
    assert seen == ["https://news.example/port-talks"]
    assert snap is not None and snap["status"] == "done", snap
    assert snap["summary"]["added"] == 1 and len(snap["article_ids"]) == 1


def test_ingest_multipart_file_never_uses_the_given_name(
    client: TestClient, tmp_path: Path
) -> None:
    upload_dir = client.app.state.settings.upload_dir  # type: ignore[attr-defined]
    r = client.post(
        "/api/ingest",
        files={"file": ("../../../escape-attempt.txt", PASTED.encode(), "text/plain")},
    )
    assert r.status_code == 202, r.text
    snap = client.app.state.settings.jobs.wait(r.json()["job_id"], timeout=180)  # type: ignore[attr-defined]
    assert snap["status"] == "done", snap
    assert snap["inputs"] == ["../../../escape-attempt.txt"]  # shown, never used as a path
    assert not (upload_dir.parent.parent / "escape-attempt.txt").exists()
    assert not list(upload_dir.parent.glob("escape-attempt*"))


def test_staged_names_are_generated(tmp_path: Path) -> None:
    path = stage_file(tmp_path, "job1", 0, "../../etc/passwd", b"x")
    assert path.parent == tmp_path and path.name == "job1-0.upload"
    assert safe_suffix("a/b/page.HTML") == ".html"
    assert safe_suffix("dump.warc.gz") == ".warc.gz"
    assert safe_suffix("x.php") == ".upload"


def test_bad_ingest_requests(client: TestClient) -> None:
    bad = client.post(
        "/api/ingest",
        content=b'{"text": "unterminated',
        headers={"content-type": "application/json"},
    )
    assert bad.status_code == 400 and "malformed JSON" in bad.json()["error"]
    missing = client.post("/api/ingest", json={"title": "no text"})
    assert missing.status_code == 422 and "text" in missing.json()["error"]
    wrong_type = client.post("/api/ingest", json={"text": 42})
    assert wrong_type.status_code == 422 and "text" in wrong_type.json()["error"]
    extra = client.post("/api/ingest", json={"text": PASTED, "colour": "red"})
    assert extra.status_code == 422 and "colour" in extra.json()["error"]
    bad_url = client.post("/api/ingest", json={"url": "file:///etc/passwd"})
    assert bad_url.status_code == 422 and "http" in bad_url.json()["error"]
    bad_date = client.post("/api/ingest", json={"text": PASTED, "published": "2025-02-30"})
    assert bad_date.status_code == 422 and "published" in bad_date.json()["error"]
    not_object = client.post("/api/ingest", json=["text"])
    assert not_object.status_code == 422
    wrong_ctype = client.post(
        "/api/ingest", content=b"hello", headers={"content-type": "text/plain"}
    )
    assert wrong_ctype.status_code == 415 and wrong_ctype.json()["error"]
    assert client.get("/api/ingest").status_code == 405


def test_oversized_bodies_are_413(db_path: str) -> None:
    with TestClient(create_app(db_path, max_body=2000)) as client:
        declared = client.post("/api/ingest", json={"text": "x" * 5000})
        assert declared.status_code == 413 and "limit" in declared.json()["error"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
            yield b'{"text": "'
            for _ in range(10):
                yield b"y" * 500
            yield b'"}'

        streamed = client.post(
            "/api/ingest", content=chunks(), headers={"content-type": "application/json"}
        )
        assert streamed.status_code == 413
        upload = client.post("/upload", files={"file": ("a.txt", b"z" * 5000, "text/plain")})
        assert upload.status_code == 413


def test_default_limit_is_five_megabytes(client: TestClient) -> None:
    r = client.post("/api/ingest", json={"text": "x" * (5 * 1024 * 1024 + 10)})
    assert r.status_code == 413


def test_token_required_for_writes(db_path: str) -> None:
    with TestClient(create_app(db_path, token=TOKEN)) as client:
        assert client.get("/api/stories").status_code == 200  # reads stay open
        missing = client.post("/api/ingest", json={"text": PASTED})
        assert missing.status_code == 401 and "token" in missing.json()["error"]
        wrong = client.post(
            "/api/ingest", json={"text": PASTED}, headers={"Authorization": "Bearer nope"}
        )
        assert wrong.status_code == 403
        form = client.post("/upload", data={"text": PASTED}, follow_redirects=False)
        assert form.status_code == 401
        assert 'name="token"' in client.get("/upload").text
        ok = client.post(
            "/api/ingest", json={"text": PASTED}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert ok.status_code == 202
        ok_header = client.post(
            "/api/ingest", json={"text": PASTED}, headers={"X-Corroborate-Token": TOKEN}
        )
        assert ok_header.status_code == 202
        ok_form = client.post(
            "/upload", data={"token": TOKEN, "text": PASTED}, follow_redirects=False
        )
        assert ok_form.status_code == 303 and ok_form.headers["location"].startswith("/jobs/")


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    r = client.post(
        "/upload",
        data={"text": PASTED},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert r.status_code == 403
    r = client.post("/api/ingest", json={"text": PASTED}, headers={"Origin": "null"})
    assert r.status_code == 403
    r = client.post("/api/ingest", json={"text": PASTED}, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403


def test_upload_form_errors_are_shown_escaped(client: TestClient) -> None:
    r = client.post("/upload", data={"title": XSS_SCRIPT}, follow_redirects=False)
    assert r.status_code == 422
    assert "give the article" in r.text and XSS_SCRIPT not in r.text


def test_serve_refuses_public_bind_without_token(
    db_path: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CORROBORATE_TOKEN", raising=False)
    with pytest.raises(SystemExit) as exc:
        serve_command(db_path, "0.0.0.0", 8765, None)
    assert exc.value.code == 2
    assert "token" in capsys.readouterr().err


def test_memory_store_is_refused() -> None:
    from corroborate.errors import StoreError

    with pytest.raises(StoreError):
        create_app(":memory:")


def test_fts_query_quotes_user_words() -> None:
    assert fts_query('tarsk AND "port') == '"tarsk" AND "AND" AND "port"*'
    assert fts_query("  ***  ") is None


def test_a_headline_only_article_says_so_on_its_page_and_in_the_api(tmp_path: Path) -> None:
    """A page kept for its headline alone (its body was a paywall) is flagged on the
    article page and in ``/api/articles/{id}``; an article with a body is not."""
    import json

    import corroborate

    records = [
        {
            "id": "walled",
            "outlet": "Harbour Times",
            "title": "Two dock workers hurt as crane collapses at Varne harbour",
            "text": "1 of 3 free articles read this month",
        },
        {
            "id": "full",
            "outlet": "Varne Courier",
            "title": "Crane collapse at Varne harbour",
            "text": "A crane collapsed at Varne harbour on Tuesday morning. Harbour police "
            "said two dock workers were injured and taken to the city hospital. Inspectors "
            "closed the quay while they examine the crane's base.",
        },
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = corroborate.analyze_inputs([str(feed)], tmp_path / "w.db")
    ids = {a["sources"][0]["id"]: a["id"] for a in result.dossier["articles"]}
    with TestClient(create_app(str(tmp_path / "w.db"))) as client:
        walled = client.get(f"/articles/{ids['walled']}").text
        full = client.get(f"/articles/{ids['full']}").text
        assert "headline only" in walled and "headline only" not in full
        assert client.get(f"/api/articles/{ids['walled']}").json()["headline_only"] is True
        assert client.get(f"/api/articles/{ids['full']}").json()["headline_only"] is False
