"""Figures: the numbers a reader would compare, as intervals with their predicate.

Candidates come from spaCy's numeric entities (CARDINAL, QUANTITY, MONEY, PERCENT,
DATE, TIME, ORDINAL) and from numeric tokens the NER missed. Each candidate is trimmed
to its number, widened to its qualifier ("over", "about") and currency sign, merged
with a following duration part ("two years" + "and eight months"), normalised by
:func:`corroborate.analyze.numbers.parse_quantity`, and attached to what it counts and
to the governing predicate from the dependency parse. Rules: ``docs/figures.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from corroborate.analyze.dates import MONTHS, WEEKDAYS
from corroborate.analyze.nlp import doc_text
from corroborate.analyze.numbers import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    QUALIFIERS,
    SCALES,
    VAGUE_WORDS,
    Quantity,
    duration_unit,
    parse_ordinal_word,
    parse_quantity,
)
from corroborate.analyze.people import (
    INCIDENT_PEOPLE,
    ROLE_VERBS,
    is_person_noun,
    is_year_modifier,
    short_age,
)
from corroborate.analyze.people_totals import merge_people_counts, people_counts
from corroborate.types import DateRef, Figure, LocalEntity

FIGURE_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "ORDINAL"})
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "FAC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "GPE", "LOC"}
)
# Words that make a DATE/TIME entity a point in time rather than a duration.
_CALENDAR_WORDS = frozenset(
    [
        "ago",
        "last",
        "next",
        "this",
        "coming",
        "past",
        "previous",
        "recent",
        "later",
        "earlier",
        "early",
        "late",
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
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "morning",
        "afternoon",
        "evening",
        "night",
        "weekend",
        "noon",
        "midnight",
    ]
)
_CLOCK_WORDS = frozenset({"gmt", "utc", "am", "pm", "a.m.", "p.m.", "cet", "est", "edt", "bst"})
# Counted nouns that denote people: their figures share the unit "people".
PEOPLE_NOUNS = frozenset(
    [
        "people",
        "person",
        "man",
        "woman",
        "men",
        "women",
        "child",
        "children",
        "kid",
        "boy",
        "girl",
        "adult",
        "baby",
        "resident",
        "citizen",
        "civilian",
        "protester",
        "protestor",
        "demonstrator",
        "rioter",
        "activist",
        "supporter",
        "opponent",
        "detainee",
        "prisoner",
        "inmate",
        "hostage",
        "refugee",
        "migrant",
        "asylum-seeker",
        "victim",
        "casualty",
        "worker",
        "employee",
        "staff",
        "member",
        "official",
        "officer",
        "policeman",
        "policewoman",
        "police",
        "soldier",
        "troop",
        "fighter",
        "militant",
        "rebel",
        "diplomat",
        "envoy",
        "ambassador",
        "journalist",
        "reporter",
        "lawyer",
        "judge",
        "politician",
        "lawmaker",
        "legislator",
        "deputy",
        "senator",
        "mp",
        "voter",
        "student",
        "teacher",
        "doctor",
        "nurse",
        "patient",
        "passenger",
        "tourist",
        "visitor",
        "pilgrim",
        "fan",
        "spectator",
        "participant",
        "volunteer",
        "delegate",
        "representative",
        "leader",
        "minister",
        "executive",
        "oligarch",
        "billionaire",
        "businessman",
        "suspect",
        "defendant",
        "survivor",
        "individual",
        "youth",
        "miner",
        "farmer",
        "driver",
        "crew",
        "sailor",
        "firefighter",
        "rescuer",
        "guard",
        "agent",
        "spy",
        "critic",
        "dissident",
        "ally",
        "associate",
        "aide",
    ]
)
# Heads of compound person nouns ("dockworker", "fisherman", "shareholder"): a counted
# noun ending in one of them denotes people (docs/figures.md).
PERSON_HEADS = (
    "worker",
    "man",
    "men",
    "woman",
    "women",
    "person",
    "people",
    "fighter",
    "keeper",
    "holder",
    "goer",
    "seeker",
    "dweller",
    "owner",
)
# Plural pronouns of a partitive "N of them": the figure counts their antecedent.
_PARTITIVE_PRONOUNS = frozenset({"them", "those", "these"})
# Scope (docs/figures.md, "Time frame"): markers that a figure is not one specific event.
_MODAL_VERBS = frozenset({"face", "risk"})  # "faces up to 10 years": a possible sentence
_ATTEMPT_HEADS = frozenset({"try", "attempt"})  # "tried to kill two deputies"
_PROSPECTIVE_HEADS = frozenset(
    {
        "expect",
        "plan",
        "propose",
        "threaten",
        "seek",
        "aim",
        "intend",
        "want",
        "hope",
        "forecast",
        "predict",
        "project",
        "set",
        "likely",
        "due",
    }
)
_RATE_ADVERBS = frozenset({"annually", "yearly", "daily", "weekly", "monthly", "hourly"})
_RATE_DETERMINERS = frozenset({"every", "each", "a", "an", "per"})
_PERIOD_DETERMINERS = frozenset({"this", "last", "past"})
_PERIOD_PREPOSITIONS = frozenset({"over", "during", "across", "throughout", "in", "within"})
_PERIOD_NOUNS = frozenset({"history", "record", "date"})
_LONG_UNITS = frozenset({"year", "decade", "century"})
_CORE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "dative"})
_OFFSET_WORDS = frozenset({"after", "before", "later", "earlier"})
_RELATION_WORDS = frozenset({"after", "before", "later", "earlier", "ago", "since", "into"})
_PREPOSITIONS = frozenset({"over", "under", "above", "below", "around", "about"})
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
_DIGITS_RE = re.compile(r"^\d[\d,]*(\.\d+)?$")
_YEAR_RE = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_SCALED_RE = re.compile(r"^\d[\d,.]*(bn|mn|m|k|b|tn)$")
_MAX_QUALIFIER_WORDS = max(len(q.split()) for q in QUALIFIERS)


# --------------------------------------------------------------------------- token tests


def _is_numeric(tok: Token) -> bool:
    low = tok.lower_
    if low in VAGUE_WORDS or low in SCALES or low in {"dozen", "half"}:
        return True
    if tok.like_num or _DIGITS_RE.match(tok.text):
        return True
    return bool(_SCALED_RE.match(low))


def _is_time_of_day(tokens: list[Token]) -> bool:
    doc = tokens[0].doc
    if any(":" in t.text and any(c.isdigit() for c in t.text) for t in tokens):
        return True
    last = tokens[-1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return (
        any(_clock_word(t) for t in tokens)
        or (after is not None and _clock_word(after))
        or _hours_before_day_part(tokens)
    )


_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
_HOUR_PREPOSITIONS = frozenset(
    {"at", "between", "from", "until", "till", "around", "about", "by", "after", "before"}
)


def _hours_before_day_part(tokens: list[Token]) -> bool:
    """ "between 2 and 3 in the morning", "at 11 at night": whole numbers 1 to 12 after a
    preposition of time and right before a part of the day (not "killed 3 in the morning",
    an object, nor "3 in the morning raid", where a noun follows)."""
    doc, end = tokens[0].doc, tokens[-1].i + 1
    first = next((t for t in tokens if t.like_num), None)
    if first is None or first.i == 0 or doc[first.i - 1].lower_ not in _HOUR_PREPOSITIONS:
        return False
    words = [t.lower_ for t in doc[end : end + 4]]
    if words[:2] == ["in", "the"] and words[2:3] and words[2] in _DAY_PARTS:
        part = end + 2
    elif words[:2] == ["at", "night"]:
        part = end + 1
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


def _is_list_marker(tok: Token) -> bool:
    doc = tok.doc
    line_start = tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ + doc[tok.i - 1].text
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return line_start and nxt is not None and nxt.text in {".", ")"}


def _is_name_part(tok: Token) -> bool:
    """'Route 6', 'Apollo 11', 'COVID-19': a number glued to a proper name."""
    if tok.ent_type_ in NAME_LABELS:
        return True
    doc = tok.doc
    if tok.i == 0:
        return False
    prev = doc[tok.i - 1]
    nxt = doc[tok.i + 1 : tok.i + 3]
    if len(nxt) == 2 and nxt[0].text == "-" and not tok.whitespace_ and not nxt[0].whitespace_:
        unit = parse_quantity(f"{tok.text} {nxt[1].lower_}")
        if nxt[1].is_title and nxt[1].is_alpha and (unit is None or not unit.dimension):
            return True  # "7-Eleven"; not "10-Year" (a title-case duration)
    if prev.text == "-" and not prev.whitespace_ and tok.i >= 2:
        word = doc[tok.i - 2]
        if word.text.isdigit() and not word.whitespace_ and tok.is_title and tok.is_alpha:
            return True  # the "Eleven" of "7-Eleven"
        return word.is_alpha and not word.whitespace_ and not _is_numeric(word)
    return (
        prev.tag_ == "NNP"
        and prev.whitespace_ != ""  # "Route 6"; glued tokens ("COVID-19") are handled above
        and prev.ent_type_ not in FIGURE_LABELS
        and tok.head.i == prev.i
        and tok.dep_ in {"nummod", "appos", "npadvmod", "compound"}
    )


#: Words that end a street name after a house number ("30 Porter Street", "600 W. Main St.").
STREET_WORDS = frozenset(
    [
        "street",
        "st",
        "st.",
        "avenue",
        "ave",
        "ave.",
        "road",
        "rd",
        "rd.",
        "drive",
        "dr",
        "dr.",
        "boulevard",
        "blvd",
        "blvd.",
        "lane",
        "ln",
        "ln.",
        "way",
        "court",
        "ct",
        "ct.",
        "place",
        "pl",
        "pl.",
        "terrace",
        "parkway",
        "pkwy",
        "highway",
        "hwy",
        "circle",
        "cir",
        "trail",
        "square",
        "plaza",
        "pike",
        "alley",
        "crescent",
    ]
)
_PHONE_RE = re.compile(r"^(\+?1[-. ]?)?(\(\d{3}\)|\d{3})[-. ]?\d{3}[-. ]\d{4}$")


#: Compass abbreviations after a house number ("330 W. First South").
_COMPASS_ABBREVIATIONS = frozenset({"N", "S", "E", "W", "NE", "NW", "SE", "SW"})


def _is_address(tokens: list[Token]) -> bool:
    """A house number or block: "the 400 block of Main", "the 1100-block of", "30 Porter
    Street" (also when the street's name joined the number's phrase: "87 Auburn Street")."""
    doc = tokens[0].doc
    end = tokens[-1].i + 1
    if end < len(doc) and doc[end].text in {"-", "–"}:
        end += 1  # "the 1100-block of Stanley Drive"
    if end < len(doc) and doc[end].lower_ in {"block", "blocks"}:
        return True
    words = [t.lower_ for t in doc[end : end + 4]]
    if (
        words[:1] == ["and"]
        and "blocks" in words[2:]
        and any(t.like_num for t in doc[end : end + 3])
    ):
        return True  # "between the 400 and the 700 blocks of Moss Street"
    if tokens[-1].lower_ in {"block", "blocks"} and len(tokens) > 1:
        return _DIGITS_RE.match(tokens[0].text) is not None
    first = tokens[0]
    # a hyphenated house number, glued ("41-07 Hale Blvd."): its street word decides
    paired = _house_number_pair(first)
    word_number = first.like_num and first.text[:1].isupper() and not first.is_sent_start
    if (
        not (_DIGITS_RE.match(first.text) or word_number)
        or not all(
            t.text[:1].isupper() or t.text[:1].isdigit()  # "6000 NW 32nd Court"
            for t in tokens[1 + 2 * paired :]
        )
    ):
        return False
    house = len(first.text) >= 3 and first.text.isdigit()
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    if house and nxt is not None and nxt.text.rstrip(".").upper() in _COMPASS_ABBREVIATIONS:
        return True  # "330 W. First South", "250 NE Elm"
    if house and first.i > 0 and doc[first.i - 1].lower_ == "at" and first.dep_ == "nummod":
        street = first.head
        after = doc[street.i + 1] if street.i + 1 < len(doc) else None
        if (
            street.pos_ == "PROPN"
            and street.i == first.i + 1
            and street.ent_type_ not in {"PERSON", "ORG", "NORP"}
            and (after is None or after.is_punct)
        ):
            return True  # "a 'Man Down' call at 402 Hodges."
    if _house_number_before_name(first):
        return True
    street_at = first.i + 1 + 2 * paired
    for tok in doc[street_at : street_at + 5]:
        if tok.lower_ in STREET_WORDS and tok.text[:1].isupper():
            return True  # "30 Porter Street", "the 31000 block of Six Rivers Court"
        if tok.lower_ in STREET_WORDS and tok.tag_ == "NN" and tok.i > first.i + 1:
            return True  # "at 618 Hollins road": a street's name, then its word in lower case
        if tok.lower_ in {"north", "south", "east", "west"} and (house or _road_number(first)):
            return True  # a grid address: "near 3200 South and 5100 West"; "U.S. 41 East"
        if not (tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.text == "."):
            return False
    return False


#: Words a range of numbers the NER typed DATE may hold besides its numbers.
_RANGE_WORDS = frozenset({"between", "and", "to", "-", "–", "or"})


