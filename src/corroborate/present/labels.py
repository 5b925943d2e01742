"""Source labels for everything the product shows: report, dossier, API, CSV exports.

One rule (:mod:`corroborate.compare.labels`, which verdict explanations use too): the
outlet, else the URL's host, else the input's file name with its JSONL id or line. These
functions apply it to a stored :class:`~corroborate.types.Article` or to a dossier article
record (a mapping), and give the articles of one story distinct column labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from corroborate.compare.labels import article_label, is_generated_id, source_name
from corroborate.types import Article

__all__ = ["relabel_ids", "scope_label", "source_label", "source_labels"]

ArticleLike = Article | Mapping[str, Any]


def _field(article: Mapping[str, Any], name: str) -> str | None:
    value = article.get(name)
    return str(value) if value else None


def source_label(article: ArticleLike) -> str:
    """How ``article`` (an Article or a dossier article record) is named to a reader.

    A record that already carries ``source_label`` (the dossier writes it) keeps it."""
    if isinstance(article, Article):
        return article_label(article)
    given = _field(article, "source_label")
    if given:
        return given
    return source_name(
        _field(article, "outlet"),
        _field(article, "url"),
        _field(article, "path"),
        str(article.get("id", "?")),
        content_hash=_field(article, "content_hash"),
    )


def _article_id(article: ArticleLike) -> str:
    return article.id if isinstance(article, Article) else str(article.get("id", "?"))


def _outlet(article: ArticleLike) -> str:
    value = article.outlet if isinstance(article, Article) else article.get("outlet")
    return str(value or "").strip()


def source_labels(articles: Iterable[ArticleLike]) -> dict[str, str]:
    """``article id -> label`` for articles shown together (one story).

    Articles of one outlet share its name (they are one source); two different sources
    that would read the same (two ``index.html`` from different folders) are numbered:
    ``index.html (2)``."""
    labels: dict[str, str] = {}
    owner: dict[str, str] = {}  # label -> the source key that took it first
    counts: dict[str, int] = {}
    for article in articles:
        aid = _article_id(article)
        label = source_label(article)
        outlet = _outlet(article)
        key = "outlet:" + outlet.casefold() if outlet else "article:" + aid
        first = owner.setdefault(label.casefold(), key)
        if first != key:
            counts[label.casefold()] = counts.get(label.casefold(), 1) + 1
            label = f"{label} ({counts[label.casefold()]})"
        labels[aid] = label
    return labels


_TOKEN = r"(?<![0-9A-Za-z]){}(?![0-9A-Za-z])"


def relabel_ids(text: str, labels: Mapping[str, str]) -> str:
    """``text`` with every generated article id in ``labels`` replaced by its label.

    For explanations written by code (or stores) that named a source without an outlet by
    its id; an id given with the input (a JSONL ``id``) is left alone, it is the input's
    own name."""
    for aid, label in labels.items():
        if aid in text and is_generated_id(aid):
            pieces = re.split(_TOKEN.format(re.escape(aid)), text)
            text = label.join(pieces)
    return text


_SCOPES = {
    "before": "an earlier event",
    "other": "another incident",
    "aggregate": "several events together",
    "modal": "possible or expected, not reported as done",
    "retracted": "reports called wrong in the same sentence",
    "offset": "a time offset",
}


def scope_label(scope: str | None) -> str:
    """A figure group's time frame (``FigureGroup.scope``) in words; "" for the story's own
    event."""
    if not scope:
        return ""
    base, _, part = scope.partition("|")
    kind, _, value = base.partition(":")
    if kind == "part":
        words = ""
    elif kind == "year":
        words = f"in {value}"
    elif kind == "rate":
        words = f"per {value}"
    elif kind == "period":
        words = f"over a period ({value})"
    else:
        words = _SCOPES.get(kind, kind)
    if part or kind == "part":
        words = f"{words}, part of a total" if words else "part of a total"
    return words
