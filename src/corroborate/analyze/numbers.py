"""Number expressions → intervals: number words, qualifiers, vague counts, units.

:func:`parse_quantity` is the normaliser behind the figure extractor. It reads one
expression ("over 11,000 people", "about ten thousand", "tens of thousands",
"two years and eight months", "$5 million", "3.5%") and returns a :class:`Quantity`
whose ``[low, high]`` interval follows the tolerance rules in ``docs/figures.md``.
Word numbers go through ``number-parser``; digits, fractions ("and a half"), scale
suffixes ("2bn"), vague counts and qualifiers are handled here because the library
does not cover them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from number_parser import parse_number, parse_ordinal
from number_parser.data.en import info as _EN

Dimension = Literal["count", "duration", "money", "percent"]

# --------------------------------------------------------------------------- vocabularies

NUMBER_WORDS: frozenset[str] = frozenset(
    [*_EN["UNIT_NUMBERS"], *_EN["DIRECT_NUMBERS"], *_EN["TENS"], *_EN["BIG_POWERS_OF_TEN"]]
)
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "tn": 1e12,
    # South Asian scales ("20 lakh saplings" = 2,000,000; a reading of web pages, 2026-12-05)
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
# Scale letters glued to digits ("2bn", "40m", "5k"); m/k/b only count as scales
# when the expression is money, where they cannot be metres or kelvin.
_SUFFIX_SCALES: dict[str, float] = {"bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12}
_MONEY_SUFFIX_SCALES: dict[str, float] = {"m": 1e6, "k": 1e3, "b": 1e9}

# Vague plural counts: "thousands" = [2P, 10P-1] with P = 1000 (see docs/figures.md).
VAGUE_POWERS: dict[str, float] = {
    "hundreds": 1e2,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}
# Vague multipliers with their own [low, high] as plain numbers.
VAGUE_RANGES: dict[str, tuple[float, float]] = {
    "tens": (20, 99),
    "dozens": (24, 99),
    "scores": (40, 99),
    "several": (3, 9),
    "few": (2, 5),
    "handful": (2, 5),
}
VAGUE_WORDS: frozenset[str] = frozenset([*VAGUE_POWERS, *VAGUE_RANGES, "couple"])

# qualifier phrase → rule name (rules are applied by :func:`apply_qualifier`).
QUALIFIERS: dict[str, str] = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "c.": "about",
    "over": "over",
    "more than": "over",
    "above": "over",
    "in excess of": "over",
    "upwards of": "over",
    "greater than": "over",
    "north of": "over",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "just over": "just_over",
    "just more than": "just_over",
    "slightly more than": "just_over",
    "a little over": "just_over",
    "a little more than": "just_over",
    "just above": "just_over",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "just shy of": "nearly",
    "just short of": "nearly",
    "short of": "nearly",
    "approaching": "nearly",
    "nearing": "nearly",
    "slightly less than": "nearly",
    "a little under": "nearly",
    "not quite": "nearly",
    "up to": "up_to",
    "as many as": "up_to",
    "at most": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "a maximum of": "up_to",
    "under": "under",
    "less than": "under",
    "fewer than": "under",
    "below": "under",
}
# Qualifiers written after the number.
SUFFIX_QUALIFIERS: dict[str, str] = {
    "or so": "about",
    "or more": "at_least",
    "plus": "at_least",
    "+": "at_least",
    "or fewer": "up_to",
    "or less": "up_to",
}
APPROXIMATE_RULES = frozenset({"about", "nearly", "just_over"})

# Duration units → (canonical unit, factor). Three groups, each its own canonical unit:
# calendar (decade, year, month) → months; week/day → days; clock → hours.
DURATION_UNITS: dict[str, tuple[str, float]] = {
    "second": ("hours", 1 / 3600),
    "sec": ("hours", 1 / 3600),
    "minute": ("hours", 1 / 60),
    "min": ("hours", 1 / 60),
    "hour": ("hours", 1.0),
    "hr": ("hours", 1.0),
    "day": ("days", 1.0),
    "week": ("days", 7.0),
    "fortnight": ("days", 14.0),
    "month": ("months", 1.0),
    "year": ("months", 12.0),
    "yr": ("months", 12.0),
    "decade": ("months", 120.0),
    "century": ("months", 1200.0),
}
_UNIT_RANK = {"hours": 0, "days": 1, "months": 2}
# Conversion between the three duration units (average Gregorian month).
HOURS_PER: dict[str, float] = {"hours": 1.0, "days": 24.0, "months": 24.0 * 30.436875}

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₹": "INR",
    "₴": "UAH",
    "₩": "KRW",
}
#: Letters before "$" that name the dollar's country ("US$", "HK$").
DOLLAR_PREFIXES = {"us": "USD", "c": "CAD", "a": "AUD", "au": "AUD", "hk": "HKD", "nz": "NZD"}
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "rub": "RUB",
    "jpy": "JPY",
    "cny": "CNY",
    "chf": "CHF",
}

_TOKEN_RE = re.compile(
    r"\d[\d,]*(?:\.\d+)?[a-z]*|[a-z]+\.?(?:'[a-z]+)?|[$€£¥₽₹₴₩%+]|-|\S", re.IGNORECASE
)
_DIGITS_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]*)$")


@dataclass(frozen=True)
class Quantity:
    """A parsed number expression: an interval in a canonical unit.

    ``unit`` is "months" | "days" | "hours" for durations, an ISO currency code for
    money, "percent" / "percentage points" for percentages and ``None`` for plain
    counts (the figure extractor names those after the counted noun). ``value`` is
    the number as written (``None`` for vague words and ranges); ``rest`` is the text
    left after the expression ("people", "European diplomats").
    """

    low: float | None
    high: float | None
    dimension: Dimension
    unit: str | None = None
    qualifier: str | None = None
    approximate: bool = False
    value: float | None = None
    rest: str = ""


# --------------------------------------------------------------------------- helpers


def _tokens(text: str) -> list[str]:
    # hyphens between a number and a word ("two-hour", "44-year-old", "twenty-five")
    # separate words; a hyphen between digits ("3,000-5,000") marks a range.
    text = text.replace("’", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"(?<=[A-Za-z])-|-(?=[A-Za-z])", " ", text)
    text = text.replace("per cent", "percent")
    return [t.lower() for t in _TOKEN_RE.findall(text)]


def _digits(tok: str, money: bool) -> float | None:
    m = _DIGITS_RE.match(tok)
    if not m:
        return None
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    suffix = m.group(3)
    if not suffix:
        return value
    if suffix in _SUFFIX_SCALES:
        return value * _SUFFIX_SCALES[suffix]
    if money and suffix in _MONEY_SUFFIX_SCALES:
        return value * _MONEY_SUFFIX_SCALES[suffix]
    if suffix in {"st", "nd", "rd", "th"}:
        return None
    return None


def _is_digits(tok: str) -> bool:
    return bool(_DIGITS_RE.match(tok))


def _match_phrase(toks: list[str], i: int, table: dict[str, str]) -> tuple[str, int] | None:
    """Longest phrase of ``table`` starting at ``toks[i]``: (phrase, tokens used)."""
    best: tuple[str, int] | None = None
    for phrase in table:
        words = phrase.split()
        n = len(words)
        if toks[i : i + n] == words and (best is None or n > best[1]):
            best = (phrase, n)
    return best


def _is_number_tok(toks: list[str], i: int) -> bool:
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if tok == "few":  # "a few" is a count, bare "few" is not
        return i > 0 and toks[i - 1] == "a"
    if tok in NUMBER_WORDS or tok in SCALES or tok in VAGUE_WORDS or _is_digits(tok):
        return True
    if tok in {"a", "an"}:
        return (
            nxt in SCALES
            or nxt in {"dozen", "half", "few", "couple", "handful", "quarter"}
            or duration_unit(nxt) is not None  # "a year and a half", "an hour"
        )
    if tok in {"dozen", "half", "quarter"}:
        return True
    if tok == "of":  # "tens of thousands", "a couple of hundred", "a couple of dozen"
        return nxt in VAGUE_POWERS or nxt in SCALES or (nxt == "dozen" and "couple" in toks[:i])
    if tok == "and":  # "one hundred and fifty", "two and a half"
        return nxt in NUMBER_WORDS or (nxt == "a" and toks[i + 2 : i + 3] == ["half"])
    return False


@lru_cache(maxsize=4096)
def _word_number(words: str) -> float | None:
    value = parse_number(words)
    return None if value is None else float(value)


def _evaluate(num: list[str], money: bool) -> tuple[float, float, float | None] | None:
    """Number tokens → (low, high, value); value is None for vague expressions."""
    toks = [t for t in num if t not in {"of"}]
    if not toks:
        return None
    # vague: [multiplier] [of] power, e.g. "tens of thousands", "several hundred", "dozens"
    if any(t in VAGUE_WORDS for t in toks):
        lo, hi = 1.0, 1.0
        power = 1.0
        dozens = 1.0  # "a couple (of) dozen", "several dozen": that many twelves
        for t in toks:
            if t == "dozen" and (lo, hi) != (1.0, 1.0):
                dozens = 12.0
            elif t in VAGUE_RANGES:
                lo, hi = VAGUE_RANGES[t]
            elif t == "couple":
                lo, hi = 2.0, 2.0
            elif t in VAGUE_POWERS:
                if (lo, hi) == (1.0, 1.0):
                    lo, hi = 2.0, 9.0
                power *= VAGUE_POWERS[t]
            elif t in SCALES:
                power *= SCALES[t]
            elif t in {"a", "an"}:
                continue
            else:
                return None
        if power == 1.0:
            return float(lo) * dozens, float(hi) * dozens, None
        return lo * power, (hi + 1) * power - 1, None
    # fractions: "X and a half", "half a million", "a half"
    extra = 0.0
    if toks[-3:] == ["and", "a", "half"]:
        toks, extra = toks[:-3], 0.5
    if toks[:2] in (["a", "half"], ["an", "half"]) and len(toks) > 2:
        toks = toks[1:]  # "a half dozen", "a half million"
    if toks and toks[0] == "half":
        rest = [t for t in toks[1:] if t not in {"a", "an", "-"}]
        scale = 1.0
        for t in rest:
            if t not in SCALES and t != "dozen":
                return None
            scale *= 12.0 if t == "dozen" else SCALES[t]  # "half a dozen" = 6
        return 0.5 * scale, 0.5 * scale, 0.5 * scale
    if toks in (["a", "half"], ["half"]):
        return 0.5, 0.5, 0.5
    toks = ["one" if t in {"a", "an"} else t for t in toks]
    toks = ["twelve" if t == "dozen" and i == 0 else t for i, t in enumerate(toks)]
    if "dozen" in toks:  # "two dozen" → 2 × 12
        i = toks.index("dozen")
        base = _evaluate(toks[:i], money) if i else (1.0, 1.0, 1.0)
        if base is None:
            return None
        v = base[0] * 12 + extra * 12
        return v, v, v
    value: float | None
    if _is_digits(toks[0]):
        value = _digits(toks[0], money)
        if value is None:
            return None
        for t in toks[1:]:
            if t in SCALES:
                value *= SCALES[t]
            else:
                return None
    else:
        if any(_is_digits(t) for t in toks):
            return None
        value = _word_number(" ".join(toks))
        if value is None:
            return None
    if extra:
        # "two and a half million": the half belongs before the scale
        value += extra
    return value, value, value


def apply_qualifier(rule: str | None, low: float, high: float) -> tuple[float | None, float | None]:
    """Interval for a qualifier rule applied to ``[low, high]`` (docs/figures.md)."""
    if rule is None:
        return low, high
    if rule == "about":
        return (low * 9 / 10, high * 11 / 10) if low == high else (low, high)
    if rule in {"over", "at_least"}:
        return low, None
    if rule == "just_over":
        return low, high * 11 / 10
    if rule == "nearly":
        return (low * 9 / 10, high) if low == high else (low, high)
    if rule in {"up_to", "under"}:
        # "as many as 35 to 40": a range states its own low end (ECB+ dev, 2026-12-05)
        return (0.0, high) if low == high else (low, high)
    return low, high


def convert_duration(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between the canonical duration units ("hours", "days", "months")."""
    return value * HOURS_PER[from_unit] / HOURS_PER[to_unit]


