"""Nominal and pronoun mentions of an article's named entities (parse-free).

The analyze stage finds *named* mentions ("Lindsay Lohan", "Lohan"). News text refers to
the same participants with definite nominals ("the actress", "the 45-year-old star",
"the company") and pronouns ("she", "his"). This module links those to the article's
:class:`~corroborate.types.LocalEntity` ids from the article text and its
:class:`~corroborate.types.Analysis` alone (the link stage gets no parse; it does not
import ``analyze``). Rules, each unit-tested in ``tests/link/test_nominals.py``:

1. **Role nominals.** A determiner (the/this/that/his/her/its/their) followed by at most
   ``MAX_MODIFIERS`` modifier words and a singular head noun is a mention of the one
   PERSON entity of the article whose role (``LocalEntity.roles``, "actress" in
   "actress Lindsay Lohan") has that head word. Two or more such persons: not linked.
   ``story_roles`` (head -> local id, from other articles of the story) is used when no
   person of the article itself carries the role.
2. **Generic nominals.** A definite nominal whose head is in :data:`GENERIC_HEADS`
   (company/firm/club -> ORG, city/town/country -> GPE, hospital/center/facility ->
   FAC or ORG, ...) is a mention of the single entity of a compatible NER type
   mentioned in the same or the ``NEARBY_SENTENCES`` previous sentences.
3. **Pronouns.** he/him/his/himself and she/her/hers/herself refer to a PERSON entity
   (named, or already linked by rule 1) of the same sentence before the pronoun (the
   nearest subject-like one), else the first subject-like person of the previous
   sentence, else the nearest person before it in those two sentences. "Subject-like":
   the mention starts its sentence or clause (after a comma, a conjunction or
   "that/who/when/after/..."), not after a preposition or a verb. A person whose gender
   is known (gendered role nouns, honorifics, earlier pronouns) must agree.
4. **it/its/itself** refer to the one ORG or FAC entity (:data:`NEUTER_TYPES`)
   mentioned before it in its sentence, else in the previous sentence; two or more
   candidates there: not linked. they/them/their are not linked (no gain).
5. **Relative pronouns** who/whom/whose (PERSON, ORG, NORP), which (not PERSON) and
   that (any type) right after a mention, optionally after a comma, refer to it
   ("Lohan, who ...", "Microsoft, which ...").
6. **The speaker's I.** I/me/my/mine/myself inside a direct or partial quote
   (``Analysis.quotes``) whose speaker the quotes stage resolved to a PERSON refer to
   that speaker ('"I am thrilled," Lohan said').
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from corroborate.types import Analysis, LocalEntity

__all__ = [
    "GENERIC_HEADS",
    "NominalMention",
    "link_nominals",
    "role_heads",
    "role_heads_of",
]

NominalKind = Literal["role", "generic", "pronoun"]

#: Most modifier words allowed between the determiner and the head ("the 45-year-old
#: former star" has two).
MAX_MODIFIERS = 3
#: A generic nominal looks for its entity in its own and this many previous sentences.
NEARBY_SENTENCES = 3

#: Generic head nouns -> the NER types (spaCy labels) of the entities they can refer to.
#: General English vocabulary; documented in docs/entity-resolution.md.
GENERIC_HEADS: Mapping[str, frozenset[str]] = {
    **dict.fromkeys(
        [
            "company",
            "firm",
            "group",
            "corporation",
            "club",
            "team",
            "party",
            "agency",
            "organisation",
            "organization",
            "bank",
            "ministry",
            "department",
            "union",
            "network",
            "newspaper",
            "magazine",
            "broadcaster",
            "airline",
            "carrier",
            "retailer",
            "manufacturer",
            "maker",
            "insurer",
            "charity",
            "band",
            "studio",
            "website",
            "league",
        ],
        frozenset({"ORG"}),
    ),
    **dict.fromkeys(
        [
            "city",
            "town",
            "country",
            "nation",
            "state",
            "capital",
            "province",
            "region",
            "village",
            "county",
            "republic",
            "island",
        ],
        frozenset({"GPE", "LOC"}),
    ),
    **dict.fromkeys(
        [
            "hospital",
            "center",
            "centre",
            "facility",
            "clinic",
            "building",
            "stadium",
            "arena",
            "prison",
            "jail",
            "airport",
            "hotel",
            "store",
            "church",
            "school",
            "university",
            "college",
            "plant",
            "station",
            "restaurant",
            "club",
        ],
        frozenset({"FAC", "ORG"}),
    ),
    **dict.fromkeys(
        ["mountain", "river", "lake", "peak", "valley", "coast", "volcano", "bay"],
        frozenset({"LOC", "GPE", "FAC"}),
    ),
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DETERMINERS = frozenset({"the", "this", "that", "his", "her", "its", "their"})
# Words that cannot sit between a determiner and its head noun.
_STOP = _words(
    """a an the this that these those his her its their our my your of in on at to for
    from by with and or but as is was are were be been has have had will would said says
    who which when where while after before than then there it he she they we i you him
    them not no"""
)
_MALE = _words(
    """he him his himself mr sir king prince actor man boy father son brother husband
    uncle nephew grandfather boyfriend spokesman chairman businessman congressman
    policeman fireman sportsman"""
)
_FEMALE = _words(
    """she her hers herself mrs ms miss madam queen princess actress woman girl mother
    daughter sister wife aunt niece grandmother girlfriend spokeswoman chairwoman
    businesswoman congresswoman policewoman lady waitress"""
)
# Nouns that make a preceding candidate head a modifier ("the company spokesman").
_NOUN_AFTER = _words(
    """spokesman spokeswoman spokesperson official officials executive executives chief
    boss owner owners rep representative lawyer lawyers attorney member members head
    director manager worker workers employee employees staff board president chairman
    officer officers source sources"""
)
#: First-person pronouns: the speaker's, inside a quote (rule 6).
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
_PRONOUNS: Mapping[str, str] = {
    **dict.fromkeys(["he", "him", "his", "himself"], "m"),
    **dict.fromkeys(["she", "her", "hers", "herself"], "f"),
}
#: Entity types "it/its/itself" may refer to (rule 4). Calibrated on ECB+ odd topics:
#: adding GPE/LOC/EVENT, or linking they/them/their to ORG/NORP, did not help.
NEUTER_TYPES = frozenset({"ORG", "FAC"})
_TYPED_PRONOUNS: Mapping[str, frozenset[str]] = dict.fromkeys(["it", "its", "itself"], NEUTER_TYPES)
#: Relative pronouns -> the types of the mention right before them they may refer to
#: (rule 5); None = any type.
_RELATIVES: Mapping[str, frozenset[str] | None] = {
    **dict.fromkeys(["who", "whom", "whose"], frozenset({"PERSON", "ORG", "NORP"})),
    "which": frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}),
    "that": None,
}
# A mention right after one of these starts a clause (subject-like).
_CLAUSE_OPENERS = _words(
    """and but or that who which when while after before because as since although though
    where if so then said says"""
)
_PREPOSITIONS = _words(
    """of in on at to for from by with about against into onto over under between among
    through during without within toward towards upon"""
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\w-]*|[^\sA-Za-z\d]")
_SENT = re.compile(r"[^.!?\n]*(?:[.!?]+[\"'”’)]*|\n|$)")


@dataclass(frozen=True)
class NominalMention:
    """A nominal ("the actress") or pronoun ("she") mention of a LocalEntity."""

    start: int
    end: int
    text: str
    entity_id: str  # LocalEntity id in the same article
    kind: NominalKind
    head: str  # the head word, lower-case singular ("actress", "company", "she")


def _singular(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    return w


def role_heads_of(role_text: str) -> tuple[str, ...]:
    """The head word of a role ("actress's rep" -> ("rep",)), lower case; () if none."""
    words = re.findall(r"[A-Za-z][A-Za-z-]*", role_text)
    head = words[-1].lower() if words else ""
    return (head,) if head and head not in _STOP else ()


def role_heads(entities: Sequence[LocalEntity]) -> dict[str, set[str]]:
    """Head word of each PERSON entity's roles -> the local ids that carry it."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type != "PERSON":
            continue
        for r in e.roles:
            for head in role_heads_of(r.text):
                out[head].add(e.id)
    return out


