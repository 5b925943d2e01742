"""One story's dossier: the cross-article stages run in order, then ordered for an analyst.

``build_story`` resolves entities across the story's articles, then compares figures,
matches quotes, aligns claims (with the figure groups), measures each outlet's coverage of
the claims, and builds the merged timeline. ``story_to_dossier`` turns the result into the
story entry of the dossier contract (``corroborate/dossier@1``, see DESIGN.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from corroborate.compare.claims import align_claims
from corroborate.compare.coverage import coverage
from corroborate.compare.figures import compare_figures
from corroborate.compare.quotes import match_quotes
from corroborate.compare.timeline import build_timeline
from corroborate.link.entities import EntityRegistry, resolve_entities, shown_entities
from corroborate.link.unnamed import TOPIC_TYPE, UNNAMED_TYPE, resolve_unnamed
from corroborate.types import (
    AnalyzedArticle,
    Claim,
    Evidence,
    FigureGroup,
    Story,
    StoryEntity,
    StoryQuote,
)

#: Analyst order of verdicts: disagreements first, lone reports last.
FIGURE_ORDER = {"conflict": 0, "approximate": 1, "agree": 2, "single_source": 3}
CLAIM_ORDER = {"contested": 0, "corroborated": 1, "single_source": 2}

_WORD = re.compile(r"[^\W\d_]{3,}")


def _published_key(doc: AnalyzedArticle) -> tuple[str, str]:
    return (doc.article.published or "9999-99-99", doc.article.id)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def story_title(docs: Sequence[AnalyzedArticle]) -> str:
    """The title of the earliest article; among equally early ones, the most central title.

    Central = sharing the most words with the other articles' titles (or leads when they
    have no title). Without any title, the first line of the earliest article's text.
    """
    if not docs:
        return ""
    ordered = sorted(docs, key=_published_key)
    titled = [d for d in ordered if d.article.title and d.article.title.strip()]
    if not titled:
        first = ordered[0].article.text.strip().split("\n", 1)[0]
        return first[:120].rstrip() + ("…" if len(first) > 120 else "")
    earliest = titled[0].article.published
    pool = [d for d in titled if d.article.published == earliest]
    if len(pool) == 1:
        return (pool[0].article.title or "").strip()

    def lead(d: AnalyzedArticle) -> set[str]:
        return _words(d.article.title or d.article.text[:300])

    leads = {d.article.id: lead(d) for d in docs}

    def centrality(d: AnalyzedArticle) -> int:
        own = leads[d.article.id]
        return sum(len(own & ws) for aid, ws in leads.items() if aid != d.article.id)

    best = max(pool, key=lambda d: (centrality(d), -ordered.index(d)))
    return (best.article.title or "").strip()


def _articles_of(entity: StoryEntity) -> int:
    return len({m.article_id for m in entity.mentions} | {a for a, _ in entity.local_ids})


def order_entities(entities: Sequence[StoryEntity]) -> tuple[StoryEntity, ...]:
    """Most widely reported first: by articles mentioning, then mentions, then name."""
    return tuple(
        sorted(entities, key=lambda e: (-_articles_of(e), -len(e.mentions), e.name.lower(), e.id))
    )


def order_figures(groups: Sequence[FigureGroup]) -> tuple[FigureGroup, ...]:
    """Conflicts first, then approximate, agreeing and single-source groups."""
    return tuple(
        sorted(
            groups,
            key=lambda g: (
                FIGURE_ORDER.get(g.verdict, len(FIGURE_ORDER)),
                -len({r.article_id for r in g.reports}),
                g.id,
            ),
        )
    )


def order_claims(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """Contested first, then corroborated (most outlets first), then single-source."""
    return tuple(
        sorted(
            claims,
            key=lambda c: (
                CLAIM_ORDER.get(c.verdict, len(CLAIM_ORDER)),
                -len({e.article_id for e in c.support}),
                c.id,
            ),
        )
    )


def order_quotes(quotes: Sequence[StoryQuote]) -> tuple[StoryQuote, ...]:
    """Quotes carried by most outlets first; stable otherwise."""
    return tuple(sorted(quotes, key=lambda q: -len({r.article_id for r in q.reports})))


#: Noun phrases read at link time for analyses stored without them, by article id and
#: text: a story is parsed again each time it gains an article otherwise. Cleared when it
#: would hold more than ``PHRASES_CACHE_SIZE`` articles.
_PHRASES: dict[tuple[str, int], tuple[tuple[int, int, int, int, str], ...]] = {}
PHRASES_CACHE_SIZE = 20_000


def with_noun_phrases(docs: Sequence[AnalyzedArticle]) -> list[AnalyzedArticle]:
    """``docs`` with ``Analysis.noun_phrases`` read where an older version stored the
    analysis without them (one parse of those articles here, kept for the story's later
    rebuilds; a fresh run reads them on the workers)."""
    from corroborate.analyze.noun_phrases import extract_noun_phrases
    from corroborate.analyze.pipeline import analysed_language, analysis_nlp

    def key(d: AnalyzedArticle) -> tuple[str, int]:
        return d.article.id, hash(d.article.text)

    missing = [
        k
        for k, d in enumerate(docs)
        if d.analysis.noun_phrases is None and d.analysis.sentences and analysed_language(d.article)
    ]
    todo = [k for k in missing if key(docs[k]) not in _PHRASES]
    if todo:
        if len(_PHRASES) + len(todo) > PHRASES_CACHE_SIZE:
            _PHRASES.clear()
        parsed = analysis_nlp().pipe(docs[k].article.text for k in todo)
        for k, doc in zip(todo, parsed, strict=True):
            _PHRASES[key(docs[k])] = extract_noun_phrases(doc)
    out = list(docs)
    for k in missing:
        rows = _PHRASES[key(docs[k])]
        out[k] = AnalyzedArticle(docs[k].article, replace(docs[k].analysis, noun_phrases=rows))
    return out


def build_story(
    story_id: str, docs: Sequence[AnalyzedArticle], registry: EntityRegistry | None = None
) -> Story:
    """Run the cross-article stages on one story's articles and assemble its :class:`Story`.

    Order: entities → figures → quotes → claims (given the figure groups) → coverage (of
    the claims) → timeline. ``registry`` carries entity identities across stories.
    """
    ordered = sorted(docs, key=_published_key)
    entities = resolve_entities(ordered, registry)
    figures = compare_figures(ordered, entities)
    quotes = match_quotes(ordered, entities)
    claims = align_claims(ordered, entities, figures)
    outlets = coverage(ordered, claims)
    timeline = build_timeline(ordered, entities)
    named, times = shown_entities(ordered, entities, story_id)
    named, unnamed = resolve_unnamed(with_noun_phrases(ordered), named, times, story_id)
    published = sorted(d.article.published for d in ordered if d.article.published)
    return Story(
        id=story_id,
        title=story_title(ordered),
        article_ids=tuple(d.article.id for d in ordered),
        entities=(
            order_entities(named)
            + order_entities(times)
            + order_entities([e for e in unnamed if e.type == UNNAMED_TYPE])
            + order_entities([e for e in unnamed if e.type == TOPIC_TYPE])
        ),
        figures=order_figures(figures),
        claims=order_claims(claims),
        quotes=order_quotes(quotes),
        timeline=timeline,
        coverage=tuple(outlets),
        first_published=published[0] if published else None,
        last_published=published[-1] if published else None,
    )


# --------------------------------------------------------------------------- dossier


def _bound(value: float | None) -> float | None:
    """A figure bound as JSON: null for an open end (None, ±inf) or NaN."""
    if value is None or math.isinf(value) or math.isnan(value):
        return None
    return value


def _evidence(ev: Evidence, *, with_text: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"article_id": ev.article_id, "start": ev.start, "end": ev.end}
    if with_text and ev.text:
        out["text"] = ev.text
    return out


def story_to_dossier(story: Story) -> dict[str, Any]:
    """The story entry of ``dossier.json``: the contract's fields, then a few extras.

    Extras: ``first_published``/``last_published``, ``coverage``, figure/claim
    ``explanation``, figure report ``qualifier``/``approximate``, claim ``outlets`` and
    ``contradicted_by``, evidence ``text``, timeline ``event_type``. ``local_ids`` are
    internal and left out.
    """
    return {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "roles": [{"text": r.text, "article_ids": list(r.article_ids)} for r in e.roles],
                "mentions": [
                    {"article_id": m.article_id, "start": m.start, "end": m.end, "text": m.text}
                    for m in e.mentions
                ],
            }
            for e in story.entities
        ],
        "figures": [
            {
                "id": g.id,
                "measure": g.measure,
                "subject": g.subject,
                "unit": g.unit,
                "verdict": g.verdict,
                "reports": [
                    {
                        "article_id": r.article_id,
                        "text": r.text,
                        "low": _bound(r.low),
                        "high": _bound(r.high),
                        "start": r.start,
                        "end": r.end,
                        "qualifier": r.qualifier,
                        "approximate": r.approximate,
                        "field": r.field,  # start/end into the text or the headline
                    }
                    for r in g.reports
                ],
                "explanation": g.explanation,
                "scope": g.scope,
            }
            for g in story.figures
        ],
        "claims": [
            {
                "id": c.id,
                "text": c.text,
                "verdict": c.verdict,
                "support": [_evidence(ev) for ev in c.support],
                "outlets": list(c.outlets),
                "contradicted_by": [_evidence(ev) for ev in c.contradicted_by],
                "explanation": c.explanation,
            }
            for c in story.claims
        ],
        "quotes": [
            {
                "id": q.id,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "text": q.text,
                "kind": q.kind,
                "reports": [_evidence(ev) for ev in q.reports],
            }
            for q in story.quotes
        ],
        "timeline": [
            {
                "date": t.date,
                "precision": t.precision,
                "description": t.description,
                "reports": [
                    {
                        "article_id": r.article_id,
                        "start": r.start,
                        "end": r.end,
                        "expression": r.expression,
                    }
                    for r in t.reports
                ],
                "event_type": t.event_type,
            }
            for t in story.timeline
        ],
        "first_published": story.first_published,
        "last_published": story.last_published,
        "coverage": [
            {
                "outlet": o.outlet,
                "article_ids": list(o.article_ids),
                "claim_ids": list(o.claim_ids),
                "exclusive_claim_ids": list(o.exclusive_claim_ids),
            }
            for o in story.coverage
        ],
    }
