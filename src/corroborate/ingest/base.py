"""What every reader shares: the item type and how to phrase a rejection."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from corroborate.errors import InputError
from corroborate.types import RawDocument, Rejection

Item = RawDocument | Rejection
Items = Iterator[Item]


def reject(path: str, problem: str, hint: str = "") -> Rejection:
    """A rejection whose reason says the problem and what to do about it."""
    return Rejection(path=path, reason=InputError(path, problem, hint).reason)


def clean_str(value: object) -> str | None:
    """A JSON/feed field as a stripped string, or None when absent or empty."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


@dataclass(frozen=True)
class Skipped:
    """A path deliberately not read (a hidden file or folder): a note, not a rejection."""

    path: str
    reason: str
