"""The scope of a figure (docs/figures.md, "Time frame"): whether it counts one specific
event or a period, a rate, a possible sentence, an attempt, an earlier event, a retracted
report; and the dates that frame a figure's predicate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from corroborate.analyze.nlp import doc_text
from corroborate.analyze.number_tokens import MONTH_WORDS, YEAR_RE, child_of
from corroborate.analyze.numbers import duration_unit, parse_ordinal_word
from corroborate.types import DateRef, Figure

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
#: Nouns a price is quoted by with "a"/"an" ("$38 a share", "$90 a barrel"); with "per" any
#: noun is a rate's unit ("$38 per share", "$5 per person").
_PRICE_UNITS = frozenset({"share", "barrel", "gallon", "litre", "liter", "ounce", "ton", "tonne"})
_RELATION_WORDS = frozenset({"after", "before", "later", "earlier", "ago", "since", "into"})


def governing_verb(tok: Token) -> Token | None:
    """The verb ``tok`` depends on, walking up the parse (None at a verbless root). A copula
    is a clause's verb when it heads the clause: as the root, a conjunct, a relative clause
    or the reported clause of a verb of saying ("Turnout was 65%, officials said": the
    figure is the turnout's, not what the officials said)."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ == "VERB" or (cur.pos_ == "AUX" and cur.dep_ in _CLAUSE_DEPS):
            return cur
    return None


#: Dependencies under which a copula heads its own clause.
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "relcl", "ccomp"})


def _time_unit(tok: Token) -> str | None:
    if duration_unit(tok.text) is None:
        return None
    lemma = tok.lemma_.lower()
    return "century" if lemma == "centurie" else lemma


def time_frame(heads: Sequence[Token]) -> str | None:
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
                    YEAR_RE.match(pobj.text)
                    or unit in _LONG_UNITS
                    or (pobj.lower_.rstrip(".") in MONTH_WORDS and not child_of(pobj, "nummod"))
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
    return next((t.text for t in sub if YEAR_RE.match(t.text)), None)


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
        if cur.dep_ == "conj" and _past_with_own_subject(cur):
            break  # "will serve 20 years ... and two adults wounded": a fact, not a prospect
        if cur.dep_ == "acl" and head.dep_ == "attr" and head.head.lemma_.lower() == "be":
            cur = head.head  # "there might have been two people killed"
            continue
        if cur.dep_ == "xcomp" or (cur.dep_ == "conj" and not own_aux):
            cur = head
            continue
        break
    return False


def _past_with_own_subject(verb: Token) -> bool:
    """A clause in the past with a subject of its own, which a modal before it does not
    reach ("... left a girl dead and two adults wounded", parsed as coordinated with "will
    serve": the twenty-eighth hand reading, 2026-12-05)."""
    return verb.tag_ in {"VBD", "VBN"} and any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children
    )


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
        for c in (*cur.children, *_trailing_of_coordination(cur)):
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


def _trailing_of_coordination(verb: Token) -> list[Token]:
    """ "ago" after the last of coordinated verbs that share ``verb``'s subject, where
    ``verb`` has no time of its own: "for killing 12 and wounding 70 in a theater three
    years ago" dates both."""
    conj = [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ == "VERB"
        and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
    ]
    if not conj:
        return []
    own = [t for c in verb.children if c.dep_ != "conj" for t in c.subtree]
    if any(t.ent_type_ == "DATE" or t.lower_ == "ago" for t in own):
        return []  # "killed two on Friday and wounded three two weeks ago": its own time
    last = conj[-1]
    return [c for c in last.children if c.dep_ == "advmod" and c.lower_ == "ago" and c.i > last.i]


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
    were wounded in Miami"; not "a string of shootings"), other incidents
    (:func:`_other_incidents`) or a stretch of time called violent
    (:func:`_violent_stretch`)."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in {"in", "during", "across", "among", "over"}
        and prep.head.pos_ in {"VERB", "AUX", "ADJ"}
        and any(
            pobj.dep_ == "pobj"
            and (
                _violent_stretch(pobj)  # "over a bloody weekend"; not "arrested over the killings"
                or (
                    prep.lower_ != "over"
                    and pobj.tag_ == "NNS"
                    and (pobj.lemma_.lower() in _PLURAL_EVENT_NOUNS or _other_incidents(pobj))
                )
            )
            for pobj in prep.children
        )
        for prep in tokens
    )


