"""Fact units: a claim sentence split into the clauses that each state one fact.

"X was arrested on his return and held in Y" carries two facts (the arrest, the place of
detention) that other outlets may report separately; alignment compares such clauses, and a
sentence may support several claims, one per unit. Units come from the dependency parse of
the sentence (the per-article Analysis keeps no parse, so the claim sentences are parsed
again here, tagger + parser only):

- the root's clause, plus every **coordinated predicate** (``conj`` of a clause head that is a
  verb), every **adverbial or relative clause** (``advcl``, ``relcl``) with a verb, and the
  clausal complements of a root that has several ("X was killed and Y wounded, police
  said"), each taking its own subtree minus the nested units' subtrees, as one stretch of
  text (from its first to its last word);
- a coordinated predicate without a subject of its own inherits the subject's words (its
  entities count for it: "held in Y" is about X);
- a unit shorter than :data:`MIN_UNIT_WORDS` words stays in its parent; at most
  :data:`MAX_UNITS` units per sentence (the longest ones).

Clausal complements of speech verbs ("police said X was shot") are not split: the content is
the fact, the attribution belongs to it (docs/claims.md). When a speech root's reported
clauses are split off, what is left of the root ("X was hurt, Elmwood police say" leaves
"Elmwood police say") is attribution, not a fact: it is no unit of its own (see
:func:`_attribution`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MIN_UNIT_WORDS = 3  #: a clause with fewer words is not a fact of its own
MAX_UNITS = 4  #: units per sentence at most
SPLIT_DEPS = frozenset({"conj", "advcl", "relcl"})
#: Penn tags of verbs (the tagger's own tags: the attribute ruler that maps them to
#: universal POS is not run, to save its time)
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
#: words that can open a second clause; a sentence without one (and without ";" or ",")
#: has one unit, and is not parsed
CLAUSE_CUES = frozenset(
    {
        "and",
        "but",
        "while",
        "who",
        "which",
        "whom",
        "whose",
        "when",
        "after",
        "before",
        "where",
        "because",
        "as",
        "until",
        "since",
        "then",
        "or",
        "although",
        "though",
    }
)
#: forms of speech verbs: their clausal complement is the fact ("X was hurt and Y was
#: treated, officials said" splits into the two reported clauses)
SPEECH_FORMS = frozenset(
    {"said", "says", "say", "told", "tells", "reported", "reports", "added", "stated", "confirmed"}
)
#: dependents an attribution clause may have beside its reported clauses: the speaker, when,
#: where and how it was said ("Officials told reporters on Friday", "At this point, officers say")
ATTRIBUTION_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "aux",
        "auxpass",
        "neg",
        "advmod",
        "npadvmod",
        "prep",
        "dative",
        "dobj",
        "punct",
        "cc",
        "mark",
        "intj",
        "ccomp",
    }
)
#: an attribution clause longer than this tells more than who said it
MAX_ATTRIBUTION_WORDS = 10
MIN_SPLIT_WORDS = 8  #: a sentence shorter than this is one unit
#: a "sentence" longer than this is a segmentation failure (a list, a table, a page of
#: another language): it stays one unit, and parsing it would cost quadratic time
MAX_SPLIT_CHARS = 1_000


@dataclass(frozen=True)
class UnitSpan:
    """One fact unit of a sentence: its character span (absolute in the article) and the
    span of the subject words it inherits (None when it has its own)."""

    start: int
    end: int
    subject: tuple[int, int] | None = None


def may_split(text: str) -> bool:
    """Whether ``text`` can hold two clauses (cheap test before parsing it)."""
    if len(text) > MAX_SPLIT_CHARS:
        return False
    words = text.lower().replace(",", " , ").replace(";", " ; ").split()
    if len(words) < MIN_SPLIT_WORDS:
        return False
    return any(w in CLAUSE_CUES or w in (",", ";") for w in words)


def _words(tokens: Sequence[Any]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _subject(head: Any) -> Any | None:
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def split_units(sent: Any, offset: int = 0) -> list[UnitSpan]:
    """The fact units of one parsed sentence (a spaCy ``Span`` or ``Doc``); character
    offsets are shifted by ``offset`` (the sentence's start in the article)."""
    tokens = list(sent)
    if not tokens:
        return []
    root = next((t for t in tokens if t.dep_ == "ROOT"), tokens[0])
    heads = [root]
    reported = [c for c in root.children if c.dep_ == "ccomp" and c.tag_ in VERB_TAGS]
    speech = len(reported) > 1 or root.lower_ in SPEECH_FORMS
    for tok in tokens:
        if tok is root or tok.tag_ not in VERB_TAGS:
            continue
        clause = tok.dep_ in SPLIT_DEPS or (speech and tok in reported)
        if clause and _words(list(tok.subtree)) >= MIN_UNIT_WORDS:
            heads.append(tok)
    if len(heads) == 1:
        return [_span(tokens, offset)]
    heads = sorted(heads, key=lambda h: -_words(list(h.subtree)))
    heads = [root, *[h for h in heads if h is not root][: MAX_UNITS - 1]]
    head_ids = {h.i for h in heads}
    owner: dict[int, int] = {}
    for tok in tokens:
        node = tok
        # spaCy returns a new Token object on each ``.head``: compare indices, not identity
        # (a root's head is itself; a parse may hold a second root outside ``head_ids``)
        while node.i not in head_ids and node.head.i != node.i:
            node = node.head
        owner[tok.i] = node.i if node.i in head_ids else root.i
    split_reported = speech and any(h in reported for h in heads)
    out: list[UnitSpan] = []
    for head in heads:
        own = [t for t in tokens if owner[t.i] == head.i and not t.is_space]
        if _words(own) < MIN_UNIT_WORDS:
            continue
        if head is root and split_reported and _attribution(root, own, head_ids):
            out.append(_span(tokens, offset))
            continue
        own = _trim(_hull(own, tokens))
        if _words(own) < MIN_UNIT_WORDS:
            continue
        start = own[0].idx + offset
        end = own[-1].idx + len(own[-1].text) + offset
        subject = None
        if head.dep_ == "conj" and _subject(head) is None:
            parent_subject = _subject(head.head)
            if parent_subject is not None:
                words = list(parent_subject.subtree)
                subject = (words[0].idx + offset, words[-1].idx + len(words[-1].text) + offset)
        out.append(UnitSpan(start, end, subject))
    out = list(dict.fromkeys(out))  # the whole statement may equal another unit's stretch
    if len(out) <= 1:
        return [_span(tokens, offset)]
    return sorted(out, key=lambda u: (u.start, u.end))


def _attribution(root: Any, own: Sequence[Any], head_ids: set[int]) -> bool:
    """Whether a speech root's own words (its reported clauses split off) only say who said
    it, when and to whom: a short clause of such dependents, without a figure.

    On the whole GVC dev half, 455 support spans of `corroborated` claims were such clauses
    ("Elmwood police said", "At this point, officers say"); paired with another outlet's
    sentence by their sentence's vector, 110 claims were corroborated by an attribution
    alone (docs/claims.md). The 10-word limit and the dependents were read off those
    clauses, not fitted."""
    if _words(own) > MAX_ATTRIBUTION_WORDS or any(t.like_num for t in own):
        return False
    return all(c.dep_ in ATTRIBUTION_DEPS or c.i in head_ids for c in root.children)


#: Marks spaCy calls punctuation that belong to the number before them ("fell 3%").
_NUMBER_MARKS = frozenset({"%", "‰"})


def _punct(t: Any) -> bool:
    return bool(t.is_punct) and t.text not in _NUMBER_MARKS


def _hull(own: list[Any], tokens: list[Any]) -> list[Any]:
    """The tokens from a unit's first to its last word: one stretch of text (a relative
    clause in the middle stays inside its host's span)."""
    words = [t for t in own if not _punct(t)]
    if not words:
        return []
    first, last = words[0].i, words[-1].i
    return [t for t in tokens if first <= t.i <= last]


def _trim(tokens: list[Any]) -> list[Any]:
    """Drop leading/trailing punctuation and coordinators ("and", ","); a unit's "%" stays."""
    while tokens and (_punct(tokens[0]) or tokens[0].dep_ in ("cc", "mark")):
        tokens = tokens[1:]
    while tokens and (_punct(tokens[-1]) or tokens[-1].dep_ in ("cc", "mark")):
        tokens = tokens[:-1]
    return tokens or []


def _span(tokens: Sequence[Any], offset: int) -> UnitSpan:
    words = [t for t in tokens if not t.is_space]
    return UnitSpan(words[0].idx + offset, words[-1].idx + len(words[-1].text) + offset)
