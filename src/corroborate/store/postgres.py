"""PostgreSQL backend of :class:`~corroborate.store.base.Store` (psycopg 3).

The same tables as the SQLite backend (``migrations.POSTGRES_MIGRATIONS``); writes outside
a transaction commit at once, ``with store.transaction():`` commits a batch atomically
and nested blocks are savepoints. Story search uses a ``tsvector`` column (``simple``
configuration, words folded like SQLite's FTS5 ``unicode61 remove_diacritics``) with a
GIN index. Iteration pages through the server with keyset queries, so writing while
iterating is fine.

A dropped connection (server restarted, idle connection killed) is reopened: an
operation outside a transaction is retried once; inside a transaction the transaction
fails with :class:`ConnectionLost` (nothing of it is committed) and the next operation
reconnects.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import Any, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict

from corroborate.errors import StoreError
from corroborate.store.base import AddResult, NearDuplicateIndex
from corroborate.store.codec import dumps as codec_dumps
from corroborate.store.codec import loads as codec_loads
from corroborate.store.migrations import LATEST, POSTGRES_MIGRATIONS
from corroborate.store.search import MAX_QUERY_TERMS, StoryQuery, count_conflicts
from corroborate.types import Analysis, Article, CleaningStats, Rejection, SourceRef

__all__ = ["ConnectionLost", "PostgresStore", "migrate", "schema_version", "ts_query"]

T = TypeVar("T")
Conn = psycopg.Connection[tuple[Any, ...]]
Cursor = psycopg.Cursor[tuple[Any, ...]]

_CHUNK = 500
_ARTICLE_COLUMNS = (
    "seq, id, content_hash, path, url, outlet, title, published, published_source, "
    "language, author, text, raw_chars, kept_chars, removed_lines, duplicate_ids, captions"
)
_SCHEME_KEY = "minhash_scheme"
_SEARCH_VERSION = 3  # the migration that created the search indexes
_MIGRATION_LOCK = 0x636F72726F62  # advisory lock key: one migrating process at a time
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_C = 'COLLATE "C"'  # byte order, as SQLite's BINARY collation


class ConnectionLost(StoreError):
    """The connection to PostgreSQL dropped (server restarted or unreachable)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fallback_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _fold_words(text: str) -> list[str]:
    """Words as SQLite's ``unicode61 remove_diacritics 2`` tokenizer sees them: runs of
    letters and digits, lower-cased, without diacritics."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _TOKEN.findall(bare.lower())


def ts_query(text: str) -> str | None:
    """A safe ``to_tsquery('simple', ...)`` string from free text: every word must match,
    the last as a prefix (as ``search.fts_query`` for FTS5). User input never reaches
    tsquery syntax; None when no word is left."""
    words = _fold_words(text)[:MAX_QUERY_TERMS]
    if not words:
        return None
    terms = [f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"]
    return " & ".join(terms)


def _describe(conninfo: str) -> tuple[str, str]:
    """(``postgresql://user@host:port/db`` without the password, ``host:port``)."""
    try:
        params = conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "postgresql://?", "?"
    host = str(params.get("host") or params.get("hostaddr") or "localhost")
    port = str(params.get("port") or "5432")
    user = str(params.get("user") or "")
    db = str(params.get("dbname") or user)
    return f"postgresql://{user + '@' if user else ''}{host}:{port}/{db}", f"{host}:{port}"


def schema_version(conn: Conn) -> int:
    """Schema version of the database (0 for an empty one); follows ``search_path``."""
    row = conn.execute("SELECT to_regclass('schema_version')").fetchone()
    if row is None or row[0] is None:
        return 0
    row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: Conn, target: int = LATEST) -> int:
    """Bring the schema forward to ``target`` (``conn`` in autocommit mode); each migration
    is one transaction, serialised between processes by an advisory lock."""
    current = schema_version(conn)
    if current > LATEST:
        raise StoreError(
            f"database schema version {current} is newer than this Corroborate knows "
            f"({LATEST}); upgrade Corroborate to open it"
        )
    for version, sql in POSTGRES_MIGRATIONS:
        if version <= current or version > target:
            continue
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            now = schema_version(conn)
            if now < version:
                if now == 0:
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS schema_version "
                        "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                    )
                for statement in sql.split(";"):
                    if statement.strip():
                        conn.execute(statement.encode("utf-8"))
                conn.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (%s, %s)",
                    (version, _now()),
                )
        current = version
    return current


