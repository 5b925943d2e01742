"""Fixtures for the watch tests: a live local HTTP server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.watch.server import Running, Site


@pytest.fixture
def server() -> Iterator[Site]:
    """A fresh HTTP server on 127.0.0.1 with no routes."""
    with Running() as state:
        yield state
