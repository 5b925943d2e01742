"""Times of day among numbers: "4 p.m.", "at 1938 hours", "at 7 on Saturday", "between 2
and 3 in the morning". A time of day is never a board figure (docs/figures.md, "Off the
board").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from corroborate.analyze.dates import WEEKDAYS
from corroborate.analyze.numbers import parse_quantity

_CLOCK_WORDS = frozenset({"gmt", "utc", "am", "pm", "a.m.", "p.m.", "cet", "est", "edt", "bst"})


def is_time_of_day(tokens: list[Token]) -> bool:
    """A clock time: "04:01", "4 p.m.", "1700 GMT", "between 2 and 3 in the morning"."""
    doc = tokens[0].doc
    if any(":" in t.text and any(c.isdigit() for c in t.text) for t in tokens):
        return True
    last = tokens[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return (
        any(_clock_word(t) or _spaced_meridiem(t) for t in tokens)
        or (after is not None and (_clock_word(after) or _spaced_meridiem(after)))
        or _hours_before_day_part(tokens)
    )


def _spaced_meridiem(tok: Token) -> bool:
    """ "3 p. m.": "a." or "p." then "m.", as a text whose full stops were spaced prints
    it (ECB+ dev's pages, read 2026-12-05)."""
    doc = tok.doc
    return (
        tok.lower_ in {"a.", "p."} and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in {"m.", "m"}
    )


_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
#: Words that name the day of a part of the day right after an hour ("10 Friday morning").
_DAY_NAMES = frozenset(
    {
        *WEEKDAYS,
        "this",
        "that",
        "last",
        "yesterday",
        "tomorrow",
    }
)
_HOUR_PREPOSITIONS = frozenset(
    {"at", "between", "from", "until", "till", "around", "about", "by", "after", "before"}
)


def _hours_before_day_part(tokens: list[Token]) -> bool:
    """ "between 2 and 3 in the morning", "at 11 at night", "around 10 Friday morning": whole
    numbers 1 to 12 after a preposition of time and right before a part of the day (not
    "killed 3 in the morning", an object, nor "3 in the morning raid", where a noun
    follows)."""
    doc, end = tokens[0].doc, tokens[-1].i + 1
    first = next((t for t in tokens if t.like_num), None)
    if first is None or first.i == 0 or doc[first.i - 1].lower_ not in _HOUR_PREPOSITIONS:
        return False
    words = [t.lower_ for t in doc[end : end + 4]]
    if words[:2] == ["in", "the"] and words[2:3] and words[2] in _DAY_PARTS:
        part = end + 2
    elif words[:2] == ["at", "night"]:
        part = end + 1
    elif words[:1] and words[0] in _DAY_NAMES and words[1:2] and words[1] in _DAY_PARTS:
        part = end + 1  # "around 10 Friday morning", "at 9 this morning", "about 3 last night"
    else:
        return False
    if part + 1 < len(doc) and doc[part + 1].pos_ in {"NOUN", "PROPN"}:
        return False
    values = [parse_quantity(t.text) for t in tokens if t.like_num]
    return bool(values) and all(
        q is not None and q.value is not None and q.value in range(1, 13) for q in values
    )


def _clock_word(tok: Token) -> bool:
    """ "p.m.", "PM", and "p.m" whose last dot a doubled full stop took ("at 4 p.m..")."""
    return tok.lower_ in _CLOCK_WORDS or tok.lower_.replace(".", "") in {"am", "pm"}


#: Words before a clock time written the military way ("at 1938 hours").
_CLOCK_BEFORE = frozenset(
    {"at", "around", "about", "approximately", "until", "before", "after", "by", "from"}
)


def is_military_time(tokens: list[Token]) -> bool:
    """ "dispatched at 1938 hours": a clock time (19:38) in police reports, not a duration
    of 1,938 hours. Four digits that read as HHMM, then "hours", after "at" / "around" /
    "until" ..."""
    doc, first = tokens[0].doc, tokens[0]
    k = first.i
    text = first.text
    if not (len(text) == 4 and text.isdigit() and int(text[:2]) <= 23 and int(text[2:]) <= 59):
        return False
    if k == 0 or doc[k - 1].lower_ not in _CLOCK_BEFORE:
        return False
    return k + 1 < len(doc) and doc[k + 1].lower_ in {"hours", "hrs", "hrs."}


def is_oclock(tokens: list[Token]) -> bool:
    """ "around six o'clock": a time of day."""
    doc, k = tokens[0].doc, tokens[-1].i
    words = {"o'clock", "o’clock", "oclock"}
    return tokens[-1].lower_ in words or (k + 1 < len(doc) and doc[k + 1].lower_ in words)


#: Nouns and verbs whose "at N" is a quantity, not an hour ("the toll stood at 7", "put the
#: number of dead at 12", "fired at 3").
_AT_QUANTITY_NOUNS = frozenset(
    {"toll", "number", "count", "total", "tally", "figure", "rate", "level", "score"}
    | {"estimate", "age", "price", "cost", "bail", "bond", "limit", "temperature", "speed"}
)
AT_QUANTITY_VERBS = frozenset(
    {"stand", "put", "peg", "place", "estimate", "remain", "set", "rise", "climb", "reach"}
    | {"fall", "drop", "stay", "top", "cap", "fix", "hold", "increase", "grow", "jump"}
    | {"number", "total", "tally", "count", "rank", "value", "aim", "point", "shoot", "fire"}
)
#: Words after "at N" that leave N an hour ("a service at 7 on Saturday").
_AFTER_HOUR = frozenset(
    {"on", "in", "tonight", "today", "tomorrow", "this", "that", "sharp", "and", "or", "to"}
    | {"until", "with", "at"}
)


def is_clock_at(tokens: list[Token]) -> bool:
    """ "There will be a service at 7.": a bare 1 to 12 after "at", counting nothing after
    it, on an event noun or a verb that is not a quantity's, is an hour. (After die / kill /
    shoot it is an age, read before this.)"""
    doc, k = tokens[0].doc, tokens[0].i
    if len(tokens) != 1 or k == 0 or not tokens[0].like_num:
        return False
    if doc[k - 1].lower_ not in {"at", "past"}:  # "just past 7 on the evening of"
        return False
    q = parse_quantity(tokens[0].text)  # "at 7", "News at ten"
    if q is None or q.value is None or q.value not in range(1, 13):
        return False
    nxt = doc[k + 1] if k + 1 < len(doc) else None
    if nxt is not None and not (
        nxt.is_punct
        or nxt.is_space
        or nxt.lower_ in _AFTER_HOUR
        or nxt.ent_type_ in {"DATE", "TIME"}
    ):
        return False  # "at 3 locations", "at 4 of the homes"
    head = doc[k - 1].head
    if head.pos_ in {"NOUN", "PROPN"}:
        return head.lemma_.lower() not in _AT_QUANTITY_NOUNS
    if head.pos_ in {"VERB", "AUX"}:
        if head.lemma_.lower() in AT_QUANTITY_VERBS or head.lemma_.lower() in AT_AGE_VERBS:
            return False
        return not any(
            c.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}
            and c.lemma_.lower() in _AT_QUANTITY_NOUNS
            for c in head.children
        )
    return False


