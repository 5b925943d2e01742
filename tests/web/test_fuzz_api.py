"""Property-based fuzzing of the web API's request bodies (JSON, raw bytes, forms and
uploads): every answer is a 2xx/4xx with a JSON body and the security headers, never a
5xx. Jobs are recorded instead of run (the pipeline behind them has its own tests).

2,000 examples per body kind, derandomized; marked ``slow``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.present.web import create_app
from corroborate.present.web.jobs import Job

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=2000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
TOKEN = "fuzz-token"
ALLOWED = {202, 400, 401, 403, 413, 415, 422, 429}
HEADERS = ("x-content-type-options", "x-frame-options", "content-security-policy")
TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["\udfff", "\x00", "http://x.test/a", "2024-02-30", "  ", "ftp://x", "9" * 50]),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=10,
)
KEYS = st.sampled_from(["text", "title", "outlet", "url", "published", "token", "file", "x"])


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("fuzz-api") / "store.db"
    app = create_app(str(db), token=TOKEN, max_body=64 * 1024)
    submitted: list[Job] = []

    def record(
        job_id: str, inputs: list[str], labels: dict[str, str], cleanup: list[Path], **_: Any
    ) -> Job:
        for path in cleanup:  # staged files were written: check, then drop them
            assert path.parent == app.state.settings.upload_dir
            path.unlink()
        job = Job(id=job_id, inputs=inputs, labels=labels)
        submitted.append(job)
        return job

    app.state.settings.jobs.submit = record
    with TestClient(app, raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"
        yield c


def _check(response: Any) -> None:
    assert response.status_code in ALLOWED, (response.status_code, response.text)
    for name in HEADERS:
        assert name in response.headers
    body = response.json()
    if response.status_code >= 400:
        assert isinstance(body.get("error"), str) and body["error"]
    else:
        assert set(body) >= {"job_id", "status"}


@FUZZ
@given(
    body=st.one_of(
        JSON,
        st.dictionaries(
            st.sampled_from(["text", "title", "outlet", "url", "published"]), JSON, max_size=5
        ),
    ),
    ascii_only=st.booleans(),
)
def test_json_bodies(client: TestClient, body: Any, ascii_only: bool) -> None:
    data = json.dumps(body, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    _check(client.post("/api/ingest", content=data, headers={"content-type": "application/json"}))


@FUZZ
@given(
    data=st.binary(max_size=2000),
    ctype=st.sampled_from(
        [
            "application/json",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "text/plain",
            "",
            "application/json; charset=latin-1",
        ]
    ),
)
def test_raw_bodies(client: TestClient, data: bytes, ctype: str) -> None:
    _check(client.post("/api/ingest", content=data, headers={"content-type": ctype}))


@FUZZ
@given(
    fields=st.dictionaries(KEYS, TEXT.map(lambda t: t.replace("\x00", "")), max_size=5),
    files=st.lists(
        st.tuples(
            st.text(max_size=40).map(lambda t: t.replace("\x00", "").replace('"', "")),
            st.binary(max_size=3000),
        ),
        max_size=3,
    ),
)
def test_form_uploads(
    client: TestClient, fields: dict[str, str], files: list[tuple[str, bytes]]
) -> None:
    clean = {k: v.encode("utf-8", "replace").decode("utf-8") for k, v in fields.items()}
    parts = [("file", (name or "f", data, "application/octet-stream")) for name, data in files]
    _check(client.post("/api/ingest", data=clean, files=parts or None))
