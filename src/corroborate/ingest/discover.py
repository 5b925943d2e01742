"""Turn what the user typed (files, folders, globs, URLs) into things to read."""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from pathlib import Path

from corroborate.ingest.base import reject
from corroborate.ingest.fetch import is_url
from corroborate.types import Rejection

Target = Path | str | Rejection  # a file, a URL, or why the input gave nothing


def discover(inputs: Sequence[str]) -> Iterator[Target]:
    """Yield files (folders walked recursively, hidden entries skipped), URLs and rejections.

    A file reached twice (a folder and a file in it) is yielded once.
    """
    seen: set[Path] = set()
    for raw in inputs:
        value = str(raw).strip()
        if is_url(value):
            yield value
            continue
        path = Path(value).expanduser()
        if path.exists():
            yield from _unique(_expand(path), seen)
        elif glob.has_magic(value):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                yield reject(value, "no files match this pattern", "check the pattern and folder")
            for match in matches:
                yield from _unique(_expand(Path(match)), seen)
        else:
            yield reject(value, "no such file or directory", "check the path")


def _expand(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    for child in sorted(path.rglob("*")):
        rel = child.relative_to(path)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if child.is_file():
            yield child


def _unique(paths: Iterator[Path], seen: set[Path]) -> Iterator[Path]:
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            yield path
