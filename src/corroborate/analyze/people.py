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

**Totals and parts** ("three people were shot, one fatally" = shot 3, killed 1, injured 2):
when an article states how many were shot and how many were killed but not how many were
injured, the difference is the injured count (``Figure.derived`` says so). When it states
only how many were shot and nothing in it reports a death, the people shot were injured.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from corroborate.analyze.numbers import parse_quantity
from corroborate.types import Figure

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
#: intransitive verbs whose subject is counted.
SUBJECT_VERBS: dict[str, str] = {"die": "kill"}
#: adjectives of state after be/leave/find/pronounce ("is dead", "left two injured").
STATE_ADJECTIVES: dict[str, str] = {
    "dead": "kill",
    "injured": "injure",
    "wounded": "injure",
    "hurt": "injure",
    "missing": "missing",
}
#: "suffered gunshot wounds": the subject of these verbs with such an object is injured.
_SUFFER_VERBS = frozenset({"suffer", "sustain"})
_INJURY_NOUNS = frozenset({"injury", "wound"})
_FATAL_ADVERBS = frozenset({"fatally", "mortally"})
_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
_REFLEXIVES = frozenset({"himself", "herself", "themselves"})
_NONE_WORDS = frozenset({"nobody", "none", "noone"})
_PAIR_NOUNS = frozenset({"couple", "pair", "twin"})
_ONE_DETERMINERS = frozenset({"a", "an", "one", "another", "each"})
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
_DEATH_LEMMAS = frozenset({"die", "kill", "dead", "death", "fatal", "fatally", "murder", "slay"})
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


# --------------------------------------------------------------------------- people nouns


def is_person_noun(tok: Token) -> bool:
    """Whether ``tok`` names people: the figures lexicon, incident nouns, "17-year-old"."""
    from corroborate.analyze.figures import count_unit

    if tok.pos_ not in {"NOUN", "PROPN", "ADJ", "PRON"}:
        return False
    lemma = tok.lemma_.lower()
    if lemma in INCIDENT_PEOPLE or count_unit(tok) == "people":
        return True
    return _is_age_noun(tok)


def _is_age_noun(tok: Token) -> bool:
    """ "a 17-year-old" (head "old" with a "year" child) used as a noun."""
    return tok.lower_ == "old" and any(c.lemma_.lower() == "year" for c in tok.children)


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


def _numeric_count(tok: Token, first: int, last: int | None = None) -> _Count | None:
    from corroborate.analyze.figures import widen_left

    start, _ = widen_left(tok.doc, first)
    q = parse_quantity(tok.doc[start : tok.i + 1].text)
    if q is None or q.dimension not in {"", "count", None}:
        return None
    end = tok.i if last is None else last
    return _Count(q.low, q.high, q.qualifier, q.approximate, start, end, False, tok.i)


def _exact(value: float, first: int, last: int, referring: bool = False) -> _Count:
    return _Count(value, value, None, False, first, last, referring)


def _is_number(tok: Token) -> bool:
    return tok.like_num or tok.pos_ == "NUM"


def count_phrase(head: Token) -> _Count | None:
    """How many people the phrase headed by ``head`` names (None when it does not say)."""
    parts = [head, *_conjuncts(head)]
    counts = [_count_one(p) for p in parts]
    if any(c is None for c in counts):
        return None
    done = [c for c in counts if c is not None]
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


def _conjuncts(head: Token) -> list[Token]:
    out: list[Token] = []
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON", "NUM", "ADJ"}:
            out.append(child)
            out.extend(_conjuncts(child))
    return out


def _left_edge(head: Token) -> int:
    """First token of the phrase, without the conjuncts after the head."""
    lefts = [t.i for t in head.lefts if t.dep_ not in {"cc", "punct"}]
    return min([head.i, *lefts])


def _count_one(tok: Token) -> _Count | None:
    low = tok.lower_
    first = _left_edge(tok)
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "predet"}}
    if low in _NONE_WORDS or (low == "one" and "no" in dets):
        return _exact(0, first, tok.i)
    if low == "both" or "both" in dets:
        return _exact(2, first, tok.i)
    if _is_number(tok):  # "two of the victims", "5 injured", "all four"
        return _numeric_count(tok, tok.i)
    nums = [c for c in tok.children if c.dep_ == "nummod" and _is_number(c)]
    if nums and is_person_noun(tok):
        return _numeric_count(nums[-1], nums[0].i, tok.i)
    if low in _SINGULAR_PRONOUNS:
        return _exact(1, tok.i, tok.i, referring=True)
    if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
        return _exact(1, first, tok.i, referring=True)
    if not is_person_noun(tok):
        return None
    if tok.lemma_.lower() in _PAIR_NOUNS and tok.tag_ in {"NN", "NNP"}:
        return _exact(2, first, tok.i, referring=bool(dets & _DEFINITE))
    if "no" in dets:
        return _exact(0, first, tok.i)
    if tok.tag_ in {"NNS", "NNPS"}:
        return None  # "the victims", "police officers": how many is not said
    if dets & _ONE_DETERMINERS:
        return _exact(1, first, tok.i)
    poss = any(c.dep_ == "poss" for c in tok.children)
    if dets & _DEFINITE or poss:
        return _exact(1, first, tok.i, referring=True)
    if tok.i == tok.sent.start or (tok.i > 0 and tok.doc[tok.i - 1].is_space):
        return _exact(1, first, tok.i)  # a headline without its article: "Teenager shot"
    return None


