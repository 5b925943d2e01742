"""Alert sinks: a stdout line, a JSONL file, a webhook POST.

A sink never stops the watch loop: a failing sink logs the failure and returns.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Protocol, TextIO

import httpx

from corroborate.ingest.fetch import USER_AGENT
from corroborate.watch.diff import Alert

__all__ = ["AlertSink", "JsonlSink", "ListSink", "StdoutSink", "WebhookSink", "emit"]

log = logging.getLogger("corroborate.watch")


class AlertSink(Protocol):
    """Somewhere alerts go."""

    def emit(self, alert: Alert) -> None: ...


class StdoutSink:
    """One human-readable line per alert (``Alert.line``)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def emit(self, alert: Alert) -> None:
        stream = self.stream or sys.stdout
        print(alert.line(), file=stream, flush=True)


class JsonlSink:
    """Appends one JSON object per alert to a file (created with its folder)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def emit(self, alert: Alert) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(alert.to_json(), ensure_ascii=False) + "\n")
        except OSError as exc:
            log.error("alert not written to %s: %s", self.path, exc)


class WebhookSink:
    """POSTs each alert as JSON to ``url``; failures are logged, never raised."""

    def __init__(
        self, url: str, transport: httpx.BaseTransport | None = None, timeout: float = 10.0
    ) -> None:
        self.url = url
        self.client = httpx.Client(
            transport=transport, timeout=timeout, headers={"User-Agent": USER_AGENT}
        )

    def emit(self, alert: Alert) -> None:
        try:
            response = self.client.post(self.url, json=alert.to_json())
        except httpx.HTTPError as exc:
            log.error("webhook %s failed: %s: %s", self.url, type(exc).__name__, exc)
            return
        if response.status_code >= 400:
            log.error("webhook %s answered HTTP %s", self.url, response.status_code)

    def close(self) -> None:
        """Close the HTTP client."""
        self.client.close()


class ListSink:
    """Keeps alerts in memory (tests, embedding the loop in a program)."""

    def __init__(self) -> None:
        self.alerts: list[Alert] = []

    def emit(self, alert: Alert) -> None:
        self.alerts.append(alert)


def emit(alert: Alert, sinks: list[AlertSink]) -> None:
    """Send ``alert`` to every sink; one sink's exception does not stop the others."""
    for sink in sinks:
        try:
            sink.emit(alert)
        except Exception:  # a sink must never kill the loop
            log.exception("alert sink %s failed", type(sink).__name__)
