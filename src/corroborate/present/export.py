"""Exports of one story for spreadsheets and notebooks: five CSV files, one row per report.

``figures.csv``, ``claims.csv``, ``quotes.csv``, ``entities.csv`` and ``timeline.csv``
each hold one row per piece of evidence (a figure's report, a claim's supporting sentence,
a quote's report, an entity's mention, a date's expression) with its story, fact, article,
source label (:mod:`corroborate.present.labels`), ``start``/``end`` offsets into the
article's cleaned text, and the fact's verdict and review where it has them (blank where
it has none: quotes, entities and dates carry no verdict). UTF-8, a header row, RFC 4180
quoting. A text cell that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``)
gets a leading apostrophe, so opening the file never runs article text as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from corroborate.present.brief import evidence_text, in_field
from corroborate.present.labels import source_labels

__all__ = ["COLUMNS", "export_csv", "rows"]

Row = dict[str, Any]
_SPAN = ("article_id", "source_label", "start", "end")
_REVIEW = ("verdict", "review", "review_note")

#: The columns of each file, in order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "figures": (
        "story_id", "fact_id", "figure", "measure", "subject", "unit",
        *_SPAN, "field", "text", "low", "high", "approximate", *_REVIEW,
    ),
    "claims": (
        "story_id", "fact_id", "claim", *_SPAN, "text", "contradicts", "claim_text", *_REVIEW,
    ),
    "quotes": (
        "story_id", "quote", "speaker", "speaker_name", "kind", *_SPAN, "text", "quote_text",
        *_REVIEW,
    ),
    "entities": ("story_id", "entity", "name", "type", "aliases", *_SPAN, "text", *_REVIEW),
    "timeline": (
        "story_id", "date", "precision", "event_type", "description", *_SPAN, "expression",
        *_REVIEW,
    ),
}  # fmt: skip

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


class _Story:
    def __init__(self, story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]):
        self.story = story
        self.sid = str(story.get("id"))
        ids = [str(a) for a in story.get("article_ids") or []]
        self.articles = articles
        self.labels = source_labels(articles[a] for a in ids if a in articles)

    def span(self, ev: Mapping[str, Any]) -> Row:
        aid = str(ev.get("article_id"))
        return {
            "story_id": self.sid,
            "article_id": aid,
            "source_label": self.labels.get(aid, f"article {aid}"),
            "start": ev.get("start"),
            "end": ev.get("end"),
            "text": evidence_text(self.articles, ev),
        }

    @staticmethod
    def review(fact: Mapping[str, Any]) -> Row:
        review = fact.get("review") or {}
        return {
            "verdict": fact.get("verdict"),
            "review": review.get("decision"),
            "review_note": review.get("note"),
        }

    def figures(self) -> Iterator[Row]:
        for fig in self.story.get("figures") or []:
            head = {
                "fact_id": fig.get("fact_id"),
                "figure": fig.get("id"),
                "measure": fig.get("measure"),
                "subject": fig.get("subject"),
                "unit": fig.get("unit"),
                **self.review(fig),
            }
            for rep in fig.get("reports") or []:
                yield {
                    **head,
                    **self.span(rep),
                    "field": in_field(rep),  # start/end into the text or the headline
                    "low": rep.get("low"),
                    "high": rep.get("high"),
                    "approximate": rep.get("approximate"),
                }

    def claims(self) -> Iterator[Row]:
        for claim in self.story.get("claims") or []:
            against = {
                (str(e.get("article_id")), e.get("start"), e.get("end"))
                for e in claim.get("contradicted_by") or []
            }
            head = {
                "fact_id": claim.get("fact_id"),
                "claim": claim.get("id"),
                "claim_text": claim.get("text"),
                **self.review(claim),
            }
            for ev in claim.get("support") or []:
                key = (str(ev.get("article_id")), ev.get("start"), ev.get("end"))
                yield {**head, **self.span(ev), "contradicts": key in against}

    def quotes(self) -> Iterator[Row]:
        for quote in self.story.get("quotes") or []:
            head = {
                "quote": quote.get("id"),
                "speaker": quote.get("speaker"),
                "speaker_name": quote.get("speaker_name"),
                "kind": quote.get("kind") or "direct",
                "quote_text": quote.get("text"),
            }
            for ev in quote.get("reports") or []:
                yield {**head, **self.span(ev)}

    def entities(self) -> Iterator[Row]:
        for ent in self.story.get("entities") or []:
            head = {
                "entity": ent.get("id"),
                "name": ent.get("name"),
                "type": ent.get("type"),
                "aliases": "; ".join(str(a) for a in ent.get("aliases") or []),
            }
            for mention in ent.get("mentions") or []:
                yield {**head, **self.span(mention)}

    def timeline(self) -> Iterator[Row]:
        for item in self.story.get("timeline") or []:
            head = {
                "date": item.get("date"),
                "precision": item.get("precision"),
                "event_type": item.get("event_type"),
                "description": item.get("description"),
            }
            for ev in item.get("reports") or []:
                row = {**head, **self.span(ev), "expression": ev.get("expression")}
                row.pop("text", None)
                yield row


def rows(dossier: Mapping[str, Any], table: str) -> Iterator[Row]:
    """The rows of ``table`` (a key of :data:`COLUMNS`) for every story of ``dossier``."""
    articles = {str(a["id"]): a for a in dossier.get("articles") or [] if isinstance(a, Mapping)}
    for story in dossier.get("stories") or []:
        if isinstance(story, Mapping):
            yield from getattr(_Story(story, articles), table)()


def export_csv(dossier: Mapping[str, Any], out: Path) -> list[Path]:
    """Write the five CSV files of ``dossier``'s stories into the folder ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table, columns in COLUMNS.items():
        path = out / f"{table}.csv"
        tmp = path.with_suffix(".csv.tmp")
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows(dossier, table):
                writer.writerow({c: _safe(row.get(c)) for c in columns})
        tmp.replace(path)
        written.append(path)
    return written
