"""A scan of a dossier's verdict board for numbers issue 11 keeps off it, by their written
form alone, independent of the extractor's rules: clock times, game scores and tallies, and
bare calendar years. A hand reading (docs/figures.md) judges every kind; this scan is the
part a test can pin on any corpus, including ones nobody read (ECB+, MEANTIME).

- **clock**: the report's value is the hour or minutes of a clock time in its span ("4:30",
  "3 p.m.", "3 p. m.", "10 am").
- **score**: its value is the first of two whole numbers glued by a dash in its span, the
  first not below the second ("an 88-72 loss", "tied 13-13"): a range runs up, a score or
  tally need not.
- **year**: a group with no counted noun (unit ``count``) whose report is one whole number
  from 1900 to 2099 written as four digits ("in 2001 and 2005", "prior to 1997").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from corroborate.present.brief import in_field

_CLOCK = re.compile(
    r"\b(\d{1,2}):(\d\d)\b|\b(\d{1,2})\s*(?:[ap]\.\s?m\b\.?|[ap]m\b)", re.IGNORECASE
)
_GLUED_PAIR = re.compile(r"(?<![\w.,])(\d+)[-–](\d+)(?![\w.,])")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class Noise:
    """One report the scan flags: its kind, the group's measure and the span's text."""

    kind: str
    measure: str
    text: str


def _span(articles: Mapping[str, Mapping[str, Any]], report: Mapping[str, Any]) -> tuple[str, str]:
    """The report's span, and the character right after it."""
    art = articles.get(str(report.get("article_id")), {})
    text = str(art.get(in_field(report)) or "")
    end = int(report.get("end") or 0)
    return text[int(report.get("start") or 0) : end], text[end : end + 1]


def _kind(
    group: Mapping[str, Any], report: Mapping[str, Any], span: str, after: str = ""
) -> str | None:
    """The kind of noise the report is, when its value comes from one (a count of people
    whose span runs on past "at 6 p.m." is not flagged; "2000ft" is a length)."""
    low, high = report.get("low"), report.get("high")

    def holds(value: str | None) -> bool:  # an approximate report is an interval around it
        if value is None or (low is None and high is None):
            return False
        v = float(value)
        return (low is None or float(low) <= v) and (high is None or v <= float(high))

    for m in _CLOCK.finditer(span):
        if holds(m.group(1) or m.group(3)) or holds(m.group(2)):
            return "clock"
    if any(int(a) >= int(b) and holds(a) for a, b in _GLUED_PAIR.findall(span)):
        return "score"
    digits = re.findall(r"\d+", span)
    if (
        group.get("unit") == "count"
        and low is not None
        and low == high
        and float(low).is_integer()
        and digits == [str(int(low))]
        and _YEAR.match(digits[0])
        and not after.isalpha()
    ):
        return "year"
    return None


def board_noise(dossier: Mapping[str, Any]) -> list[Noise]:
    """Every report of every figure group of the dossier that the scan flags."""
    articles = {str(a["id"]): a for a in dossier.get("articles", [])}
    found: list[Noise] = []
    for story in dossier.get("stories", []):
        for group in story.get("figures", []):
            for report in group.get("reports", []):
                span, after = _span(articles, report)
                kind = _kind(group, report, span, after)
                if kind is not None:
                    found.append(Noise(kind, str(group.get("measure") or ""), span))
    return found
