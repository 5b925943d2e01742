"""The report in a real browser (Debian's chromium driven by Playwright).

Skipped when the ``playwright`` package or ``/usr/bin/chromium`` is missing (CI installs
both). Screenshots go to ``test-artifacts/`` (git-ignored). With
``CORROBORATE_UPDATE_SCREENSHOT=1`` the example test also rewrites ``docs/report-example.png``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from corroborate.present.report import write_report
from corroborate.present.report.anchors import span_id

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "present" / "dossier.json"
ARTIFACTS = ROOT / "test-artifacts"
TARGET_BG = "rgb(255, 224, 102)"  # --target in report.css


@pytest.fixture(scope="module")
def dossier() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory, dossier: dict[str, Any]) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    write_report(dossier, path)
    return path.as_uri()


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def _open(browser: Any, url: str, **context: Any) -> tuple[Any, Any, list[str], list[str]]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, **context)
    page = ctx.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    return ctx, page, errors, requests


def _in_viewport(page: Any, anchor: str) -> bool:
    return bool(
        page.evaluate(
            """id => { const r = document.getElementById(id).getBoundingClientRect();
                       return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""",
            anchor,
        )
    )


def _background(page: Any, selector: str) -> str:
    return str(page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor"))


def _land_on_contested_figure(page: Any, dossier: dict[str, Any]) -> str:
    report = dossier["stories"][0]["figures"][0]["reports"][0]
    anchor = span_id(report["article_id"], report["start"], report["end"])
    cell = page.locator(
        "details[data-group='contested'] tbody[data-kind='figure'] td a.ev", has_text="300"
    )
    cell.click()
    for _ in range(50):  # polled from here: wait_for_function needs page JavaScript
        if page.evaluate("location.hash") == "#" + anchor and _in_viewport(page, anchor):
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)  # smooth scrolling settles
    return anchor


def test_click_on_contested_figure_lands_on_highlighted_span(
    browser: Any, report_url: str, dossier: dict[str, Any]
) -> None:
    ctx, page, errors, requests = _open(browser, report_url)
    page.screenshot(path=str(_artifact("report-fixture-top.png")))
    anchor = _land_on_contested_figure(page, dossier)
    assert page.evaluate("location.hash") == "#" + anchor
    assert _in_viewport(page, anchor)
    assert _background(page, f"#{anchor}") == TARGET_BG
    article = page.eval_on_selector(f"#{anchor}", "el => el.closest('.source-article').id")
    assert article == "art-alpha-1"
    assert page.eval_on_selector(f"#{anchor}", "el => el.textContent") == "about 300 homes"
    page.screenshot(path=str(_artifact("report-fixture-landed.png")))
    assert errors == []
    assert all(u.startswith("file://") for u in requests), requests
    ctx.close()


def test_split_quote_is_highlighted_in_every_piece(
    browser: Any, report_url: str, dossier: dict[str, Any]
) -> None:
    report = dossier["stories"][0]["quotes"][0]["reports"][0]
    anchor = span_id(report["article_id"], report["start"], report["end"])
    for js in (True, False):
        ctx, page, _, _ = _open(browser, f"{report_url}#{anchor}", java_script_enabled=js)
        pieces = page.locator(f"[data-part-of='{anchor}']")
        assert pieces.count() >= 1
        assert _background(page, f"#{anchor}") == TARGET_BG
        assert _background(page, f"[data-part-of='{anchor}']") == TARGET_BG
        ctx.close()


def test_reading_works_without_javascript(
    browser: Any, report_url: str, dossier: dict[str, Any]
) -> None:
    ctx, page, _, _ = _open(browser, report_url, java_script_enabled=False)
    assert not page.locator("form[data-filter='board']").is_visible()  # filters need JS
    anchor = _land_on_contested_figure(page, dossier)
    assert _background(page, f"#{anchor}") == TARGET_BG
    ctx.close()


def test_verdict_board_filters_and_entity_search(browser: Any, report_url: str) -> None:
    ctx, page, errors, _ = _open(browser, report_url)
    board = page.locator("form[data-filter='board']")
    assert board.is_visible()
    facts = page.locator("section[data-section='board'] tbody.fact")
    visible = "section[data-section='board'] tbody.fact:not([hidden])"
    assert facts.count() == 5 and page.locator(visible).count() == 5
    board.locator("input[value='single']").uncheck()
    board.locator("input[value='contested']").uncheck()
    assert page.locator(visible).count() == 1
    assert page.locator(visible).get_attribute("data-verdict") == "corroborated"
    assert "1 of 5" in board.locator(".filter-count").inner_text()
    board.locator("input[value='single']").check()
    board.locator("input[value='contested']").check()
    board.locator("select[name='outlet']").select_option(label="riverton.txt")
    assert page.locator(visible).count() == 2
    page.screenshot(path=str(_artifact("report-fixture-filtered.png")))
    board.locator("select[name='outlet']").select_option(value="")
    board.locator("input[value='figure']").uncheck()
    assert page.locator(visible).count() == 3

    search = page.locator("form[data-filter='people'] input[name='q']")
    rows = "section[data-section='people'] tbody tr:not([hidden])"
    assert page.locator(rows).count() == 3
    search.fill("mayor")
    assert page.locator(rows).count() == 1
    assert "Ivo Petrak" in page.locator(rows).inner_text()
    search.fill("lenna")
    assert page.locator(rows).count() == 1
    search.fill("")
    assert page.locator(rows).count() == 3
    assert errors == []
    ctx.close()


def test_link_to_a_filtered_out_fact_reveals_it(browser: Any, report_url: str) -> None:
    ctx, page, _, _ = _open(browser, report_url)
    page.locator("form[data-filter='board'] input[value='contested']").uncheck()
    first = page.locator("table.matrix thead th a").first
    first.click()
    target = page.evaluate("location.hash").lstrip("#")
    assert page.locator(f"#{target}").is_visible()
    ctx.close()


@pytest.mark.slow
def test_example_report_screenshot(browser: Any, tmp_path: Path) -> None:
    """The bundled example analysed end to end, rendered and photographed."""
    example = ROOT / "examples" / "tarsk-port-strike"
    if not example.is_dir():
        pytest.skip(f"{example} not found")
    try:
        from typer.testing import CliRunner

        from corroborate.present.cli.main import app
    except ImportError as exc:  # pragma: no cover - CLI not importable
        pytest.skip(f"CLI not available: {exc}")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", str(example), "--db", str(tmp_path / "e.db"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    report = out / "report.html"
    write_report(dossier, report)
    ctx = browser.new_context(viewport={"width": 1200, "height": 1500})
    page = ctx.new_page()
    page.goto(report.as_uri())
    shot = _artifact("report-example.png")
    page.screenshot(path=str(shot))
    assert page.locator("details[data-group='contested'] svg.chart").count() >= 1
    ctx.close()
    if os.environ.get("CORROBORATE_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "report-example.png")
