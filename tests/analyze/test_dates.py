"""Date resolution against the publication date, with tense (docs/dates.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.analyze.dates import extract_dates
from corroborate.analyze.nlp import load_nlp
from corroborate.types import DateRef


def _dates(text: str, published: str | None, inferred: bool = False) -> tuple[DateRef, ...]:
    return extract_dates(load_nlp()(text), published, inferred)


def _get(refs: tuple[DateRef, ...], expression: str) -> list[DateRef]:
    found = [r for r in refs if r.expression == expression]
    assert found, f"{expression!r} not in {[r.expression for r in refs]}"
    return found


# 2023-11-15 is a Wednesday.
PUB = "2023-11-15"


@pytest.mark.parametrize(
    ("sentence", "expression", "expected", "precision"),
    [
        ("The minister resigned on Monday.", "Monday", "2023-11-13", "day"),
        ("The minister will resign on Monday.", "Monday", "2023-11-20", "day"),
        ("The union has met on Wednesday.", "Wednesday", "2023-11-15", "day"),
        ("Ministers are to meet on Friday.", "Friday", "2023-11-17", "day"),
        ("Talks resume next Friday.", "next Friday", "2023-11-17", "day"),
        ("Talks collapsed last Friday.", "last Friday", "2023-11-10", "day"),
        ("Rallies are planned for this Sunday.", "this Sunday", "2023-11-19", "day"),
        ("The vote was held last week.", "last week", "2023-11-06", "week"),
        ("Protests grew this week.", "this week", "2023-11-13", "week"),
        ("Prices rose last month.", "last month", "2023-10-01", "month"),
        ("A ruling is expected later this month.", "later this month", "2023-11-01", "month"),
        ("Elections will take place next month.", "next month", "2023-12-01", "month"),
        ("She was elected last year.", "last year", "2022-01-01", "year"),
        ("He was poisoned last August.", "last August", "2023-08-01", "month"),
        ("He was arrested in January.", "January", "2023-01-01", "month"),
        ("A summit will be held in January.", "January", "2024-01-01", "month"),
        ("The court sat on March 3.", "March 3", "2023-03-03", "day"),
        ("The court will sit on March 3.", "March 3", "2024-03-03", "day"),
        ("The deal was signed on February 5, 2021.", "February 5, 2021", "2021-02-05", "day"),
        ("The law dates from 2014.", "2014", "2014-01-01", "year"),
        ("It began in March 2022.", "March 2022", "2022-03-01", "month"),
        ("It happened three days ago.", "three days ago", "2023-11-12", "day"),
        ("She left two weeks ago.", "two weeks ago", "2023-10-30", "week"),
        ("He spoke yesterday.", "yesterday", "2023-11-14", "day"),
        ("He wrote late Monday that talks failed.", "late Monday", "2023-11-13", "day"),
    ],
)
def test_resolution(sentence: str, expression: str, expected: str, precision: str) -> None:
    (ref,) = _get(_dates(sentence, PUB), expression)
    assert (ref.date, ref.precision) == (expected, precision)


def test_relative_flags_and_missing_anchor() -> None:
    text = "The deal was signed on February 5, 2021, and talks resumed last week."
    absolute, relative = _dates(text, PUB, inferred=True)
    assert (absolute.relative, absolute.anchor_inferred) == (False, False)
    assert (relative.relative, relative.anchor_inferred) == (True, True)
    absolute, relative = _dates(text, None)
    assert absolute.date == "2021-02-05"
    assert relative.date is None and relative.precision == "week"


def test_holidays() -> None:
    refs = _dates("Workers will hold a vigil on Christmas Eve.", PUB)
    assert [(r.expression, r.date) for r in refs] == [("Christmas Eve", "2023-12-24")]
    past = _dates("The strike started on Valentine's Day.", PUB)
    assert [r.date for r in past] == ["2023-02-14"]
    dated = _dates("They met on Christmas 2019.", PUB)
    assert [(r.date, r.relative) for r in dated] == [("2019-12-25", False)]
    easter = _dates("Rallies are planned for Easter.", PUB)
    assert [r.date for r in easter] == ["2024-03-31"]
    thanks = _dates("Stores will close on Thanksgiving.", PUB)
    assert [r.date for r in thanks] == ["2023-11-23"]


def test_durations_and_ages_are_not_dates() -> None:
    text = "Smith, 52, spent five months in jail and was sentenced to two years at 1700 GMT."
    assert _dates(text, PUB) == ()


def test_a_block_of_a_street_is_no_year() -> None:
    for text in (
        "The boy was on a porch in the 2000 block of South Elm Avenue when he was hit.",
        "Officers went to the 1900-block of Marlo Street.",
    ):
        assert [r for r in _dates(text, PUB) if r.precision == "year"] == [], text
    assert [r.date for r in _dates("The plant opened in 2000 in Marlo.", PUB)] == ["2000-01-01"]


def test_fixture_articles(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "analyze" / "figures_strike.txt").read_text()
    refs = {r.expression: r for r in _dates(text, PUB)}
    assert refs["Wednesday"].date == PUB
    assert refs["next Friday"].date == "2023-11-17"
    assert refs["Christmas Eve"].date == "2023-12-24"
    assert refs["2019"].relative is False
    for ref in refs.values():
        assert text[ref.start : ref.end] == ref.expression


# ------------------------------------------------------------------ real seeds (../shared)


def _seed(seeds_dir: Path, prefix: str) -> tuple[DateRef, ...]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return _dates(path.read_text(), "2021-02-09")


@pytest.mark.shared
def test_seed_000(seeds_dir: Path) -> None:
    refs = _seed(seeds_dir, "000")
    assert {r.date for r in _get(refs, "this Sunday")} == {"2021-02-14"}
    assert {r.date for r in _get(refs, "Valentine's Day")} == {"2021-02-14"}
    assert {r.date for r in _get(refs, "Tuesday")} == {"2021-02-09"}
    assert {r.date for r in _get(refs, "later this month")} == {"2021-02-01"}
    assert {r.date for r in _get(refs, "Monday")} == {"2021-02-08"}
    assert not [r for r in refs if r.expression in {"five months", "44", "two years"}]


@pytest.mark.shared
def test_seed_002(seeds_dir: Path) -> None:
    refs = _seed(seeds_dir, "002")
    (feb22,) = _get(refs, "February 22")
    assert (feb22.date, feb22.precision, feb22.relative) == ("2021-02-22", "day", True)
    assert {r.date for r in _get(refs, "last August")} == {"2020-08-01"}
    assert {r.date for r in _get(refs, "Friday")} == {"2021-02-05"}
    assert {r.date for r in _get(refs, "late Monday")} == {"2021-02-08"}
    assert not [r for r in refs if "1700" in r.expression]


def test_a_weekday_before_its_written_date_is_that_date() -> None:
    # the NER splits "Saturday" from "8 October 2011"; alone, the weekday had been
    # resolved against the publication day (a Friday) as the next day
    refs = _dates("The outage began on Saturday, 8 October 2011, the firm said.", "2011-10-14")
    assert [(r.expression, r.date) for r in refs] == [("Saturday, 8 October 2011", "2011-10-08")]
    # a weekday of its own stays
    refs = _dates("The outage began on Saturday. On 8 October 2011 it ended.", "2011-10-14")
    assert [r.expression for r in refs] == ["Saturday", "8 October 2011"]


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("The shooting happened Saturday night.", "Saturday", "2023-11-11"),
        ("He was found early Sunday morning, police said.", "Sunday", "2023-11-12"),
        ("Officers arrived about 10 p.m. Monday.", "Monday", "2023-11-13"),
        ("The hearing is set for Friday afternoon.", "Friday", "2023-11-17"),
    ],
)
def test_a_weekday_with_a_part_of_the_day_is_that_day(
    sentence: str, expression: str, expected: str
) -> None:
    # the NER types "Saturday night" as a time, not a date
    (ref,) = _get(_dates(sentence, PUB), expression)
    assert (ref.date, ref.precision) == (expected, "day")


def test_a_time_of_day_alone_is_no_date() -> None:
    assert _dates("The store closes at 9 p.m. and opens at dawn.", PUB) == ()


def test_a_bare_weekday_is_the_day_the_article_writes_with_it() -> None:
    # the article pairs Friday with the 9th (wrongly: 2024-03-09 was a Saturday); its other
    # "Friday" is that day too, not the calendar's Friday before publication
    text = "The ferry ran aground on Friday, March 9, the port said. Divers arrived Friday night."
    refs = _dates(text, "2024-03-11")
    assert [(r.expression, r.date) for r in refs] == [
        ("Friday, March 9", "2024-03-09"),
        ("Friday", "2024-03-09"),
    ]
    # without a written pair the weekday is the calendar's
    (ref,) = _dates("Divers arrived Friday night.", "2024-03-11")
    assert ref.date == "2024-03-08"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # PUB is a Wednesday: Monday's vote two days back, not five days ahead
        ("Ana Ruiz will be mayor after winning Monday's vote.", "2023-11-13"),
        ("The chief will resign after losing Monday's vote.", "2023-11-13"),
        # the nearer Friday is ahead
        ("She will speak on Saturday after arriving on Friday.", "2023-11-17"),
    ],
)
def test_a_gerund_after_a_future_clause_keeps_its_own_time(sentence: str, expected: str) -> None:
    """ "will be mayor after winning Monday's vote": the gerund's event comes before the
    clause's, so the future of "will" does not date it; the nearer weekday does."""
    weekday = "Monday" if "Monday" in sentence else "Friday"
    assert [r.date for r in _get(_dates(sentence, PUB), weekday)] == [expected]
