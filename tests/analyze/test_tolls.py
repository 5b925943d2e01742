"""Tolls of the dead and the hurt as counts of people (analyze/tolls.py), on invented
sentences."""

from __future__ import annotations

import pytest

from corroborate.analyze.figures import extract_figures
from corroborate.analyze.pipeline import analysis_nlp
from corroborate.compare.figures import predicate_family


def _board(text: str) -> list[tuple[str | None, str, float | None]]:
    """(predicate family, unit, low) of every figure."""
    return [
        (predicate_family(f.predicate), f.unit, f.low)
        for f in extract_figures(analysis_nlp()(text))
    ]


@pytest.mark.parametrize(
    ("text", "role", "value"),
    [
        ("The death toll from the flood rose to 14 on Tuesday.", "kill", 14),
        ("Crews pulled two more bodies from the mud, raising the death toll to 23.", "kill", 23),
        ("The death toll stands at 9, the governor said.", "kill", 9),
        ("The death toll climbed from 12 to 15 on Tuesday.", "kill", 15),
        ("The blast left a death toll of 7.", "kill", 7),
        ("The number of injured reached 80 by Monday.", "injure", 80),
        ("The number of people killed rose to 12.", "kill", 12),
    ],
)
def test_a_tolls_level_counts_its_people(text: str, role: str, value: float) -> None:
    board = _board(text)
    assert (role, "people", value) in board, board
    # the level is one figure, not also a count of something that "rose"
    assert [f for f in board if f[2] == value and f[1] != "people"] == [], board


@pytest.mark.parametrize(
    "text",
    [
        "This year's death toll in the city rose to 310.",  # a period's, not an event's
        "The death toll for 2015 stood at 310.",
        "The death toll is expected to rise to 30.",  # a prospect
        "The toll rose to 5 after the bridge reopened.",  # a road toll: no deaths named
    ],
)
def test_a_toll_of_a_period_or_a_prospect_is_no_count_of_the_dead(text: str) -> None:
    assert not [f for f in _board(text) if f[1] == "people"], _board(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A crowd of 5,000 gathered in the square.", 5000),
        ("The crowd was estimated at 20,000 by the police.", 20000),
        ("Police put the crowd at 5,000.", 5000),
        ("A crowd estimated at 8,000 gathered in the square.", 8000),
        ("A march of 5,000 people crossed the bridge.", 5000),
        ("5,000 rally against the pension plan", 5000),
        ("The march drew 20,000 people.", 20000),
        ("More than 300 people attended the vigil on Sunday.", 300),
        ("More than 1,000 demonstrators joined the protest.", 1000),
        ("2,000 people took part in the rally.", 2000),
    ],
)
def test_a_crowds_size_counts_the_gatherings_people(text: str, value: float) -> None:
    board = _board(text)
    assert [f for f in board if f[0] == "protest" and f[1] == "people" and f[2] == value], board


@pytest.mark.parametrize(
    "text",
    [
        "Two officers joined the force in May.",
        "The artist drew two portraits.",
        "The rally is at 5 on Sunday.",  # its hour
        "Two marches are planned for Saturday.",  # marches, not marchers
    ],
)
def test_joining_or_drawing_something_else_is_no_crowd(text: str) -> None:
    assert not [f for f in _board(text) if f[0] == "protest"], _board(text)
