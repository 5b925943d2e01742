"""Counts of people affected by an event, stated with or without numerals (docs/figures.md).

"A man was shot and killed", "two women and a man were wounded", "a 17-year-old was taken
into custody", "both were pronounced dead", "no one was hurt": each is a count of people in
a *role* of an event. A **trigger** (a verb, or an adjective after "be"/"leave"/"find")
names the role; its **patient** (the passive subject, the object, or the subject of an
intransitive such as "die") is counted:

- a number ("two men", "5 injured", "at least three people", "two of the victims");
- one person: "a/an/one/another <person noun>", a person's name, "he"/"she", a singular
  definite person noun ("the victim", "the 17-year-old");
- coordination adds up ("two women and a man" = 3, "a teenager and his mother" = 2);
  "both" = 2, "the couple" = 2, "all four" = 4; "no one", "nobody", "none" = 0.
- a negated trigger ("was not injured") counts 0.

A later count that only refers back (a pronoun or "the victim") is kept only when the
article has no earlier count in that role: it repeats the lede's count or is a part of it.

**Totals and parts** ("three people were shot, one fatally" = shot 3, killed 1, injured 2),
the guards against counts the article contradicts and the merge with the number pass are in
:mod:`corroborate.analyze.people_totals`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from corroborate.analyze.clock import is_time_of_day
from corroborate.analyze.counted_nouns import count_unit
from corroborate.analyze.figure_scope import figure_scope, unreal
from corroborate.analyze.number_tokens import MODERN_YEAR_RE
from corroborate.analyze.number_tokens import child_of as _child
from corroborate.analyze.number_tokens import like_number as _is_number
from corroborate.analyze.numbers import parse_ordinal_word, parse_quantity
from corroborate.analyze.tolls import (
    GATHERING,
    GATHERING_VERBS,
    gathering_trigger,
    toll_role,
    toll_value,
)

#: trigger verb lemma → role (the lemma of the role's usual verb, a predicate family key).
ROLE_VERBS: dict[str, str] = {
    **dict.fromkeys(["kill", "murder", "slay"], "kill"),
    **dict.fromkeys(["injure", "wound", "hurt", "hospitalize", "hospitalise"], "injure"),
    "shoot": "shoot",
    **dict.fromkeys(["arrest", "detain", "apprehend"], "arrest"),
    **dict.fromkeys(["rescue"], "rescue"),
    **dict.fromkeys(["evacuate"], "evacuate"),
    **dict.fromkeys(["displace"], "displace"),
}
#: intransitive verbs whose subject is counted ("nine people perished in the blaze").
SUBJECT_VERBS: dict[str, str] = {"die": "kill", "perish": "kill"}
#: adjectives of state after be/leave/find/pronounce ("is dead", "left two injured").
STATE_ADJECTIVES: dict[str, str] = {
    "dead": "kill",
    "injured": "injure",
    "wounded": "injure",
    "hurt": "injure",
    "missing": "missing",
    "unaccounted": "missing",  # "12 of whom are still unaccounted for"
}
#: event nouns whose "of" object is counted ("the deaths of three people").
EVENT_NOUNS: dict[str, str] = {
    **dict.fromkeys(["killing", "death", "murder", "slaying", "homicide"], "kill"),
    "shooting": "shoot",
    **dict.fromkeys(["arrest", "detention"], "arrest"),
    "rescue": "rescue",
    "evacuation": "evacuate",
}
#: Verbs that carry a state adjective's people as their subject ("are missing", "remain
#: missing").
_STATE_VERBS = frozenset({"be", "remain"})
#: "a double homicide" = 2 killed.
MULTIPLE_WORDS: dict[str, float] = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
_KILLED_ADJECTIVES = frozenset({"deceased", "slain"})
#: "suffered gunshot wounds": the subject of these verbs with such an object is injured.
_SUFFER_VERBS = frozenset({"suffer", "sustain", "receive"})
#: triggers that describe how a victim was found, not the outcome (dropped when the
#: article reports a death)
_STATE_OF_VICTIM = _SUFFER_VERBS | {"condition"}
_INJURY_NOUNS = frozenset({"injury", "wound"})


def state_of_victim(trigger: Token) -> bool:
    """Whether a trigger tells how a victim was found ("suffered gunshot wounds", "in
    critical condition", "with a gunshot wound"), not the outcome: a dead victim is found
    so too; not harm that spares a life ("sustained non-life-threatening injuries", "with
    minor injuries"), which the dead did not have."""
    lemma = trigger.lemma_.lower()
    if not (lemma in _STATE_OF_VICTIM or (trigger.pos_ == "NOUN" and lemma in _INJURY_NOUNS)):
        return False
    harm = (
        [trigger]
        if trigger.pos_ == "NOUN"
        else [c for c in trigger.children if c.lemma_.lower() in _INJURY_NOUNS]
    )
    return not any(t.lower_ in _SURVIVABLE for h in harm for t in h.subtree if t.i < h.i)


#: Words of harm that spares a life: "non-life-threatening", "minor", "superficial".
_SURVIVABLE = frozenset({"non", "minor", "superficial", "nonfatal", "non-fatal", "non-life"})


_STATE_DEPS = frozenset({"oprd", "acomp", "advmod", "xcomp"})
_FATAL_ADVERBS = frozenset({"fatally", "mortally"})
_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})
_REFLEXIVES = frozenset({"himself", "herself", "themselves"})
_NONE_WORDS = frozenset({"nobody", "none", "noone"})
#: Degrees that limit a denial to the grave cases: "no one was seriously hurt" (two GVC dev
#: conflict groups had read it as nobody hurt against outlets' counts of the grazed).
_SEVERITY = frozenset({"seriously", "critically", "badly", "severely", "gravely"})
#: The same degrees on the harm a verb's object names: "none of the victims suffered
#: life-threatening injuries", "no one sustained serious wounds" (a GVC dev conflict group
#: had read a roundup's "none ... life-threatening" as nobody hurt).
_GRAVE_HARM = frozenset({"serious", "critical", "severe", "grave", "major", "threatening"})
#: entity types a proper noun counted as one person may have (NER often leaves surnames
#: untyped or mistypes them; places and organisations are not victims).
_NAME_TYPES = frozenset({"PERSON", ""})
_VIOLENT_ROLES = frozenset({"kill", "shoot", "injure"})
_PAIR_NOUNS = frozenset({"couple", "pair", "twin"})
_ONE_DETERMINERS = frozenset({"a", "an", "one", "another", "each"})
#: Where a pronoun such as "another" stands for the person a role verb is about.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "conj"})
_DEFINITE = frozenset({"the", "this", "that"})
#: person nouns common in incident reports that the figures lexicon does not list.
INCIDENT_PEOPLE = frozenset(
    {
        "teen",
        "teenager",
        "toddler",
        "infant",
        "juvenile",
        "minor",
        "bystander",
        "gunman",
        "shooter",
        "robber",
        "intruder",
        "homeowner",
        "clerk",
        "cashier",
        "customer",
        "neighbor",
        "neighbour",
        "friend",
        "relative",
        "mother",
        "father",
        "son",
        "daughter",
        "brother",
        "sister",
        "wife",
        "husband",
        "girlfriend",
        "boyfriend",
        "grandmother",
        "grandfather",
        "uncle",
        "aunt",
        "cousin",
        "nephew",
        "niece",
        "trooper",
        "sheriff",
        "deputy",
        "cop",
        "security",
        "pedestrian",
        "motorist",
        "occupant",
        "someone",
        "somebody",
        "male",
        "female",
        "other",
    }
)
_AGENT_SUFFIXES = ("er", "or")
#: Nouns in -er that say how many, not who: "a number of people" (read as one person in
#: three hand readings of GVC figure groups), "a quarter of the victims".
_AMOUNT_NOUNS = frozenset({"number", "quarter"})
#: The end of ``Figure.derived`` for injured counts read from "shot" alone: the compare
#: stage drops them in a story where another article reports a death.
NO_DEATH_REPORTED = "no death reported"
DEATH_LEMMAS = frozenset(
    {"die", "kill", "dead", "deceased", "death", "fatal", "fatally", "murder", "slay"}
)


