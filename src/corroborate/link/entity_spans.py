"""Untagged multi-word names of a story's entities (display mentions, rule 12 of
docs/entity-resolution.md).

spaCy's small model tags a name in one article and misses it, or gives it a type we do
not keep (a product, a title), in the next: "Orbis Browser" is an ORG in two articles
and untagged in five. :func:`long_hits` finds the runs of capitalised words of an
article whose name key is the multi-word name or alias of exactly one story entity.
Calibrated on the harness replay (docs/entity-resolution.md): ECB+ dev named CoNLL
69.46 -> 70.27, MEANTIME 75.93 -> 76.16.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from corroborate.link.aliases import clean_surface, name_key
from corroborate.translit import has_cyrillic
from corroborate.types import StoryEntity

__all__ = ["long_hits", "long_keys"]

# Capitalised words joined by spaces, with a lower-case name particle between two of them.
_RUN = re.compile(r"[A-Z][\w'’.&-]*(?: (?:(?:of|de|la|del|van|von|and|&) )?[A-Z][\w'’.&-]*)+")
_WORD = re.compile(r"\S+")


def long_keys(entities: Sequence[StoryEntity]) -> dict[str, int]:
    """Multi-word name key -> index of the one story entity whose name or alias it is
    (a key two entities share is left out)."""
    owners: dict[str, set[int]] = defaultdict(set)
    for k, e in enumerate(entities):
        for form in (e.name, *e.aliases):
            clean = clean_surface(form)
            key = name_key(clean)
            if len(key.split()) >= 2 and not has_cyrillic(clean):
                owners[key].add(k)
    return {key: next(iter(ks)) for key, ks in owners.items() if len(ks) == 1}


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Without a leading "The" and a sentence's full stop ("The Orbis Browser." ->
    "Orbis Browser"; "Orbis Inc." keeps its abbreviation dot); keys are unchanged."""
    if text.startswith("The ", a):
        a += 4
    last = text[a : b - 1].rsplit(" ", 1)[-1]
    if text[b - 1] == "." and len(last) >= 5 and "." not in last:
        b -= 1
    return a, b


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether [``start``, ``end``) overlaps any of ``spans``."""
    return any(a < end and start < b for a, b in spans)


def long_hits(
    text: str, keys: Mapping[str, int], taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """(owner index, start, end) of the longest runs of capitalised words of ``text``
    whose key is in ``keys`` and that overlap no ``taken`` span, left to right."""
    hits: list[tuple[int, int, int]] = []
    if not keys:
        return hits
    for run in _RUN.finditer(text):
        words = [(w.start() + run.start(), w.end() + run.start()) for w in _WORD.finditer(run[0])]
        i = 0
        while i < len(words):
            for j in range(len(words), i + 1, -1):
                a, b = words[i][0], words[j - 1][1]
                owner = keys.get(name_key(text[a:b]))
                if owner is not None and not overlaps(a, b, taken):
                    hits.append((owner, *_trim(text, a, b)))
                    i = j - 1
                    break
            i += 1
    return hits
