"""Numbers that locate, not count: house numbers and blocks, roads and exits, zip codes,
numbered ids ("#412"). Rules and the data they were read on: docs/figures.md.
"""

from __future__ import annotations

from spacy.tokens import Token

from corroborate.analyze.dates import MONTHS, WEEKDAYS
from corroborate.analyze.number_tokens import DIGITS_RE, YEAR_RE, counts_next
from corroborate.analyze.numbers import parse_quantity

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
#: Compass abbreviations after a house number ("330 W. First South").
_COMPASS_ABBREVIATIONS = frozenset({"N", "S", "E", "W", "NE", "NW", "SE", "SW"})


def is_address(tokens: list[Token]) -> bool:
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
        return DIGITS_RE.match(tokens[0].text) is not None
    first = tokens[0]
    # a hyphenated house number, glued ("41-07 Hale Blvd."): its street word decides
    paired = _house_number_pair(first)
    word_number = first.like_num and first.text[:1].isupper() and not first.is_sent_start
    if (
        not (DIGITS_RE.match(first.text) or word_number)
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
    in_the = (  # "outside the house in the 4512 Silent Creek, Sunday": not a year
        first.i >= 2
        and [t.lower_ for t in doc[first.i - 2 : first.i]] == ["in", "the"]
        and not short
        and not YEAR_RE.match(first.text)
    )
    if doc[first.i - 1].lower_ not in _ADDRESS_PREPOSITIONS and not in_the:
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
        or after.pos_ in {"ADP", "ADV", "CCONJ", "SCONJ"}  # "to 3447 Hale and found"
        or after.tag_ == "VBG"  # "arrived at 4268 Boyce concerning a report"
    )


#: Words a unit of an address is numbered after ("Apt. 6", "Suite 200", "Room 214").
_UNIT_WORDS = frozenset({"apt", "apartment", "unit", "suite", "ste", "room", "rm", "lot"})


def is_numbered_id(tokens: list[Token]) -> bool:
    """ "apartment #412", "He was #12", "Detective Cole, #4417", "case #17-79807", "call 911
    or *55": a number glued after "#" or "*" (or after "#N-") names a thing or a short
    code, and so does one after a unit word ("Apt. 6", "Suite 200"); it counts nothing."""
    doc, k = tokens[0].doc, tokens[0].i
    if k >= 1 and doc[k - 1].text in {"#", "*"} and not doc[k - 1].whitespace_:
        return True  # "*55": a phone short code
    before = [t.lower_ for t in doc[max(0, k - 2) : k] if t.text != "."]  # "Apt. 6", "Apt 6"
    if (
        before
        and before[-1].rstrip(".") in _UNIT_WORDS
        and tokens[0].text.isdigit()
        and not counts_next(tokens[-1])  # "the apartment 3 residents fled" counts
    ):
        return True  # "45 Elm Street, Apt. 6": the unit of an address
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


def is_road(tokens: list[Token]) -> bool:
    """ "situated at routes 512 and 22", "the entrance ramp of 288", "off Exit 12": numbers
    listed after a word of a road, or after "ramp of", name roads; they count nothing."""
    doc = tokens[0].doc
    if not tokens[0].like_num or counts_next(tokens[-1]):
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


def is_zip_code(tokens: list[Token]) -> bool:
    """ "in the 38108 zip code": a number before "zip (code)" is a postal code."""
    doc, end = tokens[0].doc, tokens[-1].i + 1
    return any(t.lower_ in {"zip", "zipcode"} for t in [*tokens[1:], *doc[end : end + 1]])


def is_mile_road(tokens: list[Token]) -> bool:
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
