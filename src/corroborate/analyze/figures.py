"""Figures: the numbers a reader would compare, as intervals with their predicate.

Candidates come from spaCy's numeric entities (CARDINAL, QUANTITY, MONEY, PERCENT,
DATE, TIME, ORDINAL) and from numeric tokens the NER missed. Each candidate is trimmed
to its number, widened to its qualifier ("over", "about") and currency sign, merged
with a following duration part ("two years" + "and eight months"), normalised by
:func:`corroborate.analyze.numbers.parse_quantity`, and attached to what it counts and
to the governing predicate from the dependency parse. Rules: ``docs/figures.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from corroborate.analyze.ages import HALF_YEAR_OLD, MISSPELT_YEAR_OLD, age_of
from corroborate.analyze.clock import is_time_of_day
from corroborate.analyze.counted_nouns import canonical_noun, count_unit
from corroborate.analyze.figure_scope import (
    figure_scope,
    for_earlier_death,
    governing_verb,
    time_frame,
    unreal,
)
from corroborate.analyze.number_tokens import (
    DIGITS_RE,
    FIGURE_LABELS,
    YEAR_RE,
    child_of,
    counts_next,
    hyphen_unit,
    hyphen_word,
    is_numeric,
    text_after,
)
from corroborate.analyze.numbers import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DOLLAR_PREFIXES,
    QUALIFIERS,
    SCALES,
    VAGUE_WORDS,
    Quantity,
    duration_unit,
    parse_ordinal_word,
    parse_quantity,
)
from corroborate.analyze.off_board import is_list_marker, is_off_board
from corroborate.analyze.people import shares_the_number, winds_up
from corroborate.analyze.people_totals import merge_people_counts, people_counts
from corroborate.analyze.tolls import GATHERING, GATHERING_VERBS
from corroborate.analyze.years import year_in_range
from corroborate.types import Figure, LocalEntity

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
# Plural pronouns of a partitive "N of them": the figure counts their antecedent.
_PARTITIVE_PRONOUNS = frozenset({"them", "those", "these"})
_CORE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "dative"})
_OFFSET_WORDS = frozenset({"after", "before", "later", "earlier"})
_PREPOSITIONS = frozenset({"over", "under", "above", "below", "around", "about"})
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
_MAX_QUALIFIER_WORDS = max(len(q.split()) for q in QUALIFIERS)
#: Words a range of numbers the NER typed DATE may hold besides its numbers.
_RANGE_WORDS = frozenset({"between", "and", "to", "-", "–", "or"})


def _count_typed_as_date(tokens: list[Token]) -> bool:
    """ "Between 10-15 shots were fired": the NER typed a range DATE, but it holds two
    numbers (no year) and range words only, and a noun that is no unit of time follows it."""
    if any(not (t.like_num or t.lower_ in _RANGE_WORDS) for t in tokens):
        return False
    if any(YEAR_RE.match(t.text) for t in tokens) or sum(t.like_num for t in tokens) < 2:
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


#: Unit abbreviations written glued to their number ("2000ft", "300m", "5kg").
_GLUED_UNITS = frozenset({"ft", "m", "km", "mi", "cm", "mm", "kg", "lb", "lbs", "g", "t"})


def _glued_unit(doc: Doc, last: Token) -> Token | None:
    """The unit glued to the number ``last`` ("fell around 2000ft"), which the tagger may
    call a foreign word: the figure measures in it (a reading of ECB+ dev's board,
    2026-12-05, where "2000ft" had been a count of nothing)."""
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is None or last.whitespace_ or not last.like_num or nxt.lower_ not in _GLUED_UNITS:
        return None
    return nxt


#: Verbs of a change whose "from X to Y" gives the old and the new value, not a range.
_CHANGE_VERBS = frozenset(
    {"rise", "increase", "grow", "climb", "jump", "soar", "surge", "fall", "drop", "decline"}
    | {"decrease", "plunge", "slip", "sink", "tumble", "slide", "shrink", "expand", "swell"}
    | {"raise", "cut", "reduce", "lower", "boost", "hike", "lift", "double", "triple"}
    | {"change", "revise", "go"}
)


def _changed_to(doc: Doc, start: int, end: int) -> int | None:
    """Where the new value of "rose from $2 billion to $3 billion", "raised from 5% to 12%"
    starts: the number after "to", when "from" opens the phrase and a verb of change
    governs it (a reading of web pages, 2026-12-05: the old value had been taken, or the
    two as a range). "From 10 to 15 years in prison" stays a range."""
    if start == 0 or doc[start - 1].lower_ != "from":
        return None
    to = next((k for k in range(start + 1, end - 1) if doc[k].lower_ == "to"), None)
    verb = governing_verb(doc[start])
    if to is None or verb is None or verb.lemma_.lower() not in _CHANGE_VERBS:
        return None
    return to + 1


def _glued_pound(span: Span) -> bool:
    """ "a 500-pound bomb": a number glued to "pound" is a weight adjective; money is
    written "£500" or "500 pounds" (a reading of ECB+ dev's board, 2026-12-05)."""
    return any(
        t.like_num and (word := hyphen_word(t)) is not None and word.lower_ == "pound" for t in span
    )


def _candidates(doc: Doc) -> list[list[Token]]:
    """Token runs that may hold a figure: numeric entities, then stray numeric tokens."""
    runs: list[list[Token]] = []
    in_ent: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in FIGURE_LABELS:
            runs.append(list(ent))
        in_ent.update(range(ent.start, ent.end))
    run: list[Token] = []
    for tok in doc:
        if tok.i not in in_ent and is_numeric(tok) and not tok.is_space:
            run.append(tok)
            continue
        if run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    runs.sort(key=lambda r: r[0].i)
    return _join_alternatives(runs)


def _join_alternatives(runs: list[list[Token]]) -> list[list[Token]]:
    """ "six or seven children", "12 to 15 shootings", "as many as 35 to 40 firefighters":
    the NER typed each number apart; two lone numbers (the first maybe after a qualifier)
    with "or"/"to" between them are one range (not "from 3 to 4", a change)."""
    out: list[list[Token]] = []
    for run in runs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(run) == 1
            and prev[-1].like_num
            and not any(t.like_num for t in prev[:-1])  # a qualifier may come first
            and run[0].like_num
            and run[0].i == prev[-1].i + 2
            and run[0].doc[prev[-1].i + 1].lower_ in {"or", "to"}
            and (prev[0].i == 0 or run[0].doc[prev[0].i - 1].lower_ != "from")  # a change
        ):
            out[-1] = [*prev, run[0].doc[prev[-1].i + 1], run[0]]
            continue
        out.append(run)
    return out


