"""Named-entity mentions, within-article name coreference and roles.

``extract_entities(doc)`` turns spaCy's NER output into :class:`LocalEntity` objects:

1. repair each NER span (split "A - B", drop credit lines and holidays, trim
   possessives, determiners, titles, video timestamps; cut at line breaks; extend a
   lone surname over an untagged first name);
2. find roles around every mention (``roles.py``) and person cues in the parse;
3. cluster the distinct surface forms (``names.py``);
4. choose each cluster's type by a vote over all its mentions.

Everything is linear in the number of tokens plus small per-cluster work.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from corroborate.analyze.names import (
    HONORIFICS,
    TITLE_WORDS,
    canonical_name,
    clean_surface,
    cluster_names,
    strip_honorifics,
)
from corroborate.analyze.nlp import doc_text
from corroborate.analyze.roles import is_person_noun, is_plural_role, roles_for
from corroborate.analyze.wire_dateline import WireDateline, wire_dateline
from corroborate.types import LocalEntity, Mention, Role

__all__ = ["ENTITY_TYPES", "entity_at", "extract_entities", "find_person_by_role"]

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})

# Nouns a person (not a country or a company) is the possessor or "of"-object of.
PERSON_RELATIONS = frozenset(
    [
        "ally",
        "associate",
        "aide",
        "supporter",
        "team",
        "lawyer",
        "attorney",
        "wife",
        "husband",
        "widow",
        "family",
        "daughter",
        "son",
        "mother",
        "father",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "arrest",
        "conviction",
        "imprisonment",
        "incarceration",
        "release",
        "poisoning",
        "sentencing",
        "resignation",
        "trial",
        "death",
        "prosecution",
        "jailing",
        "detention",
        "funeral",
        "health",
        "biography",
        "memoir",
    ]
)
# Verbs whose patient is typically a person ("X was arrested", "sentenced X").
PERSON_PATIENT_VERBS = frozenset(
    [
        "arrest",
        "jail",
        "imprison",
        "sentence",
        "detain",
        "poison",
        "convict",
        "kill",
        "murder",
        "assassinate",
        "release",
        "free",
        "elect",
        "appoint",
        "nominate",
        "fire",
        "sack",
        "hospitalize",
        "interview",
        "marry",
        "prosecute",
        "charge",
    ]
)
_HOLIDAY_HEADS = frozenset({"day", "eve"})
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_DASHES = frozenset({"-", "–", "—"})
_WEIGHT_FULL_PERSON = 3.0
_WEIGHT_ROLE = 2.0


@dataclass
class _Cand:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    roles: list[Role] = field(default_factory=list)
    person_cues: float = 0.0
    place_cues: float = 0.0
    dateline: bool = False  # the place of a wire dateline


# --------------------------------------------------------------------------- repair


def _pieces(ent: Span) -> Iterable[tuple[int, int]]:
    """Split an NER span at line breaks (keep the first line), spaced dashes, and for
    PERSON at "and"/"&"."""
    doc = ent.doc
    end = ent.end
    for t in ent:
        if "\n" in t.text:
            end = t.i
            break
    cut = ent.start
    for t in doc[ent.start : end]:
        spaced = t.i > 0 and doc[t.i - 1].whitespace_ != "" and t.whitespace_ != ""
        splitter = (t.text in _DASHES and spaced) or (
            ent.label_ == "PERSON" and t.lower_ in {"and", "&"}
        )
        if splitter:
            yield cut, t.i
            cut = t.i + 1
    yield cut, end


def _split_trailing_person(doc: Doc, start: int, end: int) -> int | None:
    """Where an ORG span ends in a person's name ("Ministry of Health Mikhail Murashko"):
    the token index the name starts at, else None. Shape: ... of X Name Surname."""
    if end - start < 5:
        return None
    a, b, x, of = doc[end - 2], doc[end - 1], doc[end - 3], doc[end - 4]
    if (
        of.lower_ == "of"
        and x.pos_ == "PROPN"
        and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in (a, b))
        and a.dep_ == "compound"
        and a.head.i == b.i
        and x.head.i != b.i
    ):
        return end - 2
    return None


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ in {"the", "a", "an"}
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].text in {"'s", "’s", "'", "’"}
        or (doc[end - 1].is_punct and doc[end - 1].text != ".")
        or doc[end - 1].is_space
        or _TIME.match(doc[end - 1].text)
    ):
        end -= 1
    if label == "PERSON" and end > start:
        start += strip_honorifics([t.text for t in doc[start:end]])
    return start, end


def _drop(doc: Doc, start: int, end: int, label: str) -> bool:
    tokens = doc[start:end]
    text = tokens.text
    if label == "ORG" and "/" in text:
        return True  # a photo credit line "Ministry/Handout/Agency/Getty"
    if not any(t.tag_ in {"NNP", "NNPS", "JJ"} or t.is_upper for t in tokens):
        return True  # only common nouns ("Protests")
    if (
        label == "PERSON"
        and end + 1 < len(doc)
        and doc[end].tag_ == "POS"
        and doc[end + 1].lower_ in _HOLIDAY_HEADS
        and doc[end + 1].is_title
    ):
        return True  # "Valentine's Day"
    head = tokens[-1].lower_.rstrip(".")
    if label in {"ORG", "PERSON"} and (head in TITLE_WORDS or head in HONORIFICS):
        return True  # a bare title ("the Permanent Representative")
    # the object of a title ("Secretary of State", "Minister of Defence")
    return (
        end - start == 1
        and start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in TITLE_WORDS
    )


def _extend_left(doc: Doc, start: int, end: int, tagged: set[int]) -> int:
    """A lone tagged surname after an untagged capitalised name word ("Alisher Usmanov")."""
    if end - start != 1 or start == 0:
        return start
    prev = doc[start - 1]
    if (
        prev.i not in tagged
        and prev.pos_ == "PROPN"
        and prev.is_title
        and prev.is_alpha
        and prev.whitespace_ != ""
        and prev.sent == doc[start].sent
        and prev.lower_ not in TITLE_WORDS
        and prev.lower_ not in HONORIFICS
        and not (start >= 2 and doc[start - 2].lower_ == "of")
    ):
        return start - 1
    return start


def _candidates(doc: Doc) -> list[_Cand]:
    tagged = {t.i for e in doc.ents for t in e}
    out: list[_Cand] = []
    dateline = wire_dateline(doc_text(doc))
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        if dateline is not None:
            where = _in_dateline(ent, dateline)
            if where in {"place", "agency"}:
                continue  # the place is added whole below; the agency filed the report
            if where == "state":
                out.append(_Cand(ent.start, ent.end, "GPE"))
                continue
        for s0, e0 in _pieces(ent):
            parts = [(s0, e0, ent.label_)]
            cut = _split_trailing_person(doc, s0, e0) if ent.label_ == "ORG" else None
            if cut is not None:
                parts = [(s0, cut, "ORG"), (cut, e0, "PERSON")]
            for s, e, label in parts:
                s, e = _trim(doc, s, e, label)
                if e <= s or _drop(doc, s, e, label):
                    continue
                s = _extend_left(doc, s, e, tagged)
                out.append(_Cand(s, e, label))
    if dateline is not None:
        out = _dateline_place(doc, dateline.place, out)
    return out


def _in_dateline(ent: Span, dateline: WireDateline) -> str | None:
    """ "place", "state" or "agency" for a mention inside that part of a wire dateline
    (a mention across the place and the state counts as the place), else None."""
    (ps, pe), (ss, se), (as_, ae) = dateline.place, dateline.state, dateline.agency
    if ps <= ent.start_char < pe:
        return "place"
    if ss <= ent.start_char and ent.end_char <= se:
        return "state"
    if as_ <= ent.start_char and ent.end_char <= ae:
        return "agency"
    return None


def _dateline_place(doc: Doc, place: tuple[int, int], cands: list[_Cand]) -> list[_Cand]:
    """The dateline's place as one GPE mention, tagged or not ("EDGEWOOD, OR (KXRT) –", "ST.
    ALBAN (KXRT/AP) —" that the NER cut in two)."""
    span = doc.char_span(*place, alignment_mode="contract")
    if span is None or len(span) == 0:
        return cands
    added = _Cand(span.start, span.end, "GPE", dateline=True)
    return sorted([*cands, added], key=lambda c: c.start)