class PostgresStore:
    """A :class:`~corroborate.store.base.Store` in a PostgreSQL database.

    ``conninfo`` is a libpq URL or key=value string (``postgresql://user:pw@host/db``;
    ``?options=-csearch_path%3Dmyschema`` puts the tables in another schema). One
    instance is meant for one thread at a time; open another for a second thread.
    """

    def __init__(
        self, conninfo: str, *, connect_timeout: int = 10, reconnect_timeout: float = 30.0
    ) -> None:
        self.conninfo = conninfo
        self.url, self._hostport = _describe(conninfo)
        self._connect_timeout = connect_timeout
        self._reconnect_timeout = reconnect_timeout
        self._depth = 0
        self._lost = False
        self._closed = False
        #: how many times a dropped connection was reopened (diagnostics, tests)
        self.reconnects = 0
        # (dedup, article_id) indexed during the open transaction, undone on rollback.
        self._pending: list[tuple[NearDuplicateIndex, str]] = []
        self._primed: weakref.WeakSet[Any] = weakref.WeakSet()
        self._conn = self._connect()
        try:
            row = self._conn.execute("SHOW server_encoding").fetchone()
            if row is None or str(row[0]).upper() not in ("UTF8", "UNICODE"):
                raise StoreError(
                    f"{self.url}: database encoding is {row[0] if row else '?'}, not UTF8; "
                    "create it with `createdb -E UTF8 -T template0 NAME`"
                )
            before = schema_version(self._conn)
            migrate(self._conn)
            if before and before < _SEARCH_VERSION:
                with self._conn.transaction():
                    self._reindex_all()
        except StoreError:
            self._conn.close()
            raise
        except psycopg.Error as exc:
            self._conn.close()
            raise StoreError(
                f"{self.url}: cannot open as a Corroborate database: {_first_line(exc)}; "
                "check that the role may create tables in the schema on its search_path"
            ) from exc

    # ================================================================ connection

    def _connect(self) -> Conn:
        extra: dict[str, Any] = {}
        if "connect_timeout" not in conninfo_to_dict(self.conninfo):
            extra["connect_timeout"] = self._connect_timeout
        try:
            conn: Conn = psycopg.connect(self.conninfo, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise ConnectionLost(
                f"{self.url}: cannot connect to PostgreSQL: {_first_line(exc)}; check that the "
                f"server is running and accepts TCP connections on {self._hostport} (e.g. "
                "`pg_ctlcluster 15 main start`), and that the URL's user, password and "
                "database exist (`createdb -O USER DBNAME`)"
            ) from exc
        return conn

    def _reconnect(self) -> None:
        """Reopen the connection, trying for up to ``reconnect_timeout`` seconds (a
        restarting server refuses connections for a moment)."""
        with suppress(Exception):
            self._conn.close()
        deadline = time.monotonic() + self._reconnect_timeout
        delay = 0.1
        while True:
            try:
                self._conn = self._connect()
            except ConnectionLost:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
                continue
            self._lost = False
            self.reconnects += 1
            return

    def _is_lost(self, exc: psycopg.Error) -> bool:
        state = exc.sqlstate or ""
        return self._conn.closed or self._conn.broken or state.startswith(("08", "57P"))

    def _exec(self, sql: str, params: Sequence[Any] | None = None) -> Cursor:
        """Run one statement; a dropped connection raises :class:`ConnectionLost`."""
        if self._closed:
            raise StoreError(f"{self.url}: the store is closed")
        if self._lost:
            if self._depth:
                raise ConnectionLost(
                    f"{self.url}: the connection dropped during this transaction; nothing "
                    "of it was committed"
                )
            self._reconnect()
        try:
            return self._conn.execute(sql.encode("utf-8"), params)
        except psycopg.OperationalError as exc:
            if self._is_lost(exc):
                self._lost = True
                where = "during a transaction; nothing of it was committed" if self._depth else ""
                raise ConnectionLost(
                    f"{self.url}: connection to PostgreSQL lost {where}: {_first_line(exc)}"
                ) from exc
            raise StoreError(f"{self.url}: {_first_line(exc)}") from exc
        except psycopg.Error as exc:
            raise StoreError(f"{self.url}: {_first_line(exc)}") from exc

    def _retry(self, fn: Callable[[], T]) -> T:
        """Run ``fn``; outside a transaction, once more after a dropped connection."""
        if self._depth:
            return fn()
        try:
            return fn()
        except ConnectionLost:
            if self._closed:
                raise
            self._reconnect()
            return fn()

    def _one(self, sql: str, params: Sequence[Any] | None = None) -> tuple[Any, ...] | None:
        return self._retry(lambda: self._exec(sql, params).fetchone())

    def _all(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        return self._retry(lambda: self._exec(sql, params).fetchall())

    def _write(self, sql: str, params: Sequence[Any]) -> None:
        # One statement in autocommit mode (or inside the caller's transaction); every
        # write is an upsert, so repeating it after a dropped connection is harmless.
        self._retry(lambda: self._exec(sql, params))

    # ================================================================ lifecycle

    @property
    def connection(self) -> Conn:
        """The underlying connection (for tests and diagnostics)."""
        return self._conn

    def _begin(self) -> None:
        if self._depth == 0:
            self._retry(lambda: self._exec("BEGIN"))
        else:
            self._exec(f"SAVEPOINT sp{self._depth}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: commit when the outermost block ends, roll back if it raises.
        Nested blocks are savepoints."""
        savepoint = f"sp{self._depth}"
        mark = len(self._pending)
        self._begin()
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if not self._lost:
                with suppress(StoreError):
                    if self._depth == 0:
                        self._exec("ROLLBACK")
                    else:
                        self._exec(f"ROLLBACK TO {savepoint}")
                        self._exec(f"RELEASE {savepoint}")
            self._undo(mark)
            raise
        self._depth -= 1
        try:
            if self._depth == 0:
                status = self._exec("COMMIT").statusmessage
                if status != "COMMIT":
                    raise StoreError(
                        f"{self.url}: the transaction was rolled back ({status}): a statement "
                        "in it had failed"
                    )
                self._pending.clear()
            else:
                self._exec(f"RELEASE {savepoint}")
        except StoreError:
            if self._depth == 0:
                self._undo(mark)
            raise

    def _undo(self, mark: int) -> None:
        for dedup, article_id in self._pending[mark:]:
            dedup.remove(article_id)
        del self._pending[mark:]

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if not self._closed:
            self._closed = True
            self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ================================================================ articles

    def add_article(self, article: Article, dedup: NearDuplicateIndex | None = None) -> AddResult:
        """Store ``article`` or merge it into the stored article it duplicates: same id,
        same content hash, or (with ``dedup``) a near-duplicate."""

        def run() -> AddResult:
            with self.transaction():
                return self._add(article, dedup)

        return self._retry(run)

    def add_articles(
        self, batch: Sequence[Article], dedup: NearDuplicateIndex | None = None
    ) -> list[AddResult]:
        """Add a batch in one transaction (all or nothing); later articles of the batch are
        checked against earlier ones too."""

        def run() -> list[AddResult]:
            with self.transaction():
                return [self._add(article, dedup) for article in batch]

        return self._retry(run)

    def _add(self, article: Article, dedup: NearDuplicateIndex | None) -> AddResult:
        if dedup is not None:
            self.prime(dedup)
        sources = self._sources_of(article)
        chash = article.content_hash or _fallback_hash(article.text)
        target = self._resolve_id(article.id)
        if target is None:
            row = self._exec("SELECT id FROM articles WHERE content_hash = %s", (chash,)).fetchone()
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
        self._exec(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS.removeprefix('seq, ')}, minhash, "
            f"created_at) VALUES ({', '.join(['%s'] * 18)})",
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
            cur = self._exec(
                "INSERT INTO article_sources (article_id, path, url, outlet, source_id) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (article_id, ref.path, ref.url, ref.outlet, ref.id),
            )
            if cur.rowcount > 0:
                added += 1
                self._exec("DELETE FROM rejections WHERE path = %s", (ref.path,))
        return added

    def _merge(
        self, target: str, article: Article, sources: list[SourceRef], similarity: float
    ) -> AddResult:
        changed = self._insert_sources(target, sources) > 0
        row = self._exec("SELECT duplicate_ids FROM articles WHERE id = %s", (target,)).fetchone()
        dup_ids: list[str] = json.loads(row[0]) if row else []
        for new_id in (article.id, *article.duplicate_ids):
            if new_id != target and new_id not in dup_ids:
                dup_ids.append(new_id)
                changed = True
        if changed:
            self._exec(
                "UPDATE articles SET duplicate_ids = %s WHERE id = %s",
                (json.dumps(dup_ids), target),
            )
            return AddResult("merged", article.id, target, similarity)
        return AddResult("unchanged", article.id, target, similarity)

    def _exists(self, article_id: str) -> bool:
        return (
            self._exec("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone() is not None
        )

    def _resolve_id(self, article_id: str) -> str | None:
        """The stored article holding ``article_id`` (itself or as a merged duplicate)."""
        if self._exists(article_id):
            return article_id
        row = self._exec(
            "SELECT article_id FROM article_sources WHERE source_id = %s ORDER BY seq LIMIT 1",
            (article_id,),
        ).fetchone()
        return str(row[0]) if row else None

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with this id, or the one a duplicate with this id was merged
        into; None when unknown."""

        def run() -> Article | None:
            target = self._resolve_id(article_id)
            if target is None:
                return None
            rows = self._exec(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = %s", (target,)
            ).fetchall()
            return self._build(rows)[0] if rows else None

        return self._retry(run)

    def articles(self) -> Iterator[Article]:
        """All articles in insertion order, paged from the server (safe to write meanwhile)."""
        yield from self._stream("")

    def articles_without_analysis(self) -> Iterator[Article]:
        """Articles that have no stored analysis yet (to resume an interrupted run)."""
        yield from self._stream(
            "AND NOT EXISTS (SELECT 1 FROM analyses n WHERE n.article_id = articles.id)"
        )

    def _stream(self, condition: str) -> Iterator[Article]:
        last = 0
        while True:
            rows = self._all(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE seq > %s {condition} "
                "ORDER BY seq LIMIT %s",
                (last, _CHUNK),
            )
            if not rows:
                return
            last = int(rows[-1][0])
            yield from self._build_page(rows)

    def _build_page(self, rows: list[tuple[Any, ...]]) -> list[Article]:
        return self._retry(lambda: self._build(rows))

    def _build(self, rows: list[tuple[Any, ...]]) -> list[Article]:
        ids = [r[1] for r in rows]
        refs: dict[str, list[SourceRef]] = {i: [] for i in ids}
        for article_id, path, url, outlet, source_id in self._exec(
            "SELECT article_id, path, url, outlet, source_id FROM article_sources "
            "WHERE article_id = ANY(%s) ORDER BY seq",
            (ids,),
        ).fetchall():
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
        row = self._one("SELECT COUNT(*) FROM articles")
        return int(row[0]) if row else 0

    def has_source(self, path: str) -> bool:
        """True when an article from exactly this source string is stored."""
        return (
            self._one("SELECT 1 FROM article_sources WHERE path = %s LIMIT 1", (path,)) is not None
        )

    # ================================================================ dedup

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Stored ``(article_id, signature)`` pairs with a non-empty signature."""
        last = 0
        while True:
            rows = self._all(
                "SELECT seq, id, minhash FROM articles WHERE seq > %s "
                "AND minhash IS NOT NULL ORDER BY seq LIMIT %s",
                (last, _CHUNK * 4),
            )
            if not rows:
                return
            last = int(rows[-1][0])
            for _, article_id, sig in rows:
                if sig:
                    yield article_id, bytes(sig)

    def prime(self, dedup: NearDuplicateIndex) -> int:
        """Load stored signatures into ``dedup`` once per store. Signatures made under
        another scheme, or missing (articles added without dedup), are recomputed from
        the stored texts first. Returns how many signatures were loaded."""
        if dedup in self._primed:
            return 0

        def refresh() -> None:
            with self.transaction():
                row = self._exec("SELECT value FROM meta WHERE key = %s", (_SCHEME_KEY,)).fetchone()
                stale = not (row and row[0] == dedup.scheme)
                last = 0
                while True:
                    rows = self._exec(
                        "SELECT seq, id, text FROM articles WHERE seq > %s "
                        "AND (minhash IS NULL OR %s) ORDER BY seq LIMIT %s",
                        (last, stale, _CHUNK),
                    ).fetchall()
                    if not rows:
                        break
                    last = int(rows[-1][0])
                    for _, article_id, text in rows:
                        self._exec(
                            "UPDATE articles SET minhash = %s WHERE id = %s",
                            (dedup.signature(text), article_id),
                        )
                self._exec(
                    "INSERT INTO meta (key, value) VALUES (%s, %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (_SCHEME_KEY, dedup.scheme),
                )

        self._retry(refresh)
        loaded = dedup.load(self.signatures())
        # An index that is not weak-referenceable is re-primed on every add (slow but correct).
        with suppress(TypeError):
            self._primed.add(dedup)
        return loaded

    # ================================================================ rejections

    def add_rejection(self, rejection: Rejection) -> None:
        """Record a rejected input (once per path and reason; the time is refreshed)."""
        self._write(
            "INSERT INTO rejections (path, reason, at) VALUES (%s, %s, %s) "
            "ON CONFLICT (path, reason) DO UPDATE SET at = excluded.at",
            (rejection.path, rejection.reason, _now()),
        )

    def rejections(self) -> list[Rejection]:
        """Rejected inputs, oldest first (a path later stored successfully is dropped)."""
        rows = self._all("SELECT path, reason FROM rejections ORDER BY seq")
        return [Rejection(path, reason) for path, reason in rows]

    # ================================================================ analyses

    def put_analysis(self, article_id: str, analysis: Analysis) -> None:
        """Store (or replace) the analysis of a stored article."""
        target = self._retry(lambda: self._resolve_id(article_id))
        if target is None:
            raise StoreError(
                f"{self.url}: no stored article {article_id!r} to attach an analysis to; "
                "add the article first"
            )
        self._write(
            "INSERT INTO analyses (article_id, json, updated_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (article_id) DO UPDATE SET json = excluded.json, "
            "updated_at = excluded.updated_at",
            (target, codec_dumps(analysis), _now()),
        )

    def get_analysis(self, article_id: str) -> Analysis | None:
        def run() -> tuple[Any, ...] | None:
            target = self._resolve_id(article_id) or article_id
            return self._exec(
                "SELECT json FROM analyses WHERE article_id = %s", (target,)
            ).fetchone()

        row = self._retry(run)
        return None if row is None else codec_loads(Analysis, row[0])

    def analyses(self) -> Iterator[tuple[str, Analysis]]:
        """Every stored ``(article_id, analysis)``, paged by article id."""
        last = ""
        while True:
            rows = self._all(
                f"SELECT article_id, json FROM analyses WHERE article_id {_C} > %s "
                f"ORDER BY article_id {_C} LIMIT %s",
                (last, _CHUNK),
            )
            if not rows:
                return
            last = rows[-1][0]
            for article_id, text in rows:
                yield article_id, codec_loads(Analysis, text)

    def analysis_notes(self) -> dict[str, tuple[str, ...]]:
        rows = self._all(
            "SELECT article_id, (json::json)->>'notes' FROM analyses "
            "WHERE json_array_length((json::json)->'notes') > 0",
            (),
        )
        return {article_id: tuple(json.loads(notes)) for article_id, notes in rows}

    # ================================================================ state

    def get_state(self, key: str) -> Any:
        """A JSON value a stage persisted between runs (e.g. the story index), or None."""
        row = self._one("SELECT value FROM meta WHERE key = %s", (f"state:{key}",))
        return None if row is None else json.loads(row[0])

    def put_state(self, key: str, value: Any) -> None:
        """Persist a JSON-able value under ``key`` (replacing any earlier one)."""
        self._write(
            "INSERT INTO meta (key, value) VALUES (%s, %s) "
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

        def run() -> None:
            with self.transaction():
                if replace:
                    self._exec("DELETE FROM stories")
                    self._clear_index()
                now = _now()
                for story in stories:
                    self._exec(
                        "INSERT INTO stories (id, json, updated_at) VALUES (%s, %s, %s) "
                        "ON CONFLICT (id) DO UPDATE SET json = excluded.json, "
                        "updated_at = excluded.updated_at",
                        (story["id"], json.dumps(story, ensure_ascii=False), now),
                    )
                    self._index_story(story)

        self._retry(run)

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        """Remove stories by id (e.g. stories merged into others); unknown ids are ignored."""
        ids = list(story_ids)

        def run() -> None:
            with self.transaction():
                self._exec("DELETE FROM stories WHERE id = ANY(%s)", (ids,))
                self._unindex(ids)

        self._retry(run)

    def stories(self) -> list[dict[str, Any]]:
        """Stored stories in the order they were first stored."""
        return [json.loads(r[0]) for r in self._all("SELECT json FROM stories ORDER BY seq")]

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT json FROM stories WHERE id = %s", (story_id,))
        return None if row is None else dict(json.loads(row[0]))

    # ================================================================ search indexes

    def _unindex(self, story_ids: list[str]) -> None:
        for table in (
            "story_fts",
            "story_facets",
            "story_outlets",
            "story_articles",
            "story_entities",
        ):
            self._exec(f"DELETE FROM {table} WHERE story_id = ANY(%s)", (story_ids,))

    def _clear_index(self) -> None:
        self._exec(
            "TRUNCATE story_fts, story_facets, story_outlets, story_articles, story_entities"
        )

    def _article_rows(self, ids: list[str]) -> list[tuple[str, Any, Any, str]]:
        """(requested id, outlet, title, text) of the stored articles among ``ids``."""
        out = []
        for article_id in ids:
            row = self._exec(
                "SELECT outlet, title, text FROM articles WHERE id = %s", (article_id,)
            ).fetchone()
            if row is None:
                row = self._exec(
                    "SELECT a.outlet, a.title, a.text FROM article_sources s "
                    "JOIN articles a ON a.id = s.article_id WHERE s.source_id = %s "
                    "ORDER BY s.seq LIMIT 1",
                    (article_id,),
                ).fetchone()
            if row is not None:
                out.append((article_id, row[0], row[1], row[2]))
        return out

    def _index_story(self, story: dict[str, Any]) -> None:
        """(Re)index one dossier story entry, inside the transaction that stores it; the
        same fields as ``search.index_story`` indexes in SQLite."""
        story_id = str(story["id"])
        self._unindex([story_id])
        article_ids = [str(a) for a in story.get("article_ids") or []]
        rows = self._article_rows(article_ids)
        outlets = sorted({str(r[1]) for r in rows if r[1]})
        entities = [e for e in story.get("entities") or [] if isinstance(e, dict) and e.get("id")]
        title = str(story.get("title") or "")
        parts = [title]
        parts += [f"{r[2] or ''}\n{r[3] or ''}" for r in rows]
        parts += [
            " ".join([str(e.get("name") or ""), *[str(a) for a in e.get("aliases") or []]])
            for e in entities
        ]
        # Positions are stripped (search needs only the words), which keeps a story of
        # many long articles far below tsvector's 1 MB limit.
        words = sorted({w for part in parts for w in _fold_words(part)})
        self._exec(
            "INSERT INTO story_fts (story_id, document) "
            "VALUES (%s, strip(to_tsvector('simple', %s)))",
            (story_id, " ".join(words)),
        )
        self._exec(
            "INSERT INTO story_facets (story_id, title, first_published, last_published, "
            "n_articles, n_conflicts, outlets, updated_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
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
        for outlet in outlets:
            self._exec(
                "INSERT INTO story_outlets (story_id, outlet) VALUES (%s, %s) "
                "ON CONFLICT DO NOTHING",
                (story_id, outlet),
            )
        for article_id in article_ids:
            self._exec(
                "INSERT INTO story_articles (story_id, article_id) VALUES (%s, %s) "
                "ON CONFLICT DO NOTHING",
                (story_id, article_id),
            )
        for e in entities:
            self._exec(
                "INSERT INTO story_entities (entity_id, story_id, name, type, mentions) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (
                    str(e["id"]),
                    story_id,
                    str(e.get("name") or e["id"]),
                    str(e.get("type") or ""),
                    len(e.get("mentions") or []),
                ),
            )

    def _reindex_all(self) -> int:
        """Rebuild every index from the stored stories; returns how many were indexed."""
        self._clear_index()
        n = 0
        for (text,) in self._exec("SELECT json FROM stories ORDER BY seq").fetchall():
            self._index_story(json.loads(text))
            n += 1
        return n

    # ================================================================ search

    def search_stories(self, query: StoryQuery) -> tuple[list[dict[str, Any]], int]:
        """Story summaries matching ``query`` (full text + filters), newest first, and the
        total number of matches."""
        where: list[str] = []
        params: list[Any] = []
        if query.text and (match := ts_query(query.text)):
            where.append(
                "f.story_id IN (SELECT story_id FROM story_fts "
                "WHERE document @@ to_tsquery('simple', %s))"
            )
            params.append(match)
        if query.outlet:
            where.append("f.story_id IN (SELECT story_id FROM story_outlets WHERE outlet = %s)")
            params.append(query.outlet)
        if query.since:
            where.append(f"f.last_published {_C} >= %s")
            params.append(query.since)
        if query.until:
            where.append(f"f.first_published {_C} <= %s")
            params.append(query.until)
        if query.conflicts is not None:
            where.append("f.n_conflicts > 0" if query.conflicts else "f.n_conflicts = 0")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        order = f"COALESCE(f.last_published, '') {_C} DESC, f.story_id {_C}"

        def run() -> tuple[list[tuple[Any, ...]], int]:
            row = self._exec(f"SELECT COUNT(*) FROM story_facets f {clause}", params).fetchone()
            rows = self._exec(
                "SELECT f.story_id, f.title, f.first_published, f.last_published, "
                f"f.n_articles, f.n_conflicts, f.outlets FROM story_facets f {clause} "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, query.limit, query.offset],
            ).fetchall()
            return rows, int(row[0]) if row else 0

        rows, total = self._retry(run)
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
            for r in rows
        ], total

    def list_outlets(self) -> list[str]:
        """Outlets that have at least one story, alphabetically."""
        rows = self._all(f"SELECT DISTINCT outlet {_C} AS o FROM story_outlets ORDER BY o")
        return [str(r[0]) for r in rows]

    def list_entities(
        self, text: str | None = None, *, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Entities across stories (most stories first), optionally those whose name
        contains ``text`` (case-insensitive), and the total number of matches."""
        clause, params = "", []
        if text and text.strip():
            escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clause = "WHERE name ILIKE %s ESCAPE '\\'"
            params.append(f"%{escaped}%")

        def run() -> tuple[list[tuple[Any, ...]], int]:
            row = self._exec(
                f"SELECT COUNT(DISTINCT entity_id) FROM story_entities {clause}", params
            ).fetchone()
            rows = self._exec(
                f"SELECT entity_id, MAX(name {_C}), MAX(type {_C}), COUNT(*), SUM(mentions) "
                f"FROM story_entities {clause} GROUP BY entity_id "
                f"ORDER BY COUNT(*) DESC, SUM(mentions) DESC, entity_id {_C} "
                "LIMIT %s OFFSET %s",
                [*params, limit, offset],
            ).fetchall()
            return rows, int(row[0]) if row else 0

        rows, total = self._retry(run)
        return [
            {"id": r[0], "name": r[1], "type": r[2], "n_stories": r[3], "n_mentions": int(r[4])}
            for r in rows
        ], total

    def entity_story_ids(self, entity_id: str) -> list[str]:
        """Stories an entity (a global id from the entity registry) appears in, newest first."""
        rows = self._all(
            "SELECT e.story_id FROM story_entities e LEFT JOIN story_facets f "
            "ON f.story_id = e.story_id WHERE e.entity_id = %s "
            f"ORDER BY COALESCE(f.last_published, '') {_C} DESC, e.story_id {_C}",
            (entity_id,),
        )
        return [str(r[0]) for r in rows]

    def article_story_ids(self, article_id: str) -> list[str]:
        """Stories that include an article (also found by a merged duplicate's id)."""

        def run() -> list[str]:
            target = self._resolve_id(article_id) or article_id
            rows = self._exec(
                "SELECT DISTINCT story_id FROM story_articles WHERE article_id = ANY(%s)",
                ([target, article_id],),
            ).fetchall()
            return sorted(str(r[0]) for r in rows)

        return self._retry(run)

    def source_article_ids(self, path: str) -> list[str]:
        """Stored articles that came from ``path`` exactly or from a line or record of it
        (``path:LINE``, ``path#record-N``), in storage order."""
        rows = self._all(
            "SELECT article_id FROM article_sources WHERE path = %s "
            "OR left(path, %s) IN (%s, %s) ORDER BY seq",
            (path, len(path) + 1, path + ":", path + "#"),
        )
        return list(dict.fromkeys(str(r[0]) for r in rows))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
