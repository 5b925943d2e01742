"""Date expressions resolved against the publication date, with tense taken into account.

Candidates are spaCy DATE entities plus holiday names found by a small table.
Calendar arithmetic that needs a period or a tense ("on Tuesday" in a past clause,
"this Sunday", "later this month", "last August", "Valentine's Day") is done by the
rules here; full dates, month-day forms and "N days ago" go through ``dateparser``
with ``RELATIVE_BASE`` set to the publication date (only on those spans, cached).
Durations ("five months") and ages are figures, not dates, and are skipped.
Rules: ``docs/dates.md``.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser
from dateutil.easter import easter
from spacy.tokens import Doc, Span, Token

from corroborate.analyze.nlp import doc_text
from corroborate.analyze.numbers import duration_unit, parse_quantity
from corroborate.types import DateRef, Precision

Tense = Literal["past", "future"] | None

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: k + 1 for k, m in enumerate(MONTHS)} | {"sept": 9}

# Fixed-date holidays: name → (month, day). "Independence Day" is the US one.
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "orthodox christmas": (1, 7),
    "epiphany": (1, 6),
    "australia day": (1, 26),
    "valentine's day": (2, 14),
    "international women's day": (3, 8),
    "st patrick's day": (3, 17),
    "st. patrick's day": (3, 17),
    "saint patrick's day": (3, 17),
    "april fools' day": (4, 1),
    "may day": (5, 1),
    "victory day": (5, 9),
    "russia day": (6, 12),
    "juneteenth": (6, 19),
    "canada day": (7, 1),
    "independence day": (7, 4),
    "bastille day": (7, 14),
    "halloween": (10, 31),
    "guy fawkes night": (11, 5),
    "bonfire night": (11, 5),
    "armistice day": (11, 11),
    "remembrance day": (11, 11),
    "veterans day": (11, 11),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "boxing day": (12, 26),
}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """n-th (1-based; -1 = last) ``weekday`` (0 = Monday) of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


# Holidays computed per year (US federal ones are the US dates).
def _easter(year: int) -> date:
    return easter(year)  # type: ignore[no-any-return]


COMPUTED_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "easter": _easter,
    "easter sunday": _easter,
    "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "martin luther king jr. day": lambda y: _nth_weekday(y, 1, 0, 3),
}


def _holiday_pattern() -> re.Pattern[str]:
    names = sorted([*FIXED_HOLIDAYS, *COMPUTED_HOLIDAYS], key=len, reverse=True)
    alts = [
        re.escape(n).replace("'", "['’]?").replace(r"\ ", r"\s+").replace(r"\.", r"\.?")
        for n in names
    ]
    return re.compile(r"\b(?:" + "|".join(alts) + r")(?![\w])(?:,?\s+(\d{4})\b)?", re.I)


_HOLIDAY_RE = _holiday_pattern()
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_DAY_RE = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_ISO_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_CLOCK_AFTER = re.compile(r"^\s*(gmt|utc|hours|hrs|[ap]\.?m\.?)\b", re.I)
_DUMMY_BASE = date(2000, 1, 5)


# --------------------------------------------------------------------------- calendar


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _month_start(d: date, shift: int = 0) -> date:
    index = d.year * 12 + d.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def _weekday(pub: date, weekday: int, mode: str) -> date:
    """Resolve a weekday: 'past' on/before, 'future' on/after, 'last'/'next' strictly,
    'this' = within pub's Monday-based week, None = nearest (ties go to the past)."""
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if mode == "past":
        return pub - timedelta(days=back)
    if mode == "future":
        return pub + timedelta(days=ahead)
    if mode == "last":
        return pub - timedelta(days=back or 7)
    if mode == "next":
        return pub + timedelta(days=ahead or 7)
    if mode == "this":
        return _monday(pub) + timedelta(days=weekday)
    return pub - timedelta(days=back) if back <= ahead else pub + timedelta(days=ahead)