def passed_away(tok: Token) -> bool:
    """ "passed away", "Passes Away": a death told without a death word (not "could have
    passed away")."""
    return (
        tok.lemma_.lower() == "pass"
        and any(c.dep_ in {"prt", "advmod"} and c.lower_ == "away" for c in tok.children)
        and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)
    )


#: Nouns a death word can modify without telling a death ("death threats").
_NO_DEATH_HEADS = frozenset({"threat", "penalty", "wish"})


def tells_death(tok: Token) -> bool:
    """Whether ``tok`` tells a death: a word of death (:data:`DEATH_LEMMAS`, "passed
    away") that is no attempt, possibility, condition or denial ("charged with attempted
    murder", "it could have killed her", "did not die") and no "death threat"."""
    if tok.lemma_.lower() not in DEATH_LEMMAS and not passed_away(tok):
        return False
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in _NO_DEATH_HEADS:
        return False
    said_of = tok.head if tok.dep_ == "advmod" else tok  # "was not fatally wounded"
    return not _negated(said_of) and not _not_an_event(tok)


#: a referring count further than this from its trigger gives its own span only.
_MAX_SPAN_TOKENS = 10


@dataclass(frozen=True)
class PeopleCount:
    """One count of people in a role, with the tokens that state it."""

    role: str
    low: float | None
    high: float | None
    qualifier: str | None
    approximate: bool
    start: int  # token span of the counted phrase (and the trigger when close)
    end: int
    head: Token  # the counted phrase's head
    trigger: Token
    referring: bool  # a pronoun / definite singular that may point back
    counted: str | None
    number: int | None = None  # token of the numeral when the count is one written number
    repeat: bool = False  # refers back to a count of its role: no figure of its own


# --------------------------------------------------------------------------- people nouns


def is_person_noun(tok: Token) -> bool:
    """Whether ``tok`` names people: the figures lexicon, incident nouns, "17-year-old"."""
    if tok.pos_ not in {"NOUN", "PROPN", "ADJ", "PRON"}:
        return False
    lemma = tok.lemma_.lower()
    if lemma in INCIDENT_PEOPLE or count_unit(tok) == "people":
        return True
    if (
        tok.pos_ == "NOUN"
        and len(lemma) >= 5
        and lemma.endswith(_AGENT_SUFFIXES)
        and lemma not in _AMOUNT_NOUNS
    ):
        return True  # agent nouns: "hunter", "trooper", "counselor"
    return _is_age_noun(tok)


def short_age(num: Token) -> bool:
    """Whether ``num`` is an age written short: "the 17 y/o boy", "20 y/o killed", "8 yo
    girl killed" (a GVC dev teaser whose girl had been eight people killed)."""
    after = [t.lower_ for t in num.doc[num.i + 1 : num.i + 4]]
    return after[:1] in (["y/o"], ["yo"], ["y.o."]) or after[:3] == ["y", "/", "o"]


def _is_age_noun(tok: Token) -> bool:
    """ "a 17-year-old", "two 17-year-olds" (head "old(s)" with a "year" child) used as a
    noun."""
    return tok.lower_ in {"old", "olds"} and any(c.lemma_.lower() == "year" for c in tok.children)


# --------------------------------------------------------------------------- counting


@dataclass(frozen=True)
class _Count:
    low: float | None
    high: float | None
    qualifier: str | None
    approximate: bool
    first: int
    last: int
    referring: bool
    number: int | None = None  # the numeral's token, when the count is one written number


def is_year_modifier(tok: Token) -> bool:
    """ "the 2015 shooting", "in a 2016 interview": a year before a singular noun, after a
    determiner or possessive, dates the noun (a count before a singular noun is one)."""
    doc, k = tok.doc, tok.i
    if not MODERN_YEAR_RE.fullmatch(tok.text) or k == 0 or k + 1 >= len(doc):
        return False
    if doc[k + 1].tag_ not in {"NN", "VBG"}:
        return False
    return doc[k - 1].pos_ == "DET" or doc[k - 1].tag_ in {"POS", "PRP$"}


def _numeric_count(tok: Token, first: int, last: int | None = None) -> _Count | None:
    from corroborate.analyze.ages import is_age_number  # ages reads person nouns from here
    from corroborate.analyze.figures import widen_left

    # a range hangs under one of its numbers: "between 20 and 30", "Between 20 and 30"
    numbers = [t.i for t in tok.subtree if _is_number(t)]
    groups = sum(1 for k in numbers if k - 1 not in numbers)  # "ten thousand" is one number
    first = min(first, *(t.i for t in tok.subtree if t.i <= tok.i))
    start, _ = widen_left(tok.doc, first)
    stop = max([tok.i, *numbers])
    if is_time_of_day([tok.doc[k] for k in numbers]):
        return None  # "About 11:15 p.m. ..., a man was shot": the parser's subject is the hour
    if numbers and is_age_number(tok.doc[numbers[0]]):
        return None  # "Boy, 16, dies", "aged 21, 22, and 24 - and one woman": ages
    q = parse_quantity(tok.doc[start : stop + 1].text)
    if q is None or q.dimension not in {"", "count", None}:
        return None
    end = stop if last is None else max(last, stop)
    # one written number reuses the number pass's figure; a range gets its own
    number = tok.i if groups == 1 else None
    return _Count(q.low, q.high, q.qualifier, q.approximate, start, end, False, number)


def _exact(value: float, first: int, last: int, referring: bool = False) -> _Count:
    return _Count(value, value, None, False, first, last, referring)


def count_phrase(head: Token, role: str = "") -> _Count | None:
    """How many people the phrase headed by ``head`` names (None when it does not say).
    ``role`` widens what counts as a name: a proper noun that is shot or killed is a person
    even when NER typed it an organisation."""
    named = _names_restating(head, role)
    if named is not None:
        return named
    if head.lemma_.lower() == "total" and any(c.lower_ == "a" for c in head.children):
        # "a total of 17 people were hospitalized": the people the total is of
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        people = _child(of, "pobj") if of is not None else None
        return count_phrase(people, role) if people is not None else None
    if _spaced_dash_between(head.doc[_left_edge(head)], head):
        # a page title's outlet tail: "shooting self - Velmora News, Weather & Sports" is
        # no list; "kills 2 - Velmora News" counts the number before the dash
        dash = next(t for t in head.doc[_left_edge(head) : head.i] if t.text in _SEPARATORS)
        before = head.doc[dash.i - 1] if dash.i > 0 else None
        if before is not None and _is_number(before) and before.head.i == head.i:
            return _numeric_count(before, before.i)
        return None
    if _outlet_tail_object(head):
        return None
    conjuncts = _conjuncts(head)
    if shares_the_number(head):
        return _count_one(head, role)  # "239 passengers and crew": 239 in all
    if conjuncts and any(c.dep_ == "cc" and c.lower_ in {"or", "nor"} for c in head.children):
        return None  # "whoever shot Ann or the driver": one of them, or both; not a count
    if conjuncts and _titles_of_one(head, conjuncts):
        conjuncts = []  # "Actress and champion swimmer Esther Williams": one person
    parts = [
        head,
        *conjuncts,
        *_listed_with_self(head),
        *_listed_names(head),
        *_listed_nouns(head),
        *_split_subject_list(head),
    ]
    parts = list({p.i: p for p in parts}.values())  # a list read two ways counts once
    counts = [_count_one(p, role) for p in parts]
    if any(c is None for c in counts):
        return None
    done = [c for c in counts if c is not None]
    lead = _headline_lead(head)
    if lead is not None:
        done.append(_exact(1, lead.i, lead.i))  # "Man, 2 children found dead": 3
    if len(done) == 1:
        return done[0]
    if any(c.low is None or c.high is None for c in done):
        return None
    low = sum(c.low for c in done if c.low is not None)
    high = sum(c.high for c in done if c.high is not None)
    return _Count(
        low,
        high,
        None,
        any(c.approximate for c in done),
        min(c.first for c in done),
        max(c.last for c in done),
        False,
    )


