"""axe-core on the report (index and story pages) in Chromium: no serious or critical
accessibility violation. axe-core is the npm package the web tests install
(``npm ci --prefix tests/web``); skipped when it, playwright or chromium is missing, except
under CI (``$CI`` set), where a missing axe-core fails."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from corroborate.present.report import render_index, write_report

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "present" / "dossier.json"
AXE = ROOT / "tests" / "web" / "node_modules" / "axe-core" / "axe.min.js"

if not AXE.exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{AXE} missing: run npm ci --prefix tests/web [CI is set]")
    pytest.skip(f"{AXE} missing: run npm ci --prefix tests/web", allow_module_level=True)


def _violations(browser: Any, path: Path) -> list[str]:
    ctx = browser.new_context(bypass_csp=True)  # the index allows no script: axe is injected
    page = ctx.new_page()
    page.goto(path.as_uri())
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    ctx.close()
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_report_pages_have_no_serious_violation(browser: Any, tmp_path: Path) -> None:
    dossier = json.loads(FIXTURE.read_text(encoding="utf-8"))
    story, index = tmp_path / "story.html", tmp_path / "index.html"
    write_report(dossier, story)
    index.write_text(render_index(dossier), encoding="utf-8")
    for path in (story, index):
        assert _violations(browser, path) == [], path.name