def _in_year(pub: date, month: int, day: int, tense: Tense) -> date:
    """A month-day without a year: the publication year, moved by tense if needed.

    ``day`` must exist in ``month`` in some year (``_possible_day``). February 29 goes
    to the nearest leap year in the tense's direction (forward when the tense is unknown).
    """
    back = tense == "past"
    year = _next_valid_year(pub.year, month, day, back)
    candidate = date(year, month, day)
    if tense == "past" and candidate > pub:
        candidate = date(_next_valid_year(year - 1, month, day, True), month, day)
    elif tense == "future" and candidate < pub:
        candidate = date(_next_valid_year(year + 1, month, day, False), month, day)
    return candidate


def _next_valid_year(year: int, month: int, day: int, back: bool) -> int:
    """``year`` or the nearest year before (``back``) or after it that has month-day."""
    while not _valid_day(year, month, day):
        year += -1 if back else 1
    return year


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _possible_day(month: int, day: int, year: int | None = None) -> bool:
    """Whether ``day`` exists in ``month`` (of ``year``; without one, in a leap year):
    "February 30", "April 31" and "February 29, 2015" are impossible."""
    return _valid_day(2000 if year is None else year, month, day)


def _month_name(pub: date, month: int, mode: str | None) -> date:
    """'last August', 'this August', 'next August', or a bare month with its tense."""
    this = date(pub.year, month, 1)
    cur = _month_start(pub)
    if mode == "last":
        return this if this < cur else date(pub.year - 1, month, 1)
    if mode == "next":
        return this if this > cur else date(pub.year + 1, month, 1)
    if mode == "past" and this > cur:
        return date(pub.year - 1, month, 1)
    if mode == "future" and this < cur:
        return date(pub.year + 1, month, 1)
    return this


def _holiday(name: str, year: int | None, pub: date, tense: Tense) -> date:
    key = re.sub(r"\s+", " ", name.lower().replace("’", "'"))
    key = next((k for k in [*FIXED_HOLIDAYS, *COMPUTED_HOLIDAYS] if _same_name(k, key)), key)

    def on(y: int) -> date:
        if key in FIXED_HOLIDAYS:
            m, d = FIXED_HOLIDAYS[key]
            return date(y, m, d)
        return COMPUTED_HOLIDAYS[key](y)

    if year is not None:
        return on(year)
    options = [on(pub.year - 1), on(pub.year), on(pub.year + 1)]
    before = max(d for d in options if d <= pub)
    after = min(d for d in options if d >= pub)
    if tense == "past":
        return before
    if tense == "future":
        return after
    return before if (pub - before) <= (after - pub) else after


def _same_name(table_key: str, found: str) -> bool:
    strip = re.compile(r"['.’]")
    return strip.sub("", table_key) == strip.sub("", found)


# --------------------------------------------------------------------------- tense


_FUTURE_AUX = frozenset(
    {"will", "shall", "'ll", "wo", "would", "could", "might", "may", "should", "can", "must"}
)
_PAST_AUX = frozenset({"has", "have", "had", "'s", "'ve", "'d", "did", "was", "were", "been"})
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})


def _governing_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(12):
        if cur.pos_ in {"VERB", "AUX"} and cur is not tok:
            return cur
        if cur.head.i == cur.i:
            return cur if cur.pos_ in {"VERB", "AUX"} else None
        cur = cur.head
    return None


#: Prepositions that order a gerund's event against its clause's ("after winning", "since
#: taking office", "following talks", "upon arriving").
_SEQUENCE_PREPOSITIONS = frozenset({"after", "since", "following", "upon", "on"})