def _other_incidents(noun: Token) -> bool:
    """ "Three more people were shot in other attacks across the city": incidents other than
    the story's, in the plural (the twenty-eighth hand reading, 2026-12-05). "Attacks" alone
    stays out of :data:`_PLURAL_EVENT_NOUNS` (a war's attacks are often the story's own)."""
    return (
        noun.tag_ == "NNS"
        and noun.lemma_.lower() in _INCIDENT_NOUNS
        and any(c.dep_ == "amod" and c.lower_ == "other" for c in noun.children)
    )


#: Stretches of time a roundup sums its counts over.
_STRETCHES = frozenset({"weekend", "night", "day", "hours", "week", "stretch", "span"})
_VIOLENT = frozenset({"violent", "bloody", "deadly"})
_VIOLENCE_NOUNS = frozenset({"violence", "gunfire", "bloodshed"})


def _violent_stretch(noun: Token) -> bool:
    """ "2 dead, 2 injured during violent 24 hours", "shot during a bloody weekend", "in 24
    hours of violence": a roundup of a stretch of time, not one incident (GVC dev's
    injured none-when-0 misses, 2026-12-05)."""
    if noun.lower_ not in _STRETCHES:
        return False
    if any(c.dep_ == "amod" and c.lower_ in _VIOLENT for c in noun.children):
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.lower_ in _VIOLENCE_NOUNS for g in c.children)
        for c in noun.children
    )


#: Nouns of one event that a roundup opens another incident with ("In a separate shooting").
_INCIDENT_NOUNS = frozenset({*_PLURAL_EVENT_NOUNS, "case", "attack", "robbery", "assault"})
#: Modifiers by which such a noun names an incident other than the story's own.
_SEPARATE = frozenset({"separate", "unrelated", "another", "different", "similar"})


def separate_event(verb: Token) -> bool:
    """Whether ``verb`` (or a clause it is part of) reports another incident than the
    article's own: a clause set "in a separate shooting", "in an unrelated incident",
    "in another case" ("In a separate Monday incident, three teens were shot"), or "in
    that case / incident" right after a sentence that names such another incident ("...
    a similar shooting that occurred in Denver. In that case, a 15-year-old was killed")."""
    for cur in (verb, *verb.ancestors):  # the clause's own words, or a clause above it
        for prep in cur.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.tag_ == "NNS":
                    continue  # "in separate shootings": several events, `aggregate`
                if _another_incident(noun) or (
                    _incident_with(noun, {"that"}) and _names_another_incident(verb)
                ):
                    return True
    return False


def _incident_with(noun: Token, words: frozenset[str] | set[str]) -> bool:
    """Whether ``noun`` is an incident noun with one of ``words`` as modifier or determiner."""
    return noun.lemma_.lower() in _INCIDENT_NOUNS and any(
        c.dep_ in {"amod", "det"} and c.lower_ in words for c in noun.children
    )


def _another_incident(noun: Token) -> bool:
    """ "a separate shooting", "an unrelated incident", "another case"."""
    return _incident_with(noun, _SEPARATE)


def nth_of_a_series(noun: Token | None) -> bool:
    """ "the death of a fifth man in a separate shooting": "a" + an ordinal of 2 or more
    counts the victims of the story's whole series, the separate shooting among them."""
    if noun is None or not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
        return False
    return any(
        c.dep_ in {"amod", "nummod"} and (parse_ordinal_word(c.text) or 0) >= 2
        for c in noun.children
    )


def _names_another_incident(tok: Token) -> bool:
    """Whether the sentence before ``tok``'s names an incident with a separate/similar/
    another modifier ("a similar shooting", "another case")."""
    sent = tok.sent
    if sent.start == 0:
        return False
    return any(_another_incident(t) for t in tok.doc[sent.start - 1].sent)


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
    if _sought(verb):
        return True
    last = next((t for t in reversed(verb.sent) if not t.is_space), None)
    return last is not None and last.text == "?"


#: Heads of an outcome sought, not reached: "a reward for the arrest of", "information
#: leading to the arrest and conviction of the person responsible" (a GVC dev conflict
#: group had read the reward's "the person" as one arrest).
_SEEKING_HEADS = frozenset({"reward", "offer", "bounty"})  # and "lead" in the present


def _sought(noun: Token) -> bool:
    """Whether an event noun is the outcome a reward or a tip is for. "Led to the arrest of
    two men" (past) told the arrest; "information leading to", "tips that lead to" seek it."""
    while noun.dep_ == "conj":
        noun = noun.head
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"to", "for"}:
        return False
    head = prep.head
    if head.lemma_.lower() == "lead":
        return head.tag_ in {"VBG", "VB", "VBP", "VBZ"}
    return head.lemma_.lower() in _SEEKING_HEADS


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


