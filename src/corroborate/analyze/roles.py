"""Roles and titles given to a named person, read from the tokens around a mention.

Three patterns (see docs/entities.md):

* pre-nominal: "Transport Minister Elena Varga", "the head of the state port company
  Tarsk Harbour Dmitry Sokolov", "U.S. Secretary of State Antony Blinken";
* apposition after the name: "Irena Holm, ministry spokeswoman",
  "Marek Vos, a union organiser who lives ..." (relative/participial clauses cut);
* apposition before the name: "The chief spokesperson of the ministry, Irena Holm".

A plural pre-nominal role is shared by a coordination ("billionaires A and B"); that
sharing is done by the caller, which knows the other mentions.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from corroborate.analyze.names import HONORIFICS, TITLE_WORDS
from corroborate.analyze.nlp import doc_text
from corroborate.types import Role

# Nouns that denote a person by role or relation (lemmas). General English vocabulary.
PERSON_ROLE_NOUNS = TITLE_WORDS | frozenset(
    [
        "critic",
        "leader",
        "ally",
        "associate",
        "aide",
        "activist",
        "politician",
        "official",
        "head",
        "executive",
        "billionaire",
        "millionaire",
        "oligarch",
        "tycoon",
        "businessman",
        "businesswoman",
        "entrepreneur",
        "journalist",
        "reporter",
        "correspondent",
        "editor",
        "lawyer",
        "attorney",
        "member",
        "founder",
        "cofounder",
        "analyst",
        "expert",
        "counterpart",
        "colleague",
        "opponent",
        "rival",
        "supporter",
        "candidate",
        "dissident",
        "adviser",
        "advisor",
        "economist",
        "scientist",
        "researcher",
        "student",
        "writer",
        "author",
        "actor",
        "actress",
        "singer",
        "player",
        "coach",
        "manager",
        "owner",
        "investor",
        "banker",
        "diplomat",
        "lawmaker",
        "legislator",
        "mp",
        "prosecutor",
        "investigator",
        "witness",
        "victim",
        "survivor",
        "prisoner",
        "detainee",
        "wife",
        "husband",
        "widow",
        "widower",
        "son",
        "daughter",
        "mother",
        "father",
        "partner",
        "friend",
        "negotiator",
        "boss",
        "organizer",
        "organiser",
        "campaigner",
        "protester",
        "protestor",
        "dissident",
        "heir",
        "nominee",
        "deputy",
        "strategist",
        "secretary-general",
        "envoy",
        "ceo",
        "chairman",
        "president-elect",
        "incumbent",
        "predecessor",
        "successor",
        "physician",
        "nurse",
        "doctor",
        "teacher",
        "soldier",
        "pilot",
        "officer",
    ]
)
_PERSON_SUFFIXES = ("ist", "man", "woman", "person", "eur")
_RUN_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
_MAX_ROLE_TOKENS = 14
_TIME_NOUNS = frozenset(
    [
        "second",
        "minute",
        "hour",
        "day",
        "night",
        "week",
        "weekend",
        "month",
        "year",
        "decade",
        "century",
        "time",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "morning",
        "afternoon",
        "evening",
    ]
)
_NON_ROLE_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})


def in_role_lexicon(token: Token) -> bool:
    """The word (or its singular) is a known person-role noun, whatever its tag."""
    low = token.lower_
    forms = {token.lemma_.lower(), low, low[:-1] if low.endswith("s") else low}
    return any(f in PERSON_ROLE_NOUNS or f.rstrip(".") in HONORIFICS for f in forms)


def is_person_noun(token: Token) -> bool:
    """A noun that names a person by role ("spokeswoman", "billionaires", "President")."""
    if in_role_lexicon(token):
        return True
    for form in (token.lemma_.lower(), token.lower_):
        if token.pos_ == "NOUN" and form.endswith(_PERSON_SUFFIXES) and len(form) > 5:
            return True
    return False


def _glued(doc: Doc, i: int) -> bool:
    """Token i is a hyphen written without spaces inside a word ("anti-Putin")."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text == "-"
        and doc[i - 1].whitespace_ == ""
        and doc[i].whitespace_ == ""
        and doc[i + 1].is_alpha
    )


