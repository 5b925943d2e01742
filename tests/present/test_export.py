"""CSV exports: five files, one row per report, labels, offsets, verdicts, reviews."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from corroborate.present.export import COLUMNS, export_csv
from corroborate.present.review import attach_reviews, fact_id
from corroborate.store import Review

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "present" / "dossier.json"


@pytest.fixture()
def dossier() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_five_files_one_row_per_report(dossier: dict[str, Any], tmp_path: Path) -> None:
    story = dossier["stories"][0]
    written = export_csv(dossier, tmp_path)
    assert [p.name for p in written] == [f"{t}.csv" for t in COLUMNS]
    tables = {p.stem: _read(p) for p in written}
    for name, rows in tables.items():
        with (tmp_path / f"{name}.csv").open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == list(COLUMNS[name])
        assert all(r["story_id"] == story["id"] for r in rows)
    assert len(tables["figures"]) == sum(len(f["reports"]) for f in story["figures"])
    assert len(tables["claims"]) == sum(len(c["support"]) for c in story["claims"])
    assert len(tables["quotes"]) == sum(len(q["reports"]) for q in story["quotes"])
    assert len(tables["entities"]) == sum(len(e["mentions"]) for e in story["entities"])
    assert len(tables["timeline"]) == sum(len(t["reports"]) for t in story["timeline"])


def test_rows_carry_labels_offsets_and_the_text_at_them(
    dossier: dict[str, Any], tmp_path: Path
) -> None:
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    export_csv(dossier, tmp_path)
    labels = {"alpha-1": "Alpha Post", "beta-7": "Beta Times", "notes:3": "riverton.txt"}
    for name in ("figures", "claims", "quotes", "entities"):
        for row in _read(tmp_path / f"{name}.csv"):
            assert row["source_label"] == labels[row["article_id"]]
            start, end = int(row["start"]), int(row["end"])
            assert row["text"].lstrip("'") == texts[row["article_id"]][start:end]
    figures = _read(tmp_path / "figures.csv")
    assert {r["verdict"] for r in figures} == {"conflict", "single_source"}
    contested = [r for r in _read(tmp_path / "claims.csv") if r["verdict"] == "contested"]
    assert {r["contradicts"] for r in contested} == {"true", "false"}


def test_reviews_are_exported(dossier: dict[str, Any], tmp_path: Path) -> None:
    story = dossier["stories"][0]
    wanted = fact_id("figure", story["figures"][0])
    review = Review(wanted, "dismissed", "=SUM(A1) is not a figure", "figure", "conflict", "s")
    dossier["stories"] = attach_reviews(dossier["stories"], [review])
    export_csv(dossier, tmp_path)
    rows = _read(tmp_path / "figures.csv")
    reviewed = [r for r in rows if r["fact_id"] == wanted]
    assert reviewed and all(r["review"] == "dismissed" for r in reviewed)
    # a cell that starts like a formula is never a formula in a spreadsheet
    assert all(r["review_note"] == "'=SUM(A1) is not a figure" for r in reviewed)
    assert all(r["review"] == "" for r in rows if r["fact_id"] != wanted)
