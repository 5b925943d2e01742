"""Real-data records written as a user has them: the harness's input, no gold fields."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

#: The fields a user's JSONL export has (the gold ``story`` and annotations are left out).
USER_FIELDS = ("id", "title", "text", "published", "url")


def write_user_jsonl(records: Iterable[Mapping[str, Any]], path: Path) -> Path:
    """Write ``records`` to ``path`` as JSONL, keeping only :data:`USER_FIELDS`."""
    with path.open("w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps({k: r[k] for k in USER_FIELDS if k in r}) + "\n")
    return path
