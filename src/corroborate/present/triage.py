"""Triage: which facts of a story an analyst reads first.

The rule: within a verdict group (contested, corroborated, single source), a fact that
carries more comes first. What a fact carries is read from its evidence spans against the
story's other findings:

* a **figure** (a figure group, or a claim whose sentence holds a figure report): 4;
* a **named actor** (a mention of a PERSON or ORG entity inside its spans): 2;
* a **date** (a timeline expression or a DATE mention inside its spans): 1.

Ties go to the fact more outlets report, then to the story's own order. Nothing here
depends on wording: a generic sentence carries none of the three and sinks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["ACTOR", "ACTOR_TYPES", "DATE", "FIGURE", "StoryFinds", "fact_weight"]

#: Entity types that count as named actors.
ACTOR_TYPES = frozenset({"PERSON", "ORG"})
FIGURE, ACTOR, DATE = 4, 2, 1

Span = tuple[int, int]


def _spans(items: Iterable[Mapping[str, Any]]) -> Iterable[tuple[str, Span]]:
    for ev in items:
        start, end = ev.get("start"), ev.get("end")
        if ev.get("field") == "title":
            continue  # offsets into the headline, not the text
        if isinstance(start, int) and isinstance(end, int):
            yield str(ev.get("article_id")), (start, end)


class _Index:
    """Spans per article, sorted, to ask "is one inside [start, end)?"."""

    def __init__(self, spans: Iterable[tuple[str, Span]]) -> None:
        self.starts: dict[str, list[Span]] = {}
        for aid, span in spans:
            self.starts.setdefault(aid, []).append(span)
        for found in self.starts.values():
            found.sort()

    def inside(self, aid: str, start: int, end: int) -> bool:
        found = self.starts.get(aid)
        if not found:
            return False
        i = bisect_right(found, (start, -1))
        while i < len(found) and found[i][0] < end:
            if found[i][1] <= end:
                return True
            i += 1
        return False


class StoryFinds:
    """A story's figure, actor and date spans, to weigh its facts by."""

    def __init__(self, story: Mapping[str, Any]) -> None:
        figures = (r for f in story.get("figures") or [] for r in f.get("reports") or [])
        actors: list[Mapping[str, Any]] = []
        dates: list[Mapping[str, Any]] = []
        for ent in story.get("entities") or []:
            etype = str(ent.get("type") or "")
            if etype in ACTOR_TYPES:
                actors.extend(ent.get("mentions") or [])
            elif etype == "DATE":
                dates.extend(ent.get("mentions") or [])
        dates.extend(r for t in story.get("timeline") or [] for r in t.get("reports") or [])
        self.figures = _Index(_spans(figures))
        self.actors = _Index(_spans(actors))
        self.dates = _Index(_spans(dates))

    def weight(self, evidence: Iterable[Mapping[str, Any]], *, is_figure: bool = False) -> int:
        """What spans ``evidence`` carry: FIGURE + ACTOR + DATE points (each counted once)."""
        spans = list(_spans(evidence))
        score = FIGURE if is_figure or any(self.figures.inside(a, *s) for a, s in spans) else 0
        if any(self.actors.inside(a, *s) for a, s in spans):
            score += ACTOR
        if any(self.dates.inside(a, *s) for a, s in spans):
            score += DATE
        return score


def fact_weight(finds: StoryFinds, kind: str, fact: Mapping[str, Any]) -> int:
    """The weight of a figure group (``kind`` "figure") or claim of the story."""
    if kind == "figure":
        return finds.weight(fact.get("reports") or [], is_figure=True)
    return finds.weight(fact.get("support") or [])
