"""The store's tables as SQLAlchemy Core objects, shared by both dialects.

What the dialects store differently is not here: the insertion order of ``articles``
(SQLite's ``rowid``, PostgreSQL's ``seq`` identity column) and the full-text table
``story_fts`` (an FTS5 virtual table; a ``tsvector`` column) belong to ``sqlite.py`` and
``postgres.py``. Alembic's revisions in ``migrations/versions`` create these tables; this
module is what the queries (and ``alembic revision --autogenerate``) compare against.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    func,
    select,
)

__all__ = [
    "FTS_TABLE",
    "INDEX_TABLES",
    "analyses",
    "article_sources",
    "articles",
    "holder",
    "meta",
    "metadata",
    "now",
    "rejections",
    "reviews",
    "stories",
    "story_articles",
    "story_entities",
    "story_facets",
    "story_outlets",
]

metadata = MetaData()


def now() -> str:
    """A timestamp as the store writes it: UTC, ISO-8601, whole seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


#: The full-text table each dialect defines for itself.
FTS_TABLE = "story_fts"

# ``seq`` columns: SQLite's ``INTEGER PRIMARY KEY`` (an alias of rowid), an identity
# column on PostgreSQL.
_SEQ = BigInteger().with_variant(Integer(), "sqlite")


def _seq() -> Column[int]:
    return Column("seq", _SEQ, Identity(), primary_key=True)


articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("content_hash", Text, nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", Text),
    Column("published_source", Text, nullable=False, server_default="unknown"),
    Column("language", Text),
    Column("author", Text),
    Column("text", Text, nullable=False),
    Column("raw_chars", Integer),
    Column("kept_chars", Integer),
    Column("removed_lines", Integer),
    Column("duplicate_ids", Text, nullable=False, server_default="[]"),
    Column("minhash", LargeBinary),
    Column("created_at", Text, nullable=False),
    Column("captions", Text, nullable=False, server_default="[]"),
)

article_sources = Table(
    "article_sources",
    metadata,
    _seq(),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("path", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("source_id", Text, nullable=False),
    UniqueConstraint("article_id", "path", "source_id"),
    Index("article_sources_path", "path"),
    Index("article_sources_source_id", "source_id"),
)

rejections = Table(
    "rejections",
    metadata,
    _seq(),
    Column("path", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),
    UniqueConstraint("path", "reason"),
)

analyses = Table(
    "analyses",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("json", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    _seq(),
    Column("id", Text, nullable=False, unique=True),
    Column("json", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

# An analyst's decision on a verdict, keyed by the content-derived fact id
# (``present/review.py``): it outlives re-analysis while the fact is unchanged.
reviews = Table(
    "reviews",
    metadata,
    Column("fact_id", Text, primary_key=True),
    Column("decision", Text, nullable=False),  # confirmed | dismissed
    Column("note", Text, nullable=False, server_default=""),
    Column("kind", Text, nullable=False),  # figure | claim
    Column("verdict", Text, nullable=False),  # the verdict the analyst saw
    Column("story_id", Text, nullable=False),
    Column("evidence", Text, nullable=False, server_default="[]"),  # [[article, start, end]]
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# Search and browse indexes, kept in step with ``stories`` by ``search.py``.
story_facets = Table(
    "story_facets",
    metadata,
    Column("story_id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_published", Text),
    Column("last_published", Text),
    Column("n_articles", Integer, nullable=False),
    Column("n_conflicts", Integer, nullable=False),
    Column("outlets", Text, nullable=False, server_default="[]"),
    Column("updated_at", Text, nullable=False),
    Index("story_facets_last", "last_published"),
)


def _story_link(name: str, other: str) -> Table:
    """A story's link to one of its outlets or articles (both columns the key; ``other``
    indexed, to find the stories of an outlet or article)."""
    return Table(
        name,
        metadata,
        Column("story_id", Text, primary_key=True),
        Column(other, Text, primary_key=True),
        Index(f"{name}_{other.removesuffix('_id')}", other),
    )


story_outlets = _story_link("story_outlets", "outlet")
story_articles = _story_link("story_articles", "article_id")

story_entities = Table(
    "story_entities",
    metadata,
    Column("entity_id", Text, primary_key=True),
    Column("story_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("mentions", Integer, nullable=False),
    Index("story_entities_story", "story_id"),
    Index("story_entities_name", "name"),
)


def holder() -> ColumnElement[str]:
    """The id of the stored article that holds the id bound as ``i``: the article with
    that id, else the article a duplicate with that id was merged into (NULL: neither)."""
    return func.coalesce(
        select(articles.c.id).where(articles.c.id == bindparam("i")).scalar_subquery(),
        select(article_sources.c.article_id)
        .where(article_sources.c.source_id == bindparam("i"))
        .order_by(article_sources.c.seq)
        .limit(1)
        .scalar_subquery(),
    )


#: The plain index tables of a story (``story_fts`` aside).
INDEX_TABLES = (story_facets, story_outlets, story_articles, story_entities)