def duration_unit(word: str) -> tuple[str, float] | None:
    """(canonical unit, factor) for a duration word ("years" → ("months", 12))."""
    w = word.lower().rstrip(".")
    if w.endswith("ies"):
        w = w[:-3] + "y"  # centuries
    if w not in DURATION_UNITS and w.endswith("s"):
        w = w[:-1]
    return DURATION_UNITS.get(w)


# --------------------------------------------------------------------------- public


#: A number whose unit is written once, after the range's other end ("25- to 30-minute").
_SUSPENDED_HYPHEN = re.compile(r"(\d)-\s+(to|or)\s+")


def parse_quantity(text: str) -> Quantity | None:
    """Parse a number expression into a :class:`Quantity`; ``None`` when there is none.

    Example: "over 11,000 people" → low=11000, high=None, qualifier="over", rest="people".
    """
    text = _SUSPENDED_HYPHEN.sub(r"\1 \2 ", text)  # "a 25- to 30-minute drive"
    toks = _tokens(text)
    i = 0
    qualifier: str | None = None
    rule: str | None = None
    hit = _match_phrase(toks, i, QUALIFIERS) if toks else None
    # "some" / "under" / "over" are only qualifiers when a number follows
    if hit and hit[1] < len(toks):
        qualifier, rule = hit[0], QUALIFIERS[hit[0]]
        i += hit[1]
    if i < len(toks) and toks[i] == "between":
        qualifier, rule = "between", None
        i += 1
    currency: str | None = None
    if i + 1 < len(toks) and toks[i] in DOLLAR_PREFIXES and toks[i + 1] == "$":
        # "A$5 million", "US$ 5 million"; but "a $20,000 bond" is the article
        if len(toks[i]) > 1 or re.search(rf"(?i)\b{toks[i]}\$", text):
            currency = DOLLAR_PREFIXES[toks[i]]
            i += 1
        i += 1
    if currency is not None:
        pass
    elif i < len(toks) and toks[i] in CURRENCY_SYMBOLS:
        currency = CURRENCY_SYMBOLS[toks[i]]
        i += 1
    elif i < len(toks) and toks[i] in CURRENCY_WORDS and len(toks[i]) == 3:
        currency = CURRENCY_WORDS[toks[i]]  # "USD 5 million"
        i += 1
    money = currency is not None or any(t in CURRENCY_WORDS for t in toks)

    total_low = total_high = 0.0
    value_sum: float | None = 0.0
    dimension: Dimension = "count"
    unit: str | None = currency
    parts: list[tuple[float, float, float | None, str | None, float]] = []
    vague = False
    while i < len(toks):
        start = i
        while i < len(toks) and _is_number_tok(toks, i):
            i += 1
        num = toks[start:i]
        if not num:
            break
        evaluated = _evaluate(num, money)
        if evaluated is None:
            return None
        low, high, value = evaluated
        vague = vague or value is None
        # ranges: "3,000-5,000", "70 to 80", "between 3,000 and 5,000", "two or three"
        if i + 1 < len(toks) and (
            toks[i] in {"-", "to", "or"} or (toks[i] == "and" and qualifier == "between")
        ):
            first = i + 1
            if currency is not None and first < len(toks) and toks[first] in CURRENCY_SYMBOLS:
                first += 1  # "between $2 million and $4 million": the sign again
            j = first
            while j < len(toks) and _is_number_tok(toks, j):
                j += 1
            other = _evaluate(toks[first:j], money) if j > first else None
            scale = SCALES.get(toks[j - 1], 1.0) if j > first else 1.0
            if (
                other is not None
                and scale > 1
                and not any(t in SCALES for t in num)
                and low * scale <= other[1]
            ):
                low = low * scale  # "2 to 3 million": the scale is both ends'
            if other is not None and other[1] >= high:
                high, value, i = other[1], None, j
        dur = duration_unit(toks[i]) if i < len(toks) else None
        if dur is not None:
            i += 1
            if toks[i : i + 3] == ["and", "a", "half"]:  # "a year and a half"
                low, high = low + 0.5, high + 0.5
                value = None if value is None else value + 0.5
                i += 3
        parts.append((low, high, value, dur[0] if dur else None, dur[1] if dur else 1.0))
        # composite durations: "two years and eight months", "1 hour, 15 minutes"
        if dur is not None and i + 1 < len(toks) and toks[i] in {"and", ","}:
            j = i + 1
            if j < len(toks) and _is_number_tok(toks, j):
                k = j
                while k < len(toks) and _is_number_tok(toks, k):
                    k += 1
                if k < len(toks) and duration_unit(toks[k]) is not None:
                    i = j
                    continue
        break
    if not parts:
        return None

    durations = [p for p in parts if p[3] is not None]
    if durations:
        dimension = "duration"
        unit = max((p[3] for p in durations if p[3]), key=lambda u: _UNIT_RANK[u])
        for low, high, value, u, factor in parts:
            conv = convert_duration(1.0, u, unit) if u else 1.0
            total_low += low * factor * conv
            total_high += high * factor * conv
            value_sum = (
                None if value is None or value_sum is None else value_sum + value * factor * conv
            )
        total_low, total_high = round(total_low, 6), round(total_high, 6)
    else:
        total_low, total_high, value_sum = parts[0][0], parts[0][1], parts[0][2]

    if dimension != "duration" and i < len(toks):
        if toks[i] == "%" or toks[i] == "percent":
            dimension, unit = "percent", "percent"
            i += 1
        elif toks[i : i + 2] == ["percentage", "points"] or toks[i : i + 2] == [
            "percentage",
            "point",
        ]:
            dimension, unit = "percent", "percentage points"
            i += 2
        elif toks[i] in CURRENCY_WORDS:
            unit = unit or CURRENCY_WORDS[toks[i]]
            i += 1
            if i < len(toks) and toks[i] == "sterling":
                i += 1
    if unit is not None and dimension == "count":
        dimension = "money"

    suffix = _match_phrase(toks, i, SUFFIX_QUALIFIERS) if i < len(toks) else None
    if suffix and rule is None and qualifier is None:
        qualifier, rule = suffix[0], SUFFIX_QUALIFIERS[suffix[0]]
        i += suffix[1]

    low_out, high_out = apply_qualifier(rule, total_low, total_high)
    return Quantity(
        low=low_out,
        high=high_out,
        dimension=dimension,
        unit=unit,
        qualifier=qualifier,
        approximate=vague or rule in APPROXIMATE_RULES,
        value=value_sum,
        rest=" ".join(toks[i:]),
    )


@lru_cache(maxsize=4096)
def parse_ordinal_word(text: str) -> int | None:
    """ "third" → 3, "21st" → 21 (number-parser for words, a regex for digits)."""
    m = re.fullmatch(r"(\d+)(st|nd|rd|th)", text.strip().lower())
    if m:
        return int(m.group(1))
    value = parse_ordinal(text.strip().lower())
    return None if value is None else int(value)
