"""Issue 12 in the API and pages (TestClient): answers that match their OpenAPI schemas
(422 included), search snippets, outlet views, reviews, what changed, the outlet field of an
upload, failed jobs that report the stages that ran, the API index, quote kinds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from corroborate.present.web import create_app
from corroborate.run import local
from corroborate.store import open_store

from .test_api import PAGE_HTML, PASTED

WAIT = 180


@pytest.fixture()
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as c:
        yield c


def _story(client: TestClient) -> dict[str, Any]:
    sid = client.get("/api/stories", params={"q": "Sokolov"}).json()["stories"][0]["id"]
    return dict(client.get(f"/api/stories/{quote(sid, safe='')}").json()["story"])


def _wait(client: TestClient, job_id: str) -> dict[str, Any]:
    snap = client.app.state.settings.jobs.wait(job_id, timeout=WAIT)  # type: ignore[attr-defined]
    assert snap is not None
    return dict(snap)


class Schemas:
    """The app's OpenAPI description, validating answers against what it documents."""

    def __init__(self, client: TestClient) -> None:
        self.doc = client.get("/openapi.json").json()

    def check(self, template: str, method: str, answer: Any) -> None:
        responses = self.doc["paths"][template][method]["responses"]
        documented = responses[str(answer.status_code)]
        schema = documented["content"]["application/json"]["schema"]
        root = {"components": self.doc["components"], **schema}
        validator = jsonschema_rs.Draft202012Validator(root)
        errors = [str(e) for e in validator.iter_errors(answer.json())]
        assert errors == [], (template, answer.status_code, errors[:3])


def test_answers_match_their_documented_schemas(client: TestClient) -> None:
    schemas = Schemas(client)
    assert "HTTPValidationError" not in schemas.doc["components"]["schemas"]
    story = _story(client)
    sid = quote(story["id"], safe="")
    entity = story["entities"][0]
    article = story["article_ids"][0]
    fact = story["claims"][0]["fact_id"]
    gets = {
        "/api/": "/api/",
        "/api/stories": "/api/stories?q=dockworkers&snippets=true",
        "/api/stories/{story_id}": f"/api/stories/{sid}",
        "/api/entities": "/api/entities",
        "/api/entities/{entity_id}": "/api/entities/" + quote(entity["id"], safe=""),
        "/api/articles/{article_id}": "/api/articles/" + quote(article, safe=""),
        "/api/outlets": "/api/outlets",
        "/api/outlets/{name}": "/api/outlets/Harbour%20Daily",
        "/api/changes": "/api/changes",
        "/api/reviews": "/api/reviews",
    }
    for template, path in gets.items():
        answer = client.get(path, headers={"Accept": "application/json"})
        assert answer.status_code == 200, (path, answer.text)
        schemas.check(template, "get", answer)
    review = client.post(f"/api/facts/{fact}/review", json={"decision": "confirm"})
    schemas.check("/api/facts/{fact_id}/review", "post", review)
    # the 422 body is documented as it is: the message and every field at fault
    invalid = [
        ("/api/stories", "get", client.get("/api/stories", params={"limit": 0})),
        ("/api/stories", "get", client.get("/api/stories", params={"since": "2025-02-30"})),
        ("/api/ingest", "post", client.post("/api/ingest", json={"title": "no text"})),
        (
            "/api/facts/{fact_id}/review",
            "post",
            client.post(f"/api/facts/{fact}/review", json={"decision": "maybe"}),
        ),
    ]
    for template, method, answer in invalid:
        assert answer.status_code == 422, answer.text
        assert answer.json()["details"], answer.json()
        schemas.check(template, method, answer)
    missing = client.get("/api/stories/no-such-story")
    schemas.check("/api/stories/{story_id}", "get", missing)


def test_search_snippets_mark_the_query_words(client: TestClient) -> None:
    found = client.get("/api/stories", params={"q": "Tarsk dockw", "snippets": "true"}).json()
    assert found["stories"]
    for story in found["stories"]:
        snippet = story["snippet"]
        marked = [snippet["text"][s:e].casefold() for s, e in snippet["marks"]]
        assert marked and all(w == "tarsk" or w.startswith("dockw") for w in marked), snippet
    plain = client.get("/api/stories", params={"q": "dockworkers"}).json()["stories"]
    assert "snippet" not in plain[0] or plain[0]["snippet"] is None
    page = client.get("/", params={"q": "dockworkers"}).text
    assert re.search(r'<p class="snippet">.*<mark>[Dd]ockworkers</mark>', page)


