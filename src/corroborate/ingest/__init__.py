"""ingest stage: read files, folders, globs, feeds, archives and URLs into raw documents.

Each input yields :class:`~corroborate.types.RawDocument` items, or a
:class:`~corroborate.types.Rejection` saying what is wrong and what to do; one bad input
never stops the batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from corroborate.ingest.discover import discover
from corroborate.ingest.fetch import Fetcher
from corroborate.ingest.files import read_file
from corroborate.ingest.html import extract_html
from corroborate.types import RawDocument, Rejection

__all__ = ["extract_html", "read_file", "read_inputs"]


def read_inputs(
    inputs: Sequence[str], transport: httpx.BaseTransport | None = None
) -> Iterator[RawDocument | Rejection]:
    """Stream documents from files, folders, globs and URLs, in input order.

    ``transport`` replaces the HTTP transport for URLs (``httpx.MockTransport`` in tests).
    """
    fetcher: Fetcher | None = None
    try:
        for target in discover(inputs):
            if isinstance(target, Rejection):
                yield target
            elif isinstance(target, Path):
                yield from read_file(target)
            else:
                if fetcher is None:
                    fetcher = Fetcher(transport)
                yield from fetcher.read(target)
    finally:
        if fetcher is not None:
            fetcher.close()
