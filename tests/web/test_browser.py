"""The real server in Debian's chromium (Playwright): filter the story list, upload an
article and watch it land in its story, click a contested figure to its highlighted span.

Skipped when Playwright or /usr/bin/chromium is missing (failed under CI=1). Screenshots go
to ``test-artifacts/web/`` (git-ignored). Fixtures and helpers: :mod:`tests.web.browser`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from . import browser as bt
from .conftest import XSS_ARTICLE_ID, XSS_ENTITY_ID, XSS_IMG, XSS_STORY_ID
from .test_api import PASTED

sync_api = bt.sync_api()
_until = bt.until
_shot = bt.shot


def test_filter_story_list(server: str, page: Any) -> None:
    page.goto(server + "/")
    items = page.locator("#story-list li.story-item")
    assert items.count() == 2
    _shot(page, "stories-all")
    page.fill("#q", "dockworkers")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=dockworkers*")
    _until(lambda: items.count() == 1)  # the URL changes before the new list is drawn
    assert "dockworkers" not in (items.first.get_attribute("data-story") or "")
    _shot(page, "stories-search")
    page.fill("#q", "")
    page.press("#q", "Enter")
    page.wait_for_load_state()
    assert items.count() == 2
    page.select_option("#outlet", "Harbour Daily")  # applies at once (filters.js)
    page.wait_for_url("**outlet=Harbour+Daily*")
    _until(lambda: items.count() == 1)
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
    # the page reloads itself once the job is over (job.js): wait for the page the server
    # rendered after it, or the screenshot may run while the old page goes away
    sync_api.expect(page.locator("#job")).to_have_attribute(
        "data-status", re.compile("^(done|failed)$"), timeout=60_000
    )
    page.wait_for_load_state()
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
        f"/review/{XSS_STORY_ID}",
        f"/articles/{XSS_ARTICLE_ID}",
        f"/entities/{XSS_ENTITY_ID}",
        "/entities",
        "/outlets",
        "/outlets/" + quote(f"Evil {XSS_IMG} Times", safe=""),
        "/?q=harbour",
        "/changes",
    ):
        page.goto(server + path)
        page.wait_for_load_state("load")
    assert page.dialogs == []
    page.goto(server + f"/articles/{XSS_ARTICLE_ID}")
    assert "<script>alert(1)</script>" in page.inner_text("#article-title")
    _shot(page, "hostile-article")
