"""From counts of people to figures (docs/figures.md, "Counts of people in a role").

:func:`people_counts` turns the counts :func:`corroborate.analyze.people.find_people_counts`
reads into the article's own: it drops the counts the article contradicts (a named victim
later reported dead, the wounded of a reported death, people found wounded where as many
died) and says which tokens the number pass must leave alone. :func:`merge_people_counts`
makes them figures and adds the counts the article implies but does not state (totals and
parts): shot − killed, "shot, no death reported", named victims, a killing and the
killer's suicide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from corroborate.analyze.figure_scope import (
    background,
    figure_scope,
    for_earlier_death,
    nth_of_a_series,
    separate_event,
)
from corroborate.analyze.number_tokens import child_of as _child
from corroborate.analyze.number_tokens import like_number as _is_number
from corroborate.analyze.people import (  # with the counting pass's package-internal helpers
    _NAME_TYPES,
    _REFLEXIVES,
    _SELF,
    CONDITION,
    NO_DEATH_REPORTED,
    ROLE_PREDICATES,
    PeopleCount,
    _conjuncts,
    _is_age_noun,
    _listed_with_self,
    _named_earlier,
    find_people_counts,
    is_person_noun,
    state_of_victim,
    tells_death,
)
from corroborate.analyze.tolls import toll_role
from corroborate.types import Figure


def _figure(doc: Doc, c: PeopleCount, derived: str | None = None) -> Figure:
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
        predicate=_predicate(c),
        object=c.head.text if c.head.ent_type_ == "PERSON" else None,
        scope=figure_scope(verb, c.head) or _noun_scope(c),
        derived=derived,
    )


def _noun_scope(c: PeopleCount) -> str | None:
    """The frame a count told by an event noun takes from the noun's own words: "a vigil
    for a man killed last week" (before), "the death of a man in a separate shooting"
    (other: the noun's "in" phrase, which the verb's frame does not see; "a fifth man"
    still counts the story's series)."""
    if c.trigger.pos_ != "NOUN":
        return None
    if for_earlier_death(c.trigger):
        return "before"
    return "other" if separate_event(c.head) and not nth_of_a_series(c.head) else None


#: Trigger lemmas kept as the predicate (the compare stage's families know them: "detained"
#: stays "detain"); other triggers ("murder", "found ... dead") give the role's lemma.
_OWN_LEMMAS = frozenset({"detain", "arrest", "apprehend", "kill", "die", "injure", "wound", "hurt"})


def _predicate(c: PeopleCount, default: str | None = None) -> str:
    lemma = c.trigger.lemma_.lower()
    if lemma == CONDITION:
        return CONDITION  # "listed in critical condition": an injury the victim may die of
    if default is not None:
        return default
    return lemma if lemma in _OWN_LEMMAS and lemma in ROLE_PREDICATES[c.role] else c.role


def _exact_value(c: PeopleCount) -> float | None:
    return c.low if c.low is not None and c.low == c.high and not c.approximate else None


#: How :func:`_derived_injured` tells a count it subtracted the dead from.
_MINUS_KILLED = " − killed "


def _derived_injured(doc: Doc, counts: Sequence[PeopleCount]) -> Figure | None:
    """Injured = shot − killed when the article states both and no injured count as large
    ("she and three others were shot ... the remaining victim is in hospital": 4, not 1)."""
    injured = [v for c in counts if c.role == "injure" and (v := _exact_value(c)) is not None]
    if any(c.role == "injure" and _exact_value(c) is None for c in counts):
        return None
    shot = [c for c in counts if c.role == "shoot" and _exact_value(c)]
    if not shot:
        return None
    total = max(shot, key=lambda c: (_exact_value(c) or 0, -c.start))
    n_shot = _exact_value(total) or 0.0
    killed = [v for c in counts if c.role == "kill" and (v := _exact_value(c)) is not None]
    if killed:
        n_killed = max(*killed, len(_named(counts, "kill")))
        if _others(total.head):  # "a boy was killed and six others were shot": 6 besides
            n_killed = 0.0
        if n_shot - n_killed <= max(injured, default=0):
            return None
        why = f"shot {n_shot:g}{_MINUS_KILLED}{n_killed:g}"
        if not n_killed:
            why = f"shot {n_shot:g} others besides the killed"
        rest = n_shot - n_killed
        return _figure(doc, replace(total, role="injure", low=rest, high=rest), why)
    if any(tells_death(t) for t in doc):
        return None  # a death is reported but not counted: the shot count may include it
    if n_shot <= max(injured, default=0):
        return None
    return _figure(doc, replace(total, role="injure"), f"shot {n_shot:g}, {NO_DEATH_REPORTED}")


def _subtracted(f: Figure) -> bool:
    return (f.derived or "").startswith("shot ") and _MINUS_KILLED in (f.derived or "")


def rederive_injured(figures: Sequence[Figure]) -> tuple[Figure, ...]:
    """``figures`` with the injured count derived as shot − killed
    (:func:`_derived_injured`) set back to the shot count when every count of the dead
    in the text proves to be of another event once dates frame the counts
    (:func:`corroborate.analyze.figure_scope.date_frames`, which runs after the counts are
    merged): "Four people were shot Friday ... On Nov. 1, a boy was fatally shot" = 4
    injured, not 3. Read off the GVC dev board's conflicts (2026-12-06): 6 of the 99
    articles with such a count had subtracted only an earlier event's dead."""
    derived = [f for f in figures if _subtracted(f)]
    if not derived:
        return tuple(figures)
    dead = [
        f
        for f in figures
        if f.unit == "people"
        and f.field == "text"
        and (f.predicate or "") in ROLE_PREDICATES["kill"]
        and not f.derived
    ]
    if not dead or not all(background(f.scope) for f in dead):
        return tuple(figures)
    out: list[Figure] = []
    for f in figures:
        if _subtracted(f) and f.scope is None:
            shot = next(
                (
                    s
                    for s in figures
                    # the shot count inside the derived count's span, its source
                    if f.start <= s.start < s.end <= f.end
                    and (s.predicate or "") in ROLE_PREDICATES["shoot"]
                    and s.low is not None
                    and s.low == s.high
                ),
                None,
            )
            if shot is not None and shot.low is not None and shot.low > (f.low or 0):
                f = replace(
                    f,
                    low=shot.low,
                    high=shot.low,
                    derived=f"shot {shot.low:g}, the dead of another event",
                )
        out.append(f)
    return tuple(out)


def _others(head: Token) -> bool:
    """ "six others", "six other people": a count besides those named before it (not "the
    other" of a pair: "one twin shot the other")."""
    if head.lower_ == "other" and any(c.lower_ == "the" for c in head.children):
        return False
    return head.lemma_.lower() == "other" or any(
        c.lower_ == "other" for c in head.children if c.dep_ == "amod"
    )


def _besides_others(
    doc: Doc, counts: Sequence[PeopleCount]
) -> tuple[Figure, list[PeopleCount]] | None:
    """ "One man is in critical condition and three others are injured": a count and "N
    others" of the same role in one sentence make a total (4) when the article states no
    count as large; the two are then its parts. (Across roles the others are besides:
    "a man was killed and three others were wounded" stays 3 wounded.) Read off the GVC dev
    board's conflict groups, where the parts had stood against other outlets' totals. The
    article's first "N others" with one such count decides."""
    for c in counts:
        n = _exact_value(c)
        if not n or not _others(c.head) or c.repeat:
            continue
        before = [
            p
            for p in counts
            if p is not c
            and p.role == c.role
            and p.head.sent.start == c.head.sent.start
            and p.head.i < c.head.i
            and _coordinated_clauses(p.head, c.head)
            and not _others(p.head)
            and not p.repeat
            and _exact_value(p)
        ]
        if len(before) != 1:
            continue
        part = before[0]
        total = n + (_exact_value(part) or 0)
        stated = [v for x in counts if x.role == c.role and (v := _exact_value(x)) is not None]
        if max(stated, default=0) >= total:
            return None
        whole = replace(
            c, start=min(part.start, c.start), end=max(part.end, c.end), low=total, high=total
        )
        why = f"{_exact_value(part):g} + {n:g} others"
        return _figure(doc, whole, why), [part, c]
    return None


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause ``tok`` is in (at most four heads up)."""
    for _ in range(4):
        if tok.pos_ in {"VERB", "AUX"} or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _coordinated_clauses(a: Token, b: Token) -> bool:
    """Whether the clauses of ``a`` and ``b`` are coordinated ("one man is in critical
    condition and three others are injured"), not one inside the other ("four people were
    hurt: one man is critical and three others are injured")."""
    va, vb = _clause_verb(a), _clause_verb(b)
    return (vb.dep_ == "conj" and vb.head.i == va.i) or (va.dep_ == "conj" and va.head.i == vb.i)


def _name_key(c: PeopleCount) -> str | None:
    """The person a count of one names ("Okafor"), for telling victims apart."""
    if _exact_value(c) != 1 or not (
        (c.head.pos_ == "PROPN" and c.head.ent_type_ in _NAME_TYPES) or _named_earlier(c.head)
    ):
        return None
    if c.head.ent_type_ != "PERSON" and is_person_noun(c.head):
        return None  # "Man shot to death ...": a headline's capitalised "Man" is nobody's name
    return c.head.text.lower()


def _named(counts: Sequence[PeopleCount], role: str) -> list[PeopleCount]:
    """The first count of each distinct named person in ``role``."""
    seen: dict[str, PeopleCount] = {}
    for c in counts:
        key = _name_key(c)
        if c.role == role and key is not None:
            seen.setdefault(key, c)
    return list(seen.values())


def _derived_named_total(doc: Doc, counts: Sequence[PeopleCount], role: str) -> Figure | None:
    """ "Okafor died at the scene. Lund died at the hospital": two named people in
    one role make a total of two when no larger count is stated."""
    named = _named(counts, role)
    stated = [v for c in counts if c.role == role and (v := _exact_value(c)) is not None]
    if len(named) < 2 or max(stated, default=0) >= len(named):
        return None
    n = float(len(named))
    why = f"{len(named)} named: " + ", ".join(c.head.text for c in named)
    return _figure(doc, replace(named[0], low=n, high=n), why)


def _suicide(sent: Span) -> Token | None:
    """The verb of a killer's suicide in ``sent``: "killed himself", "killed his son and
    then himself", "fatally shoots self" (a headline), "took his own life", "committed
    suicide", "turned the gun on himself"."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        objects = [c for c in tok.children if c.dep_ in {"dobj", "conj"}]
        if lemma in {"kill", "shoot"} and tok.pos_ == "VERB":
            objects += [g for o in objects for g in o.children if g.dep_ == "conj"]
            if any(o.lower_ in {"himself", "herself", "self"} for o in objects):
                return tok
        # "shot four relatives, killing two, then himself": the parser hangs the last item
        # anywhere; it is the object of the shooting before it
        if (
            tok.lower_ in {"himself", "herself"}
            and tok.i > sent.start
            and tok.doc[tok.i - 1].lower_ in {"then", "and"}
        ):
            verbs = [
                v
                for v in tok.doc[sent.start : tok.i]
                if v.pos_ == "VERB" and v.lemma_.lower() in {"kill", "shoot"}
            ]
            if verbs:
                return verbs[0]
        if lemma == "commit" and any(o.lemma_.lower() == "suicide" for o in objects):
            return tok
        if lemma == "turn" and any(o.lemma_.lower() in {"gun", "weapon"} for o in objects):
            on = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"]
            if any(g.lower_ in {"himself", "herself"} for p in on for g in p.children):
                return tok
        if lemma == "take" and any(
            c.dep_ == "dobj"
            and c.lemma_.lower() == "life"
            and any(g.lower_ == "own" for g in c.subtree)
            for c in tok.children
        ):
            return tok
    return None


def _kills_only_himself(verb: Token) -> bool:
    """ "(the gun the boy used) to kill himself": the verb's count is the killer himself,
    no victim ("killed his son and then himself" has one)."""
    obj = _child(verb, "dobj")
    return obj is not None and obj.lower_ in _REFLEXIVES


def _derived_with_suicide(doc: Doc, counts: Sequence[PeopleCount]) -> Figure | None:
    """ "A gunman killed seven people before he killed himself": the dead are the victims and
    the killer, eight, when one sentence states both and no count of the article is as
    large (the Gun Violence Archive, like most tallies of a shooting's dead, counts the
    shooter)."""
    stated = [v for c in counts if c.role == "kill" and (v := _exact_value(c)) is not None]
    for sent in doc.sents:
        verb = _suicide(sent)
        if verb is None:
            continue
        victims = [
            c
            for c in counts
            if c.role == "kill"
            and sent.start <= c.head.i < sent.end
            and c.head.lower_ not in _REFLEXIVES
            and c.head.pos_ != "PRON"  # "he": the killer himself
            and not (c.trigger.i == verb.i and _kills_only_himself(verb))
            and not any(  # the killer is in the list already
                p.lower_ in _SELF for p in (*_conjuncts(c.head), *_listed_with_self(c.head))
            )
            and not (c.head.dep_ == "nsubj" and c.head.head.i == verb.i)  # "the man" did it
            and _exact_value(c)
        ]
        if not victims:
            continue
        first = max(victims, key=lambda c: _exact_value(c) or 0)
        total = (_exact_value(first) or 0) + 1
        if max(stated, default=0) >= total:
            return None
        why = f"killed {total - 1:g}, then the killer"
        return _figure(doc, replace(first, low=total, high=total), why)
    return None


def _consistent(doc: Doc, counts: Sequence[PeopleCount]) -> list[PeopleCount]:
    """Drop injured counts the article contradicts: a named person later reported dead,
    a victim "suffering from a gunshot wound" in an article that reports a death (the
    wound is how the victim was found, not the outcome), "the wounded boy" where one boy
    died ("a 15-year-old boy who died ... the wounded boy": the same boy), and people found
    wounded where as many or more were killed ("arrived to find the father and two
    children wounded" in a report of three shot to death), and one person who "had been
    critically injured" in an article that reports a death."""
    dead = {k for c in counts if c.role == "kill" and (k := _name_key(c)) is not None}
    dead_nouns = {c.head.lemma_.lower() for c in counts if c.role == "kill" and _one_noun(c)}
    killed = max((c.low or 0 for c in counts if c.role == "kill" and c.low == c.high), default=0)
    death = any(tells_death(t) for t in doc)
    out: list[PeopleCount] = []
    for c in counts:
        if c.role == "injure" and (
            _name_key(c) in dead
            or (death and state_of_victim(c.trigger))
            or (_the_one_noun(c) and c.head.lemma_.lower() in dead_nouns)
            or (_found_in_state(c.trigger) and 0 < (c.high or 0) <= killed)
            or (death and c.low == c.high == 1 and _pluperfect(c.trigger))
        ):
            continue
        out.append(c)
    return out


def _pluperfect(trigger: Token) -> bool:
    """ "had been critically injured": a state before the article's news (in an article that
    reports a death, the wounding of the one who died)."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children)


def _found_in_state(trigger: Token) -> bool:
    """ "arrived to find the mother and two sons wounded": how victims were found."""
    return trigger.dep_ in {"ccomp", "oprd", "xcomp"} and trigger.head.lemma_.lower() == "find"


def _one_noun(c: PeopleCount) -> bool:
    return c.low == c.high == 1 and c.head.pos_ == "NOUN"


def _the_one_noun(c: PeopleCount) -> bool:
    """ "the wounded boy": one person named by a noun with "the", which points back."""
    return _one_noun(c) and any(d.dep_ == "det" and d.lower_ == "the" for d in c.head.children)


def people_counts(doc: Doc) -> tuple[list[PeopleCount], set[int]]:
    """The counts of ``doc`` and the tokens the number pass must leave to them: every token
    of a count that is not one written number ("two women and a man", "a man")."""
    covered: set[int] = set()  # a denied count's number is no figure either
    found = [c for c in find_people_counts(doc, covered) if c.low is not None or c.high is not None]
    counts = _consistent(doc, found)
    kept = {id(c) for c in counts}
    for c in found:
        if id(c) not in kept:  # a contradicted count's numbers are no figures of their own
            covered.update(t.i for t in _phrase(doc, c) if not _in_age(t))
    for c in counts:
        if c.number is not None:
            continue
        phrase = _phrase(doc, c)
        # numbers inside stay the number pass's: an age ("a 17-year-old"), a part of a
        # coordinated count ("two women" of "two women and a man", scope "part"); a
        # range ("between 20 and 30 people") is the count's alone
        parts = bool(_conjuncts(c.head))
        appositions = {t.i for a in c.head.children if a.dep_ == "appos" for t in a.subtree}
        covered.update(
            t.i
            for t in phrase
            if t.i not in appositions  # "Varga, 44, was detained": the age stays an age
            and not (_numbered(t) if parts else _in_age(t))
        )
    return counts, covered


def _phrase(doc: Doc, c: PeopleCount) -> Span:
    return doc[min(c.start, c.head.left_edge.i) : max(c.end, c.head.right_edge.i + 1)]


def _in_age(tok: Token) -> bool:
    """Whether ``tok`` is part of an age ("17-year-old", "year", the hyphens)."""
    cur = tok
    while True:
        if _is_age_noun(cur) or cur.lemma_.lower() == "year":
            return True
        if cur.head.i == cur.i or cur.dep_ not in {"punct", "npadvmod", "nummod", "amod"}:
            return False
        cur = cur.head


def _numbered(tok: Token) -> bool:
    """Whether ``tok`` is a number, a noun it counts, or inside an age."""
    if _is_number(tok) or any(c.dep_ == "nummod" for c in tok.children):
        return True
    if tok.dep_ == "nummod" or (tok.head.dep_ == "nummod" and tok.head.i != tok.i):
        return True
    return _in_age(tok)


#: Verbs of saying a number pass may give a count whose clause they only report.
_SAYING = frozenset({"say", "tell", "report", "add", "state", "claim", "announce", "confirm"})
#: Predicates the number pass gives a count that say nothing of its own ("two men were
#: dead", "45 remain missing", "a total of 17 people were hospitalized", "left 100 people
#: injured"): the count's role replaces them rather than standing beside them as a second
#: figure.
_BARE_PREDICATES = frozenset({"be", "remain", "total", "leave"})


def merge_people_counts(
    doc: Doc, counts: Sequence[PeopleCount], numbers: Sequence[Figure]
) -> list[Figure]:
    """The number pass's figures plus the people counts: a count that is one written number
    reuses the number's figure (its text, qualifier, subject), under the count's role when
    the number pass gave it another predicate ("two men were shot and killed": shoot 2 and
    kill 2); other counts get their own figure; then the derived injured count, if any."""
    out = list(numbers)
    for c in counts:
        if c.repeat:
            continue
        fig = None
        if c.number is not None:
            at = doc[c.number].idx
            fig = next((f for f in numbers if f.start <= at < f.end and f.kind == "count"), None)
        if fig is None:
            out.append(_figure(doc, c))
        elif (fig.predicate or "") not in ROLE_PREDICATES[c.role] or fig.unit != "people":
            moved = replace(fig, predicate=_predicate(c, c.role), unit="people")
            # "the killing of two men": the noun's own count; "1 Dead, 4 Injured In ...": a
            # bare number the number pass gave no predicate (it would stay a second group)
            own = (
                fig.predicate is None
                or fig.predicate == c.trigger.lemma_.lower()
                or fig.predicate in _BARE_PREDICATES  # "two men were dead": no "be" count
                or toll_role(c.trigger) is not None  # "the death toll rose to 10": no rising
            )
            if (own or fig.predicate in _SAYING) and fig in out:
                # "Police say 2 people are dead": the saying is no event of the count's (the
                # twenty-eighth hand reading: it had stayed a second group, "say — people")
                out[out.index(fig)] = moved
            else:
                out.append(moved)  # "two men were shot and killed": shot 2 and killed 2
    besides = _besides_others(doc, counts)
    if besides is not None:
        total, parts = besides
        heads = [doc[p.head.i].idx for p in parts]
        family = ROLE_PREDICATES[parts[0].role]
        out = [
            replace(f, scope="part")
            if f.unit == "people"
            and f.scope is None
            and f.field == "text"
            and (f.predicate in family or f.predicate == parts[0].role)
            and any(f.start <= h < f.end for h in heads)
            else f
            for f in out
        ]
        out.append(total)
    for derived in (
        _derived_named_total(doc, counts, "kill"),
        _derived_with_suicide(doc, counts),
        _derived_named_total(doc, counts, "injure"),
        _derived_injured(doc, counts),
    ):
        if derived is not None:
            out.append(derived)
    out.sort(key=lambda f: f.start)
    return out
