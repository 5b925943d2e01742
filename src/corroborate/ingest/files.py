"""One local file: sniff it, then hand it to the reader for its format."""

from __future__ import annotations

from pathlib import Path

from corroborate.ingest.base import Items, reject
from corroborate.ingest.feed import read_feed
from corroborate.ingest.html import html_document
from corroborate.ingest.jsonl import read_jsonl
from corroborate.ingest.sniff import open_binary, sniff_path
from corroborate.ingest.text import text_document
from corroborate.ingest.warc import read_warc


def read_file(path: Path) -> Items:
    """Yield the documents in one file, or rejections saying why not; never raises."""
    source = str(path)
    try:
        if path.stat().st_size == 0:
            yield reject(source, "empty file (0 bytes)", "remove it or give the article text")
            return
        sniffed = sniff_path(path)
    except PermissionError:
        yield reject(source, "permission denied", "make the file readable")
        return
    except OSError as exc:
        yield reject(source, f"cannot read the file ({exc.strerror or exc})", "check the path")
        return
    kind = sniffed.kind
    if kind == "empty":
        yield reject(source, "empty file (only whitespace)", "remove it or give the article text")
        return
    if kind == "unsupported":
        yield reject(
            source,
            f"unsupported format ({sniffed.detail})",
            "convert it to HTML or text (or JSONL with a 'text' field)",
        )
        return
    if kind == "binary":
        detail = f": {sniffed.detail}" if sniffed.detail else ""
        yield reject(
            source,
            f"binary file, not text{detail}",
            "give HTML, text, JSONL, RSS/Atom or WARC; convert other formats to HTML or text",
        )
        return
    try:
        if kind == "warc":
            with path.open("rb") as stream:  # warcio gunzips by itself
                yield from read_warc(stream, source)
        elif kind == "jsonl":
            with open_binary(path, sniffed.gzipped) as stream:
                yield from read_jsonl(stream, source)
        else:
            with open_binary(path, sniffed.gzipped) as stream:
                data = stream.read()
            if kind == "html":
                yield html_document(data, source)
            elif kind == "feed":
                yield from read_feed(data, source)
            else:
                yield text_document(data, source)
    except OSError as exc:
        yield reject(source, f"cannot read the file ({exc})", "check that the file is complete")
