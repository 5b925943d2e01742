"""Numbers that are no board figure, whatever the parser typed them as: every test of
addresses, phones, records, years and times of day in one call, with the few that fit none
of those (heights, idioms, list markers, numbers in names).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from corroborate.analyze.addresses import (
    is_address,
    is_mile_road,
    is_numbered_id,
    is_road,
    is_zip_code,
)
from corroborate.analyze.clock import is_clock_at, is_hours_after_day, is_military_time, is_oclock
from corroborate.analyze.number_tokens import (
    FIGURE_LABELS,
    NAME_LABELS,
    child_of,
    hyphen_word,
    is_numeric,
)
from corroborate.analyze.numbers import parse_quantity
from corroborate.analyze.people import is_person_noun, is_year_modifier
from corroborate.analyze.phones import (
    is_channel,
    is_phone_number,
    is_service_number,
    is_short_code,
    is_station_brand,
    is_zero_led_code,
)
from corroborate.analyze.records import (
    is_counter,
    is_race_event,
    is_rating_scale,
    is_record,
    is_scores_noun,
    is_streak,
)
from corroborate.analyze.years import (
    is_bare_year,
    is_clipped_year,
    is_copyright_year,
    is_decade,
    is_model_year,
    is_year_in_context,
)


def is_list_marker(tok: Token) -> bool:
    """ "1." or "2)" at the start of a line: a list's marker, not a count."""
    doc = tok.doc
    line_start = tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ + doc[tok.i - 1].text
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return line_start and nxt is not None and nxt.text in {".", ")"}


def _number_list(tokens: list[Token], item: Callable[[Token], bool]) -> tuple[int, int]:
    """The first and last token of the comma-separated list of numbers ``tokens`` stand
    in ("(27, 28, 29)", "[1, 2, 3]"); ``item`` tells a number of the list."""
    doc = tokens[0].doc
    k, last = tokens[0].i, tokens[-1].i
    while k >= 2 and doc[k - 1].text == "," and item(doc[k - 2]):
        k -= 2
    while last + 2 < len(doc) and doc[last + 1].text == "," and item(doc[last + 2]):
        last += 2
    return k, last


def is_reference_marker(tokens: list[Token]) -> bool:
    """ "... reduced hunger (17)." or "(27, 28, 29).": bare integers alone in brackets at
    the end of a clause cite a source; a word number before the bracket ("two (2) counts")
    makes it a restatement, and a word after it ("the victims (3) were") a count. From a
    reading of the scrapinghub pages' board (2026-12-05): a health article's 40 citations
    had been counts."""
    doc = tokens[0].doc
    if not all(t.text.isdecimal() for t in tokens):
        return False
    k, last = _number_list(tokens, lambda t: t.text.isdecimal())
    if k == 0 or doc[k - 1].text != "(" or last + 1 >= len(doc) or doc[last + 1].text != ")":
        return False
    if k >= 2 and doc[k - 2].like_num:
        return False
    after = doc[last + 2] if last + 2 < len(doc) else None
    return after is None or after.is_punct or after.is_space


def is_code_value(tokens: list[Token]) -> bool:
    """A value in data or code printed on the page: a JSON field (`"Age": 26`) or an item
    of a bracketed list of numbers (`[1, 2, 3]`); a reading of web pages, 2026-12-05."""
    doc = tokens[0].doc
    k = tokens[0].i
    if k >= 2 and doc[k - 1].text == ":" and doc[k - 2].text in {'"', "”"}:
        return True
    k, last = _number_list(tokens, lambda t: t.like_num)
    return (
        k >= 1
        and doc[k - 1].text.endswith("[")
        and last + 1 < len(doc)
        and doc[last + 1].text.startswith("]")
    )


#: Words after which a number is a grade or class ("type 2 diabetes", "stage 4 cancer").
_CLASS_WORDS = frozenset({"type", "stage", "grade", "category", "level", "phase", "tier"})
#: Eras after which a number is a year ("860 BC"; capitals only: "5 ad campaigns" counts).
_ERAS = frozenset({"BC", "B.C.", "BCE", "B.C.E.", "AD", "A.D.", "CE"})


