"""The one :class:`~corroborate.store.base.Store` implementation, on SQLAlchemy Core.

:class:`SQLStore` holds one connection in autocommit mode: a write outside a transaction
commits at once, ``with store.transaction():`` issues ``BEGIN``/``COMMIT`` and nested
blocks are savepoints. What the databases do differently (connecting, the order of
``articles``, byte-order comparison of text, full-text search, JSON paths) is a handful
of hooks that ``sqlite.py`` and ``postgres.py`` fill in. Opening a store migrates it
(``migrate.py``). Statements run per article go through :meth:`SQLStore._run` (compiled
once by SQLAlchemy, run on the driver's cursor); the others through SQLAlchemy's
``Connection.execute``.

A dropped connection (a server restarted) is reopened: an operation outside a
transaction is retried once; inside one, the transaction fails with
:class:`ConnectionLost` and the next operation reconnects.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any, ClassVar, TypeVar

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Engine,
    Executable,
    Select,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    text,
    true,
    update,
)
from sqlalchemy import Connection as SAConnection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from corroborate.clean.dedup import distinct_short_texts
from corroborate.errors import StoreError
from corroborate.store import migrate
from corroborate.store.base import AddResult, Decision, NearDuplicateIndex, Review
from corroborate.store.codec import dumps as codec_dumps
from corroborate.store.codec import loads as codec_loads
from corroborate.store.schema import (
    analyses,
    article_sources,
    articles,
    holder,
    meta,
    now,
    rejections,
    reviews,
)
from corroborate.store.schema import stories as stories_table
from corroborate.store.search import SearchIndex
from corroborate.types import Analysis, Article, CleaningStats, Rejection, SourceRef

__all__ = ["ConnectionLost", "SQLStore"]

T = TypeVar("T")

_CHUNK = 500
_SCHEME_KEY = "minhash_scheme"
_A = articles.c
_S = article_sources.c
_ARTICLE_COLUMNS = (
    _A.id,
    _A.content_hash,
    _A.path,
    _A.url,
    _A.outlet,
    _A.title,
    _A.published,
    _A.published_source,
    _A.language,
    _A.author,
    _A.text,
    _A.raw_chars,
    _A.kept_chars,
    _A.removed_lines,
    _A.duplicate_ids,
    _A.captions,
)

# Columns stored as the article has them (the others are derived in ``_add``).
_ARTICLE_FIELDS = tuple(
    c.name
    for c in articles.c
    if c.name in {f.name for f in dataclasses.fields(Article)}
    and c.name not in ("content_hash", "duplicate_ids", "captions")
)


class ConnectionLost(StoreError):
    """The connection to the database dropped (server restarted or unreachable)."""


def first_line(exc: BaseException) -> str:
    """The first line of a driver error (without SQLAlchemy's statement dump)."""
    inner = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    message = str(inner).strip()
    return message.splitlines()[0] if message else type(inner).__name__


def _fallback_hash(text_: str) -> str:
    return hashlib.sha256(" ".join(text_.split()).encode("utf-8")).hexdigest()


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


class SQLStore(SearchIndex):
    """A store in a SQL database; subclasses say how to connect and what differs."""

    #: Starts the outermost transaction (SQLite takes the write lock at once).
    begin_sql: ClassVar[str] = "BEGIN"
    #: What to check when an existing database cannot be opened.
    open_hint: ClassVar[str] = "check the location of the database"
    #: How the database is named in messages (a path, or a URL without password).
    name: str
    #: How many times a dropped connection was reopened (diagnostics, tests).
    reconnects: int

    def __init__(self, *, reconnect_timeout: float = 0.0) -> None:
        self._reconnect_timeout = reconnect_timeout
        self._depth = 0
        self._lost = False
        self._closed = False
        self.reconnects = 0
        # (dedup, article_id) indexed during the open transaction, undone on rollback.
        self._pending: list[tuple[NearDuplicateIndex, str]] = []
        self._primed: weakref.WeakSet[Any] = weakref.WeakSet()
        self._upserts: dict[tuple[str, tuple[str, ...], tuple[str, ...]], ClauseElement] = {}
        self._compiled: dict[tuple[ClauseElement, tuple[str, ...]], tuple[str, Any, Any]] = {}
        self._raw: Any = None
        self._engine = self._create_engine()
        # run by _run: the cursor's rowcount says whether the row was new
        self._add_source = self._insert(article_sources).on_conflict_do_nothing()
        self._conn = self._connect()
        try:
            self._on_open()
            self._migrate()
        except BaseException as exc:
            self.close()
            cause = exc.__cause__
            if isinstance(exc, ConnectionLost) or not isinstance(cause, SQLAlchemyError):
                raise
            raise StoreError(
                f"{self.name}: cannot open as a Corroborate database: {first_line(cause)}; "
                f"{self.open_hint}"
            ) from exc

    # ================================================================ dialect hooks

    def _create_engine(self) -> Engine:
        """An engine in AUTOCOMMIT mode without a pool (one connection per store)."""
        raise NotImplementedError

    def _connect_error(self, exc: SQLAlchemyError) -> StoreError:
        """What to raise when the database cannot be reached."""
        raise NotImplementedError

    def _on_open(self) -> None:
        """Checks and settings after connecting."""

    def _migration_lock(self) -> None:
        """Serialise migrating processes (inside the migration's transaction)."""

    def _create_dialect_tables(self, conn: SAConnection) -> None:
        """Create what the shared tables lack (full-text search; a new database)."""
        raise NotImplementedError

    def _is_disconnect(self, exc: DBAPIError) -> bool:
        return bool(exc.connection_invalidated)

    def _transaction_failed(self) -> bool:
        """True when the open transaction can only roll back (a statement failed)."""
        return False

    def _article_order(self) -> ColumnElement[int]:
        """The column that keeps the insertion order of ``articles``."""
        raise NotImplementedError

    def _insert(self, table: Table) -> Any:
        """The dialect's INSERT (an ``Insert`` with ``on_conflict_do_*``)."""
        raise NotImplementedError

    def _notes(self) -> tuple[ColumnElement[Any], ColumnElement[bool]]:
        """(JSON text of ``analyses.json``'s notes, whether it has any)."""
        raise NotImplementedError

    # ================================================================ connection

    def _connect(self) -> SAConnection:
        try:
            conn = self._engine.connect()
        except SQLAlchemyError as exc:
            raise self._connect_error(exc) from exc
        self._raw = conn.connection.dbapi_connection
        return conn

    def _migrate(self) -> None:
        try:
            if migrate.current(self._conn) == migrate.HEAD:
                return  # the usual case: no write lock, no Alembic
            self._exec(self.begin_sql)
            try:
                self._migration_lock()
                migrate.upgrade(self._conn, self.name, self._create_dialect_tables)
            except BaseException:
                with suppress(SQLAlchemyError, StoreError):
                    self._conn.exec_driver_sql("ROLLBACK")
                raise
            self._exec("COMMIT")
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.name}: cannot migrate the schema: {first_line(exc)}") from exc

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

    def _ready(self) -> None:
        """Refuse a closed store; reconnect a lost connection outside a transaction."""
        if self._closed:
            raise StoreError(f"{self.name}: the store is closed")
        if self._lost:
            if self._depth:
                raise ConnectionLost(
                    f"{self.name}: the connection dropped during this transaction; nothing "
                    "of it was committed"
                )
            self._reconnect()

    def _failure(self, exc: DBAPIError) -> StoreError:
        """The store's error for a driver error (a dropped connection is remembered)."""
        if self._is_disconnect(exc):
            self._lost = True
            where = "during a transaction; nothing of it was committed" if self._depth else ""
            return ConnectionLost(f"{self.name}: connection lost {where}: {first_line(exc)}")
        return StoreError(f"{self.name}: {first_line(exc)}")

    def _exec(
        self, statement: Executable | str, params: Any = None
    ) -> CursorResult[*tuple[Any, ...]]:
        """Run one statement; a dropped connection raises :class:`ConnectionLost`, any
        other database error :class:`StoreError`."""
        self._ready()
        try:
            if isinstance(statement, str):
                return self._conn.execute(text(statement), params)
            return self._conn.execute(statement, params)
        except DBAPIError as exc:
            raise self._failure(exc) from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.name}: {first_line(exc)}") from exc

    def _run(self, statement: ClauseElement, params: dict[str, Any], *more: dict[str, Any]) -> Any:
        """Run a statement of the per-article path on the driver's cursor, which it returns.

        SQLAlchemy compiles the statement once per store; running it without SQLAlchemy's
        execution layer saves about 35 µs a statement, most of what the store costs per
        article. Only for statements whose parameters are plain values (no expanding IN)
        and whose columns need no result processing (text, numbers, bytes). ``more``
        rows (with the same keys as ``params``) run the statement once per row.
        """
        self._ready()
        shape = (statement, tuple(params))
        compiled = self._compiled.get(shape)
        if compiled is None:
            form = statement.compile(dialect=self._engine.dialect, column_keys=list(params))
            assert isinstance(form, SQLCompiler)
            # values the statement holds itself (e.g. LIMIT 1)
            fixed = {n: b.effective_value for b, n in form.bind_names.items() if not b.required}
            compiled = self._compiled[shape] = (str(form), form.positiontup, fixed)
        sql, names, fixed = compiled
        rows = [{**fixed, **row} if fixed else row for row in (params, *more)]
        args = [[row[name] for name in names] if names is not None else row for row in rows]
        dbapi = self._engine.dialect.loaded_dbapi
        cursor = self._raw.cursor()
        try:
            if more:  # the same statement for every row (rows with the same keys)
                cursor.executemany(sql, args)
            else:
                cursor.execute(sql, args[0])
        except dbapi.Error as exc:
            lost = self._engine.dialect.is_disconnect(exc, self._raw, cursor)
            wrapped = DBAPIError.instance(sql, args, exc, dbapi.Error, connection_invalidated=lost)
            assert isinstance(wrapped, DBAPIError)
            raise self._failure(wrapped) from exc
        return cursor

    def _value(self, statement: ClauseElement, params: dict[str, Any]) -> Any:
        """The first column of the first row of a hot query (None when empty)."""
        row = self._run(statement, params).fetchone()
        return None if row is None else row[0]

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

    def _one(self, statement: Executable, params: Any = None) -> Any:
        """The first row of a query (None when empty), retried after a dropped connection."""
        return self._retry(lambda: self._exec(statement, params).first())

    def _all(self, statement: Executable, params: Any = None) -> list[Any]:
        return self._retry(lambda: list(self._exec(statement, params).all()))

    def _write(self, table: Table, keys: Sequence[str], values: dict[str, Any]) -> None:
        # One statement commits on its own (or with the caller's transaction); every write
        # is an upsert, so repeating it after a dropped connection is harmless.
        self._retry(lambda: self._upsert(table, keys, values))

    def _upsert(self, table: Table, keys: Sequence[str], values: dict[str, Any]) -> None:
        """Insert ``values`` into ``table``, or update the row that has the same ``keys``."""
        shape = (table.name, tuple(keys), tuple(values))
        statement = self._upserts.get(shape)
        if statement is None:  # built once: building one costs more than running it
            new = self._insert(table)
            changed = {k: new.excluded[k] for k in values if k not in keys}
            statement = new.on_conflict_do_update(index_elements=list(keys), set_=changed)
            self._upserts[shape] = statement
        self._run(statement, values)

    # ================================================================ lifecycle

    @property
    def sa_connection(self) -> SAConnection:
        """The SQLAlchemy connection (Alembic's command line migrates through it)."""
        return self._conn

    @property
    def connection(self) -> Any:
        """The driver's connection (for tests and diagnostics)."""
        return self._conn.connection.dbapi_connection

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: commit when the outermost block ends, roll back if it raises.
        Nested blocks are savepoints."""
        savepoint = f"sp{self._depth}"
        mark = len(self._pending)
        if self._depth == 0:
            self._retry(lambda: self._exec(self.begin_sql))
        else:
            self._exec(f"SAVEPOINT {savepoint}")
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
                        self._exec(f"ROLLBACK TO SAVEPOINT {savepoint}")
                        self._exec(f"RELEASE SAVEPOINT {savepoint}")
            self._undo(mark)
            raise
        self._depth -= 1
        try:
            if self._depth:
                self._exec(f"RELEASE SAVEPOINT {savepoint}")
                return
            if self._transaction_failed():
                self._exec("ROLLBACK")
                raise StoreError(
                    f"{self.name}: the transaction was rolled back: a statement in it had failed"
                )
            self._exec("COMMIT")
            self._pending.clear()
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
            with suppress(SQLAlchemyError):
                self._conn.close()
            self._engine.dispose()

    def __enter__(self) -> SQLStore:
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
        sources = _sources_of(article)
        chash = article.content_hash or _fallback_hash(article.text)
        target = self._value(_RESOLVE, {"i": article.id})
        if target is None:
            target, chash = self._same_content(article, chash)
        if target is not None:
            return self._merge(target, article, sources, 1.0)
        signature: bytes | None = None
        if dedup is not None:
            signature = dedup.signature(article.text)
            found = dedup.match_signature(signature)
            if found is not None and self._mergeable(found[0], article):
                return self._merge(found[0], article, sources, found[1])
        stats = article.cleaning
        self._run(
            _INSERT_ARTICLE,
            {
                **{field: getattr(article, field) for field in _ARTICLE_FIELDS},
                "content_hash": chash,
                "raw_chars": stats.raw_chars if stats else None,
                "kept_chars": stats.kept_chars if stats else None,
                "removed_lines": stats.removed_lines if stats else None,
                "duplicate_ids": json.dumps(list(article.duplicate_ids)),
                "captions": json.dumps(list(article.captions), ensure_ascii=False),
                "minhash": signature,
                "created_at": now(),
            },
        )
        self._insert_sources(article.id, sources)
        if dedup is not None and signature is not None:
            dedup.add_signature(article.id, signature)
            self._pending.append((dedup, article.id))
        return AddResult("added", article.id)

    def _insert_sources(self, article_id: str, sources: Iterable[SourceRef]) -> int:
        added = 0
        for ref in sources:
            row = {
                "article_id": article_id,
                "path": ref.path,
                "url": ref.url,
                "outlet": ref.outlet,
                "source_id": ref.id,
            }
            if self._run(self._add_source, row).rowcount > 0:
                added += 1
                self._run(_CLEAR_REJECTIONS, {"p": ref.path})
        return added

    def _merge(
        self, target: str, article: Article, sources: list[SourceRef], similarity: float
    ) -> AddResult:
        changed = self._insert_sources(target, sources) > 0
        stored = self._value(_DUPLICATE_IDS, {"i": target})
        dup_ids: list[str] = json.loads(stored) if stored else []
        for new_id in (article.id, *article.duplicate_ids):
            if new_id != target and new_id not in dup_ids:
                dup_ids.append(new_id)
                changed = True
        if changed:
            self._run(_SET_DUPLICATE_IDS, {"i": target, "d": json.dumps(dup_ids)})
            return AddResult("merged", article.id, target, similarity)
        return AddResult("unchanged", article.id, target, similarity)

    def _same_content(self, article: Article, chash: str) -> tuple[str | None, str]:
        """The stored article whose text ``article`` repeats exactly, and the hash to store
        ``article`` under. An identical short text under a different title (one
        registration wall on two pages about different events) is no copy
        (:meth:`_mergeable`): such a page is stored, or matched, under a hash of its title
        and text."""
        found = self._value(_BY_HASH, {"h": chash})
        if found is None or self._mergeable(found, article):
            return found, chash
        titled = _fallback_hash(f"{article.title or ''}\n{article.text}")
        return self._value(_BY_HASH, {"h": titled}), titled

    def _mergeable(self, target: str, article: Article) -> bool:
        """Whether ``article`` may merge into its near-duplicate ``target``: it exists and
        is not a different short article (:func:`~corroborate.clean.dedup.distinct_short_texts`)."""
        row = self._run(_TITLE, {"i": target}).fetchone()
        return row is not None and not distinct_short_texts(article.text, article.title, row[0])

    def _resolve_id(self, article_id: str) -> str | None:
        """The stored article holding ``article_id`` (itself or as a merged duplicate)."""
        found = self._value(_RESOLVE, {"i": article_id})
        return None if found is None else str(found)

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with this id, or the one a duplicate with this id was merged
        into; None when unknown."""

        def run() -> Article | None:
            rows = self._run(_ARTICLE, {"i": article_id}).fetchall()
            return self._build(rows)[0] if rows else None

        return self._retry(run)

    def articles(self) -> Iterator[Article]:
        """All articles in insertion order, paged by keyset (safe to write meanwhile)."""
        yield from self._stream(None)

    def articles_without_analysis(self) -> Iterator[Article]:
        """Articles that have no stored analysis yet (to resume an interrupted run)."""
        yield from self._stream(~exists().where(analyses.c.article_id == _A.id))

    def _stream(self, condition: ColumnElement[bool] | None) -> Iterator[Article]:
        order = self._article_order()
        query = select(order, *_ARTICLE_COLUMNS).limit(_CHUNK)
        if condition is not None:
            query = query.where(condition)
        for rows in self._pages(query, order, 0):
            yield from self._retry(functools.partial(self._build, [r[1:] for r in rows]))

    def _pages(self, query: Select[Any], key: ColumnElement[Any], start: Any) -> Iterator[Any]:
        """Lists of rows of ``query`` (its first column is ``key``), paged by keyset: a
        page is read when it is needed, writing between pages is fine, and a dropped
        connection costs one page, not the iteration."""
        last = start
        while rows := self._all(query.where(key > last).order_by(key)):
            last = rows[-1][0]
            yield rows

    def _build(self, rows: Sequence[Any]) -> list[Article]:
        ids = [r[0] for r in rows]
        refs: dict[str, list[SourceRef]] = {i: [] for i in ids}
        found = (
            self._run(_SOURCES_OF_ONE, {"i": ids[0]}).fetchall()
            if len(ids) == 1
            else self._exec(_SOURCES_OF, {"ids": ids}).all()
        )
        for article_id, path, url, outlet, source_id in found:
            refs[article_id].append(SourceRef(path, url, outlet, source_id))
        out = []
        for r in rows:
            (aid, chash, path, url, outlet, title, published, psource) = r[:8]
            language, author, body, raw, kept, removed, dups, captions = r[8:]
            out.append(
                Article(
                    id=aid,
                    path=path,
                    text=body,
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
        return int(self._one(select(func.count()).select_from(articles))[0])

    def has_source(self, path: str) -> bool:
        """True when an article from exactly this source string is stored."""
        return self._one(select(true()).where(_S.path == path).limit(1)) is not None

    # ================================================================ dedup

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Stored ``(article_id, signature)`` pairs with a non-empty signature."""
        order = self._article_order()
        query = select(order, _A.id, _A.minhash).where(_A.minhash.is_not(None)).limit(_CHUNK * 4)
        for rows in self._pages(query, order, 0):
            for _, article_id, sig in rows:
                if sig:
                    yield article_id, bytes(sig)

    def prime(self, dedup: NearDuplicateIndex) -> int:
        """Load stored signatures into ``dedup`` once per store. Signatures made under
        another scheme, or missing (articles added without dedup), are recomputed from
        the stored texts first. Returns how many signatures were loaded."""
        if dedup in self._primed:
            return 0
        self._retry(lambda: self._refresh_signatures(dedup))
        loaded = dedup.load(self.signatures())
        # An index that is not weak-referenceable is re-primed on every add (slow but correct).
        with suppress(TypeError):
            self._primed.add(dedup)
        return loaded

    def _refresh_signatures(self, dedup: NearDuplicateIndex) -> None:
        order = self._article_order()
        with self.transaction():
            scheme = self._exec(select(meta.c.value).where(meta.c.key == _SCHEME_KEY)).scalar()
            todo = true() if scheme != dedup.scheme else _A.minhash.is_(None)
            query = select(order, _A.id, _A.text).where(todo).limit(_CHUNK)
            for rows in self._pages(query, order, 0):
                for _, article_id, body in rows:
                    self._run(_SET_MINHASH, {"i": article_id, "m": dedup.signature(body)})
            self._upsert(meta, ["key"], {"key": _SCHEME_KEY, "value": dedup.scheme})

    # ================================================================ rejections

    def add_rejection(self, rejection: Rejection) -> None:
        """Record a rejected input (once per path and reason; the time is refreshed)."""
        values = {"path": rejection.path, "reason": rejection.reason, "at": now()}
        self._write(rejections, ["path", "reason"], values)

    def rejections(self) -> list[Rejection]:
        """Rejected inputs, oldest first (a path later stored successfully is dropped)."""
        rows = self._all(select(rejections.c.path, rejections.c.reason).order_by(rejections.c.seq))
        return [Rejection(path, reason) for path, reason in rows]

    # ================================================================ analyses

    def put_analysis(self, article_id: str, analysis: Analysis) -> None:
        """Store (or replace) the analysis of a stored article."""
        target = self._retry(lambda: self._resolve_id(article_id))
        if target is None:
            raise StoreError(
                f"{self.name}: no stored article {article_id!r} to attach an analysis to; "
                "add the article first"
            )
        values = {"article_id": target, "json": codec_dumps(analysis), "updated_at": now()}
        self._write(analyses, ["article_id"], values)

    def get_analysis(self, article_id: str) -> Analysis | None:
        def run() -> Any:
            return self._value(_ANALYSIS, {"i": article_id})

        stored = self._retry(run)
        return None if stored is None else codec_loads(Analysis, stored)

    def analyses(self) -> Iterator[tuple[str, Analysis]]:
        """Every stored ``(article_id, analysis)``, paged by article id."""
        key = self.binary(analyses.c.article_id)
        query = select(analyses.c.article_id, analyses.c.json).limit(_CHUNK)
        for rows in self._pages(query, key, ""):
            for article_id, stored in rows:
                yield article_id, codec_loads(Analysis, stored)

    def analysis_notes(self) -> dict[str, tuple[str, ...]]:
        notes, has_notes = self._notes()
        rows = self._all(select(analyses.c.article_id, notes).where(has_notes))
        return {article_id: tuple(json.loads(found)) for article_id, found in rows}

    # ================================================================ state

    def get_state(self, key: str) -> Any:
        """A JSON value a stage persisted between runs (e.g. the story index), or None."""
        row = self._one(select(meta.c.value).where(meta.c.key == f"state:{key}"))
        return None if row is None else json.loads(row[0])

    def put_state(self, key: str, value: Any) -> None:
        """Persist a JSON-able value under ``key`` (replacing any earlier one)."""
        values = {"key": f"state:{key}", "value": json.dumps(value, ensure_ascii=False)}
        self._write(meta, ["key"], values)

    # ================================================================ stories

    def put_stories(self, stories: Sequence[dict[str, Any]], *, replace: bool = False) -> None:
        """Upsert stories by their ``id``; with ``replace`` the stored set becomes exactly
        ``stories`` (one transaction). The search indexes follow in the same transaction."""
        for story in stories:
            if not isinstance(story, dict) or not isinstance(story.get("id"), str):
                raise StoreError(f"a story must be a JSON object with a string 'id': {story!r}")

        def run() -> None:
            with self.transaction():
                if replace:
                    self._exec(delete(stories_table))
                    self._clear_index()
                stamp = now()
                for story in stories:
                    values = {
                        "id": story["id"],
                        "json": json.dumps(story, ensure_ascii=False),
                        "updated_at": stamp,
                    }
                    self._upsert(stories_table, ["id"], values)
                    self._index_story(story)

        self._retry(run)

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        """Remove stories by id (e.g. stories merged into others); unknown ids are ignored."""
        ids = list(story_ids)

        def run() -> None:
            with self.transaction():
                self._exec(delete(stories_table).where(stories_table.c.id.in_(ids)))
                self._unindex(ids)

        self._retry(run)

    def stories(self) -> list[dict[str, Any]]:
        """Stored stories in the order they were first stored."""
        rows = self._all(select(stories_table.c.json).order_by(stories_table.c.seq))
        return [json.loads(r[0]) for r in rows]

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        row = self._one(select(stories_table.c.json).where(stories_table.c.id == story_id))
        return None if row is None else dict(json.loads(row[0]))

    # ================================================================ reviews

    def put_review(self, review: Review) -> Review:
        """Store (or replace) the review of ``review.fact_id``; the first review's time is
        kept as ``created_at``."""
        if review.decision not in ("confirmed", "dismissed"):
            raise StoreError(
                f"a review's decision is 'confirmed' or 'dismissed', not {review.decision!r}"
            )
        stamp = now()

        def run() -> Review:
            with self.transaction():
                before = self._one(
                    select(reviews.c.created_at).where(reviews.c.fact_id == review.fact_id)
                )
                stored = dataclasses.replace(
                    review, created_at=before[0] if before else stamp, updated_at=stamp
                )
                values = {
                    **{f: getattr(stored, f) for f in _REVIEW_FIELDS if f != "evidence"},
                    "evidence": json.dumps([list(e) for e in stored.evidence]),
                }
                self._upsert(reviews, ["fact_id"], values)
                return stored

        return self._retry(run)

    def get_review(self, fact_id: str) -> Review | None:
        rows = self._all(select(*_REVIEW_COLUMNS).where(reviews.c.fact_id == fact_id))
        return _review(rows[0]) if rows else None

    def reviews(self) -> list[Review]:
        """Every review, oldest first (then by fact id)."""
        query = select(*_REVIEW_COLUMNS).order_by(reviews.c.created_at, reviews.c.fact_id)
        return [_review(row) for row in self._all(query)]

    def delete_review(self, fact_id: str) -> bool:
        def run() -> bool:
            done = self._exec(delete(reviews).where(reviews.c.fact_id == fact_id))
            return bool(done.rowcount)

        return self._retry(run)

    def set_source_outlet(self, result: AddResult, outlet: str) -> None:
        """Name the outlet of an input: its source row, and its article when it added one
        (a merged input leaves the article's own outlet alone)."""
        target, source_id = result.stored_id, result.article_id

        def run() -> None:
            with self.transaction():
                self._exec(
                    update(article_sources)
                    .where((_S.article_id == target) & (_S.source_id == source_id))
                    .values(outlet=outlet)
                )
                if result.status == "added":
                    self._exec(update(articles).where(_A.id == target).values(outlet=outlet))

        self._retry(run)

    # ================================================================ sources

    def source_article_ids(self, path: str) -> list[str]:
        """Stored articles that came from ``path`` exactly or from a line or record of it
        (``path:LINE``, ``path#record-N``), in storage order."""
        within = func.substr(_S.path, 1, len(path) + 1).in_([path + ":", path + "#"])
        query = select(_S.article_id).where((_S.path == path) | within).order_by(_S.seq)
        return list(dict.fromkeys(str(r[0]) for r in self._all(query)))


_REVIEW_FIELDS = tuple(f.name for f in dataclasses.fields(Review))
_REVIEW_COLUMNS = tuple(reviews.c[name] for name in _REVIEW_FIELDS)


def _review(row: Sequence[Any]) -> Review:
    values = dict(zip(_REVIEW_FIELDS, row, strict=True))
    decision: Decision = "confirmed" if values["decision"] == "confirmed" else "dismissed"
    evidence = tuple((str(a), int(s), int(e)) for a, s, e in json.loads(values["evidence"]))
    return Review(**{**values, "decision": decision, "evidence": evidence})


# Statements run for every article, built once (SQLAlchemy caches their compiled form).
_INSERT_ARTICLE = insert(articles)
_TITLE = select(_A.title).where(_A.id == bindparam("i"))
_HOLDER = holder()
_RESOLVE = select(_HOLDER)
_BY_HASH = select(_A.id).where(_A.content_hash == bindparam("h"))
_ARTICLE = select(*_ARTICLE_COLUMNS).where(_A.id == _HOLDER)
_DUPLICATE_IDS = select(_A.duplicate_ids).where(_A.id == bindparam("i"))
_SET_DUPLICATE_IDS = (
    update(articles).where(_A.id == bindparam("i")).values(duplicate_ids=bindparam("d"))
)
_SET_MINHASH = update(articles).where(_A.id == bindparam("i")).values(minhash=bindparam("m"))
_CLEAR_REJECTIONS = delete(rejections).where(rejections.c.path == bindparam("p"))
_SOURCES = select(_S.article_id, _S.path, _S.url, _S.outlet, _S.source_id).order_by(_S.seq)
_SOURCES_OF_ONE = _SOURCES.where(_S.article_id == bindparam("i"))
_SOURCES_OF = _SOURCES.where(_S.article_id.in_(bindparam("ids", expanding=True)))
_ANALYSIS = select(analyses.c.json).where(
    analyses.c.article_id == func.coalesce(_HOLDER, bindparam("i"))
)
