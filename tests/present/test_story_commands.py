"""The analyst's commands end to end on the bundled example: --outlet, index and one report
per story, stories, report --story, review, export --format csv; a review survives the
analysis of one more article into the same store."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from typer.testing import CliRunner

from corroborate.api import review
from corroborate.present.cli.main import app
from corroborate.store import open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tarsk-port-strike"
HEX16 = re.compile(r"(?<![0-9A-Za-z_])[0-9a-f]{16}(?![0-9A-Za-z])")
MB = 1024 * 1024


def visible_text(page: str) -> str:
    """What a reader sees: the page's text without scripts, styles and code (ids)."""
    doc = lxml.html.document_fromstring(page)
    for node in doc.xpath("//script|//style|//code"):
        node.drop_tree()
    return str(doc.text_content())


def _invoke(args: list[str]) -> Any:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two articles analysed (one named with --outlet), every fact reviewed, then a third
    article, from a JSONL without outlet, URL or id, analysed into the same store."""
    tmp = tmp_path_factory.mktemp("commands")
    db = tmp / "c.db"
    dump = tmp / "dump.txt"
    shutil.copy(EXAMPLE / "harbour-daily.txt", dump)
    record = json.loads((EXAMPLE / "coastal-gazette.jsonl").read_text(encoding="utf-8"))
    wire = tmp / "wire.jsonl"
    wire.write_text(json.dumps({"text": record["text"]}) + "\n", encoding="utf-8")
    _invoke(
        [
            "analyze",
            str(dump),
            "--outlet",
            "Quay Observer",
            "--db",
            str(db),
            "--out",
            str(tmp / "o1"),
        ]
    )
    _invoke(
        ["analyze", str(EXAMPLE / "northern-wire.html"), "--db", str(db), "--out", str(tmp / "o1")]
    )
    before = json.loads((tmp / "o1" / "dossier.json").read_text(encoding="utf-8"))
    facts = [f for s in before["stories"] for f in s["figures"] + s["claims"]]
    first = facts[0]["fact_id"]
    out = _invoke(["review", first, "--db", str(db), "--confirm", "--note", "checked by phone"])
    for fact in facts[1:]:
        review(db, fact["fact_id"], "dismiss", "spot check")
    _invoke(["analyze", str(wire), "--db", str(db), "--out", str(tmp / "o2")])
    after = json.loads((tmp / "o2" / "dossier.json").read_text(encoding="utf-8"))
    return {"tmp": tmp, "db": db, "before": before, "after": after, "first": first, "out": out}


def test_outlet_names_the_input_everywhere(run: dict[str, Any]) -> None:
    labels = {a["source_label"] for a in run["after"]["articles"]}
    assert labels == {"Quay Observer", "Northern Wire", "wire.jsonl:1"}
    dump = next(a for a in run["after"]["articles"] if a["path"].endswith("dump.txt"))
    assert dump["outlet"] == "Quay Observer"


def test_index_and_one_report_per_story(run: dict[str, Any]) -> None:
    out = run["tmp"] / "o2"
    index = (out / "index.html").read_text(encoding="utf-8")
    doc = lxml.html.document_fromstring(index)
    links = doc.xpath("//table[contains(@class,'stories')]//a/@href")
    assert len(links) == len(run["after"]["stories"]) >= 1
    for href in links:
        page = out / href
        assert page.is_file() and page.stat().st_size < MB
        assert not HEX16.search(visible_text(page.read_text(encoding="utf-8")))
    assert (out / "report.html").read_text(encoding="utf-8") == index
    assert doc.xpath("//section[@id='rejected']")


def test_stories_lists_ids_and_counts(run: dict[str, Any]) -> None:
    result = _invoke(["stories", "--db", str(run["db"])])
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [r[0] for r in rows] == [s["id"] for s in run["after"]["stories"]]
    assert all(int(r[5]) >= 1 for r in rows[:1]), "reviews counted"


def test_reviews_survive_one_more_article(run: dict[str, Any]) -> None:
    assert "confirmed" in run["out"].output
    with open_store(run["db"]) as store:
        assert len(store.reviews()) == sum(
            len(s["figures"]) + len(s["claims"]) for s in run["before"]["stories"]
        )
    before = {f["fact_id"] for s in run["before"]["stories"] for f in s["figures"] + s["claims"]}
    after = [f for s in run["after"]["stories"] for f in s["figures"] + s["claims"]]
    unchanged = [f for f in after if f["fact_id"] in before]
    assert unchanged, "the new article leaves some facts as they were"
    assert all(f["review"] and f["review"]["match"] == "exact" for f in unchanged)
    # the fact confirmed on the command line: same id, or grown by the new article
    # (then the review is carried by its spans)
    first = [f for f in after if f["review"] and f["review"]["note"] == "checked by phone"]
    assert len(first) == 1 and first[0]["review"]["decision"] == "confirmed"
    assert first[0]["review"]["match"] == (
        "exact" if first[0]["fact_id"] == run["first"] else "carried"
    )


def test_report_story_shows_reviews_and_brief(run: dict[str, Any]) -> None:
    story = next(
        s
        for s in run["after"]["stories"]
        if any(
            (f["review"] or {}).get("decision") == "confirmed" for f in s["figures"] + s["claims"]
        )
    )
    target = run["tmp"] / "one.html"
    _invoke(["report", "--db", str(run["db"]), "--story", story["id"], "-o", str(target)])
    page = target.read_text(encoding="utf-8")
    doc = lxml.html.document_fromstring(page)
    assert len(doc.xpath("//article[contains(@class,'story')]")) == 1
    assert not doc.xpath("//section[@id='rejected']"), "rejected inputs are on the index"
    assert "Confirmed by an analyst: checked by phone" in " ".join(visible_text(page).split())
    assert not HEX16.search(visible_text(page))
    if story["brief"]:
        assert doc.xpath("//section[@data-section='brief']//a[@class='ev']")


def test_export_csv_of_one_story(run: dict[str, Any]) -> None:
    story = run["after"]["stories"][0]
    folder = run["tmp"] / "csv"
    _invoke(
        [
            "export",
            "--db",
            str(run["db"]),
            "--story",
            story["id"],
            "--format",
            "csv",
            "-o",
            str(folder),
        ]
    )
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["claims.csv", "entities.csv", "figures.csv", "quotes.csv", "timeline.csv"]
    with (folder / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["source_label"] for r in rows} <= {
        "Quay Observer",
        "Northern Wire",
        "wire.jsonl:1",
    }
    assert any(r["review"] for r in rows)


def test_bad_requests_fail_with_a_reason(run: dict[str, Any]) -> None:
    runner = CliRunner()
    db = str(run["db"])
    no_story = runner.invoke(app, ["export", "--db", db, "--format", "csv", "-o", "x"])
    assert no_story.exit_code == 2 and "--story" in no_story.output
    unknown = runner.invoke(app, ["review", "claim-000000000000", "--db", db, "--confirm"])
    assert unknown.exit_code == 2 and "no figure or claim" in unknown.output
    both = runner.invoke(app, ["review", run["first"], "--db", db, "--confirm", "--dismiss"])
    assert both.exit_code == 2
    missing = runner.invoke(app, ["report", "--db", db, "--story", "nope", "-o", "x.html"])
    assert missing.exit_code == 2 and "no story" in missing.output


def test_export_json_of_one_story_and_clear_a_review(run: dict[str, Any]) -> None:
    db = str(run["db"])
    story = run["after"]["stories"][0]
    target = run["tmp"] / "one.json"
    _invoke(["export", "--db", db, "--story", story["id"], "-o", str(target)])
    one = json.loads(target.read_text(encoding="utf-8"))
    assert [s["id"] for s in one["stories"]] == [story["id"]]
    assert {a["id"] for a in one["articles"]} == set(story["article_ids"])
    reviewed = next(f for f in story["figures"] + story["claims"] if f["review"])
    with open_store(run["db"]) as store:
        before = len(store.reviews())
    cleared = _invoke(["review", reviewed["fact_id"], "--db", db, "--clear"])
    assert "review removed" in cleared.output
    with open_store(run["db"]) as store:
        assert len(store.reviews()) == before - 1
        assert store.get_review(reviewed["fact_id"]) is None