def test_outlet_view_alone_and_contested(client: TestClient) -> None:
    names = {o["name"]: o["n_stories"] for o in client.get("/api/outlets").json()["outlets"]}
    assert names.get("Harbour Daily") == 1
    view = client.get("/api/outlets/Harbour Daily").json()
    mine = {a["id"] for a in view["articles"]}
    assert mine and view["alone"] and view["contested"]
    for fact in view["alone"]:
        assert fact["verdict"] == "single_source"
        assert {s["article_id"] for s in fact["spans"]} <= mine, fact
    for fact in view["contested"]:
        assert fact["verdict"] in ("conflict", "contested")
        assert {s["article_id"] for s in fact["spans"]} & mine, fact
        assert {s["source"] for s in fact["spans"]} - {"Harbour Daily"}, fact  # another side
    assert client.get("/api/outlets/Nobody Gazette").status_code == 404
    page = client.get("/outlets/Harbour%20Daily").text
    assert 'id="outlet-contested"' in page and 'id="outlet-alone"' in page


def test_review_through_the_api(db_path: str) -> None:
    with TestClient(create_app(db_path, token="secret")) as client:
        story = _story(client)
        fact = story["figures"][0]["fact_id"]
        body = {"decision": "dismiss", "note": "both figures come from one police statement"}
        assert client.post(f"/api/facts/{fact}/review", json=body).status_code == 401
        auth = {"Authorization": "Bearer secret"}
        stored = client.post(f"/api/facts/{fact}/review", json=body, headers=auth).json()
        assert stored["decision"] == "dismissed" and stored["note"] == body["note"]
        again = _story(client)["figures"][0]["review"]
        assert again["decision"] == "dismissed" and again["note"] == body["note"]
        assert [r["fact_id"] for r in client.get("/api/reviews").json()["reviews"]] == [fact]
        gone = client.delete(f"/api/facts/{fact}/review", headers=auth).json()
        assert gone == {"deleted": True}
        assert _story(client)["figures"][0]["review"] is None
        unknown = client.post("/api/facts/claim-000000000000/review", json=body, headers=auth)
        assert unknown.status_code == 404 and "no figure or claim" in unknown.json()["error"]


