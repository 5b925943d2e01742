"""The story's dates on an axis: one row per date, spaced by the time between them.

Rows are the dossier's timeline entries in date order. The space above a row grows with
the logarithm of the days since the previous one (:func:`gap_class`: classes ``gap-0`` …
``gap-6``, so the page needs no inline style under its CSP): the same day sits tight, a
week apart reads as a step, a year as a long stretch. Each row lists its reports (the
expressions the outlets wrote), each a link to its span in the article.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["TimelineRow", "gap_class", "timeline_rows"]

GAPS = 7


@dataclass(frozen=True)
class TimelineRow:
    """One date on the axis."""

    date: str
    label: str
    precision: str
    description: str
    gap: str
    days_after: int | None  # days since the previous row's date
    reports: tuple[dict[str, Any], ...]


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_label(value: str, precision: str) -> str:
    """``2021-02-09`` as a reader writes it at its precision (``9 Feb 2021``, ``Feb 2021``)."""
    d = _date(value)
    if d is None:
        return value
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return d.strftime("%b %Y")
    text = f"{d.day} {d.strftime('%b %Y')}"
    return f"week of {text}" if precision == "week" else text


def gap_class(days: int | None) -> str:
    """The spacing class for ``days`` since the previous date (None: the first row)."""
    if not days or days <= 0:
        return "gap-0"
    return f"gap-{min(GAPS - 1, 1 + int(math.log2(days) // 1.5))}"


def timeline_rows(
    entries: Sequence[Mapping[str, Any]], labels: Mapping[str, str]
) -> list[TimelineRow]:
    """The axis rows of a story's ``timeline`` (``labels``: article id → source label)."""
    dated = [(e, _date(str(e.get("date") or ""))) for e in entries]
    dated.sort(key=lambda pair: (pair[1] is None, pair[1] or date.min))
    rows = []
    previous: date | None = None
    for entry, day in dated:
        days = (day - previous).days if day and previous else None
        precision = str(entry.get("precision") or "day")
        reports = tuple(
            {
                "article_id": str(r.get("article_id")),
                "start": r.get("start"),
                "end": r.get("end"),
                "expression": r.get("expression") or "",
                "source": labels.get(str(r.get("article_id")), str(r.get("article_id"))),
            }
            for r in entry.get("reports") or []
        )
        rows.append(
            TimelineRow(
                date=str(entry.get("date") or ""),
                label=date_label(str(entry.get("date") or ""), precision),
                precision=precision,
                description=str(entry.get("description") or ""),
                gap=gap_class(days),
                days_after=days,
                reports=reports,
            )
        )
        previous = day or previous
    return rows
