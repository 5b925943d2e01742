"""Sports results among numbers: records ("9-14"), scores, counters and race events. They
are results of games, not counts of an event (docs/figures.md, "Off the board").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from corroborate.analyze.number_tokens import MEASURE_UNITS, hyphen_word
from corroborate.analyze.numbers import duration_unit, parse_quantity

#: Nouns after "N-M" that make it a result or a tally, not a range ("a 3-1 loss"). The
#: last two lines came from a reading of ECB+ dev's board (2026-12-05): sports and jury
#: pages ("a 9-14 start", "a 162-139 mark", "their 9-3 deadlock").
RESULT_NOUNS = frozenset(
    {"win", "loss", "victory", "defeat", "record", "lead", "score", "vote", "tie", "draw"}
    | {"start", "mark", "finish", "deadlock", "decision", "verdict", "ruling", "majority"}
    | {"split", "margin", "setback", "rout", "drubbing", "thumping", "blowout", "upset"}
)


#: Nouns of a run of results ("an 11-game losing streak", "extend the unbeaten run to 15").
_STREAKS = frozenset({"streak", "streaks"})
#: Words that make a "run" a run of results.
_RUN_KINDS = frozenset({"unbeaten", "winning", "losing", "winless", "undefeated", "scoring"})


def is_streak(tokens: list[Token]) -> bool:
    """A run of results, a standing like a record ("a five-game point streak", "extend their
    unbeaten streak to 15", "an unbeaten run to 11"; a reading of web pages' board,
    2026-12-05, where sports pages' streaks had been counts)."""
    doc = tokens[0].doc
    head = tokens[-1]
    for _ in range(3):  # "five" -> "game" -> "streak"
        if head.lower_ in _STREAKS:
            return True
        if head.head.i == head.i or head.head.i < tokens[0].i:
            break
        head = head.head
    k = tokens[0].i
    if k < 2 or doc[k - 1].lower_ != "to":
        return False
    noun = doc[k - 2]
    if noun.lower_ in _STREAKS:
        return True
    return noun.lower_ == "run" and k >= 3 and doc[k - 3].lower_ in _RUN_KINDS


def is_record(tokens: list[Token]) -> bool:
    """A sports record, score or vote tally written "N-M" ("fell to 9-14", "a 3-1 loss",
    "a 5-4 vote"): glued integers with nothing counted after them, or a result noun, or
    a first number not below the second ("an 88-72 setback", "a 7-0 run", "the 12-3
    Broncos", "tied 13-13", "the 1982-83 season": a range runs up), or one singular noun
    that is no unit ("a 9-14 start": a range counts a plural). A range of something ("2-3
    years", "20-30 shots", "a 2-3 year sentence") is kept."""
    doc = tokens[0].doc
    first = tokens[0]
    k = first.i
    if _knockouts_after_record(tokens):
        return True
    if k >= 2 and _glued_pair(doc, k - 2):
        k -= 2  # the NER took only the second number ("a 12-0 run": "0 run")
        first = doc[k]
    elif not _glued_pair(doc, k):
        return False
    nxt = doc[k + 3] if k + 3 < len(doc) else None
    if nxt is None or nxt.lower_ in RESULT_NOUNS or nxt.lemma_.lower() in RESULT_NOUNS:
        return True
    if int(first.text) >= int(doc[k + 2].text):
        return True
    if nxt.tag_ == "NN" and nxt.dep_ != "compound" and not _is_unit(doc[k + 2], nxt):
        return True
    return nxt.pos_ not in {"NOUN", "PROPN"} and duration_unit(nxt.text) is None


#: A fighter's knockouts, given beside the record.
_KNOCKOUTS = frozenset({"ko", "kos", "knockout", "knockouts"})


def _knockouts_after_record(tokens: list[Token]) -> bool:
    """ "(38-2, 27 KOs)": a fighter's knockouts, given with the record, are part of it (a
    reading of ECB+ dev's board, 2026-12-05)."""
    doc, last = tokens[0].doc, tokens[-1].i
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    unit = tokens[-1] if tokens[-1].lower_ in _KNOCKOUTS else nxt
    if unit is None or unit.lower_ not in _KNOCKOUTS:
        return False
    start = tokens[0].i
    return any(_glued_pair(doc, j) for j in range(max(0, start - 8), start - 2))


def _glued_pair(doc: Doc, k: int) -> bool:
    """Whether tokens ``k`` to ``k + 2`` are two integers glued by a dash ("9-14")."""
    second = hyphen_word(doc[k]) if k < len(doc) else None
    # isdecimal: "²" is a digit but no integer
    return second is not None and doc[k].text.isdecimal() and second.text.isdecimal()


def _is_unit(number: Token, noun: Token) -> bool:
    """Whether ``noun`` after ``number`` is a unit of measure ("15-20 percent", "2-3 mile")."""
    found = parse_quantity(f"{number.text} {noun.lower_}")
    return (
        noun.lower_ in MEASURE_UNITS
        or duration_unit(noun.text) is not None
        or (found is not None and found.dimension != "count")
    )


def is_rating_scale(tokens: list[Token]) -> bool:
    """The M of "N out of M" with nothing counted after it: a rating's or a share's scale
    ("Score 4.5 out of 5", "we rate it 8 out of 10"; a reading of web pages' board,
    2026-12-05). "3 out of 400 residents" counts the residents and stays."""
    doc = tokens[0].doc
    k, last = tokens[0].i, tokens[-1].i
    if k < 3 or [t.lower_ for t in doc[k - 2 : k]] != ["out", "of"] or not doc[k - 3].like_num:
        return False
    after = doc[last + 1] if last + 1 < len(doc) else None
    return after is None or after.pos_ not in {"NOUN", "PROPN", "ADJ"}


def is_counter(tokens: list[Token]) -> bool:
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


#: Words of a track or swimming meet: a number after "the" in such a sentence names an
#: event ("holds the state record in the 100"), not a count.
_MEET_WORDS = frozenset({"record", "relay", "meet", "hurdles", "dash", "freestyle", "meters"})


def is_race_event(tokens: list[Token]) -> bool:
    """ "set the record in the 400" in a sentence about a meet: a race's name, not a count."""
    doc = tokens[0].doc
    k = tokens[0].i
    if len(tokens) != 1 or not tokens[0].text.isdigit() or k == 0 or doc[k - 1].lower_ != "the":
        return False
    nxt = doc[k + 1] if k + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ in {"NNS", "NNPS"}:
        return False  # "the 200 runners": a count; "the 200 set in 1998" (parsed a noun): not
    return any(t.lower_ in _MEET_WORDS and t.pos_ == "NOUN" for t in tokens[0].sent)


def is_scores_noun(tokens: list[Token]) -> bool:
    """ "here for more scores", "box scores": the results of games. "Scores" is a quantity
    (40–99) only with what it counts: "scores of people"."""
    doc, k = tokens[0].doc, tokens[-1].i
    return (
        len(tokens) == 1
        and tokens[0].lower_ == "scores"
        and not (k + 1 < len(doc) and doc[k + 1].lower_ == "of")
    )
