"""SQLite backend of :class:`~corroborate.store.base.Store`.

WAL journal, ``synchronous=FULL``, foreign keys on. Writes outside a transaction commit
at once; ``with store.transaction():`` (or :meth:`SQLiteStore.add_articles`) commits a
whole batch atomically, so a crash loses at most the batch in flight.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corroborate.errors import StoreError
from corroborate.store import search
from corroborate.store.base import AddResult, NearDuplicateIndex
from corroborate.store.codec import dumps as codec_dumps
from corroborate.store.codec import loads as codec_loads
from corroborate.store.migrations import LATEST, MIGRATIONS
from corroborate.types import Analysis, Article, CleaningStats, Rejection, SourceRef

__all__ = ["SQLiteStore", "migrate"]

_CHUNK = 500
_ARTICLE_COLUMNS = (
    "rowid, id, content_hash, path, url, outlet, title, published, published_source, "
    "language, author, text, raw_chars, kept_chars, removed_lines, duplicate_ids, captions"
)
_SCHEME_KEY = "minhash_scheme"
_SEARCH_VERSION = 3  # the migration that created the search indexes


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fallback_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def schema_version(conn: sqlite3.Connection) -> int:
    """Schema version of an open database (0 for an empty one)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the schema of ``conn`` (autocommit mode) forward to ``target``; each migration
    is one transaction. Returns the version reached."""
    current = schema_version(conn)
    if current > LATEST:
        raise StoreError(
            f"database schema version {current} is newer than this Corroborate knows "
            f"({LATEST}); upgrade Corroborate to open it"
        )
    for version, sql in MIGRATIONS:
        if version <= current or version > target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version == 1 or schema_version(conn) == 0:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version "
                    "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
            for statement in sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (version, _now()),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = version
    return current


class SQLiteStore:
    """A :class:`~corroborate.store.base.Store` in one SQLite file (or ``:memory:``).

    One instance is meant for one thread at a time; open another for a second thread.
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            target = Path(self.path)
            if target.is_dir():
                raise StoreError(f"{self.path}: is a folder; give a database file path")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create its folder: {exc}") from exc
        try:
            self._conn = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open: {exc}; check the path") from exc
        try:
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            before = schema_version(self._conn)
            migrate(self._conn)
            if before and before < _SEARCH_VERSION:
                # Stories stored before the search indexes existed: index them once.
                self._conn.execute("BEGIN IMMEDIATE")
                search.reindex_all(self._conn)
                self._conn.execute("COMMIT")
        except StoreError:
            self._conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(
                f"{self.path}: cannot open as a Corroborate SQLite database: {exc}; "
                "check the path, or move the file aside to start a new database"
            ) from exc
        self._depth = 0
        # (dedup, article_id) indexed during the open transaction, undone on rollback.
        self._pending: list[tuple[NearDuplicateIndex, str]] = []
        self._primed: weakref.WeakSet[Any] = weakref.WeakSet()
        self._closed = False

    # ================================================================ lifecycle

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection (for tests and diagnostics)."""
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: commit when the outermost block ends, roll back if it raises.
        Nested blocks are savepoints."""
        savepoint = f"sp{self._depth}"
        mark = len(self._pending)
        try:
            self._conn.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {savepoint}")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot start a transaction: {exc}") from exc
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._conn.execute("ROLLBACK")
            else:
                self._conn.execute(f"ROLLBACK TO {savepoint}")
                self._conn.execute(f"RELEASE {savepoint}")
            for dedup, article_id in self._pending[mark:]:
                dedup.remove(article_id)
            del self._pending[mark:]
            raise
        self._depth -= 1
        try:
            if self._depth == 0:
                self._conn.execute("COMMIT")
                self._pending.clear()
            else:
                self._conn.execute(f"RELEASE {savepoint}")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: commit failed: {exc}") from exc

    def close(self) -> None:
        """Close the database (idempotent)."""
        if not self._closed:
            self._closed = True
            self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ================================================================ articles

    def add_article(self, article: Article, dedup: NearDuplicateIndex | None = None) -> AddResult:
        """Store ``article`` or merge it into the stored article it duplicates: same id,
        same content hash, or (with ``dedup``) a near-duplicate."""
        with self.transaction():
            return self._add(article, dedup)

    def add_articles(
        self, batch: Sequence[Article], dedup: NearDuplicateIndex | None = None
    ) -> list[AddResult]:
        """Add a batch in one transaction (all or nothing); later articles of the batch are
        checked against earlier ones too."""
        with self.transaction():
            return [self._add(article, dedup) for article in batch]

    def _add(self, article: Article, dedup: NearDuplicateIndex | None) -> AddResult:
        if dedup is not None:
            self.prime(dedup)
        sources = self._sources_of(article)
        chash = article.content_hash or _fallback_hash(article.text)
        target = self._resolve_id(article.id)
        if target is None:
            row = self._conn.execute(
                "SELECT id FROM articles WHERE content_hash = ?", (chash,)
            ).fetchone()
            target = row[0] if row else None
        if target is not None:
            return self._merge(target, article, sources, 1.0)
        signature: bytes | None = None
        if dedup is not None:
            signature = dedup.signature(article.text)
            found = dedup.match_signature(signature)
            if found is not None and self._exists(found[0]):
                return self._merge(found[0], article, sources, found[1])
        stats = article.cleaning
        self._conn.execute(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS.removeprefix('rowid, ')}, minhash, "
            "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                chash,
                article.path,
                article.url,
                article.outlet,
                article.title,
                article.published,
                article.published_source,
                article.language,
                article.author,
                article.text,
                stats.raw_chars if stats else None,
                stats.kept_chars if stats else None,
                stats.removed_lines if stats else None,
                json.dumps(list(article.duplicate_ids)),
                json.dumps(list(article.captions), ensure_ascii=False),
                signature,
                _now(),
            ),
        )
        self._insert_sources(article.id, sources)
        if dedup is not None and signature is not None:
            dedup.add_signature(article.id, signature)
            self._pending.append((dedup, article.id))
        return AddResult("added", article.id)

    @staticmethod
    def _sources_of(article: Article) -> list[SourceRef]:
        own = SourceRef(article.path, article.url, article.outlet, article.id)
        out: list[SourceRef] = []
        seen: set[tuple[str, str]] = set()
        for ref in (own, *article.sources):
            ref = ref if ref.id else SourceRef(ref.path, ref.url, ref.outlet, article.id)
            key = (ref.path, ref.id or article.id)
            if key not in seen:
                seen.add(key)
                out.append(ref)
        return out

    def _insert_sources(self, article_id: str, sources: Iterable[SourceRef]) -> int:
        added = 0
        for ref in sources:
            cur = self._conn.execute(
                "INSERT INTO article_sources (article_id, path, url, outlet, source_id) "
                "VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                (article_id, ref.path, ref.url, ref.outlet, ref.id),
            )
            if cur.rowcount > 0:
                added += 1
                self._conn.execute("DELETE FROM rejections WHERE path = ?", (ref.path,))
        return added

    def _merge(
        self, target: str, article: Article, sources: list[SourceRef], similarity: float
    ) -> AddResult:
        changed = self._insert_sources(target, sources) > 0
        row = self._conn.execute(
            "SELECT duplicate_ids FROM articles WHERE id = ?", (target,)
        ).fetchone()
        dup_ids: list[str] = json.loads(row[0])
        for new_id in (article.id, *article.duplicate_ids):
            if new_id != target and new_id not in dup_ids:
                dup_ids.append(new_id)
                changed = True
        if changed:
            self._conn.execute(
                "UPDATE articles SET duplicate_ids = ? WHERE id = ?", (json.dumps(dup_ids), target)
            )
            return AddResult("merged", article.id, target, similarity)
        return AddResult("unchanged", article.id, target, similarity)

    def _exists(self, article_id: str) -> bool:
        return (
            self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def _resolve_id(self, article_id: str) -> str | None:
        """The stored article holding ``article_id`` (itself or as a merged duplicate)."""
        if self._exists(article_id):
            return article_id
        row = self._conn.execute(
            "SELECT article_id FROM article_sources WHERE source_id = ? ORDER BY seq LIMIT 1",
            (article_id,),
        ).fetchone()
        return str(row[0]) if row else None

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with this id, or the one a duplicate with this id was merged
        into; None when unknown."""
        target = self._resolve_id(article_id)
        if target is None:
            return None
        rows = self._conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (target,)
        ).fetchall()
        return self._build(rows)[0]

    def articles(self) -> Iterator[Article]:
        """All articles in insertion order, read in chunks (safe to write meanwhile)."""
        yield from self._stream("")

    def articles_without_analysis(self) -> Iterator[Article]:
        """Articles that have no stored analysis yet (to resume an interrupted run)."""
        yield from self._stream("AND NOT EXISTS (SELECT 1 FROM analyses WHERE article_id = id)")

    def _stream(self, condition: str) -> Iterator[Article]:
        last = 0
        while True:
            rows = self._conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE rowid > ? {condition} "
                "ORDER BY rowid LIMIT ?",
                (last, _CHUNK),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield from self._build(rows)

    def _build(self, rows: list[tuple[Any, ...]]) -> list[Article]:
        ids = [r[1] for r in rows]
        marks = ",".join("?" * len(ids))
        refs: dict[str, list[SourceRef]] = {i: [] for i in ids}
        for article_id, path, url, outlet, source_id in self._conn.execute(
            f"SELECT article_id, path, url, outlet, source_id FROM article_sources "
            f"WHERE article_id IN ({marks}) ORDER BY seq",
            ids,
        ):
            refs[article_id].append(SourceRef(path, url, outlet, source_id))
        out = []
        for r in rows:
            (_, aid, chash, path, url, outlet, title, published, psource) = r[:9]
            language, author, text, raw, kept, removed, dups, captions = r[9:]
            out.append(
                Article(
                    id=aid,
                    path=path,
                    text=text,
                    url=url,
                    outlet=outlet,
                    title=title,
                    published=published,
                    published_source=psource,
                    language=language,
                    author=author,
                    content_hash=chash,
                    duplicate_ids=tuple(json.loads(dups)),
                    sources=tuple(refs[aid]),
                    cleaning=None if raw is None else CleaningStats(raw, kept, removed),
                    captions=tuple(json.loads(captions)),
                )
            )
        return out

    def count_articles(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def has_source(self, path: str) -> bool:
        """True when an article from exactly this source string is stored."""
        row = self._conn.execute(
            "SELECT 1 FROM article_sources WHERE path = ? LIMIT 1", (path,)
        ).fetchone()
        return row is not None

    # ================================================================ dedup

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Stored ``(article_id, signature)`` pairs with a non-empty signature."""
        last = 0
        while True:
            rows = self._conn.execute(
                "SELECT rowid, id, minhash FROM articles WHERE rowid > ? "
                "AND minhash IS NOT NULL ORDER BY rowid LIMIT ?",
                (last, _CHUNK * 4),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            for _, article_id, sig in rows:
                if sig:
                    yield article_id, bytes(sig)

    def prime(self, dedup: NearDuplicateIndex) -> int:
        """Load stored signatures into ``dedup`` once per store. Signatures made under
        another scheme, or missing (articles added without dedup), are recomputed from
        the stored texts first. Returns how many signatures were loaded."""
        if dedup in self._primed:
            return 0
        with self.transaction():
            row = self._conn.execute(
                "SELECT value FROM meta WHERE key = ?", (_SCHEME_KEY,)
            ).fetchone()
            stale = "" if row and row[0] == dedup.scheme else "OR 1=1"
            last = 0
            while True:
                rows = self._conn.execute(
                    f"SELECT rowid, id, text FROM articles WHERE rowid > ? "
                    f"AND (minhash IS NULL {stale}) ORDER BY rowid LIMIT ?",
                    (last, _CHUNK),
                ).fetchall()
                if not rows:
                    break
                last = rows[-1][0]
                for _, article_id, text in rows:
                    self._conn.execute(
                        "UPDATE articles SET minhash = ? WHERE id = ?",
                        (dedup.signature(text), article_id),
                    )
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_SCHEME_KEY, dedup.scheme),
            )
        loaded = dedup.load(self.signatures())
        # An index that is not weak-referenceable is re-primed on every add (slow but correct).
        with suppress(TypeError):
            self._primed.add(dedup)
        return loaded

    # ================================================================ rejections

    def add_rejection(self, rejection: Rejection) -> None:
        """Record a rejected input (once per path and reason; the time is refreshed)."""
        self._write(
            "INSERT INTO rejections (path, reason, at) VALUES (?, ?, ?) "
            "ON CONFLICT (path, reason) DO UPDATE SET at = excluded.at",
            (rejection.path, rejection.reason, _now()),
        )

    def rejections(self) -> list[Rejection]:
        """Rejected inputs, oldest first (a path later stored successfully is dropped)."""
        rows = self._conn.execute("SELECT path, reason FROM rejections ORDER BY seq").fetchall()
        return [Rejection(path, reason) for path, reason in rows]

    # ================================================================ analyses

    def put_analysis(self, article_id: str, analysis: Analysis) -> None:
        """Store (or replace) the analysis of a stored article."""
        target = self._resolve_id(article_id)
        if target is None:
            raise StoreError(
                f"{self.path}: no stored article {article_id!r} to attach an analysis to; "
                "add the article first"
            )
        self._write(
            "INSERT INTO analyses (article_id, json, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET json = excluded.json, "
            "updated_at = excluded.updated_at",
            (target, codec_dumps(analysis), _now()),
        )

    def get_analysis(self, article_id: str) -> Analysis | None:
        target = self._resolve_id(article_id) or article_id
        row = self._conn.execute(
            "SELECT json FROM analyses WHERE article_id = ?", (target,)
        ).fetchone()
        return None if row is None else codec_loads(Analysis, row[0])

    def analyses(self) -> Iterator[tuple[str, Analysis]]:
        """Every stored ``(article_id, analysis)``, in chunks."""
        last = ""
        while True:
            rows = self._conn.execute(
                "SELECT article_id, json FROM analyses WHERE article_id > ? "
                "ORDER BY article_id LIMIT ?",
                (last, _CHUNK),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            for article_id, text in rows:
                yield article_id, codec_loads(Analysis, text)

    def analysis_notes(self) -> dict[str, tuple[str, ...]]:
        rows = self._conn.execute(
            "SELECT article_id, json_extract(json, '$.notes') FROM analyses "
            "WHERE json_array_length(json, '$.notes') > 0"
        ).fetchall()
        return {article_id: tuple(json.loads(notes)) for article_id, notes in rows}

    # ================================================================ state

    def get_state(self, key: str) -> Any:
        """A JSON value a stage persisted between runs (e.g. the story index), or None."""
        row = self._conn.execute(
            "SELECT value FROM meta WHERE key = ?", (f"state:{key}",)
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def put_state(self, key: str, value: Any) -> None:
        """Persist a JSON-able value under ``key`` (replacing any earlier one)."""
        self._write(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (f"state:{key}", json.dumps(value, ensure_ascii=False)),
        )

    # ================================================================ stories

    def put_stories(self, stories: Sequence[dict[str, Any]], *, replace: bool = False) -> None:
        """Upsert stories by their ``id``; with ``replace`` the stored set becomes exactly
        ``stories`` (one transaction)."""
        for story in stories:
            if not isinstance(story, dict) or not isinstance(story.get("id"), str):
                raise StoreError(f"a story must be a JSON object with a string 'id': {story!r}")
        with self.transaction():
            if replace:
                self._conn.execute("DELETE FROM stories")
                search.clear_index(self._conn)
            now = _now()
            for story in stories:
                self._conn.execute(
                    "INSERT INTO stories (id, json, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET json = excluded.json, "
                    "updated_at = excluded.updated_at",
                    (story["id"], json.dumps(story, ensure_ascii=False), now),
                )
                search.index_story(self._conn, story)

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        """Remove stories by id (e.g. stories merged into others); unknown ids are ignored."""
        with self.transaction():
            for story_id in story_ids:
                self._conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
                search.unindex_stories(self._conn, [story_id])

    def stories(self) -> list[dict[str, Any]]:
        """Stored stories in the order they were first stored."""
        rows = self._conn.execute("SELECT json FROM stories ORDER BY seq").fetchall()
        return [json.loads(r[0]) for r in rows]

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT json FROM stories WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    # ================================================================ search

    def search_stories(self, query: search.StoryQuery) -> tuple[list[dict[str, Any]], int]:
        """Story summaries matching ``query`` (full text + filters), newest first, and the
        total number of matches."""
        return search.search_stories(self._conn, query)

    def list_outlets(self) -> list[str]:
        """Outlets that have at least one story."""
        return search.list_outlets(self._conn)

    def list_entities(
        self, text: str | None = None, *, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Entities across stories (optionally whose name contains ``text``) and the total."""
        return search.list_entities(self._conn, text, limit=limit, offset=offset)

    def entity_story_ids(self, entity_id: str) -> list[str]:
        """Stories an entity (a global id from the entity registry) appears in."""
        return search.entity_stories(self._conn, entity_id)

    def article_story_ids(self, article_id: str) -> list[str]:
        """Stories that include an article (also found by a merged duplicate's id)."""
        target = self._resolve_id(article_id) or article_id
        ids = {target, article_id}
        return sorted({s for a in ids for s in search.article_story_ids(self._conn, a)})

    def source_article_ids(self, path: str) -> list[str]:
        """Stored articles that came from ``path`` exactly or from a line or record of it
        (``path:LINE``, ``path#record-N``), in storage order."""
        rows = self._conn.execute(
            "SELECT article_id FROM article_sources WHERE path = ? "
            "OR substr(path, 1, ?) IN (?, ?) ORDER BY seq",
            (path, len(path) + 1, path + ":", path + "#"),
        ).fetchall()
        return list(dict.fromkeys(str(r[0]) for r in rows))

    # ================================================================ helpers

    def _write(self, sql: str, params: Sequence[Any]) -> None:
        with self.transaction():
            try:
                self._conn.execute(sql, params)
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: write failed: {exc}") from exc
