"""One local file: sniff it, then hand it to the reader for its format."""

from __future__ import annotations

import stat
import zlib
from pathlib import Path

from corroborate.ingest.base import Items, reject
from corroborate.ingest.feed import read_feed
from corroborate.ingest.html import html_document
from corroborate.ingest.jsonl import read_jsonl
from corroborate.ingest.limits import MAX_DOCUMENT_BYTES, TooLarge, mb, read_capped
from corroborate.ingest.sniff import open_binary, sniff_path
from corroborate.ingest.text import text_document
from corroborate.ingest.warc import read_warc


def read_file(path: Path) -> Items:
    """Yield the documents in one file, or rejections saying why not; never raises."""
    source = str(path)
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            yield reject(
                source,
                f"not a regular file ({special_kind(mode)}): skipped",
                "give regular files or folders",
            )
            return
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
                data = read_capped(stream, MAX_DOCUMENT_BYTES)
            if kind == "html":
                yield html_document(data, source)
            elif kind == "feed":
                yield from read_feed(data, source)
            else:
                yield text_document(data, source)
    except TooLarge:
        inflated = " once decompressed" if sniffed.gzipped else ""
        yield reject(
            source,
            f"larger than the {mb(MAX_DOCUMENT_BYTES)} limit for one document{inflated}",
            "split it, or give the article text alone",
        )
    except (OSError, EOFError, zlib.error) as exc:  # EOFError: truncated gzip
        what = "truncated or damaged gzip" if sniffed.gzipped else "cannot read the file"
        yield reject(source, f"{what} ({exc})", "check that the file is complete")


def special_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"