# --------------------------------------------------------------------------- cues


def _person_cues(doc: Doc, c: _Cand) -> float:
    """Parse evidence that a mention names a person, whatever NER said."""
    last: Token = doc[c.end - 1]
    head = last.head
    score = 0.0
    if c.end < len(doc) and doc[c.end].tag_ == "POS" and head.lemma_.lower() in PERSON_RELATIONS:
        score += 1  # "Navalny's allies"
    if last.dep_ == "compound" and head.pos_ == "NOUN" and is_person_noun(head):
        score += 1  # "a close Navalny associate"
    if last.dep_ in {"nsubjpass", "dobj"} and head.lemma_.lower() in PERSON_PATIENT_VERBS:
        score += 1  # "Navalny was arrested", "sentenced Navalny"
    if last.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PERSON_RELATIONS:
        score += 1  # "the arrest of Navalny"
    return score


#: votes of one place cue: more than the NER label of the same mention, which the cue
#: contradicts (en_core_web_sm tags many one-word towns PERSON)
_WEIGHT_PLACE = 1.5
#: prepositions whose object is a place ("in Marlowe", "near Elmwood"; not "to" or "from",
#: which take people too: "a letter from Ann")
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "throughout", "across"})
#: nouns a place name modifies ("Marlowe police", "the Elmwood area")
PLACE_HEADS = frozenset(
    {"police", "area", "neighborhood", "neighbourhood", "resident", "residents", "suburb"}
)


