"""Issue 12 in Debian's chromium: links from the default story view, entity mentions with
their sentences and a "… N more" that expands, search as you type with snippets, outlet
pages, the dates axis clicking to spans, reviews, what changed after an upload, the API
index from the nav. Screenshots: ``test-artifacts/web/feature-*.png``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from corroborate.store import open_store

from . import browser as bt
from .test_api import PASTED

sync_api = bt.sync_api()
expect = sync_api.expect


def _open_story(page: Any, server: str) -> None:
    page.goto(server + "/?q=Sokolov")
    page.click("#story-list a.story-title")
    page.wait_for_url("**/stories/*")


def test_story_view_links_to_entities_articles_outlets(server: str, page: Any) -> None:
    _open_story(page, server)
    assert page.locator("#report").count() == 1  # the default view: the report fragment
    story_url = page.url
    bt.shot(page, "feature-story-links")
    entity = page.locator("#story-entities a").first
    name = entity.inner_text()
    entity.click()
    page.wait_for_url("**/entities/**")
    assert page.inner_text("h1").startswith(name)
    page.goto(story_url)
    article = page.locator("#story-articles > li > a").first
    title = article.inner_text()
    article.click()
    page.wait_for_url("**/articles/**")
    assert page.inner_text("#article-title") == title
    page.goto(story_url)
    page.locator("#story-outlets a").first.click()
    page.wait_for_url("**/outlets/**")
    assert page.locator("#outlet-contested li.fact-ref").count() >= 1
    version = page.locator("#outlet-contested .versions a").first
    expected = version.inner_text()
    version.click()
    page.wait_for_url("**/articles/**")
    assert " ".join(page.inner_text("mark#hl").split()) == " ".join(expected.split())


def test_entity_mentions_in_context_and_more_expands(server: str, page: Any) -> None:
    page.goto(server + "/entities")
    page.locator(".entity-table a").first.click()  # most stories first, then mentions
    page.wait_for_url("**/entities/**")
    mentions = page.locator(".appearance").first.locator("li.mention")
    total = mentions.count()
    assert total > 10, "the example's most mentioned entity has more than ten mentions"
    first = mentions.first
    word = first.locator("a.mention-link").inner_text()
    context = first.locator(".context")
    assert context.locator("mark").inner_text() == word
    assert len(context.inner_text()) > len(word) + 10  # the sentence around it
    more = page.locator("details.more").first
    hidden = more.locator("li.mention").first
    assert not hidden.is_visible()
    summary = more.locator("summary")
    assert re.fullmatch(rf"… {total - 10} more", summary.inner_text())
    summary.click()
    expect(hidden).to_be_visible()
    bt.shot(page, "feature-entity-more")


def test_search_as_you_type_with_snippets(server: str, page: Any) -> None:
    page.goto(server + "/")
    items = page.locator("#story-list li.story-item")
    assert items.count() == 2
    page.evaluate("() => { window.notReloaded = true; }")
    page.locator("#q").press_sequentially("dockw", delay=40)  # no Enter
    expect(items).to_have_count(1)
    mark = items.first.locator(".snippet mark").first
    assert mark.inner_text().casefold().startswith("dockw")
    assert page.evaluate("() => window.notReloaded === true")  # updated in place
    bt.until(lambda: "q=dockw" in page.url)  # the address keeps the search
    expect(page.locator("#story-count")).to_have_text("1 story")
    bt.shot(page, "feature-search-as-you-type")
    page.locator("#q").fill("")
    page.locator("#q").press_sequentially("zzzqqq", delay=20)
    expect(page.locator("#story-list li.empty")).to_have_count(1)


def test_dates_axis_clicks_to_spans(server: str, page: Any) -> None:
    _open_story(page, server)
    rows = page.locator("#axis li.axis-row")
    assert rows.count() >= 2
    dates = [rows.nth(i).get_attribute("data-date") or "" for i in range(rows.count())]
    assert dates == sorted(dates)
    page.click("a[href='#web-timeline']")
    bt.shot(page, "feature-axis")
    link = rows.first.locator("a.axis-link").first
    expected = link.inner_text()
    link.click()
    page.wait_for_url("**/articles/**")
    assert " ".join(page.inner_text("mark#hl").split()) == " ".join(expected.split())


def test_review_a_verdict_in_the_web_app(server: str, page: Any) -> None:
    _open_story(page, server)
    page.click("#review-link")
    page.wait_for_url("**/review/**")
    item = page.locator("li.review-item").first
    fact = item.get_attribute("data-fact")
    item.locator("input[name=note]").fill("checked against the union's statement")
    item.locator("button[value=confirm]").click()
    page.wait_for_url(f"**#review-{fact}")
    again = page.locator(f"li.review-item[data-fact='{fact}']")
    expect(again.locator(".review-state")).to_contain_text("confirmed")
    expect(again.locator(".review-state")).to_contain_text("checked against the union")
    bt.shot(page, "feature-review")
    api = page.request.get(server + "/api/reviews").json()
    assert [r["fact_id"] for r in api["reviews"]] == [fact]


def test_upload_then_what_changed(server: str, page: Any) -> None:
    page.goto(server + "/changes")
    expect(page.locator("#changes-list li.empty")).to_have_count(1)
    page.goto(server + "/upload")
    page.fill("#outlet", "Browser Test Wire")
    page.fill("#title", "Strike extended as talks stall")
    page.fill("#text", PASTED)
    page.click("#submit")
    page.wait_for_url("**/jobs/*")
    expect(page.locator("#job-changes")).to_be_visible(timeout=180_000)  # after the reload
    assert page.inner_text("#job-status") == "done"
    assert page.locator("#job-progress").get_attribute("value") == "3"
    change = page.locator("#job-changes li.story-change").first
    expect(change.locator(".meta")).to_contain_text("1 new article")
    added = page.locator("#job-articles a").first.get_attribute("href") or ""
    record = page.request.get(server + "/api" + added).json()
    assert record["outlet"] == "Browser Test Wire"  # the upload's outlet field
    bt.shot(page, "feature-job-changes")
    page.click("nav[aria-label=Main] >> text=What changed")
    page.wait_for_url("**/changes")
    assert page.locator("#changes-list li.story-change").count() >= 1
    page.click("#mark-seen")
    page.wait_for_url("**/changes")
    expect(page.locator("#changes-list li.empty")).to_have_count(1)


def test_api_index_from_the_nav(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.click("nav[aria-label=Main] >> text=API")
    page.wait_for_url("**/api/")
    cells = page.locator(".api-table td code")
    assert "/api/stories/{story_id}" in cells.all_inner_texts()
    bt.shot(page, "feature-api-index")


def test_quote_kinds_read_as_they_were_said(db_path: str, browser: Any) -> None:
    """Direct and partial quotes inside quotation marks (partial ones marked), reported
    speech without any."""
    with open_store(db_path) as store:
        story = dict(store.stories()[0])
        aid = story["article_ids"][0]
        story["quotes"] = [
            {
                "id": f"Q-{kind}",
                "speaker": None,
                "speaker_name": "The harbour master",
                "text": words,
                "kind": kind,
                "reports": [{"article_id": aid, "start": 0, "end": 10}],
            }
            for kind, words in (
                ("direct", "we reopen at dawn"),
                ("partial", "a short pause"),
                ("reported", "the talks would go on"),
            )
        ]
        store.put_stories([story])
    for base in bt.serve(db_path):
        page = bt.new_page(browser)
        page.goto(f"{base}/stories/{quote(story['id'], safe='')}?view=basic")
        shown = {k: page.inner_text(f"#quote-Q-{k}") for k in ("direct", "partial", "reported")}
        marks = page.evaluate(
            "() => [...document.querySelectorAll('.quotes q')]"
            ".map(q => getComputedStyle(q, '::before').content)"
        )
        bt.shot(page, "feature-quote-kinds")
        page.context.close()
    assert len(marks) == 2 and all(m not in ("none", "normal", '""') for m in marks)
    assert "(partial quote)" in shown["partial"]
    assert "(reported speech)" in shown["reported"]
    assert not re.search('[\u201c\u201d"]', shown["reported"])
