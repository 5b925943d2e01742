"""Plain-text dumps (a page copied from a browser): kept raw for the cleaner."""

from __future__ import annotations

from corroborate.ingest.base import Item, reject
from corroborate.ingest.sniff import decode
from corroborate.types import RawDocument


def text_document(data: bytes, source: str) -> Item:
    """A raw text dump as a document that still needs cleaning."""
    text = decode(data)
    if text is None:
        return reject(
            source,
            "cannot decode the text: not UTF-8 and no other encoding fits",
            "re-save the file as UTF-8 text",
        )
    if not text.strip():
        return reject(source, "empty file (only whitespace)", "remove it or give the article text")
    return RawDocument(source=source, format="text", text=text, needs_cleaning=True)
