"""The board scan (``evaluate/board.py``) on invented dossiers."""

from __future__ import annotations

from typing import Any

from corroborate.evaluate.board import board_noise


def _dossier(text: str, span: str, low: float, high: float, unit: str = "count") -> dict[str, Any]:
    start = text.index(span)
    report = {"article_id": "a", "field": "text", "start": start, "end": start + len(span)}
    group = {
        "measure": "x — " + unit,
        "unit": unit,
        "reports": [{**report, "low": low, "high": high}],
    }
    return {"articles": [{"id": "a", "title": "", "text": text}], "stories": [{"figures": [group]}]}


def test_clock_times_scores_and_years_are_flagged() -> None:
    cases = [
        ("Shots rang out at about 3 p. m. on Friday.", "about 3 p. m.", 2.7, 3.3, "clock"),
        ("They met at 10:45 in the hall.", "10:45", 45, 45, "clock"),
        ("The Owls won an 88-72 game.", "88-72 game", 88, 88, "score"),
        ("She hosted the show in 2001 and 2005.", "2005", 2005, 2005, "year"),
    ]
    for text, span, low, high, kind in cases:
        assert [n.kind for n in board_noise(_dossier(text, span, low, high))] == [kind]


def test_counts_beside_them_are_not() -> None:
    cases = [
        (
            "He surrendered at 6 p.m. and was arrested.",
            "He surrendered at 6 p.m. and was arrested",
            1,
            1,
        ),
        ("Between 10-15 shots were fired.", "Between 10-15 shots", 10, 15),
        ("The firm ordered six A330-300 jets.", "six A330-300 jets", 6, 6),
        ("About 2000 people marched.", "2000 people", 2000, 2000),
        ("The man fell around 2000ft near the summit.", "2000", 2000, 2000),
    ]
    for text, span, low, high in cases:
        unit = "people" if "people" in span or "arrested" in span else "count"
        assert board_noise(_dossier(text, span, low, high, unit)) == []
