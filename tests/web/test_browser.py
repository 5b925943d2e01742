"""The real server in Debian's chromium (Playwright): filter the story list, upload an
article and watch it land in its story, click a contested figure to its highlighted span.

Skipped when Playwright or /usr/bin/chromium is missing. Screenshots go to
``test-artifacts/web/`` (git-ignored).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corroborate.present.web import create_app

from .conftest import XSS_ARTICLE_ID, XSS_STORY_ID
from .test_api import PASTED

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")
if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} not found: browser tests need Debian's chromium", allow_module_level=True
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(db_path: str) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 (a free port) in a thread."""
    port = _free_port()
    app = create_app(db_path, allowed_hosts=["127.0.0.1", "localhost"])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.on(
        "console",
        lambda m: pg.console_errors.append(m.text) if m.type == "error" else None,  # type: ignore[attr-defined]
    )
    yield pg
    context.close()


def _until(check: Any, timeout: float = 10.0) -> None:
    """Poll ``check`` from Python (the app's CSP forbids the eval that
    ``wait_for_function`` uses)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("condition not reached in time")
        time.sleep(0.1)


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_filter_story_list(server: str, page: Any) -> None:
    page.goto(server + "/")
    items = page.locator("#story-list li.story-item")
    assert items.count() == 2
    _shot(page, "stories-all")
    page.fill("#q", "dockworkers")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=dockworkers*")
    assert items.count() == 1
    assert "dockworkers" not in (items.first.get_attribute("data-story") or "")
    _shot(page, "stories-search")
    page.fill("#q", "")
    page.press("#q", "Enter")
    page.wait_for_load_state()
    assert items.count() == 2
    page.select_option("#outlet", "Harbour Daily")  # applies at once (filters.js)
    page.wait_for_url("**outlet=Harbour+Daily*")
    assert items.count() == 1
    assert "Harbour Daily" in items.first.inner_text()
    _shot(page, "stories-outlet")
    assert page.dialogs == []  # the hostile story's outlet never ran


def test_upload_pasted_text_lands_in_a_story(server: str, page: Any) -> None:
    page.goto(server + "/upload")
    page.fill("#title", "Strike extended as talks stall")
    page.fill("#outlet", "Browser Test Wire")
    page.fill("#published", "2025-03-13")
    page.fill("#text", PASTED)
    page.click("#submit")
    page.wait_for_load_state()
    _shot(page, "upload-submitted")
    page.wait_for_url("**/jobs/*")
    sync_api.expect(page.locator("#job-status")).to_have_text(
        re.compile("^(done|failed)$"), timeout=180_000
    )
    _shot(page, "job-done")
    assert page.inner_text("#job-status") == "done", page.inner_text("#job")
    assert page.locator("#job-progress").get_attribute("value") == "3"
    page.click("#job-stories a")
    page.wait_for_url("**/stories/*")
    assert "Strike extended as talks stall" in page.content()
    _shot(page, "job-story")


def test_contested_figure_leads_to_highlighted_span(server: str, page: Any) -> None:
    page.goto(server + "/?q=Sokolov")
    page.click("#story-list a.story-title")
    page.wait_for_url("**/stories/*")
    if page.locator("#report").count():
        link = page.locator("tbody.fact[data-kind=figure][data-verdict=contested] a.ev").first
        expected = link.inner_text()
        href = link.get_attribute("href") or ""
        assert href.startswith("#")
        link.click()
        _until(lambda: page.evaluate("() => location.hash") == href)
        target = page.locator(href)
        assert target.evaluate("el => el.matches(':target')")
        assert " ".join(target.inner_text().split()) == " ".join(expected.split())
        assert target.is_visible()
        # scrolled into view (the report may scroll smoothly)
        _until(
            lambda: target.evaluate(
                "el => { const r = el.getBoundingClientRect();"
                " return r.top >= 0 && r.bottom <= window.innerHeight; }"
            )
        )
        csp = [e for e in page.console_errors if "Content Security Policy" in e]
        assert csp == [], csp  # the embedded report runs under the app's CSP
        _shot(page, "story-contested-figure")
    # the basic view: a figure version links to the article page with the span marked
    page.goto(page.url.split("#")[0] + "?view=basic")
    link = page.locator("tr.figure-conflict a.span-link").first
    expected = link.inner_text()
    link.click()
    page.wait_for_url("**/articles/**")
    assert page.inner_text("mark#hl") == expected
    _shot(page, "article-highlight")


def test_hostile_article_never_runs(server: str, page: Any) -> None:
    for path in (
        f"/stories/{XSS_STORY_ID}",
        f"/stories/{XSS_STORY_ID}?view=basic",
        f"/articles/{XSS_ARTICLE_ID}",
        "/entities",
    ):
        page.goto(server + path)
        page.wait_for_load_state("load")
    assert page.dialogs == []
    page.goto(server + f"/articles/{XSS_ARTICLE_ID}")
    assert "<script>alert(1)</script>" in page.inner_text("#article-title")
    _shot(page, "hostile-article")