def is_class_or_era(tokens: list[Token]) -> bool:
    """ "type 2 diabetes", "stage 4 cancer", "the broader type 2 immune response": a number
    after a word of grading names a class; "(860 BC – 590 BC)" are years. Neither counts
    anything (a reading of the scrapinghub pages' board, 2026-12-05)."""
    doc = tokens[0].doc
    k, last = tokens[0].i, tokens[-1].i
    if len(tokens) != 1 or not tokens[0].text.isdecimal():
        return False
    if k >= 1 and doc[k - 1].lower_ in _CLASS_WORDS:
        return True
    return last + 1 < len(doc) and doc[last + 1].text in _ERAS


#: Nouns a "4K" or "8K" names the resolution of (a reading of web pages, 2026-12-05).
_SCREEN_NOUNS = frozenset(
    {"tv", "tvs", "television", "televisions", "resolution", "display", "displays", "screen"}
    | {"screens", "video", "videos", "streaming", "monitor", "monitors", "camera", "cameras"}
    | {"hdr", "uhd", "content", "footage", "projector", "projectors", "gaming"}
)


def _resolution(letter: Token) -> bool:
    """The "K" of "8K TVs": a screen resolution's name, not thousands."""
    doc = letter.doc
    nxt = doc[letter.i + 1] if letter.i + 1 < len(doc) else None
    return letter.text == "K" and nxt is not None and nxt.lower_ in _SCREEN_NOUNS


def is_name_part(tok: Token) -> bool:
    """'Route 6', 'Apollo 11', 'COVID-19': a number glued to a proper name; one glued to a
    capital letter ("3G", a reading of MEANTIME's board, 2026-12-05)."""
    if tok.ent_type_ in NAME_LABELS:
        return True
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if (
        after is not None
        and not tok.whitespace_
        and tok.text.isdigit()
        and len(after.text) == 1
        and after.text.isupper()
        and (after.text not in {"K", "M", "B"} or _resolution(after))  # "5K": a scale
        and (tok.i == 0 or doc[tok.i - 1].text not in {"$", "£", "€"})
    ):
        return True  # "a 3G iPhone", "8K TVs": a name of a kind (not "$5K", a sum)
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
        return word.is_alpha and not word.whitespace_ and not is_numeric(word)
    return (
        prev.tag_ == "NNP"
        and prev.whitespace_ != ""  # "Route 6"; glued tokens ("COVID-19") are handled above
        and prev.ent_type_ not in FIGURE_LABELS
        and tok.head.i == prev.i
        and tok.dep_ in {"nummod", "appos", "npadvmod", "compound"}
    )


def is_one_of_a_kind(tokens: list[Token]) -> bool:
    """ "This is one evil person", "He is one tough man": "one" before the complement of
    "be" whose subject is a pronoun describes someone; it counts no one ("The victims were
    3 men" counts)."""
    one = tokens[0]
    noun = one.head
    if len(tokens) != 1 or one.lower_ != "one" or one.dep_ != "nummod" or noun.dep_ != "attr":
        return False
    subject = child_of(noun.head, "nsubj")
    return (
        noun.head.lemma_.lower() == "be"
        and subject is not None
        and subject.lower_ in {"this", "that", "he", "she"}  # not a cleft: "it was one man who"
    )


def is_height(tokens: list[Token]) -> bool:
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


#: Words before a model number ("the 727", "its first 919 Skyliner").
_MODEL_DETERMINERS = frozenset({"the", "a", "its", "their", "first", "final", "last", "new"})


def is_model_number(tokens: list[Token]) -> bool:
    """ "The 727 had suffered from weak sales", "rolls out first 919 Skyliner", "the final
    414 jet": a product's model number, not a count (a reading of MEANTIME's board,
    2026-12-05). Three or more digits, not a round number ("the 300 were evacuated"
    counts), after a determiner or "first"/"final", before a verb or one singular noun
    that is no unit."""
    if len(tokens) != 1 or not tokens[0].text.isdecimal() or len(tokens[0].text) < 3:
        return False
    num = tokens[0]
    doc, k = num.doc, num.i
    if int(num.text) % 10 == 0 or k == 0 or doc[k - 1].lower_ not in _MODEL_DETERMINERS:
        return False
    after = doc[k + 1] if k + 1 < len(doc) else None
    if after is None or after.pos_ in {"VERB", "AUX"}:
        return True
    unit = parse_quantity(f"{num.text} {after.lower_}")
    return after.tag_ in {"NN", "NNP"} and (unit is None or unit.dimension == "count")


