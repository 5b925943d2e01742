"""The claims scorer on a tiny invented story: pairs, verdict shares, conflicts, alignment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corroborate.evaluate.claims import locate_sentences, score_claims

A = "Police arrested a man on Monday. He is 30 years old. The shop was closed."
B = "A man was arrested by police on Monday.\n\nThe suspect is 31. Rain fell all day."


def _sentences(aid: str, text: str, parts: list[str]) -> list[dict[str, Any]]:
    out, cursor = [], 0
    for n, part in enumerate(parts):
        start = text.index(part, cursor)
        cursor = start + len(part)
        out.append({"sid": f"{aid}:{n}", "start": start, "end": cursor, "text": part})
    return out


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    (tmp_path / "stories").mkdir()
    (tmp_path / "facts").mkdir()
    story = {
        "story": "gvc-1",
        "source": "gvc",
        "articles": [
            {
                "id": "a",
                "text": A,
                "sentences": _sentences(
                    "a",
                    A,
                    [
                        "Police arrested a man on Monday.",
                        "He is 30 years old.",
                        "The shop was closed.",
                    ],
                ),
            },
            {
                "id": "b",
                "text": B,
                "sentences": _sentences(
                    "b",
                    B,
                    [
                        "A man was arrested by police on Monday.",
                        "The suspect is 31.",
                        "Rain fell all day.",
                    ],
                ),
            },
        ],
    }
    facts = {
        "story": "gvc-1",
        "facts": [
            {"id": "f1", "statement": "arrest", "sids": ["a:0", "b:0"]},
            {"id": "f2", "statement": "age 30", "sids": ["a:1"]},
            {"id": "f3", "statement": "age 31", "sids": ["b:1"]},
            {"id": "f4", "statement": "shop closed", "sids": ["a:2"]},
        ],
        "conflicts": [{"facts": ["f2", "f3"], "why": "age"}],
    }
    (tmp_path / "stories" / "gvc-1.json").write_text(json.dumps(story))
    (tmp_path / "facts" / "gvc-1.json").write_text(json.dumps(facts))
    return tmp_path


def _span(aid: str, text: str, part: str) -> dict[str, Any]:
    start = text.index(part)
    return {"article_id": aid, "start": start, "end": start + len(part), "text": part}


def _dossier(claims: list[dict[str, Any]], figures: list[dict[str, Any]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    # dossier text of b is cleaned: the blank line between paragraphs is one newline
    return {
        "articles": [
            {"id": "a", "text": A, "sources": [], "duplicate_ids": []},
            {"id": "b", "text": B.replace("\n\n", "\n"), "sources": [], "duplicate_ids": []},
        ],
        "stories": [{"article_ids": ["a", "b"], "claims": claims, "figures": list(figures)}],
    }


def _rows(section: Any) -> dict[str, float | None]:
    return {r.metric: r.ours for r in section.rows}


BC = B.replace("\n\n", "\n")


def test_perfect_claims_score_one(gold: Path) -> None:
    claims = [
        {
            "verdict": "corroborated",
            "support": [
                _span("a", A, "Police arrested a man on Monday."),
                _span("b", BC, "A man was arrested by police on Monday."),
            ],
        },
        {
            "verdict": "contested",
            "support": [_span("a", A, "He is 30 years old.")],
            "contradicted_by": [_span("b", BC, "The suspect is 31.")],
        },
        {"verdict": "single_source", "support": [_span("a", A, "The shop was closed.")]},
    ]
    section = score_claims(_dossier(claims), gold)
    rows = _rows(section)
    assert section.info["gold pairs in one dossier story"] == 1.0
    assert rows["pair precision"] == 1.0 and rows["pair recall"] == 1.0
    assert rows["pair MCC"] == 1.0
    assert rows["single_source stated elsewhere"] == 0.0
    assert rows["corroborated sharing no fact"] == 0.0
    assert rows["contested recall"] == 1.0 and rows["contested precision"] == 1.0


def test_split_fact_and_wrong_merge_are_counted(gold: Path) -> None:
    claims = [
        {
            "verdict": "single_source",
            "support": [_span("a", A, "Police arrested a man on Monday.")],
        },
        {
            "verdict": "single_source",
            "support": [_span("b", BC, "A man was arrested by police on Monday.")],
        },
        {
            "verdict": "corroborated",
            "support": [
                _span("a", A, "The shop was closed."),
                _span("b", BC, "Rain fell all day."),
            ],
        },
    ]
    section = score_claims(_dossier(claims), gold)
    rows = _rows(section)
    assert rows["pair precision"] == 0.0 and rows["pair recall"] == 0.0
    assert rows["single_source stated elsewhere"] == 1.0  # both halves of the arrest
    assert rows["corroborated sharing no fact"] == 1.0
    assert rows["contested recall"] == 0.0
    assert rows["contested precision"] is None  # nothing contested
    base = {r.metric: r.baseline for r in section.rows}
    # 9 cross-article pairs, 1 gold: the one-claim baseline has precision 1/9 and MCC 0
    assert base["pair precision"] == pytest.approx(1 / 9, abs=1e-4)
    assert base["pair MCC"] == 0.0


def test_conflicting_figure_group_counts_as_contested(gold: Path) -> None:
    figures = [
        {"verdict": "conflict", "reports": [_span("a", A, "30 years old"), _span("b", BC, "31")]}
    ]
    rows = _rows(score_claims(_dossier([], figures), gold))
    assert rows["contested recall"] == 1.0 and rows["contested precision"] == 1.0


def test_atomic_single_source_beside_a_corroborated_one_is_not_an_error(gold: Path) -> None:
    # an invented gold sentence stating two facts is not needed: one sentence in a
    # corroborated claim and in a single-source claim (another clause) is fine
    claims = [
        {
            "verdict": "corroborated",
            "support": [
                _span("a", A, "Police arrested a man"),
                _span("b", BC, "A man was arrested"),
            ],
        },
        {
            "verdict": "single_source",
            "support": [_span("a", A, "Police arrested a man on Monday.")],
        },
    ]
    rows = _rows(score_claims(_dossier(claims), gold))
    assert rows["single_source stated elsewhere"] == 0.0
    assert rows["pair recall"] == 1.0


def test_locate_sentences_survives_whitespace_changes() -> None:
    text = "First line here.\nSecond  sentence\nwraps here."
    spans = locate_sentences(
        [("x:0", "First line here."), ("x:1", "Second sentence wraps here.")], text
    )
    assert text[slice(*spans["x:0"])] == "First line here."
    assert text[slice(*spans["x:1"])] == "Second  sentence\nwraps here."
    assert "x:2" not in locate_sentences([("x:2", "Not in the text.")], text)