_SINGULAR_AUX = frozenset({"was", "is", "has", "'s"})
_PLURAL_AUX = frozenset({"were", "are", "have", "'re", "'ve"})


def shares_the_number(head: Token) -> bool:
    """ "239 passengers and crew", "40 students and staff": a number on the first of
    coordinated plural nouns whose others are bare (no determiner, number or possessor,
    no name) counts them all; "two women and a man", "five passengers and two crew" list
    parts."""
    if not any(c.dep_ == "nummod" and _is_number(c) for c in head.children):
        return False
    others = [c for c in head.children if c.dep_ == "conj"]
    if not others or head.tag_ != "NNS":
        return False
    return all(
        o.pos_ == "NOUN"
        and o.tag_ in {"NN", "NNS"}
        and not any(g.dep_ in {"det", "nummod", "poss", "conj"} for g in o.children)
        for o in others
    )


def _titles_of_one(head: Token, conjuncts: Sequence[Token]) -> bool:
    """Whether coordinated bare nouns are titles of one person: "Actress and champion
    swimmer Esther Williams died", "Rapper and producer Dex Hollo was arrested" (an ECB+
    dev conflict group had read two people). Each noun is singular, the phrase has no
    determiner, and either the verb agrees in the singular or one name follows the titles."""
    phrase = list(head.subtree)
    if any(n.tag_ not in {"NN", "NNP"} for n in (head, *conjuncts)) or any(
        t.dep_ in {"det", "poss", "nummod", "predet"} for t in phrase
    ):
        return False
    verb = head.head if head.dep_ in {"nsubj", "nsubjpass"} else None
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}} if verb else set()
    if aux & _PLURAL_AUX or (verb is not None and verb.tag_ == "VBP"):
        return False
    if aux & _SINGULAR_AUX or (verb is not None and verb.tag_ == "VBZ"):
        return True
    lo, hi = phrase[0].i, phrase[-1].i
    names = [e for e in head.doc.ents if e.label_ == "PERSON" and lo <= e.start and e.end <= hi + 1]
    return len(names) == 1


def _names_restating(head: Token, role: str) -> _Count | None:
    """ "Two of those men, Todd Reed and Vic Lund, later died", "two waiters, Paul Rivers and
    Al Stein, were wounded": names after a comma that restate a number (as many names as it
    counts), which the parser conjoins to the number or to its counted noun, are the same
    people, not more (an ECB+ dev conflict group had read four wounded)."""
    names = _conjuncts(head)
    if not names or any(n.pos_ != "PROPN" for n in names):
        return None
    counted = is_person_noun(head) and any(
        c.dep_ == "nummod" and _is_number(c) for c in head.children
    )
    if not (_is_number(head) or counted):
        return None
    opening = _left_edge(names[0])
    if opening == 0 or head.doc[opening - 1].text != ",":
        return None
    count = _count_one(head, role)
    if count is None or count.low != count.high or count.low != len(names):
        return None
    return count


def _headline_lead(head: Token) -> Token | None:
    """In a headline, a person noun that opens a list before ``head``'s phrase ("Man, 2
    children found dead"; "Police: Mother, 2 children ..."), which the parser leaves out of
    the phrase; not an age ("Boy, 8, dies")."""
    doc = head.doc
    if not doc.user_data.get(HEADLINE):
        return None
    first = _left_edge(head)
    if first < 2 or doc[first - 1].text != ",":
        return None
    colon = max((t.i for t in doc[:first] if t.text == ":"), default=-1)
    lead = doc[colon + 1 : first - 1]
    if not 1 <= len(lead) <= 3 or any(_is_number(t) or t.text == "," for t in lead):
        return None
    last = lead[-1]
    return last if is_person_noun(last) and last.tag_ not in {"NNS", "NNPS"} else None


def _list_root(tok: Token) -> Token:
    """The first item of the list (conjuncts, appositions) ``tok`` is in."""
    while tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _listed_with_self(head: Token) -> list[Token]:
    """ "killed his wife, two sons and himself", "kills wife, ex-mother-in-law, self": a
    list the parser hangs on the first item as appositions. Only a list that ends with the
    killer himself is read so ("his wife, Ann Lee," is one person)."""
    if head.dep_ != "dobj":
        return []  # "Ann Lee, herself a nurse, was shot": an apposition of the subject
    items = [c for c in head.children if c.dep_ == "appos"]
    items += [g for c in items for g in _conjuncts(c)]
    if not items or max(items, key=lambda t: t.i).lower_ not in _SELF:
        return []  # the killer closes the list
    return [i for i in items if i.lower_ in _SELF or is_person_noun(i)]


def _listed_names(head: Token) -> list[Token]:
    """ "Tobin Vasquell, 15, Marla Vasquell, 12, and Rudy Vasquell, 6, were killed": a list
    of named people (ages between them) that the parser hangs on the first name as an
    apposition, the rest conjoined to it. Read as a list only when every item is a person's
    name and an "and" closes it; "Ann Lee, a nurse, was shot" is one person."""
    if head.pos_ != "PROPN" or head.ent_type_ != "PERSON":
        return []
    for child in head.children:
        if child.dep_ != "appos" or child.i < head.i:
            continue
        if child.pos_ != "PROPN" or child.ent_type_ != "PERSON":
            continue
        rest = _conjuncts(child)
        closed = any(c.dep_ == "cc" and c.lower_ == "and" for c in (*child.children, *rest))
        if rest and closed and all(r.pos_ == "PROPN" and r.ent_type_ == "PERSON" for r in rest):
            return [child, *rest]
    return []


def _listed_nouns(head: Token) -> list[Token]:
    """ "his 55-year-old wife, 26-year-old son, and 10-year-old daughter": a list of person
    nouns whose middle item the parser hangs on the first as an apposition, the last
    conjoined with "and" (read off the full GVC dev run's killed-stated misses, where three
    dead had been two, 2026-12-06). Not "his wife, a nurse, and his son": an apposition
    with a determiner describes the noun before it."""
    if not is_person_noun(head) or head.pos_ not in {"NOUN", "PROPN"}:
        return []
    if head.doc.user_data.get(HEADLINE):
        # a headline's commas list people: "Father, daughter, 9, found dead"
        return [
            c
            for c in head.children
            if c.dep_ == "appos"
            and c.i > head.i
            and c.pos_ in {"NOUN", "PROPN"}
            and is_person_noun(c)
            and not any(g.dep_ in {"det", "poss"} for g in c.children)
        ]
    last = [c for c in head.children if c.dep_ == "conj" and c.i > head.i]
    if (
        head.pos_ != "NOUN"
        or not last
        or not any(c.dep_ == "cc" and c.lower_ == "and" for c in head.children)
    ):
        return []
    return [
        c
        for c in head.children
        if c.dep_ == "appos"
        and head.i < c.i < last[0].i
        and c.pos_ == "NOUN"
        and is_person_noun(c)
        and not any(g.dep_ in {"det", "nummod"} for g in c.children)
    ]


