"""Running totals of the dead and the hurt, and the size of a crowd: "the death toll rose to
10", "raising the death toll to 12", "the number of injured reached 80", "a death toll of 7",
"a crowd of 5,000", "police put the crowd at 5,000", "the crowd was estimated at 20,000".

Disaster and attack reports state their counts of people as a toll's level rather than as
people who died; the people counts (:mod:`corroborate.analyze.people`) read who was killed
or hurt, so "the death toll rose to 10" had been a count of nothing that "rose" (ECB+ dev's
earthquake story, read 2026-12-07). :func:`toll_role` says whose total a noun is,
:func:`toll_value` finds the number that gives its level. A toll of a period ("this year's
death toll", "the death toll for 2015") is no event's count and is left alone; a toll
expected or feared is left to the people counts' modal test like any count.

A crowd's size is the count of a gathering (the role "protest", whose family holds protest,
march, rally, demonstrate and gather): police and organisers giving different sizes is the
disagreement outlets report most, and "a crowd of 5,000" had been a count of nothing
(``count``) that could not be set against "20,000 people marched" (``people``).
"""

from __future__ import annotations

from spacy.tokens import Token

from corroborate.analyze.number_tokens import child_of as _child
from corroborate.analyze.number_tokens import like_number as _is_number

#: The role of a gathering's participants (a predicate family of the compare stage).
GATHERING = "protest"
#: The verbs of that family (the compare stage's, the people counts' and a headline's
#: "Thousands march").
GATHERING_VERBS = frozenset({"protest", "march", "rally", "demonstrate", "gather"})
#: Nouns of a crowd whose size a number gives ("a crowd of 5,000"): the gathering's people.
CROWD_NOUNS = frozenset({"crowd", "throng"})
#: Nouns of a gathering people attend, join or take part in, and that draw a crowd.
GATHERING_NOUNS = frozenset(
    {"protest", "demonstration", "rally", "march", "vigil", "gathering", "procession", "crowd"}
)
#: Nouns that make "toll" a toll of the dead ("death toll", "fatality toll").
_DEATH_WORDS = frozenset({"death", "fatality"})
#: Totals written "the number of <who>": who, by lemma, and the role they count.
_TOTAL_NOUNS = frozenset({"number", "tally", "total", "count"})
_OF_WHOM: dict[str, str] = {
    **dict.fromkeys(["dead", "death", "fatality"], "kill"),
    **dict.fromkeys(["injured", "wounded", "injury", "hurt"], "injure"),
}
#: Participles that say who a "number of people ..." counts.
_PEOPLE_WHO: dict[str, str] = {"kill": "kill", "die": "kill", "injure": "injure", "wound": "injure"}
#: Words of a period a toll may be kept over (then it is no one event's count).
_PERIOD_WORDS = frozenset(
    {"year", "month", "week", "weekend", "decade", "season", "annual", "yearly", "monthly"}
)
#: Verbs whose subject's level is the number after "to"/"at" or their object ("rose to 10",
#: "stands at 9", "reached 80", "is 7").
_LEVEL_VERBS = frozenset(
    {
        "rise", "climb", "reach", "stand", "be", "hit", "increase", "jump", "grow", "mount",
        "top", "soar", "remain", "go", "surpass", "pass", "exceed", "swell", "rest",
    }
)  # fmt: skip
#: Verbs that move a toll they take as object to the number after "to" ("raising the death
#: toll to 12", "brought the toll to 5").
_MOVING_VERBS = frozenset({"raise", "bring", "push", "put", "lift", "take", "send", "increase"})
#: Verbs that size what they take as object, or their passive subject, at a number ("police
#: put the crowd at 5,000", "the crowd was estimated at 20,000", "the crowd numbered 300").
_SIZING_VERBS = frozenset({"estimate", "put", "peg", "place", "number", "count"})


def _of_period(noun: Token) -> bool:
    """ "this year's death toll", "the annual toll", "the toll for 2015", "the 2015 toll"."""
    for c in noun.children:
        if c.lemma_.lower() in _PERIOD_WORDS:
            return True
        if c.dep_ == "nummod" or (c.dep_ == "compound" and c.like_num):
            return True  # "the 2015 death toll"
        if c.dep_ == "prep" and c.lower_ in {"for", "in", "during", "since"}:
            pobj = _child(c, "pobj")
            if pobj is not None and (pobj.like_num or pobj.lemma_.lower() in _PERIOD_WORDS):
                return True
    return False


