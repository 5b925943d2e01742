"""What new articles changed in the stories: contradictions worth an alert.

:func:`contradictions` compares the stories touched by an update, before and after, and
returns one :class:`Alert` per figure group or claim that a new article contradicts:

- a **figure** group with a report from a new article and reports from older articles,
  whose verdict is now ``conflict`` or ``approximate`` and either worse than the verdict of
  the matching group before the update (``agree``/``single_source`` → ``approximate`` →
  ``conflict``), or whose new report's interval shares no value with an older report's;
- a **claim** that is now ``contested`` with a new article among its versions, and was not
  contested before (or the new article is among the versions that contradict it). A claim
  whose new-article sentence holds a figure already alerted is folded into that alert.

Groups are matched across the update by the evidence spans of the older articles
(``article_id``, ``start``, ``end``), since figure and claim ids are renumbered on rebuild.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["Alert", "ArticleInfo", "Version", "contradictions"]

RANK = {"single_source": 0, "agree": 0, "corroborated": 0, "approximate": 1, "conflict": 2}

SpanKey = tuple[str, int, int]


@dataclass(frozen=True)
class ArticleInfo:
    """What an alert says about one article."""

    id: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Version:
    """One outlet's version of a contradicted fact."""

    article_id: str
    outlet: str | None
    url: str | None
    text: str
    low: float | None = None
    high: float | None = None
    new: bool = False


@dataclass(frozen=True)
class Alert:
    """A new article contradicts what a story already said."""

    kind: Literal["figure", "claim"]
    story_id: str
    story_title: str
    measure: str  # figure: "family — unit"; claim: the claim's text
    subject: str | None
    verdict: str
    previous_verdict: str | None
    article_id: str  # the new article
    article_url: str | None
    article_outlet: str | None
    versions: tuple[Version, ...]
    explanation: str = ""

    def to_json(self) -> dict[str, Any]:
        """A JSON object (schema ``corroborate/alert@1``)."""
        out = asdict(self)
        out["versions"] = [asdict(v) for v in self.versions]
        return {"schema": "corroborate/alert@1", **out}

    def line(self) -> str:
        """One human-readable line."""
        versions = "; ".join(
            f"{v.outlet or v.article_id}{' (new)' if v.new else ''}: {v.text!r}"
            for v in self.versions
        )
        what = f"{self.measure}" + (f" of {self.subject}" if self.subject else "")
        if self.kind == "claim":
            what = f"claim {_short(self.measure)!r}"
        before = f" (was {self.previous_verdict})" if self.previous_verdict else ""
        source = self.article_url or self.article_id
        return (
            f"ALERT {self.verdict}{before} in story {self.story_id} "
            f"{_short(self.story_title)!r}: {what} — {versions} — new article {source}"
        )


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def contradictions(
    before: Mapping[str, Mapping[str, Any]],
    after: Iterable[Mapping[str, Any]],
    new_ids: set[str],
    article: Callable[[str], ArticleInfo],
) -> list[Alert]:
    """Alerts for the ``after`` stories that hold an article of ``new_ids``.

    ``before`` maps story id → dossier story as stored before the update; ``article``
    looks up an article's outlet/url for the alert.
    """
    alerts: list[Alert] = []
    for story in after:
        ids = set(story.get("article_ids", ()))
        fresh = ids & new_ids
        if not fresh or not ids - new_ids:
            continue  # no new article, or nothing older to contradict
        old_stories = [s for s in before.values() if ids & set(s.get("article_ids", ()))]
        figure_spans: set[SpanKey] = set()
        for group in story.get("figures", ()):
            alert = _figure_alert(story, group, new_ids, old_stories, article)
            if alert is not None:
                alerts.append(alert)
                figure_spans.update(
                    (r["article_id"], r["start"], r["end"])
                    for r in group["reports"]
                    if r["article_id"] in new_ids
                )
        for claim in story.get("claims", ()):
            alert = _claim_alert(story, claim, new_ids, old_stories, article, figure_spans)
            if alert is not None:
                alerts.append(alert)
    return alerts


def _key(ev: Mapping[str, Any]) -> SpanKey:
    return (str(ev["article_id"]), int(ev["start"]), int(ev["end"]))


