"""Numbers of the genres readings of web pages' boards found (the scrapinghub and
trafilatura sets; docs/figures.md, "Beyond GVC: web pages"): box scores, health articles
with numbered citations, car and laptop reviews, science, code, Russian show-business
pages. Things whose names end like person nouns are no people; a unit in or glued to a
number's span is what it measures; citations, grades, eras, model years, streaks, ratings,
screen resolutions, a weight given with a height, versions and values in code are no
counts; "from X to Y" after a verb of change is Y; in Russian a year and the years a person
turns are no board figures. Counts beside them stay. All texts are invented."""

from __future__ import annotations

import pytest

from corroborate.analyze.figures import extract_figures
from corroborate.analyze.nlp import load_nlp
from corroborate.analyze.russian.entities import extract_entities
from corroborate.analyze.russian.figures import extract_figures as extract_russian
from corroborate.analyze.russian.nlp import parse
from corroborate.types import Figure


def _figures(text: str) -> tuple[Figure, ...]:
    return extract_figures(load_nlp()(text))


def _units(text: str) -> dict[float | None, str | None]:
    return {f.low: f.unit for f in _figures(text)}


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Marcus finished with 25 points and 10 assists.", 10, "assist"),
        ("The crew planted 12 trees along the avenue.", 12, "tree"),
        ("Three committees met on Tuesday.", 3, "committee"),
        ("She made five playlists for the trip.", 5, "playlist"),
        ("The museum holds 40 specimens of the beetle.", 40, "specimen"),
        ("He paid two fees at the counter.", 2, "fee"),
    ],
)
def test_things_ending_like_person_nouns_are_no_people(text: str, value: float, unit: str) -> None:
    """ "-ist", "-ee", "-men" endings made "10 assists" and "12 trees" counts of people."""
    assert _units(text)[value] == unit


@pytest.mark.parametrize(
    "text",
    [
        "Two cyclists were hurt on the bridge.",
        "Two retirees were hurt on the bridge.",
        "Two librarians were hurt on the bridge.",
        "Two fishermen were hurt on the bridge.",
    ],
)
def test_person_nouns_by_their_ending_stay_people(text: str) -> None:
    assert _units(text)[2] == "people"


def test_hurting_two_wrists_is_no_count_of_people() -> None:
    """A body part counted after "hurt" was two people injured."""
    assert not [f for f in _figures("She hurt two wrists in the fall.") if f.unit == "people"]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Nissan said the new 2.0-liter will deliver better mileage.", 2, "liter"),
        ("The battery lasts an hour longer than the 15-inch did.", 15, "inch"),
        ("The car can lower itself by a total of 3-inches.", 3, "inch"),
    ],
)
def test_a_unit_glued_by_a_dash_stands_for_the_thing(text: str, value: float, unit: str) -> None:
    """ "the new 2.0-liter will deliver": a bare number as a subject was people."""
    assert _units(text)[value] == unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The sedan should deliver 215 miles on a charge.", 215, "mile"),
        ("Gusts reached 55 mph on the ridge.", 55, "mph"),
        ("The chip slows down at 95 degrees Celsius.", 95, "degree"),
    ],
)
def test_a_unit_inside_the_numbers_span_is_what_it_measures(
    text: str, value: float, unit: str
) -> None:
    """The NER takes "215 miles" whole; its head is the unit (it had been a bare count)."""
    assert _units(text)[value] == unit


def test_a_lakh_scales_its_number() -> None:
    found = {f.text: f for f in _figures("The city handed out 20 lakh saplings on Sunday.")}
    assert found["20 lakh saplings"].low == 2_000_000


def test_a_screen_resolution_is_no_count() -> None:
    assert not _figures("The shop sells everything from 8K TVs to kettles.")
    assert [f.low for f in _figures("She raised $5K for the shelter.")] == [5000]


@pytest.mark.parametrize(
    "text",
    [
        "The Isles rallied to extend their unbeaten streak to 15.",
        "Leeds extended an unbeaten run to 11 on Saturday.",
        "He has a five-game point streak.",
        "The Jets snapped an 11-game losing streak on Sunday.",
    ],
)
def test_a_streak_is_a_standing_not_a_count(text: str) -> None:
    assert _figures(text) == ()


def test_counts_near_a_run_or_an_extension_stay() -> None:
    assert [f.low for f in _figures("Police extended the curfew to 9 days.")] == [9]
    assert [f.low for f in _figures("The gunman's rampage left 3 dead.")] == [3]


def test_a_glued_unit_before_its_noun_stays_a_measure_of_it() -> None:
    found = {f.text: f for f in _figures("She carried a 16-inch laptop.")}
    assert found["16-inch laptop"].kind == "other"
    assert found["16-inch laptop"].unit == "inch"


@pytest.mark.parametrize(
    "text",
    [
        "Fiber reduced hunger while increasing fullness (17).",
        "It may aid long-term weight control (27, 28, 29). Try it.",
        "Sleep loss was linked to weight gain (4, 5); see below.",
    ],
)
def test_citation_numbers_in_brackets_are_no_counts(text: str) -> None:
    assert _figures(text) == ()


def test_a_number_restated_in_brackets_still_counts() -> None:
    assert [f.low for f in _figures("Each defendant faces two (2) counts of fraud.")] == [2]


