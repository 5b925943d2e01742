"""Shared builders for the figure-comparison tests: analysed articles from texts, and story
entities merged by hand on the last name word (so the tests do not depend on linking)."""

from __future__ import annotations

from corroborate.types import AnalyzedArticle, Article, StoryEntity


def analysed_docs(
    *texts: str,
    prefix: str = "r",
    published: str = "2024-06-02",
    titles: tuple[str | None, ...] = (),
) -> list[AnalyzedArticle]:
    """One analysed article per text: ids ``<prefix>0``, ``<prefix>1`` ..., outlets
    "Outlet 0", "Outlet 1" ..., all published on ``published``; ``titles`` (in order, None
    for none) are the articles' titles."""
    from corroborate.analyze.pipeline import analyze_article

    docs = []
    for n, text in enumerate(texts):
        article = Article(
            id=f"{prefix}{n}",
            path=f"{prefix}{n}.txt",
            text=text,
            title=titles[n] if n < len(titles) else None,
            outlet=f"Outlet {n}",
            published=published,
            published_source="metadata",
        )
        docs.append(AnalyzedArticle(article, analyze_article(article)))
    return docs


def entities_by_surname(docs: list[AnalyzedArticle]) -> tuple[StoryEntity, ...]:
    """Story entities built by hand: local entities merged on their last name word."""
    merged: dict[str, list[tuple[str, str, str, str]]] = {}
    for d in docs:
        for e in d.analysis.entities:
            merged.setdefault(e.name.split()[-1].lower(), []).append(
                (d.article.id, e.id, e.name, e.type)
            )
    return tuple(
        StoryEntity(
            id=f"E{n}",
            name=max((m[2] for m in members), key=len),
            type=members[0][3],
            local_ids=tuple((m[0], m[1]) for m in members),
        )
        for n, members in enumerate(merged.values(), 1)
    )
