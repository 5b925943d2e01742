"""Russian date expressions resolved against the publication date.

The expressions are found by patterns (the Russian NER has no DATE type):

* weekdays, "во вторник", "в минувшую пятницу", "в следующий понедельник": in a past-tense
  clause the last such day on or before publication, in a future-tense one the next on or
  after, with "прошлый/минувший/прошедший" strictly before and "следующий/будущий" strictly
  after (the English rules of ``analyze.dates``);
* "сегодня", "вчера", "позавчера", "завтра";
* "на прошлой/этой/следующей неделе", "в прошлом/этом месяце", "в минувшие выходные",
  "в прошлом году": the period, precision week/month/year;
* a day and a month, with or without a year ("14 февраля", "3 марта 2021 года"), and a
  month with or without a year ("в феврале 2021 года"): a missing year is the publication
  year, moved back a year when the date would fall after publication in a clause that is
  not in the future tense.

Durations ("два года") are figures, not dates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from corroborate.analyze.dates import _monday, _month_start
from corroborate.analyze.dates import _weekday as weekday_date
from corroborate.analyze.russian.nlp import RuDoc
from corroborate.types import DateRef, Precision

MONTH_FORMS = {
    "январь": 1, "января": 1, "январе": 1,
    "февраль": 2, "февраля": 2, "феврале": 2,
    "март": 3, "марта": 3, "марте": 3,
    "апрель": 4, "апреля": 4, "апреле": 4,
    "май": 5, "мая": 5, "мае": 5,
    "июнь": 6, "июня": 6, "июне": 6,
    "июль": 7, "июля": 7, "июле": 7,
    "август": 8, "августа": 8, "августе": 8,
    "сентябрь": 9, "сентября": 9, "сентябре": 9,
    "октябрь": 10, "октября": 10, "октябре": 10,
    "ноябрь": 11, "ноября": 11, "ноябре": 11,
    "декабрь": 12, "декабря": 12, "декабре": 12,
}  # fmt: skip
_LAST = r"(?:прошл\w*|минувш\w*|прошедш\w*|предыдущ\w*)"
_NEXT = r"(?:следующ\w*|будущ\w*|наступающ\w*|ближайш\w*)"
_THIS = r"(?:эт\w*|текущ\w*|нынешн\w*)"
_WEEKDAY_RE = re.compile(
    rf"\b(?:в|во)\s+(?:(?P<mode>{_LAST}|{_NEXT}|{_THIS})\s+)?"
    r"(?P<day>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b",
    re.IGNORECASE,
)
_PERIOD_RE = re.compile(
    rf"\b(?:на|в|во)\s+(?P<mode>{_LAST}|{_NEXT}|{_THIS})\s+"
    r"(?P<unit>неделе|месяце|году|выходные)\b",
    re.IGNORECASE,
)
_DEICTIC_RE = re.compile(r"\b(?P<word>позавчера|вчера|сегодня|завтра)\b", re.IGNORECASE)
_DAY_MONTH_RE = re.compile(
    r"\b(?P<day>[0-3]?\d)\s+(?P<month>{})(?:\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:года|г\.))?)?".format(
        "|".join(sorted(MONTH_FORMS, key=len, reverse=True))
    ),
    re.IGNORECASE,
)
_MONTH_YEAR_RE = re.compile(
    r"\bв\s+(?P<month>январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|"
    r"ноябре|декабре)(?:\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:года|г\.))?)?",
    re.IGNORECASE,
)
_DEICTIC = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1}
_DAY_INDEX = {
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3,
    "пятницу": 4, "субботу": 5, "воскресенье": 6,
}  # fmt: skip
_FUTURE_WORDS = frozenset({"будет", "будут", "планирует", "планируют", "намерен", "намерены"})


def _mode(word: str | None) -> str:
    if not word:
        return ""
    w = word.lower()
    if re.fullmatch(_LAST, w):
        return "last"
    if re.fullmatch(_NEXT, w):
        return "next"
    return "this"


def clause_future(doc: RuDoc, start: int) -> bool:
    """The sentence holding ``start`` is in the future tense (a future verb or auxiliary)."""
    for k, (a, b, _first, _stop) in enumerate(doc.sentences):
        if a <= start < b:
            for tok in doc.sentence_tokens(k):
                if tok.feat("Tense") == "Fut" or tok.text.lower() in _FUTURE_WORDS:
                    return True
            return False
    return False


def _period(pub: date, unit: str, mode: str) -> tuple[date, Precision]:
    shift = {"last": -1, "this": 0, "next": 1}[mode]
    unit = unit.lower()
    if unit == "неделе":
        return _monday(pub) + timedelta(days=7 * shift), "week"
    if unit == "выходные":
        return _monday(pub) + timedelta(days=5 + 7 * shift), "week"
    if unit == "месяце":
        return _month_start(pub, shift), "month"
    return date(pub.year + shift, 1, 1), "year"


@lru_cache(maxsize=4096)
def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_month(
    pub: date | None, day: int, month: int, year: int | None, future: bool
) -> date | None:
    if year is not None:
        return _valid(year, month, day)
    if pub is None:
        return None
    found = _valid(pub.year, month, day)
    if found is not None and found > pub and not future:
        found = _valid(pub.year - 1, month, day)
    elif found is not None and found < pub - timedelta(days=180) and future:
        found = _valid(pub.year + 1, month, day)
    return found


def extract_dates(
    doc: RuDoc, published: str | None, *, anchor_inferred: bool = False
) -> tuple[DateRef, ...]:
    """Date expressions of ``doc``, resolved against ``published`` (ISO) when given."""
    pub = date.fromisoformat(published) if published else None
    text = doc.text
    found: list[DateRef] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], when: date | None, precision: Precision, relative: bool) -> None:
        start, end = m.start(), m.end()
        if any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        found.append(
            DateRef(
                expression=text[start:end],
                start=start,
                end=end,
                date=when.isoformat() if when else None,
                precision=precision if when else None,
                relative=relative,
                anchor_inferred=anchor_inferred and relative,
            )
        )

    for m in _DAY_MONTH_RE.finditer(text):
        year = int(m.group("year")) if m.group("year") else None
        month = MONTH_FORMS[m.group("month").lower()]
        when = _day_month(pub, int(m.group("day")), month, year, clause_future(doc, m.start()))
        if when is not None or year is None:
            add(m, when, "day", year is None)
    for m in _MONTH_YEAR_RE.finditer(text):
        month = MONTH_FORMS[m.group("month").lower()]
        if m.group("year"):
            add(m, date(int(m.group("year")), month, 1), "month", False)
        elif pub is not None:
            year = pub.year if month <= pub.month else pub.year - 1
            add(m, date(year, month, 1), "month", True)
    for m in _PERIOD_RE.finditer(text):
        if pub is not None:
            when, precision = _period(pub, m.group("unit"), _mode(m.group("mode")))
            add(m, when, precision, True)
        else:
            add(m, None, "week", True)
    for m in _WEEKDAY_RE.finditer(text):
        day = _DAY_INDEX[m.group("day").lower()]
        mode = _mode(m.group("mode"))
        if not mode:
            mode = "future" if clause_future(doc, m.start()) else "past"
        when = weekday_date(pub, day, mode) if pub is not None else None
        add(m, when, "day", True)
    for m in _DEICTIC_RE.finditer(text):
        when = pub + timedelta(days=_DEICTIC[m.group("word").lower()]) if pub else None
        add(m, when, "day", True)
    return tuple(sorted(found, key=lambda d: d.start))