def _previous(
    items: Iterable[Mapping[str, Any]], spans: set[SpanKey], field: str
) -> Mapping[str, Any] | None:
    """The item (figure group or claim) before the update sharing most older spans."""
    best, best_n = None, 0
    for item in items:
        n = len(spans & {_key(ev) for ev in item.get(field, ())})
        if n > best_n:
            best, best_n = item, n
    return best


def _holds(ev: Mapping[str, Any], span: SpanKey) -> bool:
    """Whether evidence ``ev`` contains the span ``span`` of the same article."""
    return bool(ev["article_id"] == span[0] and ev["start"] <= span[1] and span[2] <= ev["end"])


def _disjoint(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    lo = max(_num(a.get("low"), -math.inf), _num(b.get("low"), -math.inf))
    hi = min(_num(a.get("high"), math.inf), _num(b.get("high"), math.inf))
    return lo > hi


def _num(value: Any, default: float) -> float:
    return default if value is None else float(value)


def _figure_alert(
    story: Mapping[str, Any],
    group: Mapping[str, Any],
    new_ids: set[str],
    old_stories: list[Mapping[str, Any]],
    article: Callable[[str], ArticleInfo],
) -> Alert | None:
    verdict = str(group.get("verdict"))
    if RANK.get(verdict, 0) == 0:
        return None
    reports = list(group.get("reports", ()))
    new = [r for r in reports if r["article_id"] in new_ids]
    old = [r for r in reports if r["article_id"] not in new_ids]
    if not new or not old:
        return None
    prev = _previous(
        (g for s in old_stories for g in s.get("figures", ())), {_key(r) for r in old}, "reports"
    )
    prev_verdict = str(prev["verdict"]) if prev is not None else None
    worse = RANK.get(verdict, 0) > RANK.get(prev_verdict or "", 0)
    clash = any(_disjoint(n, o) for n in new for o in old)
    if not (worse or clash):
        return None
    first = article(new[0]["article_id"])
    versions = tuple(
        Version(
            article_id=r["article_id"],
            outlet=article(r["article_id"]).outlet,
            url=article(r["article_id"]).url,
            text=str(r.get("text", "")),
            low=r.get("low"),
            high=r.get("high"),
            new=r["article_id"] in new_ids,
        )
        for r in reports
    )
    return Alert(
        kind="figure",
        story_id=str(story["id"]),
        story_title=str(story.get("title") or ""),
        measure=str(group.get("measure") or ""),
        subject=group.get("subject"),
        verdict=verdict,
        previous_verdict=prev_verdict,
        article_id=first.id,
        article_url=first.url,
        article_outlet=first.outlet,
        versions=versions,
        explanation=str(group.get("explanation") or ""),
    )


def _claim_alert(
    story: Mapping[str, Any],
    claim: Mapping[str, Any],
    new_ids: set[str],
    old_stories: list[Mapping[str, Any]],
    article: Callable[[str], ArticleInfo],
    figure_spans: set[SpanKey],
) -> Alert | None:
    if claim.get("verdict") != "contested":
        return None
    evidence = list(claim.get("support", ()))
    new = [e for e in evidence if e["article_id"] in new_ids]
    old = [e for e in evidence if e["article_id"] not in new_ids]
    if not new or not old:
        return None
    if any(_holds(ev, span) for ev in new for span in figure_spans):
        return None  # already said by a figure alert
    prev = _previous(
        (c for s in old_stories for c in s.get("claims", ())), {_key(e) for e in old}, "support"
    )
    prev_verdict = str(prev["verdict"]) if prev is not None else None
    against = {e["article_id"] for e in claim.get("contradicted_by", ())}
    if prev_verdict == "contested" and not against & new_ids:
        return None
    first = article(new[0]["article_id"])
    versions = tuple(
        Version(
            article_id=e["article_id"],
            outlet=article(e["article_id"]).outlet,
            url=article(e["article_id"]).url,
            text=str(e.get("text", "")),
            new=e["article_id"] in new_ids,
        )
        for e in evidence
    )
    return Alert(
        kind="claim",
        story_id=str(story["id"]),
        story_title=str(story.get("title") or ""),
        measure=str(claim.get("text") or ""),
        subject=None,
        verdict="contested",
        previous_verdict=prev_verdict,
        article_id=first.id,
        article_url=first.url,
        article_outlet=first.outlet,
        versions=versions,
        explanation=str(claim.get("explanation") or ""),
    )
