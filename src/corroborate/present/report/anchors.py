"""Stable, HTML- and URL-safe anchor ids for spans, entities, claims and stories.

A span of an article's cleaned text is ``a-<article>-<start>-<end>``; ``<article>`` is the
article id when it is made only of ``[A-Za-z0-9_-]``, else a readable slug plus a short hash
so that two different ids never share an anchor.
"""

from __future__ import annotations

import hashlib
import re

_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def slug(value: str) -> str:
    """``value`` itself when already safe in ids, CSS selectors and URL fragments; else a
    slug of it with an 8-hex-digit hash of the original appended."""
    if value and _SAFE.match(value):
        return value
    digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:8]
    base = _UNSAFE.sub("-", value).strip("-")[:40]
    return f"{base}-{digest}" if base else f"x{digest}"


def span_id(article_id: str, start: int, end: int) -> str:
    """The anchor of one highlighted span: ``a-<article>-<start>-<end>``."""
    return f"a-{slug(article_id)}-{start}-{end}"


def article_anchor(article_id: str) -> str:
    """The anchor of an article's section (header and text)."""
    return f"art-{slug(article_id)}"


def story_anchor(story_id: str, part: str = "") -> str:
    """The anchor of a story, or of one of its sections (``part``: ``board``, ``people``...)."""
    base = f"story-{slug(story_id)}"
    return f"{base}-{part}" if part else base


def entity_anchor(story_id: str, entity_id: str) -> str:
    """The anchor of an entity's row in a story's people and organisations table."""
    return f"ent-{slug(story_id)}-{slug(entity_id)}"


def fact_anchor(story_id: str, fact_id: str) -> str:
    """The anchor of a figure or claim row on a story's verdict board."""
    return f"fact-{slug(story_id)}-{slug(fact_id)}"


def story_file(story_id: str) -> str:
    """Where a story's report sits, relative to the index: ``stories/<id>.html``."""
    return f"stories/{slug(story_id)}.html"
