"""Alert sinks: stdout, JSONL, webhook (failures never raise)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest

from corroborate.watch.alerts import JsonlSink, StdoutSink, WebhookSink, emit
from corroborate.watch.diff import Alert, Version

ALERT = Alert(
    kind="figure",
    story_id="s7",
    story_title="Mayor sentenced",
    measure="sentence — months",
    subject="Dolinsky",
    verdict="conflict",
    previous_verdict="agree",
    article_id="n1",
    article_url="http://x.test/n1",
    article_outlet="Gamma",
    versions=(
        Version("o1", "Alpha", "http://x.test/o1", "six years", 72, 72),
        Version("n1", "Gamma", "http://x.test/n1", "five years", 60, 60, new=True),
    ),
)


def test_stdout_line(capsys: pytest.CaptureFixture[str]) -> None:
    StdoutSink().emit(ALERT)
    out = capsys.readouterr().out
    assert out == (
        "ALERT conflict (was agree) in story s7 'Mayor sentenced': sentence — months of "
        "Dolinsky — Alpha: 'six years'; Gamma (new): 'five years' — new article "
        "http://x.test/n1\n"
    )


def test_jsonl_appends_one_object_per_alert(tmp_path: Path) -> None:
    sink = JsonlSink(tmp_path / "deep" / "alerts.jsonl")
    sink.emit(ALERT)
    sink.emit(ALERT)
    rows = [json.loads(x) for x in (tmp_path / "deep" / "alerts.jsonl").read_text().splitlines()]
    assert len(rows) == 2 and rows[0]["versions"][1]["new"] is True
    assert rows[0]["measure"] == "sentence — months"


def test_webhook_posts_json_and_logs_failures(caplog: pytest.LogCaptureFixture) -> None:
    got: list[dict[str, object]] = []

    def ok(request: httpx.Request) -> httpx.Response:
        got.append(json.loads(request.content))
        return httpx.Response(204)

    WebhookSink("http://hook.test/a", transport=httpx.MockTransport(ok)).emit(ALERT)
    assert got == [ALERT.to_json()]

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    caplog.set_level(logging.ERROR, "corroborate.watch")
    WebhookSink("http://hook.test/b", transport=httpx.MockTransport(down)).emit(ALERT)
    WebhookSink(
        "http://hook.test/c", transport=httpx.MockTransport(lambda r: httpx.Response(500))
    ).emit(ALERT)
    assert "hook.test/b failed: ConnectError" in caplog.text
    assert "hook.test/c answered HTTP 500" in caplog.text


def test_a_broken_sink_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    class Broken:
        def emit(self, alert: Alert) -> None:
            raise RuntimeError("disk on fire")

    seen: list[Alert] = []

    class Keep:
        def emit(self, alert: Alert) -> None:
            seen.append(alert)

    emit(ALERT, [Broken(), Keep()])
    assert seen == [ALERT] and "Broken failed" in caplog.text
