"""The dossier (schema ``corroborate/dossier@1``) built from what the store holds.

Extras the presentation adds to the contract: each article's ``source_label`` (how every
screen and export names it, :mod:`corroborate.present.labels`); each figure's and claim's
``fact_id`` and ``review`` (:mod:`corroborate.present.review`); each story's ``brief``
(:mod:`corroborate.present.brief`); explanations that name a
source by its generated id (stores written before the labels rule) name it by its label.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from corroborate.clean.article import is_headline_only
from corroborate.errors import CorroborateError
from corroborate.present.brief import brief_record, build_brief
from corroborate.present.labels import relabel_ids, source_label, source_labels
from corroborate.present.review import attach_reviews
from corroborate.store.base import Store
from corroborate.types import Article

SCHEMA = "corroborate/dossier@1"
HEADLINE_ONLY_NOTE = (
    "headline only: the page's body held no article text after cleaning (a video list, a"
    " paywall or a login page), so the article is its headline"
)


class UnknownStory(CorroborateError):
    """No stored story has the requested id."""


def article_record(article: Article, notes: tuple[str, ...] = ()) -> dict[str, Any]:
    """One entry of the dossier's ``articles`` list (contract fields first, extras after);
    ``notes`` are its analysis notes ("not analysed: ...", "analysis failed: ..."); a
    headline-only article (:func:`corroborate.clean.article.is_headline_only`) says so in
    ``headline_only`` and in a note the report shows with the article."""
    record: dict[str, Any] = {
        "id": article.id,
        "source_label": source_label(article),
        "path": article.path,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_source": article.published_source,
        "language": article.language,
        "text": article.text,
        "duplicate_ids": list(article.duplicate_ids),
        "sources": [
            {"path": s.path, "url": s.url, "outlet": s.outlet, "id": s.id} for s in article.sources
        ],
    }
    if is_headline_only(article):
        record["headline_only"] = True
        notes = (HEADLINE_ONLY_NOTE, *notes)
    if notes:
        record["notes"] = list(notes)
    if article.captions:
        record["captions"] = list(article.captions)
    if article.author:
        record["author"] = article.author
    if article.cleaning is not None:
        record["cleaning"] = {
            "raw_chars": article.cleaning.raw_chars,
            "kept_chars": article.cleaning.kept_chars,
            "removed_chars": article.cleaning.removed_chars,
            "removed_lines": article.cleaning.removed_lines,
        }
    return record


def present_stories(
    stories: Iterable[dict[str, Any]], articles: Mapping[str, Mapping[str, Any]], store: Store
) -> list[dict[str, Any]]:
    """Stored stories as the dossier shows them: reviews attached, explanations naming
    sources by their labels, and the cited ``brief`` (``articles``: id -> dossier record)."""
    out = attach_reviews(list(stories), store.reviews())
    for story in out:
        ids = [str(a) for a in story.get("article_ids") or []]
        labels = source_labels(articles[a] for a in ids if a in articles)
        for field in ("figures", "claims"):
            for fact in story.get(field) or []:
                if isinstance(fact.get("explanation"), str):
                    fact["explanation"] = relabel_ids(fact["explanation"], labels)
        story["brief"] = brief_record(build_brief(story, articles, labels))
        if isinstance(story.get("coverage"), list):
            story["coverage"] = [
                {**row, "outlet": relabel_ids(str(row.get("outlet") or ""), labels)}
                if isinstance(row, Mapping)
                else row
                for row in story["coverage"]
            ]
    return out


def build_dossier(store: Store) -> dict[str, Any]:
    """Everything the store holds, in the dossier format of the design."""
    notes = store.analysis_notes()
    articles = [article_record(a, notes.get(a.id, ())) for a in store.articles()]
    by_id = {a["id"]: a for a in articles}
    return {
        "schema": SCHEMA,
        "articles": articles,
        "rejected": [{"path": r.path, "reason": r.reason} for r in store.rejections()],
        "stories": present_stories(store.stories(), by_id, store),
    }


def story_dossier(store: Store, story_id: str) -> dict[str, Any]:
    """One stored story and its articles, in the dossier format (no rejections)."""
    story = store.get_story(story_id)
    if story is None:
        raise UnknownStory(
            f"no story {story_id!r} in the store; list them with 'corroborate stories --db DB' "
            "or read the ids in index.html / dossier.json"
        )
    notes = store.analysis_notes()
    articles = []
    for aid in dict.fromkeys(str(a) for a in story.get("article_ids") or []):
        article = store.get_article(aid)
        if article is not None:
            articles.append(article_record(article, notes.get(article.id, ())))
    by_id = {a["id"]: a for a in articles}
    return {
        "schema": SCHEMA,
        "articles": articles,
        "rejected": [],
        "stories": present_stories([story], by_id, store),
    }


def write_dossier(store: Store, path: Path) -> dict[str, Any]:
    """Write ``dossier.json`` (UTF-8, stable key order) and return it."""
    dossier = build_dossier(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(dossier, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a dossier
    return dossier
