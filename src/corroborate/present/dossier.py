"""The dossier (schema ``corroborate/dossier@1``) built from what the store holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corroborate.store.base import Store
from corroborate.types import Article

SCHEMA = "corroborate/dossier@1"


def article_record(article: Article, notes: tuple[str, ...] = ()) -> dict[str, Any]:
    """One entry of the dossier's ``articles`` list (contract fields first, extras after);
    ``notes`` are its analysis notes ("not analysed: ...", "analysis failed: ...")."""
    record: dict[str, Any] = {
        "id": article.id,
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


def build_dossier(store: Store) -> dict[str, Any]:
    """Everything the store holds, in the dossier format of the design."""
    notes = store.analysis_notes()
    return {
        "schema": SCHEMA,
        "articles": [article_record(a, notes.get(a.id, ())) for a in store.articles()],
        "rejected": [{"path": r.path, "reason": r.reason} for r in store.rejections()],
        "stories": list(store.stories()),
    }


def write_dossier(store: Store, path: Path) -> dict[str, Any]:
    """Write ``dossier.json`` (UTF-8, stable key order) and return it."""
    dossier = build_dossier(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(dossier, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a dossier
    return dossier
