"""Speech cues, channels and speaker resolution used by :mod:`corroborate.analyze.quotes`.

Everything here works on one parsed article (a spaCy ``Doc``) plus the article's
:class:`~corroborate.types.LocalEntity` list; it never imports another stage.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from corroborate.analyze.names import TITLE_WORDS
from corroborate.analyze.nlp import doc_text
from corroborate.types import LocalEntity

# Verbs that introduce what someone said (lemmas).
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "write", "post", "tweet", "add", "state", "claim", "announce",
        "urge", "deny", "suggest", "accuse", "insist", "argue", "warn", "note", "explain",
        "confirm", "acknowledge", "admit", "declare", "reply", "respond", "answer", "ask",
        "comment", "stress", "emphasize", "emphasise", "allege", "predict", "promise",
        "vow", "threaten", "demand", "assert", "report", "recall", "complain", "remark",
        "reiterate", "concede", "maintain", "contend", "observe", "quip", "joke",
        "call", "criticize", "criticise", "describe", "label", "brand", "dub", "term",
        "condemn", "dismiss", "reject", "praise", "denounce", "blast", "slam", "hail",
        "characterize", "characterise",
    }
)  # fmt: skip
# Cues that only frame a quotation ("called X 'unfounded'", "described X as '...'"):
# they never produce a reported-speech quote of their own.
FRAMING_ONLY = frozenset(
    {
        "call", "criticize", "criticise", "describe", "label", "brand", "dub", "term",
        "condemn", "dismiss", "reject", "praise", "denounce", "blast", "slam", "hail",
        "characterize", "characterise", "ask", "recall", "report",
    }
)  # fmt: skip
# Reported-speech verbs whose content is their object/complement rather than a ccomp.
OBJECT_REPORT = frozenset({"accuse", "urge", "deny", "announce", "demand", "promise", "warn"})

# Nouns naming the medium in "in a post on X", "in a statement".
MEDIUM_NOUNS = frozenset(
    {
        "post", "statement", "interview", "tweet", "message", "video", "letter", "article",
        "op-ed", "column", "blog", "speech", "broadcast", "briefing", "comment", "remark",
        "release", "podcast", "address", "email", "note", "publication", "appearance",
        "op", "editorial", "thread", "livestream", "stream", "conversation", "call",
    }
)  # fmt: skip
EVENT_NOUNS = frozenset(
    {
        "conference", "briefing", "rally", "summit", "meeting", "event", "hearing",
        "session", "forum", "news", "press", "gathering", "ceremony", "debate", "vigil",
    }
)  # fmt: skip
AUDIENCE_NOUNS = frozenset(
    {
        "reporter", "journalist", "press", "medium", "media", "audience", "newspaper",
        "broadcaster", "agency", "channel", "radio", "television", "tv", "station",
        "supporter", "follower", "lawmaker", "parliament", "crowd",
    }
)  # fmt: skip
# Heads that speak for their possessor/modifier ("Russia's foreign ministry").
INSTITUTION_NOUNS = frozenset(
    {
        "ministry", "government", "office", "department", "agency", "embassy",
        "administration", "cabinet", "presidency", "mission", "delegation", "service",
        "spokesperson", "police", "army", "military", "court", "prosecutor", "council",
        "parliament", "authority", "authorities", "headquarters", "press",
    }
)  # fmt: skip
# Heads that cite a source ("a report by AFP", "a statement from the ministry").
SOURCE_NOUNS = frozenset(
    {"report", "statement", "source", "release", "publication", "article", "post", "media"}
)
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
FEMALE_WORDS = frozenset(
    {
        "spokeswoman", "chairwoman", "woman", "actress", "wife", "mother", "daughter",
        "sister", "queen", "princess", "congresswoman", "businesswoman", "girl", "mrs",
        "ms", "miss", "madam", "widow", "grandmother", "aunt", "niece", "duchess",
    }
)  # fmt: skip
MALE_WORDS = frozenset(
    {
        "spokesman", "chairman", "man", "actor", "husband", "father", "son", "brother",
        "king", "prince", "congressman", "businessman", "boy", "mr", "sir", "widower",
        "grandfather", "uncle", "nephew", "duke",
    }
)  # fmt: skip
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "parataxis"})
ORGLIKE = frozenset({"ORG", "GPE", "FAC", "LOC"})


@dataclass(frozen=True)
class Speaker:
    """A resolved (or at least located) speaker."""

    text: str
    start: int
    end: int
    entity_id: str | None


class EntityIndex:
    """Lookups over one article's entities: token → entity, roles, pronoun antecedents."""

    def __init__(
        self, doc: Doc, entities: Sequence[LocalEntity], quoted: Sequence[tuple[int, int]]
    ):
        self.doc = doc
        self.by_id = {e.id: e for e in entities}
        self.token_entity: dict[int, str] = {}
        subjects: list[tuple[int, str]] = []
        q_starts = [s for s, _ in quoted]
        for ent in entities:
            for m in ent.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for tok in span:
                    if not tok.is_space and not tok.is_punct:
                        self.token_entity.setdefault(tok.i, ent.id)
                if ent.type == "PERSON" and not _inside(m.start, quoted, q_starts):
                    root = span.root
                    if root.dep_ in SUBJECT_DEPS or (
                        root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS
                    ):
                        subjects.append((m.start, ent.id))
        subjects.sort()
        self._subj_pos = [p for p, _ in subjects]
        self._subj_ids = [i for _, i in subjects]
        self.gender = {e.id: _gender(doc, e) for e in entities}
        self._speakers: list[tuple[int, str]] = []  # sorted (position, id) of resolved speakers
        self.paragraph_starts = paragraph_starts(doc_text(doc))

    def paragraph(self, char: int) -> int:
        """Index of the paragraph (line) holding ``char``."""
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def note_speaker(self, pos: int, entity_id: str) -> None:
        """Remember a resolved speaker as a later pronoun antecedent."""
        bisect.insort(self._speakers, (pos, entity_id))

    def entity_of(self, tok: Token) -> str | None:
        return self.token_entity.get(tok.i)

    def pronoun_antecedent(self, tok: Token) -> str | None:
        """Most recent PERSON subject/speaker before ``tok`` in this or the previous paragraph."""
        want = PRONOUN_GENDER.get(tok.lower_)
        if want is None:
            return None
        para = self.paragraph(tok.idx)
        cands: list[tuple[int, str]] = []
        k = bisect.bisect_left(self._subj_pos, tok.idx)
        for j in range(k - 1, max(-1, k - 12), -1):
            cands.append((self._subj_pos[j], self._subj_ids[j]))
        k = bisect.bisect_left(self._speakers, (tok.idx, ""))
        cands.extend(self._speakers[max(0, k - 12) : k])
        cands.sort(reverse=True)
        for pos, eid in cands:
            if self.paragraph(pos) < para - 1:
                break
            ent = self.by_id.get(eid)
            if ent is None or ent.type != "PERSON":
                continue
            g = self.gender.get(eid)
            if g is not None and g != want:
                continue
            return eid
        return None

    def by_role(self, word: str, before: int) -> str | None:
        """The entity holding a role containing ``word`` (nearest mention before ``before``)."""
        best: tuple[int, str] | None = None
        fallback: str | None = None
        for ent in self.by_id.values():
            if not any(word in _role_words(r.text) for r in ent.roles):
                continue
            fallback = fallback or ent.id
            prior = [m.start for m in ent.mentions if m.start < before]
            if prior and (best is None or max(prior) > best[0]):
                best = (max(prior), ent.id)
        return best[1] if best else fallback


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of the paragraphs of ``text``: its non-blank lines (blank lines
    belong to the paragraph before them)."""
    starts = [0]
    pos = 0
    for line in text.split("\n"):
        if line.strip() and pos:
            starts.append(pos)
        pos += len(line) + 1
    return starts


def _inside(pos: int, spans: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _role_words(text: str) -> set[str]:
    """The words of a role a speaker may be called by: its common nouns and titles, not
    the names inside it ("Orvane chief executive": "executive", never "Orvane"; "Orvane
    said" is the company speaking, not its chief)."""
    return {
        w.lower() for w in _stripped(text) if w and (not w[0].isupper() or w.lower() in TITLE_WORDS)
    }


def _stripped(text: str) -> list[str]:
    """The words of ``text`` without the punctuation around them, as written."""
    return [w.strip(".,;:'\"()") for w in text.split()]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _stripped(text)}


