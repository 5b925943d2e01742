"""Decide what an input is: by extension first, then by looking at its first bytes.

Content wins over the extension for text-like files (a ``.txt`` that holds HTML goes to
the HTML reader; a file without an extension is sniffed). Binary formats we cannot read
(PDF, Office, images, archives) are named so the rejection can say what to convert.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, cast

import charset_normalizer

Kind = Literal["text", "html", "jsonl", "feed", "warc", "unsupported", "binary", "empty"]

HEAD_BYTES = 16384

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".arc": "warc",
}

UNSUPPORTED_EXTENSIONS = {
    ".pdf": "PDF",
    ".doc": "Word",
    ".docx": "Word",
    ".odt": "OpenDocument",
    ".rtf": "RTF",
    ".epub": "EPUB",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".ppt": "PowerPoint",
    ".pptx": "PowerPoint",
    ".png": "PNG image",
    ".jpg": "JPEG image",
    ".jpeg": "JPEG image",
    ".gif": "GIF image",
    ".webp": "WebP image",
    ".svg": "SVG image",
    ".mp3": "audio",
    ".mp4": "video",
    ".zip": "ZIP archive",
    ".tar": "tar archive",
}

# (magic prefix, human name) for binary formats we recognise but cannot read.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office (docx, xlsx, odt, epub)"),
    (b"\xd0\xcf\x11\xe0", "legacy Office (doc, xls)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"{\\rtf", "RTF"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
)

_HTML_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|meta|title|div|p)\b", re.I)
_HTML_ANYWHERE_RE = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]", re.I)
_FEED_RE = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Sniffed:
    """What an input looks like: its kind, whether it is gzipped, and a detail."""

    kind: Kind
    gzipped: bool = False
    detail: str = ""  # e.g. the binary format name for "unsupported"


def suffixes(path: Path) -> tuple[str, bool]:
    """Return the meaningful extension (lowercase) and whether the name ends in ``.gz``."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    return Path(name).suffix, gz


def read_head(path: Path) -> tuple[bytes, bool]:
    """First bytes of the file, decompressed when it is gzip; and whether it was gzip.

    Tolerates truncated gzip (the readers report damage; sniffing only needs the start).
    """
    with path.open("rb") as raw:
        head = raw.read(HEAD_BYTES * 4)
    if head[:2] != b"\x1f\x8b":
        return head[:HEAD_BYTES], False
    return _gunzip_head(head), True


def _gunzip_head(data: bytes) -> bytes:
    out = b""
    while data[:2] == b"\x1f\x8b" and len(out) < HEAD_BYTES:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(data, HEAD_BYTES - len(out))
        except zlib.error:
            break
        if not inflater.eof:
            break
        data = inflater.unused_data
    return out


def open_binary(path: Path, gzipped: bool) -> IO[bytes]:
    """Open the file for reading bytes, transparently gunzipping."""
    if gzipped:
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def sniff_bytes(head: bytes, ext: str = "") -> Sniffed:
    """Classify the first bytes of an input (``ext`` breaks ties)."""
    stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if not stripped:
        return Sniffed("empty")
    if head.startswith((b"WARC/", b"warc/")):
        return Sniffed("warc")
    for magic, name in MAGIC:
        if head.startswith(magic):
            return Sniffed("unsupported", detail=name)
    if head[:12].startswith(b"RIFF") and head[8:12] == b"WEBP":
        return Sniffed("unsupported", detail="WebP image")
    if b"\x00" in head and not _is_utf16(head):
        return Sniffed("binary")
    if stripped.startswith(b"{") and (
        ext in (".jsonl", ".ndjson", ".json", "") or _json_line(stripped)
    ):
        return Sniffed("jsonl")
    if stripped.startswith(b"<"):
        if _FEED_RE.search(stripped[:2048]):
            return Sniffed("feed")
        if _HTML_RE.search(stripped):
            return Sniffed("html")
        if ext == ".xml" and not stripped.lower().startswith(b"<?xml"):
            return Sniffed("html")
    elif _HTML_ANYWHERE_RE.search(stripped[:4096]):
        return Sniffed("html")
    if ext in UNSUPPORTED_EXTENSIONS:
        return Sniffed("unsupported", detail=UNSUPPORTED_EXTENSIONS[ext])
    if ext in (".jsonl", ".ndjson"):
        return Sniffed("jsonl")
    if ext == ".xml" or stripped.startswith(b"<?xml"):
        return Sniffed("feed")
    return Sniffed("text")


def sniff_path(path: Path) -> Sniffed:
    """Classify a file by its extension and its first bytes."""
    ext, gz_name = suffixes(path)
    head, gzipped = read_head(path)
    if gzipped and not head:
        return Sniffed("binary", gzipped=True, detail="unreadable gzip")
    sniffed = sniff_bytes(head, ext)
    if gz_name and not gzipped and sniffed.kind == "text":
        return Sniffed("binary", detail="not gzip despite the .gz name")
    return Sniffed(sniffed.kind, gzipped, sniffed.detail)


def _json_line(head: bytes) -> bool:
    line = head.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode(data: bytes, html: bool = False) -> str | None:
    """Decode bytes to text: UTF-8, then a declared HTML charset, then detection.

    Returns None when no encoding fits (the caller rejects the input).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        match = _META_CHARSET_RE.search(data[:HEAD_BYTES])
        if match:
            try:
                return data.decode(match.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    return str(best)
