"""Claims: the facts a story's articles state, aligned across outlets, with verdicts.

Pipeline (one story at a time; docs/claims.md gives the reasons, docs/learning.md the model):

1. **Select** claim sentences per article (:func:`claim_sentences`): drop short fragments,
   lines without final punctuation (captions, teasers; the headline is kept) and questions.
   Quotes and reported speech are kept: "X said Y" states that X said Y.
2. **Split** each sentence into fact units (:mod:`corroborate.compare.facts`: clauses and
   coordinated predicates from the dependency parse).
3. **Represent** each unit by its sentence's text vector (computed by the per-article stage,
   ``Analysis.embeddings``; see :func:`claim_texts`), its content stems, story entity ids,
   figures, day dates, event types and triggers, negated words.
4. **Score** pairs of units of different articles with the fitted same-fact model
   (:mod:`corroborate.compare.fact_model`) over the pairs that share something (a stem, an
   entity, a figure group, a date, or a close sentence vector).
5. **Cluster**: average link, best pair first, over units; then a unit that states the fact of
   another claim as well joins it (a sentence with several facts supports several claims).
6. **Verdict**: ``contested`` when aligned versions disagree (figures of a ``conflict`` figure
   group with different values, different ages, a negation mismatch on the same trigger,
   different day dates); ``corroborated`` when >= 2 distinct sources support it;
   ``single_source`` otherwise (a weaker match of another source is named in the explanation
   as "similar", and is not support). A source is the article's outlet (case-folded), or the
   article id when the outlet is unknown.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from corroborate.analyze.wire_dateline import wire_dateline
from corroborate.compare import crosslang
from corroborate.compare.fact_model import FEATURES, SameFactModel, load_model
from corroborate.compare.facts import (
    CLAUSE_CUES,
    SPEECH_FORMS,
    UnitSpan,
    may_split,
    split_units,
)
from corroborate.compare.similarity import (
    LemmaTfidfEncoder,
    SentenceEncoder,
    content_stems,
    default_encoder,
    stem,
    words,
)
from corroborate.embeddings import encode_with_stored, stored_rows
from corroborate.types import (
    AnalyzedArticle,
    Claim,
    ClaimVerdict,
    Event,
    Evidence,
    FigureGroup,
    StoryEntity,
)

# --------------------------------------------------------------------------- parameters

MIN_WORDS = 4  #: fewer words than this is a fragment
MIN_CHARS = 20
TERMINAL = (".", "!", '"', "”", "’", "'", ")")
#: summed idf of shared entities at which the entity feature reaches 1 - 1/e
ENTITY_SCALE = 3.0
#: a pair is scored when its units share a content stem at least this rare (idf), ...
BLOCK_IDF = 1.0
#: ... or an entity, figure group or date, or its sentence cosine reaches this
BLOCK_TEXT = 0.5
#: two sentences of one article with a cosine this high are one sentence said twice
DUPLICATE_COSINE = 0.97
#: ... and two sentences of one article sharing less than this share of their words
#: (Jaccard) are never that close (measured on GVC: the highest MiniLM cosine of such a
#: pair is 0.84; docs/scaling.md), so a story with one article embeds only the sentences
#: of its pairs above it: the vectors of the others are never read
DUPLICATE_WORDS = 0.3
#: probability given to a pair a hand rule recognises as two versions of one fact
ANCHOR = 1.0
#: ... when the units' TF-IDF cosine reaches this (some shared wording)
ANCHOR_LEX = 0.15
#: lead sentences (the first few of an article) state the story's core facts
LEAD_SENTENCES = 3

NEGATION_CUES = frozenset(
    {"not", "n't", "never", "no", "nor", "neither", "without", "nobody", "none"}
)
NEGATION_WINDOW = 3  #: a cue negates a trigger at most this many words ahead
#: Cues that negate a noun phrase, not a verb: they negate the head of the phrase that
#: follows ("no competing extradition *request*", "without *charge*"), i.e. the last word
#: of the run of content words after them, not every word within the window ("no one"
#: is a pronoun: it negates the verb, like "nobody").
NOMINAL_NEGATION_CUES = frozenset({"no", "without"})
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_TIME = re.compile(
    r"\b(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|noon|midnight|morning|afternoon|evening|night"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)
#: a line that stamps the page, not the story ("Published ...", "Updated 7:20 PM ...")
_DATELINE = re.compile(r"\W*(?:published|updated|posted|last (?:updated|modified))\b", re.I)
#: a line about the page itself, not the story's world ("This article will be updated when
#: police release more", "check back later"): two outlets' notices are not one fact
_PAGE_NOTE = re.compile(
    r"\bupdat\w* (?:this|the|our) (?:story|article|report|post|page)\b"
    r"|\b(?:story|article|report|post|page) (?:will|may|would) (?:continue to )?be updated\b"
    r"|\b(?:story|article|report|post|page) (?:is being|has been) updated\b"
    r"|\bcheck back (?:for|later|here)\b|\bstay tuned for\b|\bthe latest updates\b"
    r"|\brefresh (?:this|the) page\b",
    re.IGNORECASE,
)
#: a credit line: who wrote or reported the page ("The Associated Press contributed to this
#: report.", "Reporting by ...", "Ann Lee reports from Elmwood for the Channel 9 News at 6
#: p.m."): the page's making, not the story's world
_CREDIT_LINE = re.compile(
    r"(?i:\bcontributed (?:\w+ )?to (?:this|the) (?:report|story|article)\b)"
    r"|(?i:^\W*(?:additional )?reporting (?:by|from|was contributed)\b)"
    r"|(?i:^\W*(?:written|edited|compiled) by\b)"
    r"|\b(?:reports?|reporting) (?:from [^.\n]{1,60}? )?for (?:the )?[A-Z0-9][\w.]*"
    r"(?: [A-Z0-9][\w.]*){0,3} News\b"
    # a broadcast's sign-off: "<Station>'s Ann Lee reports." and nothing else
    r"|^\W*(?:[A-Z][\w&. -]{0,30}['’]s )?(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)? ){1,2}"
    r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)? reports\.?\s*$"
)
_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][a-z]+(?:[-'][A-Za-z]+)?")


# --------------------------------------------------------------------------- sentences


def source_key(doc: AnalyzedArticle) -> tuple[str, str]:
    """(key, label) of an article's source: its outlet, or its id when the outlet is unknown."""
    outlet = (doc.article.outlet or "").strip()
    if outlet:
        return outlet.casefold(), outlet
    return f"article:{doc.article.id}", doc.article.id


def _norm(text: str) -> str:
    return " ".join(words(text.lower()))


def _quote_cover(start: int, end: int, spans: Sequence[tuple[int, int]]) -> float:
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return covered / max(1, end - start)


def claim_sentences(doc: AnalyzedArticle) -> list[tuple[int, int, int]]:
    """(position, start, end) of the sentences of ``doc`` that are claim candidates: every
    sentence of at least :data:`MIN_WORDS` words on one line that ends like a sentence (the
    headline need not), except questions, datelines, notes about the page itself and credit
    lines; a wire dateline opening a sentence is left out of it."""
    article, analysis = doc.article, doc.analysis
    text = article.text
    title = _norm(article.title or "")
    out: list[tuple[int, int, int]] = []
    for position, (start, end) in enumerate(analysis.sentences):
        sentence = text[start:end]
        if "\n" in sentence.strip():
            continue  # a heading run into a paragraph: the parse is unreliable
        if len(sentence) < MIN_CHARS or len(words(sentence)) < MIN_WORDS:
            continue
        if sentence.rstrip().endswith("?"):
            continue  # questions assert nothing
        if _DATELINE.match(sentence):
            continue  # "(Published Friday, May 3, 2024)": page furniture, not the story's day
        if _PAGE_NOTE.search(sentence) or _CREDIT_LINE.search(sentence):
            continue  # "this article will be updated", "AP contributed to this report"
        if not sentence.rstrip().endswith(TERMINAL) and not (title and _norm(sentence) == title):
            continue  # captions, teasers and widget labels
        dateline = wire_dateline(sentence)
        if dateline is not None and dateline.place[0] == 0:
            start += dateline.end  # "MOUNT VIEW (KXRT) – The family ...": the report's words
        out.append((position, start, end))
    return out


def claim_texts(doc: AnalyzedArticle) -> list[str]:
    """The texts of ``doc``'s claim candidates: what :func:`align_claims` embeds, so the
    per-article stage can embed them ahead (``Analysis.embeddings``)."""
    return [doc.article.text[start:end] for _, start, end in claim_sentences(doc)]


# --------------------------------------------------------------------------- fact units


@dataclass
class FactUnit:
    """One fact unit (a clause of a claim sentence) with the features alignment uses."""

    doc: int  # index of the document in the input
    article_id: str
    source: str  # outlet key (case-folded outlet, or the article id)
    label: str  # outlet as shown (outlet, or the article id)
    position: int  # sentence index in the article
    sentence: int  # index of its sentence in the story's sentence list
    sent_start: int
    sent_end: int
    start: int
    end: int
    text: str
    published: str | None
    whole: bool  # the unit is its whole sentence
    entities: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    events: tuple[Event, ...] = ()
    triggers: frozenset[str] = frozenset()
    figure_groups: dict[str, tuple[float | None, float | None, str]] = field(default_factory=dict)
    numbers: dict[str, frozenset[float]] = field(default_factory=dict)  # kind|unit -> values
    tokens: frozenset[str] = frozenset()  # numbers written in the text
    ages: dict[str, frozenset[float]] = field(default_factory=dict)  # person key -> ages
    explicit_dates: frozenset[str] = frozenset()  # day dates written out (not relative)
    actors: dict[str, frozenset[str]] = field(default_factory=dict)  # event type -> actor keys
    dates: frozenset[str] = frozenset()  # resolved ISO dates of day precision
    stems: frozenset[str] = frozenset()
    sent_stems: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # capitalised words not starting the sentence
    times: frozenset[str] = frozenset()  # time words of the unit
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)
    slots: dict[str, frozenset[str]] = field(default_factory=dict)  # slot -> values given
    article_times: int = 0  # distinct clock times of its article's claim sentences

    @property
    def richness(self) -> int:
        return (
            len(self.entities)
            + len(self.event_types)
            + len(self.figure_groups)
            + len(self.numbers)
            + len(self.dates)
        )


@dataclass(frozen=True)
class _Sentence:
    doc: int
    position: int
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _parser() -> Any:
    """The analysis pipeline (its tokenizer and sentence starts), for units not stored."""
    from corroborate.analyze.pipeline import analysis_nlp

    return analysis_nlp()


#: Fact units of sentences already split, by sentence text (spans relative to the
#: sentence). A story is rebuilt each time it gains an article; without this every rebuild
#: parsed all its sentences again in the linking process.
_UNITS: dict[str, tuple[UnitSpan, ...]] = {}
#: Bound of ``_UNITS`` (entries are a few tuples of ints; cleared when full).
UNITS_CACHE_SIZE = 200_000


def sentence_units(texts: Sequence[str], nlp: Any = None) -> list[tuple[UnitSpan, ...]]:
    """The fact units of each claim sentence, spans relative to the sentence: one unit for a
    sentence that cannot hold two clauses (:func:`may_split`), else the clauses of its
    dependency parse (tagger and parser only, of the sentence alone), computed once per
    distinct text. ``nlp``: a pipeline of the project's model (default: :func:`load_nlp`;
    components other than tok2vec, tagger and parser are disabled, so any pipeline of the
    same model gives the same units)."""
    todo = [t for t in dict.fromkeys(texts) if t not in _UNITS and may_split(t)]
    if todo:
        if len(_UNITS) + len(todo) > UNITS_CACHE_SIZE:
            _UNITS.clear()
        nlp = nlp if nlp is not None else _parser()
        keep = ("tok2vec", "tagger", "parser")
        disable = [p for p in nlp.pipe_names if p not in keep]
        for text, parsed in zip(todo, nlp.pipe(todo, batch_size=64, disable=disable), strict=True):
            _UNITS[text] = tuple(split_units(parsed))
    return [_UNITS.get(t) or (UnitSpan(0, len(t)),) for t in texts]


