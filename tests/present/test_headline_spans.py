"""Figure reports the headline alone states (``field`` "title"): their offsets point into the
article's title, so no page, brief, triage or CSV reads them as offsets into the text."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest

from corroborate.present.brief import evidence_text
from corroborate.present.export import export_csv
from corroborate.present.report.html import render_report
from corroborate.present.triage import StoryFinds

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "present" / "dossier.json"


@pytest.fixture()
def dossier() -> dict[str, Any]:
    """The fixture dossier with one more report: "Riverton" (title offsets 0-8) of beta-7's
    headline, for the first figure group."""
    data: dict[str, Any] = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    group = data["stories"][0]["figures"][0]
    report = dict(group["reports"][0], article_id="beta-7", start=0, end=8, field="title")
    report["text"] = "Riverton"
    group["reports"].append(report)
    return data


def _title_report(dossier: dict[str, Any]) -> dict[str, Any]:
    report: dict[str, Any] = dossier["stories"][0]["figures"][0]["reports"][-1]
    return report


def test_words_come_from_the_title(dossier: dict[str, Any]) -> None:
    articles = {a["id"]: a for a in dossier["articles"]}
    assert evidence_text(articles, _title_report(dossier)) == "Riverton"
    body = dict(_title_report(dossier), field="text")
    assert evidence_text(articles, body) == articles["beta-7"]["text"][0:8]


def test_title_spans_are_not_body_spans(dossier: dict[str, Any]) -> None:
    finds = StoryFinds(dossier["stories"][0])
    assert not finds.figures.inside("beta-7", 0, 8)


def test_csv_names_the_field(dossier: dict[str, Any], tmp_path: Path) -> None:
    export_csv(dossier, tmp_path)
    with (tmp_path / "figures.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = {(r["article_id"], r["start"]): r["field"] for r in rows}
    assert fields[("beta-7", "0")] == "title"
    assert set(fields.values()) == {"text", "title"}


def test_report_does_not_highlight_a_title_span_in_the_body(dossier: dict[str, Any]) -> None:
    page = render_report(dossier)
    assert 'id="a-beta-7-0-8"' not in page