def _gender(doc: Doc, ent: LocalEntity) -> str | None:
    words: set[str] = set()
    for r in ent.roles:
        words |= _words(r.text)
    for m in ent.mentions:  # a title right before a mention: "Mrs Smith"
        head = doc_text(doc)[max(0, m.start - 6) : m.start].split()
        if head:
            words.add(head[-1].strip(".").lower())
    f, m_ = bool(words & FEMALE_WORDS), bool(words & MALE_WORDS)
    return "f" if f and not m_ else "m" if m_ and not f else None


# ----------------------------------------------------------------------- cues


def is_cue(tok: Token) -> bool:
    """True for a speech verb token ("said", "wrote", "accused")."""
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS


def cue_lemma(tok: Token) -> str:
    """The cue's lemma, with "call on" told apart from "call X Y"."""
    lemma = tok.lemma_.lower()
    if lemma == "call" and _addressee_on(tok) is not None:
        return "call on"
    return lemma


def _addressee_on(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            pobj = _pobj(c)
            if pobj is not None and not _is_date(pobj):
                return pobj
    return None


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def _is_date(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in WEEKDAYS


def subject_of(verb: Token, quoted: Callable[[int], bool] = lambda _: False) -> Token | None:
    """The subject of a speech verb, climbing through participles and conjuncts.

    Subjects inside quotation marks (``quoted(char)``) or in another paragraph are skipped.
    """
    v = verb
    for _ in range(6):
        for c in v.children:
            if (
                c.dep_ in SUBJECT_DEPS
                and not c.is_space
                and not quoted(c.idx)
                and not _crosses_line(c, verb)
            ):
                return c
        if v.dep_ in CLIMB_DEPS and v.head.i != v.i:
            v = v.head
            continue
        break
    return None


def _crosses_line(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n" in doc_text(a.doc)[lo:hi]


def phrase(tok: Token) -> Span:
    """The noun phrase a subject token heads, without its right-hand modifiers.

    A number or quantifier keeps its "of" phrase ("two of X's allies").
    """
    doc = tok.doc
    left, right = tok.i, tok.i + 1
    for c in tok.lefts:
        if c.dep_ in ("det", "compound", "amod", "poss", "nmod", "nummod", "case"):
            left = min(left, c.left_edge.i)
    if tok.pos_ in ("NUM", "PRON", "DET") or tok.lower_ in ("some", "many", "one", "none"):
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                right = c.right_edge.i + 1
    while left < tok.i and "\n" in doc[left : tok.i + 1].text:
        left += 1
    return doc[left:right]


def span_text(doc: Doc, start: int, end: int) -> Span:
    """Token span start..end trimmed of surrounding punctuation and spaces."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def channel_of(verb: Token) -> str | None:
    """The channel of a speech verb ("on social media", "in a post on X", "told reporters")."""
    v: Token | None = verb
    for _ in range(3):
        if v is None:
            break
        found = _channel_here(v)
        if found:
            return found
        v = v.head if v.dep_ in CLIMB_DEPS and v.head.i != v.i else None
    return None


def _channel_here(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    for c in verb.children:
        prep = c.lower_ if c.dep_ == "prep" else ""
        pobj = _pobj(c) if prep else None
        if pobj is None:
            pass
        elif prep == "on" and lemma != "call":
            if not _is_date(pobj) and pobj.lower_ != "behalf":
                return _subtree_text(pobj)
        elif prep in ("in", "during", "via", "through"):
            if prep in ("via", "through") or pobj.lemma_.lower() in MEDIUM_NOUNS:
                for cc in pobj.children:
                    inner = _pobj(cc) if cc.dep_ == "prep" and cc.lower_ == "on" else None
                    if inner is not None and not _is_date(inner):
                        return _subtree_text(inner)
                return _subtree_text(pobj)
        elif (prep == "at" and pobj.lemma_.lower() in EVENT_NOUNS) or (
            prep == "to" and _audience(pobj)
        ):
            return _subtree_text(pobj)
        if lemma == "tell" and c.dep_ in ("dobj", "dative") and _audience(c):
            return _subtree_text(c)
    return None


def _audience(tok: Token) -> bool:
    return tok.lemma_.lower() in AUDIENCE_NOUNS or tok.ent_type_ == "ORG"


def _subtree_text(tok: Token) -> str | None:
    """The channel phrase: the noun with its modifiers and a "with/on/of/by" phrase."""
    doc = tok.doc
    start, end = phrase(tok).start, tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("appos", "compound", "flat") or (
            c.dep_ == "prep" and c.lower_ in ("with", "on", "of", "by", "from")
        ):
            end = c.right_edge.i + 1
        else:
            break
    while end > start and (_is_date(doc[end - 1]) or doc[end - 1].is_punct):
        end -= 1
    text = span_text(doc, start, end).text
    return text or None


# ----------------------------------------------------------------------- speakers


def relative_antecedent(clause: Token) -> Token:
    """The noun a relative clause is about. The parser hangs it on the nearest noun; after
    an apposition set off by commas ("Varga, a critic of Mayor Brandt, who says ...")
    the clause is about the apposition's anchor, not the noun inside its "of" phrase."""
    noun = clause.head
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    if before is None or before.text != ",":
        return noun  # a restrictive clause ("the man who said") is about its own noun
    cur = noun
    while cur.dep_ == "pobj" and cur.head.dep_ == "prep" and cur.head.head.dep_ != "ROOT":
        cur = cur.head.head
        if cur.dep_ == "appos":
            return cur.head
    return noun


def resolve(tok: Token, index: EntityIndex) -> Speaker:
    """Name the speaker a subject-like token stands for, resolved to an entity when possible.

    Order: a name mention; a pronoun's antecedent; a relative pronoun's noun; an
    apposition ("the spokeswoman, Jane Doe"); a role holder ("the spokeswoman");
    an institution's owner ("Russia's foreign ministry"); a cited source ("a report by AFP").
    """
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ in ("relcl", "acl"):
        return resolve(relative_antecedent(tok.head), index)
    own = phrase(tok)
    if (eid := index.entity_of(tok)) is not None:
        return _speaker(own, eid)
    if tok.pos_ == "PRON":
        return _speaker(own, index.pronoun_antecedent(tok))
    if tok.dep_ == "appos" and (eid := index.entity_of(tok.head)) is not None:
        return _speaker(phrase(tok.head), eid)
    for c in tok.children:  # "the news agency AFP", "the ministry's spokesman, Jane Doe"
        if c.dep_ == "appos" and (eid := index.entity_of(c)) is not None:
            return _speaker(phrase(c), eid)
    for d in tok.subtree:  # an apposition naming the person: "the representative, Jane Doe"
        if d.dep_ == "appos" and d.i != tok.i and not _crosses_line(d, tok):
            eid = index.entity_of(d)
            if eid is not None and index.by_id[eid].type == "PERSON":
                return _speaker(phrase(d), eid)
    lemma = tok.lemma_.lower()
    singular = tok.pos_ == "NOUN" and tok.tag_ != "NNS"  # "the allies" are not one person
    if singular and (eid := index.by_role(tok.lower_, tok.idx)) is not None:
        return _speaker(own, eid)
    if singular and lemma != tok.lower_ and (eid := index.by_role(lemma, tok.idx)):
        return _speaker(own, eid)
    if lemma in INSTITUTION_NOUNS:
        for c in tok.lefts:
            eid = index.entity_of(c)
            if eid is not None and index.by_id[eid].type in ORGLIKE:
                return _speaker(own, eid)
        for c in own:  # "Russian foreign ministry": the ORG/GPE inside the phrase
            eid = index.entity_of(c)
            if eid is not None and index.by_id[eid].type in ORGLIKE:
                return _speaker(own, eid)
    if lemma in SOURCE_NOUNS:
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of"):
                inner = _pobj(c)
                if inner is not None:
                    found = resolve(inner, index)
                    if found.entity_id is None:
                        for d in inner.subtree:
                            if (eid := index.entity_of(d)) is not None:
                                return _speaker(phrase(d), eid)
                    return found
    return _speaker(own, None) if len(own) else Speaker(tok.text, tok.idx, tok.idx + len(tok), None)


def _speaker(span: Span, eid: str | None) -> Speaker:
    return Speaker(span.text, span.start_char, span.end_char, eid)
