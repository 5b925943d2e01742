"""Unit tests of the number normaliser and its tolerance rules (docs/figures.md)."""

from __future__ import annotations

import pytest

from corroborate.analyze.numbers import (
    apply_qualifier,
    convert_duration,
    parse_ordinal_word,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier", "approximate"),
    [
        ("35 people", 35, 35, None, False),
        ("over 11,000 people", 11000, None, "over", False),
        ("more than 3,000 workers", 3000, None, "more than", False),
        ("at least 20", 20, None, "at least", False),
        ("about ten thousand people", 9000, 11000, "about", True),
        ("around twenty thousand", 18000, 22000, "around", True),
        ("some 300 people", 270, 330, "some", True),
        ("nearly 500", 450, 500, "nearly", True),
        ("almost 100", 90, 100, "almost", True),
        ("just over 200", 200, 220, "just over", True),
        ("up to 300 people", 0, 300, "up to", False),
        ("fewer than 50", 0, 50, "fewer than", False),
        ("50 or so", 45, 55, "or so", True),
        ("between 3,000 and 5,000 people", 3000, 5000, "between", False),
        ("70 to 80", 70, 80, None, False),
        ("two or three people", 2, 3, None, False),
        ("one or more people", 1, None, "or more", False),
        ("a dozen", 12, 12, None, False),
        ("half a dozen", 6, 6, None, False),
        ("a half-dozen", 6, 6, None, False),
        ("half a million", 500000, 500000, None, False),
        ("1.5 million", 1500000, 1500000, None, False),
    ],
)
def test_counts_and_qualifiers(
    text: str, low: float, high: float | None, qualifier: str | None, approximate: bool
) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert q.dimension == "count"
    assert q.low == pytest.approx(low)
    assert q.high == (None if high is None else pytest.approx(high))
    assert q.qualifier == qualifier
    assert q.approximate is approximate


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("dozens", 24, 99),
        ("hundreds of", 200, 999),
        ("Thousands of people", 2000, 9999),
        ("tens of thousands", 20000, 99999),
        ("hundreds of thousands", 200000, 999999),
        ("millions", 2_000_000, 9_999_999),
        ("several", 3, 9),
        ("a few hundred", 200, 599),
        ("several thousand", 3000, 9999),
        ("a couple of dozen", 24, 24),  # twenty-sixth hand reading #64: had been 2
        ("a couple dozen", 24, 24),
        ("several dozen", 36, 108),
        ("a couple of hundred", 200, 299),
    ],
)
def test_vague_counts(text: str, low: float, high: float) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.low, q.high) == (low, high)
    assert q.approximate and q.value is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("two years and eight months", 32, "months"),
        ("two and a half years", 30, "months"),
        ("three and a half years", 42, "months"),
        ("a year and a half", 18, "months"),
        ("five months", 5, "months"),
        ("a decade", 120, "months"),
        ("two weeks", 14, "days"),
        ("two-hour", 2, "hours"),
        ("90-minute", 1.5, "hours"),
        ("15 minutes", 0.25, "hours"),
        ("1 hour, 15 minutes", 1.25, "hours"),
    ],
)
def test_durations(text: str, value: float, unit: str) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert q.dimension == "duration"
    assert q.unit == unit
    assert q.low == pytest.approx(value) and q.high == pytest.approx(value)


def test_qualified_duration() -> None:
    q = parse_quantity("about two hours")
    assert q is not None and q.unit == "hours" and q.approximate
    assert (q.low, q.high) == (pytest.approx(1.8), pytest.approx(2.2))
    vague = parse_quantity("several minutes")
    assert vague is not None and vague.approximate and vague.unit == "hours"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$5 million", 5e6, "USD"),
        ("€2bn", 2e9, "EUR"),
        ("£40m", 40e6, "GBP"),
        ("US$3 billion", 3e9, "USD"),
        ("5,000 rubles", 5000, "RUB"),
        ("2 million euros", 2e6, "EUR"),
        ("A$5 million", 5e6, "AUD"),
        ("a $20,000", 2e4, "USD"),  # the article, not Australian dollars
    ],
)
def test_money(text: str, value: float, unit: str) -> None:
    q = parse_quantity(text)
    assert q is not None and q.dimension == "money"
    assert (q.low, q.high, q.unit) == (value, value, unit)


def test_percent() -> None:
    for text in ("4.5%", "4.5 percent", "4.5 per cent"):
        q = parse_quantity(text)
        assert q is not None and q.unit == "percent" and q.low == 4.5
    pts = parse_quantity("2 percentage points")
    assert pts is not None and pts.unit == "percentage points"


def test_rest_and_non_numbers() -> None:
    q = parse_quantity("three European diplomats")
    assert q is not None and q.low == 3 and q.rest == "european diplomats"
    assert parse_quantity("some members of parliament") is None
    assert parse_quantity("many people") is None
    assert parse_quantity("few people") is None
    assert parse_quantity("") is None


def test_rules_and_helpers() -> None:
    assert apply_qualifier("about", 100, 100) == (90, 110)
    assert apply_qualifier("about", 200, 999) == (200, 999)  # vague ranges are kept
    assert apply_qualifier("over", 10, 10) == (10, None)
    assert apply_qualifier("up_to", 10, 10) == (0, 10)
    assert convert_duration(1, "days", "hours") == 24
    assert convert_duration(12, "months", "days") == pytest.approx(365.2425)
    assert parse_ordinal_word("third") == 3
    assert parse_ordinal_word("21st") == 21


def test_range_with_the_currency_sign_repeated() -> None:
    from corroborate.analyze.numbers import parse_quantity

    for text in ("between $2 million and $4 million", "$2 million to $4 million"):
        q = parse_quantity(text)
        assert q is not None and (q.low, q.high, q.unit) == (2e6, 4e6, "USD"), text


def test_a_scale_written_once_scales_both_ends_of_a_range() -> None:
    from corroborate.analyze.numbers import parse_quantity

    for text, low, high in (
        ("between 2 and 3 million", 2e6, 3e6),
        ("2 to 3 million", 2e6, 3e6),
        ("2-3 thousand", 2e3, 3e3),
        ("between 900 and 1 million", 900, 1e6),  # the first end scaled would pass the second
        ("3,000-5,000", 3e3, 5e3),
    ):
        q = parse_quantity(text)
        assert q is not None and (q.low, q.high) == (low, high), text