def _split_subject_list(head: Token) -> list[Token]:
    """ "a Virginia man, his wife and their two daughters died", "A woman, who ..., and
    three men were hospitalized": a list of people the parser split into two subjects of
    one verb. Only commas and "and" may stand between them, an "and" must close the list
    ("One of the victims, a woman ..., was shot" is an apposition), and a clause on the
    first must be closed by a comma."""
    if head.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    doc = head.doc
    out: list[Token] = []
    last = head
    for other in head.head.children:
        if other.i <= head.i or other.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        clause = any(c.dep_ in {"acl", "relcl"} for c in head.children)
        if clause and not any(t.text == "," for t in doc[head.i : other.i]):
            break  # a clause on the first, not closed by a comma: "The only person arrested
            # after a gunfight left a bystander dead and nine people hurt was released"
        between = {  # ages set off by commas may stand between: "Ann Lee, 15, and a boy"
            t.lower_ for t in doc[last.right_edge.i + 1 : other.left_edge.i] if not t.like_num
        }
        joined = "and" in between or any(
            c.dep_ == "cc" and c.lower_ == "and" for c in (*last.children, *other.children)
        )
        if not between <= {",", "and"} or not joined or not is_person_noun(other):
            break  # an apposition ("One of the victims, a woman"), a clause, a dateline
        out += [other, *_conjuncts(other)]
        last = other
    return out


def _conjuncts(head: Token) -> list[Token]:
    out: list[Token] = []
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON", "NUM", "ADJ"}:
            if _spaced_dash_between(head, child):
                continue  # "Teen dead after shooting self - Velmora News, Weather & Sports"
            out.append(child)
            out.extend(_conjuncts(child))
    return out


_SEPARATORS = frozenset({"-", "–", "—", "|"})


def _spaced_dash_between(a: Token, b: Token) -> bool:
    """A spaced dash or bar between two words: a page title's outlet tail, never a list."""
    lo, hi = sorted((a.i, b.i))
    doc = a.doc
    return any(doc[k].text in _SEPARATORS and doc[k - 1].whitespace_ for k in range(lo + 1, hi))


def _outlet_tail_object(head: Token) -> bool:
    """ "... after Velmora shooting - Tri-State News, Weather & Sports": the parser made a
    page title's outlet tail the object of the verb before the dash. The phrase starts
    right after a spaced dash or bar, and the rest of its line has no verb (not "Dunmore —
    Ann Lee, who died Friday"); it names no one."""
    doc, edge = head.doc, _left_edge(head)
    if edge < 2 or head.head.i >= edge or doc[edge - 1].text not in _SEPARATORS:
        return False
    if not doc[edge - 2].whitespace_:
        return False  # "Tri-State": a hyphen inside a word
    end = next((t.i for t in doc[edge:] if t.is_space and "\n" in t.text), len(doc))
    return head.i < end and not any(t.pos_ in {"VERB", "AUX"} for t in doc[edge:end])


def _left_edge(head: Token) -> int:
    """First token of the phrase, without the conjuncts after the head."""
    lefts = [t.left_edge.i for t in head.lefts if t.dep_ not in {"cc", "punct"}]
    return min([head.i, *lefts])


def _named_earlier(tok: Token) -> bool:
    """A capitalised word that is part of a person's name elsewhere in the text ("Reyes
    died" after "Daniel Reyes"): the small model often tags a sentence-initial surname as a
    common noun."""
    doc = tok.doc
    words = doc.user_data.get(_PERSON_WORDS)
    if words is None:
        words = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_title}
        doc.user_data[_PERSON_WORDS] = words
    return tok.is_title and tok.text in words and tok.tag_ not in {"NNS", "NNPS"}


_PERSON_WORDS = "corroborate_person_words"
#: ``Doc.user_data`` key marking a parsed headline (analyze/headline.py): articles are
#: dropped there, so a bare singular person noun ("Boy dies") is one person.
HEADLINE = "corroborate_headline"


_RECIPROCALS = frozenset({("each", "other"), ("one", "another")})
#: A killer in the list of the dead ("kills wife, ex-mother-in-law, self").
_SELF = frozenset({"himself", "herself", "self"})


_ORDINAL_ENDS = ("st", "nd", "rd", "th")
_GRADE_NOUNS = frozenset({"grader", "grade"})


def _ordinal_of(tok: Token) -> int | None:
    """The place of a person among the dead ("5th person dies", "a third victim has
    died"): an ordinal of 2 or more on a person noun with "a"/"an" or no determiner (a
    headline's). Only deaths are counted so: "a second man was wounded" may follow one
    killed. Not "the fifth man was pronounced dead" (the fifth of five men shot, or a
    city's tally: "the third child murdered this month"), an item of a list ("three
    members of a family and a fourth man"), or a school grade ("eighth-grader")."""
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss"}}
    if not dets <= {"a", "an"} or tok.dep_ == "conj" or _conjuncts(tok):
        return None
    if tok.lemma_.lower() in _GRADE_NOUNS or not is_person_noun(tok):
        return None
    for child in tok.children:
        if child.dep_ not in {"amod", "nummod"} or not child.lower_.endswith(_ORDINAL_ENDS):
            continue  # "three people" is no ordinal, though number-parser reads it as one
        if (value := parse_ordinal_word(child.text)) is not None:
            return value if value >= 2 else None
    return None


def _graded_denial(verb: Token) -> bool:
    """Whether a denial of harm is limited to the grave cases: "seriously hurt", "suffered
    life-threatening injuries"."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in _SEVERITY:
            return True
        if c.dep_ in {"dobj", "attr"} and any(
            m.dep_ == "amod" and m.lower_ in _GRAVE_HARM for m in c.children
        ):
            return True
    return False


def _count_one(tok: Token, role: str = "") -> _Count | None:
    low = tok.lower_
    first = _left_edge(tok)
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "predet"}}
    doc = tok.doc
    after = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if (before, low) in _RECIPROCALS or (low, after) in _RECIPROCALS:
        return None  # "hurting each other", "shot one another": reciprocal, no count
    if low in _SELF and tok.dep_ in {"conj", "appos"} and _list_root(tok).dep_ == "dobj":
        return _exact(1, tok.i, tok.i)  # "killed his wife, two sons and himself"
    if low in _NONE_WORDS or (low == "one" and "no" in dets):
        if any(c.lower_ in {"else", "other"} for c in tok.children):
            return None  # "no one else was hurt": none besides those told, not the total
        if _graded_denial(tok.head):
            return None  # "no one was seriously hurt": some may be hurt, none gravely
        return _exact(0, first, tok.i)
    if low == "both" or "both" in dets:
        return _exact(2, first, tok.i)
    if role == "kill" and (nth := _ordinal_of(tok)) is not None:
        return _exact(nth, first, tok.i)  # "a fifth person has died": five dead so far
    multiple = [MULTIPLE_WORDS[c.lower_] for c in tok.children if c.lower_ in MULTIPLE_WORDS]
    if multiple and tok.lemma_.lower() in EVENT_NOUNS:
        # "two triple shootings": each of the events had three victims
        times = [parse_quantity(c.text) for c in tok.children if c.dep_ == "nummod"]
        events = times[0].value if times and times[0] is not None and times[0].value else 1
        return _exact(multiple[0] * events, first, tok.i)
    if _is_number(tok):  # "two of the victims", "5 injured", "all four"
        return None if is_year_modifier(tok) else _numeric_count(tok, tok.i)
    nums = [c for c in tok.children if c.dep_ == "nummod" and _is_number(c) and not short_age(c)]
    if _is_age_noun(tok):
        # "a 16 and 17-year-old": the numbers are ages, one person each
        years = [tok, *(c for c in tok.children if c.lemma_.lower() == "year")]
        ages = [
            n
            for y in years
            for n in y.children
            if n.dep_ == "nummod" and any(c.dep_ == "cc" for c in n.children)
        ]
        if ages:
            return _exact(len(ages) + 1, first, tok.i)
        if nums and tok.tag_ != "NNS":
            return None  # a number on a singular age word is an age
    if nums and is_person_noun(tok):  # "two 17-year-olds", "three women"
        return _numeric_count(nums[-1], nums[0].i, tok.i)
    if low in _SINGULAR_PRONOUNS:
        return _exact(1, tok.i, tok.i, referring=True)
    if low == "another" and tok.dep_ in _ARGUMENT_DEPS:
        return _exact(1, tok.i, tok.i)  # "one man was killed and another (was) wounded"
    types = _NAME_TYPES | ({"ORG"} if role in _VIOLENT_ROLES else set())
    if (
        tok.pos_ == "PROPN"
        and tok.ent_type_ in types
        and tok.tag_ == "NNP"
        and not tok.is_upper  # "YACOLT, Wash.": a dateline, not a victim
    ) or _named_earlier(tok):
        return _exact(1, first, tok.i, referring=True)  # a person's name ("Okafor")
    if tok.lemma_.lower() in _PAIR_NOUNS and tok.tag_ in {"NN", "NNP"}:
        return _exact(2, first, tok.i, referring=bool(dets & _DEFINITE))  # "the couple"
    if not is_person_noun(tok):
        return None
    if "no" in dets:
        if any(c.lower_ == "other" for c in tok.children):
            return None  # "no other people were hurt"
        return _exact(0, first, tok.i)
    if tok.tag_ in {"NNS", "NNPS"}:
        return None  # "the victims", "police officers": how many is not said
    if dets & _ONE_DETERMINERS:
        return _exact(1, first, tok.i)
    poss = any(c.dep_ == "poss" for c in tok.children)
    if any(_is_age_noun(c) for c in tok.children if c.dep_ == "amod"):
        return _exact(1, first, tok.i)  # "(a) 6-year-old daughter", headline style
    if dets & _DEFINITE or poss:
        return _exact(1, first, tok.i, referring=True)
    if (
        tok.i == tok.sent.start
        or (tok.i > 0 and tok.doc[tok.i - 1].is_space)
        or tok.doc.user_data.get(HEADLINE)
    ):
        return _exact(1, first, tok.i)  # a headline without its article: "Cyclist shot"
    return None


# --------------------------------------------------------------------------- triggers


def _inherited_subject(verb: Token) -> Token | None:
    """ "was shot and killed": a coordinated verb without a subject borrows its head's."""
    cur = verb
    while cur.dep_ == "conj" and not _child(cur, "nsubj", "nsubjpass"):
        stray = _stray_subject(cur)
        if stray is not None:
            return stray
        cur = cur.head
        found = _child(cur, "nsubjpass", "nsubj")
        if found is not None:
            return found
    return None


