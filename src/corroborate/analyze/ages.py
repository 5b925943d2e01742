"""Ages among numbers: "N-year-old", "<Name>, N,", "aged 21, 22 and 24", "died at 86".
An age belongs on its person's card, never on the board (docs/figures.md, "Off the board").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from corroborate.analyze.addresses import is_address
from corroborate.analyze.clock import AT_AGE_VERBS, AT_QUANTITY_VERBS
from corroborate.analyze.counted_nouns import PEOPLE_NOUNS
from corroborate.analyze.number_tokens import (
    DIGITS_RE,
    child_of,
    counts_next,
    is_numeric,
    text_after,
)
from corroborate.analyze.numbers import parse_quantity
from corroborate.analyze.off_board import is_height
from corroborate.analyze.people import INCIDENT_PEOPLE, ROLE_VERBS, is_person_noun, short_age

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
    if counts_next(num) and not num.text.isdigit():
        return False
    doc = num.doc
    k = num.i - 1
    while k >= 0 and (
        is_numeric(doc[k]) or doc[k].text in {",", "-", "–"} or doc[k].lower_ in _AGE_LIST_WORDS
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


def _ages_listed_of_people(num: Token) -> bool:
    """A list of two or more bare numbers after "be" whose subject is people ("the
    children, who were 16, 14, 9 and 10": "who" read as its noun): their ages. One number
    ("the victims were 5") or numbers with nouns ("were 3 men and 2 women") are left."""
    if num.dep_ in {"nummod", "prep"} or any(c.lower_ == "of" for c in num.children):
        return False
    top = num
    while top.dep_ == "conj" and is_numeric(top.head):
        top = top.head
    if top.dep_ != "attr" or top.head.lemma_.lower() != "be":
        return False
    listed = [top, *(t for t in top.subtree if t.dep_ == "conj" and is_numeric(t))]
    if len(listed) < 2 or any(counts_next(t) for t in listed):
        return False
    be = top.head
    subject = child_of(be, "nsubj")
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
    if not (DIGITS_RE.match(second.text) or second.like_num):
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
    while top.dep_ == "conj" and is_numeric(top.head):
        top = top.head
    be = top.head
    if top.dep_ != "attr" or be.lemma_.lower() != "be" or be.dep_ != "pcomp":
        return False
    if be.head.lower_ != "as" or be.head.head.lemma_.lower() not in _DESCRIPTION_VERBS:
        return False
    listed = [top, *(t for t in top.subtree if t.dep_ == "conj" and is_numeric(t))]
    if any(counts_next(t) for t in listed):
        return False
    verb = be.head.head
    person = verb.head if verb.dep_ in {"acl", "relcl"} else child_of(verb, "nsubjpass")
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
    candidates = [child_of(be, "nsubj")]
    verb = be
    for _ in range(3):  # "believed to be 11": whom the governing verbs are about
        if verb.dep_ not in {"xcomp", "aux", "ccomp"} or verb.head.i == verb.i:
            break
        verb = verb.head
        candidates += [child_of(verb, d) for d in ("nsubjpass", "dobj", "nsubj")]
        if verb.dep_ in {"relcl", "acl"}:
            candidates.append(verb.head)
    person = next((c for c in candidates if c is not None and _one_person(c)), None)
    if person is None:
        person = next((c for c in candidates if c is not None and _the_other_person(c)), None)
    if (
        person is not None
        and person.pos_ == "PROPN"
        and nxt is not None
        and not nxt.is_punct
        and not _dated(nxt)
    ):
        return None  # a name "was one of three suspects", "was 2 for 4": no age
    return person


def _dated(tok: Token) -> bool:
    """ "(will be 29) in April", "next month", "on Sunday": a date after the number, which
    makes "<Name> will be N" an age (a reading of ECB+ dev's board, 2026-12-05)."""
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.ent_type_ == "DATE" or (
        tok.lower_ in {"in", "on", "by"} and after is not None and after.ent_type_ == "DATE"
    )


def _the_other_person(tok: Token) -> bool:
    """ "one suspect is about 30 years old and the other believed to be about 25", "two
    gunmen, one who is 17 years old and the other believed to be 23": "the other" (or
    "one") as the subject of a clause coordinated with another, in a sentence that named
    people before it, stands for one of them."""
    if tok.lower_ not in {"other", "one"} or tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    if tok.head.dep_ != "conj":
        return False
    return any(t.i < tok.i and t.pos_ == "NOUN" and is_person_noun(t) for t in tok.sent)


def _age_of_people_counted(num: Token) -> bool:
    """ "five teens, two who were 18 years old and three who were 16": a bare number after
    "be" in a relative clause on a number ("three who were 16") is those people's age."""
    be = num.head
    if num.dep_ != "attr" or be.lemma_.lower() != "be" or be.dep_ != "relcl":
        return False
    if counts_next(num) or any(c.lower_ == "of" for c in num.children):
        return False  # "three who were 2 of the victims"
    subject = child_of(be, "nsubj")
    return subject is not None and subject.lower_ == "who" and is_numeric(be.head)


def _one_person(tok: Token) -> bool:
    """A singular person noun, pronoun or name, not a quantity of people ("the number of
    victims")."""
    if tok.lower_ in {"youngest", "oldest", "eldest"} and child_of(tok, "prep") is None:
        return True  # "Five were shot; the youngest was 17" (not "the oldest of the three")
    if tok.tag_ not in {"NN", "NNP", "PRP"} or child_of(tok, "prep") is not None:
        return False
    if tok.pos_ == "PRON":
        return tok.lower_ in {"he", "she", "him", "her"}  # not "it was 11"
    if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
        return True  # "Keller, who lived in Oakfield, was 26"
    return is_person_noun(tok)


def _of_a_place(of: Token) -> bool:
    """ "of Chattanooga" after "Name, 17": the person's home town (a proper noun)."""
    place = child_of(of, "pobj")
    return of.lower_ == "of" and place is not None and place.pos_ == "PROPN"


HALF_YEAR_OLD = re.compile(r"[- ]and[- ]a[- ]half[- ]years?[- ]old", re.IGNORECASE)


#: "N-<word>-old" whatever the word between (a typo of "year": "24-tear-old").
MISSPELT_YEAR_OLD = re.compile(r"-[a-z]{2,6}-olds?\b", re.IGNORECASE)


def age_of(tokens: list[Token]) -> tuple[float, Token | None] | None:
    """Ages: 'Navalny, 44', 'a 44-year-old man', '44 years old', 'aged 44'."""
    doc = tokens[0].doc
    num = tokens[0]
    if (not DIGITS_RE.match(num.text) and not num.like_num) or is_height(tokens):
        return None
    if is_address(tokens):
        return None  # "Ray Cole, age 31, of 45 Elm Street": a house number
    q = parse_quantity(num.text)
    if q is None or q.value is None or not 0 <= q.value <= 125 or q.value != int(q.value):
        return None
    if _after_ages(num) or _value_of_ages(num):
        return q.value, None  # "ages 14, 16, 17 and 18", "ages 0 to 17", "the ages ... are 17"
    if q.value == 0:
        return None
    if (
        _ages_listed_of_people(num)
        or _range_of_ages(num)
        or _described_as_being(num)
        or _age_of_people_counted(num)
    ):
        return q.value, None  # "the children, who were 16, 14 and 9"; "described as being 16"
    words = [t.lower_ for t in tokens]
    last = tokens[-1]
    after = doc[last.i + 1 : last.i + 4]
    if num.head.lemma_.lower() == "turn" and num.dep_ in {"dobj", "attr", "oprd", "npadvmod"}:
        return q.value, child_of(num.head, "nsubj")  # "who turned 29 on Sunday"
    person = _person_said_to_be(num) if len(tokens) == 1 else None
    if person is not None:
        return q.value, person  # "the boy was 11", "a boy he believed to be 11"
    following = [t.lower_ for t in after]
    if HALF_YEAR_OLD.match(text_after(doc, num, 24)):
        return q.value + 0.5, None  # "a 2-and-a-half-year-old"
    if len(tokens) == 1 and MISSPELT_YEAR_OLD.match(text_after(doc, num, 24)):
        return q.value, None  # "24-tear-old Dana Whitfield": "year" mistyped
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
        and not (nxt is not None and nxt.lower_ == "of" and not _of_a_place(nxt))
        and not (nxt is not None and nxt.text == "-" and not num.whitespace_)  # "43-1"
        and not (
            nxt is not None
            and nxt.text == ","
            and after_next is not None
            and is_numeric(after_next)
        )
        and not (num.i >= 2 and is_numeric(doc[num.i - 2]))  # "IE6, 7, 8, 9, 10"
        and not _counts_an_event(num)
        and not any(c.dep_ == "relcl" for c in num.children)  # "five teens, two who were"
    ):
        return q.value, num.head
    if len(tokens) == 1 and (
        _age_after_name(num)
        or _one_age_of_both(num)
        or _ages_after_people(num)
        or _age_in_parentheses(num)
        or _age_under(num)
        or _age_by_caption_position(num)
    ):
        return q.value, None
    if num.i >= 2 and doc[num.i - 1].lower_ == "than" and doc[num.i - 2].lower_ in _AGE_COMPARE:
        return q.value, None  # "a boy younger than 12"
    if (
        len(tokens) == 1
        and num.i >= 1
        and doc[num.i - 1].lower_ == "at"
        # a clock time goes on ("at 9 p.m.", "at 9 last night"); an age is done (also at
        # a line's end: "... dies at 91" as a page's first line, ECB+ dev 2026-12-05)
        and (
            nxt is None
            or nxt.is_punct
            or nxt.pos_ in {"ADP", "CCONJ", "SCONJ"}
            or (nxt.is_space and "\n" in nxt.text)
        )
    ):
        verb = doc[num.i - 1].head
        if verb.lemma_.lower() in AT_AGE_VERBS:
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
_AT_NO_AGE_VERBS = AT_QUANTITY_VERBS | _AT_MEASURE_VERBS


def _person_did_at(verb: Token) -> bool:
    """Whether ``verb`` (the head of "at N") is done by or to one person and is no verb of a
    quantity or a measure: the "N" after it is that person's age then. 13 and over only
    (an hour is 1 to 12: "he left at 9")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in {"VERB", "AUX"} or lemma in _AT_NO_AGE_VERBS:
        return False
    while verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        verb = verb.head  # "she married at 19 and moved", "was elected ... and retired at 62"
    subject = child_of(verb, "nsubj") or child_of(verb, "nsubjpass")
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
    if not num.text.isdigit() or counts_next(num):
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
    if len(listed) < 2 or any(counts_next(t) for t in listed):
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


#: Words of a photo caption's position note ("(left)", "(back center)", "(front row, second
#: from right)"): beside a number, the note says whose age it is.
_CAPTION_POSITIONS = frozenset(
    {"left", "right", "center", "centre", "middle", "top", "bottom", "front", "back", "rear"}
)
_CAPTION_POSITION_FILLERS = frozenset({"row", "second", "third", "from", "far", "upper", "lower"})


def _caption_position(words: list[Token]) -> bool:
    """Whether the words inside parentheses are a caption's position note."""
    lowered = [w.lower_ for w in words if w.text != ","]
    return (
        0 < len(lowered) <= 5
        and any(w in _CAPTION_POSITIONS for w in lowered)
        and all(w in _CAPTION_POSITIONS or w in _CAPTION_POSITION_FILLERS for w in lowered)
    )


def _age_by_caption_position(num: Token) -> bool:
    """ "<Name>, (right) 10, and <Name>, 9 (front center) <Surname> were killed": a photo
    caption's list of people, each with a position note; the whole number just after or
    just before the note is that person's age, whatever entity type the name got."""
    doc, k = num.doc, num.i
    if not num.text.isdigit() or not 0 < int(num.text) <= 120 or counts_next(num):
        return False
    if k >= 3 and doc[k - 1].text == ")":
        opening = next((t.i for t in reversed(doc[max(0, k - 8) : k - 1]) if t.text == "("), None)
        if opening is not None and _caption_position(list(doc[opening + 1 : k - 1])):
            return True  # "<Name>, (right) 10,"
    if k + 2 < len(doc) and doc[k + 1].text == "(" and k >= 1 and doc[k - 1].text == ",":
        closing = next((t.i for t in doc[k + 2 : k + 9] if t.text == ")"), None)
        if closing is not None and _caption_position(list(doc[k + 2 : closing])):
            return True  # "<Name>, 9 (front center)"
    return False


def _age_under(num: Token) -> bool:
    """ "a person under 19", "a child under 10", "children under 5": a bare number after
    "under" on a person noun (counting no noun itself) is an age limit."""
    doc, k = num.doc, num.i
    return (
        k >= 2
        and doc[k - 1].lower_ == "under"
        and doc[k - 2].tag_ in {"NN", "NNS"}
        and is_person_noun(doc[k - 2])
        and not counts_next(num)
    )


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


def is_age_number(tok: Token) -> bool:
    """Whether the bare number ``tok`` is read as an age ("Boy, 16, dies", "aged 21, 22,
    and 24"): the people counts leave it alone."""
    return age_of([tok]) is not None
