"""How an article's source is named: one rule for explanations, the report, the API and exports.

An article is named, in this order, by

1. its **outlet** (given with the input, or found on the page: its site name, a name from
   its URL, the name a dump uses for itself);
2. the **host of its URL** (``www.`` dropped);
3. the **input's file name**: ``feed.jsonl #a17`` for a JSONL record with its own id,
   ``feed.jsonl:12`` (line 12) for one without, ``archive.warc.gz#record-3`` for a record
   of an archive, ``page.html`` for a file;
4. ``article <id>`` when nothing else is known.

Never a bare generated id: the 16-hex ids the cleaner derives from an article's content
mean nothing to a reader.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import urlsplit

from corroborate.types import Article

__all__ = ["article_label", "is_generated_id", "source_name"]

_GENERATED = re.compile(r"[0-9a-f]{16}")
_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+)$")


def is_generated_id(article_id: str, content_hash: str | None = None) -> bool:
    """Whether ``article_id`` was derived from the content (not given with the input):
    the first 16 hex digits of ``content_hash`` when known, else any 16-hex string."""
    if content_hash:
        return article_id == content_hash[:16]
    return bool(_GENERATED.fullmatch(article_id))


def _input_name(path: str, own_id: str | None) -> str:
    """The file name of ``path``, with the record's own id or its line when it has one."""
    found = _LINE.match(path)
    base, line = (found["file"], found["line"]) if found else (path, None)
    name = PurePath(base).name or base
    if line is None:
        return name
    return f"{name} #{own_id}" if own_id else f"{name}:{line}"


def source_name(
    outlet: str | None,
    url: str | None,
    path: str | None,
    article_id: str,
    *,
    content_hash: str | None = None,
) -> str:
    """The label of a source (see the module docstring for the order)."""
    if outlet and outlet.strip():
        return outlet.strip()
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    own_id = None if is_generated_id(article_id, content_hash) else article_id
    if path and path.strip():
        return _input_name(path.strip(), own_id)
    return f"article {article_id}"


def article_label(article: Article) -> str:
    """:func:`source_name` of an :class:`Article`."""
    return source_name(
        article.outlet,
        article.url,
        article.path,
        article.id,
        content_hash=article.content_hash or None,
    )
