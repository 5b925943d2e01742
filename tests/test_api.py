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