def _stray_subject(verb: Token) -> Token | None:
    """A subject the parser hung on the verb before as a conjunct: in "One man died and
    four others were injured" "others" is parsed as coordinated with "died", and "were
    injured" has no subject of its own (a GVC dev conflict group had read the dead man as
    injured)."""
    if not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return None
    between = [
        c
        for c in verb.head.children
        if c.dep_ == "conj" and c.i < verb.i and c.pos_ in {"NOUN", "PRON"} and c.i > verb.head.i
    ]
    if not between or (not is_person_noun(between[-1]) and between[-1].lower_ != "others"):
        return None
    return between[-1]


def _relative_antecedent(verb: Token, tok: Token | None) -> Token | None:
    if tok is None or tok.lower_ not in {"who", "that", "whom"}:
        return tok
    while verb.dep_ == "conj":  # "a woman who was shot and killed": the relative's verb
        verb = verb.head
    return verb.head if verb.dep_ == "relcl" else tok


#: Prepositions after an active "shot" that aim it ("shot at the car", "shot into a crowd").
_AIMED_PREPOSITIONS = frozenset({"at", "into", "toward", "towards"})
#: What one shoots at that is no place ("A woman shot at a home ... died": the victim).
_TARGET_NOUNS = frozenset(
    {"car", "vehicle", "truck", "van", "suv", "cruiser", "crowd", "group", "window", "police"}
)


def _a_target(prep: Token) -> bool:
    """Whether the object of "at"/"into" is people or a thing shot at, not a place."""
    obj = _child(prep, "pobj")
    return obj is not None and (
        is_person_noun(obj) or obj.lemma_.lower() in _TARGET_NOUNS or obj.pos_ == "PRON"
    )


def _patient(verb: Token) -> Token | None:
    """The counted phrase of a transitive trigger (passive subject or object)."""
    passive = verb.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.children)
    shared = _headline_shared(verb)
    if shared is not None:
        return shared
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        left = verb.doc[verb.i - 1] if verb.i > 0 else verb
        if (
            not (is_person_noun(verb.head) or _is_number(verb.head))
            and left.dep_ == "dobj"
            and left.head.lemma_.lower() == "leave"
            and (is_person_noun(left) or _is_number(left))
        ):
            # "a shooting that left four people wounded", "wounded" hung on "shooting"
            return left
        return verb.head  # "a man killed in a shooting"
    obj = _child(verb, "dobj")
    if obj is None and not passive:
        # "shot and killed Okafor and Lund": the object of the last verb is shared
        later = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
        obj = _child(later, "dobj") if later is not None else None
    if (
        obj is not None
        and verb.doc.user_data.get(HEADLINE)
        and not (is_person_noun(obj) or _is_number(obj) or obj.pos_ in {"PROPN", "PRON"})
    ):
        obj = None  # "Man shot and killed outside bar": a headline's dropped "was"
    if obj is not None and obj.lower_ in _REFLEXIVES:
        subj = _child(verb, "nsubj") or _inherited_subject(verb)
        return subj if subj is not None else obj
    if obj is not None:
        return obj
    subj = _child(verb, "nsubjpass")
    if subj is None:
        # "3 killed, 2 hurt": the parser hangs a headline's second number on its verb
        subj = next(
            (c for c in verb.children if c.dep_ == "nummod" and c.i < verb.i and _is_number(c)),
            None,
        )
    shooter = _child(verb, "nsubj")
    fired_at = (  # "the suspect shot at the patrol car": the subject is the shooter (a
        # headline drops its articles and its "was": "Teen shot at park")
        not passive
        and shooter is not None
        and any(c.dep_ == "det" for c in shooter.children)
        and any(
            c.dep_ == "prep" and c.lower_ in _AIMED_PREPOSITIONS and _a_target(c)
            for c in verb.children
        )
    )
    if subj is None and (passive or (verb.tag_ == "VBD" and not fired_at)):
        # "was shot and killed" (borrowed subject); "Cyclist shot and killed" (a headline)
        subj = _child(verb, "nsubj")
        if subj is not None and not (
            is_person_noun(subj) or _is_number(subj) or subj.lower_ == "another"
        ):
            subj = None
        if subj is None and (passive or not _borrows_an_agent(verb)):
            subj = _inherited_subject(verb)
    if subj is None and passive:
        subj = _subject_before_being(verb)
    return _relative_antecedent(verb, subj)


#: Prepositions of a passive "-ing" clause whose patient is the clause above's subject.
_BEING_PREPOSITIONS = frozenset({"after", "before", "since", "upon"})