#: A dollar sign with its country's letters, one token ("US$", "HK$", "A$").
_PREFIXED_DOLLAR = re.compile(r"(?i)(?:" + "|".join(DOLLAR_PREFIXES) + r")\$")
#: Scales glued after a sum of money ("$314m", "£2bn").
_MONEY_SCALES = frozenset({"m", "mn", "bn", "b", "k"})


def _money_scale_end(doc: Doc, start: int, end: int) -> int:
    """The end of a sum of money past a scale glued to its number ("$314m" had been $314:
    a reading of MEANTIME's board, 2026-12-05)."""
    if end >= len(doc) or doc[end - 1].whitespace_ or doc[end].lower_ not in _MONEY_SCALES:
        return end
    money = any(
        t.text in CURRENCY_SYMBOLS or _PREFIXED_DOLLAR.fullmatch(t.text) for t in doc[start:end]
    )
    return end + 1 if money else end


def widen_left(doc: Doc, first: int) -> tuple[int, str | None]:
    """Include a currency sign and a qualifier phrase before token ``first``."""
    start = first
    if start > 0 and _PREFIXED_DOLLAR.fullmatch(doc[start - 1].text):
        start -= 1  # "US$35", "HK$20": one token the NER left out of the money
    elif start > 0 and doc[start - 1].text in CURRENCY_SYMBOLS:
        start -= 1
        if start > 0 and doc[start - 1].lower_ in {"us", "c", "a", "hk", "nz"}:
            start -= 1
    if (
        start >= 2
        and doc[start - 1].lower_ in {"to", "or"}
        and re.fullmatch(r"\d+(?:\.\d+)?-", doc[start - 2].text)
    ):
        start -= 2  # "a 25- to 30-minute drive": the first end, its unit suspended
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
        (k for k, t in enumerate(tokens) if is_numeric(t) or t.lower_ in {"a", "an"}), None
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
        while k < len(doc) and is_numeric(doc[k]):
            k += 1
        if k > end + 1 and k < len(doc) and duration_unit(doc[k].text) is not None:
            return k + 1
    return end


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