def _count_typed_as_date(tokens: list[Token]) -> bool:
    """ "Between 10-15 shots were fired": the NER typed a range DATE, but it holds two
    numbers (no year) and range words only, and a noun that is no unit of time follows it."""
    if any(not (t.like_num or t.lower_ in _RANGE_WORDS) for t in tokens):
        return False
    if any(_YEAR_RE.match(t.text) for t in tokens) or sum(t.like_num for t in tokens) < 2:
        return False  # one number typed DATE ("told 1010 WINS") is left to the NER
    doc, end = tokens[0].doc, tokens[-1].i + 1
    nxt = doc[end] if end < len(doc) else None
    return (
        nxt is not None
        and nxt.pos_ == "NOUN"
        and nxt.ent_type_ == ""
        and duration_unit(nxt.text) is None
        and nxt.lower_ not in _CALENDAR_WORDS
    )


def _range_end(doc: Doc, start: int, end: int) -> int:
    """Where a range opened by "between" ends when the NER split it in two entities
    ("Between 400" + "500 protesters"): after its second number; else ``end``."""
    if doc[start].lower_ != "between" or end + 1 >= len(doc) or doc[end].lower_ != "and":
        return end
    k = end + 1
    while k < len(doc) and (doc[k].like_num or doc[k].lower_ in SCALES):
        k += 1
    return k if k > end + 1 else end


def _house_number_pair(first: Token) -> bool:
    """ "41-07", "112-20": two whole numbers joined by a hyphen without spaces, the second
    of two digits (a house number as Queens writes it, block and lot)."""
    doc, k = first.doc, first.i
    return (
        k + 2 < len(doc)
        and first.text.isdigit()
        and not first.whitespace_
        and doc[k + 1].text == "-"
        and not doc[k + 1].whitespace_
        and len(doc[k + 2].text) == 2
        and doc[k + 2].text.isdigit()
    )


#: Words a highway's number follows ("U.S. 41", "Hwy 92", "Route 9", "SR 60").
_ROAD_WORDS = frozenset(
    {"u.s.", "us", "hwy", "hwy.", "highway", "route", "rte", "rte.", "interstate", "sr", "state"}
)


def _road_number(first: Token) -> bool:
    """A number right after a highway word ("U.S. 41 East", "US Hwy 92 West")."""
    return first.i > 0 and first.doc[first.i - 1].lower_ in _ROAD_WORDS


#: Prepositions before a house number whose street is named without a street word.
_ADDRESS_PREPOSITIONS = frozenset({"at", "to", "on", "near", "outside"})
#: Capitalised words after a number that are not street names.
_NOT_STREET_NAMES = frozenset([*MONTHS, *WEEKDAYS])


def _house_number_before_name(first: Token) -> bool:
    """ "a shooting call to 1498 Gausco.", "responded to 2210 Brambleton at 5 a.m.": a
    number of 3 to 5 digits after "at" / "to" / "on" / "near" / "outside", then one or two
    capitalised singular words (the street, its suffix left out), then the end of the
    clause, a preposition, an adverb or "and". Nothing is counted in hundreds by a singular
    name; plural names ("to 300 Marines") are counts. A number under 100 takes one singular
    proper noun ("a hotel on 8 Mile,"): a number above one does not count a singular noun."""
    doc = first.doc
    if not (first.text.isdecimal() and len(first.text) <= 5) or first.i == 0:
        return False
    short = len(first.text) < 3
    if short and (int(first.text) < 2 or first.dep_ != "nummod"):
        return False
    if doc[first.i - 1].lower_ not in _ADDRESS_PREPOSITIONS:
        return False
    k = first.i + 1
    while (
        k < len(doc)
        and k - first.i <= 2
        and doc[k].is_alpha
        and doc[k].text[:1].isupper()
        and doc[k].tag_ not in {"NNPS", "NNS"}
        and doc[k].lower_ not in _NOT_STREET_NAMES
    ):
        k += 1
    if k == first.i + 1 or (short and (k != first.i + 2 or doc[first.i + 1].tag_ != "NNP")):
        return False
    after = doc[k] if k < len(doc) else None
    return (
        after is None
        or after.is_punct
        or after.is_space
        or after.pos_ in {"ADP", "ADV", "CCONJ"}  # "responded to 3447 Hale and found"
    )


#: Nouns after "N-M" that make it a result or a tally, not a range ("a 3-1 loss").
RESULT_NOUNS = frozenset(
    ["win", "loss", "victory", "defeat", "record", "lead", "score", "vote", "tie", "draw"]
)


def _is_record(tokens: list[Token]) -> bool:
    """A sports record, score or vote tally written "N-M" ("fell to 9-14", "a 3-1 loss",
    "a 5-4 vote"): glued integers with nothing counted after them, or a result noun. A
    range of something ("2-3 years", "20-30 shots") is kept."""
    doc = tokens[0].doc
    first = tokens[0]
    k = first.i
    if not (
        k + 2 < len(doc)
        and first.text.isdigit()
        and doc[k + 1].text in {"-", "–"}
        and not first.whitespace_
        and not doc[k + 1].whitespace_
        and doc[k + 2].text.isdigit()
    ):
        return False
    nxt = doc[k + 3] if k + 3 < len(doc) else None
    if nxt is None or nxt.lower_ in RESULT_NOUNS or nxt.lemma_.lower() in RESULT_NOUNS:
        return True
    return nxt.pos_ not in {"NOUN", "PROPN"} and duration_unit(nxt.text) is None


def _is_counter(tokens: list[Token]) -> bool:
    """Page furniture: a slideshow or list counter "N of M" ("Image 1 of 11", "12 of 12
    Last Video") with nothing counted after it. "2 of 3 suspects" is a count."""
    doc = tokens[0].doc
    k = tokens[-1].i
    if not tokens[0].text.isdigit():
        return False
    if k + 2 < len(doc) and doc[k + 1].lower_ == "of" and doc[k + 2].text.isdigit():
        after = doc[k + 3] if k + 3 < len(doc) else None
        return after is None or not (after.pos_ == "NOUN" and after.text.islower())
    # the M of "N of M" (also "N of / M" as some galleries print it)
    j = tokens[0].i - 1
    if j >= 0 and doc[j].text == "/":
        j -= 1
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    counted = after is not None and after.pos_ == "NOUN" and after.text.islower()
    return j >= 1 and doc[j].lower_ == "of" and doc[j - 1].text.isdigit() and not counted


#: Telephone service numbers written alone ("a 911 call", "called 999").
SERVICE_NUMBERS = frozenset({"911", "999", "112", "311", "411"})


def _is_service_number(tokens: list[Token]) -> bool:
    return len(tokens) == 1 and tokens[0].text in SERVICE_NUMBERS


#: A US broadcaster's call sign: K or W and two or three more capitals ("KQRV", "WXYZ").
_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}")


#: Networks whose local stations are named by their channel ("NBC 4 New York").
_NETWORKS = frozenset({"NBC", "CBS", "ABC", "FOX", "Fox", "CW"})


def _is_channel(tokens: list[Token]) -> bool:
    """ "told KQRV 7", "WVLM News 12", "Action News 4", "Channel 9": a station's channel
    number after its call sign, "News", "TV" or "Channel", page furniture of local news
    sites (GVC dev hand readings)."""
    doc = tokens[0].doc
    k = tokens[0].i
    if len(tokens) != 1 or k == 0:
        return False
    prev = doc[k - 1]
    if prev.lower_.lstrip(".") == "channel" or prev.text in {"News", "NEWS", *_NETWORKS}:
        # "Channel 9 reporter Karla Ray", "Action News 4 reporter", "WVLM News 12"; but a
        # number before what it counts is a count after a byline or a glued headline too
        # ("WPXI 11 News Two brothers were shot", "tell Eyewitness News two brothers got")
        after = [t for t in doc[k + 1 : k + 3] if not t.is_space]
        plural = {"NNS", "NNPS"}
        counts = bool(after) and (
            after[0].tag_ in plural
            or (len(after) > 1 and after[0].pos_ == "ADJ" and after[1].tag_ in plural)
        )
        return not counts
    if prev.text == "TV" and k >= 2:
        prev = doc[k - 2]
    return bool(_CALL_SIGN.fullmatch(prev.text))


#: Words of a text message a short code follows ("send a text message to 84100").
_TEXT_WORDS = frozenset({"text", "texting", "sms"})


def _is_short_code(tokens: list[Token]) -> bool:
    """ "send a text message to 84100", "text the word TIP to 84100": the number a tip
    line's texts go to (a phone number), not a count."""
    doc = tokens[0].doc
    k = tokens[0].i
    if len(tokens) != 1 or not (tokens[0].text.isdigit() and 4 <= len(tokens[0].text) <= 6):
        return False
    if k == 0 or doc[k - 1].lower_ != "to":
        return False
    nxt = doc[k + 1] if k + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN":
        return False  # "sent text alerts to 5000 residents": a count
    return any(t.lower_ in _TEXT_WORDS for t in doc[max(0, k - 8) : k])


def _is_station_brand(tokens: list[Token]) -> bool:
    """ "police told 4 NEWS", "the chief tells 21 news that", "told 12 KTVB's": a channel
    number before "news" or a call sign (GVC dev hand readings). News is not counted; "4
    news reporters" counts the reporters and stays a count."""
    doc = tokens[0].doc
    k = tokens[-1].i
    if len(tokens) != 1 or not tokens[0].text.isdigit() or k + 1 >= len(doc):
        return False
    if doc[k + 1].lower_ != "news" and not _CALL_SIGN.fullmatch(doc[k + 1].text):
        return False  # "told 4 NEWS", "told 12 KTVB's Ann Cole", "told 16 WAPT that"
    after = doc[k + 2] if k + 2 < len(doc) else None
    return after is None or after.tag_ not in {"NNS", "NNPS"}


#: Words of a track or swimming meet: a number after "the" in such a sentence names an
#: event ("holds the state record in the 100"), not a count.
_MEET_WORDS = frozenset({"record", "relay", "meet", "hurdles", "dash", "freestyle", "meters"})


def _is_race_event(tokens: list[Token]) -> bool:
    doc = tokens[0].doc
    k = tokens[0].i
    if len(tokens) != 1 or not tokens[0].text.isdigit() or k == 0 or doc[k - 1].lower_ != "the":
        return False
    nxt = doc[k + 1] if k + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ in {"NNS", "NNPS"}:
        return False  # "the 200 runners": a count; "the 200 set in 1998" (parsed a noun): not
    return any(t.lower_ in _MEET_WORDS and t.pos_ == "NOUN" for t in tokens[0].sent)


def _is_model_year(tokens: list[Token]) -> bool:
    """ "a black 2016 Dodge Challenger": a year before a singular proper noun (a make, a
    model) dates it; nothing counts a singular name in thousands."""
    doc, k = tokens[0].doc, tokens[-1].i
    return (
        len(tokens) == 1
        and bool(re.fullmatch(r"(19|20)\d\d", tokens[0].text))
        and k + 1 < len(doc)
        and doc[k + 1].tag_ == "NNP"
    )


#: Words before a clock time written the military way ("at 1938 hours").
_CLOCK_BEFORE = frozenset(
    {"at", "around", "about", "approximately", "until", "before", "after", "by", "from"}
)


def _is_military_time(tokens: list[Token]) -> bool:
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


def _is_oclock(tokens: list[Token]) -> bool:
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
_AT_QUANTITY_VERBS = frozenset(
    {"stand", "put", "peg", "place", "estimate", "remain", "set", "rise", "climb", "reach"}
    | {"fall", "drop", "stay", "top", "cap", "fix", "hold", "increase", "grow", "jump"}
    | {"number", "total", "tally", "count", "rank", "value", "aim", "point", "shoot", "fire"}
)
#: Words after "at N" that leave N an hour ("a service at 7 on Saturday").
_AFTER_HOUR = frozenset(
    {"on", "in", "tonight", "today", "tomorrow", "this", "that", "sharp", "and", "or", "to"}
    | {"until", "with", "at"}
)


def _is_clock_at(tokens: list[Token]) -> bool:
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
        if head.lemma_.lower() in _AT_QUANTITY_VERBS or head.lemma_.lower() in _AT_AGE_VERBS:
            return False
        return not any(
            c.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}
            and c.lemma_.lower() in _AT_QUANTITY_NOUNS
            for c in head.children
        )
    return False


def _is_numbered_id(tokens: list[Token]) -> bool:
    """ "apartment #412", "He was #12", "Detective Cole, #4417", "case #17-79807", "call 911
    or *55": a number glued after "#" or "*" (or after "#N-") names a thing or a short
    code; it counts nothing."""
    doc, k = tokens[0].doc, tokens[0].i
    if k >= 1 and doc[k - 1].text in {"#", "*"} and not doc[k - 1].whitespace_:
        return True  # "*55": a phone short code
    return (
        k >= 3
        and doc[k - 1].text == "-"
        and not doc[k - 1].whitespace_
        and doc[k - 2].text.isdigit()
        and not doc[k - 2].whitespace_
        and doc[k - 3].text == "#"
        and not doc[k - 3].whitespace_
    )


#: Words a road's or an exit's number follows ("routes 512 and 22", "Exit 12").
_ROAD_NAME_WORDS = frozenset(
    {"route", "routes", "rte", "highway", "highways", "hwy", "interstate", "exit"}
)


def _is_road(tokens: list[Token]) -> bool:
    """ "situated at routes 512 and 22", "the entrance ramp of 288", "off Exit 12": numbers
    listed after a word of a road, or after "ramp of", name roads; they count nothing."""
    doc = tokens[0].doc
    if not tokens[0].like_num or _counts_next(tokens[-1]):
        return False
    k = tokens[0].i
    while k >= 1 and (doc[k - 1].like_num or doc[k - 1].lower_ in {",", "and", "&"}):
        k -= 1
    if k < 1:
        return False
    word = doc[k - 1].lower_.rstrip(".")
    if word in _ROAD_NAME_WORDS:
        return True
    return word == "of" and k >= 2 and doc[k - 2].lower_ in {"ramp", "exit"}


