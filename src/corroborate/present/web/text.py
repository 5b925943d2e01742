"""Pieces of article text the pages show around a span: a mention's sentence, a search hit.

- **Context** of a span is the sentence that holds it, from the analysis's sentence spans
  (spaCy's) when the article was analysed, else from sentence punctuation; a sentence over
  :data:`MAX_CONTEXT` characters is cut to a window around the span (marked with "…").
- **Snippet** of a search: the first place in the title, then the text, where a query word
  matches at a word start (the last word as a prefix, the others whole, as the full-text
  index matches them), with about :data:`SNIPPET_RADIUS` characters either side, cut at
  spaces; every matching word inside the window is marked. Marks are offsets into the
  snippet text, so a page renders them as ``<mark>`` without ever parsing HTML.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Context", "Snippet", "query_words", "sentence_context", "snippet"]

MAX_CONTEXT = 400
SNIPPET_RADIUS = 70
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n\s*")


@dataclass(frozen=True)
class Context:
    """The text around a span: ``before`` + ``match`` + ``after``."""

    before: str
    match: str
    after: str


@dataclass(frozen=True)
class Snippet:
    """A piece of an article's title or text with the query words marked (``marks`` are
    ``(start, end)`` offsets into ``text``)."""

    text: str
    marks: tuple[tuple[int, int], ...]
    field: str  # "title" | "text"


def _sentence_bounds(
    text: str, start: int, end: int, sentences: Sequence[tuple[int, int]]
) -> tuple[int, int]:
    if sentences:
        starts = [s for s, _ in sentences]
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0:
            s_start, s_end = sentences[i]
            j = i
            while s_end < end and j + 1 < len(sentences):  # a span across sentences
                j += 1
                s_end = sentences[j][1]
            if s_start <= start and end <= s_end:
                return s_start, s_end
    left = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        left = found.end()
    after = _SENTENCE_END.search(text, end)
    right = after.start() + len(after.group().rstrip()) if after else len(text)
    return left, right


def sentence_context(
    text: str, start: int, end: int, sentences: Sequence[tuple[int, int]] = ()
) -> Context | None:
    """The sentence of ``text`` around ``start``–``end`` (None for a span outside it)."""
    if not (0 <= start < end <= len(text)):
        return None
    left, right = _sentence_bounds(text, start, end, sentences)
    if right - left > MAX_CONTEXT:
        half = max(0, (MAX_CONTEXT - (end - start)) // 2)
        left, right = max(left, start - half), min(right, end + half)
    before = text[left:start].lstrip()
    after = text[end:right].rstrip()
    if left > 0 and text[left - 1] not in "\n" and not _starts_sentence(text, left):
        before = "…" + before
    if right < len(text) and not _ends_sentence(text, right):
        after += "…"
    return Context(before, text[start:end], after)


def _starts_sentence(text: str, pos: int) -> bool:
    head = text[:pos].rstrip()
    return not head or head[-1] in ".!?…\"'”’)]\n"


def _ends_sentence(text: str, pos: int) -> bool:
    tail = text[:pos].rstrip()
    return bool(tail) and tail[-1] in ".!?…\"'”’)]"


def query_words(query: str | None, limit: int = 16) -> list[str]:
    """The words of a search box's text, lower-cased (as the full-text index reads it)."""
    return [w.casefold() for w in _WORD.findall(query or "")][:limit]


def _matches(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    if not words:
        return []
    whole, last = words[:-1], words[-1]
    out = []
    for m in _WORD.finditer(text):
        token = m.group().casefold()
        if token in whole or token.startswith(last):
            out.append((m.start(), m.end()))
    return out


def snippet(title: str | None, text: str, words: Sequence[str]) -> Snippet | None:
    """Where the query ``words`` first match in ``title`` or ``text`` (None: nowhere)."""
    if title and (marks := _matches(title, words)):
        return Snippet(title, tuple(marks), "title")
    marks = _matches(text, words)
    if not marks:
        return None
    first = marks[0][0]
    left = max(0, first - SNIPPET_RADIUS)
    right = min(len(text), marks[0][1] + 2 * SNIPPET_RADIUS)
    if left > 0:
        space = text.find(" ", left, first)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", marks[0][1], right)
        right = space if space >= 0 else right
    body = " ".join(text[left:right].split())
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    inside = tuple((s + len(prefix), e + len(prefix)) for s, e in _matches(body, words))
    return Snippet(prefix + body + suffix, inside, "text")
