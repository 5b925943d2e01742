"""The web app's JSON API and pages over a PostgreSQL store: the read, page and ingest-job
tests of ``tests/web/test_api.py`` run unchanged against a store the runner filled in
PostgreSQL (the web tests themselves use SQLite)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from corroborate.present.web import create_app
from corroborate.store import open_store
from tests.web import test_api as web_api
from tests.web.conftest import EXAMPLE, add_hostile_story


@pytest.fixture(scope="module")
def example_pg(pg_server: str) -> Iterator[str]:
    """A PostgreSQL schema with the bundled example ingested, analysed and linked by the
    runner, plus the hostile story (built once for this module)."""
    import psycopg

    from corroborate.run import local
    from tests.conftest import pg_with_search_path

    schema = "corroborate_web_example"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())
        conn.execute(f'CREATE SCHEMA "{schema}"'.encode())
    url = pg_with_search_path(pg_server, schema)
    with open_store(url) as store:
        assert local.ingest([str(EXAMPLE)], store).rejected == 0
        local.analyze_pending(store)
        local.link(store)
    add_hostile_story(url)
    yield url
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())


@pytest.fixture
def client(example_pg: str) -> Iterator[TestClient]:
    with TestClient(create_app(example_pg)) as c:
        yield c


READ_TESTS: list[Callable[[TestClient], None]] = [
    web_api.test_list_stories_and_filters,
    web_api.test_story_entity_article_endpoints,
    web_api.test_pages_render,
    web_api.test_article_page_highlights_span,
    web_api.test_injected_markup_comes_back_escaped_in_every_page,
    web_api.test_json_api_returns_text_verbatim,
]


@pytest.mark.slow
@pytest.mark.parametrize("check", READ_TESTS, ids=lambda f: f.__name__)
def test_web_reads_over_postgres(client: TestClient, check: Callable[[TestClient], None]) -> None:
    check(client)


@pytest.mark.slow
def test_web_ingest_job_over_postgres(pg_url: str) -> None:
    with TestClient(create_app(pg_url)) as client:
        web_api.test_ingest_pasted_text_runs_job_to_a_story(client)