def _is_one_of_a_kind(tokens: list[Token]) -> bool:
    """ "This is one evil person", "He is one tough man": "one" before the complement of
    "be" whose subject is a pronoun describes someone; it counts no one ("The victims were
    3 men" counts)."""
    one = tokens[0]
    noun = one.head
    if len(tokens) != 1 or one.lower_ != "one" or one.dep_ != "nummod" or noun.dep_ != "attr":
        return False
    subject = _child_of(noun.head, "nsubj")
    return (
        noun.head.lemma_.lower() == "be"
        and subject is not None
        and subject.lower_ in {"this", "that", "he", "she"}  # not a cleft: "it was one man who"
    )


def _is_zip_code(tokens: list[Token]) -> bool:
    """ "in the 38108 zip code": a number before "zip (code)" is a postal code."""
    doc, end = tokens[0].doc, tokens[-1].i + 1
    return any(t.lower_ in {"zip", "zipcode"} for t in [*tokens[1:], *doc[end : end + 1]])


def _is_mile_road(tokens: list[Token]) -> bool:
    """ "south of 8 Mile and", "near Kelly and 8 Mile": a number above one before a
    capitalised singular "Mile" names a road (eight miles would be "8 miles")."""
    doc, k = tokens[0].doc, tokens[0].i
    q = parse_quantity(tokens[0].text) if tokens[0].like_num else None
    return (
        q is not None
        and q.value is not None
        and q.value >= 2
        and k + 1 < len(doc)
        and doc[k + 1].text == "Mile"
    )


#: Words after which a bare year-shaped number is a year ("in 2011.", "since 1998").
_YEAR_PREPOSITIONS = frozenset(
    {"in", "since", "from", "until", "by", "during", "before", "after", "through"}
)


#: Hedges between a preposition of time and its year ("since at least 1998").
_YEAR_HEDGES = frozenset({"at", "least", "as", "early", "about", "around", "approximately"})


def _is_bare_year(tokens: list[Token]) -> bool:
    """ "lost a grandson to gun violence in 2011.": a year-shaped number (a full stop the
    tokenizer left on it) after a preposition of time, counting no noun, is a year."""
    doc = tokens[0].doc
    year = tokens[-1]
    if _YEAR_RE.match(year.text.rstrip(".")) is None or _counts_next(year):
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


def _is_clipped_year(tokens: list[Token]) -> bool:
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


_ORDINAL_DAY_RE = re.compile(r"^([1-9]|[12]\d|3[01])(st|nd|rd|th)$")


def _is_hours_after_day(tokens: list[Token]) -> bool:
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


def _is_scores_noun(tokens: list[Token]) -> bool:
    """ "here for more scores", "box scores": the results of games. "Scores" is a quantity
    (40–99) only with what it counts: "scores of people"."""
    doc, k = tokens[0].doc, tokens[-1].i
    return (
        len(tokens) == 1
        and tokens[0].lower_ == "scores"
        and not (k + 1 < len(doc) and doc[k + 1].lower_ == "of")
    )


def _is_height(tokens: list[Token]) -> bool:
    """ "6-foot-1", "a 6-foot fence", "5 feet 9 inches", "5 foot, 11 inches", "He's 5 feet
    11, and weighs": a height, neither an age nor a count."""
    doc = tokens[0].doc
    k = tokens[0].i
    if k + 2 < len(doc) and doc[k + 1].lower_ in {"feet", "foot", "ft"}:
        j = k + 3 if doc[k + 2].text == "," else k + 2
        inches = parse_quantity(doc[j].text) if j < len(doc) and doc[j].like_num else None
        after = doc[j + 1] if j + 1 < len(doc) else None
        if (
            inches is not None
            and inches.value is not None
            and 0 <= inches.value < 12
            and (
                after is None
                or after.lower_ in {"inches", "inch", "in", "tall", "and", "to"}
                or after.is_punct
            )
        ):
            return True
    if k + 2 >= len(doc) or doc[k].whitespace_ or doc[k + 1].text not in {"-", "–"}:
        return False
    return doc[k + 2].lower_.split("-")[0] in {"foot", "feet"}


def _is_idiom(tokens: list[Token]) -> bool:
    """ "at one point", "at one time": "one" that counts nothing; "available 24/7"."""
    doc = tokens[0].doc
    k = tokens[0].i
    if tokens[0].text in {"24/7", "24-7"}:
        return True
    if len(tokens) != 1 or tokens[0].lower_ != "one" or k == 0 or k + 1 >= len(doc):
        return False
    return doc[k - 1].lower_ == "at" and doc[k + 1].lower_ in {"point", "time"}


_WEIGHT_CUES = frozenset(
    {"weigh", "weighing", "weighs", "weighed", "tall", "lbs", "heavy", "foot", "feet", "inches"}
)
#: Nouns a sum of money is "pounds of" ("millions of pounds of public money").
_MONEY_NOUNS = frozenset(
    {"money", "cash", "funding", "funds", "fund", "sterling", "investment", "aid", "revenue"}
    | {"savings", "damages", "compensation", "debt", "tax", "taxes", "spending", "income"}
)


def _body_weight(span: Span) -> bool:
    """ "pounds" that weigh, not pay: its sentence describes a build ("5 feet 10 inches
    tall and 180 pounds", "weighing 350 pounds", "5-foot-10, 210 pounds"), or pounds of a
    thing that is not money ("two pounds of marijuana")."""
    if any(t.lower_.split("-")[0] in _WEIGHT_CUES for t in span.sent):
        return True  # "foot-10" is one token
    doc, end = span.doc, span.end
    if end < len(doc) and doc[end].lower_ == "of":
        thing = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        return thing is not None and not {thing.lower_, thing.lemma_.lower()} & _MONEY_NOUNS
    return False


#: Month names and their three-letter forms ("Mar 4, 2019"), from the dates stage.
_MONTHS = frozenset([*MONTHS, *(m[:3] for m in MONTHS), "sept"])


def _is_copyright_year(tokens: list[Token]) -> bool:
    """ "Copyright 2016 KXXV", "© 2016", "Updated: Mar 4, 2019 - 8:05 AM": page furniture
    or a date, a year."""
    k = tokens[0].i
    doc = tokens[0].doc
    if len(tokens) != 1 or not _YEAR_RE.match(tokens[0].text) or k == 0:
        return False
    if doc[k - 1].lower_ in {"copyright", "©", "(c)"}:
        return True
    return any(t.lower_.rstrip(".") in _MONTHS for t in doc[max(0, k - 3) : k])


def _is_decade(tokens: list[Token]) -> bool:
    """ "a 90's model sedan", "in their 40’s": a decade or an age bracket, never a count."""
    doc, k = tokens[0].doc, tokens[-1].i
    return (
        len(tokens) == 1
        and bool(re.fullmatch(r"\d0", tokens[0].text))
        and not tokens[0].whitespace_
        and k + 1 < len(doc)
        and doc[k + 1].lower_ in {"'s", "’s", "s"}
    )


#: A telephone number spelled with letters, its digits glued by hyphens: "1-866-7LOCKUP",
#: "1-888-CRIME-SC", "864-638-STOP", "555-CASH".
_VANITY_RE = re.compile(
    r"(?:1-)?(?:\d{3}-)*\d{3}-(?=[0-9A-Z-]*[A-Z])[0-9A-Z]{2,}(?:-[0-9A-Z]{2,})*"
)


#: The rest of a vanity number after its area code in parentheses ("LAPD-24-7").
_VANITY_REST_RE = re.compile(r"(?=[0-9A-Z-]*[A-Z])[0-9A-Z]{2,}(?:-[0-9A-Z]+)+")
#: The same with spaces between the words ("(800) SPEAK UP"); only seven characters in all
#: make it a number.
_VANITY_SPACED_RE = re.compile(
    r"(?=[0-9A-Z -]*[A-Z])[0-9A-Z]{2,}(?:[- ][0-9A-Z]{2,})*(?![0-9A-Za-z])"
)


def _text_after(doc: Doc, tok: Token, n: int) -> str:
    """The ``n`` characters of the text right after ``tok`` (a bounded slice: the checks
    that read them run for many numbers of long texts)."""
    start = tok.idx + len(tok.text)
    return doc_text(doc)[start : start + n]


def _in_vanity_number(doc: Doc, k: int) -> bool:
    """Whether token ``k`` is part of a vanity telephone number: the run of tokens glued to
    it without spaces reads as one (``_VANITY_RE``)."""
    start = k
    while start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_space:
        start -= 1
    end = k
    # a line break is a token of its own, glued to the words around it
    while end + 1 < len(doc) and not doc[end].whitespace_ and not doc[end + 1].is_space:
        end += 1
    text = doc[start : end + 1].text.strip(" .,;:()\"'“”‘’!?")  # '1-800-TBI-FIND."'
    return bool(_VANITY_RE.fullmatch(text))


def _is_phone_number(tokens: list[Token]) -> bool:
    """ "555-0142", "(555) 123-4567": digits grouped the way telephone numbers are."""
    doc = tokens[0].doc
    k = tokens[0].i
    if (  # a number glued after an area code: "305-471-TIPS", "(661)327-7111"
        k >= 2
        and doc[k - 1].text == "-"
        and not doc[k - 1].whitespace_
        and not doc[k - 2].whitespace_
        and re.fullmatch(r"(\d{3}\))?\d{3}", doc[k - 2].text)
    ):
        return True
    if (  # an area code in parentheses: "(419) 255-1111"
        k > 0
        and doc[k - 1].text == "("
        and k + 1 < len(doc)
        and doc[k + 1].text == ")"
        and len(tokens[0].text) == 3
        and tokens[0].text.isdigit()
    ):
        rest = doc[k + 2 : k + 5].text.replace(" ", "")
        if re.match(r"^\d{3}-(\d{4}|[A-Z]{4})", rest):  # "(214) 555-1111", "(214) 555-TIPS"
            return True
        after = _text_after(doc, doc[k + 1], 24).lstrip()
        vanity = _VANITY_REST_RE.match(after)  # "(877) LAPD-24-7"
        if vanity and sum(c.isalnum() for c in vanity.group()) >= 7:
            return True
        spaced = _VANITY_SPACED_RE.match(_text_after(doc, doc[k + 1], 30).lstrip())
        if (  # "(800) SPEAK UP": capitals spelling the seven digits, words apart
            spaced
            and sum(c.isalnum() for c in spaced.group()) == 7
            and tokens[0].text[0] in "23456789"
            and not (k >= 2 and doc[k - 2].like_num)  # "eight hundred (800) officers"
        ):
            return True
    if (  # a number with a stray space before its dash: "call 410 -396-2100"
        tokens[0].text.isdigit()
        and len(tokens[0].text) == 3
        and re.match(r"\s?[-.]\s?\d{3}[-.]\d{4}\b", _text_after(doc, tokens[0], 14))
    ):
        return True
    if _in_vanity_number(doc, k) or (  # "at 1-866-7LOCKUP", "555-CASH (2274)"
        k >= 2 and doc[k - 1].text == "(" and _in_vanity_number(doc, k - 2)
    ):
        return True
    if re.match(r"\d{3}-\d{3}[- ][A-Z]{4}\b", doc_text(doc)[tokens[0].idx : tokens[0].idx + 12]):
        return True  # "the TIPS Line at 612-692 TIPS (8477)"
    if (  # a vanity number: "555-TIPS"
        len(tokens) == 1
        and re.fullmatch(r"\d{3}", tokens[0].text)
        and k + 2 < len(doc)
        and doc[k + 1].text == "-"
        and not tokens[0].whitespace_
        and not doc[k + 1].whitespace_
        and re.fullmatch(r"[A-Z]{4}", doc[k + 2].text)
    ):
        return True
    start = tokens[0].i
    while start > 0 and (doc[start - 1].text in {"(", ")", "-", "."} or doc[start - 1].is_digit):
        if doc[start - 1].whitespace_ and doc[start - 1].text not in {")"}:
            break
        start -= 1
    end = tokens[-1].i + 1
    while end < len(doc) and (doc[end].text in {"-", "."} or doc[end].is_digit):
        if doc[end - 1].whitespace_:
            break
        end += 1
    text = doc[start:end].text.strip(" .")
    return bool(re.match(r"^\d{3}-\d{4}$", text)) or bool(_PHONE_RE.match(text))


# --------------------------------------------------------------------------- spans


def _candidates(doc: Doc) -> list[list[Token]]:
    """Token runs that may hold a figure: numeric entities, then stray numeric tokens."""
    runs: list[list[Token]] = []
    in_ent: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in FIGURE_LABELS:
            runs.append(list(ent))
            in_ent.update(range(ent.start, ent.end))
        else:
            in_ent.update(range(ent.start, ent.end))
    run: list[Token] = []
    for tok in doc:
        if tok.i not in in_ent and _is_numeric(tok) and not tok.is_space:
            run.append(tok)
            continue
        if run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    runs.sort(key=lambda r: r[0].i)
    return runs