def _sentences(text: str, analysis: Analysis) -> list[tuple[int, int]]:
    if analysis.sentences:
        return list(analysis.sentences)
    return [(m.start(), m.end()) for m in _SENT.finditer(text) if m.end() > m.start()]


def _gender(e: LocalEntity) -> str | None:
    words = {w.lower().strip(".") for r in e.roles for w in r.text.split()}
    words |= {w.lower().strip(".") for m in e.mentions for w in m.text.split()[:1]}
    m, f = bool(words & _MALE), bool(words & _FEMALE)
    return "m" if m and not f else "f" if f and not m else None


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    low: str


def link_nominals(
    text: str,
    analysis: Analysis,
    story_roles: Mapping[str, str] | None = None,
    types: Mapping[str, str] | None = None,
) -> tuple[NominalMention, ...]:
    """Nominal and pronoun mentions of ``analysis.entities`` in ``text`` (module rules).

    ``story_roles`` maps a role head word to the local id of the one person of this
    article that other articles of the story give that role (rule 1's fallback).
    ``types`` (local id -> type) overrides the local NER types, e.g. with the story-level
    vote of :func:`corroborate.link.entities.resolve_entities`.
    """
    ents = {
        e.id: e if types is None or e.id not in types else replace(e, type=types[e.id])
        for e in analysis.entities
    }
    if not ents:
        return ()
    toks = [_Tok(m.start(), m.end(), m.group(), _singular(m.group())) for m in _WORD.finditer(text)]
    named = sorted((m.start, m.end, e.id) for e in analysis.entities for m in e.mentions)
    covered = [False] * len(toks)
    j = 0
    for i, t in enumerate(toks):
        while j < len(named) and named[j][1] <= t.start:
            j += 1
        covered[i] = j < len(named) and named[j][0] < t.end
    sents = _sentences(text, analysis)
    sent_of = [0] * len(toks)
    k = 0
    for i, t in enumerate(toks):
        while k + 1 < len(sents) and t.start >= sents[k][1]:
            k += 1
        sent_of[i] = k
    roles = role_heads(list(ents.values()))
    genders = {eid: _gender(e) for eid, e in ents.items()}
    # (start, end, entity id, subject-like, sentence index) of person/other mentions in order
    found: list[NominalMention] = []
    events: list[tuple[int, int, str, int]] = []  # start, token index, entity id, sentence
    ends = [t.end for t in toks]
    for s, _e, eid in named:
        i = min(bisect.bisect_right(ends, s), len(toks) - 1)
        events.append((s, i, eid, sent_of[i] if toks else 0))
    for i, t in enumerate(toks):
        if covered[i] or not t.low.isalpha():
            continue
        if t.low in _PRONOUNS:
            continue
        head = t.low
        in_roles = head in roles or (story_roles is not None and head in story_roles)
        if not in_roles and head not in GENERIC_HEADS:
            continue
        if t.text.endswith("s") and not t.text.endswith(("'s", "’s", "ss")):
            continue  # plural or not a singular head
        det = _determiner(toks, covered, i)
        if det is None:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and (
            nxt.low in _NOUN_AFTER or nxt.low in roles or nxt.low in GENERIC_HEADS
        ):
            continue  # a modifier of a later head ("the company spokesman")
        target: str | None = None
        kind: NominalKind = "role"
        if in_roles:
            cands = roles.get(head, set())
            if len(cands) == 1:
                target = next(iter(cands))
            elif not cands and story_roles is not None and head in story_roles:
                target = story_roles[head]
        if target is None and head in GENERIC_HEADS:
            kind = "generic"
            target = _nearby(events, ents, GENERIC_HEADS[head], t.start, sent_of[i])
        if target is None:
            continue
        start = toks[det].start
        found.append(NominalMention(start, t.end, text[start : t.end], target, kind, head))
        if ents[target].type == "PERSON":
            events.append((start, det, target, sent_of[i]))
    events.sort()
    ending: dict[int, str] = {e: eid for _s, e, eid in named}
    ending.update({m.end: m.entity_id for m in found})
    for i, t in enumerate(toks):
        if covered[i]:
            continue
        g = _PRONOUNS.get(t.low)
        if g is None:
            target = _other_pronoun(text, toks, events, ents, ending, i, sent_of)
            if target is not None:
                found.append(NominalMention(t.start, t.end, t.text, target, "pronoun", t.low))
                events.append((t.start, i, target, sent_of[i]))
                events.sort()
            continue
        target = _antecedent(toks, events, ents, genders, i, sent_of, g)
        if target is None:
            continue
        found.append(NominalMention(t.start, t.end, t.text, target, "pronoun", t.low))
        if genders.get(target) is None:
            genders[target] = g
        events.append((t.start, i, target, sent_of[i]))
        events.sort()
    found += _speakers_own(analysis, ents, toks, covered)
    return tuple(sorted(found, key=lambda m: m.start))


