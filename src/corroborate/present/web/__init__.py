"""Web app and JSON API over the store (``corroborate serve``)."""

from __future__ import annotations

from corroborate.present.web.app import create_app, serve_command

__all__ = ["create_app", "serve_command"]