# --------------------------------------------------------------------------- triggers


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _inherited_subject(verb: Token) -> Token | None:
    """ "was shot and killed": a coordinated verb without a subject borrows its head's."""
    cur = verb
    while cur.dep_ == "conj" and not _child(cur, "nsubj", "nsubjpass"):
        cur = cur.head
        found = _child(cur, "nsubjpass", "nsubj")
        if found is not None:
            return found
    return None


def _relative_antecedent(verb: Token, tok: Token | None) -> Token | None:
    if tok is not None and tok.lower_ in {"who", "that", "whom"} and verb.dep_ == "relcl":
        return verb.head
    return tok


def _patient(verb: Token) -> Token | None:
    """The counted phrase of a transitive trigger (passive subject or object)."""
    passive = verb.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.children)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head  # "a man killed in a shooting"
    obj = _child(verb, "dobj")
    if obj is not None and obj.lower_ in _REFLEXIVES:
        subj = _child(verb, "nsubj") or _inherited_subject(verb)
        return subj if subj is not None else obj
    if obj is not None:
        return obj
    subj = _child(verb, "nsubjpass")
    if subj is None and (passive or verb.tag_ == "VBD"):
        # "was shot and killed" (borrowed subject); "Teenager shot and killed" (a headline)
        subj = _child(verb, "nsubj")
        if subj is not None and not is_person_noun(subj) and not _is_number(subj):
            subj = None
        subj = subj or _inherited_subject(verb)
    return _relative_antecedent(verb, subj)


def _subject(verb: Token) -> Token | None:
    subj = _child(verb, "nsubj", "nsubjpass") or _inherited_subject(verb)
    return _relative_antecedent(verb, subj)