def price_rate(anchor: Token) -> str | None:
    """ "rate:share" for a number quoted per unit of a thing that is not time ("$38 per
    share", "$38 a share", "$5 per person"). It comes before any modality: "will pay $38
    per share" and "values Lumex at $38 per share" quote one price (docs/figures.md)."""
    for c in anchor.children:
        det = next((g.lower_ for g in c.children if g.dep_ == "det"), None)
        if c.dep_ == "npadvmod" and det in {"a", "an"} and c.lemma_.lower() in _PRICE_UNITS:
            return "rate:" + c.lemma_.lower()
        if c.dep_ == "prep" and c.lower_ == "per":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "NOUN" and _time_unit(pobj) is None:
                return "rate:" + pobj.lemma_.lower()
    return None


def figure_scope(verb: Token | None, anchor: Token | None) -> str | None:
    """The time frame of a figure (docs/figures.md): "modal", "retracted" (reports its
    sentence calls wrong), "before" (an earlier event), "other" (another incident),
    "aggregate" (several events), "rate:<unit>", "period:<x>", "year:<yyyy>", or None for
    a report of one specific event."""
    if anchor is not None and (rate := price_rate(anchor)) is not None:
        return rate
    if verb is not None and (_modal(verb) or unreal(verb)):
        return "modal"
    if verb is not None and _retracted(verb):
        return "retracted"
    if verb is not None and (_earlier_event(verb) or for_earlier_death(verb)):
        return "before"
    if verb is not None and separate_event(verb) and not nth_of_a_series(anchor):
        return "other"
    if verb is not None and several_events(verb.sent):
        return "aggregate"
    heads = [t for t in (verb, anchor) if t is not None]
    if heads and (year := _timeline_year(heads[0])) is not None:
        return "year:" + year
    if verb is not None and (dated := _when_of_a_past_date(verb)) is not None:
        return dated
    if verb is not None and verb.dep_ == "relcl":  # "the disaster in 2003, in which 31,000 died"
        date = next((e for e in verb.doc.ents if e.start <= verb.head.i < e.end), None)
        if date is not None and date.label_ == "DATE" and _since(verb.head):
            return "before"  # "have gathered since March 3, when a deputy shot a man"
        if date is not None and date.label_ == "DATE":
            year = next((t.text for t in date if YEAR_RE.match(t.text)), None)
            if year is not None:
                return "year:" + year  # "in December 2003, in which ..."
        heads.append(verb.head)
    if verb is not None:  # "shares are up 31 percent year-to-date"
        heads += [c for c in verb.children if c.dep_ in {"advmod", "acomp", "prt"}]
    scope = time_frame(heads)
    if scope is None and verb is not None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        # "In 2015 an officer shot and wounded a man"; "Last year a boy was killed and a
        # girl was hurt": a coordinated clause shares the first one's time frame
        head = figure_scope(verb.head, None)
        if _shares_subject(verb) or (head or "").split(":")[0] in _SHARED_FRAMES:
            return head
    return scope


def _when_of_a_past_date(verb: Token) -> str | None:
    """The frame of a "when" clause right after a date of another time: "over the same
    period last year, when 62 officers were killed" (before), "in 2012, when a gunman
    killed 12" (year:2012). A reading of the GVC dev board's conflicts (2026-12-06)."""
    when = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "when"), None)
    if when is None or when.i != verb.left_edge.i:
        return None
    doc = verb.doc
    i = when.i - 1
    while i >= verb.sent.start and doc[i].is_punct:
        i -= 1
    date = next((e for e in doc.ents if e.label_ == "DATE" and e.start <= i < e.end), None)
    if date is None or date.end != i + 1:
        return None
    year = next((t.text for t in date if YEAR_RE.match(t.text)), None)
    if year is not None:
        return "year:" + year  # as "killed 26,000 people in December 2003" (time_frame)
    words = {t.lower_ for t in date}
    if "ago" in words or ("last" in words and words & {"year", "decade"}):
        return "before"
    return None


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
        if year is None or not YEAR_RE.match(year.text):
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
_SHARED_FRAMES = frozenset({"before", "other", "year", "period", "aggregate"})
#: Frames (the part of a scope before ":") of counts of another event than the article's
#: own: an earlier event, another incident, several events, a year, an offset in time.
BACKGROUND_FRAMES = frozenset({"before", "other", "aggregate", "year", "offset"})


