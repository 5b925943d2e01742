"""JSONL exports: one article per line, streamed (files can be larger than memory)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import IO

from corroborate.ingest.base import Items, clean_str, reject
from corroborate.ingest.html import extract_html
from corroborate.ingest.limits import MAX_LINE_BYTES, mb
from corroborate.types import RawDocument, Rejection

FIELDS = ("id", "url", "outlet", "title", "published", "author", "language")


def read_jsonl(stream: IO[bytes], path: str) -> Items:
    """Yield one document per line; a bad line becomes a rejection ``path:LINE``."""
    seen_any = False
    for lineno, raw in enumerate(_lines(stream), start=1):
        if raw is None:
            seen_any = True
            yield reject(
                f"{path}:{lineno}",
                f"line {lineno} is longer than the {mb(MAX_LINE_BYTES)} limit",
                "split the record, or give the article as a file",
            )
            continue
        if not raw.strip():
            continue
        seen_any = True
        yield _line(raw, f"{path}:{lineno}", lineno)
    if not seen_any:
        yield reject(path, "empty JSONL file (no lines)", "give one JSON object per line")


def _lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """The lines of ``stream``; None for a line over the limit (read past, never kept)."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) <= MAX_LINE_BYTES:
            yield line
            continue
        while line and not line.endswith(b"\n"):  # skip the rest of the long line
            line = stream.readline(1024 * 1024)
        yield None


def _line(raw: bytes, source: str, lineno: int) -> RawDocument | Rejection:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return reject(
            source,
            f"line {lineno} is not UTF-8 (byte {exc.start})",
            "JSONL must be UTF-8; re-save the file as UTF-8",
        )
    try:
        obj = json.loads(line.strip())
    except json.JSONDecodeError as exc:
        return reject(
            source,
            f"line {lineno}: invalid JSON ({exc.msg} at column {exc.colno})",
            "fix or remove this line; each line must be one JSON object",
        )
    except RecursionError:
        return reject(
            source,
            f"line {lineno}: JSON nested too deeply to read",
            "fix or remove this line; an article record needs no deep nesting",
        )
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return reject(
            source,
            f"line {lineno}: unreadable JSON value ({exc})",
            "fix or remove this line",
        )
    if not isinstance(obj, dict):
        return reject(
            source,
            f"line {lineno}: expected a JSON object, got {type(obj).__name__}",
            'give an object like {"text": "..."} on each line',
        )
    meta = {name: clean_str(obj.get(name)) for name in FIELDS}
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return RawDocument(source=source, format="jsonl", text=text, needs_cleaning=True, **meta)
    if isinstance(html, str) and html.strip():
        found = extract_html(html, source, url=meta["url"])
        if not isinstance(found, RawDocument):
            return found
        return replace(
            found,
            format="jsonl",
            id=meta["id"],
            url=meta["url"] or found.url,
            outlet=meta["outlet"] or found.outlet,
            title=meta["title"] or found.title,
            published=meta["published"] or found.published,
            author=meta["author"] or found.author,
            language=meta["language"] or found.language,
        )
    return reject(
        source,
        f"line {lineno}: no non-empty 'text' or 'html' field",
        "give the article body as 'text' (plain) or 'html' (the page)",
    )