def clause_tense(span: Span) -> Tense:
    """'past', 'future' or None (present / unknown) for the clause governing ``span``."""
    verb = _governing_verb(span.root)
    for _ in range(4):
        if verb is None:
            return None
        auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if auxes & _FUTURE_AUX:
            return "future"
        if "to" in auxes:  # "are to meet", "called on them to stage": an intention
            matrix = _governing_verb(verb) if verb.head.i != verb.i else None
            if matrix is not None and any(
                c.lower_ == "had" for c in matrix.children if c.dep_ == "aux"
            ):
                return "past"  # "they had received instructions how to act on Monday"
            return "future"
        if verb.tag_ == "VBD" or auxes & {"did", "had", "was", "were"}:
            return "past"
        if auxes & {"has", "have", "'ve"}:
            return "past"
        if verb.tag_ == "VBN":
            return None if auxes & (_PRESENT_BE - {"'s"}) else "past"
        if verb.tag_ == "VBG" and auxes & _PRESENT_BE:
            return "future"  # present progressive with a date: an arrangement
        if verb.tag_ in {"VBZ", "VBP"}:
            return None
        if verb.dep_ == "pcomp" and verb.head.lower_ in _SEQUENCE_PREPOSITIONS:
            # "will be president after winning Sunday's runoff": the gerund's event comes
            # before the clause's, which says nothing of its own tense
            return None
        # non-finite without auxiliaries: take the tense of the clause it hangs from
        nxt = _governing_verb(verb) if verb.head.i != verb.i else None
        verb = nxt
    return None


# --------------------------------------------------------------------------- resolution


