"""Russian analysis: the same :class:`~corroborate.types.Analysis` as English, from natasha.

``analyze_russian`` parses an article once with natasha's models (slovnet NER, morphology
and syntax, shipped in the wheel) and runs the Russian extractors on the parse: entities
with lemmatised names, roles and press spellings (``entities``), quotes with speakers
(``quotes``), figures normalised by the English number rules into the same units
(``figures``), dates resolved against the publication date (``dates``) and events
(``events``). The pipeline routes an article here when its language is ``ru``
(``analyze.pipeline``); rules and measured quality: docs/russian.md.
"""

from __future__ import annotations

from corroborate.analyze.pipeline import date_notes
from corroborate.analyze.russian import dates, entities, events, figures, quotes
from corroborate.analyze.russian.nlp import RuDoc, parse
from corroborate.types import Analysis, Article, LocalEntity

__all__ = ["LANGUAGE", "analyze_rudoc", "analyze_russian"]

LANGUAGE = "ru"


def analyze_rudoc(article: Article, doc: RuDoc) -> Analysis:
    """Run every Russian extractor on an already parsed ``doc`` of ``article.text``."""
    notes, anchor_inferred = date_notes(article)
    found = entities.extract_entities(doc)
    found_dates = dates.extract_dates(doc, article.published, anchor_inferred=anchor_inferred)
    sentences = tuple((a, b) for a, b, _first, _stop in doc.sentences)
    return Analysis(
        article_id=article.id,
        sentences=sentences,
        entities=found,
        quotes=quotes.extract_quotes(doc, found),
        figures=figures.extract_figures(doc, found),
        dates=found_dates,
        events=events.extract_events(doc, found, found_dates),
        notes=tuple(notes),
        caption_entities=_caption_entities(article.captions),
    )


def _caption_entities(captions: tuple[str, ...]) -> tuple[LocalEntity, ...]:
    out: list[LocalEntity] = []
    for caption in captions:
        if not caption.strip():
            continue
        for ent in entities.extract_entities(parse(caption)):
            out.append(
                LocalEntity(id=f"c{len(out)}", name=ent.name, type=ent.type, aliases=ent.aliases)
            )
    return tuple(out)


def analyze_russian(article: Article) -> Analysis:
    """Analyse one Russian article: sentences, entities, quotes, figures, dates, events."""
    return analyze_rudoc(article, parse(article.text))
