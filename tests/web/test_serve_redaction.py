"""``corroborate serve`` never prints a database password."""

from __future__ import annotations

from typing import Any

import pytest

from corroborate.errors import StoreError
from corroborate.present.web import app as web_app
from corroborate.present.web.app import redact_url, serve_command


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql://alice:s3cret@db.example:5432/news",
            "postgresql://alice:***@db.example:5432/news",
        ),
        ("postgres://alice:s3cret@localhost/news", "postgres://alice:***@localhost/news"),
        ("postgresql+psycopg://bob:p%40ss@10.0.0.5/db", "postgresql+psycopg://bob:***@10.0.0.5/db"),
        # A raw '@' or '/' inside the password is still hidden.
        ("postgresql://bob:a@b/c@host/db", "postgresql://bob:***@host/db"),
        ("postgresql://:only-pass@host/db", "postgresql://:***@host/db"),
        (
            "postgresql://host/db?user=carol&password=hunter2&sslmode=require",
            "postgresql://host/db?user=carol&password=***&sslmode=require",
        ),
        # Nothing to hide.
        ("postgresql://alice@host/db", "postgresql://alice@host/db"),
        ("postgresql://host:5432/db", "postgresql://host:5432/db"),
        ("/var/lib/corroborate/news.db", "/var/lib/corroborate/news.db"),
        ("news.db", "news.db"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


URL = "postgresql://alice:s3cret@db.example:5432/news"


def test_serve_prints_redacted_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    ran: dict[str, Any] = {}
    monkeypatch.setattr(web_app, "create_app", lambda db, **kwargs: object())
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: ran.update(kwargs))
    serve_command(URL, "127.0.0.1", 8765, None)
    captured = capsys.readouterr()
    assert ran["port"] == 8765
    assert "s3cret" not in captured.out + captured.err
    assert "postgresql://alice:***@db.example:5432/news" in captured.err


def test_serve_error_message_is_redacted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(db: str, **kwargs: Any) -> object:
        raise StoreError(f"cannot open store {db}: connection refused")

    monkeypatch.setattr(web_app, "create_app", refuse)
    with pytest.raises(SystemExit) as exc:
        serve_command(URL, "127.0.0.1", 8765, None)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "s3cret" not in err
    assert "alice:***@db.example" in err