def background(scope: str | None) -> bool:
    """Whether a figure's scope frames another event than the article's own
    (:data:`BACKGROUND_FRAMES`)."""
    return (scope or "").split(":")[0] in BACKGROUND_FRAMES


def _shares_subject(verb: Token) -> bool:
    """A verb coordinated with the verb before it and without a subject of its own: it
    shares that verb's clause and time frame."""
    return (
        verb.dep_ == "conj"
        and verb.head.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)
    )


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
    return any(w in MONTH_WORDS for w in words) and not {"last", "this", "past", "next"} & set(
        words
    )


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
            verb = verb or (governing_verb(root) if root is not None else None)
            while verb is not None and _shares_subject(verb):
                verb = verb.head  # its dates are the coordinated verb's
            if verb is not None:
                lo = _extent(verb)[0]
                # a date inside the clause, or right before it ("the Sept. 16, 2010, shooting
                # death of", where "shooting" parses as the verb)
                opening = verb.sent.start_char
                own = _dates_in(verb, dates)
                if f.predicate in LEGAL_ACTIONS:
                    own = [d for d in _own_dates(verb, dates) if not _dates_a_noun(doc, d, verb)]
                if (
                    any(d in early for d in own)
                    or any(d.start >= opening and 0 <= lo - d.end <= 2 for d in early)
                    or (not own and _in_dated_clause(verb, dates, early))
                    or (not own and _refers_back(verb, dates, early))
                ):
                    f = replace(f, scope="before")
        out.append(f)
    return tuple(out)


#: Acts of justice that follow the crime they answer: "police arrested two men Monday in
#: the March 3 shooting" dates the shooting, not the arrest. Read off the GVC dev board,
#: where about 10 of 35 arrest and charge counts shown as "an earlier event" were a
#: follow-up's own news: "arrested ... in connection with the September shooting", "charged
#: in a July 2014 shooting", "arrested X, who is accused in the August slaying".
LEGAL_ACTIONS = frozenset(
    {"arrest", "detain", "apprehend", "charge", "indict", "convict", "sentence", "extradite"}
)


def _dates_a_noun(doc: Doc, date: DateRef, verb: Token) -> bool:
    """Whether ``date`` modifies a noun phrase under ``verb`` (the crime of "in the March 3
    shooting", "in connection with a homicide in February") rather than ``verb`` itself
    ("arrested on May 8", "arrested in July")."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    for up in span.root.ancestors:
        if up.i == verb.i:
            return False
        if up.pos_ in {"NOUN", "PROPN"} and up.ent_type_ != "DATE":
            return True
    return False


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


#: Nouns of an event that a later sentence points back to ("wounded in the incident"):
#: the incident nouns above but "case" ("arrested in the case" is today's news), and
#: accidents, fires and blasts.
_POINTED_BACK = frozenset(
    (_INCIDENT_NOUNS - {"case"}) | {"ambush", "rampage", "accident", "fire", "explosion", "blast"}
)


def _points_back(prep: Token) -> bool:
    """ "in the incident", "during that attack": a definite event noun with nothing of its
    own that would make it another event ("in the Sept. 3 shooting" has its date, "in a
    separate incident" is no back-reference)."""
    return prep.lower_ in {"in", "during"} and any(
        obj.dep_ == "pobj"
        and obj.lemma_.lower() in _POINTED_BACK
        and [c.lower_ for c in obj.children if c.dep_ != "punct"] in (["the"], ["that"])
        for obj in prep.children
    )


def _refers_back(verb: Token, dates: Sequence[DateRef], early: Sequence[DateRef]) -> bool:
    """Whether the clause of ``verb`` tells its event as "the incident" of the sentence
    before, and every date that sentence carries ended before the article: "Court records
    show in August 2014 two gunmen opened fire on a cookout. Six people were wounded in the
    incident." (a background paragraph's count; the GVC dev board, 2026-12-06: a follow-up
    two years later counted the earlier shooting's six wounded as its own)."""
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if not any(_points_back(c) for v in verbs for c in v.children if c.dep_ == "prep"):
        return False
    sent = verb.sent
    if sent.start == 0 or any(t.ent_type_ in {"DATE", "TIME"} for t in sent):
        return False  # "On Sunday two were hurt in the incident": a time of its own
    before = verb.doc[sent.start - 1].sent
    told = [d for d in dates if before.start_char <= d.start < before.end_char]
    return bool(told) and all(d in early for d in told)


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
