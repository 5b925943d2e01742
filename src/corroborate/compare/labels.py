"""How an article's source is named in verdict explanations and in the report."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

from corroborate.types import Article


def source_name(outlet: str | None, url: str | None, path: str | None, article_id: str) -> str:
    """The outlet; without one, the URL's host, the input's file name, or the article id."""
    if outlet and outlet.strip():
        return outlet.strip()
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    if path:
        # "feed.jsonl:12" (a line of a JSONL file) names the file
        return PurePath(path.split(":", 1)[0]).name or path
    return article_id


def article_label(article: Article) -> str:
    """:func:`source_name` of an :class:`Article`."""
    return source_name(article.outlet, article.url, article.path, article.id)
