"""The per-article analysis stage: one spaCy pass, then every extractor on the Doc.

``analyze_article`` is a pure function of one :class:`Article` (plus the shared, read-only
spaCy pipeline), so the stage parallelises with a process pool or Dask by mapping it over
articles. ``analyze_articles`` does exactly that for a local batch: with ``n_process=1`` it
runs ``nlp.pipe`` once over all texts in this process; with ``n_process > 1`` it hands
batches of articles to worker processes, each running ``nlp.pipe`` *and* the extractors, so
the extractors are parallelised too (spaCy's own ``n_process`` would parallelise only the
parse and leave the extractors serial in the parent).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from corroborate.analyze import (
    dates,
    entities,
    events,
    figure_scope,
    figures,
    headline,
    noun_phrases,
    people_totals,
    quotes,
)
from corroborate.analyze.nlp import MODEL_NAME, doc_text
from corroborate.analyze.number_tokens import FIGURE_LABELS, like_number
from corroborate.analyze.numbers import parse_quantity
from corroborate.analyze.verb_lemmas import VERB_LEMMAS
from corroborate.errors import CorroborateError
from corroborate.types import Analysis, Article, Figure, LocalEntity

NOTE_INFERRED = "publication date inferred"
NOTE_NO_DATE = "no publication date: relative dates unresolved"
NOTE_LANGUAGE = "not analysed: the analysis models are for English; language"
#: Languages the models are for. Articles detected as another language are stored and
#: linked by their text, but get no entities, quotes, figures, dates or events: an
#: English parse of them would only add noise to their story.
ANALYSED_LANGUAGES = frozenset({"en"})


STREET_PERIODS = "corroborate_street_periods"
#: Street suffixes spaCy's tokenizer splits from their period ("Ave" + "."): 'at 2110
#: Madison Ave. about 3:30 p.m.' was two sentences. GVC dev: of the sentence boundaries
#: right after "Ave.", 38 of 54 began the next "sentence" with a lower-case word, a digit or
#: three words at most ("Rd." 10 of 18, "Blvd." 5 of 10). Made one token each (as "St." and
#: "Dr." are), the parser stopped ending sentences there at all ('on Airline Hwy. Fellow
#: officers ... were killed' became one sentence and lost its count), so only a lower-case
#: next word is kept in the sentence, and the parser decides the rest.
STREET_SUFFIXES = frozenset({"Ave", "Rd", "Blvd", "Ln", "Ct", "Pkwy", "Hwy", "Pl"})


@Language.component(STREET_PERIODS)
def street_periods(doc: Doc) -> Doc:
    """No sentence starts at a lower-case word after a street suffix's period."""
    for tok in doc[1:-1]:
        before = doc[tok.i - 1]
        if tok.text == "." and before.text in STREET_SUFFIXES and not before.whitespace_:
            nxt = doc[tok.i + 1]
            if nxt.text[:1].islower():
                nxt.is_sent_start = False
    return doc


GLUED_SHARES = "corroborate_glued_shares"


@Language.component(GLUED_SHARES)
def glued_shares(doc: Doc) -> Doc:
    """A percentage the NER glued onto the name before it is a percentage of its own:
    "... and Graff 48.2 percent" is one ORG to the small model when the verb is left out
    (election results: "A won 51.8 percent of the vote and B 48.2 percent"), which hid
    the figure from the figure stage and gave B's entity a number in its name; "Moreau 39
    percent" may be one PERCENT, which no quantity parser reads (the name is then left
    untyped)."""
    ents: list[Span] = []
    changed = False
    for ent in doc.ents:
        tail = _share_tail(ent)
        if tail and len(ent) > tail and all(t.pos_ == "PROPN" for t in ent[: len(ent) - tail]):
            if ent.label_ not in FIGURE_LABELS:  # the name keeps its label
                ents.append(Span(doc, ent.start, ent.end - tail, label=ent.label_))
            ents.append(Span(doc, ent.end - tail, ent.end, label="PERCENT"))
            changed = True
        else:
            ents.append(ent)
    if changed:
        doc.ents = ents
    return doc


def _share_tail(ent: Span) -> int:
    """How many tokens at the end of ``ent`` are a percentage the quantity parser reads
    ("48.2 percent", "47 per cent", "38%"; 0: none)."""
    for size in (3, 2):
        if len(ent) >= size and like_number(ent[-size]):
            q = parse_quantity(ent[-size:].text)
            if q is not None and q.dimension == "percent" and not q.rest:
                return size
    return 0