def _verb_role(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    role = ROLE_VERBS.get(lemma)
    for child in verb.children:
        low = child.lower_
        if role in {"shoot", "injure"} and child.dep_ == "advmod" and low in _FATAL_ADVERBS:
            return "kill"
        if child.dep_ in {"oprd", "acomp", "advmod", "xcomp"} and low == "dead":
            return "kill"  # "shot dead", "found dead", "pronounced dead"
        objects = {g.lemma_.lower() for g in child.children} if child.dep_ == "prep" else set()
        if low == "to" and "death" in objects:
            return "kill"  # "shot to death", "beaten to death"
        if lemma == "take" and low == "into" and "custody" in objects:
            return "arrest"
    return role


def _triggers(doc: Doc) -> Iterable[tuple[Token, str, Token | None]]:
    """(trigger, role, counted phrase head) for every trigger in ``doc``."""
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"}:
            if lemma in SUBJECT_VERBS:
                yield tok, SUBJECT_VERBS[lemma], _subject(tok)
                continue
            if lemma in _SUFFER_VERBS:
                # "suffered gunshot wounds", "suffering from a gunshot wound"
                prep = _child(tok, "prep")
                objs = [_child(tok, "dobj"), _child(prep, "pobj") if prep is not None else None]
                if any(o is not None and o.lemma_.lower() in _INJURY_NOUNS for o in objs):
                    yield tok, "injure", _subject(tok)
                continue
            role = _verb_role(tok)
            if role is None:
                continue
            if lemma in {"find", "pronounce", "leave", "take"} or lemma not in ROLE_VERBS:
                yield tok, role, _patient(tok) if lemma != "leave" else _child(tok, "dobj")
            else:
                yield tok, role, _patient(tok)
            yield from _fatal_part(tok)
        elif tok.pos_ == "ADJ" and lemma in STATE_ADJECTIVES and tok.dep_ in {"acomp", "conj"}:
            head = tok.head
            if head.lemma_.lower() == "be":
                yield tok, STATE_ADJECTIVES[lemma], _subject(head)


def _fatal_part(verb: Token) -> Iterable[tuple[Token, str, Token | None]]:
    """ "three people were shot, one fatally": the number with "fatally" is killed."""
    if verb.lemma_.lower() != "shoot":
        return
    for child in verb.children:
        if _is_number(child) and any(g.lower_ in _FATAL_ADVERBS for g in child.children):
            yield child, "kill", child


def _negated(trigger: Token) -> bool:
    cur = trigger if trigger.pos_ != "ADJ" else trigger.head
    return any(c.dep_ == "neg" for c in cur.children)


def find_people_counts(doc: Doc) -> list[PeopleCount]:
    """Every count of people in a role (module docstring), in text order."""
    found: list[PeopleCount] = []
    seen: set[tuple[int, str]] = set()
    for trigger, role, head in _triggers(doc):
        if head is None or (head.i, role) in seen:
            continue
        count = count_phrase(head)
        if count is None:
            continue
        if _negated(trigger):
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
    """Drop a referring count when its role already has a count earlier in the article."""
    out: list[PeopleCount] = []
    roles: set[str] = set()
    for c in counts:
        if c.referring and c.role in roles:
            continue
        roles.add(c.role)
        out.append(c)
    return out


# --------------------------------------------------------------------------- figures


def _figure(doc: Doc, c: PeopleCount, derived: str | None = None) -> Figure:
    from corroborate.analyze.figures import figure_scope

    span = doc[c.start : c.end]
    verb = c.trigger if c.trigger.pos_ in {"VERB", "AUX"} else c.trigger.head
    return Figure(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        kind="count",
        low=c.low,
        high=c.high,
        unit="people",
        qualifier=c.qualifier,
        approximate=c.approximate,
        counted=c.counted,
        predicate=c.role,
        object=c.head.text if c.head.ent_type_ == "PERSON" else None,
        scope=figure_scope(verb, c.head),
        derived=derived,
    )


def _exact_value(c: PeopleCount) -> float | None:
    return c.low if c.low is not None and c.low == c.high and not c.approximate else None


def _derived_injured(doc: Doc, counts: Sequence[PeopleCount]) -> Figure | None:
    """Injured = shot − killed when the article states both but not the injured."""
    if any(c.role == "injure" for c in counts):
        return None
    shot = [c for c in counts if c.role == "shoot" and _exact_value(c)]
    if not shot:
        return None
    total = max(shot, key=lambda c: (_exact_value(c) or 0, -c.start))
    n_shot = _exact_value(total) or 0.0
    killed = [v for c in counts if c.role == "kill" and (v := _exact_value(c)) is not None]
    if killed:
        n_killed = max(killed)
        if n_shot <= n_killed:
            return None
        why = f"shot {n_shot:g} − killed {n_killed:g}"
        rest = n_shot - n_killed
        return _figure(doc, replace(total, role="injure", low=rest, high=rest), why)
    if any(t.lemma_.lower() in _DEATH_LEMMAS for t in doc):
        return None  # a death is reported but not counted: the shot count may include it
    return _figure(doc, replace(total, role="injure"), f"shot {n_shot:g}, no death reported")


#: predicate lemmas the number pass may give a count in each role ("detain" for "arrest").
ROLE_PREDICATES: dict[str, frozenset[str]] = {
    role: frozenset(
        [role]
        + [v for v, r in ROLE_VERBS.items() if r == role]
        + [v for v, r in SUBJECT_VERBS.items() if r == role]
        + [a for a, r in STATE_ADJECTIVES.items() if r == role]
    )
    for role in {*ROLE_VERBS.values(), *SUBJECT_VERBS.values(), *STATE_ADJECTIVES.values()}
}


def people_counts(doc: Doc) -> tuple[list[PeopleCount], set[int]]:
    """The counts of ``doc`` and the tokens the number pass must leave to them: every token
    of a count that is not one written number ("two women and a man", "a man")."""
    counts = [c for c in find_people_counts(doc) if c.low is not None or c.high is not None]
    covered: set[int] = set()
    for c in counts:
        if c.number is not None:
            continue
        phrase = doc[min(c.start, c.head.left_edge.i) : max(c.end, c.head.right_edge.i + 1)]
        # numbers inside stay the number pass's: an age ("a 17-year-old"), a part of a
        # coordinated count ("two women" of "two women and a man", scope "part")
        covered.update(t.i for t in phrase if not _numbered(t))
    return counts, covered


def _numbered(tok: Token) -> bool:
    """Whether ``tok`` is a number, a noun it counts, or inside an age."""
    if _is_number(tok) or any(c.dep_ == "nummod" for c in tok.children):
        return True
    if tok.dep_ == "nummod" or (tok.head.dep_ == "nummod" and tok.head.i != tok.i):
        return True
    cur = tok
    while True:
        if _is_age_noun(cur) or cur.lemma_.lower() == "year":
            return True
        if cur.head.i == cur.i or cur.dep_ not in {"punct", "npadvmod", "nummod", "amod"}:
            return False
        cur = cur.head


def merge_people_counts(
    doc: Doc, counts: Sequence[PeopleCount], numbers: Sequence[Figure]
) -> list[Figure]:
    """The number pass's figures plus the people counts: a count that is one written number
    reuses the number's figure (its text, qualifier, subject), under the count's role when
    the number pass gave it another predicate ("two men were shot and killed": shoot 2 and
    kill 2); other counts get their own figure; then the derived injured count, if any."""
    out = list(numbers)
    for c in counts:
        fig = None
        if c.number is not None:
            at = doc[c.number].idx
            fig = next((f for f in numbers if f.start <= at < f.end and f.kind == "count"), None)
        if fig is None:
            out.append(_figure(doc, c))
        elif (fig.predicate or "") not in ROLE_PREDICATES[c.role] or fig.unit != "people":
            out.append(replace(fig, predicate=c.role, unit="people"))
    derived = _derived_injured(doc, counts)
    if derived is not None:
        out.append(derived)
    out.sort(key=lambda f: f.start)
    return out