def _blocked(t: Token) -> bool:
    """A token no role runs through: a line break or a date/number expression."""
    return "\n" in t.text or t.ent_type_ in _NON_ROLE_ENTS or t.lemma_.lower() in _TIME_NOUNS


def _head_noun(tokens: list[Token]) -> Token | None:
    """Head of a role noun phrase: the last noun before the first of/for/'s-phrase."""
    head = None
    for t in tokens:
        if t.pos_ == "ADP" or t.tag_ == "POS":
            if head is not None:
                break
            continue
        if t.pos_ in {"NOUN", "PROPN"}:
            head = t
    return head


def _role(doc: Doc, first: int, last: int) -> Role:
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return Role(text=doc_text(doc)[start:end], start=start, end=end)


def _scan_left(doc: Doc, j: int, lower: int, allow_det: bool) -> int:
    """Walk left from token j over a noun phrase; return the index of its first token.

    ``allow_det`` (an apposition before a comma) lets the phrase include determiners and
    any "of"-phrase; otherwise (a title glued to a name) "of"/"for" is crossed only
    towards a role noun when no role noun was collected yet ("head of ... bank VTB",
    but not "critic of President").
    """
    first = j + 1
    has_role = False
    while j >= lower and first - j <= _MAX_ROLE_TOKENS:
        t = doc[j]
        if _blocked(t):
            break
        if t.is_space:
            j -= 1
            continue
        if t.is_punct and not _glued(doc, j):
            break
        if t.pos_ == "ADP":
            left = doc[j - 1] if j > lower else None
            if t.lower_ in {"of", "for"} and left is not None:
                ok = (
                    left.pos_ in {"NOUN", "PROPN"}
                    if allow_det
                    else (is_person_noun(left) and not has_role)
                )
                if ok:
                    first = j
                    j -= 1
                    continue
            break
        if t.pos_ == "CCONJ":
            if j > lower and doc[j - 1].pos_ == "PROPN" and doc[j + 1].pos_ == "PROPN":
                first = j
                j -= 1
                continue
            break
        if (
            t.tag_ == "POS"
            or t.pos_ in _RUN_POS
            or in_role_lexicon(t)
            or (t.is_punct and _glued(doc, j))
        ):
            has_role = has_role or is_person_noun(t)
            first = j
            j -= 1
            continue
        if t.pos_ == "DET" and allow_det and t.lower_ in {"the", "a", "an"}:
            first = j
            j -= 1
            continue
        break
    return first


def _trim_left(doc: Doc, first: int, last: int) -> int:
    """Drop leading determiners, participles ("jailed") and dangling function words."""
    while first <= last:
        t = doc[first]
        if (
            t.pos_ in {"ADP", "CCONJ", "PART", "PUNCT", "DET"}
            or t.tag_ in {"VBN", "VBD", "VBG", "POS"}
            or (t.tag_ == "JJ" and t.lower_.endswith("ed"))
        ):
            first += 1
            continue
        break
    return first


def role_before(doc: Doc, start: int, taken: frozenset[int] = frozenset()) -> Role | None:
    """Pre-nominal title: the noun phrase glued to the left of the name at token ``start``.

    ``taken`` holds token indices of other kept mentions: a name right after another
    name has no title.
    """
    if start == 0 or (start - 1) in taken:
        return None
    adjacent = doc[start - 1]
    lower = doc[start].sent.start
    first = _scan_left(doc, start - 1, lower, allow_det=False)
    if first >= start:
        return None
    first = _trim_left(doc, first, start - 1)
    tokens = list(doc[first:start])
    if not tokens:
        return None
    has_title = any(is_person_noun(t) for t in tokens)
    if (
        adjacent.pos_ == "NOUN"
        or in_role_lexicon(adjacent)
        or (adjacent.pos_ == "PROPN" and has_title)
    ):
        if adjacent.pos_ == "PROPN" and not adjacent.is_title and not adjacent.is_upper:
            return None
        return _role(doc, first, start - 1)
    return None


