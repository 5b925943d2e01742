"""Schema migrations, oldest first: ``(version, SQL)``.

Each migration runs in one transaction together with the ``schema_version`` bump, so a
crash mid-migration leaves the previous version intact. Never edit a released
migration; append a new one. The SQL sticks to what SQLite and PostgreSQL both accept
except ``BLOB`` (``BYTEA`` in PostgreSQL), which a PostgreSQL backend maps.
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
]

LATEST = MIGRATIONS[-1][0]
