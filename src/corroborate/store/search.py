"""Search and browse indexes over stored stories (SQLite FTS5), for the web app.

:func:`index_story` is called by :meth:`SQLiteStore.put_stories` inside the same
transaction as the story write, so the indexes never disagree with ``stories``. Indexed
per story: its title, its articles' titles and cleaned texts, its entities' names and
aliases (full text); its outlets, articles, entities, publication range and number of
conflicts (plain tables, for filters and entity pages).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "StoryQuery",
    "article_story_ids",
    "clear_index",
    "count_conflicts",
    "entity_stories",
    "fts_query",
    "index_story",
    "list_entities",
    "list_outlets",
    "reindex_all",
    "search_stories",
    "unindex_stories",
]

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_TERMS = 16


@dataclass(frozen=True)
class StoryQuery:
    """Filters of the story list; every field is optional.

    ``since``/``until`` are ISO dates (``YYYY-MM-DD``): a story matches when its
    publication range overlaps them. ``conflicts`` True keeps stories with at least one
    conflicting figure or contested claim, False those with none.
    """

    text: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    conflicts: bool | None = None
    limit: int = 50
    offset: int = 0


def count_conflicts(story: dict[str, Any]) -> int:
    """Conflicting figures plus contested claims of a dossier story entry."""
    figures = sum(1 for f in story.get("figures") or [] if f.get("verdict") == "conflict")
    claims = sum(1 for c in story.get("claims") or [] if c.get("verdict") == "contested")
    return figures + claims


def fts_query(text: str) -> str | None:
    """A safe FTS5 query from free text: every word must match (the last as a prefix).

    User input never reaches FTS5 syntax: words are extracted and quoted, so operators,
    quotes and column filters typed by a user are just words. None when no word is left.
    """
    words = _WORD.findall(text)[:MAX_QUERY_TERMS]
    if not words:
        return None
    terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " AND ".join(terms)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _article_rows(conn: sqlite3.Connection, ids: list[str]) -> list[tuple[str, Any, Any, str]]:
    """(requested id, outlet, title, text) of the stored articles among ``ids``."""
    out = []
    for article_id in ids:
        row = conn.execute(
            "SELECT outlet, title, text FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            row = conn.execute(
                "SELECT a.outlet, a.title, a.text FROM article_sources s "
                "JOIN articles a ON a.id = s.article_id WHERE s.source_id = ? "
                "ORDER BY s.seq LIMIT 1",
                (article_id,),
            ).fetchone()
        if row is not None:
            out.append((article_id, row[0], row[1], row[2]))
    return out


def unindex_stories(conn: sqlite3.Connection, story_ids: Iterable[str]) -> None:
    """Drop stories from every index (unknown ids are ignored)."""
    for story_id in story_ids:
        conn.execute("DELETE FROM story_fts WHERE story_id = ?", (story_id,))
        for table in ("story_facets", "story_outlets", "story_articles", "story_entities"):
            conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))


def clear_index(conn: sqlite3.Connection) -> None:
    """Empty every index (before a full rebuild)."""
    conn.execute("DELETE FROM story_fts")
    for table in ("story_facets", "story_outlets", "story_articles", "story_entities"):
        conn.execute(f"DELETE FROM {table}")


def index_story(conn: sqlite3.Connection, story: dict[str, Any]) -> None:
    """(Re)index one dossier story entry; call inside the transaction that stores it."""
    story_id = str(story["id"])
    unindex_stories(conn, [story_id])
    article_ids = [str(a) for a in story.get("article_ids") or []]
    rows = _article_rows(conn, article_ids)
    outlets = sorted({str(r[1]) for r in rows if r[1]})
    entities = [e for e in story.get("entities") or [] if isinstance(e, dict) and e.get("id")]
    entity_words = " ".join(
        " ".join([str(e.get("name") or ""), *[str(a) for a in e.get("aliases") or []]])
        for e in entities
    )
    articles_words = "\n".join(f"{r[2] or ''}\n{r[3] or ''}" for r in rows)
    title = str(story.get("title") or "")
    conn.execute(
        "INSERT INTO story_fts (story_id, title, articles, entities) VALUES (?, ?, ?, ?)",
        (story_id, title, articles_words, entity_words),
    )
    conn.execute(
        "INSERT INTO story_facets (story_id, title, first_published, last_published, "
        "n_articles, n_conflicts, outlets, updated_at) VALUES (?,?,?,?,?,?,?,?)",
        (
            story_id,
            title,
            story.get("first_published"),
            story.get("last_published"),
            len(article_ids),
            count_conflicts(story),
            json.dumps(outlets, ensure_ascii=False),
            _now(),
        ),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?, ?)",
        [(story_id, o) for o in outlets],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?, ?)",
        [(story_id, a) for a in article_ids],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO story_entities (entity_id, story_id, name, type, mentions) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (
                str(e["id"]),
                story_id,
                str(e.get("name") or e["id"]),
                str(e.get("type") or ""),
                len(e.get("mentions") or []),
            )
            for e in entities
        ],
    )


def reindex_all(conn: sqlite3.Connection) -> int:
    """Rebuild every index from the stored stories; returns how many were indexed."""
    clear_index(conn)
    n = 0
    for (text,) in conn.execute("SELECT json FROM stories ORDER BY seq").fetchall():
        index_story(conn, json.loads(text))
        n += 1
    return n


def _summary(row: tuple[Any, ...]) -> dict[str, Any]:
    story_id, title, first, last, n_articles, n_conflicts, outlets = row
    return {
        "id": story_id,
        "title": title,
        "first_published": first,
        "last_published": last,
        "n_articles": n_articles,
        "n_conflicts": n_conflicts,
        "outlets": json.loads(outlets),
    }


def search_stories(conn: sqlite3.Connection, query: StoryQuery) -> tuple[list[dict[str, Any]], int]:
    """Story summaries matching ``query`` (newest first) and the total number of matches."""
    where: list[str] = []
    params: list[Any] = []
    order = "COALESCE(f.last_published, '') DESC, f.story_id"
    if query.text and (match := fts_query(query.text)):
        where.append("f.story_id IN (SELECT story_id FROM story_fts WHERE story_fts MATCH ?)")
        params.append(match)
    if query.outlet:
        where.append("f.story_id IN (SELECT story_id FROM story_outlets WHERE outlet = ?)")
        params.append(query.outlet)
    if query.since:
        where.append("f.last_published >= ?")
        params.append(query.since)
    if query.until:
        where.append("f.first_published <= ?")
        params.append(query.until)
    if query.conflicts is not None:
        where.append("f.n_conflicts > 0" if query.conflicts else "f.n_conflicts = 0")
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    total = int(conn.execute(f"SELECT COUNT(*) FROM story_facets f {clause}", params).fetchone()[0])
    rows = conn.execute(
        "SELECT f.story_id, f.title, f.first_published, f.last_published, f.n_articles, "
        f"f.n_conflicts, f.outlets FROM story_facets f {clause} ORDER BY {order} "
        "LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset],
    ).fetchall()
    return [_summary(r) for r in rows], total


def list_outlets(conn: sqlite3.Connection) -> list[str]:
    """Every outlet that has a story, alphabetically."""
    rows = conn.execute("SELECT DISTINCT outlet FROM story_outlets ORDER BY outlet").fetchall()
    return [str(r[0]) for r in rows]


def list_entities(
    conn: sqlite3.Connection, text: str | None = None, *, limit: int = 100, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Entities across stories (most stories first), optionally those whose name contains
    ``text`` (case-insensitive), and the total number of matches."""
    clause, params = "", []
    if text and text.strip():
        escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clause = "WHERE name LIKE ? ESCAPE '\\'"
        params.append(f"%{escaped}%")
    total = int(
        conn.execute(
            f"SELECT COUNT(DISTINCT entity_id) FROM story_entities {clause}", params
        ).fetchone()[0]
    )
    rows = conn.execute(
        "SELECT entity_id, MAX(name), MAX(type), COUNT(*), SUM(mentions) FROM story_entities "
        f"{clause} GROUP BY entity_id ORDER BY COUNT(*) DESC, SUM(mentions) DESC, entity_id "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [
        {"id": r[0], "name": r[1], "type": r[2], "n_stories": r[3], "n_mentions": r[4]}
        for r in rows
    ], total


def entity_stories(conn: sqlite3.Connection, entity_id: str) -> list[str]:
    """Ids of the stories an entity appears in (newest first)."""
    rows = conn.execute(
        "SELECT e.story_id FROM story_entities e LEFT JOIN story_facets f "
        "ON f.story_id = e.story_id WHERE e.entity_id = ? "
        "ORDER BY COALESCE(f.last_published, '') DESC, e.story_id",
        (entity_id,),
    ).fetchall()
    return [str(r[0]) for r in rows]


def article_story_ids(conn: sqlite3.Connection, article_id: str) -> list[str]:
    """Ids of the stories that include an article."""
    rows = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ? ORDER BY story_id",
        (article_id,),
    ).fetchall()
    return [str(r[0]) for r in rows]