def toll_role(noun: Token) -> str | None:
    """The role whose running total ``noun`` is ("kill" for "the death toll", "injure" for
    "the number of injured"), or None."""
    if noun.pos_ not in {"NOUN", "PROPN"} or _of_period(noun):
        return None
    lemma = noun.lemma_.lower()
    if lemma in CROWD_NOUNS:
        return GATHERING
    if lemma in GATHERING_NOUNS:  # "a march of 5,000 people": its size, said with "of" only
        return GATHERING if _of_size(noun) is not None else None
    if lemma == "toll":
        mods = {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}}
        return "kill" if mods & _DEATH_WORDS else None
    if lemma not in _TOTAL_NOUNS:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whom = _child(of, "pobj", "amod") if of is not None else None
    if whom is None:
        return None
    role = _OF_WHOM.get(whom.lemma_.lower()) or _OF_WHOM.get(whom.lower_)
    if role is not None:
        return role
    if whom.lemma_.lower() in {"people", "person", "victim"}:
        # "the number of people killed": the participle hangs on either noun
        told = _child(whom, "acl", "relcl") or _child(noun, "acl")
        return _PEOPLE_WHO.get(told.lemma_.lower()) if told is not None else None
    return None


def _after(verb: Token, *preps: str) -> Token | None:
    """The number after one of ``preps`` on ``verb``, or after "to" on its "from" ("rose from
    12 to 15" is 15)."""
    found = None
    for c in verb.children:
        if c.dep_ != "prep":
            continue
        if c.lower_ == "from" and "to" in preps:
            c = next((g for g in c.children if g.dep_ == "prep" and g.lower_ == "to"), c)
        if c.lower_ in preps:
            pobj = _child(c, "pobj")
            if pobj is not None and _is_number(pobj):
                found = pobj
    return found


def toll_value(noun: Token) -> Token | None:
    """The number that gives the toll ``noun``'s level, or None."""
    if noun.lemma_.lower() in GATHERING_NOUNS - CROWD_NOUNS:
        return _of_size(noun)  # "the rally is at 5" gives its hour, not its size
    verb = noun.head
    lemma = verb.lemma_.lower()
    if noun.dep_ in {"nsubj", "nsubjpass"} and lemma in _LEVEL_VERBS | _SIZING_VERBS:
        found = _after(verb, "to", "at")
        if found is not None:
            return found
        level = _child(verb, "attr", "dobj")
        return level if level is not None and _is_number(level) else None
    if noun.dep_ == "dobj" and lemma in _MOVING_VERBS | _SIZING_VERBS:
        return _after(verb, "to", "at")
    sized = next(
        (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in _SIZING_VERBS),
        None,
    )
    if sized is not None:  # "a crowd estimated at 8,000 gathered"
        return _after(sized, "at", "to")
    return _of_size(noun)


def _of_size(noun: Token) -> Token | None:
    """The number after "of" that sizes ``noun`` ("a death toll of 7", "a crowd of 5,000", "a
    march of 5,000 people"), or None."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = _child(of, "pobj") if of is not None else None
    if pobj is None:
        return None
    if _is_number(pobj):
        return pobj
    numbered = any(c.dep_ == "nummod" and _is_number(c) for c in pobj.children)
    return pobj if numbered and pobj.lemma_.lower() in _PEOPLE_NOUNS else None


#: What "a crowd of 5,000 <noun>" counts in people ("people", "protesters" ...).
_PEOPLE_NOUNS = frozenset(
    {"people", "person", "protester", "demonstrator", "marcher", "supporter", "mourner"}
)


def _is_gathering(noun: Token | None) -> bool:
    return noun is not None and noun.lemma_.lower() in GATHERING_NOUNS


def gathering_trigger(verb: Token) -> Token | None:
    """The counted phrase of a verb that counts a gathering's people, or None: the subject
    of attending, joining or taking part in one ("about 300 people attended the vigil",
    "20,000 people took part in the march", "1,000 demonstrators joined the protest"), the
    object of one that draws or attracts ("the march drew 20,000 people")."""
    lemma = verb.lemma_.lower()
    # a headline's object may be parsed as an adverbial noun ("20,000 joined pension march")
    obj = _child(verb, "dobj") or _child(verb, "npadvmod")
    if lemma in {"draw", "attract"}:
        subj = _child(verb, "nsubj")
        return obj if _is_gathering(subj) else None
    into = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}), None)
    where = _child(into, "pobj") if into is not None else None
    joins = (
        (lemma in {"attend", "join"} and _is_gathering(obj))
        or (lemma == "participate" and _is_gathering(where))
        or (lemma == "take" and obj is not None and obj.lower_ == "part" and _is_gathering(where))
    )
    return _child(verb, "nsubj") if joins else None