#: Verbs whose subject, in a shooting, is what was fired ("one of them hit a boy").
_HIT_VERBS = frozenset({"hit", "strike", "graze", "pierce"})
_PROJECTILES = frozenset({"shot", "bullet", "round", "gunshot", "pellet"})


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
    one = pron.head.head  # "one" of "one of them"
    if (
        verb is not None
        and verb.lemma_.lower() in _HIT_VERBS
        and one.dep_ == "nsubj"
        and one.head.i == verb.i
        and child_of(verb, "dobj") is not None
    ):
        # "shots were fired into three houses, one of them hitting a boy": what hits is a shot
        shot = next(
            (
                t
                for t in reversed(doc[first:before])
                if t.tag_ == "NNS" and t.lemma_.lower() in _PROJECTILES
            ),
            None,
        )
        if shot is not None:
            return shot
    for tok in reversed(doc[first:before]):
        if tok.i in co_args or tok.tag_ not in {"NNS", "NNPS"}:
            continue
        if is_numeric(tok):  # "Thousands marched; police detained 150 of them"
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
#: Size units that name a gun on their own ("his weapon, a 9 mm,", "a .40 caliber").
_CALIBRES = frozenset({"mm", "caliber", "calibre", "gauge"})


#: Dependencies of a bare number (or of the unit that heads it) that make it an argument of
#: its clause, what a board figure needs.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos"})


#: nouns of an earthquake, whose size a magnitude gives
_QUAKES = frozenset({"earthquake", "quake", "tremor", "temblor", "aftershock", "shock"})


def _is_magnitude(doc: Doc, first: int, last: int) -> bool:
    """Whether the number from token ``first`` to ``last`` is an earthquake's magnitude:
    "magnitude" just before it ("a magnitude 7.2 quake", "a magnitude of 6.1") or "on the
    Richter scale" / "magnitude" just after it ("5.9 on the Richter scale", "a 6.1
    magnitude quake")."""
    before = [t.lower_ for t in doc[max(0, first - 2) : first]]
    after = [t.lower_ for t in doc[last + 1 : last + 4]]
    return (
        before[-1:] == ["magnitude"]
        or before in (["magnitude", "of"], ["magnitude", "-"])
        or after[:3] == ["on", "the", "richter"]
        or after[:1] in (["magnitude"], ["richter"])
        or _quake_measured(doc[last])
    )


def _quake_measured(num: Token) -> bool:
    """ "The quake, which measured 6.0, ...", "the tremor measured 5.4": a number measured
    by a quake noun (the subject of "measure", or the noun its relative clause is on)."""
    verb = num.head
    if verb.lemma_.lower() != "measure" or num.dep_ not in {"dobj", "attr", "npadvmod"}:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
        subject = verb.head
    return subject is not None and subject.lemma_.lower() in _QUAKES


def _quake_noun(doc: Doc, last: int) -> Token | None:
    """The earthquake noun of the magnitude's sentence nearest to it, if any."""
    sent = doc[last].sent
    quakes = [t for t in sent if t.lemma_.lower() in _QUAKES]
    return min(quakes, key=lambda t: abs(t.i - last)) if quakes else None


def _measure_noun(doc: Doc, last: int) -> Token | None:
    """The noun of a hyphenated measurement adjective ("16-inch", "300-page") glued to the
    number ending at token ``last``, or a size unit written apart ("9 mm handgun"), when
    that adjective modifies a following noun."""
    if last + 1 < len(doc) and doc[last + 1].lower_ in _SIZE_UNITS:
        unit = doc[last + 1]
        if unit.dep_ in {"compound", "amod", "nmod"} and unit.head.i > unit.i:
            return unit
        if unit.lower_ in _CALIBRES and unit.pos_ == "NOUN" and not counts_next(unit):
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


#: Prepositions that set one figure against another's: "53.9 percent against 46.1 percent
#: for Brandt", "52 percent of the vote to 48 percent for Jones".
_CONTRAST_PREPS = frozenset({"against", "to", "versus", "vs", "vs."})


_HOLDER_TAGS = frozenset({"PROPN", "NOUN"})