def _widen_left(doc: Doc, first: int) -> tuple[int, str | None]:
    """Include a currency sign and a qualifier phrase before token ``first``."""
    start = first
    if start > 0 and doc[start - 1].text in CURRENCY_SYMBOLS:
        start -= 1
        if start > 0 and doc[start - 1].lower_ in {"us", "c", "a", "hk", "nz"}:
            start -= 1
    for n in range(_MAX_QUALIFIER_WORDS, 0, -1):
        if start - n < 0:
            continue
        words = " ".join(t.lower_ for t in doc[start - n : start])
        if words in QUALIFIERS:
            if n == 1 and words in _PREPOSITIONS and doc[start - 1].dep_ == "prep":
                return start, None  # "rigged over two years": a preposition, not a bound
            return start - n, words
    if start > 0 and doc[start - 1].lower_ == "between":
        return start - 1, "between"  # "between $2 million and $4 million": a range
    return start, None


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop words an entity swallowed around the number ('last just 15 minutes', '3.5% or')."""
    first = next(
        (k for k, t in enumerate(tokens) if _is_numeric(t) or t.lower_ in {"a", "an"}), None
    )
    if first is None:
        return []
    tokens = tokens[first:]
    while tokens and ((tokens[-1].is_punct and tokens[-1].text != "%") or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def _duration_tail(doc: Doc, end: int) -> int:
    """Extend a duration over '(and|,) N unit' that NER split off ('and eight months')."""
    if end + 2 < len(doc) and doc[end].lower_ in {"and", ","}:
        k = end + 1
        while k < len(doc) and _is_numeric(doc[k]):
            k += 1
        if k > end + 1 and k < len(doc) and duration_unit(doc[k].text) is not None:
            return k + 1
    return end


# --------------------------------------------------------------------------- syntax


def _phrase(tok: Token) -> Span:
    """The short name of an argument: its entity, or the noun with its compounds."""
    doc = tok.doc
    if tok.ent_type_ and tok.ent_iob_ != "O":
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in {"compound", "amod", "nmod"} and child.i == left - 1:
            left = child.i
    while left < tok.i and doc[left].dep_ == "amod" and doc[left].pos_ not in {"ADJ", "PROPN"}:
        left += 1
    return doc[left : tok.i + 1]


def _governing_verb(tok: Token) -> Token | None:
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ == "VERB" or (cur.pos_ == "AUX" and cur.dep_ in {"ROOT", "conj", "relcl"}):
            return cur
    return None


_EVENT_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence", "ing", "al")
_EVENT_NOUNS = frozenset(
    [
        "arrest",
        "release",
        "return",
        "visit",
        "attack",
        "murder",
        "ban",
        "raid",
        "death",
        "detention",
        "sentence",
        "strike",
    ]
)


def _nominal_head(anchor: Token) -> Token | None:
    """The event noun governing ``anchor`` through 'of' ('expulsion of X'), if any."""
    if anchor.dep_ != "pobj" or anchor.head.lower_ != "of":
        return None
    noun = anchor.head.head
    lemma = noun.lemma_.lower()
    if noun.pos_ == "NOUN" and (lemma.endswith(_EVENT_SUFFIXES) or lemma in _EVENT_NOUNS):
        return noun
    return None


def _arguments(verb: Token, own: set[int]) -> tuple[Token | None, Token | None]:
    """(subject, object) of ``verb``; passives put the agent in subject, patient in object."""
    subj = obj = None
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
    for child in verb.children:
        if passive:
            if child.dep_ == "agent":
                subj = next((g for g in child.children if g.dep_ == "pobj"), None)
            elif child.dep_ == "nsubjpass":
                obj = child
        elif child.dep_ in {"nsubj", "csubj"}:
            subj = child
        elif child.dep_ in {"dobj", "dative"} and obj is None:
            obj = child
    if subj is None and not passive:
        head = verb
        for _ in range(3):  # "called on ... to stage", "X and then Y": share the subject
            if head.dep_ not in {"conj", "xcomp", "advcl"} or head.head.i == head.i:
                break
            head = head.head
            subj = next((c for c in head.children if c.dep_ in {"nsubj", "csubj"}), None)
            if subj is not None:
                break
    if subj is not None and subj.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subj = verb.head
    if subj is not None and subj.i in own:
        subj = None
    if obj is not None and obj.i in own:
        obj = None
    return subj, obj


def _entity_for(span: Span, entities: Sequence[LocalEntity]) -> str | None:
    for entity in entities:
        for m in entity.mentions:
            if m.start < span.end_char and span.start_char < m.end:
                return entity.id
    return None


def _antecedent(pron: Token, verb: Token | None, before: int) -> Token | None:
    """The plural noun a partitive pronoun ("150 of them") stands for: the nearest plural
    noun before the figure in this or the previous sentence that is not the subject of the
    figure's own clause (a pronoun object cannot be bound by its co-argument: in "police
    detained 150 of them", "them" is not the police)."""
    doc = pron.doc
    first = pron.sent.start
    if first > 0:
        first = doc[first - 1].sent.start
    co_args = set()
    if verb is not None:
        co_args = {c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "agent"}}
    for tok in reversed(doc[first:before]):
        if tok.i in co_args or tok.tag_ not in {"NNS", "NNPS"}:
            continue
        if _is_numeric(tok):  # "Thousands marched; police detained 150 of them"
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            return pobj if pobj is not None and pobj.pos_ in {"NOUN", "PROPN"} else None
        if tok.ent_type_ in {"DATE", "TIME"} or duration_unit(tok.text) is not None:
            continue
        return tok
    return None


#: Units written apart from their number that measure the noun after them ("a 9 mm
#: handgun", "a 12 gauge shotgun"): the number is a size, not how many handguns.
_SIZE_UNITS = frozenset(
    {"mm", "millimeter", "millimetre", "cm", "inch", "caliber", "calibre", "gauge"}
)


def _measure_noun(doc: Doc, last: int) -> Token | None:
    """The noun of a hyphenated measurement adjective ("16-inch", "300-page") glued to the
    number ending at token ``last``, or a size unit written apart ("9 mm handgun"), when
    that adjective modifies a following noun."""
    if last + 1 < len(doc) and doc[last + 1].lower_ in _SIZE_UNITS:
        unit = doc[last + 1]
        if unit.dep_ in {"compound", "amod", "nmod"} and unit.head.i > unit.i:
            return unit
    if last + 2 >= len(doc):
        return None
    hyphen, noun = doc[last + 1], doc[last + 2]
    if hyphen.text != "-" or doc[last].whitespace_ or hyphen.whitespace_ or not noun.is_alpha:
        return None
    if noun.pos_ not in {"NOUN", "PROPN"} or duration_unit(noun.text) is not None:
        return None
    head = noun.head
    if (
        noun.dep_ in {"compound", "amod", "nmod"}
        and head.i > noun.i
        and head.pos_ in {"NOUN", "PROPN"}
    ):
        return noun
    return None


def _time_unit(tok: Token) -> str | None:
    if duration_unit(tok.text) is None:
        return None
    lemma = tok.lemma_.lower()
    return "century" if lemma == "centurie" else lemma


def _time_frame(heads: Sequence[Token]) -> str | None:
    """A rate ("every year", "annually", "per day") or a long period ("since 1900", "so far",
    "over the centuries", "this year") that modifies the figure's verb or noun."""
    for head in heads:
        for c in head.children:
            low = c.lower_
            det = next((g.lower_ for g in c.children if g.dep_ in {"det", "amod"}), None)
            if c.dep_ == "advmod":
                if low in _RATE_ADVERBS:
                    return "rate:" + {"annually": "year", "yearly": "year"}.get(low, low[:-2])
                if low == "far" and any(g.lower_ in {"so", "thus"} for g in c.children):
                    return "period:so far"
                if low == "ever":
                    return "period:ever"
            elif c.dep_ == "npadvmod" and (unit := _time_unit(c)) is not None:
                if any(
                    g.dep_ == "prep"
                    and g.lower_ == "to"
                    and any(p.lower_ == "date" for p in g.children)
                    for g in c.children
                ):
                    return "period:so far"  # "year-to-date"
                nxt = c.doc[c.i + 1].lower_ if c.i + 1 < len(c.doc) else ""
                indefinite = det in {"a", "an"}
                if det in _RATE_DETERMINERS and not (
                    indefinite and (c.i < head.i or nxt in _RELATION_WORDS)
                ):
                    return (
                        "rate:" + unit
                    )  # "every year"; "a year" after the verb, not "a day after"
                if det in _PERIOD_DETERMINERS and unit in _LONG_UNITS:
                    if any(g.lower_ == "far" for g in c.children):
                        return "period:so far"
                    return "period:" + unit
            elif c.dep_ == "prep":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                unit = _time_unit(pobj)
                if low == "since" and (
                    _YEAR_RE.match(pobj.text)
                    or unit in _LONG_UNITS
                    or (pobj.lower_.rstrip(".") in _MONTHS and not _child_of(pobj, "nummod"))
                ):
                    return "period:since"  # "since 1990", "since January" (not "since May 3")
                if low == "per" and unit is not None:
                    return "rate:" + unit
                if low == "to" and pobj.lower_ == "date":
                    return "period:so far"
                if low in _PERIOD_PREPOSITIONS and pobj.lemma_.lower() in _PERIOD_NOUNS:
                    return "period:" + pobj.lemma_.lower()
                if low in _PERIOD_PREPOSITIONS and unit in _LONG_UNITS:
                    return "period:" + str(unit)
                if low in _PERIOD_PREPOSITIONS and unit in _WEEK_OR_LONGER and _past(pobj):
                    return "period:" + str(unit)  # "in the past two months"
                if low in {"in", "during", "on"} and (year := _year_in(pobj)) is not None:
                    return "year:" + year  # "killed 26,000 people in December 2003"
    return None


def _past(period: Token) -> bool:
    """ "the past two months", "the last three weeks": a period reaching back from now."""
    return any(c.lower_ in {"past", "last"} for c in period.children) and any(
        c.dep_ == "nummod" or c.lower_ == "few" for c in period.children
    )


def _year_in(tok: Token) -> str | None:
    """The year written in a short date phrase ("2003", "December 2003", "June 24, 2005")."""
    sub = list(tok.subtree)
    if len(sub) > 6:
        return None
    return next((t.text for t in sub if _YEAR_RE.match(t.text)), None)


def _modal(verb: Token) -> bool:
    """Whether ``verb`` is under a modal ("could face", "will cut"), a verb of possibility
    ("faces 10 years") or a prospective head ("plans to cut", "is expected to draw"),
    directly or through coordination / an infinitive complement."""
    cur = verb
    for _ in range(4):
        if cur.lemma_.lower() in _MODAL_VERBS:
            return True
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in cur.children):
            return True
        head = cur.head
        if cur.dep_ == "xcomp" and head.lemma_.lower() in _PROSPECTIVE_HEADS:
            return True
        own_aux = any(c.dep_ in {"aux", "auxpass"} for c in cur.children)
        if cur.dep_ == "xcomp" or (cur.dep_ == "conj" and not own_aux):
            cur = head
            continue
        break
    return False


#: Units long enough for "<n> <units> ago" / "earlier this <unit>" / "<n> <units> after ..."
#: to place an event before the story's own ("hours ago", "a day after" are its own days).
_WEEK_OR_LONGER = frozenset({"week", "fortnight", "month", "year", "decade", "century"})


def _earlier_event(verb: Token) -> bool:
    """Whether ``verb`` (or the verb it is coordinated with) reports an event dated before
    the story's own: "two weeks ago", "earlier this year", or the clause of "<weeks or
    longer> after ..." ("the shooting came eight months after a bystander was killed").
    Not "last week"/"last month": follow-up reports date the story's own event so ("last
    week he was sentenced to ..."), and other outlets report it without the words."""
    cur = verb
    for _ in range(3):
        for c in cur.children:
            if c.dep_ == "advmod" and c.lower_ == "ago":
                ago = next((g for g in c.children if g.dep_ == "npadvmod"), None)
                if ago is not None and _time_unit(ago) in _WEEK_OR_LONGER:
                    return True
            if c.dep_ != "npadvmod":
                continue
            unit = _time_unit(c)
            mods = {g.lower_ for g in c.children if g.dep_ in {"amod", "det", "advmod"}}
            if "earlier" in mods and unit in _WEEK_OR_LONGER:
                return True
            if (
                cur.dep_ == "advcl"
                and unit in _WEEK_OR_LONGER  # "a day after police detained 70": one story
                and any(m.dep_ == "mark" and m.lower_ == "after" for m in cur.children)
            ):
                return True
        if cur.dep_ != "conj":
            break
        cur = cur.head
    return False


_WRONG_WORDS = frozenset(
    {"erroneous", "incorrect", "false", "untrue", "wrong", "inaccurate", "mistaken", "unfounded"}
)
_HEARSAY = frozenset({"report", "rumor", "rumour"})


def _retracted(verb: Token) -> bool:
    """A figure its own sentence calls wrong: under "reports (that) ..." or "reports said
    ..." in a sentence that says they were erroneous / incorrect / false ("early reports
    said one person had died, but that proved to be incorrect")."""
    if not any(t.lower_ in _WRONG_WORDS for t in verb.sent):
        return False
    cur = verb
    for _ in range(6):
        lemma = cur.lemma_.lower()
        if lemma in _HEARSAY:
            return True
        if lemma == "say" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in _HEARSAY for c in cur.children
        ):
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


#: Nouns of one violent or accidental event; in the plural after "in"/"during"/"across"
#: they sum several ("killed in two shootings", "wounded in weekend shootings"). Calibrated
#: on the GVC harness sample's roundups; "attacks", "clashes" and "protests" are left out:
#: in war and protest reports the plural is often the story's own event.
_PLURAL_EVENT_NOUNS = frozenset(
    {"shooting", "stabbing", "killing", "homicide", "crash", "incident"}
)