def _place_cues(doc: Doc, c: _Cand) -> float:
    """Parse evidence that a mention names a place ("in Marlowe", "Marlowe police"), whatever
    NER said; not a name with a possessive ("in Ann's house" is not "in Ann")."""
    last: Token = doc[c.end - 1]
    if c.end < len(doc) and doc[c.end].tag_ == "POS":
        return 0.0
    head = last.head
    if last.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS:
        return _WEIGHT_PLACE
    if last.dep_ == "compound" and head.lower_ in PLACE_HEADS:
        return _WEIGHT_PLACE
    return 0.0


def _attach_roles(doc: Doc, cands: Sequence[_Cand]) -> None:
    taken = frozenset(i for c in cands for i in range(c.start, c.end))
    person_starts = frozenset(c.start for c in cands if c.label == "PERSON")
    prev: _Cand | None = None
    for c in cands:
        c.roles = roles_for(doc, c.start, c.end, taken, person_starts)
        # a plural role is shared by coordinated names: "billionaires A and B"
        if (
            prev is not None
            and not any(r.end <= doc[c.start].idx for r in c.roles)
            and c.start - prev.end == 1
            and doc[prev.end].lower_ in {"and", ",", "&"}
        ):
            shared = [r for r in prev.roles if r.end <= doc[prev.start].idx]
            c.roles.extend(r for r in shared if is_plural_role(doc, r))
        person_roles = sum(1 for r in c.roles if _role_is_personal(doc, r))
        c.person_cues = _person_cues(doc, c) + _WEIGHT_ROLE * min(person_roles, 1)
        # only against a person label: "a stake in Ford" is the company's
        c.place_cues = _place_cues(doc, c) if c.label == "PERSON" and not c.roles else 0.0
        if c.dateline:
            c.place_cues = _WEIGHT_PLACE  # "MARLOWE, Ore. (KXRT) —" is a place, not a company
        prev = c


def _role_is_personal(doc: Doc, role: Role) -> bool:
    span = doc.char_span(role.start, role.end, alignment_mode="expand")
    return span is not None and any(is_person_noun(t) for t in span)


# --------------------------------------------------------------------------- vote


def _vote(doc: Doc, cands: Sequence[_Cand]) -> str:
    votes: dict[str, float] = {}
    for c in cands:
        multi = c.end - c.start >= 2
        weight = _WEIGHT_FULL_PERSON if (c.label == "PERSON" and multi) else 1.0
        votes[c.label] = votes.get(c.label, 0.0) + weight
        if c.person_cues:
            votes["PERSON"] = votes.get("PERSON", 0.0) + c.person_cues
        if c.place_cues:
            votes["GPE"] = votes.get("GPE", 0.0) + c.place_cues
    best = max(votes.values())
    # ties: the first-seen label among the best (dicts keep insertion order)
    return next(label for label, v in votes.items() if v == best)


def _add_missed_surnames(doc: Doc, cands: Sequence[_Cand], members: dict[int, list[_Cand]]) -> None:
    """Recall pass: an untagged capitalised token equal to the surname of exactly one
    person cluster (whose vote is PERSON) is one more mention of that person."""
    surname_of: dict[str, int] = {}
    clash: set[str] = set()
    for k, group in members.items():
        if _vote(doc, group) != "PERSON":
            continue
        for c in group:
            if c.end - c.start >= 2:
                last = doc[c.end - 1].text
                if surname_of.get(last, k) != k:
                    clash.add(last)
                surname_of[last] = k
    if not surname_of:
        return
    taken = {i for c in cands for i in range(c.start, c.end)}
    for t in doc:
        hit = surname_of.get(t.text) if t.is_title else None
        if hit is not None and t.text not in clash and t.i not in taken and t.pos_ == "PROPN":
            members[hit].append(_Cand(t.i, t.i + 1, "PERSON"))
    for group in members.values():
        group.sort(key=lambda c: c.start)