#: Words of a build that make a glued "N-pound" a person's weight.
_BUILD_CUES = frozenset({"foot", "feet", "tall", "inches", "height", "build", "weighs", "weighing"})


_POUNDS = frozenset({"pound", "pounds", "lb", "lbs"})
#: A height written with primes ("5’10", "6'2\"").
_FEET_INCHES = re.compile(r"\d['’]\d{0,2}[\"”]?")
#: Words that give a person's height ("6 feet tall", "5-foot-10", "standing 6'2").
_HEIGHT_CUES = (_BUILD_CUES - {"weighs", "weighing"}) | {"standing", "stands"}


def _height_cue(tok: Token) -> bool:
    return (
        tok.lower_.split("-")[0] in _HEIGHT_CUES
        or tok.text in {"'", "’", '"', "”"}
        or _FEET_INCHES.fullmatch(tok.text) is not None
    )


def is_body_weight(tokens: list[Token]) -> bool:
    """ "the 6-foot-8, 225-pound forward", "a 180-pound white male": a person's weight, a
    description like a height, neither money nor a count of people (a reading of ECB+
    dev's board, 2026-12-05). The weight of a thing ("a 500-pound bomb") stays a measure."""
    num = next((t for t in tokens if t.like_num), None)
    if num is None:
        return False
    doc, k = num.doc, num.i
    unit = hyphen_word(num)
    last = max(t.i for t in tokens if t.like_num)  # the last number of "110 to 130 pounds"
    if unit is None and last + 1 < len(doc) and doc[last + 1].lower_ in _POUNDS:
        # "5-foot-10, 210 pounds", "stands 5'3\" and weighs about 183 pounds": a weight
        # given with a height describes a person (a reading of web pages, 2026-12-05);
        # "20 pounds of marijuana" weighs a thing
        if last + 2 < len(doc) and doc[last + 2].lower_ == "of":
            return False
        return any(_height_cue(t) for t in tokens[0].sent)
    if unit is None or unit.lower_ not in {"pound", "lb"}:
        return False
    if any(t.lower_.split("-")[0] in _BUILD_CUES for t in tokens[0].sent):
        return True
    noun = next((t for t in doc[k + 3 : k + 6] if t.pos_ not in {"ADJ", "PUNCT"}), None)
    return noun is not None and is_person_noun(noun)


#: Parents whose "of N" / "to N" is how many children they have ("a mother of four").
_PARENT_NOUNS = frozenset(
    {"mother", "father", "parent", "mom", "mum", "dad", "grandmother", "grandfather"}
)


def is_family_size(tokens: list[Token]) -> bool:
    """ "a mother of four", "father to two boys", "a father of two children": how many
    children a person has, a fact about that person (their card), not a count of the
    event the sentence reports (a reading of ECB+ dev's board, 2026-12-05, where "father to
    two boys died" had been two dead)."""
    num = next((t for t in tokens if t.like_num), None)
    if num is None:
        return False
    noun = num.head if num.dep_ in {"nummod", "quantmod"} else num
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"of", "to"} or prep.i == 0:
        return False
    if any(c.dep_ in {"acl", "relcl"} for c in noun.children):
        return False  # "the mother of three children killed in the fire": the victims
    # the parser may hang the phrase on a noun coordinated before the parent ("the
    # newlywed and father to two boys"): the word before the preposition says it
    before = prep.doc[prep.i - 1]
    return any(
        t.tag_ in {"NN", "NNP"} and t.lemma_.lower() in _PARENT_NOUNS for t in (prep.head, before)
    )  # one parent: "the parents of these 400 partygoers" counts the partygoers


