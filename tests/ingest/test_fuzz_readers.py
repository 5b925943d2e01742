"""Property-based fuzzing of every reader (text, HTML, JSONL, RSS/Atom, WARC, gzip): on
any input a reader yields documents or rejections and never raises.

2,000 examples per reader, derandomized (the same examples on every run, so CI cannot
flake); marked ``slow``.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.ingest.base import Skipped
from corroborate.ingest.feed import read_feed
from corroborate.ingest.files import read_file
from corroborate.ingest.html import html_document
from corroborate.ingest.jsonl import read_jsonl
from corroborate.ingest.text import text_document
from corroborate.ingest.warc import read_warc
from corroborate.types import RawDocument, Rejection

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=2000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

WORDS = st.sampled_from(
    ["the", "port", "strike", "said", "200", "&amp;", "&#xdfff;", "&#0;", "\x00", "\udfff",
     "é", "\u202e", "\r\n", "<", ">", "]]>", "'", '"', "\\", "\x1b[31m", " "]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map("".join))
TAGS = st.sampled_from(
    ["html", "head", "body", "title", "meta", "article", "p", "div", "script", "style",
     "br", "table", "tr", "td", "svg", "math", "template", "iframe", "!--", "![CDATA["]
)  # fmt: skip


def _check(items: Iterable[object]) -> None:
    for item in items:
        assert isinstance(item, (RawDocument, Rejection, Skipped)), item
        if isinstance(item, Rejection):
            assert item.reason


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 15))):
        tag = draw(TAGS)
        attrs = draw(st.sampled_from(["", ' lang="xx"', ' charset="bogus"', " a='<>'", " =x"]))
        close = draw(st.booleans())
        parts.append(f"<{tag}{attrs}>{draw(TEXT)}" + (f"</{tag}>" if close else ""))
    page = "".join(parts)
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "surrogatepass", "cp1252"]))
    if encoding == "surrogatepass":
        return _utf8(page)
    return page.encode(encoding, "replace")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
FIELDS = ("text", "html", "title", "url", "published", "outlet", "id", "author", "language")


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["record", "json", "bytes", "deep", "cut"]))
        if kind == "record":
            record = draw(st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=6))
            lines.append(_utf8(json.dumps(record, ensure_ascii=draw(st.booleans()))))
        elif kind == "json":
            lines.append(_utf8(json.dumps(draw(JSON))))
        elif kind == "bytes":
            lines.append(draw(st.binary(max_size=200)))
        elif kind == "deep":
            depth = draw(st.integers(500, 50_000))
            lines.append(b"[" * depth + b"]" * draw(st.integers(0, depth)))
        else:
            whole = _utf8(json.dumps({"text": draw(TEXT), "title": draw(TEXT)}))
            lines.append(whole[: draw(st.integers(0, len(whole)))])
    return b"\n".join(lines)


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    def esc(text: str) -> str:
        return text if draw(st.booleans()) else text.replace("&", "&amp;").replace("<", "&lt;")

    items = "".join(
        "<item>"
        + f"<title>{esc(draw(TEXT))}</title>"
        + (
            f"<link>{esc(draw(st.sampled_from(['http://x.test/a', 'javascript:1', '', 'ftp://y'])))}</link>"
        )
        + f"<description>{esc(draw(TEXT))}</description>"
        + (f"<pubDate>{esc(draw(TEXT))}</pubDate>" if draw(st.booleans()) else "")
        + f"<content:encoded><![CDATA[{draw(TEXT)}]]></content:encoded>"
        + "</item>"
        for _ in range(draw(st.integers(0, 5)))
    )
    if draw(st.booleans()):
        doc = (
            '<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{esc(draw(TEXT))}</title><language>{esc(draw(TEXT))}</language>"
            f"{items}</channel></rss>"
        )
    else:
        entries = items.replace("<item>", "<entry>").replace("</item>", "</entry>")
        doc = (
            f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{draw(TEXT)}</title>{entries}</feed>'
        )
    data = _utf8(doc)
    return data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data


def _warc_record(payload: bytes, rtype: str, ctype: str, length_delta: int) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: http://x.test/a\r\n"
        f"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {max(0, len(payload) + length_delta)}\r\n\r\n"
    )
    return head.encode() + payload + b"\r\n\r\n"


@st.composite
def warcs(draw: st.DrawFn) -> bytes:
    records = []
    for _ in range(draw(st.integers(0, 3))):
        body = draw(html_pages())
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "x"]))
        htype = draw(st.sampled_from(["text/html", "text/html; charset=bogus", "", "image/png"]))
        http = f"HTTP/1.1 {status}\r\nContent-Type: {htype}\r\n"
        if draw(st.booleans()):
            http += f"Content-Length: {len(body)}\r\n"
        if draw(st.booleans()):
            http += "Content-Encoding: gzip\r\n"
            body = draw(st.sampled_from([gzip.compress(body), body]))
        payload = http.encode() + b"\r\n" + body
        rtype = draw(st.sampled_from(["response", "resource", "request", "warcinfo"]))
        ctype = draw(st.sampled_from(["application/http; msgtype=response", "text/html"]))
        record = _warc_record(payload, rtype, ctype, draw(st.sampled_from([0, 0, -5, 7])))
        if draw(st.booleans()):
            record = gzip.compress(record)
        records.append(record)
    data = b"".join(records)
    if draw(st.booleans()) and data:
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=20))
    return data


@st.composite
def gzips(draw: st.DrawFn) -> bytes:
    inner = draw(st.one_of(html_pages(), jsonl_lines(), feeds(), st.binary(max_size=500)))
    members = [gzip.compress(inner, compresslevel=draw(st.integers(1, 9)))]
    if draw(st.booleans()):
        members.append(gzip.compress(draw(st.binary(max_size=100))))
    data = b"".join(members)
    mode = draw(st.sampled_from(["whole", "cut", "flip", "tail", "raw-deflate"]))
    if mode == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif mode == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    elif mode == "tail":
        data += draw(st.binary(max_size=50))
    elif mode == "raw-deflate":
        data = b"\x1f\x8b" + zlib.compress(inner)
    return data


@FUZZ
@given(data=st.one_of(st.binary(max_size=3000), TEXT.map(_utf8)))
def test_text_reader(data: bytes) -> None:
    _check([text_document(data, "fuzz.txt")])


@FUZZ
@given(data=html_pages())
def test_html_reader(data: bytes) -> None:
    _check([html_document(data, "fuzz.html")])


@FUZZ
@given(data=jsonl_lines())
def test_jsonl_reader(data: bytes) -> None:
    _check(read_jsonl(io.BytesIO(data), "fuzz.jsonl"))


@FUZZ
@given(data=feeds())
def test_feed_reader(data: bytes) -> None:
    _check(read_feed(data, "fuzz.rss"))


@FUZZ
@given(data=warcs())
def test_warc_reader(data: bytes) -> None:
    _check(read_warc(io.BytesIO(data), "fuzz.warc"))


@FUZZ
@given(
    data=gzips(), suffix=st.sampled_from([".html.gz", ".jsonl.gz", ".warc.gz", ".gz", ".txt", ""])
)
def test_gzip_and_sniffing_through_read_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        _check(read_file(path))
