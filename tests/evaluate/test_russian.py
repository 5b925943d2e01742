"""Russian span scoring: the scorer on a hand-made dossier, and the product on factRuEval."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import corroborate
from corroborate.evaluate.russian import TARGET_F1, dossier_spans, gold_spans, prf, score_russian

#: Texts of factRuEval scored by the shared-data test (the harness scores all 122).
SAMPLE = 12


def _dossier(stored: str, mentions: list[dict[str, Any]], etype: str) -> dict[str, Any]:
    return {
        "articles": [{"id": "a", "text": stored, "language": "ru"}],
        "stories": [{"id": "s1", "entities": [{"type": etype, "mentions": mentions}]}],
    }


def test_spans_move_onto_the_input_text_and_types_map() -> None:
    text = "Заголовок\nВ Москве выступил Иван Петров."
    stored = "Заголовок\n\nВ Москве выступил Иван Петров."  # cleaning added a blank line
    start = stored.index("Иван Петров")
    dossier = _dossier(stored, [{"article_id": "a", "start": start, "end": start + 11}], "PERSON")
    spans = dossier_spans(dossier, {"a": text})
    assert spans == {("a", text.index("Иван"), text.index("Иван") + 11, "PER")}


def test_prf_exact_matches_only() -> None:
    gold = {("a", 0, 5, "PER"), ("a", 10, 15, "LOC")}
    ours = {("a", 0, 5, "PER"), ("a", 10, 14, "LOC"), ("a", 20, 25, "ORG")}
    p, r, f = prf(ours, gold)
    assert (p, r) == (pytest.approx(1 / 3), 0.5)
    assert f == pytest.approx(0.4)
    assert gold_spans([{"id": "a", "mentions": [{"start": 0, "end": 5, "type": "PER"}]}]) == {
        ("a", 0, 5, "PER")
    }


@pytest.mark.shared
def test_factrueval_span_f1_through_analyze_inputs(shared_dir: Path, tmp_path: Path) -> None:
    path = shared_dir / "data" / "factrueval" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"factRuEval not found at {path}")
    lines = path.read_text(encoding="utf-8").splitlines()[:SAMPLE]
    rows = [json.loads(line) for line in lines]
    user = tmp_path / "factrueval.jsonl"
    user.write_text(
        "".join(
            json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in rows
        ),
        encoding="utf-8",
    )
    result = corroborate.analyze_inputs([str(user)], db=tmp_path / "store.db")
    assert {a["language"] for a in result.dossier["articles"]} == {"ru"}
    section = score_russian(result.dossier, rows)
    micro = next(r for r in section.rows if r.metric == "PER/ORG/LOC span F1")
    assert micro.ours is not None and micro.ours >= TARGET_F1, section.rows
