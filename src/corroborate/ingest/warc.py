"""WARC / WARC.gz web archives: HTML responses are extracted, everything else skipped."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from corroborate.ingest.base import Items, reject
from corroborate.ingest.html import extract_html
from corroborate.ingest.limits import MAX_RECORD_BYTES, TooLarge, mb, read_capped
from corroborate.ingest.sniff import decode, sniff_bytes
from corroborate.types import RawDocument

_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_BLOCK = 4096  # compressed bytes per inflation step (at most ~4 MB inflated)


class _Truncated(Exception):
    """The archive is cut short: inside the current record, or between records."""

    def __init__(self, message: str, in_record: bool = True) -> None:
        super().__init__(message)
        self.in_record = in_record


def read_warc(stream: IO[bytes], path: str) -> Items:
    """Yield documents for the HTML responses of an archive, in order.

    Records are numbered from 1 in the archive (``path#record-N``). A truncated or corrupt
    archive yields one rejection for the rest; what was read before is kept.
    """
    number = 0
    found = 0
    try:
        # warcio inflates one compressed block at a time, whole: a small block keeps a
        # thousandfold gzip member from inflating more than a few MB at once
        iterator = ArchiveIterator(stream, block_size=_BLOCK)
        for record in iterator:
            number += 1
            source = f"{path}#record-{number}"
            try:
                html = _html_payload(record)
            except TooLarge:
                _check_complete(record)
                yield reject(
                    source,
                    f"the record's payload is larger than the {mb(MAX_RECORD_BYTES)} limit "
                    "(after decompression)",
                    "this record is skipped; the rest of the archive is read",
                )
                continue
            _check_complete(record)
            if html is None:
                continue
            found += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            text = _decode(html, _content_type(record))
            if text is None:
                yield reject(source, "cannot decode the archived HTML", "check the archive")
                continue
            doc = extract_html(text, source, url=uri)
            yield replace(doc, format="warc") if isinstance(doc, RawDocument) else doc
        size = _size(stream)
        if size is not None and getattr(iterator, "offset", size) < size:
            raise _Truncated("the archive ends inside a record header", in_record=False)
    except Exception as exc:  # warcio raises many kinds on damaged archives
        detail = str(exc) if isinstance(exc, _Truncated) else f"{type(exc).__name__}: {exc}"
        complete = number - 1 if isinstance(exc, _Truncated) and exc.in_record else number
        yield reject(
            path,
            f"corrupt or truncated web archive after record {complete} ({detail}); "
            f"{found} HTML records before it were kept",
            "re-download or re-create the archive to read the rest",
        )
        return
    if number == 0:
        yield reject(path, "no WARC records in the archive", "check that this is a WARC file")


def _check_complete(record: Any) -> None:
    raw = record.raw_stream
    while raw.read(65536):
        pass
    remaining = getattr(raw, "limit", None)
    if remaining is None:
        raise _Truncated("a record has no usable Content-Length")
    if remaining > 0:
        raise _Truncated(f"the last record is {remaining} bytes short")


def _size(stream: IO[bytes]) -> int | None:
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return ""
    return str(headers.get_header("Content-Type") or "")


def _html_payload(record: Any) -> bytes | None:
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode()
        if not status or not str(status).startswith("2"):
            return None
    declared = str(record.rec_headers.get_header("Content-Length") or "")
    if declared.isdigit() and int(declared) > MAX_RECORD_BYTES + 65536:  # + HTTP headers
        raise TooLarge(f"Content-Length {declared}")  # refused before inflating a byte
    ctype = _content_type(record).lower()
    # some servers label pages loosely: look at the bytes only for generic types
    if ctype and not ctype.startswith((*_HTML_TYPES, "application/octet-stream", "text/plain")):
        return None
    payload = read_capped(record.content_stream(), MAX_RECORD_BYTES)
    if not ctype.startswith(_HTML_TYPES) and sniff_bytes(payload[:4096]).kind != "html":
        return None
    return payload


def _decode(payload: bytes, content_type: str) -> str | None:
    match = _CHARSET_RE.search(content_type)
    if match:
        try:
            return payload.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(payload, html=True)
