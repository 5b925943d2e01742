"""Turn what the user typed (files, folders, globs, URLs) into things to read.

Nothing is skipped silently: a folder entry that is not read is either a
:class:`~corroborate.types.Rejection` (symbolic link loops, broken links, special files
such as FIFOs, sockets and devices, unreadable folders) or a :class:`Skipped` note
(hidden entries, whose names start with ".": version-control folders, editor files).
"""

from __future__ import annotations

import errno
import glob
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from corroborate.ingest.base import Skipped, reject
from corroborate.ingest.fetch import is_url
from corroborate.ingest.files import special_kind
from corroborate.types import Rejection

Target = Path | str | Rejection | Skipped  # a file, a URL, or why a path gave nothing


def discover(inputs: Sequence[str]) -> Iterator[Target]:
    """Yield files (folders walked recursively, hidden entries noted and skipped), URLs,
    rejections and skip notes. A file reached twice (a folder and a file in it) is
    yielded once."""
    seen: set[Path] = set()
    for raw in inputs:
        value = str(raw).strip()
        if is_url(value):
            yield value
            continue
        path = Path(value).expanduser()
        if path.exists() or path.is_symlink():
            yield from _unique(_expand(path), seen)
        elif glob.has_magic(value):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                yield reject(value, "no files match this pattern", "check the pattern and folder")
            for match in matches:
                yield from _unique(_expand(Path(match)), seen)
        else:
            yield reject(value, "no such file or directory", "check the path")


def _expand(path: Path) -> Iterator[Path | Rejection | Skipped]:
    try:
        is_dir = path.is_dir()
    except OSError as exc:
        yield _unstat(path, exc)
        return
    if not is_dir:
        yield path
        return
    yield from _walk(path, (path.resolve(),))


def _walk(folder: Path, ancestors: tuple[Path, ...]) -> Iterator[Path | Rejection | Skipped]:
    try:
        children = sorted(folder.iterdir())
    except OSError as exc:
        yield reject(
            str(folder),
            f"cannot list the folder ({exc.strerror or exc})",
            "check its permissions",
        )
        return
    for child in children:
        if child.name.startswith("."):
            kind = "folder" if child.is_dir() and not child.is_symlink() else "file"
            yield Skipped(str(child), f"hidden {kind} skipped (give its path to read it)")
            continue
        try:
            mode = child.stat().st_mode  # follows symbolic links
        except OSError as exc:
            yield _unstat(child, exc)
            continue
        if stat.S_ISDIR(mode):
            real = child.resolve()
            if real in ancestors:
                yield reject(
                    str(child),
                    f"symbolic link loop: it leads back to {real}",
                    "remove the link, or give the folder it points to",
                )
                continue
            yield from _walk(child, (*ancestors, real))
        elif stat.S_ISREG(mode):
            yield child
        else:
            yield reject(
                str(child),
                f"not a regular file ({special_kind(mode)}): skipped",
                "give regular files or folders",
            )


def _unstat(path: Path, exc: OSError) -> Rejection:
    if exc.errno == errno.ELOOP:
        return reject(str(path), "symbolic link loop", "remove the link or fix its target")
    if path.is_symlink():
        return reject(str(path), "broken symbolic link", "remove the link or fix its target")
    return reject(str(path), f"cannot read ({exc.strerror or exc})", "check the path")


def _unique(
    paths: Iterator[Path | Rejection | Skipped], seen: set[Path]
) -> Iterator[Path | Rejection | Skipped]:
    for path in paths:
        if not isinstance(path, Path):
            yield path
            continue
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a loop met while resolving
            yield _unstat(path, OSError(errno.ELOOP, "loop"))
            continue
        if key not in seen:
            seen.add(key)
            yield path