def _own_holder(anchor: Token, verb: Token, start: int) -> Token | None:
    """Whose figure it is when the verb's subject is another's: a gapped conjunct ("Kessel
    won 54 percent and Brandt 45 percent": the parser hangs "Brandt" on the verb as a
    conjunct right before the figure, or on the figure as an apposition or a modifier) or
    a figure set against another with a "for" of its holder ("had 53 percent against 46
    percent for Brandt", "52 percent to 48 percent for Jones")."""
    head = anchor.head
    if anchor.dep_ == "appos" and head.dep_ == "conj" and head.pos_ in _HOLDER_TAGS:
        return head
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in _HOLDER_TAGS and child.right_edge.i + 1 == start:
            return child
    if anchor.dep_ == "conj" and head.i == verb.i:
        name = next((c for c in anchor.children if c.dep_ in {"nmod", "compound"}), None)
        if name is not None and name.pos_ == "PROPN" and name.i < start:
            return name
    if anchor.dep_ == "pobj" and head.lower_ in _CONTRAST_PREPS:
        for prep in anchor.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                holder = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if holder is not None and holder.pos_ in _HOLDER_TAGS:
                    return holder
    return None


#: Verbs of harm and arrest whose active subject does it to their object: a count that is
#: that subject counts the doers ("two deputies arrested a woman"), not the people harmed
#: or held. Verbs whose subject undergoes (suffer, sustain, receive) are not here.
_DOER_VERBS = frozenset(
    {"kill", "murder", "wound", "injure", "hurt", "shoot", "stab", "arrest", "detain", "hold"}
    | {"apprehend", "expel", "deport", "sentence", "jail"}
)


def _counts_the_doers(anchor: Token, verb: Token, obj: Token | None) -> bool:
    """Whether the figure is the active subject of a verb of harm or arrest that has an
    object: "Three officers wounded the suspect" counts officers, not the wounded."""
    if anchor.dep_ != "nsubj" or anchor.head.i != verb.i:
        return False
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if not any(v.lemma_.lower() in _DOER_VERBS for v in verbs):
        return False
    # the object may hang on the coordinated verb: "two gunmen shot and killed a man"
    return obj is not None or any(g.dep_ == "dobj" for v in verbs for g in v.children)


#: Verbs that tell where a price or an index stood at a moment of trading; with "up" or
#: "down" they tell a change ("Lumex shares closed up 25 percent", "the index ended 2%
#: lower", "shares were up 31 percent").
_MARKET_VERBS = frozenset({"close", "end", "finish", "open", "trade", "be"})
_DIRECTIONS = {"up": "rise", "higher": "rise", "down": "fall", "lower": "fall"}


def _direction(verb: Token) -> str | None:
    """ "rise" or "fall" for a market verb with "up"/"down" ("closed up 25 percent"), so
    that it meets "rose 25 percent" (docs/verdicts.md, "Deals, job cuts and market moves")."""
    if verb.lemma_.lower() not in _MARKET_VERBS:
        return None
    for c in verb.children:
        if c.dep_ in {"advmod", "prt", "acomp"} and c.lower_ in _DIRECTIONS:
            return _DIRECTIONS[c.lower_]
    return None


def _share_of(root: Token) -> Token | None:
    """What a percentage is a share of: "54.2% of the vote", "40 percent of voters"."""
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return pobj if pobj is not None and pobj.pos_ == "NOUN" else None


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
        verb = governing_verb(anchor)
        if verb is not None and not _in_fronted_whole(anchor, verb) and not _of_a_record(anchor):
            predicate = "wind" if winds_up(verb) else verb.lemma_.lower()
            if unit != "people":
                predicate = _direction(verb) or predicate
            subj_tok, obj_tok = _arguments(verb, own)
            holder = _own_holder(anchor, verb, start)
            if holder is not None:
                subj_tok, obj_tok = holder, None
            if _counts_the_doers(anchor, verb, obj_tok):
                predicate = None  # "Three officers wounded the suspect": 3 officers, 0 hurt
    scope = None
    if anchor is not None and subject is None:
        verb = governing_verb(anchor)
        if nominal is not None and (
            verb is None or nominal.head.i != verb.i or nominal.dep_ not in _CORE_DEPS
        ):
            # "in response to the expulsion of three diplomats": the verb above is not the
            # event's; only "faces a sentence of 10 years" takes the verb's modality
            scope = time_frame([nominal, anchor])
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