def _subject_before_being(verb: Token) -> Token | None:
    """ "Two men were taken to a hospital after being wounded", "three juveniles are
    recovering after being hit by buckshot": the people of the clause above (read off the
    full GVC dev run's injured-stated misses, 2026-12-06). Not "after being shot at", nor
    after a death ("dies after being wounded")."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in _BEING_PREPOSITIONS or prep.dep_ != "prep":
        return None
    if any(c.dep_ == "prep" and c.lower_ in _AIMED_PREPOSITIONS for c in verb.children):
        return None
    host = prep.head
    if tells_death(host):
        return None  # "Macon girl dies after being wounded": the dead, not the hurt
    subj = _child(host, "nsubjpass", "nsubj") or _inherited_subject(host)
    if subj is None or not (is_person_noun(subj) or _is_number(subj)):
        return None
    return subj


def _borrows_an_agent(verb: Token) -> bool:
    """ "He pulled out a revolver and shot through the window": an active trigger joined to
    an active verb that is no trigger borrows the one who acted, not a victim (a headline
    drops its "was": "Teen leaves party, shot" keeps the teen; a reading of GVC's board,
    2026-12-05, where the gunman had been one person shot)."""
    if verb.dep_ != "conj" or verb.doc.user_data.get(HEADLINE):
        return False
    head = verb.head
    return (
        head.tag_ == "VBD"  # "was walking home and shot in the leg": he was shot
        and head.lemma_.lower() not in ROLE_VERBS
        and _child(head, "nsubj") is not None
        and not any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children)
    )


def _subject(verb: Token) -> Token | None:
    subj = _nearest_subject(verb) or _inherited_subject(verb)
    return _relative_antecedent(verb, subj)


_DASHES = frozenset({"—", "–", "--", "-"})


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's subject, past a dateline the parser made a subject too ("DUNMORE, Pa.
    (AP) — A woman died": the subject after the dash). Two subjects with no dash between
    them are a list the parser split ("a man, his wife and ... died"): the first stays."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    doc = verb.doc
    while len(subjects) > 1 and any(t.text in _DASHES for t in doc[subjects[0].i : subjects[1].i]):
        subjects = subjects[1:]
    return next(iter(subjects), None)


#: What one "shoots to" when rising, not firing ("shot to fame in a 1999 film").
_RISE_GOALS = frozenset({"fame", "stardom", "prominence", "notoriety", "popularity"})


def winds_up(verb: Token) -> bool:
    """ "Three people wound up dead": "wound" of "wind up", no wounding."""
    return verb.lower_ == "wound" and any(
        c.dep_ == "prt" and c.lower_ == "up" for c in verb.children
    )


#: Verbs of a projectile striking someone, and the projectiles: "a teen was struck by
#: celebratory gunfire", "hit by a stray bullet", "a bullet grazed his arm" are shootings
#: (read off the full GVC dev run's injured-stated misses, 2026-12-06).
_STRIKE_VERBS = frozenset({"hit", "strike", "graze"})
#: ("round" is left out: "a round of layoffs hit 200 workers").
_PROJECTILES = frozenset({"bullet", "gunfire", "buckshot", "pellet", "gunshot", "shrapnel"})


def _struck_by_fire(verb: Token) -> bool:
    """Whether a verb of striking has a projectile for its agent or subject."""
    if verb.lemma_.lower() not in _STRIKE_VERBS:
        return False
    return any(
        (c.dep_ in {"nsubj", "agent"} or (c.dep_ == "prep" and c.lower_ == "by"))
        and any(t.lemma_.lower() in _PROJECTILES for t in c.subtree)
        for c in verb.children
    )


def _verb_role(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    role = ROLE_VERBS.get(lemma)
    if role is None and _struck_by_fire(verb):
        return "shoot"
    if winds_up(verb):
        return "kill" if any(c.lower_ == "dead" for c in verb.children) else None
    for child in verb.children:
        low = child.lower_
        if (
            lemma == "shoot"
            and low == "to"
            and child.dep_ in {"prep", "dative"}
            and any(g.lemma_.lower() in _RISE_GOALS for g in child.children)
        ):
            return None  # an idiom of rising, from a reading of ECB+ dev's board
        if role in {"shoot", "injure"} and child.dep_ == "advmod" and low in _FATAL_ADVERBS:
            return "kill"
        if (
            child.dep_ in _STATE_DEPS
            and low == "dead"
            and lemma != "be"  # "is dead": the adjective is the trigger
            and not _brain(child)
            and not any(g.dep_ == "conj" for g in child.children)  # "dead or alive"
        ):
            return "kill"  # "shot dead", "found dead", "pronounced dead"
        objects = {g.lemma_.lower() for g in child.children} if child.dep_ == "prep" else set()
        if low == "to" and "death" in objects:
            return "kill"  # "shot to death", "beaten to death"
        if lemma == "take" and low == "into" and "custody" in objects:
            return "arrest"
    return role


_CONDITIONS = frozenset(
    {"critical", "serious", "stable", "fair", "grave", "life-threatening", "guarded"}
)


def _serious(condition: Token) -> bool:
    """ "in critical/serious/stable condition": the state of someone hurt."""
    words = {c.lower_ for c in condition.children if c.dep_ in {"amod", "compound"}}
    return bool(words & _CONDITIONS) or "threatening" in words


def _brain(adjective: Token) -> bool:
    """ "declared brain dead": on life support, not (yet) a death."""
    return any(c.lower_ == "brain" for c in adjective.children)


#: Participles a headline parse may tag as nouns, with their verb ("Three shot in ...").
_HEADLINE_PARTICIPLES = {
    "shot": "shoot",
    "killed": "kill",
    "slain": "slay",
    "wounded": "wound",
    "injured": "injure",
    "hurt": "hurt",
    "arrested": "arrest",
    "detained": "detain",
}


def _headline_victim(tok: Token, numbers: bool = True) -> Token | None:
    """In a headline, the count or person a participle tagged as a noun is about: "Three
    shot", "Teen shot" and "17-year-old shot" parse as a modified noun ("a teen shot")."""
    if tok.pos_ != "NOUN" or tok.lower_ not in _HEADLINE_PARTICIPLES:
        return None
    if not tok.doc.user_data.get(HEADLINE):
        return None
    num = _child(tok, "nummod")
    if numbers and num is not None and _is_number(num):
        return num
    return next(
        (c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"} and is_person_noun(c)),
        None,
    )


def _headline_shared(verb: Token) -> Token | None:
    """ "Man shot, killed in Elm Park": a headline's second participle after a comma shares
    the first's person."""
    doc = verb.doc
    if not doc.user_data.get(HEADLINE) or verb.tag_ != "VBN":
        return None
    if verb.dep_ in {"acl", "advcl", "conj"}:
        head = verb.head
    elif verb.dep_ == "ROOT" and verb.i == verb.sent.start and verb.i >= 2:
        # the headline reader parses "shot, killed" as two clauses (headline_doc)
        head = doc[verb.i - 2] if doc[verb.i - 1].text == "," else verb
    else:
        return None
    if head.lower_ not in _HEADLINE_PARTICIPLES or not any(
        t.text == "," for t in doc[head.i + 1 : verb.i]
    ):
        return None
    if head.pos_ == "NOUN":
        return _headline_victim(head, numbers=False)  # "Teen shot, killed": the person
    return _patient(head) if head.pos_ == "VERB" else None


def _triggers(doc: Doc) -> Iterable[tuple[Token, str, Token | None]]:
    """(trigger, role, counted phrase head) for every trigger in ``doc``."""
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.lower_ in STATE_ADJECTIVES and tok.pos_ != "ADJ":
            # "is missing" parsed as a verb: a state after "be" all the same
            if tok.dep_ in {"acomp", "oprd"} and tok.head.lemma_.lower() in _STATE_VERBS:
                yield tok, STATE_ADJECTIVES[tok.lower_], _subject(tok.head)
            elif tok.tag_ == "VBG" and any(c.lemma_.lower() == "be" for c in tok.children):
                yield tok, STATE_ADJECTIVES[tok.lower_], _subject(tok)
            elif (left := _left_in_state(tok)) is not None:
                yield tok, STATE_ADJECTIVES[tok.lower_], left  # "left more than 100 injured"
            else:
                yield from _verb_triggers(tok, lemma)
        elif tok.pos_ in {"VERB", "AUX"}:
            yield from _verb_triggers(tok, lemma)
        elif tok.pos_ == "ADJ" and lemma in STATE_ADJECTIVES and not _brain(tok):
            head, subj = tok.head, _child(tok, "nsubj")
            if subj is not None:  # "found a woman and a child dead"
                yield tok, STATE_ADJECTIVES[lemma], subj
            elif tok.dep_ in {"acomp", "conj"} and head.lemma_.lower() in _STATE_VERBS:
                yield tok, STATE_ADJECTIVES[lemma], _subject(head)  # "45 remain missing"
            elif tok.dep_ == "amod" and is_person_noun(head):
                yield tok, STATE_ADJECTIVES[lemma], head  # "three dead men", "the injured man"
            elif tok.dep_ == "amod" and _is_number(head):
                yield tok, STATE_ADJECTIVES[lemma], head  # "Four dead after ..." (a headline)
            elif (num := _child(tok, "nummod")) is not None and _is_number(num):
                yield tok, STATE_ADJECTIVES[lemma], num  # "4 dead after ...", "3 injured"
        elif tok.pos_ == "ADJ" and lemma in _KILLED_ADJECTIVES and tok.dep_ == "amod":
            if is_person_noun(tok.head):
                yield tok, "kill", tok.head  # "three deceased persons", "the slain officer"
        elif (victim := _headline_victim(tok)) is not None:
            # "Three shot in Elm Park", "Teen shot, killed near school": a headline's
            # participle tagged a noun ("a shot"), its count or person a modifier
            yield tok, ROLE_VERBS[_HEADLINE_PARTICIPLES[tok.lower_]], victim
        elif (
            tok.pos_ == "NOUN"
            and lemma in _INJURY_NOUNS
            and ((bearer := _with_a_wound(tok)) is not None)
        ):
            yield tok, "injure", bearer  # "taken to a hospital with a gunshot wound"
        elif (role := toll_role(tok)) is not None and (value := toll_value(tok)) is not None:
            yield tok, role, value  # "the death toll rose to 10" (analyze/tolls.py)
        elif tok.pos_ == "NOUN" and lemma == "condition" and _serious(tok):
            prep = tok.head  # "was listed in critical condition", "remains in stable condition"
            if prep.dep_ == "prep" and prep.lower_ == "in" and prep.head.pos_ in {"VERB", "AUX"}:
                yield tok, "injure", _subject(prep.head)
        elif tok.pos_ == "NOUN" and lemma in EVENT_NOUNS:
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = _child(of, "pobj") if of is not None else None
            if pobj is not None and pobj.text in _YEAR_LIKE:
                continue  # "the city's 40th homicide of 2014": a year, not a count
            if pobj is not None:  # "the killing of two men", "the death of his daughter"
                yield tok, EVENT_NOUNS[lemma], pobj
            elif any(c.lower_ in MULTIPLE_WORDS for c in tok.children if c.dep_ == "amod"):
                yield tok, EVENT_NOUNS[lemma], tok  # "a double homicide"


def _left_in_state(state: Token) -> Token | None:
    """Who "left ... injured" leaves in that state when the parser hangs the participle on
    "left" and the number on either ("the quake left more than 100 injured": the number as
    the object of "left", or as an adverbial noun of the participle); "left 100 people
    injured" is read as a clause on its noun already."""
    verb = state.head
    if verb.lemma_.lower() != "leave" or state.dep_ not in {"oprd", "advcl", "xcomp", "ccomp"}:
        return None
    who = _child(verb, "dobj")
    if who is None:
        who = _child(state, "npadvmod", "nsubj")
    return who if who is not None and (_is_number(who) or is_person_noun(who)) else None


def _with_a_wound(wound: Token) -> Token | None:
    """Who is "with" a wound or injuries: "two men were taken to the hospital with gunshot
    wounds", "police found a juvenile with a gunshot wound", "five people walked in with
    gunshot wounds", "a man with a gunshot wound" (read off the full GVC dev run's
    injured-stated misses, 2026-12-06)."""
    prep = wound.head
    if wound.dep_ != "pobj" or prep.lower_ != "with":
        return None
    host = prep.head
    if host.pos_ == "NOUN" and host.dep_ == "pobj" and not is_person_noun(host):
        host = host.head.head  # "taken to a hospital with ...", "with" hung on "hospital"
    if host.pos_ in {"NOUN", "PROPN", "NUM"}:
        return host if is_person_noun(host) or _is_number(host) else None
    if host.pos_ not in {"VERB", "AUX"}:
        return None
    for who in (_child(host, "dobj"), _child(host, "nsubjpass"), _child(host, "nsubj")):
        if who is not None:
            return who if is_person_noun(who) or _is_number(who) else None
    return None


def _verb_triggers(tok: Token, lemma: str) -> Iterable[tuple[Token, str, Token | None]]:
    if passed_away(tok):
        yield tok, "kill", _subject(tok)  # "the victim passed away at the hospital"
        return
    if lemma in SUBJECT_VERBS:
        yield tok, SUBJECT_VERBS[lemma], _subject(tok)
        return
    if winds_up(tok):
        if _verb_role(tok) == "kill":
            yield tok, "kill", _subject(tok)  # "three people wound up dead"
        return
    if lemma in _SUFFER_VERBS:
        # "suffered gunshot wounds", "suffering from a gunshot wound"
        prep = _child(tok, "prep")
        objs = [_child(tok, "dobj"), _child(prep, "pobj") if prep is not None else None]
        if any(o is not None and o.lemma_.lower() in _INJURY_NOUNS for o in objs):
            yield tok, "injure", _subject(tok)
        return
    if lemma in _LIFE_VERBS and (victim := _whose_life(tok)) is not None:
        yield tok, "kill", victim  # "a shooting that took her life"
        return
    if lemma == "lose" and _whose_life(tok) is not None:
        yield tok, "kill", _subject(tok)  # "two people lost their lives in the crash"
        return
    if (crowd := gathering_trigger(tok)) is not None:
        yield tok, GATHERING, crowd  # "about 300 people attended the vigil" (analyze/tolls.py)
        return
    role = _verb_role(tok)
    if role is None:
        return
    yield tok, role, _child(tok, "dobj") if lemma == "leave" else _patient(tok)
    yield from _fatal_part(tok)


#: Verbs whose object "life"/"lives" tells a death: "took her life", "claimed the lives of
#: two teens", "cost him his life", "ended his life".
_LIFE_VERBS = frozenset({"take", "claim", "cost", "end"})


def _whose_life(verb: Token) -> Token | None:
    """Whose life ``verb`` took: the possessor of its object "life" ("her life") or what
    "the lives of" names; None when the object is no life."""
    life = _child(verb, "dobj")
    if life is None or life.lemma_.lower() != "life":
        return None
    of = next((c for c in life.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return _child(of, "pobj") if of is not None else _child(life, "poss")


def _fatal_part(verb: Token) -> Iterable[tuple[Token, str, Token | None]]:
    """ "three people were shot, one fatally": the number with "fatally" is killed."""
    if verb.lemma_.lower() != "shoot":
        return
    for child in verb.children:
        if _is_number(child) and any(g.lower_ in _FATAL_ADVERBS for g in child.children):
            yield child, "kill", child


_ATTEMPT_VERBS = frozenset({"try", "attempt", "seek", "mean"})
_YEAR_LIKE = frozenset(str(y) for y in range(1900, 2100))


def _not_an_event(trigger: Token) -> bool:
    """What did not happen or is not this event: "could have died", "tried to kill him"
    (modal or attempted), reports the sentence calls wrong, "dead or alive" (unknown), "is
    injured or dies" (alternatives the parse left unjoined), "the 2011 murder of" (another
    year)."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    if figure_scope(verb, None) in {"modal", "retracted"} or unreal(trigger):
        return True
    if trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in _ATTEMPT_VERBS:
        return True
    if any(c.dep_ == "conj" and c.lower_ == "alive" for c in trigger.children):
        return True
    if any(c.dep_ == "cc" and c.lower_ == "or" for c in trigger.children) and not any(
        c.dep_ == "conj" for c in trigger.children
    ):
        return True  # "a child who is injured or dies": one outcome or another, said of none
    return trigger.pos_ == "NOUN" and any(c.text in _YEAR_LIKE for c in trigger.children)


def _dies(verb: Token, subject: Token) -> bool:
    """Whether ``verb`` says its subject ``subject`` died."""
    return (
        (verb.lemma_.lower() == "die" or passed_away(verb))
        and subject.dep_ in {"nsubj", "nsubjpass"}
        and subject.head.i == verb.i
        and not _negated(verb)
    )


def _died_later(trigger: Token, count: _Count) -> bool:
    """One wounded person whose own sentence says they died ("took the injured teen to the
    hospital, where he later died"; "... where she was pronounced dead"): a death, not an
    injury."""
    if count.low != 1 or count.high != 1:
        return False
    if trigger.dep_ in {"relcl", "acl"} and _dies(trigger.head.head, trigger.head):
        # "a child who had been hospitalized since the shooting has died"; "a juvenile
        # injured in a shooting Monday has died"
        return True
    head = trigger.head
    subject = _child(head, "nsubj", "nsubjpass")
    if (
        trigger.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "after" for c in trigger.children)
        and subject is not None
        and _dies(head, subject)
        and (patient := _patient(trigger)) is not None
        and patient.lower_ in {"he", "she"}  # the one who died, not "police wounded a man"
    ):
        return True  # "a girl has died after she was wounded in a shooting"
    for tok in trigger.sent:
        lemma = tok.lemma_.lower()
        if tok.i == trigger.i or _negated(tok):
            continue
        if lemma == "die" and any(c.lower_ == "later" for c in tok.children):
            return True
        nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
        if lemma == "succumb" or (lemma == "pronounce" and nxt == "dead"):
            return True
    return False


#: Outcomes a person has one of: "hurt or killed" counts people who had either.
_EXCLUSIVE_OUTCOMES = frozenset({"kill", "injure"})


def _union_of_outcomes(
    trigger: Token, role: str, count: _Count, roles: Mapping[tuple[int, int], str]
) -> bool:
    """A count shared by coordinated outcomes a person has one of: "nine have been wounded
    or killed", "three teens hurt and killed" (some were hurt, some killed): the number is of
    both together, neither the killed nor the injured. One person "wounded and later died"
    is a death (:func:`_died_later`), so "and" takes a number above one."""
    if role not in _EXCLUSIVE_OUTCOMES:
        return False
    first = trigger.head if trigger.dep_ == "conj" else trigger
    mates = [first, *(c for c in first.children if c.dep_ == "conj")]
    other = _EXCLUSIVE_OUTCOMES - {role}
    if not any(roles.get((m.i, count.first)) in other for m in mates if m.i != trigger.i):
        return False
    cc = {c.lower_ for c in first.children if c.dep_ == "cc"}
    return "or" in cc or ("and" in cc and (count.low or 0) > 1)


def _conduct(trigger: Token, head: Token, count: _Count) -> bool:
    """ "She didn't hurt nobody" (a mother on her son): a double negative, spoken about a
    person's conduct, not how many the event hurt. Reports of none say "no one was hurt" or
    "did not injure anyone"."""
    if count.low != 0 or count.high != 0 or not _negated(trigger):
        return False
    return head.lower_ in _NONE_WORDS or (
        head.lower_ == "one" and head.i > 0 and head.nbor(-1).lower_ == "no"
    )


def _caption_instance(trigger: Token, head: Token) -> bool:
    """ "Officers detain a protester during a rally" (a photo caption): one person in the
    simple present is what a picture shows, not how many the event affected."""
    if trigger.tag_ not in {"VBP", "VBZ"} or any(
        c.dep_.startswith("aux") for c in trigger.children
    ):
        return False
    return any(c.lower_ in {"a", "an"} for c in head.children if c.dep_ == "det")


def _neither(head: Token) -> bool:
    """ "Neither the driver nor the passenger": a coordination the verb denies."""
    return any(c.dep_ == "preconj" and c.lower_ == "neither" for c in head.children)


def _negated(trigger: Token) -> bool:
    """ "was not injured", "is not dead"; also "was not fatally wounded", where the parser
    hangs "not" on the auxiliary."""
    cur = trigger if trigger.pos_ != "ADJ" else trigger.head
    return any(
        c.dep_ == "neg"
        or (c.dep_ in {"aux", "auxpass"} and any(g.dep_ == "neg" for g in c.children))
        for c in cur.children
    )


def find_people_counts(doc: Doc, denied: set[int] | None = None) -> list[PeopleCount]:
    """Every count of people in a role (module docstring), in text order. The tokens of
    positive counts that their sentence denies, or that count outcomes together ("hurt or
    killed"), go into ``denied``."""
    denied = set() if denied is None else denied
    found: list[PeopleCount] = []
    seen: set[tuple[int, str]] = set()
    triggered = [
        (trigger, role, head, count_phrase(head, role))
        for trigger, role, head in _triggers(doc)
        if head is not None
    ]
    # (trigger, first token of its count) → role: for coordinated outcomes sharing a count
    roles = {(t.i, c.first): r for t, r, _, c in triggered if c is not None}
    for trigger, role, head, count in triggered:
        if (head.i, role) in seen:
            continue
        if count is None or _caption_instance(trigger, head) or _not_an_event(trigger):
            continue
        if _union_of_outcomes(trigger, role, count, roles):
            denied.update(range(count.first, count.last + 1))  # no bare number either
            continue
        if role == "injure" and _died_later(trigger, count):
            continue
        if _conduct(trigger, head, count):
            continue
        if _negated(trigger) or _neither(head):
            if (count.low or 0) > 0:
                # "those two children were not injured", "neither the driver nor the
                # passenger was hurt": people the event spared, not a count of its victims
                denied.update(range(count.first, count.last + 1))
                continue
            count = replace(count, low=0.0, high=0.0, qualifier=None, approximate=False)
        seen.add((head.i, role))
        start, end = count.first, count.last + 1
        if trigger.i != head.i and abs(trigger.i - head.i) <= _MAX_SPAN_TOKENS:
            start, end = min(start, trigger.i), max(end, trigger.i + 1)
        counted = head.lemma_.lower() if head.pos_ in {"NOUN"} and not _conjuncts(head) else None
        found.append(
            PeopleCount(
                role=role,
                low=count.low,
                high=count.high,
                qualifier=count.qualifier,
                approximate=count.approximate,
                start=start,
                end=end,
                head=head,
                trigger=trigger,
                referring=count.referring,
                counted=counted,
                number=count.number if count.last - count.first < 8 else None,
            )
        )
    found.sort(key=lambda c: c.start)
    return _first_mentions(found)


def _first_mentions(counts: Sequence[PeopleCount]) -> list[PeopleCount]:
    """Mark a referring count as a repeat when its role has a count earlier in the article
    (it repeats that count or is a part of it); repeats still tell named victims apart."""
    out: list[PeopleCount] = []
    roles: set[str] = set()
    for c in counts:
        out.append(replace(c, repeat=True) if c.referring and c.role in roles else c)
        roles.add(c.role)
    return out


#: predicate lemmas the number pass may give a count in each role ("detain" for "arrest").
#: The predicate of an injured count read off "in critical/serious/stable condition".
CONDITION = "condition"
ROLE_PREDICATES: dict[str, frozenset[str]] = {
    role: frozenset(
        [role]
        + [v for v, r in ROLE_VERBS.items() if r == role]
        + [v for v, r in SUBJECT_VERBS.items() if r == role]
        + [a for a, r in STATE_ADJECTIVES.items() if r == role]
        + ([CONDITION] if role == "injure" else [])
    )
    for role in {*ROLE_VERBS.values(), *SUBJECT_VERBS.values(), *STATE_ADJECTIVES.values()}
}
#: A gathering's people: the compare stage's "protest" family.
ROLE_PREDICATES[GATHERING] = GATHERING_VERBS
