"""Search and browse indexes over stored stories, for the web app.

:class:`SearchIndex` is the part of the store that keeps the indexes in step with
``stories`` (inside the transaction that writes a story) and answers the web app's
queries. Indexed per story: its title, its articles' titles and cleaned texts, its
entities' names and aliases (full text, in the dialect's own table: FTS5 or
``tsvector``); its outlets, articles, entities, publication range and number of
conflicts (plain tables, for filters and entity pages).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Executable,
    Select,
    Table,
    bindparam,
    func,
    select,
)
from sqlalchemy.sql import ClauseElement, delete, insert

from corroborate.store.schema import (
    INDEX_TABLES,
    articles,
    holder,
    now,
    stories,
    story_articles,
    story_entities,
    story_facets,
    story_outlets,
)

__all__ = ["MAX_QUERY_TERMS", "SearchIndex", "StoryQuery", "count_conflicts", "fts_query"]

T = TypeVar("T")

#: Words of a search query that are used (the rest are ignored).
MAX_QUERY_TERMS = 16

_F = story_facets.c
_ARTICLE_TEXT = select(articles.c.outlet, articles.c.title, articles.c.text).where(
    articles.c.id == holder()
)
_E = story_entities.c
#: The dossier types of a story's unnamed participants and of what its reports discuss
#: (``link.unnamed.UNNAMED_TYPE``, ``TOPIC_TYPE``): one per story, not listed across stories.
STORY_ONLY_TYPES = ("UNNAMED", "TOPIC")


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
    """The SQLite FTS5 query for free text (see :func:`corroborate.store.sqlite.fts_query`)."""
    from corroborate.store.sqlite import fts_query as build

    return build(text)


_INSERT = {table.name: insert(table) for table in INDEX_TABLES}


@cache
def _unindex_statement(table: Table) -> ClauseElement:
    """DELETE of the rows of the story bound as ``i`` (built once per table)."""
    return delete(table).where(table.c.story_id == bindparam("i"))


def _entities(story: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in story.get("entities") or [] if isinstance(e, dict) and e.get("id")]


class SearchIndex:
    """Story indexes and queries; mixed into :class:`~corroborate.store.sql.SQLStore`,
    which provides the connection and the dialect's full-text hooks."""

    name: str
    #: The dialect's full-text table (its ``story_id`` column names the story).
    fts_table: Table

    # ------------------------------------------------------------ provided by the store
    def _exec(
        self, statement: Executable | str, params: Any = None
    ) -> CursorResult[*tuple[Any, ...]]:
        raise NotImplementedError

    def _all(self, statement: Executable, params: Any = None) -> list[Any]:
        raise NotImplementedError

    def _run(self, statement: ClauseElement, params: dict[str, Any], *more: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _resolve_id(self, article_id: str) -> str | None:
        raise NotImplementedError

    def _retry(self, fn: Callable[[], T]) -> T:
        raise NotImplementedError

    # ------------------------------------------------------------ dialect hooks
    def binary(self, expr: ColumnElement[Any]) -> ColumnElement[Any]:
        """``expr`` compared and ordered byte by byte (SQLite's default)."""
        return expr

    def _fts_write(
        self, story_id: str, title: str, texts: Sequence[str], names: Sequence[str]
    ) -> None:
        """Index a story's words: its title, ``title\\ntext`` of each article, and each
        entity's name and aliases."""
        raise NotImplementedError

    def _fts_match(self, text: str) -> Select[Any] | None:
        """Ids of the stories whose words match ``text`` (None: no word to search)."""
        raise NotImplementedError

    # ------------------------------------------------------------ index upkeep
    def _unindex(self, story_ids: list[str]) -> None:
        """Drop stories from every index (unknown ids are ignored)."""
        for table in (self.fts_table, *INDEX_TABLES):
            statement = _unindex_statement(table)
            if story_ids:
                self._run(statement, *({"i": story_id} for story_id in story_ids))

    def _clear_index(self) -> None:
        """Empty every index (before a full rebuild)."""
        for table in (self.fts_table, *INDEX_TABLES):
            self._exec(delete(table))

    def _article_rows(self, ids: Iterable[str]) -> list[tuple[str, Any, Any, str]]:
        """(requested id, outlet, title, text) of the stored articles among ``ids``
        (a merged duplicate's id finds the article it was merged into)."""
        out = []
        for article_id in ids:
            row = self._run(_ARTICLE_TEXT, {"i": article_id}).fetchone()
            if row is not None:
                out.append((article_id, row[0], row[1], row[2]))
        return out

    def _index_story(self, story: dict[str, Any]) -> None:
        """(Re)index one dossier story entry; called inside the transaction that stores it."""
        story_id = str(story["id"])
        self._unindex([story_id])
        article_ids = [str(a) for a in story.get("article_ids") or []]
        rows = self._article_rows(article_ids)
        outlets = sorted({str(r[1]) for r in rows if r[1]})
        entities = _entities(story)
        title = str(story.get("title") or "")
        self._fts_write(
            story_id,
            title,
            [f"{r[2] or ''}\n{r[3] or ''}" for r in rows],
            [
                " ".join([str(e.get("name") or ""), *[str(a) for a in e.get("aliases") or []]])
                for e in entities
            ],
        )
        facets = {
            "story_id": story_id,
            "title": title,
            "first_published": story.get("first_published"),
            "last_published": story.get("last_published"),
            "n_articles": len(article_ids),
            "n_conflicts": count_conflicts(story),
            "outlets": json.dumps(outlets, ensure_ascii=False),
            "updated_at": now(),
        }
        self._run(_INSERT[story_facets.name], facets)
        if outlets:
            self._run(
                _INSERT[story_outlets.name], *({"story_id": story_id, "outlet": o} for o in outlets)
            )
        if article_ids:
            links = ({"story_id": story_id, "article_id": a} for a in dict.fromkeys(article_ids))
            self._run(_INSERT[story_articles.name], *links)
        named: dict[str, dict[str, Any]] = {}
        for e in entities:  # the first entry of an id wins, as the index always kept
            named.setdefault(str(e["id"]), e)
        if named:
            self._run(
                _INSERT[story_entities.name],
                *(
                    {
                        "entity_id": entity_id,
                        "story_id": story_id,
                        "name": str(e.get("name") or entity_id),
                        "type": str(e.get("type") or ""),
                        "mentions": len(e.get("mentions") or []),
                    }
                    for entity_id, e in named.items()
                ),
            )

    def _reindex_all(self) -> int:
        """Rebuild every index from the stored stories; returns how many were indexed."""
        self._clear_index()
        n = 0
        for (stored,) in self._exec(select(stories.c.json).order_by(stories.c.seq)).all():
            self._index_story(json.loads(stored))
            n += 1
        return n

    # ------------------------------------------------------------ queries
    def search_stories(self, query: StoryQuery) -> tuple[list[dict[str, Any]], int]:
        """Story summaries matching ``query`` (full text + filters), newest first, and the
        total number of matches."""
        where: list[ColumnElement[bool]] = []
        if query.text and (match := self._fts_match(query.text)) is not None:
            where.append(_F.story_id.in_(match))
        if query.outlet:
            outlet = select(story_outlets.c.story_id).where(story_outlets.c.outlet == query.outlet)
            where.append(_F.story_id.in_(outlet))
        if query.since:
            where.append(self.binary(_F.last_published) >= query.since)
        if query.until:
            where.append(self.binary(_F.first_published) <= query.until)
        if query.conflicts is not None:
            where.append(_F.n_conflicts > 0 if query.conflicts else _F.n_conflicts == 0)
        total = self._all(select(func.count()).select_from(story_facets).where(*where))[0][0]
        columns = (_F.story_id, _F.title, _F.first_published, _F.last_published)
        page = (
            select(*columns, _F.n_articles, _F.n_conflicts, _F.outlets)
            .where(*where)
            .order_by(self._newest_first(_F.last_published), self.binary(_F.story_id))
            .limit(query.limit)
            .offset(query.offset)
        )
        return [
            {
                "id": r[0],
                "title": r[1],
                "first_published": r[2],
                "last_published": r[3],
                "n_articles": r[4],
                "n_conflicts": r[5],
                "outlets": json.loads(r[6]),
            }
            for r in self._all(page)
        ], int(total)

    def _newest_first(self, published: ColumnElement[Any]) -> ColumnElement[Any]:
        return self.binary(func.coalesce(published, "")).desc()

    def list_outlets(self) -> list[str]:
        """Outlets that have at least one story, alphabetically."""
        outlet = self.binary(story_outlets.c.outlet).label("o")
        return [str(r[0]) for r in self._all(select(outlet).distinct().order_by(outlet))]

    def list_entities(
        self, text: str | None = None, *, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Entities across stories (most stories first), optionally those whose name
        contains ``text`` (case-insensitive), and the total number of matches. A story's
        unnamed participants ("police", "the gunman": type ``UNNAMED``, one per story) and
        topics ("the decision": ``TOPIC``) are left out of the list; their pages are still
        found by id."""
        where: list[ColumnElement[bool]] = [_E.type.not_in(STORY_ONLY_TYPES)]
        if text and text.strip():
            escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append(_E.name.ilike(f"%{escaped}%", escape="\\"))
        count = select(func.count(_E.entity_id.distinct())).where(*where)
        stories_n, mentions = func.count(), func.sum(_E.mentions)
        page = (
            select(
                _E.entity_id,
                func.max(self.binary(_E.name)),
                func.max(self.binary(_E.type)),
                stories_n,
                mentions,
            )
            .where(*where)
            .group_by(_E.entity_id)
            .order_by(stories_n.desc(), mentions.desc(), self.binary(_E.entity_id))
            .limit(limit)
            .offset(offset)
        )
        rows = self._all(page)
        return [
            {"id": r[0], "name": r[1], "type": r[2], "n_stories": r[3], "n_mentions": int(r[4])}
            for r in rows
        ], int(self._all(count)[0][0])

    def entity_story_ids(self, entity_id: str) -> list[str]:
        """Stories an entity (a global id from the entity registry) appears in, newest first."""
        query = (
            select(_E.story_id)
            .select_from(story_entities.outerjoin(story_facets, _F.story_id == _E.story_id))
            .where(_E.entity_id == entity_id)
            .order_by(self._newest_first(_F.last_published), self.binary(_E.story_id))
        )
        return [str(r[0]) for r in self._all(query)]

    def article_story_ids(self, article_id: str) -> list[str]:
        """Stories that include an article (also found by a merged duplicate's id)."""

        def run() -> list[Any]:
            ids = {self._resolve_id(article_id) or article_id, article_id}
            query = select(story_articles.c.story_id).where(story_articles.c.article_id.in_(ids))
            return list(self._exec(query.distinct()).all())

        return sorted(str(r[0]) for r in self._retry(run))