FactUnitRow = tuple[int, int, int, int, int, int]


def fact_unit_rows(
    docs: Sequence[AnalyzedArticle], nlp: Any = None
) -> list[tuple[FactUnitRow, ...]]:
    """``Analysis.fact_units`` of each article: the units of its claim sentences that can
    hold two clauses (:func:`sentence_units`, in one parse over the batch), as absolute
    ``(sentence start, sentence end, unit start, unit end, subject start, subject end)``."""
    spans = [[(start, end) for _, start, end in claim_sentences(doc)] for doc in docs]
    texts = [
        [doc.article.text[s:e] for s, e in doc_spans]
        for doc, doc_spans in zip(docs, spans, strict=True)
    ]
    split = iter(sentence_units([t for ts in texts for t in ts if may_split(t)], nlp))
    out: list[tuple[FactUnitRow, ...]] = []
    for doc_spans, doc_texts in zip(spans, texts, strict=True):
        rows: list[FactUnitRow] = []
        for (start, end), text in zip(doc_spans, doc_texts, strict=True):
            if not may_split(text):
                continue
            for u in next(split):
                ss, se = (
                    (-1, -1) if u.subject is None else (start + u.subject[0], start + u.subject[1])
                )
                rows.append((start, end, start + u.start, start + u.end, ss, se))
        out.append(tuple(rows))
    return out


def parsed_unit_rows(doc: AnalyzedArticle, parsed: Any) -> tuple[FactUnitRow, ...]:
    """``Analysis.fact_units`` of one article from the article's own parse (``parsed``, the
    spaCy ``Doc`` of ``doc.article.text`` the analysis read): the clauses of each claim
    sentence that can hold two clauses, as :func:`fact_unit_rows` gives them, without a
    second parse. The parse of a sentence in its article can differ from its parse alone
    (the tagger sees the neighbouring words), so a few sentences get other units than
    :func:`sentence_units` gives them (docs/scaling.md, "Fact units from the article's own
    parse")."""
    rows: list[FactUnitRow] = []
    for _, start, end in claim_sentences(doc):
        text = doc.article.text[start:end]
        if not may_split(text):
            continue
        span = parsed.char_span(start, end, alignment_mode="expand")
        units = (
            split_units(span, -start)
            if span is not None and span.text == text
            else list(sentence_units([text])[0])
        )
        for u in units or [UnitSpan(0, len(text))]:
            ss, se = (-1, -1) if u.subject is None else (start + u.subject[0], start + u.subject[1])
            rows.append((start, end, start + u.start, start + u.end, ss, se))
    return tuple(rows)


def _unit_table(rows: Iterable[FactUnitRow]) -> dict[tuple[int, int], tuple[UnitSpan, ...]]:
    """Fact unit rows by sentence span, relative to it."""
    table: dict[tuple[int, int], list[UnitSpan]] = defaultdict(list)
    for s, e, us, ue, ss, se in rows:
        subject = None if ss < 0 else (ss - s, se - s)
        table[(s, e)].append(UnitSpan(us - s, ue - s, subject))
    return {span: tuple(units) for span, units in table.items()}


def _units_of(
    docs: Sequence[AnalyzedArticle], sentences: Sequence[_Sentence]
) -> list[tuple[UnitSpan, ...]]:
    """Each sentence's fact units: stored with its analysis; for an analysis stored by a
    version that did not keep them, read off a parse of its article here (the same units
    the per-article stage gives)."""
    stored = [_unit_table(doc.analysis.fact_units) for doc in docs]
    missing = sorted(
        {s.doc for s in sentences if may_split(s.text) and (s.start, s.end) not in stored[s.doc]}
    )
    if missing:
        parsed = _parser().pipe(docs[k].article.text for k in missing)
        for k, parse in zip(missing, parsed, strict=True):
            stored[k] = _unit_table(parsed_unit_rows(docs[k], parse))
    return [
        stored[s.doc][(s.start, s.end)] if may_split(s.text) else (UnitSpan(0, len(s.text)),)
        for s in sentences
    ]


def claim_sentence_list(docs: Sequence[AnalyzedArticle]) -> list[_Sentence]:
    """The claim sentences of a story's articles, in reading order."""
    return [
        _Sentence(index, position, start, end, doc.article.text[start:end])
        for index, doc in enumerate(docs)
        for position, start, end in claim_sentences(doc)
    ]


def build_units(
    docs: Sequence[AnalyzedArticle],
    entity_of: dict[tuple[str, str], str],
    group_of: dict[tuple[str, int], tuple[str, float | None, float | None, str]],
) -> tuple[list[_Sentence], list[FactUnit]]:
    """The story's claim sentences and their fact units, in reading order."""
    sentences = claim_sentence_list(docs)
    units: list[FactUnit] = []
    split = _units_of(docs, sentences)
    for sid, (sent, relative) in enumerate(zip(sentences, split, strict=True)):
        doc = docs[sent.doc]
        spans = [
            UnitSpan(
                sent.start + u.start,
                sent.start + u.end,
                None
                if u.subject is None
                else (sent.start + u.subject[0], sent.start + u.subject[1]),
            )
            for u in relative
        ]
        for span in spans:
            units.append(
                _unit(
                    doc,
                    sent,
                    sid,
                    span.start,
                    span.end,
                    span.subject,
                    len(spans) == 1,
                    entity_of,
                    group_of,
                )
            )
    clocks: dict[int, set[int]] = defaultdict(set)
    for sent in sentences:
        clocks[sent.doc].update(_clock_times(sent.text))
    for u in units:
        u.article_times = len(clocks[u.doc])
    return sentences, units


def _unit(
    doc: AnalyzedArticle,
    sent: _Sentence,
    sid: int,
    start: int,
    end: int,
    subject: tuple[int, int] | None,
    whole: bool,
    entity_of: dict[tuple[str, str], str],
    group_of: dict[tuple[str, int], tuple[str, float | None, float | None, str]],
) -> FactUnit:
    article, analysis = doc.article, doc.analysis
    key, label = source_key(doc)
    if whole:
        start, end = sent.start, sent.end

    def inside(offset: int) -> bool:
        if start <= offset < end:
            return True
        return subject is not None and subject[0] <= offset < subject[1]

    names = {ent.id: ent.name for ent in analysis.entities}
    entities = frozenset(
        entity_of.get((article.id, ent.id), f"{article.id}/{ent.id}")
        for ent in analysis.entities
        for m in ent.mentions
        if inside(m.start)
    )
    events = tuple(e for e in analysis.events if start <= e.trigger.start < end)
    groups: dict[str, tuple[float | None, float | None, str]] = {}
    numbers: dict[str, set[float]] = defaultdict(set)
    ages: dict[str, set[float]] = defaultdict(set)
    for fig in analysis.figures:
        if not start <= fig.start < end:
            continue
        hit = group_of.get((article.id, fig.start))
        if hit is not None:
            groups[hit[0]] = (hit[1], hit[2], fig.text)
        if fig.low is not None and fig.low == fig.high and not fig.approximate:
            numbers[f"{fig.kind}|{fig.unit}"].add(fig.low)
            person = _person_key(fig.subject, fig.subject_id, article.id, entity_of)
            if (
                fig.kind == "age"
                and person is not None
                and not _FUTURE_AGE.search(article.text, max(0, fig.start - 16), fig.start)
            ):
                ages[person].add(fig.low)

    text = article.text[start:end]
    for offset, age in _text_ages(text):
        local = _person_at(analysis.entities, start + offset)
        if local is not None:
            ages[entity_of.get((article.id, local), f"{article.id}/{local}")].add(age)
    dates = frozenset(
        d.date
        for d in analysis.dates
        if start <= d.start < end and d.date is not None and d.precision == "day"
    )
    actors: dict[str, set[str]] = defaultdict(set)
    for event in events:
        for actor in event.actors:
            if actor in names:
                actors[event.type].add(entity_of.get((article.id, actor), actor))
                actors[event.type].update(content_stems(names[actor]))
            else:
                actors[event.type].update(content_stems(actor))
    return FactUnit(
        doc=sent.doc,
        article_id=article.id,
        source=key,
        label=label,
        position=sent.position,
        sentence=sid,
        sent_start=sent.start,
        sent_end=sent.end,
        start=start,
        end=end,
        text=text,
        published=article.published,
        whole=whole,
        entities=entities,
        event_types=frozenset(e.type for e in events),
        events=events,
        triggers=frozenset(stem(e.trigger.text.split()[-1]) for e in events if e.trigger.text),
        figure_groups=groups,
        numbers={k: frozenset(v) for k, v in numbers.items()},
        tokens=frozenset(_NUMBER.findall(text)),
        ages={k: frozenset(v) for k, v in ages.items()},
        explicit_dates=frozenset(
            d.date
            for d in analysis.dates
            if start <= d.start < end
            and d.date
            and d.precision == "day"
            and (not d.relative or _WRITTEN_DAY.search(d.expression))
        ),
        actors={t: frozenset(v) for t, v in actors.items() if v},
        dates=dates,
        stems=frozenset(content_stems(text)),
        sent_stems=frozenset(content_stems(sent.text)),
        names=frozenset(_NAME.findall(sent.text)),
        times=frozenset(_time_word(t) for t in _TIME.findall(text)),
        slots=_slots(text, article.text[sent.start : start]),
    )


#: an age a person will reach ("Reed will be 29 on April 11", "turns 30 next week"): not the
#: age another report gives now (a reading of ECB+ dev's contested claims, 2026-12-07)
_FUTURE_AGE = re.compile(r"\b(?:(?:will|to) (?:be|turn)|turns) $")
#: "Moss, 41," / "Moss, who was 18," / "Moss 41, was" (a name, then an age)
_AGE_AFTER = re.compile(
    r"\b([A-Z][a-z]+),? (?:who (?:was|is) |aged? |also )?(\d{1,3})"
    r"(?=,|\.(?:\s|$)|\s+(?:and|was|is|has|had)\b)"
)
#: "34-year-old Ada Moss" (an age, then a name)
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old (?=[A-Z][a-z]+)")
MAX_AGE = 120


def _text_ages(text: str) -> list[tuple[int, float]]:
    """(offset of the name, age) for the ages written next to a capitalised name; whether
    the name is a person is for the entity stage to say (:func:`_person_at`)."""
    out = [(m.start(1), float(m.group(2))) for m in _AGE_AFTER.finditer(text)]
    out += [(m.end(), float(m.group(1))) for m in _AGE_BEFORE.finditer(text)]
    return [(offset, age) for offset, age in out if 0 < age <= MAX_AGE]


def _person_at(entities: Sequence[Any], offset: int) -> str | None:
    """The local id of the PERSON entity with a mention covering ``offset`` (or None)."""
    for ent in entities:
        for m in ent.mentions:
            if m.type == "PERSON" and m.start <= offset < m.end:
                return str(ent.id)
    return None


