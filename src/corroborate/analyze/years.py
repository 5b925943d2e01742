"""Calendar years among numbers: "in 2011.", "since at least 1998", "'88", "the 1990s",
"© 2016", a car's model year, "2014 to 2016". A year is a date, not a board figure.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from corroborate.analyze.number_tokens import MODERN_YEAR_RE, MONTH_WORDS, YEAR_RE, counts_next
from corroborate.analyze.numbers import duration_unit, parse_quantity


def is_model_year(tokens: list[Token]) -> bool:
    """ "a black 2016 Dodge Challenger": a year before a singular proper noun (a make, a
    model) dates it; nothing counts a singular name in thousands."""
    doc, k = tokens[0].doc, tokens[-1].i
    return (
        len(tokens) == 1
        and MODERN_YEAR_RE.fullmatch(tokens[0].text) is not None
        and k + 1 < len(doc)
        and doc[k + 1].tag_ == "NNP"
    )


#: Words after which a bare year-shaped number is a year ("in 2011.", "since 1998").
_YEAR_PREPOSITIONS = frozenset(
    {"in", "since", "from", "until", "by", "during", "before", "after", "through"}
)
#: Hedges between a preposition of time and its year ("since at least 1998").
_YEAR_HEDGES = frozenset({"at", "least", "as", "early", "about", "around", "approximately"})


def is_bare_year(tokens: list[Token]) -> bool:
    """ "lost a grandson to gun violence in 2011.": a year-shaped number (a full stop the
    tokenizer left on it) after a preposition of time, counting no noun, is a year."""
    doc = tokens[0].doc
    year = tokens[-1]
    if YEAR_RE.match(year.text.rstrip(".")) is None or counts_next(year):
        return False
    k = year.i
    while k >= 1 and doc[k - 1].lower_ in _YEAR_HEDGES:
        k -= 1  # "since at least 1998", "as early as 2004"
    if k < 1 or any(t.i < k for t in tokens if t.like_num):
        return False
    before = doc[k - 1]
    return before.lower_ in _YEAR_PREPOSITIONS or (
        before.lower_ == "to" and before.head.lemma_.lower() in {"date", "go", "trace"}
    )  # "his record dates to at least 2007"


def is_clipped_year(tokens: list[Token]) -> bool:
    """ "a tan Oldsmobile '88", "has lived there since '64": two digits glued after an
    apostrophe are a year."""
    doc, k = tokens[0].doc, tokens[0].i
    return (
        len(tokens) == 1
        and len(tokens[0].text) == 2
        and tokens[0].text.isdigit()
        and k >= 1
        and doc[k - 1].text in {"'", "\u2019", "\u2018"}
        and not doc[k - 1].whitespace_
        and (k < 2 or doc[k - 2].whitespace_ != "")
    )


def is_copyright_year(tokens: list[Token]) -> bool:
    """ "Copyright 2016 KXXV", "© 2016", "Updated: Mar 4, 2019 - 8:05 AM": page furniture
    or a date, a year."""
    k = tokens[0].i
    doc = tokens[0].doc
    if len(tokens) != 1 or not YEAR_RE.match(tokens[0].text) or k == 0:
        return False
    if doc[k - 1].lower_ in {"copyright", "©", "(c)"}:
        return True
    return any(t.lower_.rstrip(".") in MONTH_WORDS for t in doc[max(0, k - 3) : k])


def is_decade(tokens: list[Token]) -> bool:
    """ "a 90's model sedan", "in their 40’s": a decade or an age bracket, never a count."""
    doc, k = tokens[0].doc, tokens[-1].i
    return (
        len(tokens) == 1
        and bool(re.fullmatch(r"\d0", tokens[0].text))
        and not tokens[0].whitespace_
        and k + 1 < len(doc)
        and doc[k + 1].lower_ in {"'s", "’s", "s"}
    )


#: Words that join the two ends of a range of years ("from 1991 to 2000", "1999-2002").
_YEAR_RANGE_WORDS = frozenset({"to", "through", "thru", "until", "till", "-", "–"})


def year_in_range(tokens: list[Token]) -> bool:
    """A year-shaped number joined to a year the NER typed DATE ("served from 1991 to
    2000", "between 2010 and 2015"), counting no noun after it: the NER often types only
    one end of a range of years. "and" joins only after "between" ("1,500 members in 2010
    and 2000 members in 2015" stays a count: a noun follows)."""
    if len(tokens) != 1 or not YEAR_RE.match(tokens[0].text):
        return False
    doc, k = tokens[0].doc, tokens[0].i
    if k + 1 < len(doc) and doc[k + 1].pos_ in {"NOUN", "PROPN"}:
        return False  # "2000 members"

    def dated_year(t: Token) -> bool:
        return YEAR_RE.match(t.text) is not None and t.ent_type_ == "DATE"

    def joins(j: int) -> bool:
        word = doc[j].lower_
        return word in _YEAR_RANGE_WORDS or (
            word == "and" and j >= 2 and doc[j - 2].lower_ == "between"
        )

    return (k >= 2 and joins(k - 1) and dated_year(doc[k - 2])) or (
        k + 2 < len(doc) and joins(k + 1) and dated_year(doc[k + 2])
    )


#: Words right before a year that make it one with no preposition ("a late 2009 release").
_YEAR_PARTS = frozenset({"late", "early", "mid", "mid-"})
#: Nouns after "in <year>" that give money the value of that year ("in 2006 dollars").
_CONSTANT_MONEY = frozenset({"dollars", "prices", "terms"})


#: Words that join a year to the end of a span of years ("the 2012 through 2015 model").
_YEAR_SPANS = frozenset({"through", "to", "and", "or", "-", "–"})


def is_year_in_context(tokens: list[Token]) -> bool:
    """A year-shaped number that its neighbours make a year, from a reading of ECB+ dev's
    board (2026-12-05, sports, show business and court pages): "in 2001 and 2005" (a year
    joined to a year after a preposition of time), "prior to 1997", "a late 2009 or early
    2010 release", "(in 2006 dollars)", and a year before one singular common noun that
    is no unit ("his 2013 stint", "the 1999 movie": a number above one does not count a
    singular noun); and, from the scrapinghub pages' board (2026-12-05), a year after "the"
    that counts nothing, standing for a model ("than the 2016,")."""
    year = tokens[0]
    doc, k = year.doc, year.i
    before = doc[k - 1] if k >= 1 else None
    after = doc[k + 1] if k + 1 < len(doc) else None
    if YEAR_RE.match(year.text) is None:
        return False
    if (
        before is not None
        and before.lower_ == "in"
        and after is not None
        and after.lower_ in _CONSTANT_MONEY
    ):
        return True  # "(in 2006 dollars)": the money figure's number is the year
    if len(tokens) != 1:
        return False
    if after is not None and after.tag_ == "NN" and duration_unit(after.text) is None:
        unit = parse_quantity(f"{year.text} {after.lower_}")
        return unit is None or unit.dimension == "count"  # "2013 stint", not "2000 percent"
    if before is None:
        return False
    if (
        before.lower_ == "the"
        and MODERN_YEAR_RE.fullmatch(year.text)
        and (
            after is None
            or after.is_punct
            or (after.lower_ in _YEAR_SPANS and not counts_next(year))
        )
    ):
        return True  # "than the 2016, but less than the 2012 through 2015 model": a model
    prior = before.lower_ == "to" and k >= 2 and doc[k - 2].lower_ == "prior"
    if before.lower_ in _YEAR_PARTS or prior:
        return not counts_next(year)
    head = year.head
    return (
        year.dep_ == "conj"
        and head.i < k
        and YEAR_RE.match(head.text) is not None
        and not counts_next(year)
        and is_bare_year([head])
    )
