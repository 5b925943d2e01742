"""Russian figures and dates on invented sentences: the issue's expressions, one by one."""

from __future__ import annotations

import pytest

from corroborate.analyze.russian.dates import extract_dates
from corroborate.analyze.russian.entities import extract_entities
from corroborate.analyze.russian.figures import extract_figures
from corroborate.analyze.russian.nlp import parse
from corroborate.types import Figure


def _figure(text: str, expression: str) -> Figure:
    doc = parse(text)
    found = {f.text: f for f in extract_figures(doc, extract_entities(doc))}
    assert expression in found, (expression, sorted(found))
    return found[expression]


@pytest.mark.parametrize(
    ("text", "expression", "low", "high", "unit"),
    [
        (
            "Полиция задержала более 11 тысяч человек.",
            "более 11 тысяч человек",
            11000,
            None,
            "people",
        ),
        (
            "На площадь вышли около десяти тысяч человек.",
            "около десяти тысяч человек",
            9000,
            11000,
            "people",
        ),
        (
            "Суд приговорил его к двум с половиной годам колонии.",
            "двум с половиной годам",
            30,
            30,
            "months",
        ),
        ("Срок составил два года и восемь месяцев.", "два года и восемь месяцев", 32, 32, "months"),
        (
            "В акции участвовали десятки тысяч человек.",
            "десятки тысяч человек",
            20000,
            99999,
            "people",
        ),
        ("Штраф составил 500 тысяч рублей.", "500 тысяч рублей", 500000, 500000, "RUB"),
        ("Задержаны не менее 40 человек.", "не менее 40 человек", 40, None, "people"),
    ],
)
def test_intervals_in_canonical_units(
    text: str, expression: str, low: float, high: float | None, unit: str
) -> None:
    fig = _figure(text, expression)
    assert (fig.low, fig.high, fig.unit) == (low, high, unit)


def test_predicates_in_english() -> None:
    assert (
        _figure("Полиция задержала более 11 тысяч человек.", "более 11 тысяч человек").predicate
        == "detain"
    )
    term = _figure("Срок составил два года и восемь месяцев.", "два года и восемь месяцев")
    assert term.predicate == "term"  # "срок составил": the subject says what is measured


@pytest.mark.parametrize(
    ("text", "expression", "iso", "precision"),
    [
        ("Во вторник суд вынес приговор.", "Во вторник", "2027-02-16", "day"),
        ("14 февраля прошёл митинг.", "14 февраля", "2027-02-14", "day"),
        ("В минувшие выходные прошли акции.", "В минувшие выходные", "2027-02-13", "week"),
        ("Вчера он вышел на свободу.", "Вчера", "2027-02-16", "day"),
        ("На прошлой неделе начался суд.", "На прошлой неделе", "2027-02-08", "week"),
        ("В пятницу суд рассмотрит жалобу, сообщил адвокат.", "В пятницу", "2027-02-19", "day"),
        ("Решение вынесли 3 марта 2021 года.", "3 марта 2021 года", "2021-03-03", "day"),
        ("В декабре он был арестован.", "В декабре", "2026-12-01", "month"),
    ],
)
def test_dates_resolved_against_a_wednesday(
    text: str, expression: str, iso: str, precision: str
) -> None:
    refs = {d.expression: d for d in extract_dates(parse(text), "2027-02-17")}
    assert expression in refs, sorted(refs)
    assert (refs[expression].date, refs[expression].precision) == (iso, precision)


def test_dates_unresolved_without_a_publication_date() -> None:
    [ref] = extract_dates(parse("Во вторник суд вынес приговор."), None)
    assert ref.date is None and ref.relative