def extract_entities(doc: Doc) -> tuple[LocalEntity, ...]:
    """Entities of one article from its parsed ``doc`` (offsets are ``doc.text`` offsets).

    Ids are "e0", "e1", ... in order of first mention; ``name`` is the longest full
    form without titles; ``aliases`` every distinct surface form; ``roles`` the titles
    and appositions given to a person; every mention carries its entity id and the
    entity's (voted) type.
    """
    cands = _candidates(doc)
    if not cands:
        return ()
    _attach_roles(doc, cands)
    forms: list[str] = []
    form_index: dict[str, int] = {}
    cand_form: list[int] = []
    for c in cands:
        surface = clean_surface(
            doc_text(doc)[doc[c.start].idx : doc[c.end - 1].idx + len(doc[c.end - 1])]
        )
        if surface not in form_index:
            form_index[surface] = len(forms)
            forms.append(surface)
        cand_form.append(form_index[surface])
    cluster_of = {f: k for k, group in enumerate(cluster_names(forms)) for f in group}
    members: dict[int, list[_Cand]] = {}
    for c, f in zip(cands, cand_form, strict=True):
        members.setdefault(cluster_of[f], []).append(c)

    _add_missed_surnames(doc, cands, members)
    entities: list[LocalEntity] = []
    ordered = sorted(members.values(), key=lambda cs: cs[0].start)
    for n, group in enumerate(ordered):
        eid = f"e{n}"
        etype = _vote(doc, group)
        counts: Counter[str] = Counter()
        mentions: list[Mention] = []
        roles: dict[tuple[int, int], Role] = {}
        for c in group:
            s, e = doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])
            text = doc_text(doc)[s:e]
            counts[clean_surface(text)] += 1
            mentions.append(Mention(start=s, end=e, text=text, type=etype, entity_id=eid))
            if etype == "PERSON":
                for r in c.roles:
                    roles.setdefault((r.start, r.end), r)
        aliases = list(counts)
        name = canonical_name(aliases, [counts[a] for a in aliases])
        entities.append(
            LocalEntity(
                id=eid,
                name=name,
                type=etype,
                aliases=tuple(aliases),
                roles=tuple(sorted(roles.values(), key=lambda r: r.start)),
                mentions=tuple(mentions),
            )
        )
    return tuple(entities)


# --------------------------------------------------------------------------- lookups


def entity_at(entities: Sequence[LocalEntity], start: int, end: int) -> LocalEntity | None:
    """The entity with a mention overlapping ``[start, end)`` (the largest overlap wins)."""
    best: LocalEntity | None = None
    best_overlap = 0
    for ent in entities:
        for m in ent.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap or (overlap > 0 and start == end):
                best, best_overlap = ent, overlap
    if best is None and start == end:
        for ent in entities:
            if any(m.start <= start < m.end for m in ent.mentions):
                return ent
    return best


def _word_forms(word: str) -> set[str]:
    w = word.lower().strip()
    return {w, w + "s", w + "es", w[:-1] if w.endswith("s") else w}


def find_person_by_role(entities: Sequence[LocalEntity], role_word: str) -> LocalEntity | None:
    """The person holding a role that contains ``role_word`` ("spokeswoman").

    Matches whole words, case-insensitively, singular or plural; a multi-word
    ``role_word`` must occur as a phrase. With several holders, the one mentioned
    most often wins (then the first).
    """
    phrase = role_word.lower().split()
    if not phrase:
        return None
    forms = _word_forms(phrase[-1])
    best: LocalEntity | None = None
    for ent in entities:
        if ent.type != "PERSON":
            continue
        for role in ent.roles:
            words = re.findall(r"[\w.'’-]+", role.text.lower())
            for i in range(len(phrase) - 1, len(words)):
                head_ok = words[i] in forms
                if head_ok and words[i - len(phrase) + 1 : i] == phrase[:-1]:
                    if best is None or len(ent.mentions) > len(best.mentions):
                        best = ent
                    break
    return best