def role_before_comma(doc: Doc, start: int) -> Role | None:
    """Apposition before the name: "The official representative of X, Maria Zakharova"."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    lower = doc[start].sent.start
    first = _scan_left(doc, start - 2, lower, allow_det=True)
    if first > start - 2:
        return None
    first = _trim_left_keep_det(doc, first, start - 2)
    tokens = list(doc[first : start - 1])
    head = _head_noun(tokens)
    if head is None or not is_person_noun(head):
        return None
    return _role(doc, first, start - 2)


def _trim_left_keep_det(doc: Doc, first: int, last: int) -> int:
    while first <= last and (
        doc[first].pos_ in {"ADP", "CCONJ", "PART", "PUNCT"} or doc[first].tag_ == "POS"
    ):
        first += 1
    return first


def role_after(
    doc: Doc, start: int, end: int, person_starts: frozenset[int] = frozenset()
) -> Role | None:
    """Apposition after the name (tokens start..end-1): "X, a close associate who ...".

    An apposition that runs into another person's name not introduced by a title
    ("X, the head of the ministry Y Z") is that other person's role: none for X.
    """
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    sent_end = doc[start].sent.end
    j = end + 1
    last = j - 1
    while j < sent_end and j - end <= _MAX_ROLE_TOKENS:
        t = doc[j]
        if _blocked(t):
            break
        if t.is_space:
            j += 1
            continue
        if j in person_starts and not in_role_lexicon(doc[j - 1]):
            return None
        if t.is_punct and not _glued(doc, j):
            break
        if t.pos_ == "ADP" and t.lower_ not in {"of", "for", "at"}:
            break
        if t.pos_ == "CCONJ":
            if doc[j - 1].pos_ == "PROPN" and j + 1 < sent_end and doc[j + 1].pos_ == "PROPN":
                j += 1
                continue
            break
        if t.pos_ == "VERB" or t.pos_ == "AUX" or t.pos_ == "PRON" or t.pos_ == "SCONJ":
            break
        if t.pos_ in _RUN_POS or t.pos_ in {"DET", "ADP"} or t.tag_ == "POS" or t.is_punct:
            last = j
            j += 1
            continue
        break
    while last > end and (doc[last].pos_ in {"ADP", "DET", "CCONJ"} or doc[last].tag_ == "POS"):
        last -= 1
    if last <= end:
        return None
    tokens = list(doc[end + 1 : last + 1])
    if tokens[0].pos_ == "NUM" and len(tokens) == 1:
        return None  # an age: "Navalny, 44,"
    head = _head_noun(tokens)
    if head is None or head.tag_ in {"NNS", "NNPS"}:
        return None  # no head, or a plural ("X, members of his team") is a list, not a role
    parsed_appos = head.dep_ == "appos" and start <= head.head.i < end
    if not (is_person_noun(head) or (parsed_appos and head.pos_ == "NOUN")):
        return None
    return _role(doc, end + 1, last)


def is_plural_role(doc: Doc, role: Role) -> bool:
    """A role whose last word is plural ("billionaires"): it can be shared by conjuncts."""
    span = doc.char_span(role.start, role.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    last = span[-1]
    return last.tag_ in {"NNS", "NNPS"} or (
        last.lower_.endswith("s") and in_role_lexicon(last) and last.lower_ not in PERSON_ROLE_NOUNS
    )


def roles_for(
    doc: Doc,
    start: int,
    end: int,
    taken: frozenset[int] = frozenset(),
    person_starts: frozenset[int] = frozenset(),
) -> list[Role]:
    """All roles found around one name mention (tokens start..end-1).

    ``taken``: token indices of all kept mentions; ``person_starts``: first tokens of
    the mentions NER tagged PERSON.
    """
    found = (
        role_before(doc, start, taken),
        role_before_comma(doc, start),
        role_after(doc, start, end, person_starts),
    )
    return [r for r in found if r is not None]