#: street names: a capitalised word, then a street type ("Elm Drive", "Elm St.")
_STREET_KINDS = (
    "Street", "St", "Road", "Rd", "Drive", "Dr", "Avenue", "Ave", "Lane", "Ln", "Boulevard",
    "Blvd", "Court", "Ct", "Place", "Terrace", "Circle", "Parkway", "Pkwy",
)  # fmt: skip
_STREET = re.compile(r"\b([A-Z][a-z]{2,}) (" + "|".join(_STREET_KINDS) + r")\b")
_STREET_TYPE = {
    "st": "street", "rd": "road", "dr": "drive", "ave": "avenue", "ln": "lane",
    "blvd": "boulevard", "ct": "court", "pkwy": "parkway",
}  # fmt: skip
#: how someone left a scene: a verb of fleeing, and the means (on foot / in a vehicle)
_FLEE = re.compile(
    r"\b(?:fled|flee|flees|fleeing|took off|ran off|ran away|escaped|drove off|drove away"
    r"|sped off|sped away|got away)\b",
    re.IGNORECASE,
)
_ON_FOOT = re.compile(r"\b(?:on foot|running|ran|walking|walked)\b", re.IGNORECASE)
_BY_VEHICLE = re.compile(
    r"\b(?:vehicle|car|truck|suv|van|sedan|pickup|motorcycle|drove|sped|driving)\b",
    re.IGNORECASE,
)


def _slots(text: str, before: str = "") -> dict[str, frozenset[str]]:
    """Slot values a unit gives, compared across articles by :func:`slot_conflicts`:
    ``street:<name>`` -> the street type ("Elm Drive"); ``flight:<who>`` -> "on foot" /
    "in a vehicle", the means named after the verb of fleeing, for the suspect or a named
    person (:func:`_who_fled`, read in ``before``, the sentence before the unit, too)."""
    out: dict[str, set[str]] = defaultdict(set)
    for name, kind in _STREET.findall(text):
        out[f"street:{name.lower()}"].add(_STREET_TYPE.get(kind.lower(), kind.lower()))
    flee = _FLEE.search(text)
    # whose flight: the words before the verb, in the unit and its sentence before it
    who = _who_fled(f"{before} {text[: flee.start()]}") if flee else None
    if flee and who:
        after = text[flee.start() :]  # "drove off" / "ran away" name the means themselves
        foot = bool(_ON_FOOT.search(after))
        vehicle = any(
            not _LEFT_FROM.search(after[: m.start()]) for m in _BY_VEHICLE.finditer(after)
        )
        if foot != vehicle:
            out[f"flight:{who}"].add("on foot" if foot else "in a vehicle")
    return {k: frozenset(v) for k, v in out.items()}


#: people whose flight a report tells of, as one slot ("the gunman" / "the suspect")
_FLEEING = frozenset({
    "gunman", "gunmen", "shooter", "shooters", "suspect", "suspects", "driver", "killer",
    "attacker", "attackers", "assailant", "assailants", "robber", "robbers", "carjacker",
    "carjackers",
})  # fmt: skip
#: words read for the subject of a verb of fleeing: the first of its clause (after the
#: last verb of saying: "Police said the suspect, a man of about 30, fled")
WHO_WORDS = 4
_SAID = re.compile(r"\b(?:" + "|".join(sorted(SPEECH_FORMS)) + r"|according to)\b")
#: a vehicle someone left, not one they fled in ("escaped from a prison van")
_LEFT_FROM = re.compile(r"\b(?:from|out of)(?: (?:a|an|the|his|her|their))?(?: \w+)?\s*$")


def _who_fled(before: str) -> str | None:
    """Whose flight a clause tells of, from the first words before its verb of fleeing
    (after the last verb of saying): "suspect" for the perpetrator's nouns ("the gunman",
    "the driver"), else the last capitalised word ("Comeaux"); None for anyone else ("the
    EMT", "she", "the group": as often another person of the story as the one who fled in
    the other report)."""
    before = _SAID.split(before)[-1]  # "Police said the man fled": not the police
    head = re.findall(r"[A-Za-z]+", before)[:WHO_WORDS]
    if any(w.lower() in _FLEEING for w in head):
        return "suspect"
    names = [w for w in head if w[0].isupper() and w.lower() not in STOP_WORDS]
    return names[-1] if names else None


#: where a person is from: "Ada Moss, 41, of Elmwood," / "an Elmwood man" (a place of
#: several words whole: "of College Point"; "of Elm Street" is an address, no town)
_FROM = re.compile(r"([A-Z][a-z]+), (?:\d{1,3}, )?of ([A-Z][a-z]+(?: [A-Z][a-z]+)*)\b")
_LOCAL = re.compile(
    r"\b(?:[Aa]n?|[Tt]he) ([A-Z][a-z]+) (?:man|woman|resident|teen|teenager|native)\b"
)


@lru_cache(maxsize=16384)
def _home_towns(text: str) -> frozenset[tuple[str, str]]:
    """(name, place) for each place a unit says someone is from (name "" when the person
    is not named: "an Elmwood man")."""
    named = frozenset(
        (name, place)
        for name, place in _FROM.findall(text)
        if place.split()[-1].lower().rstrip(".") not in _STREET_WORDS
    )
    return named | frozenset(("", p) for p in _LOCAL.findall(text))


_STREET_WORDS = frozenset(k.lower() for k in _STREET_KINDS) | {"way", "highway"}


def _home_conflict(a: str, b: str, *, named: bool = False) -> str | None:
    """Two units each saying where one person is from, two places: the same name, or one
    person unnamed ("Tom Reed, 36, of Elmwood" / "a Riverton man"); two named people
    ("Reed ... of Elmwood" / "Moss ... of Riverton") are not one. ``named``: only the same
    name counts (for units the model only weakly pairs, where "a Riverton man" is as often
    another person of the story: the charged man against the victim)."""
    ha, hb = _home_towns(a), _home_towns(b)
    if len(ha) != 1 or len(hb) != 1:
        return None
    (na, pa), (nb, pb) = next(iter(ha)), next(iter(hb))
    if pa == pb or (na and nb and na != nb) or (named and not (na and nb)):
        return None
    return f"home town {pa} vs {pb}"


def _person_key(
    subject: str | None,
    subject_id: str | None,
    article_id: str,
    entity_of: dict[tuple[str, str], str],
) -> str | None:
    """Whose age a figure gives: the story entity of its subject, else the subject's last
    capitalised word ("Vell"); None when unknown (an unknown person contests nothing)."""
    if subject_id is not None:
        return entity_of.get((article_id, subject_id), f"{article_id}/{subject_id}")
    last = (subject or "").split()[-1:] or [""]
    return f"name:{last[0].lower()}" if last[0][:1].isupper() else None


def _time_word(word: str) -> str:
    return re.sub(r"[\s.]", "", word.lower())[:3]


# --------------------------------------------------------------------------- pair features


@dataclass
class StoryPairs:
    """A story's fact units, the candidate pairs of units and their feature rows."""

    sentences: list[_Sentence]
    units: list[FactUnit]
    pairs: list[tuple[int, int]]
    features: np.ndarray  # one row per pair, columns in FEATURES order
    sentence_cosine: np.ndarray  # sentence x sentence (the encoder's raw cosine)


def _idf(sets: Sequence[Iterable[str]]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for s in sets:
        for term in set(s):
            df[term] += 1
    n = max(2, len(sets))
    return {t: math.log(n / c) for t, c in df.items()}


def story_pairs(
    docs: Sequence[AnalyzedArticle],
    entities: Sequence[StoryEntity],
    figures: Sequence[FigureGroup] = (),
    *,
    encoder: SentenceEncoder | None = None,
) -> StoryPairs:
    """Units, candidate pairs and features of one story (what the model scores; the fitting
    script calls this too, so training and run time compute the same features)."""
    encoder = encoder or default_encoder()
    entity_of = {pair: ent.id for ent in entities for pair in ent.local_ids}
    group_of = {
        (r.article_id, r.start): (g.id, r.low, r.high, r.text) for g in figures for r in g.reports
    }
    sentences, units = build_units(docs, entity_of, group_of)
    if not units:
        return StoryPairs(sentences, units, [], np.zeros((0, len(FEATURES))), np.zeros((0, 0)))
    cos = _sentence_cosines(docs, sentences, encoder)
    lex = LemmaTfidfEncoder()
    unit_vec = lex.encode([u.text for u in units])
    sent_vec = lex.encode([s.text for s in sentences])
    unit_lex = unit_vec @ unit_vec.T
    sent_lex = sent_vec @ sent_vec.T
    stem_idf = _idf([u.stems for u in units])
    entity_idf = _idf([u.entities for u in units])
    sent_idf = _idf([u.sent_stems for u in units] + [u.names for u in units])
    groups = crosslang.doc_groups([d.article.language for d in docs])
    if not crosslang.uses_multilingual([groups[s.doc] for s in sentences]):
        pairs = _candidates(units, cos, stem_idf, entity_idf)
        matrix = pair_matrix(units, pairs, cos, unit_lex, sent_lex, stem_idf, entity_idf, sent_idf)
    else:
        pairs, rows = _cross_language(
            units, sentences, groups, cos, unit_lex, sent_lex, stem_idf, entity_idf, sent_idf
        )
        matrix = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))
    return StoryPairs(sentences, units, pairs, matrix, cos)


def _cross_language(
    units: Sequence[FactUnit],
    sentences: Sequence[_Sentence],
    groups: Sequence[str],
    cos: np.ndarray,
    unit_lex: np.ndarray,
    sent_lex: np.ndarray,
    stem_idf: dict[str, float],
    entity_idf: dict[str, float],
    sent_idf: dict[str, float],
) -> tuple[list[tuple[int, int]], list[list[float]]]:
    """Candidate pairs and feature rows of a story with articles outside the default
    language group (:mod:`corroborate.compare.crosslang`): pairs of two default-group
    (English) articles as in an English story; any other pair reads the calibrated
    multilingual cosine in place of the encoder's, the calibration's expected lexical
    values in place of the (script-bound) lexical features, and is a candidate by the
    usual keys (shared entities, figure groups, dates), by a calibrated cosine of at least
    ``BLOCK_TEXT``, or as one of a sentence's ``top_k`` closest such sentences of another
    article."""
    calibration = crosslang.load_calibration()
    mask = crosslang.multilingual_mask([groups[s.doc] for s in sentences])
    cal = crosslang.cross_cosines([s.text for s in sentences], mask)
    mixed = np.where(mask, cal, cos)
    found = set(_candidates(units, mixed, stem_idf, entity_idf))
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_sentence[u.sentence].append(i)
    docs = [s.doc for s in sentences]
    for a, b in crosslang.top_pairs(cal, mask, docs, calibration.top_k):
        found.update((min(i, j), max(i, j)) for i in by_sentence[a] for j in by_sentence[b])
    pairs = sorted(found)
    col = {name: k for k, name in enumerate(FEATURES)}
    rows: list[list[float]] = []
    for i, j in pairs:
        a, b = units[i].sentence, units[j].sentence
        row = pair_features(
            units[i],
            units[j],
            float(mixed[a, b]),
            float(unit_lex[i, j]),
            float(sent_lex[a, b]),
            stem_idf,
            entity_idf,
            sent_idf,
        )
        if mask[a, b]:
            for name, k in col.items():
                value = calibration.lexical_value(name, row[0])
                if value is not None:
                    row[k] = value
        rows.append(row)
    return pairs, rows


def compared_sentences(sentences: Sequence[_Sentence]) -> list[int]:
    """Indices of the claim sentences whose vectors :func:`story_pairs` reads: all of them
    when two articles have claim sentences (blocking and the text feature compare every
    pair of sentences of different articles), else those in a pair of one article that may
    be one sentence said twice (:data:`DUPLICATE_WORDS`)."""
    if len({s.doc for s in sentences}) > 1:
        return list(range(len(sentences)))
    bags = [frozenset(words(s.text.lower())) for s in sentences]
    keep: set[int] = set()
    for i, a in enumerate(bags):
        for j in range(i + 1, len(bags)):
            b = bags[j]
            if len(a & b) >= DUPLICATE_WORDS * max(1, len(a | b)):
                keep.update((i, j))
    return sorted(keep)