def _figure(
    doc: Doc, run: list[Token], label: str, entities: Sequence[LocalEntity], used: set[int]
) -> Figure | None:
    if label == "ORDINAL":
        return _ordinal(doc, run, entities)
    tokens = _trim(run)
    if not tokens or any(t.i in used for t in tokens):
        return None
    if is_time_of_day(tokens) or is_list_marker(tokens[0]):
        return None
    if label in {"", "CARDINAL"} and year_in_range(tokens):
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
    if (
        label in {"DATE", "CARDINAL", "QUANTITY", "TIME", ""}
        and (age := age_of(tokens)) is not None
    ):
        value, person = age
        last = tokens[-1].i + 1
        while last < len(doc) and doc[last].lower_ in {"-", "year", "years", "yr", "yrs", "old"}:
            if doc[last].text == "-" and doc[last - 1].whitespace_:
                break  # "Ann Cole, 22 - The Daily": the outlet's dash
            last += 1
        if [t.lower_ for t in doc[last : last + 2]] == ["of", "age"]:
            last += 2  # "27 years of age"
        tail = tokens[-1]
        after = text_after(doc, tail, 24)
        if HALF_YEAR_OLD.match(after) or MISSPELT_YEAR_OLD.match(after):
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
    if label == "DATE" and len(tokens) == 1 and YEAR_RE.match(tokens[0].text):
        return None
    if is_off_board(tokens):
        return None

    start, _ = widen_left(doc, tokens[0].i)
    end = _money_scale_end(doc, start, _range_end(doc, start, tokens[-1].i + 1))
    changed = _changed_to(doc, start, end)
    if changed is not None:
        start, tokens = changed, [t for t in tokens if t.i >= changed]
    if end < len(doc) and doc[end].lower_ in SCALES and doc[end - 1].like_num:
        end += 1  # "20 lakh saplings": a scale the NER left out of the number
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
    if q.unit == "GBP" and "£" not in span.text and (_body_weight(span) or _glued_pound(span)):
        q = replace(q, dimension="count", unit="pound")  # "weighing 350 pounds"
    counted: Token | None = None
    anchor: Token = root
    kind = {"duration": "duration", "money": "money", "percent": "percent"}.get(
        q.dimension, "count"
    )
    if kind == "percent":
        counted = _share_of(root)
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
        last_num = max((t.i for t in span if is_numeric(t)), default=span[-1].i)
        if _is_magnitude(doc, tokens[0].i, last_num):
            # "a magnitude of 6.1", "measuring 5.9 on the Richter scale": the size of a
            # quake, not a count of anything (a reading of ECB+ dev's board, 2026-12-07)
            fig = _make(doc, start, last_num + 1, "other", q, entities, unit="magnitude")
            quake = _quake_noun(doc, last_num)
            return _with_predicate(fig, quake) if quake is not None else fig
        measure = _measure_noun(doc, last_num)
        if measure is not None:
            # "a 16-inch laptop", "a 300-page report": a property of the noun, not a count;
            # "her weapon, a 9 mm,": the calibre names the gun itself
            head = measure.head if measure.head.i > measure.i else measure
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
                counted = _antecedent(pobj, governing_verb(root), start)
        if (
            counted is None
            and last_num < root.i < end
            and root.pos_ == "NOUN"
            and root.dep_ in _ARGUMENT_DEPS
        ):
            # "should deliver 215 miles", "gusted to 55 mph", "the new 2.0-liter will do": the
            # NER took the unit into the span, and it heads it (a measure that is no
            # argument, "about 150 yards away", stays off the board as before)
            counted = root
        if counted is None:
            counted = _glued_unit(doc, span[-1]) or hyphen_unit(doc[last_num])
        if counted is not None:
            end = max(end, counted.i + 1)
            anchor = counted if counted.i >= root.i else root
            if counted.head.i == root.i:
                anchor = root
        elif q.value == 1 and not any(t.lower_ in VAGUE_WORDS for t in span):
            return None  # "one of which": a pronoun, not a figure
        elif q.value is not None and root.dep_ not in _ARGUMENT_DEPS:
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
        unit=count_unit(counted) if kind == "count" else None,
    )
    if kind == "count" and counted is None and root.dep_ in {"nsubj", "nsubjpass"}:
        whole = _fronted_whole(root)
        if whole is None:
            # a bare number as a subject counts people, unless it is a decimal: "Python 3.7
            # was released" names a version
            if fig.low is None or fig.low == int(fig.low):
                fig = _replace(fig, unit="people")
        else:  # "Of his 11 touchdowns this year, eight have come ...": eight touchdowns
            fig = _replace(
                fig, unit=count_unit(whole), counted=canonical_noun(whole.lemma_.lower())
            )
    if kind == "count" and counted is not None and counted.lower_ == "dead":
        # a headline's "1 Dead, 4 Injured In ...": title case makes "Dead" the counted noun
        fig = _replace(fig, unit="people", predicate="kill", counted="people")
    elif kind == "count" and counted is not None and _gathers(counted, fig):
        # "Thousands march against ...", "5,000 rally in ...": a verb of gathering the
        # parser took for the counted noun (singular after a number above one)
        fig = _replace(fig, unit="people", predicate=GATHERING, counted="people")
    if kind == "duration" and end < len(doc) and doc[end].lower_ in _OFFSET_WORDS:
        fig = _replace(fig, scope="offset")  # "nine days before the inauguration"
    elif fig.unit in {"people", "other"} and counted is not None and _coordinated_people(counted):
        # "a police officer and two others": the others are people too (a GVC conflict
        # group had set them apart as "injure — other")
        scope = "part" if fig.scope is None else f"{fig.scope}|part"
        fig = _replace(fig, unit="people", scope=scope)
    return fig


