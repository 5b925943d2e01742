"""clean stage: boilerplate removal, metadata (outlet, title, date), language, ids."""

from corroborate.clean.article import clean_document, repeated_outlet_lines, resolve_outlet
from corroborate.clean.boilerplate import CleanedDump, RemovedLine, clean_dump
from corroborate.clean.language import detect_language
from corroborate.clean.metadata import content_id, infer_published, outlet_from_url

__all__ = [
    "CleanedDump",
    "RemovedLine",
    "clean_document",
    "clean_dump",
    "content_id",
    "detect_language",
    "infer_published",
    "outlet_from_url",
    "repeated_outlet_lines",
    "resolve_outlet",
]
