"""ingest stage: read files, folders, globs, feeds, archives and URLs into raw documents.

Each input yields :class:`~corroborate.types.RawDocument` items, or a
:class:`~corroborate.types.Rejection` saying what is wrong and what to do; one bad input
never stops the batch: whatever a reader raises becomes a rejection of that input, and
the next input is read.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import httpx

from corroborate.ingest.base import Items, Skipped, reject
from corroborate.ingest.discover import discover
from corroborate.ingest.fetch import Fetcher
from corroborate.ingest.files import read_file
from corroborate.ingest.guard import FetchPolicy
from corroborate.ingest.html import extract_html
from corroborate.ingest.limits import MAX_TEXT_CHARS
from corroborate.types import RawDocument, Rejection

__all__ = ["Skipped", "extract_html", "read_file", "read_inputs", "sanitize"]

# Lone surrogates (from JSON escapes, or undecodable file names) cannot be encoded, and
# NUL is refused by PostgreSQL text columns: neither may reach the store.
_T = TypeVar("_T", bound=RawDocument | Rejection | Skipped)
_BAD_CHARS = re.compile("[\ud800-\udfff\x00]")


def read_inputs(
    inputs: Sequence[str],
    transport: httpx.BaseTransport | None = None,
    policy: FetchPolicy | None = None,
) -> Iterator[RawDocument | Rejection | Skipped]:
    """Stream documents from files, folders, globs and URLs, in input order; hidden
    folder entries come as :class:`Skipped` notes.

    ``transport`` replaces the HTTP transport for URLs (``httpx.MockTransport`` in tests);
    ``policy`` says where URLs may be fetched (default: public addresses only).
    """
    fetcher: Fetcher | None = None
    try:
        for target in discover(inputs):
            if isinstance(target, (Rejection, Skipped)):
                yield sanitize(target)
                continue
            if isinstance(target, Path):
                items = read_file(target)
                name = str(target)
            else:
                if fetcher is None:
                    fetcher = Fetcher(transport, policy=policy)
                items = fetcher.read(target)
                name = target
            for item in _guarded(items, name):
                yield _checked(sanitize(item))
    finally:
        if fetcher is not None:
            fetcher.close()


def _guarded(items: Items, name: str) -> Items:
    """``items``, with whatever the reader raises turned into a rejection of the input."""
    try:
        yield from items
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except MemoryError:
        yield reject(name, "too large to read in memory", "split the input into smaller files")
    except RecursionError:
        yield reject(name, "nested too deeply to read", "check that the input is not damaged")
    except Exception as exc:  # a reader bug must cost one input, never the batch
        yield reject(
            name,
            f"could not be read ({type(exc).__name__}: {exc})",
            "check that the input is complete; the rest of the batch was read",
        )


def _checked(item: RawDocument | Rejection) -> RawDocument | Rejection:
    size = len(item.text or "") if isinstance(item, RawDocument) else 0
    if isinstance(item, RawDocument) and size > MAX_TEXT_CHARS:
        return reject(
            item.source,
            f"the text has {size:,} characters, over the limit of "
            f"{MAX_TEXT_CHARS:,} per article (what the language analysis handles in one pass)",
            "split it into separate articles",
        )
    return item


def _clean_text(value: str) -> str:
    return _BAD_CHARS.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def sanitize(item: _T) -> _T:
    """``item`` with lone surrogates replaced (U+FFFD) and NUL removed from every string."""
    changes: dict[str, Any] = {
        f.name: _clean_text(value)
        for f in dataclasses.fields(item)
        if isinstance(value := getattr(item, f.name), str) and _BAD_CHARS.search(value)
    }
    return dataclasses.replace(item, **changes) if changes else item
