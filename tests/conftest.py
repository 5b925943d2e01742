"""Shared pytest fixtures."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"

#: Test PostgreSQL server (a role that may create schemas in this database).
PG_ENV = "CORROBORATE_TEST_PG"
PG_DEFAULT = "postgresql://corroborate:corroborate@127.0.0.1:5432/corroborate_test"


def pg_base_url() -> str:
    """URL of the test PostgreSQL database (``$CORROBORATE_TEST_PG`` or the default)."""
    return os.environ.get(PG_ENV) or PG_DEFAULT


def pg_with_search_path(url: str, schema: str) -> str:
    """``url`` with ``options=-csearch_path=SCHEMA`` added to its query string."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    options = f"{query.get('options', '')} -csearch_path={schema}".strip()
    query["options"] = options
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """Folder of small articles written for these tests."""
    return FIXTURES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder; skips the test when it is not beside the checkout."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}: real-data test skipped")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The three real seed reports in ../shared/corpus/seeds."""
    seeds = shared_dir / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed corpus not found at {seeds}")
    return seeds


@pytest.fixture(scope="session")
def pg_server() -> str:
    """Base URL of a reachable PostgreSQL test server. Skips PostgreSQL tests when none
    is reachable, except under CI (``$CI`` set), where they fail instead."""
    url = pg_base_url()
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # ImportError, OperationalError, bad URL
        parts = urlsplit(url)
        where = f"{parts.hostname}:{parts.port or 5432}{parts.path}"
        message = (
            f"PostgreSQL test server not reachable at {where} ({type(exc).__name__}: "
            f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''}); set "
            f"{PG_ENV} or start one as .ci/run does"
        )
        if os.environ.get("CI"):
            pytest.fail(message + " [CI is set: PostgreSQL tests may not be skipped]")
        pytest.skip(message)
    return url


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """URL of a fresh, empty schema on the test server (dropped after the test)."""
    import psycopg

    schema = f"corroborate_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"'.encode())
    yield pg_with_search_path(pg_server, schema)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())