#: Nouns for what is told about people, not the people: "released the names of three
#: people" releases no one (a GVC dev conflict group, "release — people", 3 against 2).
_RECORD_NOUNS = frozenset({"name", "identity", "photo", "photograph", "picture", "image"})


def _of_a_record(anchor: Token) -> bool:
    """Whether the counted phrase is the "of" object of a record noun ("the names of three
    people"): the verb above acts on the record."""
    noun = anchor
    while noun.dep_ in {"nummod", "amod", "compound", "quantmod"} and noun.head.i != noun.i:
        noun = noun.head
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in _RECORD_NOUNS
    )


def _gathers(counted: Token, fig: Figure) -> bool:
    """Whether ``counted`` is the verb of a gathering after its people's number: the word
    is in its base form, singular, after a number above one, and a preposition or the end
    of the line follows ("Thousands march against pension reform"; "two marches" and "a
    march of 5,000" are nouns)."""
    if counted.lower_ not in GATHERING_VERBS or counted.tag_ not in {"NN", "NNP", "VB", "VBP"}:
        return False
    if fig.low is None or fig.low <= 1:
        return False
    nxt = counted.doc[counted.i + 1] if counted.i + 1 < len(counted.doc) else None
    return nxt is None or nxt.is_space or (nxt.pos_ == "ADP" and nxt.lower_ != "of")


def _coordinated_people(noun: Token) -> bool:
    """ "two women and one man died": a people count coordinated with another people noun
    is a part of the total, not the total. Not "239 passengers and crew": a bare noun after
    the counted one shares its number (:func:`people.shares_the_number`)."""
    if shares_the_number(noun):
        return False
    others = [c for c in noun.children if c.dep_ == "conj"]
    if noun.dep_ == "conj":
        others.append(noun.head)
    return any(o.pos_ in {"NOUN", "PROPN"} and count_unit(o) == "people" for o in others)


def _fronted_whole(subject: Token) -> Token | None:
    """The noun of a fronted "Of <the N things>," before a bare-number subject: what the
    number counts a part of (a reading of ECB+ dev's board, 2026-12-05, where "Of his 11
    touchdowns this year, eight have come ..." had been eight people)."""
    verb = subject.head
    prep = next(
        (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < subject.i),
        None,
    )
    if prep is None or prep.i != prep.sent.start:
        return None
    return next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)


def _in_fronted_whole(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` is in the fronted whole of a partitive whose part is the verb's
    bare-number subject: "Of the 20 victims, three died" (20 victims did not die)."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or not subject.like_num:
        return False
    whole = _fronted_whole(subject)
    return whole is not None and (
        tok.i == whole.i or whole in tok.ancestors or tok in whole.subtree
    )


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
    return low in SCALES or low in CURRENCY_WORDS or bool(DIGITS_RE.match(before.text))


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