@lru_cache(maxsize=64)
def _parser(base: date, prefer: str) -> DateDataParser:
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": [],
    }
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def _dateparse(text: str, base: date, prefer: str) -> tuple[date, str] | None:
    data = _parser(base, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


Resolved = tuple[date | None, Precision, bool]

_PERIODS = ("week", "month", "year", "weekend")
_REL_RE = re.compile(
    r"^(?:(?:the\s+)?(?P<mode>last|this|next|past|coming|previous|later\s+this|earlier\s+this|"
    r"later\s+next|early\s+next|late\s+last|early\s+last|early\s+this|late\s+this)\s+)?"
    r"(?P<word>\w+)$"
)


def _resolve(expr: str, tense: Tense, pub: date) -> Resolved | None:
    """(date, precision, relative) for one expression, or None when it is not a date."""
    text = expr.lower().replace("’", "'").strip()
    text = re.sub(r"^(on|in|at|by|since|until|from|during)\s+", "", text)
    text = re.sub(r"\s+(night|evening|morning|afternoon)$", "", text)
    text = re.sub(
        r"^(late|early|mid-?|the)\s+(?=({})\b)".format("|".join(WEEKDAYS + tuple(MONTHS))), "", text
    )
    text = re.sub(r"\s+", " ", text)

    if text in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return pub, "day", True
    if text in {"yesterday", "last night"}:
        return pub - timedelta(days=1), "day", True
    if text == "tomorrow":
        return pub + timedelta(days=1), "day", True
    m = re.match(
        r"^(?:in\s+)?(?:the\s+)?(recent|past|last|coming|next) "
        r"(?:few |several )?(days|weeks|months)$",
        text,
    )
    if m:
        ahead = m.group(1) in {"coming", "next"}
        unit = m.group(2)
        if unit == "days":
            return _monday(pub), "week", True
        if unit == "weeks":
            return _monday(pub) + timedelta(days=7 if ahead else -7), "week", True
        return _month_start(pub, 1 if ahead else -1), "month", True
    m = _REL_RE.match(text)
    if m:
        mode = (m.group("mode") or "").split()[-1] if m.group("mode") else ""
        mode = {"past": "last", "previous": "last", "coming": "next"}.get(mode, mode)
        word = m.group("word")
        if word in WEEKDAYS:
            wd = WEEKDAYS.index(word)
            return _weekday(pub, wd, mode or (tense or "nearest")), "day", True
        if mode and word in _PERIODS:
            shift = {"last": -1, "this": 0, "next": 1}[mode]
            if word == "week":
                return _monday(pub) + timedelta(days=7 * shift), "week", True
            if word == "weekend":
                return _monday(pub) + timedelta(days=5 + 7 * shift), "week", True
            if word == "month":
                return _month_start(pub, shift), "month", True
            return date(pub.year + shift, 1, 1), "year", True
        month = MONTHS.index(word) + 1 if word in MONTHS else None
        if month is not None:
            return _month_name(pub, month, mode or tense), "month", True
    m = re.match(r"^(.+?) (days?|weeks?|months?|years?) ago$", text)
    if m:
        return _ago(text, m.group(2), pub)
    q = parse_quantity(text)
    if q is not None and q.dimension == "duration":
        return None  # "five months": a figure
    return _absolute(text, tense, pub)


def _ago(text: str, unit: str, pub: date) -> Resolved | None:
    hit = _dateparse(text, pub, "past")
    if hit is None:
        return None
    d = hit[0]
    if unit.startswith("week"):
        return _monday(d), "week", True
    if unit.startswith("month"):
        return _month_start(d), "month", True
    if unit.startswith("year"):
        return date(d.year, 1, 1), "year", True
    return d, "day", True


def _absolute(text: str, tense: Tense, pub: date) -> Resolved | None:
    words = re.findall(r"[a-z]+", text)
    month = next((MONTHS.index(w) + 1 for w in words if w in MONTHS), None)
    if month is None:
        month = next((_MONTH_ABBR[w] for w in words if w in _MONTH_ABBR), None)
    year_m = _YEAR_RE.search(text)
    iso = _ISO_RE.search(text)
    if iso:
        try:
            return date.fromisoformat(iso.group(0)), "day", False
        except ValueError:
            return None
    if month is None:
        if year_m and re.fullmatch(r"(the )?(1[5-9]\d\d|20\d\d)", text):
            return date(int(year_m.group(1)), 1, 1), "year", False
        return None
    rest = _YEAR_RE.sub(" ", text)
    day_m = _DAY_RE.search(rest)
    day = int(day_m.group(1)) if day_m else None
    if day is not None and not 1 <= day <= 31:
        day = None
    if day is not None and not _possible_day(month, day, int(year_m.group(1)) if year_m else None):
        day = None  # "February 30", "April 31": a typo; the month is kept (docs/dates.md)
    if year_m:
        year = int(year_m.group(1))
        if day is None:
            return date(year, month, 1), "month", False
        hit = _dateparse(text, pub, "current_period")
        if hit is not None and hit[0].year == year:
            return hit[0], "day", False
        return date(year, month, day), "day", False
    if day is None:
        return _month_name(pub, month, tense), "month", True
    return _in_year(pub, month, day, tense), "day", True


# --------------------------------------------------------------------------- extraction


def _day_in_time(ent: Span) -> Span | None:
    """The day inside a TIME entity ("Saturday night", "early Sunday morning", "10 p.m.
    Friday", "last Tuesday night"): the weekday with a "last"/"this"/"next" before it, or
    None. spaCy's NER types a weekday with a part of the day as a time, so the most common
    way local news dates its event had no date (the time of day stays the clock's)."""
    days = [t for t in ent if t.lower_ in WEEKDAYS]
    if len(days) != 1:
        return None
    first = days[0]
    before = ent.doc[first.i - 1] if first.i > ent.start else None
    if before is not None and before.lower_ in {"last", "this", "next"}:
        first = before
    return Span(ent.doc, first.i, days[0].i + 1, label="DATE")


def _skip_entity(ent: Span) -> bool:
    """Ages, times of day, durations and blocks of a street are not calendar dates."""
    text = ent.text.strip()
    after = doc_text(ent.doc)[ent.end_char : ent.end_char + 8]
    if re.fullmatch(r"\d{1,4}", text) and _CLOCK_AFTER.match(after):
        return True  # "1700 GMT"
    if re.fullmatch(r"\d{1,3}", text):
        return True  # "Navalny, 44": an age
    if re.fullmatch(r"\d{4}", text) and re.match(r"\s*[-–]?\s*blocks?\b", after, re.I):
        return True  # "the 2000 block of Western Avenue": an address
    if re.search(r"year[s-]*\s*old|-year-old", text, re.I):
        return True
    words = text.lower().split()
    return (
        bool(words)
        and all(duration_unit(w) is not None or w in {"and", "the", "a", "an"} for w in words)
        and not any(w in {"weekend"} for w in words)
    )


def _weekdays_as_written(
    found: list[tuple[int, int, str, Resolved]],
) -> list[tuple[int, int, str, Resolved]]:
    """A bare weekday ("Friday", "Friday night") is the day the article itself writes with
    that weekday ("on Friday, March 9"), when it writes one such day and it lies within a
    week of the weekday's own resolution: the article's calendar, right or wrong, is what
    it says of its events (a claims-set report paired a weekday with a date it did not fall
    on, and used the bare weekday elsewhere; resolved against the publication day the bare
    one became the calendar's day, so the report seemed to name two days and its date no
    longer stood against another outlet's)."""
    written: dict[str, set[Resolved]] = defaultdict(set)
    for _, _, expr, resolved in found:
        words = expr.lower().replace(",", " ").split()
        if len(words) > 1 and words[0] in WEEKDAYS and resolved[1] == "day" and resolved[0]:
            written[words[0]].add(resolved)
    out = []
    for start, end, expr, resolved in found:
        day = expr.strip().lower()
        pairs = written.get(day, set())
        if len(pairs) == 1 and resolved[0] is not None:
            pair = next(iter(pairs))
            if pair[0] is not None and abs((pair[0] - resolved[0]).days) <= 6:
                resolved = pair
        out.append((start, end, expr, resolved))
    return out


def _weekday_of_date(
    day: tuple[int, int, str, Resolved], then: tuple[int, int, str, Resolved], text: str
) -> bool:
    """A weekday the NER split from the written date after it ("Saturday, 8 October
    2011"): the two are one date, the written one (alone, the weekday had been resolved
    against the publication day, a week off; a reading of ECB+ dev's timelines,
    2026-12-07)."""
    return (
        day[2].strip().lower() in WEEKDAYS
        and then[3][1] == "day"
        and any(ch.isdigit() for ch in then[2])  # a day of the month written out
        and not text[day[1] : then[0]].strip(", ")
    )


def extract_dates(
    doc: Doc, published: str | None, anchor_inferred: bool = False
) -> tuple[DateRef, ...]:
    """Date expressions in ``doc`` resolved against ``published`` (ISO YYYY-MM-DD).

    Absolute dates resolve without ``published``; relative ones then get ``date=None``.
    ``anchor_inferred`` is copied onto the relative ones.
    """
    pub = date.fromisoformat(published[:10]) if published else None
    base = pub or _DUMMY_BASE
    found: list[tuple[int, int, str, Resolved]] = []
    holiday: date
    taken: list[tuple[int, int]] = []

    for m in _HOLIDAY_RE.finditer(doc_text(doc)):
        if not m.group(0)[0].isupper():
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        tense = clause_tense(span) if span is not None else None
        year = int(m.group(1)) if m.group(1) else None
        name = m.group(0)[: m.start(1) - m.start()] if m.group(1) else m.group(0)
        name = name.rstrip(", ")
        try:
            holiday = _holiday(name, year, base, tense)
        except (ValueError, OverflowError):
            continue  # "Christmas 0000": no such date
        found.append((m.start(), m.end(), m.group(0), (holiday, "day", year is None)))
        taken.append((m.start(), m.end()))

    for named in doc.ents:
        ent = _day_in_time(named) if named.label_ == "TIME" else named
        if ent is None or ent.label_ != "DATE":
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        if _skip_entity(ent):
            continue
        try:
            resolved = _resolve(ent.text, clause_tense(ent), base)
        except (ValueError, OverflowError):
            continue  # calendar arithmetic out of range: skip the expression, keep the article
        if resolved is None:
            continue
        found.append((ent.start_char, ent.end_char, ent.text, resolved))

    found.sort(key=lambda f: f[0])
    text = doc_text(doc)
    for k in range(len(found) - 2, -1, -1):
        day, then = found[k], found[k + 1]
        if _weekday_of_date(day, then, text):  # one date: "Saturday, 8 October 2011"
            found[k : k + 2] = [(day[0], then[1], text[day[0] : then[1]], then[3])]
    found = _weekdays_as_written(found)
    refs: list[DateRef] = []
    for start, end, expr, (d, precision, relative) in found:
        refs.append(
            DateRef(
                expression=expr,
                start=start,
                end=end,
                date=d.isoformat() if d is not None and (pub is not None or not relative) else None,
                precision=precision,
                relative=relative,
                anchor_inferred=anchor_inferred if relative else False,
            )
        )
    return tuple(refs)
