"""Carry character offsets from an input text to the text the product stored.

Cleaning changes a text (blank lines between paragraphs, a URL or dateline line dropped), so
gold spans given on the input text must be moved onto the dossier's ``text`` before they can
be compared with the product's spans. The two texts are aligned word by word (difflib on the
whitespace-separated tokens, which is fast and exact for unchanged words); a character inside
an aligned word keeps its offset within the word, a character in a word cleaning removed has
no image.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher

_WORD = re.compile(r"\S+")


class OffsetMap:
    """Maps character offsets of ``source`` onto ``target`` (None where cleaning dropped them)."""

    def __init__(self, source: str, target: str) -> None:
        self.identity = source == target
        if self.identity:
            return
        src = [(m.start(), m.group()) for m in _WORD.finditer(source)]
        dst = [(m.start(), m.group()) for m in _WORD.finditer(target)]
        matcher = SequenceMatcher(None, [w for _, w in src], [w for _, w in dst], autojunk=False)
        self._starts: list[int] = [s for s, _ in src]
        self._lens: list[int] = [len(w) for _, w in src]
        self._image: list[int | None] = [None] * len(src)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                self._image[block.a + k] = dst[block.b + k][0]

    def point(self, offset: int) -> int | None:
        """The target offset of the source character at ``offset``, or None."""
        if self.identity:
            return offset
        i = bisect_right(self._starts, offset) - 1
        if i < 0 or offset >= self._starts[i] + self._lens[i]:
            return None  # whitespace between words
        base = self._image[i]
        return None if base is None else base + offset - self._starts[i]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The target span of ``source[start:end]``: from its first to its last character
        that has an image (None when none has one)."""
        if self.identity:
            return start, end
        first = last = None
        for offset in range(start, end):
            image = self.point(offset)
            if image is None:
                continue
            if first is None:
                first = image
            last = image
        if first is None or last is None or last < first:
            return None
        return first, last + 1
