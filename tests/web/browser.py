"""Shared pieces of the browser tests: uvicorn serving the app on a free loopback port,
Debian's chromium driven by Playwright (never a downloaded browser), screenshots, and the
axe-core script installed from npm (``tests/web/package.json``, pinned in its lock).

A test module imports this, then its fixtures (``server``, ``browser``, ``page``). Under
``CI=1`` a missing chromium, Playwright or axe-core fails the test instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corroborate.present.web import create_app
from tests.chromium import ARGS, CHROMIUM

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[1] / "test-artifacts" / "web"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHECKS = HERE / "layout_checks.js"
IN_CI = os.environ.get("CI") == "1"


def missing(reason: str) -> None:
    """Skip (fail under CI=1: nothing may skip there)."""
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason, allow_module_level=True)


def sync_api() -> Any:
    """Playwright's sync API (skips, or fails under CI, when it or chromium is missing)."""
    try:
        from playwright import sync_api as api
    except ImportError:
        missing("playwright is not installed")
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found: browser tests need Debian's chromium")
    return api


def axe_source() -> str:
    """axe-core's script: ``npm ci`` in tests/web when it is not installed yet."""
    if not AXE.exists() and shutil.which("npm"):
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(HERE)],
            check=False,
            capture_output=True,
            timeout=300,
        )
    if not AXE.exists():
        missing(f"{AXE} not found: run 'npm ci --prefix tests/web' (needs node and npm)")
    return AXE.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db_path: str, **options: Any) -> Iterator[str]:
    """The app over ``db_path`` served by uvicorn in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    app = create_app(db_path, allowed_hosts=["127.0.0.1", "localhost"], **options)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def launch(api: Any) -> Iterator[Any]:
    """Debian's chromium, headless."""
    with api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def new_page(browser: Any, width: int = 1280, height: int = 900, **options: Any) -> Any:
    """A page in a fresh context that records dialogs and console errors."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.dialogs = []
    pg.console_errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    return pg


def until(check: Any, timeout: float = 10.0) -> None:
    """Poll ``check`` from Python (the app's CSP forbids the eval that
    ``wait_for_function`` uses)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("condition not reached in time")
        time.sleep(0.1)


#: Pages taller than this are shot from the top, one screen (a full shot of a very long
#: page can take minutes on a loaded machine).
FULL_PAGE_MAX = 12_000


def shot(page: Any, name: str) -> None:
    """A screenshot under ``test-artifacts/web/`` (git-ignored): the whole page, or its
    first 12,000 px when longer."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = int(page.evaluate("() => document.documentElement.scrollHeight"))
    width = int(page.evaluate("() => document.documentElement.clientWidth"))
    clip = None
    if height > FULL_PAGE_MAX:
        clip = {"x": 0, "y": 0, "width": width, "height": FULL_PAGE_MAX}
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, clip=clip, timeout=90_000)