def _one_day_as_some_day(one: Token) -> bool:
    """ "one day you boys will forgive me", "One day he hopes to return": "one day" before
    the subject of the clause it modifies means some day; "he spent one day in jail" and
    "one day later" keep their length."""
    doc, k = one.doc, one.i
    if one.lower_ != "one" or k + 1 >= len(doc) or doc[k + 1].lower_ != "day":
        return False
    day = doc[k + 1]
    if day.dep_ != "npadvmod" or day.head.pos_ not in {"VERB", "AUX"}:
        return False
    subject = child_of(day.head, "nsubj") or child_of(day.head, "nsubjpass")
    if subject is None:
        return False
    opens = day.i + 2 if day.i + 1 < len(doc) and doc[day.i + 1].text == "," else day.i + 1
    return subject.left_edge.i == opens  # the clause starts right after: not "one day after"


def is_idiom(tokens: list[Token]) -> bool:
    """ "at one point", "at one time", "one day you will": "one" that counts nothing;
    "available 24/7"; "a zero-day vulnerability"."""
    doc = tokens[0].doc
    k = tokens[0].i
    if tokens[0].text in {"24/7", "24-7"}:
        return True
    if tokens[0].lower_ == "zero" and [t.lower_ for t in doc[k + 1 : k + 3]] == ["-", "day"]:
        return True  # "a zero-day flaw": a term of software security, no duration
    if _one_day_as_some_day(tokens[0]):
        return True
    if len(tokens) != 1 or tokens[0].lower_ != "one" or k == 0 or k + 1 >= len(doc):
        return False
    return doc[k - 1].lower_ == "at" and doc[k + 1].lower_ in {"point", "time"}


#: Words before "half" that make it a half of a game ("left in the half").
_HALF_DETERMINERS = frozenset({"the", "first", "second", "each", "either"})


def is_game_half(tokens: list[Token]) -> bool:
    """ "with 4:43 left in the half", "outscored them the rest of the half": a half of a
    game is a period, not the number 0.5 ("half of the victims" stays a share; a reading
    of ECB+ dev's board, 2026-12-05)."""
    doc, k = tokens[0].doc, tokens[0].i
    if len(tokens) != 1 or tokens[0].lower_ != "half" or k == 0:
        return False
    nxt = doc[k + 1] if k + 1 < len(doc) else None
    return doc[k - 1].lower_ in _HALF_DETERMINERS and (nxt is None or nxt.lower_ != "of")


def is_off_board(tokens: list[Token]) -> bool:
    """Whether the number run ``tokens`` is a kind issue 11 keeps off the board: part of a
    name, an address, a phone or service number, a channel, a sports result, a height, a
    year, a time of day, or an idiom ("at one point")."""
    return (
        is_copyright_year(tokens)
        or is_decade(tokens)
        or is_year_modifier(tokens[0])
        or is_name_part(tokens[0])
        or is_address(tokens)
        or is_phone_number(tokens)
        or is_zero_led_code(tokens)
        or is_game_half(tokens)
        or is_record(tokens)
        or is_streak(tokens)
        or is_rating_scale(tokens)
        or is_counter(tokens)
        or is_service_number(tokens)
        or is_short_code(tokens)
        or is_channel(tokens)
        or is_station_brand(tokens)
        or is_race_event(tokens)
        or is_idiom(tokens)
        or is_height(tokens)
        or is_body_weight(tokens)
        or is_family_size(tokens)
        or is_model_number(tokens)
        or is_reference_marker(tokens)
        or is_class_or_era(tokens)
        or is_code_value(tokens)
        or is_model_year(tokens)
        or is_scores_noun(tokens)
        or is_military_time(tokens)
        or is_oclock(tokens)
        or is_clock_at(tokens)
        or is_hours_after_day(tokens)
        or is_numbered_id(tokens)
        or is_clipped_year(tokens)
        or is_zip_code(tokens)
        or is_mile_road(tokens)
        or is_bare_year(tokens)
        or is_year_in_context(tokens)
        or is_one_of_a_kind(tokens)
        or is_road(tokens)
    )
