"""How an article's source is named in verdict explanations (the report uses the same rule)."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

from corroborate.types import Article


def article_label(article: Article) -> str:
    """The outlet; without one, the URL's host, the input's file name, or the article id."""
    outlet = (article.outlet or "").strip()
    if outlet:
        return outlet
    host = urlsplit(article.url).hostname if article.url else None
    if host:
        return host.removeprefix("www.")
    if article.path:
        # "feed.jsonl:12" (a line of a JSONL file) names the file
        return PurePath(article.path.split(":", 1)[0]).name or article.path
    return article.id