def compared_texts(docs: Sequence[AnalyzedArticle]) -> list[str]:
    """The claim sentences of one story whose vectors :func:`align_claims` reads (what
    linking embeds ahead, in one call for all the stories it rebuilds)."""
    sentences = claim_sentence_list(docs)
    return [sentences[i].text for i in compared_sentences(sentences)]


def _per_text(encoder: SentenceEncoder) -> bool:
    """Whether the encoder's row of a text depends on that text alone (MiniLM's
    ``per_text``; not the TF-IDF encoder, fitted on each call's texts)."""
    return bool(getattr(encoder, "per_text", False))


def _sentence_cosines(
    docs: Sequence[AnalyzedArticle], sentences: Sequence[_Sentence], encoder: SentenceEncoder
) -> np.ndarray:
    """Sentence x sentence cosines; with a per-text encoder only the rows
    :func:`compared_sentences` names are computed (the others are 0 and never read)."""
    texts = [s.text for s in sentences]
    stored = stored_rows((p for d in docs for p in d.analysis.embeddings), encoder.name)
    if not _per_text(encoder):
        vectors = encode_with_stored(encoder, texts, stored)
        return np.asarray(vectors @ vectors.T)
    need = compared_sentences(sentences)
    if not need:
        return np.zeros((len(texts), len(texts)), dtype=np.float32)
    rows = encode_with_stored(encoder, [texts[i] for i in need], stored)
    vectors = np.zeros((len(texts), rows.shape[1]), dtype=np.float32)
    vectors[need] = rows
    return np.asarray(vectors @ vectors.T)


def _candidates(
    units: Sequence[FactUnit],
    cos: np.ndarray,
    stem_idf: dict[str, float],
    entity_idf: dict[str, float],
) -> list[tuple[int, int]]:
    """Pairs (i < j) of units of different articles that share a rare-enough key, or whose
    sentences are close: blocking keeps the cost near-linear in the story's size."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        keys = [f"s:{t}" for t in u.stems if stem_idf.get(t, 0.0) >= BLOCK_IDF]
        keys += [f"e:{e}" for e in u.entities if entity_idf.get(e, 0.0) > 0.0]
        keys += [f"g:{g}" for g in u.figure_groups] + [f"d:{d}" for d in u.dates]
        for key in keys:
            index[key].append(i)
    out: set[tuple[int, int]] = set()
    for members in index.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if units[i].doc != units[j].doc:
                    out.add((i, j))
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_sentence[u.sentence].append(i)
    for a, b in np.argwhere(np.triu(cos, 1) >= BLOCK_TEXT):
        for i in by_sentence.get(int(a), ()):
            for j in by_sentence.get(int(b), ()):
                if units[i].doc != units[j].doc:
                    out.add((min(i, j), max(i, j)))
    return sorted(out)


@lru_cache(maxsize=65536)
def _word_count(text: str) -> int:
    """Words of a unit's text (memoised: a unit is in many pairs)."""
    return len(words(text))


def pair_features(
    a: FactUnit,
    b: FactUnit,
    text: float,
    unit_lex: float,
    sent_lex: float,
    stem_idf: dict[str, float],
    entity_idf: dict[str, float],
    sent_idf: dict[str, float],
) -> list[float]:
    """The feature row of one pair, in :data:`FEATURES` order."""
    shared_idf = math.log1p(sum(stem_idf.get(t, 0.0) for t in a.stems & b.stems))
    entity = 1.0 - math.exp(
        -sum(entity_idf.get(e, 0.0) for e in a.entities & b.entities) / ENTITY_SCALE
    )
    shared_types = a.event_types & b.event_types
    clash = bool(shared_types) and all(
        t in a.actors and t in b.actors and not a.actors[t] & b.actors[t] for t in shared_types
    )
    same_number = bool(a.tokens & b.tokens) or any(
        a.numbers[k] & b.numbers[k] for k in a.numbers.keys() & b.numbers.keys()
    )
    common = a.numbers.keys() & b.numbers.keys()
    diff_number = bool(common) and not any(a.numbers[k] & b.numbers[k] for k in common)
    negation = _polarity_conflict(a, b) or _polarity_conflict(b, a)
    na, nb = _word_count(a.text), _word_count(b.text)
    return [
        text,
        unit_lex,
        sent_lex,
        shared_idf,
        entity,
        float(bool(shared_types)),
        float(bool(a.triggers & b.triggers)),
        float(clash),
        float(bool(a.figure_groups.keys() & b.figure_groups.keys())),
        float(same_number),
        float(diff_number),
        float(bool(a.dates & b.dates)),
        float(bool(a.dates and b.dates and not a.dates & b.dates)),
        float(negation is not None),
        float(a.position < LEAD_SENTENCES and b.position < LEAD_SENTENCES),
        min(na, nb) / max(1, na, nb),
        float(a.whole and b.whole),
        math.log1p(sum(sent_idf.get(t, 0.0) for t in a.sent_stems & b.sent_stems)),
        math.log1p(sum(sent_idf.get(t, 0.0) for t in a.names & b.names)),
        len(a.stems & b.stems) / max(1, len(a.stems | b.stems)),
        float(bool(a.times & b.times)),
        float(bool(a.times and b.times and not a.times & b.times)),
    ]


#: Fewest candidate pairs for which :func:`pair_matrix` computes columns rather than rows
#: (300 GVC stories: 1.03 s by rows, 1.35 s by columns; the 12 largest ECB+ stories,
#: 342,207 pairs: 4.13 s by rows, 0.80 s by columns; 0.63 s since each key set is read once).
MATRIX_PAIRS = 500