@pytest.mark.parametrize(
    "text",
    [
        "The new keyboard has more travel than the 2016, but less than the 2012.",
        "It is thinner than the 2012 through 2015 model.",
        "He has type 2 diabetes.",
        "It is part of the broader type 2 immune response.",
        "She was diagnosed with stage 4 cancer last spring.",
        "The relics date from the kingdom's height (860 BC – 590 BC).",
    ],
)
def test_model_years_grades_and_eras_are_no_counts(text: str) -> None:
    assert _figures(text) == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The agency ran 5 ad campaigns this fall.", 5),
        ("Police found 3 levels of the garage flooded.", 3),
    ],
)
def test_counts_beside_those_words_stay(text: str, value: float) -> None:
    assert value in {f.low for f in _figures(text)}


def _russian(text: str) -> dict[str, Figure]:
    doc = parse(text)
    return {f.text: f for f in extract_russian(doc, extract_entities(doc))}


@pytest.mark.parametrize(
    "text",
    [
        "В 2018 году полиция закрыла дело.",
        "Модель рассказала о своих страхах: новости, фото 2018",
        "С 2015 года он живёт в Москве.",
    ],
)
def test_a_russian_year_is_no_figure(text: str) -> None:
    """ "в 2018 году" had been a duration of 2,018 years."""
    assert _russian(text) == {}


def test_the_years_a_person_turns_are_an_age() -> None:
    found = _russian("Сейчас Полине исполнилось 53 года, и она снимается.")
    assert found["53 года"].kind == "age"


def test_at_the_age_of_is_an_age_in_russian() -> None:
    found = _russian("В семь лет я уже сама пекла пироги.")
    assert found["семь лет"].kind == "age"


def test_once_in_two_years_and_a_surname_before_years_are_no_ages() -> None:
    assert _russian("Раз в два года проходят выборы.")["два года"].kind == "duration"
    assert _russian("Иванов 10 лет работал на заводе.")["10 лет"].kind == "duration"


def test_a_russian_count_after_a_year_stays() -> None:
    found = _russian("В 2018 году полиция задержала 5 человек.")
    assert list(found) == ["5 человек"]
    assert found["5 человек"].unit == "people"


def test_a_russian_span_of_two_thousand_years_stays_a_duration() -> None:
    found = _russian("Этому городу более 2000 лет.")
    assert found["более 2000 лет"].kind == "duration"


@pytest.mark.parametrize("text", ["Score 4.5 out of 5.", "We rate the phone 8 out of 10."])
def test_a_ratings_scale_is_no_count(text: str) -> None:
    assert _figures(text) == ()


def test_a_count_after_out_of_stays() -> None:
    assert 2 in {f.low for f in _figures("Two out of 400 residents were hurt.")}


@pytest.mark.parametrize(
    "text",
    [
        "The suspect is described as 5-foot-10, 210 pounds, wearing glasses.",
        "He was standing at 6'2\" and weighing 350 pounds.",
        "The gunman is described as a black male, about 5’10, 160 pounds.",
        "He is described as 5’7” to 5’8”, 110 to 130 pounds, wearing shorts.",
    ],
)
def test_a_weight_given_with_a_height_is_off_the_board(text: str) -> None:
    assert not [f for f in _figures(text) if f.unit in {"pound", "GBP", "count"}]


def test_the_weight_of_a_thing_stays_a_measure() -> None:
    assert [(f.low, f.unit) for f in _figures("The bomb weighed 500 pounds.")] == [(500, "pound")]
    assert [f.low for f in _figures("Deputies seized 20 pounds of marijuana.")] == [20]


@pytest.mark.parametrize(
    "text",
    ["Mercurial 5.2 was released on November 5.", "Then 3.8 was scheduled for the autumn."],
)
def test_a_bare_decimal_as_a_subject_is_no_count_of_people(text: str) -> None:
    """A bare number as a subject is taken for people; a version number is none."""
    assert not [f for f in _figures(text) if f.unit == "people"]


def test_a_bare_whole_number_as_a_subject_stays_people() -> None:
    units = [f.unit for f in _figures("Police said 3 were arrested.") if f.low == 3]
    assert units and set(units) == {"people"}


@pytest.mark.parametrize(
    "text",
    [
        'They get a payload. { "Name": "Ann Lee", "Age": 26, "Gender": "Female" }',
        "result = [] for i in [1, 2, 3, 4, 5]: result.append(i)",
    ],
)
def test_values_in_data_or_code_are_no_figures(text: str) -> None:
    assert _figures(text) == ()


def test_a_quoted_count_after_a_colon_stays() -> None:
    assert [f.low for f in _figures('Police said: "3 people were shot."') if f.low == 3]


@pytest.mark.parametrize(
    ("text", "low", "unit"),
    [
        ("Fees were raised from 5% to 12% in June.", 12, "percent"),
        ("Revenue rose from $2 billion to $3 billion last year.", 3e9, "USD"),
        ("The sentence was reduced from 10 to 5 years.", 60, "months"),
    ],
)
def test_a_change_from_one_value_to_another_reports_the_new_one(
    text: str, low: float, unit: str
) -> None:
    """ "from X to Y" after a verb of change had been the old value, or both as a range."""
    assert [(f.low, f.high, f.unit) for f in _figures(text)] == [(low, low, unit)]


def test_from_one_number_to_another_without_a_change_stays_a_range() -> None:
    found = _figures("He faces from 10 to 15 years in prison.")
    assert [(f.low, f.high) for f in found] == [(120, 180)]
