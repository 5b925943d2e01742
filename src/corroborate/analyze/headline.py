"""Counts of people stated in an article's headline (docs/figures.md, "Headlines").

Local reports often give the count only in the title: "2 Killed, 2 Hurt In West Side
Shooting", "Boy, 8, dies from accidental gunshot wound", the body then saying "the victim"
throughout. The title is parsed on its own and its people counts in an event role become
figures (``Analysis.headline_figures``) whose offsets hold in the text when the cleaned text
starts with the headline (``field="text"``), else in ``Article.title`` (``field="title"``).

Two things make a headline hard for a parser trained on running text, and both are undone
here: **title case** ("2 Killed, 2 Hurt In ...": every word looks like a proper noun) is
lowered to sentence case before parsing, keeping acronyms and the length (offsets stay
valid); **dropped articles** ("Boy dies", "Pregnant woman shot") are read as one person by
:func:`corroborate.analyze.people.count_phrase` when the Doc is marked as a headline
(:data:`HEADLINE`). Only counts of people in an event role leave this module: a headline's
other numbers ("Route 9", "3 things to know") are not compared; nor are counts derived
from others (shot − killed, "shot, no death reported"): the body, which knows more, derives
those — except where the body counts nobody shot, killed or injured and tells of no death
(:func:`shot_no_death`: "Three shot in Elm Park" over a body of "the victims").
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span

from corroborate.analyze.figure_scope import several_events
from corroborate.analyze.people import HEADLINE, NO_DEATH_REPORTED, ROLE_PREDICATES, tells_death
from corroborate.types import Figure

#: Share of capitalised words above which a headline is in title case (calibrated by
#: reading GVC dev titles: sentence-case headlines capitalise names only, well under half).
TITLE_CASE_SHARE = 0.6
#: Headlines longer than this are not headlines (a first paragraph stored as title).
MAX_HEADLINE_CHARS = 300
_COUNT_PREDICATES = frozenset().union(*ROLE_PREDICATES.values())
#: Words that state a role in a headline clause ("dead", "injured", "shot", "arrested").
_ROLE_WORDS = frozenset(
    {
        "dead",
        "killed",
        "dies",
        "died",
        "injured",
        "hurt",
        "wounded",
        "shot",
        "arrested",
        "detained",
        "missing",
        "rescued",
        "slain",
        "charged",
    }
)


def sentence_case(title: str) -> str:
    """``title`` in sentence case when it is in title case (same length; acronyms and the
    first word kept), else unchanged."""
    words = title.split()
    alpha = [w for w in words if w[:1].isalpha()]
    capitalised = [w for w in alpha if w[:1].isupper()]
    if not alpha or len(capitalised) / len(alpha) < TITLE_CASE_SHARE:
        return title
    out: list[str] = []
    first = True
    for piece in _pieces(title):
        if piece.isspace() or not piece:
            out.append(piece)
            continue
        keep = first or (piece.isupper() and len(piece) > 1)
        lowered = piece.lower()
        out.append(piece if keep or len(lowered) != len(piece) else lowered)
        first = False
    return "".join(out)


def _pieces(text: str) -> list[str]:
    """``text`` cut into runs of whitespace and runs of anything else."""
    out: list[str] = []
    for ch in text:
        if out and out[-1][-1].isspace() == ch.isspace():
            out[-1] += ch
        else:
            out.append(ch)
    return out


#: Headline parses by (title, pipeline): an article's headline is read for its counts and
#: its roundup test, and :func:`parse_headlines` parses a batch's headlines ahead.
_PARSED: OrderedDict[tuple[str, Language], Doc | None] = OrderedDict()
#: Headlines kept in :data:`_PARSED` (more than a batch of articles).
PARSED_CACHE_SIZE = 256


def _remember(key: tuple[str, Language], doc: Doc | None) -> None:
    _PARSED[key] = doc
    _PARSED.move_to_end(key)
    while len(_PARSED) > PARSED_CACHE_SIZE:
        _PARSED.popitem(last=False)


def headline_doc(title: str, nlp: Language) -> Doc | None:
    """The parse of ``title`` in sentence case, marked as a headline; None when there is
    no headline to read."""
    key = (title, nlp)
    if key in _PARSED:
        return _PARSED[key]
    prepared = _prepared(title, nlp)
    doc = None if prepared is None else _finish(nlp(prepared))
    _remember(key, doc)
    return doc


def parse_headlines(titles: Sequence[str], nlp: Language) -> None:
    """Parse ``titles`` ahead in one ``nlp.pipe`` pass (a title parsed alone pays the
    pipeline's per-call cost, several times the parse of its few words); the parses are
    those :func:`headline_doc` gives."""
    todo = {t: _prepared(t, nlp) for t in dict.fromkeys(titles) if (t, nlp) not in _PARSED}
    ready = [(t, d) for t, d in todo.items() if d is not None]
    for title, prepared in todo.items():
        if prepared is None:
            _remember((title, nlp), None)
    parsed = nlp.pipe(d for _, d in ready)
    for (title, _), doc in zip(ready, parsed, strict=True):
        _remember((title, nlp), _finish(doc))


def _finish(doc: Doc) -> Doc:
    doc.user_data[HEADLINE] = True
    return doc


def _prepared(title: str, nlp: Language) -> Doc | None:
    """``title`` in sentence case, tokenised, with its clause starts set: what the
    pipeline parses; None when there is no headline to read."""
    if not title.strip() or len(title) > MAX_HEADLINE_CHARS:
        return None
    doc = nlp.make_doc(sentence_case(title))
    starts = {t.i for t in doc[1:] if doc[t.i - 1].text == ";"}
    commas = [t.i for t in doc if t.text == ","]
    for k, comma in enumerate(commas):
        # "Two injured, gunman dead": two clauses each with its own role word (not the
        # list "Man, 2 children found dead", nor "Boy, 8, dies")
        before = doc[(commas[k - 1] + 1 if k else 0) : comma]
        after = doc[comma + 1 : commas[k + 1] if k + 1 < len(commas) else len(doc)]
        if comma + 1 < len(doc) and _has_role_word(before) and _has_role_word(after):
            starts.add(comma + 1)
    if starts:
        # two headlines in one ("Four dead in fire; victims may be siblings"), parsed apart:
        # the parser honours preset sentence starts, and no other split is allowed
        for tok in doc[1:]:
            tok.is_sent_start = tok.i in starts
    return doc


def _has_role_word(span: Span) -> bool:
    return any(t.lower_ in _ROLE_WORDS for t in span)


def is_roundup(title: str, nlp: Language) -> bool:
    """Whether ``title`` gives totals of several events ("Police: 6 killed, 31 wounded in
    weekend shootings"): counts nobody may read as one incident's."""
    doc = headline_doc(title, nlp)
    return doc is not None and several_events(doc)


def headline_figures(title: str, nlp: Language, text: str = "") -> tuple[Figure, ...]:
    """The people counts in an event role that ``title`` states, with the title's own
    words (not the sentence-cased parse's). Their offsets hold in ``text`` too when the
    cleaned text starts with the headline (the cleaner puts it there): then ``field`` is
    "text", else "title"."""
    from corroborate.analyze.figures import extract_figures

    doc = headline_doc(title, nlp)
    if doc is None or several_events(doc):  # a roundup's totals ("in weekend shootings")
        return ()
    field: Literal["text", "title"] = "text" if text.startswith(title) else "title"
    return tuple(
        replace(f, text=title[f.start : f.end], field=field)
        for f in extract_figures(doc)
        if f.unit == "people"
        and (f.predicate or "") in _COUNT_PREDICATES
        and f.scope is None
        # derived counts are the body's to make: "Man shot outside bar" says nothing of a
        # death the body may report, "boy killed, 6 others shot" is not shot 6 − killed 1
        and f.derived is None
    )


def _role(f: Figure) -> str | None:
    return next((r for r, lemmas in ROLE_PREDICATES.items() if f.predicate in lemmas), None)


def shot_no_death(
    title: str, head: Sequence[Figure], body: Sequence[Figure], doc: Doc, nlp: Language
) -> tuple[Figure, ...]:
    """The headline's shot count as injured when nothing else counts the event: "Three shot
    in Elm Park" over a body that counts nobody shot, killed or injured and tells of no
    death, nor does the headline (``doc``: the article's parse). The body makes this
    derivation itself when it counts the shot (people.py, "shot, no death reported"); a
    headline the body parse cannot read ("shot" tagged a noun) needs it here."""
    roles = {"shoot", "kill", "injure"}
    if any(f.unit == "people" and _role(f) in roles for f in body):
        return ()
    if any(_role(f) in {"kill", "injure"} for f in head):
        return ()
    parsed = headline_doc(title, nlp)
    told = [*doc, *(parsed if parsed is not None else ())]
    if any(tells_death(t) for t in told):
        return ()  # "Teen shot in Elm Park has died" over a page of video links
    shot = [f for f in head if _role(f) == "shoot" and f.low and f.low == f.high]
    if not shot:
        return ()
    f = shot[0]
    return (replace(f, predicate="injure", derived=f"shot {f.low:g}, {NO_DEATH_REPORTED}"),)