def _incidence(sets: Sequence[Iterable[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Units x keys, 1 where the unit has the key; and the keys in column order."""
    column: dict[str, int] = {}
    rows, cols = [], []
    for r, keys in enumerate(sets):
        for key in keys:
            rows.append(r)
            cols.append(column.setdefault(key, len(column)))
    shape = (len(sets), max(1, len(column)))
    ones = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape, dtype=np.float64)
    return ones, list(column)


def _shared(
    sets: Sequence[Iterable[str]] | tuple[sparse.csr_matrix, list[str]],
    left: np.ndarray,
    right: np.ndarray,
    weight: Mapping[str, float] | None = None,
) -> np.ndarray:
    """For each pair (``left[k]``, ``right[k]``) of units: the summed weight of the keys
    both have (their count without ``weight``). ``sets``: the units' key sets, or their
    :func:`_incidence` when several sums read one."""
    ones, keys = sets if isinstance(sets, tuple) else _incidence(sets)
    weighted = ones
    if weight is not None:
        column = np.array([weight.get(k, 0.0) for k in keys] or [0.0])
        weighted = sparse.csr_matrix(ones.multiply(column[np.newaxis, :]))
    return np.asarray(weighted[left].multiply(ones[right]).sum(axis=1)).ravel()


def pair_matrix(
    units: Sequence[FactUnit],
    pairs: Sequence[tuple[int, int]],
    cos: np.ndarray,
    unit_lex: np.ndarray,
    sent_lex: np.ndarray,
    stem_idf: dict[str, float],
    entity_idf: dict[str, float],
    sent_idf: dict[str, float],
) -> np.ndarray:
    """The feature rows of ``pairs`` (the rows :func:`pair_features` gives one by one),
    computed a column at a time: the shared keys of all pairs come from sparse products
    of the units' key sets, and only the few pairs that can have an actor clash, a
    number or a negation look at their units in Python. A many-outlet story scores
    hundreds of thousands of pairs (docs/scaling.md). Below :data:`MATRIX_PAIRS` pairs
    the rows are computed one by one (the sparse products cost more to set up than they
    save); the two ways agree to the last bits of a float."""
    if len(pairs) < MATRIX_PAIRS:
        rows = [
            pair_features(
                units[i],
                units[j],
                float(cos[units[i].sentence, units[j].sentence]),
                float(unit_lex[i, j]),
                float(sent_lex[units[i].sentence, units[j].sentence]),
                stem_idf,
                entity_idf,
                sent_idf,
            )
            for i, j in pairs
        ]
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))
    out = np.zeros((len(pairs), len(FEATURES)), dtype=np.float64)
    col = {name: k for k, name in enumerate(FEATURES)}
    left = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    right = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    sentence = np.array([u.sentence for u in units], dtype=np.int64)
    sl, sr = sentence[left], sentence[right]
    out[:, col["text"]] = cos[sl, sr]
    out[:, col["unit_lex"]] = unit_lex[left, right]
    out[:, col["sent_lex"]] = sent_lex[sl, sr]
    stems = [u.stems for u in units]
    stem_keys = _incidence(stems)  # read by the shared idf and by the Jaccard overlap
    out[:, col["shared_idf"]] = np.log1p(_shared(stem_keys, left, right, stem_idf))
    entity = _shared([u.entities for u in units], left, right, entity_idf)
    out[:, col["entity"]] = 1.0 - np.exp(-entity / ENTITY_SCALE)
    shared_types = _shared([u.event_types for u in units], left, right) > 0
    out[:, col["event"]] = shared_types
    out[:, col["trigger"]] = _shared([u.triggers for u in units], left, right) > 0
    out[:, col["figure_group"]] = _shared([u.figure_groups for u in units], left, right) > 0
    for kind in ("date", "time"):
        sets = [u.dates if kind == "date" else u.times for u in units]
        has = np.array([bool(x) for x in sets])
        same = _shared(sets, left, right) > 0
        out[:, col[f"{kind}_same"]] = same
        out[:, col[f"{kind}_diff"]] = has[left] & has[right] & ~same
    position = np.array([u.position < LEAD_SENTENCES for u in units])
    out[:, col["lead"]] = position[left] & position[right]
    words_of = np.array([_word_count(u.text) for u in units], dtype=np.float64)
    na, nb = words_of[left], words_of[right]
    out[:, col["length_ratio"]] = np.minimum(na, nb) / np.maximum(np.maximum(na, nb), 1.0)
    whole = np.array([u.whole for u in units])
    out[:, col["whole"]] = whole[left] & whole[right]
    sent_shared = _shared([u.sent_stems for u in units], left, right, sent_idf)
    out[:, col["sent_shared_idf"]] = np.log1p(sent_shared)
    out[:, col["names"]] = np.log1p(_shared([u.names for u in units], left, right, sent_idf))
    inter = _shared(stem_keys, left, right)
    size = np.array([len(x) for x in stems], dtype=np.float64)
    union = size[left] + size[right] - inter
    out[:, col["jaccard"]] = inter / np.maximum(union, 1.0)
    # The rest need the units themselves, and only where they can be non-zero.
    numeric = np.array([bool(u.tokens or u.numbers) for u in units])
    asserts = [frozenset(stem(e.trigger.text.split()[-1]) for e in u.events) for u in units]
    any_asserts = any(asserts)
    negates = [_negated_stems(u.text) if any_asserts else frozenset() for u in units]
    polar = np.array([bool(x) for x in asserts]), np.array([bool(x) for x in negates])
    check = (
        shared_types
        | (numeric[left] & numeric[right])
        | (polar[0][left] & polar[1][right])
        | (polar[1][left] & polar[0][right])
    )
    for k in np.flatnonzero(check):
        a, b = units[left[k]], units[right[k]]
        if shared_types[k]:
            types = a.event_types & b.event_types
            out[k, col["actor_clash"]] = all(
                t in a.actors and t in b.actors and not a.actors[t] & b.actors[t] for t in types
            )
        common = a.numbers.keys() & b.numbers.keys()
        out[k, col["number_same"]] = bool(a.tokens & b.tokens) or any(
            a.numbers[key] & b.numbers[key] for key in common
        )
        out[k, col["number_diff"]] = bool(common) and not any(
            a.numbers[key] & b.numbers[key] for key in common
        )
        out[k, col["negation"]] = bool(
            asserts[left[k]] & negates[right[k]] or asserts[right[k]] & negates[left[k]]
        )
    return out


# --------------------------------------------------------------------------- clustering


def _pair_value(values: Mapping[tuple[int, int], float], i: int, j: int) -> float:
    """The value of the unordered unit pair (i, j) in a map keyed by (low, high); 0 if none."""
    return values.get((i, j) if i < j else (j, i), 0.0)


def cluster_units(
    units: Sequence[FactUnit],
    pairs: Sequence[tuple[int, int]],
    probs: Sequence[float] | np.ndarray,
    thresholds: dict[str, float],
) -> list[list[int]]:
    """Claims as groups of unit indices (a unit may be in several; see the module doc).

    ``link``: a pair below it never starts a merge; ``merge``: two clusters merge when the
    mean probability over their cross-article pairs (unscored pairs count 0) reaches it;
    ``join``: afterwards a unit joins another multi-article claim when its mean probability
    with that claim's units of other articles reaches it (never two units of one sentence).
    """
    link, merge, join = thresholds["link"], thresholds["merge"], thresholds["join"]
    prob = {pair: float(p) for pair, p in zip(pairs, probs, strict=True)}

    def p(i: int, j: int) -> float:
        return _pair_value(prob, i, j)

    cluster_of = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    sentences_of = {i: {u.sentence} for i, u in enumerate(units)}
    docs_of = {i: Counter([u.doc]) for i, u in enumerate(units)}
    # Cluster -> neighbour cluster -> summed probability of their cross-article unit pairs
    # (kept up to date as clusters merge, so a merge test costs no pass over the members).
    linked: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), value in prob.items():
        if units[i].doc != units[j].doc:
            linked[i][j] = linked[i].get(j, 0.0) + value
            linked[j][i] = linked[j].get(i, 0.0) + value
    for (i, j), value in sorted(prob.items(), key=lambda kv: (-kv[1], kv[0])):
        if value < link:
            break
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        if sentences_of[ci] & sentences_of[cj]:
            continue  # two units of one sentence state two facts
        da, db = docs_of[ci], docs_of[cj]
        cross = len(members[ci]) * len(members[cj]) - sum(n * db[d] for d, n in da.items())
        if not cross or linked[ci].get(cj, 0.0) / cross < merge:
            continue
        for x in members[cj]:
            cluster_of[x] = ci
        members[ci] += members.pop(cj)
        sentences_of[ci] |= sentences_of.pop(cj)
        da.update(docs_of.pop(cj))
        for other, total in linked.pop(cj, {}).items():
            del linked[other][cj]
            if other != ci:
                linked[ci][other] = linked[ci].get(other, 0.0) + total
                linked[other][ci] = linked[other].get(ci, 0.0) + total
    out = [sorted(m) for m in members.values()]
    neighbours: dict[int, set[int]] = defaultdict(set)
    for (i, j), value in prob.items():
        if value >= join:
            neighbours[i].add(j)
            neighbours[j].add(i)
    extra: dict[int, list[int]] = defaultdict(list)
    for c, group in enumerate(out):
        if len({units[x].doc for x in group}) < 2:
            continue
        inside = set(group)
        sentences = {units[x].sentence for x in group}
        reach = set().union(*(neighbours[x] for x in group)) - inside
        for u in reach:
            if units[u].sentence in sentences:
                continue
            others = [x for x in group if units[x].doc != units[u].doc]
            if others and sum(p(u, x) for x in others) / len(others) >= join:
                extra[c].append(u)
    joined: set[int] = set()
    for c, added in extra.items():
        out[c] = sorted(set(out[c]) | set(added))
        joined.update(added)
    # a lone unit that joined a claim is not a claim of its own as well
    return [g for g in out if not (len(g) == 1 and g[0] in joined)]


# --------------------------------------------------------------------------- verdicts


def _conflicts(
    members: Sequence[FactUnit],
    groups: dict[str, FigureGroup],
    days: dict[int, frozenset[str]] | None = None,
) -> tuple[list[FactUnit], list[str]]:
    """The members whose version is incompatible with an earlier member's of another article
    (the representative first), and why."""
    bad: list[FactUnit] = []
    reasons: list[str] = []
    for k, other in enumerate(members[1:], start=1):
        for rep in members[:k]:
            if rep.doc == other.doc or rep in bad:
                continue
            why = _incompatible(rep, other, groups, days=days)
            if why:
                bad.append(other)
                reasons.append(f"{other.label} vs {rep.label}: " + "; ".join(why))
                break
    return bad, reasons


def _incompatible(
    rep: FactUnit,
    other: FactUnit,
    groups: dict[str, FigureGroup],
    *,
    days: dict[int, frozenset[str]] | None = None,
    weak: bool = False,
) -> list[str]:
    """Why two versions of one fact cannot both be true (empty when they can). A name
    spelled two ways is read in the units' own words (not a title-cased headline) and must
    stand next to one shared capitalised word. Two clock times conflict only between
    :data:`MIN_TIME_GAP` and :data:`MAX_TIME_GAP` minutes apart. ``days``: the day dates
    each article names; two days conflict only when neither article names the other's day
    too (else they date two events). ``weak``: the two units are only weakly paired (a home
    town then needs one name on both sides)."""
    why: list[str] = []
    for gid, (low, high, text) in rep.figure_groups.items():
        group = groups.get(gid)
        theirs = other.figure_groups.get(gid)
        if group is None or theirs is None or group.verdict != "conflict":
            continue
        count = group.measure.endswith("people")
        if not (_stated(rep.figure_groups[gid], count) and _stated(theirs, count)):
            continue  # an implied count ("a senator killed") is not a stated number
        if not _overlap(low, high, theirs[0], theirs[1]):
            why.append(f"figure '{text}' vs '{theirs[2]}' ({group.measure}: verdict conflict)")
    gap = _days_apart(rep, other)
    for person in sorted(rep.ages.keys() & other.ages.keys()):
        if gap is not None and gap > AGE_DAYS:
            break  # a birthday may lie between the two reports
        if not rep.ages[person] & other.ages[person]:
            why.append(f"age {_values(rep.ages[person])} vs {_values(other.ages[person])}")
    negated = _denial(rep, other)
    if negated is not None:
        why.append(f"one version negates '{negated}'")
    same_event = _same_event(rep, other)
    d1, d2 = rep.explicit_dates, other.explicit_dates
    two_days = days is not None and bool(
        d1 & days.get(other.doc, frozenset()) or d2 & days.get(rep.doc, frozenset())
    )
    near = len(d1) == len(d2) == 1 and 0 < _date_gap(_first(d1), _first(d2)) <= MAX_DAY_GAP
    if same_event and near and not two_days:
        why.append(f"dated {_first(d1)} vs {_first(d2)}")
    t1, t2 = _clock_times(rep.text), _clock_times(other.text)
    gap = _minutes_apart(_first(t1), _first(t2)) if len(t1) == len(t2) == 1 else 0
    close = MIN_TIME_GAP < gap <= MAX_TIME_GAP
    if same_event and t1 != t2 and close and _one_moment(rep, other):
        why.append(f"time {_clock(t1)} vs {_clock(t2)}")
    spelled = _spelling(_words_capitalised(rep.text), _words_capitalised(other.text))
    home = _home_conflict(rep.text, other.text, named=weak)
    if home is not None:
        why.append(home)
    if spelled is not None and _same_neighbour(rep.text, other.text, *spelled):
        why.append(f"name spelled '{spelled[0]}' vs '{spelled[1]}'")
    return why


def _same_neighbour(left: str, right: str, x: str, y: str) -> bool:
    """Whether ``x`` in ``left`` and ``y`` in ``right`` stand next to the same capitalised
    word (a first name spelled two ways before one surname), so the two are one name."""

    def neighbours(text: str, word: str) -> set[tuple[int, str]]:
        out: set[tuple[int, str]] = set()
        for m in re.finditer(
            rf"(?:\b([A-Z][a-z]+) )?\b{re.escape(word)}\b(?: ([A-Z][a-z]+))?", text
        ):
            out.update((side, w) for side, w in ((0, m.group(1)), (1, m.group(2))) if w)
        return out

    return bool(neighbours(left, x) & neighbours(right, y))


#: a day written out with its month ("Nov. 14", "November 14", "10/15"); its year may be
#: inferred from the publication date (the DateRef is then ``relative``)
_WRITTEN_DAY = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2}/\d{1,2}\b",
    re.IGNORECASE,
)
_WRITTEN_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?"
    r"|millions?|dozens?|billions?)\b",
    re.IGNORECASE,
)


def _written_number(text: str) -> bool:
    """Whether a figure's expression writes a number (digits or a number word)."""
    return bool(_WRITTEN_NUMBER.search(text))


_SMALL = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}


def _stated(figure: tuple[float | None, float | None, str], count: bool) -> bool:
    """Whether a figure (low, high, expression) writes its number: digits or a number word,
    and for a small exact count of people (up to twenty) that very number ("Two injured,
    shooter dead" counted as 2 dead, or "the 14-year-old ... died" as 1, are not stated
    counts of the dead). Durations are converted ("two and a half years" = 30 months), so
    only counts are checked for their value."""
    low, high, text = figure
    if not _written_number(text):
        return False
    if not count or low is None or low != high or low > 20:
        return True
    said = {float(w) for w in re.findall(r"\d+", text)}
    said |= {float(_SMALL[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in _SMALL}
    return low in said


_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\b\.?", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


@lru_cache(maxsize=16384)
def _clock_times(text: str) -> frozenset[int]:
    """Clock times in ``text`` as minutes after midnight ("9:30 a.m." -> 570)."""
    out = set()
    for hour, minute, half in _CLOCK.findall(text):
        h = int(hour) % 12 + (12 if half.lower() == "p" else 0)
        out.add(h * 60 + int(minute or 0))
    return frozenset(out)


#: words of a death right before a clock time: the time of the death, not of the shooting
_DEATH_MOMENT = re.compile(
    r"\b(?:pronounced|declared|confirmed|found)\s+dead\b|\b(?:died|dies|succumbed|death)\b",
    re.IGNORECASE,
)
#: words that make a clock time the moment of the event itself or of the call and response
#: to it ("shot about 9 p.m.", "it happened at 9:30", "officers were called at 9:40"); a
#: time of anything else (a victim "listed in stable condition at 7:30", a helicopter "over
#: the scene at 12:30", a party the victims "decided to go to at 12:30") is another moment
_EVENT_MOMENT = re.compile(
    r"\b(?:shot|shoot\w*|gunfire|gunshots?|fired|fire|opened|happen\w*|occur\w*|broke out|"
    r"erupted|wounded|injured|killed|struck|hit|attack\w*|incident|stabb\w*|robb\w*|"
    r"carnage|violence|chaos|rampage|fight|brawl|melee|altercation|confrontation|gun battle|"
    r"found|call\w*|respond\w*|dispatched|arrived|report\w*|alerted)\b",
    re.IGNORECASE,
)
#: characters around a clock time read for the words above
MOMENT_WINDOW = 80
#: an article that states more distinct clock times than this in its claim sentences is a
#: roundup or a chronology (several shootings, a rampage): its times are of several moments
MAX_ARTICLE_TIMES = 3
#: a clause that tells of another event than the story's ("another shooting", "a separate
#: incident", "in the shooting the day before")
_OTHER_EVENT = re.compile(
    r"\b(?:another|separate|unrelated|earlier|later|previous|second|third)\s+"
    r"(?:\w+\s+)?(?:shooting|incident|attack|homicide|killing|stabbing)s?\b"
    r"|\b(?:shooting|incident|attack)s? (?:the|a) (?:day|night|week) (?:before|earlier)\b",
    re.IGNORECASE,
)


def _moment(text: str) -> str | None:
    """What the (first) clock time of ``text`` is the time of: "death" (a word of death in
    its clause before it, nearer than any word of the event: "where he was pronounced dead
    at 1:35 a.m.", not "pronounced dead after being shot about 1:10 a.m."), "event" (the
    event or the call and response to it, within :data:`MOMENT_WINDOW` characters), else
    None."""
    match = _CLOCK.search(text)
    if match is None:
        return None
    clause = re.split(r"[,;:]", text[: match.start()])[-1]
    deaths = [m.end() for m in _DEATH_MOMENT.finditer(clause)]
    events = [m.end() for m in _EVENT_MOMENT.finditer(clause)]
    if deaths and (not events or deaths[-1] >= events[-1]):
        return "death"  # the word nearest the time says whose moment it is
    around = text[max(0, match.start() - MOMENT_WINDOW) : match.end() + MOMENT_WINDOW]
    return "event" if _EVENT_MOMENT.search(around) else None


def _ages_told(unit: FactUnit) -> frozenset[float]:
    """The ages a unit tells (the figure stage's ``age`` figures in it: "a 22-year-old
    man", "Ann Lee, 22,", "ages 28 and 30"), whoever they belong to."""
    return frozenset(
        v for key, values in unit.numbers.items() if key.startswith("age|") for v in values
    )


def _one_moment(left: FactUnit, right: FactUnit) -> bool:
    """Whether two units' clock times may be two versions of one moment: both times of
    the event (or the call to it), or both of one person's death (shot at 9 p.m. and
    pronounced dead at 10 are two moments; so are a shooting at 11 and a victim's condition
    at 11:30), not of an event the unit calls another ("another shooting"), not told of
    different people (both units give ages, none shared, and no name in common: a
    roundup's two shootings), and not from a roundup (:data:`MAX_ARTICLE_TIMES`)."""
    if max(left.article_times, right.article_times) > MAX_ARTICLE_TIMES:
        return False  # a roundup or a chronology: its times are of several moments
    a, b = left.text, right.text
    kind = _moment(a)
    if kind is None or kind != _moment(b):
        return False
    if _OTHER_EVENT.search(a) or _OTHER_EVENT.search(b):
        return False
    ages_a, ages_b = _ages_told(left), _ages_told(right)
    names = _named(a) & _named(b)
    if ages_a and ages_b and not ages_a & ages_b and not names:
        return False  # other people (one person's two ages is the age rule's conflict)
    # two times of death are one death's only when both tell whose (a story of several
    # victims has several)
    return kind != "death" or bool(ages_a & ages_b or names)


#: capitalised words that name no one: street types, directions, institutions, days
_NOT_NAMES = frozenset(
    {
        "Street", "Avenue", "Road", "Drive", "Boulevard", "Lane", "Court", "Place", "Way",
        "Highway", "Parkway", "Park", "North", "South", "East", "West", "Police", "Department",
        "Sheriff", "County", "City", "Hospital", "Center", "Medical", "Fire", "Monday",
        "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    }
)  # fmt: skip


def _named(text: str) -> frozenset[str]:
    """Capitalised words of 3+ letters after the first word that may name a person (who
    a unit tells of)."""
    return frozenset(w for w in _NAME.findall(text) if len(w) >= 3 and w not in _NOT_NAMES)


def _clock(minutes: Iterable[int]) -> str:
    return "/".join(f"{m // 60:02d}:{m % 60:02d}" for m in sorted(minutes))


@lru_cache(maxsize=16384)
def _words_capitalised(text: str) -> frozenset[str]:
    """Capitalised words of 4+ letters; none of a title-cased line (a headline capitalises
    every word: "Charges Possible in Shooting" names nobody)."""
    long_words = re.findall(r"\b[A-Za-z]{5,}\b", text)
    if len(long_words) >= 2 and all(w[0].isupper() for w in long_words):
        return frozenset()  # title-cased: every word of 5+ letters capitalised
    return frozenset(_CAPITALISED.findall(text))


def _spelling(left: frozenset[str], right: frozenset[str]) -> tuple[str, str] | None:
    """Two capitalised words (of the two versions' units), one in each only, of 4+
    letters that differ in one letter of the same position (Dorian / Darian): one name
    spelled two ways. An "i" for a "y" is a transliteration variant (Sergey / Sergei), not
    a different spelling of the name."""
    left = frozenset(w for w in left if _CAPITALISED.fullmatch(w))
    right = frozenset(w for w in right if _CAPITALISED.fullmatch(w))
    for x in sorted(left - right):
        for y in sorted(right - left):
            if len(x) != len(y) or x[0] != y[0]:
                continue
            diff = [(c, d) for c, d in zip(x, y, strict=True) if c != d]
            if len(diff) == 1 and set(diff[0]) != {"i", "y"} and not _word_variant(x, y):
                return x, y
    return None


#: where British and American spellings of one word differ by one letter:
#: "organisation" / "organization", "analyse" / "analyze" (s/z after i or y, before a
#: vowel); "defence" / "defense" (c/s in a final -ence); "adviser" / "advisor" (e/o in a
#: final -er)
_SPELLING_VARIANTS = (
    re.compile(r"(?<=[iy])[sz](?=[aei])"),
    re.compile(r"(?<=en)[cs](?=es?$)"),
    re.compile(r"[eo](?=rs?$)"),
)


def _word_variant(x: str, y: str) -> bool:
    """Two spellings of one English word in a capitalised phrase ("Internationally
    Recognised" / "Recognized", "Gordon Advisers" / "Advisors"), not a name spelled two
    ways: the one letter they differ in is where British and American spellings differ,
    and both words are English words (the spaCy model's lemma index, WordNet's base
    forms). From a reading of ECB+ dev's contested claims (2026-12-07), where all three
    such "names" were words; names that differ there ("Connor" / "Conner") are in no
    word list, and the rule leaves "Andersen" / "Anderson" (both in WordNet) alone."""
    low_x, low_y = x.lower(), y.lower()
    k = next(i for i, (c, d) in enumerate(zip(low_x, low_y, strict=True)) if c != d)
    where = any(
        all(any(m.start() == k for m in rule.finditer(w)) for w in (low_x, low_y))
        for rule in _SPELLING_VARIANTS
    )
    return where and _english(x) and _english(y)


def _english(word: str) -> bool:
    """Whether ``word`` (or its base form without a plural or past ending) is in the
    English pipeline's word index."""
    index = _word_index()
    low = word.lower()
    bases = [low] + [low[: -len(end)] for end in ("s", "es", "d", "ed") if low.endswith(end)]
    return any(b in index for b in bases)


@lru_cache(maxsize=1)
def _word_index() -> frozenset[str]:
    """The base forms of the English model's rule lemmatizer (nouns, verbs, adjectives,
    adverbs: 83k words), read from the installed model's lookups without loading the
    pipeline; empty when the model has none."""
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    from corroborate.analyze.nlp import MODEL_NAME

    try:
        found = sorted(get_package_path(MODEL_NAME).glob("*/lemmatizer/lookups"))
    except (ImportError, OSError, AttributeError):
        return frozenset()
    if not found:
        return frozenset()
    tables = Lookups().from_disk(found[-1])
    if not tables.has_table("lemma_index"):
        return frozenset()
    index = tables.get_table("lemma_index")
    return frozenset(w for pos in index for w in index[pos])


def _first(values: Iterable[Any]) -> Any:
    return sorted(values)[0]


#: two days are versions of one event's day only this close (days: an event told as on
#: Monday by one outlet and Tuesday by another); further apart they date two events (a
#: birth and an arrest decades later, statements a week apart)
MAX_DAY_GAP = 2


def _date_gap(a: str, b: str) -> int:
    """Days between two ISO dates (a large number when either is not one)."""
    from datetime import date

    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return 1 << 30


def _same_event(a: FactUnit, b: FactUnit) -> bool:
    """Whether two units may date or time one event: they share an event type or trigger
    other than a statement's (two statements on two days are two events), or one of them
    names no event (nothing says they are two)."""
    if not a.events or not b.events:
        return True
    said = "statement"
    kinds_a = {e.type for e in a.events if e.type != said}
    kinds_b = {e.type for e in b.events if e.type != said}
    stems_a = {stem(e.trigger.text.split()[-1]) for e in a.events if e.type != said}
    stems_b = {stem(e.trigger.text.split()[-1]) for e in b.events if e.type != said}
    return bool(kinds_a & kinds_b or stems_a & stems_b)


def _minutes_apart(a: int, b: int) -> int:
    """Minutes between two clock times, across midnight (23:40 and 00:20: 40)."""
    gap = abs(a - b) % (24 * 60)
    return min(gap, 24 * 60 - gap)


def _values(values: Iterable[float]) -> str:
    return "/".join(f"{v:g}" for v in sorted(values))


#: words between a negation and the verb it negates ("has not *been* charged", "was
#: not *yet* arrested"): skipped to reach the verb
_NEGATION_SKIP = frozenset(
    {
        "be", "been", "being", "is", "was", "were", "are", "am", "have", "has", "had",
        "do", "does", "did", "yet", "even", "ever", "also", "immediately", "initially",
        "currently", "still", "get", "got", "gotten", "to", "officially", "formally",
    }
)  # fmt: skip
#: words after "no" that deny a degree or a kind, not the thing ("no major injuries" does
#: not deny injuries; "no other passengers" is the existence rule's)
_DEGREE_WORDS = frozenset(
    {
        "major", "serious", "significant", "severe", "critical", "life", "threatening",
        "life-threatening", "other", "further", "additional", "new",
        "permanent", "lasting", "physical", "real",
    }
)  # fmt: skip


@lru_cache(maxsize=16384)
def _negated_stems(text: str) -> frozenset[str]:
    """Stems of the words a negation cue governs, never past a punctuation mark: the verb
    after "not" / "never" / "n't" ("was not *shot*", "has not been *charged*", "couldn't
    *return* fire": the first word after the cue and any auxiliaries), the head of the
    noun phrase after "no" / "without" ("no *arrests*"; not "no major injuries", a
    degree), every word a few words after the other cues ("no one was *hurt*", "neither
    man was *injured*"). "None of the X" says something of X, not that there is none.
    Cached: every pair a sentence is scored in asks again."""
    tokens = _negation_tokens(text)
    out: set[str] = set()
    for i, tok in enumerate(tokens):
        after = tokens[i + 1 : i + 1 + NEGATION_WINDOW]
        clause = list(itertools.takewhile(lambda w: w[0].isalnum(), after))
        if tok in NOMINAL_NEGATION_CUES and after[:1] != ["one"]:
            if clause and clause[0] in _DEGREE_WORDS:
                continue
            head = _phrase_head(clause)
            if head is not None:
                out.add(stem(head))
        elif tok == "none" and after[:1] == ["of"]:
            continue
        elif tok in ("not", "never") or tok.endswith("n't"):
            verb = _negated_verb(tokens, i)
            if verb is not None:
                out.add(stem(verb))
        elif tok in NEGATION_CUES:  # "no one was hurt", "neither man was injured"
            out.update(stem(w) for w in clause)
    return frozenset(out)


def _negation_tokens(text: str) -> list[str]:
    """Lower-cased words (and "n't" apart) and punctuation marks of ``text``."""
    return [w.lower().replace("’", "'") for w in re.findall(r"n't|n’t|[\w'-]+|[^\w\s]", text)]


def _negated_verb(tokens: Sequence[str], i: int) -> str | None:
    """The verb the "not" / "never" / "n't" at ``tokens[i]`` negates: the first word after
    it past auxiliaries, within :data:`NEGATION_WINDOW` words and before a punctuation
    mark (None when ``tokens[i]`` is no such cue)."""
    tok = tokens[i]
    if tok not in ("not", "never") and not tok.endswith("n't"):
        return None
    after = tokens[i + 1 : i + 1 + NEGATION_WINDOW]
    clause = itertools.takewhile(lambda w: w[0].isalnum(), after)
    return next((w for w in clause if w not in _NEGATION_SKIP), None)


def _phrase_head(words: Sequence[str]) -> str | None:
    """The last word of the leading run of content words (the head of a noun phrase)."""
    head = None
    for word in words:
        if word in STOP_WORDS:
            break
        head = word
    return head


def _polarity_conflict(a: FactUnit, b: FactUnit) -> str | None:
    """A trigger asserted in ``a`` that ``b`` negates (or None)."""
    negated = _negated_stems(b.text)
    for event in a.events:
        trigger = stem(event.trigger.text.split()[-1])
        if trigger in negated:
            return event.trigger.text
    return None


# --------------------------------------------------------------------------- slot conflicts

#: a pair the model scores at least this is "the same event" for the slot rules that need
#: one (times, days, denials, spellings of two versions not aligned as one fact)
WEAK_MATCH = 0.2
#: two clock times are two versions of one moment only this close (minutes); further
#: apart they are two moments of the story (an update's time stamp, a later press call)
MAX_TIME_GAP = 90
#: ... and at least this far apart (minutes): "just before 2 p.m." and "1:51 p.m.", "3:30"
#: and "3:31" are one moment told with rounding
MIN_TIME_GAP = 15
#: ages given in articles published this many days apart may both be right (a birthday)
AGE_DAYS = 300


def _day(published: str | None) -> str | None:
    return published[:10] if published and len(published) >= 10 else None


def _days_apart(a: FactUnit, b: FactUnit) -> float | None:
    from datetime import date

    da, db = _day(a.published), _day(b.published)
    try:
        return abs((date.fromisoformat(da) - date.fromisoformat(db)).days) if da and db else None
    except ValueError:
        return None


def _keyed_values(
    units: Sequence[FactUnit], values: Any
) -> dict[str, dict[int, list[tuple[int, frozenset[Any]]]]]:
    """key -> article -> [(unit index, values)] for the (key -> values) dicts ``values(u)``."""
    out: dict[str, dict[int, list[tuple[int, frozenset[Any]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for i, u in enumerate(units):
        for key, vals in values(u).items():
            out[key][u.doc].append((i, frozenset(vals)))
    return out


SlotConflict = tuple[int, int, str, str]  # unit, unit, why, slot ("" = the pair's rules)


def _disagreements(
    units: Sequence[FactUnit], values: Any, what: str, *, days: float | None = None
) -> list[SlotConflict]:
    """Pairs of units of different articles giving different values of one key (a person's
    age, a street's type, the means of flight), each article consistent with itself (one
    value for the key in all its units: two values in one article may be two people)."""
    out: list[SlotConflict] = []
    for key, by_doc in _keyed_values(units, values).items():
        single = {
            doc: next(iter(frozenset().union(*(v for _, v in rows))))
            for doc, rows in by_doc.items()
            if len(frozenset().union(*(v for _, v in rows))) == 1
        }
        docs = sorted(single)
        for x, da in enumerate(docs):
            for db in docs[x + 1 :]:
                if single[da] == single[db]:
                    continue
                for i, _ in by_doc[da]:
                    for j, _ in by_doc[db]:
                        gap = _days_apart(units[i], units[j])
                        if days is not None and gap is not None and gap > days:
                            continue
                        label = what or _slot_label(key)
                        why = f"{label} {_shown(single[da])} vs {_shown(single[db])}"
                        out.append((i, j, why, f"{what}:{key}"))
    return out


def _slot_label(key: str) -> str:
    """How a slot is named in an explanation: "street linden", "flight of the suspect"."""
    kind, _, who = key.partition(":")
    if kind == "flight":
        return f"flight of {'the suspect' if who == 'suspect' else who}"
    return f"{kind} {who}".strip()


def _shown(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _existence_conflict(a: FactUnit, b: FactUnit) -> str | None:
    """``b`` denies that something exists ("there were no other passengers") that ``a``
    counts ("two passengers told ..."): the head noun negated by "no" in ``b`` follows a
    quantifier in ``a``."""
    denied = _nominal_denials(b.text)
    if not denied:
        return None
    for m in _QUANTIFIED.finditer(a.text):
        if stem(m.group(2)) in denied and stem(m.group(2)) not in _negated_stems(a.text):
            return m.group(2)
    return None


_QUANTIFIED = re.compile(
    r"\b(several|some|many|multiple|numerous|two|three|four|five|six|a few|one|other)"
    r" (?:\w+ )?(\w{3,}s)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)
def _nominal_denials(text: str) -> frozenset[str]:
    """Stems of the heads of "no ..." noun phrases in ``text`` ("no other passengers")."""
    tokens = [w.lower() for w in re.findall(r"[\w']+", text)]
    out: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok == "no" and tokens[i + 1 : i + 2] != ["one"]:
            after = tokens[i + 1 : i + 1 + NEGATION_WINDOW]
            while after and after[0] in STOP_WORDS:  # "no other passengers"
                after = after[1:]
            head = _phrase_head(after)
            if head is not None:
                out.add(stem(head))
    return frozenset(out)


@lru_cache(maxsize=16384)
def _denied_nearby(text: str) -> frozenset[str]:
    """Stems of every word within a few words after any negation cue (a wider, looser scope
    than :func:`_negated_stems`: "no reports of injuries" touches "injuries")."""
    tokens = [w.lower().replace("’", "'") for w in re.findall(r"n't|n’t|[\w']+", text)]
    out: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok in NEGATION_CUES or tok.endswith("n't"):
            out.update(stem(t) for t in tokens[i + 1 : i + 1 + 2 * NEGATION_WINDOW])
    return frozenset(out)


def _denial_is_update(asserting: FactUnit, denying: FactUnit) -> bool:
    """A denial published before the assertion is news moving on ("has not been charged",
    then "was charged"), not a conflict."""
    da, dd = _day(asserting.published), _day(denying.published)
    return da is not None and dd is not None and dd < da


def slot_conflicts(
    units: Sequence[FactUnit], prob: dict[tuple[int, int], float], weak: float = WEAK_MATCH
) -> list[SlotConflict]:
    """Pairs (i, j, why, slot) of units of different articles that give incompatible versions of
    one slot, whether or not the model aligned them (docs/claims.md, "Slot conflicts"):

    - one person's age (the story entity of the name next to the age), when the articles
      were published within :data:`AGE_DAYS` days;
    - one street's type ("Elm Drive" / "Elm Road"); the means of flight ("ran off on foot"
      / "fled in a car");
    - for pairs the model scores at least ``weak`` (a weaker "same event" match): the
      aligned-version rules of :func:`_incompatible` (days, clock times, denials of a
      trigger, names spelled two ways) and a denied existence ("no other passengers" /
      "two passengers said").

    Each article must give one value for a person's age, a street or the flight, else the
    values may belong to two people or places and nothing is reported."""
    days = article_days(units)
    out = _disagreements(units, lambda u: u.ages, "age", days=AGE_DAYS)
    out += _disagreements(units, lambda u: u.slots, "")
    for (i, j), value in prob.items():
        a, b = units[i], units[j]
        if value < weak or a.doc == b.doc:
            continue
        why = _incompatible(a, b, {}, days=days, weak=True)
        for x, y in ((a, b), (b, a)):
            noun = _existence_conflict(x, y)
            if noun is not None and not _denial_is_update(x, y):
                why.append(f"one version denies any '{noun}'")
        if why:
            out.append((i, j, "; ".join(why), ""))
    return out


def article_days(units: Sequence[FactUnit]) -> dict[int, frozenset[str]]:
    """The day dates each article (by input index) names in its claim units."""
    out: dict[int, set[str]] = defaultdict(set)
    for u in units:
        out[u.doc].update(u.dates | u.explicit_dates)
    return {doc: frozenset(v) for doc, v in out.items()}


def _states_slot(
    rep: FactUnit,
    member: FactUnit,
    other: FactUnit,
    slot: str,
    days: dict[int, frozenset[str]] | None = None,
) -> bool:
    """Whether a claim shown as ``rep`` is contested by ``other``'s conflict with its
    ``member``: the representative itself gives the member's value of the slot (or, for the
    pair rules, is incompatible with ``other`` too)."""
    if rep is member:
        return True
    kind, _, key = slot.partition(":")
    if kind == "age":
        return rep.ages.get(key) == member.ages.get(key)
    if key:
        return rep.slots.get(key) == member.slots.get(key)
    return bool(_incompatible(rep, other, {}, days=days, weak=True))


def _denial(a: FactUnit, b: FactUnit) -> str | None:
    """A trigger one unit asserts and the other negates, unless the denial was published
    before the assertion (:func:`_denial_is_update`)."""
    for x, y in ((a, b), (b, a)):
        trigger = _polarity_conflict(x, y)
        if trigger is None or _OPEN_QUESTION.search(y.text):
            continue  # "whether or not to charge": an open question, not a denial
        if stem(trigger.split()[-1]) in _denied_nearby(x.text):
            continue  # both deny it ("no injuries were reported" / "no reports of injuries")
        subject = _denial_subject(y.text, stem(trigger.split()[-1]))
        if subject and not subject & (x.sent_stems | x.stems):
            continue  # "the driver wasn't injured" / "two others were injured": not one person
        if not _denial_is_update(x, y) and not _background(x):
            return trigger
    return None


def _denial_subject(text: str, trigger: str) -> frozenset[str]:
    """Stems of the content words before the "not" / "n't" / "never" that negates
    ``trigger`` in ``text``, back to a punctuation mark or a verb of saying: whose denial it
    is ("the driver wasn't injured" -> {"driver"}; "Police said Tom Reed has not been
    charged" -> {"tom", "reed"}). Empty for a pronoun ("he was not hurt"), a noun phrase's
    denial ("no arrests") or when the cue is not found: nothing to compare."""
    tokens = _negation_tokens(text)
    for i in range(len(tokens)):
        verb = _negated_verb(tokens, i)
        if verb is None or stem(verb) != trigger:
            continue
        before: list[str] = []
        for w in reversed(tokens[:i]):
            if not w[0].isalnum() or w in _SAYING:
                break
            before.append(w)
        return frozenset(content_stems(" ".join(reversed(before)))) - _AGE_WORDS
    return frozenset()


_SAYING = SPEECH_FORMS | {"according"}
#: "a 6-year-old": an age two people may share, not who they are
_AGE_WORDS = frozenset({"year", "old"})


#: negations that deny nothing: an open question ("whether or not"), a counterfactual
#: ("wouldn't have resigned"), a delay ("did not start talks until March")
_OPEN_QUESTION = re.compile(
    r"\bor not\b|\b(?:would|could|might)(?: not|n't|n’t) have\b|\buntil\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def _background(u: FactUnit) -> bool:
    """The unit dates what it says to a year before its article's ("was charged in May
    2015" in a later year's report): background, not the story's present."""
    year = _day(u.published)
    return year is not None and any(y < year[:4] for y in _YEAR.findall(u.text))


def _overlap(lo1: float | None, hi1: float | None, lo2: float | None, hi2: float | None) -> bool:
    """Whether two intervals (None = open end) share a value."""
    low = max(-math.inf if lo1 is None else lo1, -math.inf if lo2 is None else lo2)
    high = min(math.inf if hi1 is None else hi1, math.inf if hi2 is None else hi2)
    return low <= high


def _evidence(u: FactUnit) -> list[Evidence]:
    out = [Evidence(u.article_id, u.start, u.end, u.text)]
    out.extend(Evidence(u.article_id, st, en, tx) for st, en, tx in u.duplicates)
    return out


def _claim_id(support: Iterable[Evidence]) -> str:
    key = "|".join(sorted(f"{e.article_id}:{e.start}:{e.end}" for e in support))
    return "claim-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


#: reasons named in a contested claim's explanation at most (the rest are counted)
MAX_REASONS = 5


def _reasons(reasons: Sequence[str]) -> str:
    """The distinct reasons, in order, at most :data:`MAX_REASONS` of them."""
    distinct = list(dict.fromkeys(reasons))
    shown = " | ".join(distinct[:MAX_REASONS])
    rest = len(distinct) - MAX_REASONS
    return shown + (f" | and {rest} more" if rest > 0 else "")


#: words that open a clause that does not read on its own ("who fled the scene")
_SUBORDINATORS = CLAUSE_CUES - {"and", "but", "or", "then"} | {"that", "if"}


def _dependent(u: FactUnit) -> bool:
    """A unit that is a relative or adverbial clause cut from its sentence ("who fled the
    scene", "when the gun went off"): a poor headline for a claim another unit also states."""
    first = u.text.split(maxsplit=1)[0].lower() if u.text else ""
    return not u.whole and first in _SUBORDINATORS


def _make_claim(
    members: list[FactUnit],
    groups: dict[str, FigureGroup],
    similar: Sequence[FactUnit] = (),
    against: Sequence[tuple[FactUnit, FactUnit, str, str]] = (),
    days: dict[int, frozenset[str]] | None = None,
) -> Claim:
    # representative: a clause that reads on its own, then the most complete (most
    # features), then the earliest article/position
    members = sorted(
        members,
        key=lambda u: (
            _dependent(u),
            -u.richness,
            u.published or "9999",
            u.doc,
            u.position,
            u.start,
        ),
    )
    rep = members[0]
    support = list(
        dict.fromkeys(
            ev for u in sorted(members, key=lambda u: (u.doc, u.start)) for ev in _evidence(u)
        )
    )
    outlets = list(dict.fromkeys(u.label for u in sorted(members, key=lambda u: u.doc)))
    sources = {u.source for u in members}
    bad, reasons = _conflicts(members, groups, days) if len(members) > 1 else ([], [])
    for member, other, why, slot in against:  # slot conflicts with units outside the claim
        if (
            other not in bad
            and other not in members
            and _states_slot(rep, member, other, slot, days)
        ):
            bad.append(other)
            reasons.append(f"{other.label} vs {member.label}: {why}")
    verdict: ClaimVerdict
    if bad:
        verdict = "contested"
        contradicted = tuple(dict.fromkeys(ev for u in bad for ev in _evidence(u)))
        explanation = f"versions disagree with '{rep.label}': " + _reasons(reasons)
    elif len(sources) >= 2:
        verdict, contradicted = "corroborated", ()
        explanation = f"reported by {len(sources)} sources: {', '.join(outlets)}"
    else:
        verdict, contradicted = "single_source", ()
        explanation = f"reported only by {outlets[0]}"
        near = list(dict.fromkeys(u.label for u in similar if u.source not in sources))
        if near:
            explanation += f"; similar in {', '.join(near)} (not counted as support)"
    return Claim(
        id=_claim_id(support),
        text=rep.text,
        verdict=verdict,
        support=tuple(support),
        outlets=tuple(outlets),
        contradicted_by=contradicted,
        explanation=explanation,
    )


# --------------------------------------------------------------------------- public


def _fold_duplicates(units: list[FactUnit], cos: np.ndarray) -> list[int]:
    """Indices of the units kept after folding each article's repeated sentences (a
    near-identical sentence later in one article is extra support of the first)."""
    keep: list[int] = []
    first: dict[int, list[int]] = defaultdict(list)  # doc -> kept whole-sentence units
    for i, u in enumerate(units):
        dup_of = None
        if u.whole:
            dup_of = next(
                (k for k in first[u.doc] if cos[units[k].sentence, u.sentence] >= DUPLICATE_COSINE),
                None,
            )
        if dup_of is None:
            keep.append(i)
            if u.whole:
                first[u.doc].append(i)
        else:
            units[dup_of].duplicates.append((u.start, u.end, u.text))
    return keep


def align_claims(
    docs: Sequence[AnalyzedArticle],
    entities: Sequence[StoryEntity],
    figures: Sequence[FigureGroup] = (),
    *,
    encoder: SentenceEncoder | None = None,
    model: SameFactModel | None = None,
) -> tuple[Claim, ...]:
    """The claims of one story: fact units aligned across articles, with verdicts.

    ``entities`` map each article's local entities onto story entities (``local_ids``);
    ``figures`` are the story's figure groups (a claim whose aligned versions carry
    different values of a ``conflict`` group is contested). Claims come out with the most
    widely reported first, then in reading order.
    """
    story = story_pairs(docs, entities, figures, encoder=encoder)
    if not story.units:
        return ()
    model = model or load_model()
    probs = model.predict(story.features)
    return claims_from_pairs(story, probs, figures, model.thresholds)


def _prune(
    units: Sequence[FactUnit],
    clusters: list[list[int]],
    prob: dict[tuple[int, int], float],
    support: float,
) -> list[list[int]]:
    """Drop from each multi-article claim the units whose best probability with a unit of
    another article is below ``support``: they are similar, not support. A dropped unit that
    is in no other claim becomes a claim of its own."""
    if support <= 0.0:
        return clusters

    def p(i: int, j: int) -> float:
        return _pair_value(prob, i, j)

    out: list[list[int]] = []
    dropped: list[int] = []
    for cluster in clusters:
        if len({units[i].doc for i in cluster}) < 2:
            out.append(cluster)
            continue
        strong = [
            i
            for i in cluster
            if max((p(i, j) for j in cluster if units[j].doc != units[i].doc), default=0.0)
            >= support
        ]
        if len({units[i].doc for i in strong}) < 2:
            strong = []
        if strong:
            out.append(strong)
        dropped.extend(i for i in cluster if i not in strong)
    placed = {i for c in out for i in c}
    out.extend([i] for i in dict.fromkeys(dropped) if i not in placed)
    return out


def _stating_clauses(
    units: Sequence[FactUnit],
    clusters: list[list[int]],
    prob: dict[tuple[int, int], float],
    lex: dict[tuple[int, int], float],
    join: float,
    keep: set[int],
    conflicting: Callable[[int, int], bool],
) -> list[list[int]]:
    """In each multi-article claim, each article's unit replaced by the unit of its sentence
    that shares the most wording with the claim's units of other articles, among those that
    the model would also let join it (mean probability >= ``join``).

    Units inherit their sentence's vector, so the model scores the clauses of one sentence
    nearly alike and a claim could take any of them: "Lt. X says" or "when the group says
    900 were detained" for "the detentions were lawful", where another clause (or the whole
    statement) says it. The choice changes which words a claim shows, not which sentences
    support it, so the unit left out is no claim of its own (its sentence supports this
    one). A unit whose version conflicts with another member's keeps its place: the conflict
    is what the claim reports."""

    def mean(values: Mapping[tuple[int, int], float], u: int, others: list[int]) -> float:
        return sum(_pair_value(values, u, j) for j in others) / len(others)

    siblings: dict[int, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        if i in keep:
            siblings[u.sentence].append(i)
    out: list[list[int]] = []
    for cluster in clusters:
        if len({units[i].doc for i in cluster}) < 2:
            out.append(cluster)
            continue
        chosen: list[int] = []
        for i in cluster:
            others = [j for j in cluster if units[j].doc != units[i].doc]
            best, best_lex = i, mean(lex, i, others)
            for s in siblings[units[i].sentence]:
                if s == i or mean(prob, s, others) < join:
                    continue
                s_lex = mean(lex, s, others)
                if s_lex > best_lex:
                    best, best_lex = s, s_lex
            if best != i and any(conflicting(i, j) for j in others):
                best = i
            chosen.append(best)
        out.append(sorted(chosen))
    return out


def anchored(
    story: StoryPairs, probs: Sequence[float] | np.ndarray, figures: Sequence[FigureGroup]
) -> np.ndarray:
    """``probs`` with two hand rules on top of the model (too rare in the annotated data to be
    learned, docs/claims.md): a pair that shares a figure group whose verdict is ``conflict``
    and some wording or an entity, or where one unit negates a trigger the other asserts
    about a shared entity or name with some shared wording, is at least :data:`ANCHOR`:
    two versions of one fact, which the verdict then calls contested."""
    out = np.asarray(probs, dtype=np.float64).copy()
    if not len(out):
        return out
    f = story.features
    col = {name: i for i, name in enumerate(FEATURES)}
    conflict_groups = {g.id for g in figures if g.verdict == "conflict"}
    counts = {g.id for g in figures if g.measure.endswith("people")}
    some_wording = f[:, col["unit_lex"]] >= ANCHOR_LEX
    shares_name = (f[:, col["entity"]] > 0) | (f[:, col["names"]] > 0)
    polarity = (f[:, col["negation"]] > 0) & shares_name & some_wording
    for k in np.flatnonzero(polarity).tolist():
        x, y = story.pairs[k]
        if _denial(story.units[x], story.units[y]) is not None:
            out[k] = max(out[k], ANCHOR)
    if conflict_groups:
        for k, (i, j) in enumerate(story.pairs):
            a, b = story.units[i], story.units[j]
            shared = {
                g
                for g in a.figure_groups.keys() & b.figure_groups.keys() & conflict_groups
                if _stated(a.figure_groups[g], g in counts)
                and _stated(b.figure_groups[g], g in counts)
            }
            if shared and (some_wording[k] or shares_name[k]) and f[k, col["actor_clash"]] == 0:
                out[k] = max(out[k], ANCHOR)
    return out


def claims_from_pairs(
    story: StoryPairs,
    probs: Sequence[float] | np.ndarray,
    figures: Sequence[FigureGroup],
    thresholds: dict[str, float],
) -> tuple[Claim, ...]:
    """Cluster scored pairs into claims and give each its verdict."""
    units = story.units
    probs = anchored(story, probs, figures)
    keep = set(_fold_duplicates(units, story.sentence_cosine))
    kept = [(pair, p) for pair, p in zip(story.pairs, probs, strict=True) if set(pair) <= keep]
    kept_prob = dict(kept)
    clusters = cluster_units(units, [k for k, _ in kept], [p for _, p in kept], thresholds)
    clusters = _prune(units, clusters, kept_prob, thresholds.get("support", 0.0))
    clusters = [c for c in clusters if c[0] in keep]
    col = FEATURES.index("unit_lex")
    lex = {
        pair: float(row[col])
        for pair, row in zip(story.pairs, story.features, strict=True)
        if set(pair) <= keep
    }
    groups = {g.id: g for g in figures}
    days = article_days(units)
    against: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for i, j, why, slot in slot_conflicts(units, kept_prob):
        if {i, j} <= keep:
            against[i].append((j, why, slot))
            against[j].append((i, why, slot))

    def conflicting(i: int, j: int) -> bool:
        return any(k == j for k, _, _ in against.get(i, ())) or bool(
            _incompatible(units[i], units[j], groups, days=days)
        )

    clusters = _stating_clauses(
        units, clusters, kept_prob, lex, thresholds["join"], keep, conflicting
    )
    similar: dict[int, list[int]] = defaultdict(list)
    floor = thresholds["similar"]
    for (i, j), value in kept:
        if value >= floor:
            similar[i].append(j)
            similar[j].append(i)
    claims: list[Claim] = []
    first: dict[str, tuple[int, int]] = {}
    for cluster in clusters:
        members = [units[i] for i in cluster]
        near = [units[j] for i in cluster for j in similar.get(i, ())]
        versus = [
            (units[i], units[j], why, slot)
            for i in cluster
            for j, why, slot in against.get(i, ())
            if j not in cluster
        ]
        claim = _make_claim(members, groups, near, versus, days)
        if claim.id in first:
            continue
        claims.append(claim)
        first[claim.id] = min((u.doc, u.start) for u in members)
    claims.sort(key=lambda c: (-len(set(c.outlets)), first[c.id]))
    return tuple(claims)