def several_events(tokens: Iterable[Token]) -> bool:
    """Whether ``tokens`` (a sentence, a headline) place their counts in several events at
    once: "in / during / across / among" a plural event noun attached to a verb or
    participle ("one was killed and six wounded in two shootings"; "4 dead, 10 wounded in
    weekend shootings"; "among the shootings at celebrations across the country, eight
    were wounded in Miami"; not "a string of shootings")."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in {"in", "during", "across", "among"}
        and prep.head.pos_ in {"VERB", "AUX", "ADJ"}
        and any(
            pobj.dep_ == "pobj"
            and pobj.tag_ == "NNS"
            and pobj.lemma_.lower() in _PLURAL_EVENT_NOUNS
            for pobj in prep.children
        )
        for prep in tokens
    )


#: Adverbs of an event that did not quite happen ("nearly killed", "almost died").
_NEAR_MISS = frozenset({"nearly", "almost"})
#: Nouns of an aim whose infinitive did not happen as told: "in an attempt to kill himself",
#: "a plot to kill two officers", "his threat to shoot everyone".
_AIM_NOUNS = frozenset(
    {"effort", "attempt", "bid", "plot", "plan", "threat", "intent", "intention", "scheme"}
)
#: Nouns of an occasion held for, or an act done in answer to, an earlier death: a count in
#: a clause about the person they are for ("a vigil for a man killed last week", "the
#: funeral of a woman who died Nov. 2", "in retaliation for a shooting that left one dead")
#: is that earlier event's. Read off GVC dev articles (vigils and funerals that were shot
#: at; retaliation shootings).
OCCASION_NOUNS = frozenset(
    {"vigil", "funeral", "memorial", "wake", "service", "retaliation", "revenge", "anniversary"}
)
#: Verbs whose object is an earlier death's person ("honoring a man killed in ...").
_OCCASION_VERBS = frozenset({"honor", "honour", "mourn", "remember", "commemorate"})
#: Acts that answer an earlier death whatever else the sentence tells.
_ANSWERS = frozenset({"retaliation", "revenge"})
_GATHERINGS = OCCASION_NOUNS - _ANSWERS
#: Words of new violence at a gathering ("shots were fired at the vigil for ..."). A vigil
#: or a funeral without them is usually the story's own victim's ("Loved ones remember teen
#: killed in weekend shooting"): read off GVC dev memorial articles, where marking those
#: earlier lost the story's only death.
_VIOLENCE = frozenset(
    {"shoot", "shooting", "shot", "gunfire", "gunshot", "fire", "stab", "stabbing", "gunman"}
)


def unreal(verb: Token) -> bool:
    """Whether ``verb`` reports something that did not happen as told: a near miss ("was
    nearly killed"), an attempt ("trying to kill", "the attempted murder of", "in an effort
    to kill himself"), a condition
    or an open question ("if the man had died"), or a question ("Did he hurt his
    brother?")."""
    if any(c.dep_ == "advmod" and c.lower_ in _NEAR_MISS for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in verb.children):
        return True  # "could not say if the man had died"; "if the victim dies"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _ATTEMPT_HEADS:
        return True
    if _aim(verb):
        return True
    if any(
        c.dep_ == "amod" and c.lemma_.lower() in {"attempt", "attempted"} for c in verb.children
    ):
        return True
    last = next((t for t in reversed(verb.sent) if not t.is_space), None)
    return last is not None and last.text == "?"


def _aim(verb: Token) -> bool:
    """An infinitive after a noun of an aim ("in a bid to kill himself"), read off the
    words as well as the parse: the small model often hangs "to kill" on the clause's verb
    ("foiled a plot to kill two officers")."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return False
    before = verb.doc[to.i - 1]
    return before.lemma_.lower() in _AIM_NOUNS or (
        verb.dep_ == "acl" and verb.head.lemma_.lower() in _AIM_NOUNS
    )


def for_earlier_death(verb: Token) -> bool:
    """Whether ``verb`` (a verb, or an event noun such as "death") is the clause of a person
    an occasion is for (:data:`OCCASION_NOUNS`: "the vigil for Ann Lee, who was shot
    Sunday"; "mourning the death of a boy") or of the event an act answers ("in retaliation
    for a shooting that left one dead"): an earlier event than the story's."""
    if verb.dep_ in {"relcl", "acl"}:
        noun = verb.head
    elif verb.pos_ == "NOUN":
        noun = verb  # "mourning the death of a boy"
    else:
        return False
    for _ in range(2):
        if noun.dep_ == "appos":
            noun = noun.head  # "for Ann Lee, a cyclist who died"
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _OCCASION_VERBS:
            return _occasion_of_earlier_death(noun.head)
        prep = noun.head if noun.dep_ == "pobj" else None
        if prep is None or prep.dep_ != "prep":
            return False
        if prep.head.lemma_.lower() in OCCASION_NOUNS:
            return _occasion_of_earlier_death(prep.head)
        if prep.head.lemma_.lower() == "be":  # "the service was for a man who died"
            subject = next((c for c in prep.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lemma_.lower() in OCCASION_NOUNS:
                return _occasion_of_earlier_death(subject)
        noun = prep.head  # "the funeral of a man": up one phrase
    return False


def _occasion_of_earlier_death(occasion: Token) -> bool:
    """Whether the death ``occasion`` is for is another event than the sentence's: always for
    an act that answers it (retaliation), for a gathering only when the sentence tells of
    violence outside the gathering's own phrase ("shots rang out at a vigil for a man who
    was killed last week") or the article of violence at a gathering."""
    if occasion.lemma_.lower() in _ANSWERS:
        return True
    inside = {t.i for t in occasion.subtree}
    if any(t.i not in inside and t.lemma_.lower() in _VIOLENCE for t in occasion.sent):
        return True
    return violence_at_a_gathering(occasion.doc)


_AT_A_GATHERING = "corroborate_violence_at_a_gathering"


def violence_at_a_gathering(doc: Doc) -> bool:
    """Whether ``doc`` tells of violence at a gathering: a gathering noun in a phrase of a
    violent word ("4 people shot at a memorial service", "opens fire on a crowd at a
    vigil", "Funeral Service Shooting"). Then the death the gathering was for is an
    earlier event wherever the article names it ("the funeral of Ann Lee, who died Nov.
    2")."""
    found = doc.user_data.get(_AT_A_GATHERING)
    if found is None:
        found = any(_violent_phrase(t) for t in doc if t.lemma_.lower() in _GATHERINGS)
        doc.user_data[_AT_A_GATHERING] = found
    return bool(found)


def _violent_phrase(noun: Token) -> bool:
    if noun.dep_ not in {"compound", "pobj"}:
        return False
    for up in noun.ancestors:  # up to the clause's verb, which may carry it ("fired")
        if up.lemma_.lower() in _VIOLENCE:
            return True
        if up.pos_ in {"VERB", "AUX"}:
            return any(c.lemma_.lower() in _VIOLENCE for c in up.children)
    return False


def figure_scope(verb: Token | None, anchor: Token | None) -> str | None:
    """The time frame of a figure (docs/figures.md): "modal", "retracted" (reports its
    sentence calls wrong), "before" (an earlier event), "aggregate" (several events),
    "rate:<unit>", "period:<x>", "year:<yyyy>", or None for a report of one specific
    event."""
    if verb is not None and (_modal(verb) or unreal(verb)):
        return "modal"
    if verb is not None and _retracted(verb):
        return "retracted"
    if verb is not None and (_earlier_event(verb) or for_earlier_death(verb)):
        return "before"
    if verb is not None and several_events(verb.sent):
        return "aggregate"
    heads = [t for t in (verb, anchor) if t is not None]
    if heads and (year := _timeline_year(heads[0])) is not None:
        return "year:" + year
    if verb is not None and verb.dep_ == "relcl":  # "the disaster in 2003, in which 31,000 died"
        date = next((e for e in verb.doc.ents if e.start <= verb.head.i < e.end), None)
        if date is not None and date.label_ == "DATE" and _since(verb.head):
            return "before"  # "have gathered since March 3, when a deputy shot a man"
        if date is not None and date.label_ == "DATE":
            year = next((t.text for t in date if _YEAR_RE.match(t.text)), None)
            if year is not None:
                return "year:" + year  # "in December 2003, in which ..."
        heads.append(verb.head)
    if verb is not None:  # "shares are up 31 percent year-to-date"
        heads += [c for c in verb.children if c.dep_ in {"advmod", "acomp", "prt"}]
    scope = _time_frame(heads)
    if scope is None and verb is not None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        # "In 2015 an officer shot and wounded a man"; "Last year a boy was killed and a
        # girl was hurt": a coordinated clause shares the first one's time frame
        head = figure_scope(verb.head, None)
        if _shares_subject(verb) or (head or "").split(":")[0] in _SHARED_FRAMES:
            return head
    return scope


def _timeline_year(tok: Token) -> str | None:
    """The year of a timeline entry ``tok`` is in: a line that opens with "<year>:" (or
    "<year> —"), maybe after a photo credit ("1993: a doctor is shot outside a clinic"). The
    parser often ends a sentence at that colon, so the sentence before counts too."""
    doc, sent = tok.doc, tok.sent
    marks = [t for t in sent[:4] if t.i < tok.i and t.text in {":", "—", "–"}]
    if sent.start > 0 and doc[sent.start - 1].text == ":":
        marks.append(doc[sent.start - 1])
    for mark in marks:
        year = doc[mark.i - 1] if mark.i > 0 else None
        if year is None or not _YEAR_RE.match(year.text):
            continue
        opening = 0  # words between the line's start and the year: a credit at most
        k = year.i - 1
        while k >= 0 and "\n" not in doc[k].text and opening <= 2:
            opening += not doc[k].is_space
            k -= 1
        if opening <= 2:
            return year.text
    return None


def _since(date: Token) -> bool:
    """Whether the date ``date`` is in opens a period that runs to now ("since March 3")."""
    for t in (date, *date.ancestors):
        if t.dep_ == "pobj":
            return t.head.lower_ == "since"
        if t.ent_type_ != "DATE":
            return False
    return False


#: Time frames a coordinated clause with its own subject shares with the first one.
_SHARED_FRAMES = frozenset({"before", "year", "period", "aggregate"})


def _shares_subject(verb: Token) -> bool:
    """A verb coordinated with the verb before it and without a subject of its own: it
    shares that verb's clause and time frame."""
    return (
        verb.dep_ == "conj"
        and verb.head.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)
    )


# --------------------------------------------------------------------------- figures


def _child_of(tok: Token, dep: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ == dep), None)


#: Words inside a list or range of ages after "ages" ("ages 19 through 43", "ages ranging
#: from 14 to 20").
_AGE_LIST_WORDS = frozenset(
    {"and", "to", "of", "from", "between", "the", "through", "thru"}
    | {"range", "ranges", "ranged", "ranging"}
)


def _after_ages(num: Token) -> bool:
    """Whether ``num`` is in a list of numbers that follows "ages"/"aged" (not "and two
    men" after it, a number word that counts a noun; "under the age of 10 home alone" is
    an age)."""
    if _counts_next(num) and not num.text.isdigit():
        return False
    doc = num.doc
    k = num.i - 1
    while k >= 0 and (
        _is_numeric(doc[k]) or doc[k].text in {",", "-", "–"} or doc[k].lower_ in _AGE_LIST_WORDS
    ):
        k -= 1
    return k >= 0 and doc[k].lower_ in {"ages", "aged", "age"}


#: Links from a bare number up to the "age(s)" it is the value of.
_AGE_VALUE_DEPS = frozenset(
    {"attr", "conj", "appos", "pobj", "prep", "npadvmod", "quantmod", "acomp", "oprd"}
)


def _value_of_ages(num: Token) -> bool:
    """A bare number (counting no noun) said of "age(s)": "the ages of the victims are 17,
    23 and 55", "their ages range from 25 to 45", "his age was given as 4". Read up the
    parse (at most five links) to the noun "age" or to a verb whose subject it is."""
    if num.dep_ in {"nummod", "prep"} or any(c.lower_ == "of" for c in num.children):
        return False  # "three of those shot": a partitive counts people
    tok = num
    for _ in range(5):
        if tok.dep_ not in _AGE_VALUE_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() == "age":
            return True
        if tok.pos_ in {"VERB", "AUX"}:
            return any(
                c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() == "age" for c in tok.children
            )
    return False


def _counts_next(tok: Token) -> bool:
    """Whether a noun (not a date) follows ``tok``: what a number before it counts."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.pos_ in {"NOUN", "PROPN"} and nxt.ent_type_ != "DATE"


def _ages_listed_of_people(num: Token) -> bool:
    """A list of two or more bare numbers after "be" whose subject is people ("the
    children, who were 16, 14, 9 and 10": "who" read as its noun): their ages. One number
    ("the victims were 5") or numbers with nouns ("were 3 men and 2 women") are left."""
    if num.dep_ in {"nummod", "prep"} or any(c.lower_ == "of" for c in num.children):
        return False
    top = num
    while top.dep_ == "conj" and _is_numeric(top.head):
        top = top.head
    if top.dep_ != "attr" or top.head.lemma_.lower() != "be":
        return False
    listed = [top, *(t for t in top.subtree if t.dep_ == "conj" and _is_numeric(t))]
    if len(listed) < 2 or any(_counts_next(t) for t in listed):
        return False
    be = top.head
    subject = _child_of(be, "nsubj")
    if subject is not None and subject.lower_ in {"who", "that"} and be.dep_ == "relcl":
        subject = be.head
    return subject is not None and (is_person_noun(subject) or subject.ent_type_ == "PERSON")


#: Words joining the two ends of a range of ages ("between 28 and 34 years old").
_AGE_RANGE_WORDS = frozenset({"and", "or", "to", "through", "-", "–"})
#: How the second end of a range of ages ends ("34 years old", "19-year-olds").
_YEARS_OLD = (["year", "old"], ["years", "old"], ["yr", "old"], ["yrs", "old"], ["year", "olds"])


def _range_of_ages(num: Token) -> bool:
    """The first end of a range whose second end is "N years old" ("between 28 and 34
    years old", "about 15 or 16 years old", "a 14 and 19-year-old"), or a bare "N years
    old" the NER left outside a date."""
    doc, k = num.doc, num.i + 1
    if [t.lower_ for t in doc[k : k + 2]] in _YEARS_OLD[:2]:
        return True
    if k + 1 >= len(doc) or doc[k].lower_ not in _AGE_RANGE_WORDS:
        return False
    second = doc[k + 1]
    if not (_DIGITS_RE.match(second.text) or second.like_num):
        return False
    words = [t.lower_ for t in doc[k + 2 : k + 7] if t.text not in {"-", "–"}][:2]
    return words in _YEARS_OLD


#: Verbs whose "as being N" describes a person ("described as being 16 and 17").
_DESCRIPTION_VERBS = frozenset({"describe", "identify", "list", "report"})


def _described_as_being(num: Token) -> bool:
    """ "two teenagers, described as being 16 and 17", "a man described as being 30": bare
    numbers (and their conjuncts) after "as being" on a verb of description whose noun is
    people, singular or plural, are their ages. A noun after a number ("described as being
    6 feet tall") leaves it what it was."""
    top = num
    while top.dep_ == "conj" and _is_numeric(top.head):
        top = top.head
    be = top.head
    if top.dep_ != "attr" or be.lemma_.lower() != "be" or be.dep_ != "pcomp":
        return False
    if be.head.lower_ != "as" or be.head.head.lemma_.lower() not in _DESCRIPTION_VERBS:
        return False
    listed = [top, *(t for t in top.subtree if t.dep_ == "conj" and _is_numeric(t))]
    if any(_counts_next(t) for t in listed):
        return False
    verb = be.head.head
    person = verb.head if verb.dep_ in {"acl", "relcl"} else _child_of(verb, "nsubjpass")
    return person is not None and (is_person_noun(person) or person.ent_type_ == "PERSON")


def _person_said_to_be(num: Token) -> Token | None:
    """The person a bare number is the complement of "be" for ("the boy was 11", "a boy
    he believed to be 11", "the girl, thought to be 9"): that number is an age. A thing as
    the subject ("the death toll is expected to be 11") leaves it a count."""
    be = num.head
    if num.dep_ != "attr" or be.lemma_.lower() != "be":
        return None
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if nxt is not None and nxt.pos_ in {"NOUN", "PROPN"}:
        return None
    candidates = [_child_of(be, "nsubj")]
    verb = be
    for _ in range(3):  # "believed to be 11": whom the governing verbs are about
        if verb.dep_ not in {"xcomp", "aux", "ccomp"} or verb.head.i == verb.i:
            break
        verb = verb.head
        candidates += [_child_of(verb, d) for d in ("nsubjpass", "dobj", "nsubj")]
        if verb.dep_ in {"relcl", "acl"}:
            candidates.append(verb.head)
    person = next((c for c in candidates if c is not None and _one_person(c)), None)
    if person is not None and person.pos_ == "PROPN" and nxt is not None and not nxt.is_punct:
        return None  # a name "was one of three suspects", "was 2 for 4": no age
    return person


def _one_person(tok: Token) -> bool:
    """A singular person noun, pronoun or name, not a quantity of people ("the number of
    victims")."""
    if tok.lower_ in {"youngest", "oldest", "eldest"} and _child_of(tok, "prep") is None:
        return True  # "Five were shot; the youngest was 17" (not "the oldest of the three")
    if tok.tag_ not in {"NN", "NNP", "PRP"} or _child_of(tok, "prep") is not None:
        return False
    if tok.pos_ == "PRON":
        return tok.lower_ in {"he", "she", "him", "her"}  # not "it was 11"
    if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
        return True  # "Keller, who lived in Oakfield, was 26"
    return is_person_noun(tok)


def _of_a_place(of: Token) -> bool:
    """ "of Chattanooga" after "Name, 17": the person's home town (a proper noun)."""
    place = _child_of(of, "pobj")
    return of.lower_ == "of" and place is not None and place.pos_ == "PROPN"


_HALF_YEAR_OLD = re.compile(r"[- ]and[- ]a[- ]half[- ]years?[- ]old", re.IGNORECASE)


def _age(tokens: list[Token]) -> tuple[float, Token | None] | None:
    """Ages: 'Navalny, 44', 'a 44-year-old man', '44 years old', 'aged 44'."""
    doc = tokens[0].doc
    num = tokens[0]
    if (not _DIGITS_RE.match(num.text) and not num.like_num) or _is_height(tokens):
        return None
    q = parse_quantity(num.text)
    if q is None or q.value is None or not 0 <= q.value <= 125 or q.value != int(q.value):
        return None
    if _after_ages(num) or _value_of_ages(num):
        return q.value, None  # "ages 14, 16, 17 and 18", "ages 0 to 17", "the ages ... are 17"
    if q.value == 0:
        return None
    if _ages_listed_of_people(num) or _range_of_ages(num) or _described_as_being(num):
        return q.value, None  # "the children, who were 16, 14 and 9"; "described as being 16"
    words = [t.lower_ for t in tokens]
    last = tokens[-1]
    after = doc[last.i + 1 : last.i + 4]
    if num.head.lemma_.lower() == "turn" and num.dep_ in {"dobj", "attr", "oprd", "npadvmod"}:
        return q.value, _child_of(num.head, "nsubj")  # "who turned 29 on Sunday"
    person = _person_said_to_be(num) if len(tokens) == 1 else None
    if person is not None:
        return q.value, person  # "the boy was 11", "a boy he believed to be 11"
    following = [t.lower_ for t in after]
    if _HALF_YEAR_OLD.match(_text_after(doc, num, 24)):
        return q.value + 0.5, None  # "a 2-and-a-half-year-old"
    seq = words + following
    of_age = next(  # "27 years of age"
        (
            i
            for i in range(1, len(seq) - 2)
            if seq[i] in {"year", "years", "yr", "yrs"} and seq[i + 1 : i + 3] == ["of", "age"]
        ),
        None,
    )
    if of_age is not None:
        years = doc[num.i + of_age]
        target = years.head if years.head.pos_ in {"NOUN", "PROPN", "PRON"} else None
        if target is None and years.dep_ in {"acomp", "attr"}:
            target = next((c for c in years.head.children if c.dep_ == "nsubj"), None)
        return q.value, target
    if (
        "old" in words
        or "olds" in words  # "both 6-year-olds"
        or following[:1] in (["old"], ["olds"])  # "the two year olds condition"
        or following[:2] in (["yr", "old"], ["yrs", "old"])
        or short_age(last)
    ):
        old = next((t for t in [*tokens, *after] if t.lower_ in {"old", "olds"}), last)
        if short_age(last):
            old = num  # "the 17 y/o boy": the number hangs on the person
        target = old.head if old.head.pos_ in {"NOUN", "PROPN", "PRON"} else None
        if target is None and old.dep_ in {"acomp", "attr"}:
            target = next((c for c in old.head.children if c.dep_ == "nsubj"), None)
        return q.value, target
    if num.i > 0 and doc[num.i - 1].lower_ == "aged":
        aged = doc[num.i - 1]
        return q.value, aged.head if aged.head.pos_ in {"NOUN", "PROPN"} else None
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    after_next = doc[num.i + 2] if num.i + 2 < len(doc) else None
    if (
        len(tokens) == 1
        and num.i > 0
        and doc[num.i - 1].text == ","
        and num.dep_ == "appos"
        and num.head.pos_ in {"PROPN", "NOUN"}
        and num.head.ent_type_ not in {"PRODUCT", "WORK_OF_ART", "LAW", "EVENT"}
        # "Cheeks, one of the most popular players"; "Bowe, 43-1" (a record); "IE6, 7, 8";
        # but "Sims, 17 of Chattanooga" is an age and a home town
        and not (nxt is not None and nxt.lower_ in {"of", "-"} and not _of_a_place(nxt))
        and not (
            nxt is not None
            and nxt.text == ","
            and after_next is not None
            and _is_numeric(after_next)
        )
        and not (num.i >= 2 and _is_numeric(doc[num.i - 2]))  # "IE6, 7, 8, 9, 10"
        and not _counts_an_event(num)
    ):
        return q.value, num.head
    if len(tokens) == 1 and (
        _age_after_name(num)
        or _one_age_of_both(num)
        or _ages_after_people(num)
        or _age_in_parentheses(num)
        or _age_under(num)
    ):
        return q.value, None
    if num.i >= 2 and doc[num.i - 1].lower_ == "than" and doc[num.i - 2].lower_ in _AGE_COMPARE:
        return q.value, None  # "a boy younger than 12"
    if (
        len(tokens) == 1
        and num.i >= 1
        and doc[num.i - 1].lower_ == "at"
        # a clock time goes on ("at 9 p.m.", "at 9 last night"); an age is done
        and (nxt is None or nxt.is_punct or nxt.pos_ in {"ADP", "CCONJ", "SCONJ"})
    ):
        verb = doc[num.i - 1].head
        if verb.lemma_.lower() in _AT_AGE_VERBS:
            return q.value, None  # "he was shot to death at 24": his age then
        if q.value >= 13 and _person_did_at(verb):
            return q.value, None  # "she was elected to the council at 29", "he retired at 62"
    return _age_without_old(tokens)


#: Verbs whose "at N" is a measure or a score even when a person does them ("he was
#: clocked at 95", "she finished at 72").
_AT_MEASURE_VERBS = frozenset(
    {"clock", "time", "measure", "weigh", "finish", "end", "close", "open", "score", "post"}
    | {"card", "record", "rate", "price", "list", "bill", "assess", "appraise"}
)
_AT_NO_AGE_VERBS = _AT_QUANTITY_VERBS | _AT_MEASURE_VERBS


def _person_did_at(verb: Token) -> bool:
    """Whether ``verb`` (the head of "at N") is done by or to one person and is no verb of a
    quantity or a measure: the "N" after it is that person's age then. 13 and over only
    (an hour is 1 to 12: "he left at 9")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in {"VERB", "AUX"} or lemma in _AT_NO_AGE_VERBS:
        return False
    while verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        verb = verb.head  # "she married at 19 and moved", "was elected ... and retired at 62"
    subject = _child_of(verb, "nsubj") or _child_of(verb, "nsubjpass")
    return subject is not None and _one_person(subject)


#: Nouns that name a person by age or sex, which "N-year" before them is the age of ("the
#: 14-year boy"); nouns of a role or a tenure are not ("a 20-year veteran", "a 25-year
#: employee" stay durations).
_AGE_PERSON_NOUNS = frozenset(
    {"boy", "girl", "man", "woman", "child", "kid", "baby", "infant", "toddler", "teen"}
    | {"teenager", "son", "daughter", "male", "female", "youth", "juvenile", "grandson"}
    | {"granddaughter", "brother", "sister", "nephew", "niece"}
)
#: Units of an age written without "old", in years.
_AGE_UNITS = {"year": 1.0, "yr": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}


def _age_without_old(tokens: list[Token]) -> tuple[float, Token | None] | None:
    """ "the 14-year boy", "a 22-year-woman", "a one-year-toddler": a number and a singular
    unit of age right before a singular noun of a person by age or sex, which they modify
    (the noun no modifier itself: "a five-year girls program" stays a duration)."""
    doc, num = tokens[0].doc, tokens[0]
    if not (num.text.isdigit() or num.like_num):
        return None
    k = num.i + 1
    if k < len(doc) and doc[k].text == "-":
        k += 1
    if k >= len(doc) or doc[k].lemma_.lower() not in _AGE_UNITS or doc[k].lower_.endswith("s"):
        return None  # "14 years" is a span of time
    unit = doc[k]
    j = k + 1
    if j < len(doc) and doc[j].text == "-":
        j += 1
    if j >= len(doc):
        return None
    noun = doc[j]
    if noun.lemma_.lower() not in _AGE_PERSON_NOUNS or noun.tag_ != "NN":
        return None
    if noun.dep_ == "compound" or (unit.head.i != noun.i and num.head.i != noun.i):
        return None
    q = parse_quantity(num.text)
    if q is None or q.value is None or q.value != int(q.value):
        return None
    value = q.value * _AGE_UNITS[unit.lemma_.lower()]
    return (value, noun) if 0 < value <= 125 else None


#: Marks that set an apposition off ("The women, both 22," "Two women — both 19 —").
_SET_OFF_MARKS = frozenset({",", "-", "\u2013", "\u2014"})


def _one_age_of_both(num: Token) -> bool:
    """ "The women, both 22, were taken", "Two women \u2014 both 19 \u2014 were shot":
    plural people's one age after "both" ("all 12" after a plural may count them: "the
    hostages, all 12, were freed")."""
    doc, k = num.doc, num.i
    if k < 3 or doc[k - 1].lower_ != "both" or doc[k - 2].text not in _SET_OFF_MARKS:
        return False
    name, nxt = doc[k - 3], (doc[k + 1] if k + 1 < len(doc) else None)
    return (
        name.tag_ == "NNS"
        and is_person_noun(name)
        and nxt is not None
        and (nxt.text in _SET_OFF_MARKS or nxt.is_punct)
    )


#: Words of a list of ages after people ("two men, one 18 and the other 23,").
_AGE_LIST_FILLERS = frozenset({",", "and", "one", "the", "other", "another"})


def _ages_after_people(num: Token) -> bool:
    """ "Two of the men, 24 and 18, were standing", "two males, 30 and 42 were hurt", "two
    men, one 18 and the other 23, were shot": two or more bare whole numbers listed after a
    plural person noun and a comma, none counting a noun, are their ages."""
    doc = num.doc
    if not num.text.isdigit() or _counts_next(num):
        return False
    k = num.i - 1
    while k >= 0 and (doc[k].text.isdigit() or doc[k].lower_ in _AGE_LIST_FILLERS):
        k -= 1
    if k < 0 or k + 1 >= len(doc) or doc[k + 1].text != ",":
        return False
    noun = doc[k]
    if noun.tag_ != "NNS" or not is_person_noun(noun):
        return False
    end = num.i + 1
    while end < len(doc) and (doc[end].text.isdigit() or doc[end].lower_ in _AGE_LIST_FILLERS):
        end += 1
    listed = [t for t in doc[k + 1 : end] if t.text.isdigit()]
    if len(listed) < 2 or any(_counts_next(t) for t in listed):
        return False
    after = doc[end] if end < len(doc) else None
    return after is None or after.pos_ not in {"NOUN", "PROPN"}


def _age_in_parentheses(num: Token) -> bool:
    """ "identified the suspect as Juan Dunn-Hale (34)": a whole number in parentheses
    right after a person's name is the person's age."""
    doc, k = num.doc, num.i
    return (
        num.text.isdigit()
        and 0 < int(num.text) <= 120
        and 2 <= k < len(doc) - 1
        and doc[k - 1].text == "("
        and doc[k + 1].text == ")"
        and doc[k - 2].ent_type_ == "PERSON"
    )


def _age_under(num: Token) -> bool:
    """ "a person under 19", "a child under 10", "children under 5": a bare number after
    "under" on a person noun (counting no noun itself) is an age limit."""
    doc, k = num.doc, num.i
    return (
        k >= 2
        and doc[k - 1].lower_ == "under"
        and doc[k - 2].tag_ in {"NN", "NNS"}
        and is_person_noun(doc[k - 2])
        and not _counts_next(num)
    )


#: Verbs after which "at N" (a bare number) is the age it happened at.
_AT_AGE_VERBS = frozenset({"die", "kill", "shoot", "murder", "slay"})


_AGE_COMPARE = frozenset({"younger", "older"})


#: Words right after a number that make it a count of an event's people ("2 dead").
_EVENT_WORDS = frozenset({"dead", "killed", "injured", "wounded", "hurt", "shot", "arrested"})


def _counts_an_event(num: Token) -> bool:
    """ "4 Shot, 2 Killed In ...", "8 injured, 2 arrested in ...": a number right before
    an event's participle counts its people; an age is set off ("Cole, 25, was killed")."""
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    return nxt is not None and (
        nxt.lower_ in _EVENT_WORDS
        or (nxt.tag_ in {"VBN", "VBD"} and nxt.lemma_.lower() in ROLE_VERBS)
    )


def _age_after_name(num: Token) -> bool:
    """ "Donald Jocelin, 25 and Ann Cole, 32 were taken", "Ann Cole, also 23, had shot him",
    "Ray, Jo and Al Moss, all 23, face": a bare number after a person's name and a comma
    (with "also" / "all" / "both" between), not followed by what it counts; after a person
    noun when a comma closes it ("after child, 4, wounded at home"; a headline's "boy, 13,
    detained")."""
    doc = num.doc
    k = num.i
    also = k >= 1 and doc[k - 1].lower_ in {"also", "all", "both"}
    if also:
        k -= 1
    if k >= 3 and doc[k - 1].text in {'"', "\u201d", "'", "\u2019"} and doc[k - 2].text == ",":
        k -= 1  # 'aka "Red," 25': the comma inside the nickname's quotes
    if k >= 3 and doc[k - 1].text == ")":
        opening = next((t.i for t in reversed(doc[max(0, k - 6) : k - 1]) if t.text == "("), None)
        if opening is not None:
            k = opening  # "Ann, (left) 16, Bo, (right) 14": a caption's position
    if k < 2 or doc[k - 1].text != "," or _counts_an_event(num):
        return False
    name = doc[k - 2]
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if (
        (_person_word(name) or (name.lower_ == "other" and k >= 3 and doc[k - 3].lower_ == "the"))
        and nxt is not None
        and nxt.text == ","
        and num.text.isdigit()
        and 0 < int(num.text) <= 120
    ):
        return True  # "after child, 4, wounded": a person noun's age between commas
    # a nickname after "aka" is a person's, whatever NER typed it ("aka Rambo, 33;")
    alias = any(t.lower_ in {"aka", "a.k.a.", "alias"} for t in doc[max(0, k - 5) : k - 2])
    if not name.is_alpha or not (
        name.ent_type_ == "PERSON"
        or (name.pos_ == "PROPN" and (also or alias or name.ent_type_ == ""))  # typed ORG
    ):
        return False
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if nxt is not None and nxt.text in {"-", "–", "/"} and not num.whitespace_:
        return False  # "Dell, 43-1": a record ("Ann Cole, 22 - The Daily": an outlet's tail)
    # another person's name after it is a list or a repeated caption ("Frank Gomez, 28
    # Frank Gomez, 28"), not what the number counts
    if nxt is not None and nxt.lower_ == "of" and not _of_a_place(nxt):
        return False  # "Skip Wells, 1 of 4 Marines killed": a partitive ("Sims, 17 of Dover")
    return nxt is None or nxt.pos_ not in {"NOUN", "PROPN"} or nxt.ent_type_ in {"GPE", "PERSON"}


def _person_word(tok: Token) -> bool:
    """A singular person noun, whatever tag a headline gives it: spaCy reads the "boy" of
    "...; boy, 13, detained" as an interjection (UH) and "Boy, 13, Shot" as a name (NNP)."""
    if tok.tag_ == "NN":
        return is_person_noun(tok)
    if tok.tag_ not in {"UH", "NNP"}:
        return False
    word = tok.lower_
    return word in PEOPLE_NOUNS or word in INCIDENT_PEOPLE


def _make(
    doc: Doc,
    start: int,
    end: int,
    kind: str,
    q: Quantity | None,
    entities: Sequence[LocalEntity],
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str | None = None,
    counted: Token | None = None,
    subject: Token | None = None,
    anchor: Token | None = None,
) -> Figure:
    own = set(range(start, end))
    predicate: str | None = None
    subj_tok: Token | None = subject
    obj_tok: Token | None = None
    nominal = _nominal_head(anchor) if anchor is not None and subject is None else None
    if nominal is not None:
        # "the Kremlin's expulsion of three diplomats": the event noun is the predicate
        predicate = nominal.lemma_.lower()
        subj_tok = next((c for c in nominal.children if c.dep_ == "poss"), None)
        if subj_tok is None:
            by = next((c for c in nominal.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            subj_tok = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    elif anchor is not None and subject is None:
        verb = _governing_verb(anchor)
        if verb is not None:
            predicate = verb.lemma_.lower()
            subj_tok, obj_tok = _arguments(verb, own)
    scope = None
    if anchor is not None and subject is None:
        verb = _governing_verb(anchor)
        if nominal is not None and (
            verb is None or nominal.head.i != verb.i or nominal.dep_ not in _CORE_DEPS
        ):
            # "in response to the expulsion of three diplomats": the verb above is not the
            # event's; only "faces a sentence of 10 years" takes the verb's modality
            scope = _time_frame([nominal, anchor])
            if scope is None and unreal(nominal):
                scope = "modal"  # "the attempted murders of five teenagers"
            elif scope is None and for_earlier_death(nominal):
                scope = "before"
        else:
            scope = figure_scope(verb, anchor)
    subj_span = _phrase(subj_tok) if subj_tok is not None else None
    span = doc[start:end]
    return Figure(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        kind=kind,  # type: ignore[arg-type]
        low=q.low if q is not None else low,
        high=q.high if q is not None else high,
        unit=unit or (q.unit if q is not None and q.unit else "count"),
        qualifier=q.qualifier if q is not None else None,
        approximate=q.approximate if q is not None else False,
        counted=canonical_noun(counted.lemma_.lower()) if counted is not None else None,
        predicate=predicate,
        subject=subj_span.text if subj_span is not None else None,
        subject_id=_entity_for(subj_span, entities) if subj_span is not None else None,
        object=_phrase(obj_tok).text if obj_tok is not None else None,
        scope=scope,
    )


#: Words that join the two ends of a range of years ("from 1991 to 2000", "1999-2002").
_YEAR_RANGE_WORDS = frozenset({"to", "through", "thru", "until", "till", "-", "–"})


def _year_in_range(tokens: list[Token]) -> bool:
    """A year-shaped number joined to a year the NER typed DATE ("served from 1991 to
    2000", "between 2010 and 2015"), counting no noun after it: the NER often types only
    one end of a range of years. "and" joins only after "between" ("1,500 members in 2010
    and 2000 members in 2015" stays a count: a noun follows)."""
    if len(tokens) != 1 or not _YEAR_RE.match(tokens[0].text):
        return False
    doc, k = tokens[0].doc, tokens[0].i
    if k + 1 < len(doc) and doc[k + 1].pos_ in {"NOUN", "PROPN"}:
        return False  # "2000 members"

    def dated_year(t: Token) -> bool:
        return _YEAR_RE.match(t.text) is not None and t.ent_type_ == "DATE"

    def joins(j: int) -> bool:
        word = doc[j].lower_
        return word in _YEAR_RANGE_WORDS or (
            word == "and" and j >= 2 and doc[j - 2].lower_ == "between"
        )

    return (k >= 2 and joins(k - 1) and dated_year(doc[k - 2])) or (
        k + 2 < len(doc) and joins(k + 1) and dated_year(doc[k + 2])
    )


def _figure(
    doc: Doc, run: list[Token], label: str, entities: Sequence[LocalEntity], used: set[int]
) -> Figure | None:
    if label == "ORDINAL":
        return _ordinal(doc, run, entities)
    tokens = _trim(run)
    if not tokens or any(t.i in used for t in tokens):
        return None
    if _is_time_of_day(tokens) or _is_list_marker(tokens[0]):
        return None
    if label in {"", "CARDINAL"} and _year_in_range(tokens):
        return None
    tail = tokens[-1]
    if (
        tail.lower_ == "half"
        and tail.i + 2 < len(doc)
        and doc[tail.i + 1].text == "-"
        and not tail.whitespace_
        and doc[tail.i + 2].is_alpha
    ):
        return None  # "half-brother", "half-time": a word, not a number
    if label in {"DATE", "CARDINAL", "QUANTITY", "TIME", ""} and (age := _age(tokens)) is not None:
        value, person = age
        last = tokens[-1].i + 1
        while last < len(doc) and doc[last].lower_ in {"-", "year", "years", "yr", "yrs", "old"}:
            if doc[last].text == "-" and doc[last - 1].whitespace_:
                break  # "Ann Cole, 22 - The Daily": the outlet's dash
            last += 1
        if [t.lower_ for t in doc[last : last + 2]] == ["of", "age"]:
            last += 2  # "27 years of age"
        tail = tokens[-1]
        if _HALF_YEAR_OLD.match(_text_after(doc, tail, 24)):
            old = next((t.i for t in doc[tail.i + 1 : tail.i + 12] if t.lower_ == "old"), None)
            last = old + 1 if old is not None else last  # "2-and-a-half-year-old"
        return _make(
            doc,
            tokens[0].i,
            last,
            "age",
            None,
            entities,
            low=value,
            high=value,
            unit="years",
            subject=person,
        )
    if label in {"DATE", "TIME"} and any(t.lower_ in _CALENDAR_WORDS for t in tokens):
        return None
    if label == "DATE" and len(tokens) == 1 and _YEAR_RE.match(tokens[0].text):
        return None
    if _is_copyright_year(tokens) or _is_decade(tokens) or is_year_modifier(tokens[0]):
        return None
    if (
        _is_name_part(tokens[0])
        or _is_address(tokens)
        or _is_phone_number(tokens)
        or _is_record(tokens)
        or _is_counter(tokens)
        or _is_service_number(tokens)
        or _is_short_code(tokens)
        or _is_channel(tokens)
        or _is_station_brand(tokens)
        or _is_race_event(tokens)
        or _is_idiom(tokens)
        or _is_height(tokens)
        or _is_model_year(tokens)
        or _is_scores_noun(tokens)
        or _is_military_time(tokens)
        or _is_oclock(tokens)
        or _is_clock_at(tokens)
        or _is_hours_after_day(tokens)
        or _is_numbered_id(tokens)
        or _is_clipped_year(tokens)
        or _is_zip_code(tokens)
        or _is_mile_road(tokens)
        or _is_bare_year(tokens)
        or _is_one_of_a_kind(tokens)
        or _is_road(tokens)
    ):
        return None

    start, _ = _widen_left(doc, tokens[0].i)
    end = _range_end(doc, start, tokens[-1].i + 1)
    q = parse_quantity(doc[start:end].text)
    if q is None:
        return None
    if q.dimension == "duration":
        end = _duration_tail(doc, end)
        q = parse_quantity(doc[start:end].text) or q
    elif label in {"DATE", "TIME"} and not _count_typed_as_date(tokens):
        return None  # a date-like entity that is not a duration belongs to dates.py
    span = doc[tokens[0].i : end]
    root = span.root
    if q.unit == "GBP" and "£" not in span.text and _body_weight(span):
        q = replace(q, dimension="count", unit="pound")  # "weighing 350 pounds"
    counted: Token | None = None
    anchor: Token = root
    kind = {"duration": "duration", "money": "money", "percent": "percent"}.get(
        q.dimension, "count"
    )
    if kind == "duration":
        unit_tok = next((t for t in reversed(span) if duration_unit(t.text)), root)
        counted = unit_tok
        head = root.head
        if (
            root.dep_ in {"compound", "amod", "nummod", "npadvmod"}
            and head.i >= end
            and head.pos_ == "NOUN"
        ):
            # "a two-hour discussion": the modified noun is the (nominal) predicate
            fig = _make(doc, start, head.i + 1, kind, q, entities, counted=counted)
            return _with_predicate(fig, head)
    elif kind == "count":
        last_num = max((t.i for t in span if _is_numeric(t)), default=span[-1].i)
        measure = _measure_noun(doc, last_num)
        if measure is not None:
            # "a 16-inch laptop", "a 300-page report": a property of the noun, not a count
            head = measure.head
            fig = _make(
                doc,
                start,
                head.i + 1,
                "other",
                q,
                entities,
                counted=measure,
                unit=measure.lemma_.lower(),
            )
            return _with_predicate(fig, head)
        if (
            root.dep_ in {"nummod", "quantmod", "compound", "amod"}
            and root.head.i >= end
            and root.head.pos_ in {"NOUN", "PROPN"}
        ):
            counted = root.head
            if counted.pos_ == "PROPN" and counted.ent_type_ == "PERSON":
                return None  # "Around 11 Elm police Chief Pat Lane responded": no count of Lane
        else:
            of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if pobj is not None and pobj.pos_ in {"NOUN", "PROPN"}:
                if q.value == 1 and any(c.dep_ in {"det", "poss"} for c in pobj.children):
                    return None  # "one of the organisers": a member, not a count
                counted = pobj
            elif pobj is not None and pobj.lower_ in _PARTITIVE_PRONOUNS:
                # "about 150 of them": the pronoun's antecedent is what is counted
                end = max(end, pobj.i + 1)
                counted = _antecedent(pobj, _governing_verb(root), start)
        if counted is not None:
            end = max(end, counted.i + 1)
            anchor = counted if counted.i >= root.i else root
            if counted.head.i == root.i:
                anchor = root
        elif q.value == 1 and not any(t.lower_ in VAGUE_WORDS for t in span):
            return None  # "one of which": a pronoun, not a figure
        elif q.value is not None and root.dep_ not in {
            "nsubj",
            "nsubjpass",
            "dobj",
            "pobj",
            "attr",
            "conj",
            "appos",
        }:
            return None
    fig = _make(
        doc,
        start,
        end,
        kind,
        q,
        entities,
        counted=counted,
        anchor=anchor,
        unit=_count_unit(counted) if kind == "count" else None,
    )
    if kind == "count" and counted is None and root.dep_ in {"nsubj", "nsubjpass"}:
        fig = _replace(fig, unit="people")
    if kind == "count" and counted is not None and counted.lower_ == "dead":
        # a headline's "1 Dead, 4 Injured In ...": title case makes "Dead" the counted noun
        fig = _replace(fig, unit="people", predicate="kill", counted="people")
    if kind == "duration" and end < len(doc) and doc[end].lower_ in _OFFSET_WORDS:
        fig = _replace(fig, scope="offset")  # "nine days before the inauguration"
    elif fig.unit == "people" and counted is not None and _coordinated_people(counted):
        fig = _replace(fig, scope="part" if fig.scope is None else f"{fig.scope}|part")
    return fig


def _coordinated_people(noun: Token) -> bool:
    """ "two women and one man died": a people count coordinated with another people noun
    is a part of the total, not the total."""
    others = [c for c in noun.children if c.dep_ == "conj"]
    if noun.dep_ == "conj":
        others.append(noun.head)
    return any(o.pos_ in {"NOUN", "PROPN"} and _count_unit(o) == "people" for o in others)


#: Counted nouns that name the same thing (docs/figures.md, "Measures by meaning"): a
#: small lexicon of near-synonyms, so that "about 40 vessels" and "more than 40 ships"
#: count one thing.
SAME_THING: dict[str, str] = {
    "vessel": "ship",
    "demonstrator": "protester",
    "protestor": "protester",
    "marcher": "protester",
    "automobile": "car",
    "residence": "home",
    "house": "home",
    "dwelling": "home",
    "kid": "child",
    "youngster": "child",
    "policeman": "officer",
    "policewoman": "officer",
    "cop": "officer",
    "fatality": "death",
}


def canonical_noun(lemma: str) -> str:
    """The lexicon's name for a counted noun ("vessel" → "ship"); the lemma otherwise."""
    return SAME_THING.get(lemma, lemma)


def _count_unit(counted: Token | None) -> str:
    if counted is None:
        return "count"
    lemma = canonical_noun(counted.lemma_.lower())
    if lemma in PEOPLE_NOUNS or counted.ent_type_ == "NORP" or lemma.endswith(("ist", "ian", "ee")):
        return "people"
    if lemma.endswith(PERSON_HEADS) or lemma.split("-")[-1] in PEOPLE_NOUNS:
        return "people"  # "dockworker", "fisherman", "shareholder", "anti-war activist"
    return lemma


def _replace(fig: Figure, **changes: object) -> Figure:
    from dataclasses import replace

    return replace(fig, **changes)  # type: ignore[arg-type]


def _with_predicate(fig: Figure, noun: Token) -> Figure:
    return _replace(fig, predicate=noun.lemma_.lower())


def _ordinal(doc: Doc, run: list[Token], entities: Sequence[LocalEntity]) -> Figure | None:
    tok = run[0]
    value = parse_ordinal_word(tok.text)
    head = tok.head
    if value is None or head.pos_ not in {"NOUN", "PROPN"} or head.lemma_.lower() == "time":
        return None
    start, end = tok.i, max(tok.i, head.i) + 1
    fig = _make(
        doc,
        start,
        end,
        "ordinal",
        None,
        entities,
        low=float(value),
        high=float(value),
        unit="ordinal",
        counted=head,
        anchor=head,
    )
    return fig


def _is_conversion(doc: Doc, fig: Figure) -> bool:
    """ "€110 billion ($143 billion)": money in parentheses right after an amount restates
    it in another currency; it is not a report of its own."""
    if fig.kind != "money":
        return False
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is None or span.start < 2 or doc[span.start - 1].text != "(":
        return False
    before = doc[span.start - 2]
    low = before.lower_
    return low in SCALES or low in CURRENCY_WORDS or bool(_DIGITS_RE.match(before.text))


def extract_figures(doc: Doc, entities: Sequence[LocalEntity] = ()) -> tuple[Figure, ...]:
    """Every comparable number in ``doc`` as a :class:`Figure`, in text order.

    ``entities`` (from the entity stage) let the subject of a figure's predicate be
    linked to its :class:`LocalEntity` (``subject_id``); without them it stays None.
    """
    counts, covered = people_counts(doc)
    figures: list[Figure] = []
    used: set[int] = set(covered)
    for run in _candidates(doc):
        label = run[0].ent_type_ if run[0].ent_iob_ != "O" else ""
        fig = _figure(doc, run, label, entities, used)
        if fig is None or _is_conversion(doc, fig):
            continue
        span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
        if span is not None:
            if any(t.i in used for t in span):
                continue
            used.update(range(span.start, span.end))
        figures.append(fig)
    return tuple(merge_people_counts(doc, counts, figures))


#: Public names for the people-count module (:mod:`corroborate.analyze.people`).
count_unit = _count_unit
is_time_of_day = _is_time_of_day


def is_age_number(tok: Token) -> bool:
    """Whether the bare number ``tok`` is read as an age ("Boy, 16, dies", "aged 21, 22,
    and 24"): the people counts leave it alone."""
    return _age([tok]) is not None


widen_left = _widen_left


#: A people count dated this many days or more before its article was published reports an
#: earlier event ("On May 2, a porter was fatally shot" in a December report). Two weeks:
#: GVC reports of one incident are published within days of it (calibrated on the harness
#: sample; a trial report dated months later still counts its killing as an earlier event).
EARLIER_EVENT_DAYS = 14


def _period_end(start: dt.date, precision: str) -> dt.date:
    """The last day of the period that begins on ``start``."""
    if precision == "year":
        return dt.date(start.year, 12, 31)
    if precision == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if precision == "week":
        return start + dt.timedelta(days=6)
    return start


def _month_named(expression: str) -> bool:
    """ "July", "in Sept.": a month by name (its year taken from the publication date),
    not "last month"."""
    words = [w.strip(".,").lower() for w in expression.split()]
    return any(w in _MONTHS for w in words) and not {"last", "this", "past", "next"} & set(words)


def _ended_before(date: DateRef, published: dt.date) -> bool:
    """Whether ``date`` ended at least :data:`EARLIER_EVENT_DAYS` before ``published``: a
    day ("On May 2"), or a month or year written out ("in February 2015", "in July", "the
    November 2013 shooting death of"). Relative months and years ("last month") are not
    used: a follow-up report dates the story's own event that way."""
    if date.date is None or date.precision is None:
        return False
    if date.precision != "day" and date.relative and not _month_named(date.expression):
        return False
    end = _period_end(dt.date.fromisoformat(date.date), date.precision)
    return (published - end).days >= EARLIER_EVENT_DAYS


def date_frames(
    doc: Doc, found: Sequence[Figure], dates: Sequence[DateRef], published: str | None
) -> tuple[Figure, ...]:
    """``found`` with scope "before" on people counts (and the parts of a total) whose verb
    carries a date that ended at least :data:`EARLIER_EVENT_DAYS` before ``published``
    (:func:`_ended_before`; None: nothing changes), or whose clause carries no date under a
    clause that carries only such dates (:func:`_in_dated_clause`). Dates of birth date
    nothing."""
    if not published or not dates:
        return tuple(found)
    try:
        anchor = dt.date.fromisoformat(published[:10])
    except ValueError:
        return tuple(found)
    text = doc_text(doc)
    early = [d for d in dates if _ended_before(d, anchor) and not _BORN.search(text[: d.start])]
    if not early:
        return tuple(found)
    out: list[Figure] = []
    for f in found:
        if f.unit == "people" and f.scope in (None, "part") and f.field == "text":
            span = doc.char_span(f.start, f.end, alignment_mode="expand")
            root = span.root if span is not None else None
            verb = root if root is not None and root.pos_ == "VERB" else None
            verb = verb or (_governing_verb(root) if root is not None else None)
            while verb is not None and _shares_subject(verb):
                verb = verb.head  # its dates are the coordinated verb's
            if verb is not None:
                lo = _extent(verb)[0]
                # a date inside the clause, or right before it ("the Sept. 16, 2010, shooting
                # death of", where "shooting" parses as the verb)
                opening = verb.sent.start_char
                own = _dates_in(verb, dates)
                if (
                    any(d in early for d in own)
                    or any(d.start >= opening and 0 <= lo - d.end <= 2 for d in early)
                    or (not own and _in_dated_clause(verb, dates, early))
                ):
                    f = _replace(f, scope="before")
        out.append(f)
    return tuple(out)


#: A date of birth ("born in 1941", "born on May 2, 1990") dates a person, not an event.
_BORN = re.compile(r"\bborn(?:\s+(?:in|on))?\s*$", re.IGNORECASE)


def _extent(tok: Token) -> tuple[int, int]:
    """Character offsets of ``tok``'s subtree."""
    sub = list(tok.subtree)
    return min(t.idx for t in sub), max(t.idx + len(t) for t in sub)


def _dates_in(tok: Token, dates: Sequence[DateRef]) -> list[DateRef]:
    """The dates inside ``tok``'s subtree."""
    lo, hi = _extent(tok)
    return [d for d in dates if lo <= d.start and d.end <= hi]


#: Modifiers whose dates are their own: "named the victim as Ivo Lenz, freed from prison in
#: 2014, and said he was shot twice" (the release is dated, not the shooting).
_OWN_TIME = frozenset({"relcl", "acl", "appos"})


def _own_dates(tok: Token, dates: Sequence[DateRef]) -> list[DateRef]:
    """The dates of ``tok``'s clause, less those inside a relative clause, a participle or
    an apposition under it."""
    inner = [_extent(t) for t in tok.subtree if t.dep_ in _OWN_TIME and t is not tok]
    return [
        d for d in _dates_in(tok, dates) if not any(a <= d.start and d.end <= b for a, b in inner)
    ]


#: Links by which a clause without a date of its own takes the time of the clause above
#: it: "arrested in August 2014 after police said he shot and injured six". Not a relative
#: clause's event noun: "the 2013 attack that killed a guard" is, in a report of its trial
#: years later, the story's own event (the one GVC dev count this lost when tried).
_DATED_BY_HEAD = frozenset({"conj", "xcomp", "ccomp", "advcl"})
#: Subordinators of a clause whose event can follow the dated one ("before he shot ...").
_LATER_MARKERS = frozenset({"before", "until", "till", "unless", "if", "once", "so"})


def _in_dated_clause(verb: Token, dates: Sequence[DateRef], early: Sequence[DateRef]) -> bool:
    """Whether the nearest clause above ``verb`` (through coordination, complements and
    adverbial clauses) that carries a date carries only dates that ended before the
    article (:func:`date_frames`)."""
    node = verb
    while node.dep_ in _DATED_BY_HEAD and node.head.i != node.i:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _LATER_MARKERS for c in node.children
        ):
            return False
        node = node.head
        found = _own_dates(node, dates)
        if found:
            return all(d in early for d in found)
    return False
