"""schemathesis (v4) over the app's own OpenAPI description, GET, POST and DELETE with a
token: no answer may be a server error, and every answer must match its documented schema
(the typed response models, the 422 body included). A bounded run (under a minute) for the
suite; docs/web.md records the 500-second run against ``corroborate serve``. Marked ``slow``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from corroborate.ingest import guard
from corroborate.present.web import create_app
from corroborate.present.web.jobs import Job
from tests.web.fuzz_server import offline_resolve

pytestmark = pytest.mark.slow

TOKEN = "schema-token"


@pytest.fixture()
def served_app(db_path: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The app over the example store; invented URLs resolve to a refused address, and
    jobs are recorded instead of run (the job pipeline has its own tests)."""
    monkeypatch.setattr(guard, "resolve", offline_resolve)
    app = create_app(db_path, token=TOKEN)

    def record(
        job_id: str, inputs: list[str], labels: dict[str, str], cleanup: list[Path], **_: Any
    ) -> Job:
        for path in cleanup:
            path.unlink()
        return Job(id=job_id, inputs=inputs, labels=labels)

    app.state.settings.jobs.submit = record
    yield app


def test_no_server_errors(served_app: Any) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", served_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.method.upper() for op in operations} == {"GET", "POST", "DELETE"}
    tried: dict[str, int] = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=60,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            label = case.operation.label
            tried[label] = tried.get(label, 0) + 1
            case.call_and_validate(
                headers={"Authorization": f"Bearer {TOKEN}"},
                checks=[not_a_server_error, response_schema_conformance],
            )

        check()
    assert len(tried) == len(operations) >= 7
