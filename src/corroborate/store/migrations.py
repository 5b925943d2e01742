"""Schema migrations, oldest first: ``(version, SQL)`` per backend.

Each migration runs in one transaction together with the ``schema_version`` bump, so a
crash mid-migration leaves the previous version intact. Never edit a released
migration; append a new one, to both lists. :data:`MIGRATIONS` is SQLite's,
:data:`POSTGRES_MIGRATIONS` PostgreSQL's: the same tables and columns, with these
differences: ``BYTEA`` for ``BLOB``; identity columns for SQLite's ``rowid`` /
``INTEGER PRIMARY KEY`` (``articles.seq`` keeps insertion order); and migration 3's
``story_fts`` is a plain table with a ``tsvector`` column and a GIN index instead of an
FTS5 virtual table.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE articles (
            id               TEXT PRIMARY KEY,
            content_hash     TEXT NOT NULL UNIQUE,
            path             TEXT NOT NULL,
            url              TEXT,
            outlet           TEXT,
            title            TEXT,
            published        TEXT,
            published_source TEXT NOT NULL DEFAULT 'unknown',
            language         TEXT,
            author           TEXT,
            text             TEXT NOT NULL,
            raw_chars        INTEGER,
            kept_chars       INTEGER,
            removed_lines    INTEGER,
            duplicate_ids    TEXT NOT NULL DEFAULT '[]',
            minhash          BLOB,
            created_at       TEXT NOT NULL
        );
        CREATE TABLE article_sources (
            seq        INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            path       TEXT NOT NULL,
            url        TEXT,
            outlet     TEXT,
            source_id  TEXT NOT NULL,
            UNIQUE (article_id, path, source_id)
        );
        CREATE INDEX article_sources_path ON article_sources(path);
        CREATE TABLE rejections (
            seq    INTEGER PRIMARY KEY,
            path   TEXT NOT NULL,
            reason TEXT NOT NULL,
            at     TEXT NOT NULL,
            UNIQUE (path, reason)
        );
        """,
    ),
    (
        2,
        """
        CREATE INDEX article_sources_source_id ON article_sources(source_id);
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            json       TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE stories (
            seq        INTEGER PRIMARY KEY,
            id         TEXT NOT NULL UNIQUE,
            json       TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        3,
        # Search and browse indexes for the web app (``store/search.py`` keeps them in step
        # with ``stories``). ``story_fts`` is an SQLite FTS5 table; a PostgreSQL backend
        # maps it to a tsvector column.
        """
        CREATE VIRTUAL TABLE story_fts USING fts5(
            story_id UNINDEXED, title, articles, entities,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE story_facets (
            story_id        TEXT PRIMARY KEY,
            title           TEXT NOT NULL,
            first_published TEXT,
            last_published  TEXT,
            n_articles      INTEGER NOT NULL,
            n_conflicts     INTEGER NOT NULL,
            outlets         TEXT NOT NULL DEFAULT '[]',
            updated_at      TEXT NOT NULL
        );
        CREATE INDEX story_facets_last ON story_facets(last_published);
        CREATE TABLE story_outlets (
            story_id TEXT NOT NULL,
            outlet   TEXT NOT NULL,
            PRIMARY KEY (story_id, outlet)
        );
        CREATE INDEX story_outlets_outlet ON story_outlets(outlet);
        CREATE TABLE story_articles (
            story_id   TEXT NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (story_id, article_id)
        );
        CREATE INDEX story_articles_article ON story_articles(article_id);
        CREATE TABLE story_entities (
            entity_id TEXT NOT NULL,
            story_id  TEXT NOT NULL,
            name      TEXT NOT NULL,
            type      TEXT NOT NULL,
            mentions  INTEGER NOT NULL,
            PRIMARY KEY (entity_id, story_id)
        );
        CREATE INDEX story_entities_story ON story_entities(story_id);
        CREATE INDEX story_entities_name ON story_entities(name)
        """,
    ),
    (
        4,
        """
        ALTER TABLE articles ADD COLUMN captions TEXT NOT NULL DEFAULT '[]';
        """,
    ),
]

POSTGRES_MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE articles (
            seq              BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
            id               TEXT PRIMARY KEY,
            content_hash     TEXT NOT NULL UNIQUE,
            path             TEXT NOT NULL,
            url              TEXT,
            outlet           TEXT,
            title            TEXT,
            published        TEXT,
            published_source TEXT NOT NULL DEFAULT 'unknown',
            language         TEXT,
            author           TEXT,
            text             TEXT NOT NULL,
            raw_chars        INTEGER,
            kept_chars       INTEGER,
            removed_lines    INTEGER,
            duplicate_ids    TEXT NOT NULL DEFAULT '[]',
            minhash          BYTEA,
            created_at       TEXT NOT NULL
        );
        CREATE TABLE article_sources (
            seq        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            path       TEXT NOT NULL,
            url        TEXT,
            outlet     TEXT,
            source_id  TEXT NOT NULL,
            UNIQUE (article_id, path, source_id)
        );
        CREATE INDEX article_sources_path ON article_sources(path);
        CREATE TABLE rejections (
            seq    BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            path   TEXT NOT NULL,
            reason TEXT NOT NULL,
            at     TEXT NOT NULL,
            UNIQUE (path, reason)
        );
        """,
    ),
    (
        2,
        """
        CREATE INDEX article_sources_source_id ON article_sources(source_id);
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            json       TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE stories (
            seq        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            id         TEXT NOT NULL UNIQUE,
            json       TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        3,
        # ``document`` holds the folded words of title, article titles/texts and entity
        # names/aliases (``to_tsvector('simple', ...)``, positions stripped).
        """
        CREATE TABLE story_fts (
            story_id TEXT PRIMARY KEY,
            document TSVECTOR NOT NULL
        );
        CREATE INDEX story_fts_document ON story_fts USING GIN (document);
        CREATE TABLE story_facets (
            story_id        TEXT PRIMARY KEY,
            title           TEXT NOT NULL,
            first_published TEXT,
            last_published  TEXT,
            n_articles      INTEGER NOT NULL,
            n_conflicts     INTEGER NOT NULL,
            outlets         TEXT NOT NULL DEFAULT '[]',
            updated_at      TEXT NOT NULL
        );
        CREATE INDEX story_facets_last ON story_facets(last_published);
        CREATE TABLE story_outlets (
            story_id TEXT NOT NULL,
            outlet   TEXT NOT NULL,
            PRIMARY KEY (story_id, outlet)
        );
        CREATE INDEX story_outlets_outlet ON story_outlets(outlet);
        CREATE TABLE story_articles (
            story_id   TEXT NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (story_id, article_id)
        );
        CREATE INDEX story_articles_article ON story_articles(article_id);
        CREATE TABLE story_entities (
            entity_id TEXT NOT NULL,
            story_id  TEXT NOT NULL,
            name      TEXT NOT NULL,
            type      TEXT NOT NULL,
            mentions  INTEGER NOT NULL,
            PRIMARY KEY (entity_id, story_id)
        );
        CREATE INDEX story_entities_story ON story_entities(story_id);
        CREATE INDEX story_entities_name ON story_entities(name)
        """,
    ),
    (
        4,
        """
        ALTER TABLE articles ADD COLUMN captions TEXT NOT NULL DEFAULT '[]';
        """,
    ),
]

if [v for v, _ in POSTGRES_MIGRATIONS] != [v for v, _ in MIGRATIONS]:  # pragma: no cover
    raise AssertionError("every migration needs a SQLite and a PostgreSQL variant")

LATEST = MIGRATIONS[-1][0]