def _speakers_own(
    analysis: Analysis,
    ents: Mapping[str, LocalEntity],
    toks: Sequence[_Tok],
    covered: Sequence[bool],
) -> list[NominalMention]:
    """Rule 6: first-person pronouns inside the direct and partial quotes of a person (a
    token inside two such quotes counts once, for the first)."""
    out: list[NominalMention] = []
    taken: set[int] = set()
    starts = [t.start for t in toks]
    for q in analysis.quotes:
        speaker = ents.get(q.speaker_id) if q.speaker_id else None
        if q.kind == "reported" or speaker is None or speaker.type != "PERSON":
            continue
        for i in range(bisect.bisect_left(starts, q.start), len(toks)):
            t = toks[i]
            if t.end > q.end:
                break
            if covered[i] or i in taken or t.low not in _FIRST_PERSON:
                continue
            if t.low == "i" and t.text != "I":
                continue
            taken.add(i)
            out.append(NominalMention(t.start, t.end, t.text, speaker.id, "pronoun", t.low))
    return out


def _determiner(toks: Sequence[_Tok], covered: Sequence[bool], i: int) -> int | None:
    """Index of the determiner that opens the noun phrase headed by token ``i``."""
    for back in range(1, MAX_MODIFIERS + 2):
        j = i - back
        if j < 0 or covered[j]:
            return None
        low = toks[j].text.lower()
        if low in _DETERMINERS:
            return j
        if low in _STOP or not (toks[j].text[0].isalnum()):
            return None
    return None


