"""Corroborate: one news story as told by many outlets, reconciled with provenance.

``analyze_inputs`` and ``ingest_inputs`` (see :mod:`corroborate.api`) are imported lazily,
so ``import corroborate`` stays cheap (no spaCy until they are used).
"""

from typing import Any

from corroborate.errors import CorroborateError, InputError
from corroborate.types import Analysis, Article, RawDocument, Rejection

__all__ = [
    "Analysis",
    "Article",
    "CorroborateError",
    "InputError",
    "RawDocument",
    "Rejection",
    "analyze_inputs",
    "ingest_inputs",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in ("analyze_inputs", "ingest_inputs"):
        from corroborate import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
