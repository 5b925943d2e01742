"""Shapes the twenty-first to twenty-third hand readings of the board found
(docs/figures.md): ages the parser hid behind "the other", a relative clause, a typo of
"year" or a spaced dash, a house number after a name, a calibre with no noun after it,
"one day" meaning some day, multiplied shootings, "one of them" meaning a shot, "not
fatally wounded". Every sentence is invented."""

from __future__ import annotations

import pytest

from corroborate.analyze.figures import extract_figures
from corroborate.analyze.nlp import load_nlp
from corroborate.types import Figure


def _figures(text: str) -> tuple[Figure, ...]:
    return extract_figures(load_nlp()(text))


def _counts_of(found: tuple[Figure, ...], value: float) -> list[Figure]:
    return [
        f
        for f in found
        if f.kind == "count" and f.low is not None and f.low <= value <= (f.high or f.low)
    ]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "Police said one suspect is about 30 years old and the other believed to be about 25.",
            25,
        ),
        ("One man was about 40 years old and the other was thought to be 19.", 19),
        ("Police seek two gunmen, one who is 17 years old and the other believed to be 23.", 23),
        ("Officers arrested five teens, two who were 18 years old and three who were 16.", 16),
        ("Deputies found four children, one who was 7 and three who were 12.", 12),
        ("Police identified the driver as 24-tear-old Dana Whitfield.", 24),
        ("The men - Tom R. Vance, 19; Eli J. Moss, 22; and Carl D. Price Jr., 24 - were held.", 24),
    ],
)
def test_ages_the_parser_hid_are_ages(text: str, age: float) -> None:
    found = _figures(text)
    assert not _counts_of(found, age), found
    assert [f for f in found if f.kind == "age" and f.low == age], found


def test_a_count_with_a_relative_clause_is_no_age() -> None:
    """ "five teens, two who were 18 years old": "two" counts teens; it is no age of 2."""
    found = _figures(
        "Officers arrested five teens, two who were 18 years old and three who were 16."
    )
    assert not [f for f in found if f.kind == "age" and f.low == 2], found
    assert [f for f in found if f.kind == "count" and f.low == 5 and f.unit == "people"], found


@pytest.mark.parametrize(
    "text",
    [
        "The deputy pulled out her duty weapon, a 9 mm, and shot the dog.",
        "Police recovered his gun, a .40 caliber, from the car.",
    ],
)
def test_a_calibre_without_a_noun_is_no_count(text: str) -> None:
    found = _figures(text)
    assert not [f for f in found if f.kind == "count"], found


def test_a_calibre_before_its_noun_stays_a_size() -> None:
    found = _figures("He carried a 9 mm handgun.")
    assert [(f.kind, f.unit, f.low) for f in found] == [("other", "mm", 9.0)]


@pytest.mark.parametrize(
    "text",
    [
        "She said one day you boys will forgive me.",
        "One day he hopes to return home.",
    ],
)
def test_one_day_as_some_day_is_no_duration(text: str) -> None:
    assert not [f for f in _figures(text) if f.kind == "duration"], _figures(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("He spent one day in jail.", 1.0),
        ("Cole was charged on Saturday, police confirm, one day after Ann Burnett was shot.", 1.0),
        ("The strike lasted one day.", 1.0),
    ],
)
def test_one_day_as_a_length_stays_a_duration(text: str, days: float) -> None:
    found = _figures(text)
    assert [f for f in found if f.kind == "duration" and f.low == days], found


def test_multiplied_shootings_count_their_victims() -> None:
    """ "two triple shootings and a fatal double shooting": 2 x 3 + 2 people shot."""
    found = _figures("The weekend included two triple shootings and a fatal double shooting.")
    shot = [f for f in found if f.unit == "people" and f.predicate == "shoot" and f.scope is None]
    assert (8, 8) in [(f.low, f.high) for f in shot], found
    assert 5 not in [f.low for f in shot], found
    single = _figures("Police are investigating a triple shooting on Elm Street.")
    assert [f.low for f in single if f.unit == "people" and f.predicate == "shoot"] == [3], single


def test_one_of_them_that_hits_someone_is_a_shot() -> None:
    """ "about 20 shots were fired into three houses, one of them hitting a boy": what hit
    the boy is a shot, not a house."""
    found = _figures("About 20 shots were fired into three houses, one of them hitting a boy.")
    assert not [f for f in found if f.unit == "home" and f.low == 1], found
    struck = _figures("He fired at two other officers, striking one of them, before he fled.")
    assert [f for f in struck if f.unit == "people" and f.low == 1], struck
    homes = _figures("Gunmen fired at three houses and one of them caught fire.")
    assert [f for f in homes if f.unit == "home" and f.low == 1], homes


def test_a_record_glued_to_its_dash_stays_no_age() -> None:
    assert not [f for f in _figures("Wells, 43-1, won the title again.") if f.kind == "age"]


def test_not_fatally_wounded_is_wounded() -> None:
    """ "shot in the leg, but was not fatally wounded": the parser hangs "not" on the
    auxiliary; nobody is killed, and the one shot is injured."""
    found = _figures("A child was also shot in the leg, but was not fatally wounded.")
    assert not [f for f in found if f.predicate in {"kill", "die"}], found
    assert [f.low for f in found if f.predicate == "injure"] == [1], found


def test_a_house_number_after_a_name_is_no_age() -> None:
    """ "Ray Cole, age 31, of 45 Elm Street": 45 is the house, not a second age."""
    found = _figures("Ray Cole, age 31, of 45 Elm Street, Apt. 6, Dayton, has been charged.")
    assert [f.low for f in found if f.kind == "age"] == [31], found


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("It is about a 25- to 30-minute drive from the city.", 25 / 60, 0.5),
        ("He faces a 10- to 15-year sentence.", 120, 180),
    ],
)
def test_a_range_whose_unit_is_written_once_is_whole(text: str, low: float, high: float) -> None:
    """The twenty-eighth hand reading: "a 25- to 30-minute drive" had been 30 minutes."""
    found = [f for f in _figures(text) if f.kind == "duration"]
    assert [(round(f.low or 0, 4), f.high) for f in found] == [(round(low, 4), high)]


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Police say 2 people are dead after the crash.", "kill"),
        ("Officials said three are in critical condition.", "condition"),
    ],
)
def test_a_count_the_speaker_reports_is_filed_once(text: str, predicate: str) -> None:
    """The twenty-eighth hand reading: "Police say 2 people are dead" had been filed under
    "say" too, a second group of the same count."""
    assert [f.predicate for f in _figures(text) if f.unit == "people"] == [predicate]
