"""The library API behind the CLI: one call from inputs to dossier."""

from __future__ import annotations

import json
from pathlib import Path

import corroborate

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "tarsk-port-strike"


def test_analyze_inputs_without_out_returns_the_dossier(tmp_path: Path) -> None:
    result = corroborate.analyze_inputs([str(EXAMPLE)], tmp_path / "c.db")
    assert result.ingest.added == 3 and result.ingest.rejected == 0
    assert result.run.analysed == 3
    assert result.dossier_path is None and result.report_path is None
    assert len(result.dossier["stories"]) == 1
    assert sorted(result.dossier["stories"][0]["article_ids"]) == sorted(
        a["id"] for a in result.dossier["articles"]
    )
    # A second call analyses nothing new and yields the same stories.
    again = corroborate.analyze_inputs([str(EXAMPLE)], tmp_path / "c.db", tmp_path / "out")
    assert again.ingest.added == 0 and again.run.analysed == 0
    assert again.dossier["stories"] == result.dossier["stories"]
    assert again.report_path is not None and again.report_path.read_text().startswith("<!")
    written = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    assert written["stories"] == result.dossier["stories"]


def test_bad_input_is_a_rejection_not_an_exception(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    seen: list[str] = []
    result = corroborate.ingest_inputs(
        [str(empty)], tmp_path / "c.db", on_reject=lambda r: seen.append(r.path)
    )
    assert result.rejected == 1 and result.added == 0
    assert seen == [str(empty)]


def test_a_page_with_a_news_headline_and_no_body_is_kept_from_its_headline(
    tmp_path: Path,
) -> None:
    """A paywalled page in a feed export: its outlet's headline is kept as the article (its
    counts reach the board), flagged ``headline_only`` with a note the report shows."""
    records = [
        {
            "id": "full",
            "outlet": "Varne Courier",
            "published": "2026-03-03",
            "title": "Crane collapse at Varne harbour",
            "text": "A crane collapsed at Varne harbour on Tuesday morning. Harbour police "
            "said two dock workers were injured and taken to the city hospital. The crane's "
            "operator was not hurt. Inspectors from the port authority closed the quay while "
            "they examine the crane's base, which engineers said had shifted overnight.",
        },
        {
            "id": "walled",
            "outlet": "Harbour Times",
            "published": "2026-03-03",
            "title": "Two dock workers hurt as crane collapses at Varne harbour",
            "text": "1 of 3 free articles read this month",
        },
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = corroborate.analyze_inputs([str(path)], tmp_path / "c.db", tmp_path / "out")
    assert result.ingest.rejected == 0 and result.ingest.added == 2
    assert result.ingest.headline_only == 1
    walled = next(a for a in result.dossier["articles"] if a["sources"][0]["id"] == "walled")
    assert walled["headline_only"] is True
    assert walled["text"] == records[1]["title"]
    assert walled["notes"][0].startswith("headline only")
    full = next(a for a in result.dossier["articles"] if a["sources"][0]["id"] == "full")
    assert "headline_only" not in full
    injured = [
        (r["article_id"], r["low"])
        for story in result.dossier["stories"]
        for group in story["figures"]
        if group["measure"].startswith("injure")
        for r in group["reports"]
    ]
    assert (walled["id"], 2.0) in injured
    story = (tmp_path / "out" / "stories").glob("*.html")
    assert any("headline only" in page.read_text(encoding="utf-8") for page in story)
