"""Limits on everything an input can make grow, and capped reading.

Calibration: the largest article in the seeds and the scrapinghub benchmark is under 1 MB
of HTML and 60,000 characters of text; the limits leave an order of magnitude of room
while keeping one input's memory in the tens of megabytes. ``MAX_TEXT_CHARS`` is spaCy's
own ``nlp.max_length`` default: a longer text cannot be analysed in one pass, so it is
rejected up front instead of being stored and failing later.
"""

from __future__ import annotations

from typing import IO

#: Bytes of one document after decompression (HTML page, text file, feed, URL response).
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
#: Bytes of one JSONL line (after decompression).
MAX_LINE_BYTES = 16 * 1024 * 1024
#: Bytes of one WARC record's payload (after decompression of its gzip member).
MAX_RECORD_BYTES = 16 * 1024 * 1024
#: Characters of one article's text: spaCy's ``max_length`` (1,000,000).
MAX_TEXT_CHARS = 1_000_000
#: Seconds one URL fetch may take in all (connect, redirects, every read).
FETCH_DEADLINE_S = 30.0
#: Redirects followed per URL.
MAX_REDIRECTS = 5

_CHUNK = 1024 * 1024


class TooLarge(Exception):
    """An input passed one of the limits."""


def read_capped(stream: IO[bytes], cap: int) -> bytes:
    """Read ``stream`` to its end, or raise :class:`TooLarge` once it passes ``cap`` bytes.

    Reads in chunks, so a decompressing stream never inflates more than ``cap`` plus one
    chunk.
    """
    data = bytearray()
    while True:
        chunk = stream.read(min(_CHUNK, cap + 1 - len(data)))
        if not chunk:
            return bytes(data)
        if len(data) + len(chunk) > cap:
            raise TooLarge(f"more than {cap} bytes")
        data += chunk


def mb(size: int) -> str:
    """``size`` bytes in MB, for messages."""
    return f"{size / (1024 * 1024):g} MB"
