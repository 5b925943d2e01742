"""Token tests the figure rules share: numerals, years, what follows a number."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from corroborate.analyze.dates import MONTHS
from corroborate.analyze.nlp import doc_text
from corroborate.analyze.numbers import SCALES, VAGUE_WORDS

FIGURE_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "ORDINAL"})
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "FAC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "GPE", "LOC"}
)
DIGITS_RE = re.compile(r"^\d[\d,]*(\.\d+)?$")
YEAR_RE = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
#: A year of the last two centuries (1900-2099): the years a news text is likely to name.
MODERN_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_SCALED_RE = re.compile(r"^\d[\d,.]*(bn|mn|m|k|b|tn)$")


def is_numeric(tok: Token) -> bool:
    """Whether ``tok`` is a number: digits, a number word, "2bn", a scale or vague word."""
    low = tok.lower_
    if low in VAGUE_WORDS or low in SCALES or low in {"dozen", "half"}:
        return True
    if tok.like_num or DIGITS_RE.match(tok.text):
        return True
    return bool(_SCALED_RE.match(low))


#: Month names and their three-letter forms ("Mar 4, 2019"), from the dates stage.
MONTH_WORDS = frozenset([*MONTHS, *(m[:3] for m in MONTHS), "sept"])


def text_after(doc: Doc, tok: Token, n: int) -> str:
    """The ``n`` characters of the text right after ``tok`` (a bounded slice: the checks
    that read them run for many numbers of long texts)."""
    start = tok.idx + len(tok.text)
    return doc_text(doc)[start : start + n]


def child_of(tok: Token, *deps: str) -> Token | None:
    """The first child of ``tok`` attached as one of ``deps``."""
    return next((c for c in tok.children if c.dep_ in deps), None)


def like_number(tok: Token) -> bool:
    """Whether the parser reads ``tok`` as a number (a numeral, a number word)."""
    return tok.like_num or tok.pos_ == "NUM"


#: Units of length, weight, area and volume a range may measure in the singular ("rose
#: 2-3 foot"); durations, money and percentages are :func:`parse_quantity`'s.
MEASURE_UNITS = frozenset(
    {"inch", "foot", "feet", "yard", "mile", "meter", "metre", "km", "cm", "mm", "acre"}
    | {"pound", "ounce", "kilo", "kilogram", "gram", "ton", "tonne", "gallon", "liter"}
    | {"litre", "degree", "percent", "point", "hectare", "square", "lb", "lbs", "kg", "oz"}
)


def hyphen_word(tok: Token) -> Token | None:
    """The token glued after ``tok`` by a dash with no space on either side ("225-pound",
    "9-14"), or None."""
    doc, k = tok.doc, tok.i
    if k + 2 >= len(doc) or tok.whitespace_ or doc[k + 1].text not in {"-", "–"}:
        return None
    return None if doc[k + 1].whitespace_ else doc[k + 2]


def hyphen_unit(tok: Token) -> Token | None:
    """The unit of measure glued after the number ``tok`` by a dash ("the new 2.0-liter",
    "than the 15-inch"), or None."""
    word = hyphen_word(tok)
    return word if word is not None and word.lemma_.lower() in MEASURE_UNITS else None


def counts_next(tok: Token) -> bool:
    """Whether a noun (not a date) follows ``tok``: what a number before it counts."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.pos_ in {"NOUN", "PROPN"} and nxt.ent_type_ != "DATE"
