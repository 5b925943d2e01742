"""Every page of the app in Debian's chromium at 1400 px and 390 px: no two pieces of text
overlap, no text (chart labels included) is cut by its box, the page never scrolls
sideways; and axe-core (npm, pinned in tests/web/package-lock.json) finds no serious or
critical accessibility violation. The same on the seeds' story when ../shared is present
(real file names as sources, long figures). Screenshots: ``test-artifacts/web/layout-*.png``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from corroborate.present.labels import source_labels
from corroborate.store import open_store

from . import browser as bt

WIDTHS = (1400, 390)
PAGES = (
    "stories",
    "search",
    "story",
    "story-basic",
    "review",
    "entities",
    "entity",
    "article",
    "outlets",
    "outlet",
    "changes",
    "upload",
    "job-failed",
    "api",
    "not-found",
)


@pytest.fixture(scope="module")
def site(example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The app over a copy of the example store, one review stored and one failed job,
    and the path of every page kind."""
    db = tmp_path_factory.mktemp("layout") / "store.db"
    shutil.copy(example_db, db)
    with open_store(str(db)) as store:
        story = next(s for s in store.stories() if "Sokolov" in str(s))
        records = [a for a in map(store.get_article, story["article_ids"]) if a is not None]
    entity = max(story["entities"], key=lambda e: len(e["mentions"]))
    mention = entity["mentions"][0]
    outlet = source_labels(records)[records[0].id]
    sid = quote(story["id"], safe="")
    for base in bt.serve(str(db)):
        with httpx.Client(base_url=base, timeout=30) as client:
            claim = client.get(f"/api/stories/{sid}").json()["story"]["claims"][0]
            answer = client.post(
                f"/api/facts/{claim['fact_id']}/review",
                json={"decision": "dismiss", "note": "two outlets quote one wire"},
            )
            assert answer.status_code == 200, answer.text
            job = client.post(
                "/api/ingest", files={"file": ("broken.html", b"\x00\x01\x02" * 10)}
            ).json()["job_id"]
            for _ in range(200):
                if client.get(f"/api/jobs/{job}").json()["status"] == "failed":
                    break
                time.sleep(0.1)
        paths = {
            "stories": "/",
            "search": "/?q=dockworkers",
            "story": f"/stories/{sid}",
            "story-basic": f"/stories/{sid}?view=basic",
            "review": f"/review/{sid}",
            "entities": "/entities",
            "entity": "/entities/" + quote(entity["id"], safe=""),
            "article": "/articles/{}?start={}&end={}".format(
                quote(mention["article_id"], safe=""), mention["start"], mention["end"]
            ),
            "outlets": "/outlets",
            "outlet": "/outlets/" + quote(outlet, safe=""),
            "changes": "/changes",
            "upload": "/upload",
            "job-failed": f"/jobs/{job}",
            "api": "/api/",
            "not-found": "/no-such-page",
        }
        yield {"base": base, "paths": paths}


@pytest.fixture(scope="module")
def axe() -> str:
    return bt.axe_source()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_no_overlap_no_cut_text(site: dict[str, Any], browser: Any, name: str, width: int) -> None:
    page = bt.new_page(browser, width=width)
    answer = page.goto(site["base"] + site["paths"][name])
    assert answer is not None and answer.status == (404 if name == "not-found" else 200)
    page.wait_for_load_state("load")
    found = page.evaluate(bt.CHECKS.read_text(encoding="utf-8"))
    bt.shot(page, f"layout-{site.get('tag', '')}{name}-{width}")
    assert found["texts"] > 5, found  # the page has text to check
    assert found["overlaps"] == [], found["overlaps"]
    assert found["cut"] == [], found["cut"]
    assert found["scrollWidth"] <= found["width"] + 1, found
    page.context.close()


@pytest.mark.parametrize("name", PAGES)
def test_axe_no_serious_violation(site: dict[str, Any], browser: Any, axe: str, name: str) -> None:
    # axe is injected as a script tag: this context lets it past the app's CSP
    page = bt.new_page(browser, width=1400, bypass_csp=True)
    page.goto(site["base"] + site["paths"][name])
    page.wait_for_load_state("load")
    page.add_script_tag(content=axe)
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    page.context.close()


SEED_PAGES = ("story", "story-basic", "entity", "outlet")


@pytest.fixture(scope="module")
def seeds_site(
    seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """The app over the three real seed reports (file names as sources, long figures)."""
    from corroborate.run import local

    db = tmp_path_factory.mktemp("seeds-layout") / "seeds.db"
    with open_store(str(db)) as store:
        local.ingest([str(seeds_dir)], store)
        local.analyze_pending(store)
        local.link(store)
        story = max(store.stories(), key=lambda s: len(s["article_ids"]))
        records = [a for a in map(store.get_article, story["article_ids"]) if a is not None]
    entity = max(story["entities"], key=lambda e: len(e["mentions"]))
    sid = quote(story["id"], safe="")
    labels = source_labels(records)  # a source without an outlet: named by its file
    outlet = next((labels[a.id] for a in records if not a.outlet), labels[records[-1].id])
    paths = {
        "story": f"/stories/{sid}",
        "story-basic": f"/stories/{sid}?view=basic",
        "entity": "/entities/" + quote(entity["id"], safe=""),
        "outlet": "/outlets/" + quote(outlet, safe=""),
    }
    for base in bt.serve(str(db)):
        yield {"base": base, "paths": paths, "tag": "seeds-"}


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", SEED_PAGES)
def test_seeds_pages_layout(
    seeds_site: dict[str, Any], browser: Any, name: str, width: int
) -> None:
    test_no_overlap_no_cut_text(seeds_site, browser, name, width)


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", SEED_PAGES)
def test_seeds_pages_axe(seeds_site: dict[str, Any], browser: Any, axe: str, name: str) -> None:
    test_axe_no_serious_violation(seeds_site, browser, axe, name)
