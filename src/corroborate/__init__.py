"""Corroborate: one news story as told by many outlets, reconciled with provenance."""

from corroborate.errors import CorroborateError, InputError
from corroborate.types import Analysis, Article, RawDocument, Rejection

__all__ = [
    "Analysis",
    "Article",
    "CorroborateError",
    "InputError",
    "RawDocument",
    "Rejection",
]
__version__ = "0.1.0"
