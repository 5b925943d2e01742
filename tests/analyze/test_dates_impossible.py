"""Impossible month-days ("February 30", "April 31") never crash analysis (docs/dates.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.analyze import pipeline
from corroborate.analyze.dates import extract_dates
from corroborate.analyze.nlp import load_nlp
from corroborate.types import Article, DateRef

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "analyze"

# 2023-11-15 is a Wednesday.
PUB = "2023-11-15"


def _dates(text: str, published: str | None = PUB) -> tuple[DateRef, ...]:
    return extract_dates(load_nlp()(text), published)


def _one(refs: tuple[DateRef, ...], expression: str) -> DateRef:
    found = [r for r in refs if r.expression == expression]
    assert len(found) == 1, (expression, [r.expression for r in refs])
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "expected", "relative"),
    [
        # No year: the month, resolved like a bare month with the clause's tense.
        ("The ferry sailed on February 30.", "February 30", "2023-02-01", True),
        ("The council will vote on April 31.", "April 31", "2024-04-01", True),
        ("The shipyard closed on 31 September.", "31 September", "2023-09-01", True),
        ("Tenders opened on November 31st.", "November 31st", "2023-11-01", True),
        # With a year: that month of that year (no longer clamped to the 28th).
        ("The lease was signed on February 30, 2014.", "February 30, 2014", "2014-02-01", False),
        ("The lease was signed on April 31, 2015.", "April 31, 2015", "2015-04-01", False),
        ("The mill shut on February 29, 2015.", "February 29, 2015", "2015-02-01", False),
    ],
)
def test_impossible_day_keeps_the_month(
    sentence: str, expression: str, expected: str, relative: bool
) -> None:
    ref = _one(_dates(sentence), expression)
    assert (ref.date, ref.precision, ref.relative) == (expected, "month", relative)


def test_impossible_day_without_publication_date() -> None:
    ref = _one(_dates("The ferry sailed on February 30.", None), "February 30")
    assert (ref.date, ref.precision, ref.relative) == (None, "month", True)
    ref = _one(_dates("The lease was signed on April 31, 2015.", None), "April 31, 2015")
    assert (ref.date, ref.precision) == ("2015-04-01", "month")


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # Possible days are unchanged: February 29 goes to a leap year.
        ("The mill shut on February 29, 2016.", PUB, "2016-02-29"),
        ("The mill shut on February 29.", PUB, "2020-02-29"),
        ("The mill will reopen on February 29.", PUB, "2024-02-29"),
        # Past tense, but this year's February 29 is after publication: the previous leap
        # year's, not February 28 of a common year.
        ("The mill shut on February 29.", "2024-01-10", "2020-02-29"),
        # Future tense, this year's February 29 already past: the next leap year's.
        ("The mill will reopen on February 29.", "2024-03-10", "2028-02-29"),
        ("The court sat on April 30.", PUB, "2023-04-30"),
    ],
)
def test_possible_days_unchanged(sentence: str, published: str, expected: str) -> None:
    refs = _dates(sentence, published)
    assert len(refs) == 1
    assert (refs[0].date, refs[0].precision) == (expected, "day")


def test_holiday_with_impossible_year_is_skipped() -> None:
    refs = _dates("The carol service was first held at Christmas 0000, the leaflet says.")
    assert all(r.date != "0000-12-25" for r in refs)


def test_article_with_impossible_dates_is_analysed() -> None:
    text = (FIXTURES / "dates_impossible.txt").read_text(encoding="utf-8")
    article = Article(
        id="dates_impossible",
        path=str(FIXTURES / "dates_impossible.txt"),
        text=text,
        published="2023-11-15",
        published_source="metadata",
    )
    analysis = pipeline.analyze_article(article)
    by_expr = {d.expression: d for d in analysis.dates}
    assert by_expr["February 30"].precision == "month"
    assert (by_expr["April 31, 2022"].date, by_expr["April 31, 2022"].precision) == (
        "2022-04-01",
        "month",
    )
    assert by_expr["February 29, 2021"].date == "2021-02-01"
    for d in analysis.dates:
        assert text[d.start : d.end] == d.expression