LINE_BREAKS = "corroborate_line_breaks"
_OPENERS = frozenset("\"'“‘«([")


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, or after a line break before a capital/digit/quote.

    Headlines, captions and datelines carry no final period; without this the parser runs
    them into the next sentence and the parse of both is wrong. A single line break before a
    lower-case word is left alone (hard-wrapped plain text).
    """
    for tok in doc[:-1]:
        if not (tok.is_space and "\n" in tok.text):
            continue
        nxt = doc[tok.i + 1]
        first = nxt.text[:1]
        if "\n\n" in tok.text or first.isupper() or first.isdigit() or first in _OPENERS:
            nxt.is_sent_start = True
    return doc


#: Sentences glued without a space in extracted pages ("in 2011.Neighbours said", 'we are
#: safe."Last year, ...'): spaCy's infixes split a period between letters but not after a
#: digit, nor a quote after a period, so the two sentences were one token and one sentence
#: ("2011.Neighbours" lost the year that dated a killing). Found in GVC dev dumps.
GLUED_SENTENCE_INFIXES = (
    r"(?<=[0-9])\.(?=[A-Z][a-z])",
    r"(?<=[.!?\"”])[\"“”](?=[\"“A-Z])",  # 'safe."Last', 'here?""Last'
    r"(?<=[a-z])[!?](?=[\"”])",  # the "?" of 'here?""Last'
)


#: Ranks and titles written before a name that spaCy's English tokenizer exceptions lack
#: (it has "Gov.", "Sen.", "Gen.", "Dr.", ...): without them "Sgt." is "Sgt" + ".", a
#: sentence ends there, and '..., said Sgt. Michael Woody.' leaves the name a sentence of
#: its own and the quote without its speaker. Found in GVC dev: 268 of 50,367 sentence
#: boundaries fell right after one of these (Sgt. 140, Cpl. 33, Lt. 27, Capt. 20, Det. 16).
#: Name suffixes ("Jr.") end sentences too and are left alone.
RANK_ABBREVIATIONS = (
    "Sgt.", "Cpl.", "Lt.", "Capt.", "Cpt.", "Det.", "Cmdr.", "Maj.", "Col.", "Supt.",
    "Insp.", "Ofc.", "Dep.", "Atty.", "Pfc.", "Pvt.", "Spc.",
)  # fmt: skip


@lru_cache(maxsize=2)
def analysis_nlp(model: str = MODEL_NAME) -> Language:
    """The shared English pipeline plus the line-break sentence splitter, the infixes of
    glued sentences, the rank abbreviations, the street suffixes and the mended verb lemmas
    (:mod:`corroborate.analyze.verb_lemmas`) (loaded once)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # pragma: no cover - depends on the installation
        raise CorroborateError(f"spaCy model {model!r} is not installed; run `make setup`") from exc
    infixes = [*(nlp.Defaults.infixes or ()), *GLUED_SENTENCE_INFIXES]
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)  # spaCy's own, which the model ships
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in RANK_ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe(LINE_BREAKS, before="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(GLUED_SHARES, after="ner")
    nlp.add_pipe(STREET_PERIODS, before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe(VERB_LEMMAS, after="lemmatizer")
    return nlp


def _sentences(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Sentence spans from ``doc.sents``, trimmed of surrounding whitespace; empty ones dropped."""
    text = doc_text(doc)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(out)


def date_notes(article: Article) -> tuple[list[str], bool]:
    """The analysis notes on the article's publication date (missing or inferred), and
    whether relative dates are anchored on an inferred date."""
    anchor_inferred = article.published_source == "inferred"
    if article.published is None:
        return [NOTE_NO_DATE], anchor_inferred
    return ([NOTE_INFERRED] if anchor_inferred else []), anchor_inferred


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Run every extractor on an already parsed ``doc`` of ``article.text``."""
    notes, anchor_inferred = date_notes(article)
    found_entities = entities.extract_entities(doc)
    found_dates = dates.extract_dates(doc, article.published, anchor_inferred=anchor_inferred)
    body = people_totals.rederive_injured(
        figure_scope.date_frames(
            doc,
            _body_figures(article, figures.extract_figures(doc, found_entities)),
            found_dates,
            None if anchor_inferred else article.published,
        )
    )
    head = headline.headline_figures(article.title or "", analysis_nlp(), article.text)
    return Analysis(
        article_id=article.id,
        sentences=_sentences(doc),
        entities=found_entities,
        quotes=quotes.extract_quotes(doc, found_entities),
        figures=body,
        dates=found_dates,
        events=events.extract_events(doc, found_entities, found_dates),
        notes=tuple(notes),
        caption_entities=caption_entities(article.captions),
        headline_figures=head
        + headline.shot_no_death(article.title or "", head, body, doc, analysis_nlp()),
        noun_phrases=noun_phrases.extract_noun_phrases(doc),
    )


def _body_figures(article: Article, found: Sequence[Figure]) -> tuple[Figure, ...]:
    """``found`` less the people counts inside a roundup headline the text starts with:
    read as running text, "Police: 8 killed, 46 wounded in weekend shootings" would count
    the roundup's eight deaths for one incident (:func:`headline.is_roundup`). Other
    headlines keep the running-text reading beside the headline reader's: it derives what
    the headline reader leaves to the body ("7 people shot", no death reported: 7 injured)."""
    title = article.title or ""
    if not title.strip() or not article.text.startswith(title):
        return tuple(found)
    if not headline.is_roundup(title, analysis_nlp()):
        return tuple(found)
    return tuple(f for f in found if f.unit != "people" or f.start >= len(title))


def caption_entities(captions: Iterable[str]) -> tuple[LocalEntity, ...]:
    """Entities named in photo captions, as names and aliases only (captions have no offsets
    in the article text, so mentions and roles are dropped)."""
    captions = [c for c in captions if c.strip()]
    if not captions:
        return ()
    found: list[LocalEntity] = []
    for doc in analysis_nlp().pipe(captions):
        for entity in entities.extract_entities(doc):
            found.append(
                LocalEntity(
                    id=f"c{len(found)}", name=entity.name, type=entity.type, aliases=entity.aliases
                )
            )
    return tuple(found)


def analysed_language(article: Article) -> bool:
    """Whether ``article`` is in a language the models are for (unknown counts as yes)."""
    return not article.language or article.language in ANALYSED_LANGUAGES


def _not_analysed(article: Article) -> Analysis:
    if article.language == "ru":  # Russian has its own pipeline (natasha): docs/russian.md
        from corroborate.analyze.russian import analyze_russian

        return analyze_russian(article)
    return Analysis(article_id=article.id, notes=(f"{NOTE_LANGUAGE} {article.language!r}",))


def analyze_article(article: Article, nlp: Language | None = None) -> Analysis:
    """Analyse one article: sentences, entities, quotes, figures, dates and events."""
    if not analysed_language(article):
        return _not_analysed(article)
    nlp = nlp if nlp is not None else analysis_nlp()
    return analyze_doc(article, nlp(article.text))


#: ``finish(article, analysis, doc)``: a caller's last step on each analysis while the
#: article's parse is at hand (the run adds the claim sentences' fact units this way).
Finish = Callable[[Article, Analysis, Doc], Analysis]


def _analyze_serial(
    articles: Iterable[Article], nlp: Language, batch_size: int, finish: Finish | None = None
) -> Iterator[Analysis]:
    for chunk in _chunks(articles, batch_size):
        titles = [a.title or "" for a in chunk if analysed_language(a)]
        headline.parse_headlines(titles, analysis_nlp())  # as analyze_doc reads them
        # Articles in other languages go through the pipe as empty texts, to keep the order.
        pairs = ((a.text if analysed_language(a) else "", a) for a in chunk)
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            if not analysed_language(article):
                yield _not_analysed(article)
                continue
            analysis = analyze_doc(article, doc)
            yield finish(article, analysis, doc) if finish is not None else analysis


def _worker_batch(args: tuple[list[Article], str, int, Finish | None]) -> list[Analysis]:
    batch, model, batch_size, finish = args
    return list(_analyze_serial(batch, analysis_nlp(model), batch_size, finish))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def analyze_articles(
    articles: Iterable[Article],
    *,
    n_process: int = 1,
    batch_size: int = 16,
    finish: Finish | None = None,
) -> Iterator[Analysis]:
    """Analyse many articles, yielding one :class:`Analysis` per article, in input order
    (``finish``: see :data:`Finish`; with ``n_process`` > 1 it must be picklable)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if n_process <= 1:
        yield from _analyze_serial(articles, analysis_nlp(), batch_size, finish)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    jobs = ((chunk, MODEL_NAME, batch_size, finish) for chunk in _chunks(articles, batch_size))
    with context.Pool(n_process) as pool:
        for results in pool.imap(_worker_batch, jobs):
            yield from results
