"""Triage: contested first, facts that carry figures, actors and dates before generic ones,
single-source facts collapsed per outlet with counts."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from corroborate.present.report import render_report
from corroborate.present.triage import ACTOR, DATE, FIGURE, StoryFinds, fact_weight

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "present" / "dossier.json"


@pytest.fixture()
def dossier() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def _claim(cid: str, aid: str, start: int, end: int) -> dict[str, Any]:
    return {
        "id": cid,
        "text": cid,
        "verdict": "single_source",
        "support": [{"article_id": aid, "start": start, "end": end}],
    }


def test_weights_come_from_what_the_spans_hold() -> None:
    story = {
        "figures": [{"reports": [{"article_id": "a", "start": 10, "end": 15}]}],
        "entities": [
            {"type": "PERSON", "mentions": [{"article_id": "a", "start": 30, "end": 35}]},
            {"type": "GPE", "mentions": [{"article_id": "a", "start": 60, "end": 65}]},
            {"type": "DATE", "mentions": [{"article_id": "a", "start": 80, "end": 85}]},
        ],
        "timeline": [{"reports": [{"article_id": "b", "start": 5, "end": 9}]}],
    }
    finds = StoryFinds(story)
    assert fact_weight(finds, "claim", _claim("x", "a", 0, 40)) == FIGURE + ACTOR
    assert fact_weight(finds, "claim", _claim("x", "a", 50, 70)) == 0  # a place is no actor
    assert fact_weight(finds, "claim", _claim("x", "a", 70, 90)) == DATE
    assert fact_weight(finds, "claim", _claim("x", "b", 0, 20)) == DATE
    assert fact_weight(finds, "claim", _claim("x", "a", 12, 40)) == ACTOR  # figure not inside
    assert fact_weight(finds, "figure", story["figures"][0]) == FIGURE


def test_single_source_facts_are_collapsed_per_outlet_most_first(dossier: dict[str, Any]) -> None:
    story = dossier["stories"][0]
    text = next(a for a in dossier["articles"] if a["id"] == "alpha-1")["text"]
    generic = _claim("claim-generic", "alpha-1", 0, 20)
    generic["support"][0]["text"] = text[0:20]
    story["claims"].append(generic)
    for n in (1, 2):  # three facts only Alpha Post reports: more than any other outlet
        story["claims"].append(copy.deepcopy(generic) | {"id": f"claim-generic-{n}"})
        story["claims"][-1]["support"][0].update(start=n, end=20 + n)
    doc = lxml.html.document_fromstring(render_report(dossier))
    single = doc.xpath("//details[@data-group='single']")[0]
    outlets = single.xpath(".//details[contains(@class,'outlet-group')]")
    names = [o.xpath(".//summary//span[@class='outlet-name']")[0].text for o in outlets]
    counts = [int(o.xpath(".//summary/span[@class='count']")[0].text) for o in outlets]
    assert names[0] == "Alpha Post" and counts == sorted(counts, reverse=True)
    assert sum(counts) == len(single.xpath(".//tbody[@data-verdict]"))
    assert all(o.get("open") is None for o in outlets), "collapsed"


def test_facts_carrying_more_come_first(dossier: dict[str, Any]) -> None:
    story = dossier["stories"][0]
    generic = _claim("claim-generic", "alpha-1", 0, 20)
    story["claims"].insert(0, generic)  # first in the story, generic: must sink
    doc = lxml.html.document_fromstring(render_report(dossier))
    single = doc.xpath("//details[@data-group='single']//tbody[@data-verdict]")
    order = [t.get("id") for t in single]
    assert order[-1].endswith("claim-generic")
    contested = doc.xpath("//details[@data-group='contested']//tbody[@data-verdict]")
    assert [t.get("data-kind") for t in contested] == ["figure", "claim"]