_ORDINAL_DAY_RE = re.compile(r"^([1-9]|[12]\d|3[01])(st|nd|rd|th)$")


def is_hours_after_day(tokens: list[Token]) -> bool:
    """ "Saturday January 7th 5 to 7 we will have a visitation": a range of whole numbers
    1 to 12 ("5 to 7", "5-7") right after a weekday or an ordinal day, counting no noun
    after it, is the hours of an event. The run may hold the whole range or only its second
    end (the NER splits it both ways)."""
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i
    if start >= 2 and doc[start - 1].lower_ in {"to", "-", "–"} and doc[start - 2].like_num:
        start -= 2
    if end - start != 2 or doc[start + 1].lower_ not in {"to", "-", "–"}:
        return False
    for tok in (doc[start], doc[end]):
        q = parse_quantity(tok.text) if tok.like_num else None
        if q is None or q.value is None or q.value not in range(1, 13):
            return False
    if end + 1 < len(doc) and doc[end + 1].pos_ in {"NOUN", "PROPN"}:
        return False  # "Saturday, 5 to 7 inches of snow"
    day = doc[start - 1] if start >= 1 else None
    return day is not None and (day.lower_ in WEEKDAYS or bool(_ORDINAL_DAY_RE.match(day.lower_)))


#: Verbs after which "at N" (a bare number) is the age it happened at.
AT_AGE_VERBS = frozenset({"die", "kill", "shoot", "murder", "slay"})