def _nearby(
    events: Sequence[tuple[int, int, str, int]],
    ents: Mapping[str, LocalEntity],
    types: frozenset[str],
    start: int,
    sent: int,
) -> str | None:
    cands = {
        eid
        for s, _i, eid, k in events
        if s < start and sent - NEARBY_SENTENCES <= k <= sent and ents[eid].type in types
    }
    return next(iter(cands)) if len(cands) == 1 else None


def _subject_like(toks: Sequence[_Tok], i: int, sent_of: Sequence[int]) -> bool:
    if i == 0 or sent_of[i - 1] != sent_of[i]:
        return True
    prev = toks[i - 1].text.lower()
    if prev in _DETERMINERS and i >= 2:
        prev = toks[i - 2].text.lower()
        if sent_of[i - 2] != sent_of[i]:
            return True
    if prev in _PREPOSITIONS:
        return False
    return prev in _CLAUSE_OPENERS or not prev[:1].isalnum()


def _other_pronoun(
    text: str,
    toks: Sequence[_Tok],
    events: Sequence[tuple[int, int, str, int]],
    ents: Mapping[str, LocalEntity],
    ending: Mapping[int, str],
    i: int,
    sent_of: Sequence[int],
) -> str | None:
    """Rules 4 and 5: it/its -> an organisation or facility; who/which/that -> the
    mention right before it (", who")."""
    t = toks[i]
    if t.low in _RELATIVES and i > 0:
        j = i - 1 if toks[i - 1].text != "," else i - 2
        if j < 0 or sent_of[j] != sent_of[i]:
            return None
        eid = ending.get(toks[j].end)
        allowed = _RELATIVES[t.low]
        if eid is None or (allowed is not None and ents[eid].type not in allowed):
            return None
        return eid
    types = _TYPED_PRONOUNS.get(t.low)
    if types is None:
        return None
    sent = sent_of[i]
    for k in (sent, sent - 1):  # the one compatible entity of this, else the previous sentence
        cands = {
            eid for s, _ti, eid, kk in events if s < t.start and kk == k and ents[eid].type in types
        }
        if cands:
            return next(iter(cands)) if len(cands) == 1 else None
    return None


def _antecedent(
    toks: Sequence[_Tok],
    events: Sequence[tuple[int, int, str, int]],
    ents: Mapping[str, LocalEntity],
    genders: Mapping[str, str | None],
    i: int,
    sent_of: Sequence[int],
    gender: str,
) -> str | None:
    sent = sent_of[i]
    cands = [
        (s, ti, eid, k)
        for s, ti, eid, k in events
        if s < toks[i].start
        and k >= sent - 1
        and ents[eid].type == "PERSON"
        and genders.get(eid) in (None, gender)
    ]
    same = [c for c in cands if c[3] == sent]
    subj = [c for c in same if _subject_like(toks, c[1], sent_of)]
    if subj:
        return subj[-1][2]
    prev = [c for c in cands if c[3] == sent - 1 and _subject_like(toks, c[1], sent_of)]
    if prev:
        return prev[0][2]
    return cands[-1][2] if cands else None
