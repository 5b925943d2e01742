"""The cited brief: 3–6 sentences from the verdicts, in the articles' own words, cited."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from corroborate.present.brief import MAX_SENTENCES, brief_record, build_brief
from corroborate.present.labels import source_labels
from corroborate.present.report import render_report

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "present" / "dossier.json"


@pytest.fixture()
def dossier() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def _brief(dossier: dict[str, Any]) -> list[Any]:
    articles = {a["id"]: a for a in dossier["articles"]}
    story = dossier["stories"][0]
    return build_brief(story, articles, source_labels(articles.values()))


def test_agreement_difference_and_single_source_in_that_order(dossier: dict[str, Any]) -> None:
    brief = _brief(dossier)
    assert 3 <= len(brief) <= MAX_SENTENCES
    assert [s.kind for s in brief] == sorted(
        (s.kind for s in brief), key=["agree", "differ", "single"].index
    )
    texts = {s.kind: s.text for s in brief}
    assert texts["agree"].startswith("Alpha Post and Beta Times report: “Mayor Ivo Petrak said")
    # the figure conflict: who says what, with the intervals
    assert "Alpha Post gives “about 300 homes” (270–330)" in texts["differ"]
    assert "Beta Times gives “More than 1,200 homes” (≥ 1,200)" in texts["differ"]
    assert texts["single"].startswith("Only riverton.txt reports: “Riverton mayor Ivo Petrak")


def test_every_quoted_part_is_the_text_at_its_span(dossier: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    labels = {"Alpha Post", "Beta Times", "riverton.txt"}
    for sentence in _brief(dossier):
        assert sentence.evidence, "every sentence cites a span"
        for part in sentence.parts:
            if part.evidence is None:
                continue
            aid, start, end = part.evidence
            quoted = texts[aid][start:end]
            assert part.text in labels or " ".join(quoted.split()).startswith(part.text.rstrip("…"))


def test_a_contested_claim_on_a_named_figure_is_not_repeated(dossier: dict[str, Any]) -> None:
    differ = [s for s in _brief(dossier) if s.kind == "differ"]
    assert len(differ) == 1 and differ[0].fact_kind == "figure"
    story = dossier["stories"][0]
    story["figures"] = [f for f in story["figures"] if f["verdict"] != "conflict"]
    differ = [s for s in _brief(dossier) if s.kind == "differ"]
    assert len(differ) == 1 and differ[0].fact_kind == "claim"
    assert " says “" in differ[0].text and ", while " in differ[0].text


def test_a_story_without_facts_has_no_brief(dossier: dict[str, Any]) -> None:
    story = dossier["stories"][0]
    for field in ("figures", "claims"):
        story[field] = []
    assert _brief(dossier) == []


def test_at_most_six_sentences(dossier: dict[str, Any]) -> None:
    story = dossier["stories"][0]
    single = next(c for c in story["claims"] if c["verdict"] == "single_source")
    story["claims"] += [copy.deepcopy(single) for _ in range(10)]
    story["figures"] += [copy.deepcopy(story["figures"][0]) for _ in range(5)]
    assert len(_brief(dossier)) == MAX_SENTENCES


def test_the_report_shows_the_brief_with_working_links(dossier: dict[str, Any]) -> None:
    doc = lxml.html.document_fromstring(render_report(dossier))
    items = doc.xpath("//section[@data-section='brief']//li")
    assert len(items) == len(_brief(dossier))
    ids = set(doc.xpath("//@id"))
    for item in items:
        links = [a.get("href") for a in item.xpath(".//a")]
        assert links and all(h[1:] in ids for h in links), "every link has a target"


def test_brief_record_is_json(dossier: dict[str, Any]) -> None:
    record = brief_record(_brief(dossier))
    assert json.loads(json.dumps(record)) == record
    assert all(r["text"] == "".join(p["text"] for p in r["parts"]) for r in record)
    assert any("start" in p for r in record for p in r["parts"])


def _wide_story() -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """Six outlets: a claim all of them report; a figure where four agree on 5 (two in the
    same words), one says 7, one says 9."""
    text = "Five ferries were cancelled. Five ferries were cancelled."
    words = {"o1": "Five", "o2": "Five", "o3": "five", "o4": "Fiv", "o5": "Seven", "o6": "Nine"}
    articles = {}
    for aid, figure in words.items():
        articles[aid] = {"id": aid, "outlet": f"Outlet {aid}", "text": f"{figure} {text}"}
    reports = [
        {
            "article_id": aid,
            "start": 0,
            "end": len(w),
            "low": {"Seven": 7.0, "Nine": 9.0}.get(w, 5.0),
            "high": {"Seven": 7.0, "Nine": 9.0}.get(w, 5.0),
        }
        for aid, w in words.items()
    ]
    support = [{"article_id": a, "start": 0, "end": 10} for a in words]
    story = {
        "id": "s",
        "article_ids": list(words),
        "figures": [
            {"id": "F1", "measure": "cancel — ferries", "verdict": "conflict", "reports": reports}
        ],
        "claims": [{"id": "c1", "text": "x", "verdict": "corroborated", "support": support}],
    }
    labels = {a: f"Outlet {a}" for a in words}
    return story, articles, labels


def test_many_outlets_are_counted_and_equal_values_grouped() -> None:
    story, articles, labels = _wide_story()
    brief = {s.kind: s.text for s in build_brief(story, articles, labels)}
    assert brief["agree"].startswith("Outlet o1, Outlet o2, Outlet o3 and 3 other outlets report")
    differ = brief["differ"]
    assert differ.startswith("Outlets differ on cancel (ferries): ")
    # the same value and the same words: named together; other words: their own
    assert (
        "Outlet o1 and Outlet o2 give “Five”, Outlet o3 gives “five”, Outlet o4 gives “Fiv” (5)"
        in differ
    )
    assert "Outlet o5 gives “Seven” (7); Outlet o6 gives “Nine” (9)." in differ


def test_close_but_different_figures_follow_the_conflicts(dossier: dict[str, Any]) -> None:
    story = dossier["stories"][0]
    conflict = next(g for g in story["figures"] if g["verdict"] == "conflict")
    story["figures"].append(
        {
            **copy.deepcopy(conflict),
            "id": "F99",
            "verdict": "approximate",
            "measure": "evacuate — homes",
        }
    )
    differ = [s.text for s in _brief(dossier) if s.kind == "differ"]
    assert differ[0].startswith("Outlets differ on ")
    assert differ[1].startswith("Outlets differ slightly on evacuate (homes)")