def test_review_page_form(client: TestClient) -> None:
    story = _story(client)
    sid = story["id"]
    page = client.get(f"/review/{quote(sid, safe='')}").text
    contested = page.index("verdict-conflict")
    assert contested < page.index("verdict-corroborated")  # contested first
    fact = story["claims"][0]["fact_id"]
    form = {"fact_id": fact, "story_id": sid, "decision": "confirm", "note": "read all three"}
    done = client.post("/review", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith(f"#review-{fact}")
    page = client.get(done.headers["location"].split("#")[0]).text
    assert "read all three" in page and "review-confirmed" in page
    bad = client.post("/review", data={**form, "decision": "maybe"}, follow_redirects=False)
    assert bad.status_code == 422


def test_api_index(client: TestClient) -> None:
    index = client.get("/api/", headers={"Accept": "application/json"}).json()
    documented = {
        (m.upper(), p)
        for p, ops in client.get("/openapi.json").json()["paths"].items()
        for m in ops
    }
    assert {(e["method"], e["path"]) for e in index["endpoints"]} == documented
    assert index["openapi"] == "/openapi.json"
    page = client.get("/api/", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert "<code>/api/stories/{story_id}</code>" in page.text
    assert 'href="/api/"' in client.get("/").text  # the nav's "API"


def test_failed_job_reports_the_stages_that_ran(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreadable = client.post("/api/ingest", files={"file": ("x.html", b"\x00\x01" * 8)})
    snap = _wait(client, unreadable.json()["job_id"])
    assert snap["status"] == "failed" and snap["failed_stage"] == "ingest"
    assert snap["stages_done"] == 1  # ingest ran; analyze and link never did
    page = client.get(f"/jobs/{snap['id']}").text
    assert "failed in ingest" in page

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("analysis crashed")

    monkeypatch.setattr(local, "analyze_pending", broken)
    crashed = client.post("/api/ingest", json={"text": PASTED, "title": "Crash test"})
    snap = _wait(client, crashed.json()["job_id"])
    assert snap["status"] == "failed" and snap["failed_stage"] == "analyze", snap
    assert snap["stages_done"] == 1 and "analysis crashed" in snap["error"]


def test_upload_names_the_outlet_of_every_input(client: TestClient) -> None:
    page = PAGE_HTML.replace('<meta property="og:site_name" content="Mock Post">', "")
    answer = client.post(
        "/api/ingest",
        files={"file": ("talks.html", page.encode())},
        data={"outlet": "Field Test Post"},
    )
    snap = _wait(client, answer.json()["job_id"])
    assert snap["status"] == "done", snap
    for aid in snap["article_ids"]:
        record = client.get(f"/api/articles/{quote(aid, safe='')}").json()
        assert record["outlet"] == "Field Test Post" and record["source_label"] == "Field Test Post"
    too_long = client.post(
        "/api/ingest", files={"file": ("a.html", page.encode())}, data={"outlet": "x" * 301}
    )
    assert too_long.status_code == 422
    form = client.get("/upload").text
    assert form.index('name="outlet"') < form.index('name="title"')  # one field for all inputs


def test_job_and_changes_say_what_changed(client: TestClient) -> None:
    assert client.get("/api/changes").json()["stories"] == []  # marked seen when first served
    job = client.post("/api/ingest", json={"text": PASTED, "title": "Strike extended"})
    snap = _wait(client, job.json()["job_id"])
    assert snap["status"] == "done" and snap["stages_done"] == 3
    changed = {c["story_id"]: c for c in snap["changes"]}
    assert set(changed) == set(snap["story_ids"])
    story = changed[snap["story_ids"][0]]
    assert set(snap["article_ids"]) <= set(story["added_articles"])
    assert story["new_facts"] or story["moved"]
    for fact in story["moved"]:
        assert fact["before"] != fact["after"]
    since = client.get("/api/changes").json()
    assert set(changed) <= {c["story_id"] for c in since["stories"]}
    assert "Strike extended" not in since["gone"]
    page = client.get(f"/jobs/{snap['id']}").text
    assert 'id="job-changes"' in page
    assert client.post("/api/changes/seen").status_code == 200
    assert client.get("/api/changes").json()["stories"] == []


def test_quote_kinds_in_the_basic_view(db_path: str) -> None:
    with open_store(db_path) as store:
        story = dict(store.stories()[0])
        aid = story["article_ids"][0]
        quotes = [
            ("direct", "we will reopen the port"),
            ("partial", "a pause"),
            ("reported", "talks go on"),
        ]
        story["quotes"] = [
            {
                "id": f"Q-{kind}",
                "speaker": None,
                "speaker_name": "The mayor",
                "text": words,
                "kind": kind,
                "reports": [{"article_id": aid, "start": 0, "end": len(words)}],
            }
            for kind, words in quotes
        ]
        store.put_stories([story])
    with TestClient(create_app(db_path)) as client:
        page = client.get(f"/stories/{quote(story['id'], safe='')}?view=basic").text
    item = {k: re.search(rf'<li id="quote-Q-{k}"[^>]*>(.*?)</li>', page, re.S) for k, _ in quotes}
    direct = item["direct"]
    assert direct and '<q class="quote-text">we will reopen the port</q>' in direct[1]
    assert item["partial"] and "(partial quote)" in item["partial"][1]
    assert '<q class="quote-text">a pause</q>' in item["partial"][1]
    reported = item["reported"]
    assert reported and "(reported speech)" in reported[1] and "<q" not in reported[1]
    assert not re.search(r"[“”\"]", re.sub(r"<[^>]+>", "", reported[1]))


def test_changes_show_a_watched_update(db_path: str, tmp_path: Path) -> None:
    """A store written by another process (what ``corroborate watch`` does: ingest, analyse,
    link) while the app serves it: ``/changes`` shows the story, its new article and facts."""
    with TestClient(create_app(db_path)) as client:
        assert client.get("/api/changes").json()["stories"] == []
        feed_item = tmp_path / "wire.txt"
        feed_item.write_text(PASTED, encoding="utf-8")
        with open_store(db_path) as store:
            local.ingest([str(feed_item)], store)
            local.analyze_pending(store)
            local.link(store)
            new_ids = store.source_article_ids(str(feed_item))
        answer = client.get("/api/changes").json()
        touched = [c for c in answer["stories"] if set(new_ids) & set(c["added_articles"])]
        assert len(touched) == 1, answer
        assert touched[0]["new_facts"] or touched[0]["moved"]
        page = client.get("/changes").text
        assert f'href="/stories/{quote(touched[0]["story_id"], safe="")}"' in page
