"""The harness's figures measure: does the story state the Gun Violence Archive's counts?

For each GVC incident with facts (``facts.json``: incident id → ``killed``, ``injured``) the
*incident's articles* are the input articles whose gold ``story`` is that incident, wherever
the product put them (any story, or a stored article that absorbed them as duplicates).

A report *states* a count of a measure when it is a report of a dossier figure group whose
measure family is that measure (``kill`` for killed, ``injure`` for injured: the text before
" — " in ``measure``, which :func:`corroborate.compare.figures.predicate_family` builds), whose
unit is ``people``, whose time frame (``scope``) is the story's own event (none, or a part of
the total: a group the product labels "an earlier event", "in 2012", "so far this year" or
"reports called wrong" is shown as such and states nothing about the incident), and which
comes from one of the incident's articles.

- **stated** (count > 0): some such report's interval ``[low, high]`` holds the count (an open
  end holds everything on its side; a report with both ends open states nothing).
- **none when 0** (count = 0): no such report is *positive* (``low > 0``: "two were killed";
  "no one was hurt" or "up to 3" are not positive).

Incidents whose articles were all rejected stay in the denominators: the user gets no count.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corroborate.compare.figures import predicate_family
from corroborate.evaluate.table import Row, Section

#: Measures scored, with the family of the dossier's figure groups that report them.
MEASURES: dict[str, str] = {
    "killed": predicate_family("kill") or "kill",
    "injured": predicate_family("injure") or "injure",
}
#: Issue 11's targets: (metric, value it must reach).
TARGETS: dict[str, float] = {
    "killed stated": 0.80,
    "injured stated": 0.70,
    "killed none when 0": 0.95,
    "injured none when 0": 0.95,
}


@dataclass(frozen=True)
class _Report:
    family: str
    low: float
    high: float


@dataclass
class _Tally:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, incident: str) -> None:
        self.total += 1
        self.hits += ok
        if not ok:
            self.misses.append(incident)

    @property
    def share(self) -> float | None:
        return self.hits / self.total if self.total else None


def _family(measure: str) -> str:
    return measure.split(" — ", 1)[0].strip()


def _bound(value: Any, default: float) -> float:
    return default if value is None else float(value)


def _story_event(scope: Any) -> bool:
    """Whether a group with this time frame reports the story's own event: no scope, or a
    part of its total. Groups the product labels as another time frame (an earlier event, a
    year, a period, a rate, a possibility, a report called wrong) state nothing about it."""
    return not scope or str(scope) == "part"


def stored_ids(dossier: Mapping[str, Any]) -> dict[str, set[str]]:
    """Stored article id → the input ids it stands for (itself, its duplicates, its sources)."""
    out: dict[str, set[str]] = {}
    for art in dossier.get("articles", []):
        ids = {str(art["id"]), *(str(d) for d in art.get("duplicate_ids") or ())}
        ids.update(str(s["id"]) for s in art.get("sources") or () if s.get("id"))
        out[str(art["id"])] = ids
    return out


def reports_by_input(dossier: Mapping[str, Any]) -> dict[str, list[_Report]]:
    """Input article id → its people-count reports in the scored families."""
    inputs = stored_ids(dossier)
    families = set(MEASURES.values())
    out: dict[str, list[_Report]] = {}
    for story in dossier.get("stories", []):
        for group in story.get("figures", []):
            family = _family(str(group.get("measure") or ""))
            if family not in families or group.get("unit") != "people":
                continue
            if not _story_event(group.get("scope")):
                continue
            for rep in group.get("reports", []):
                low = _bound(rep.get("low"), -math.inf)
                high = _bound(rep.get("high"), math.inf)
                if math.isinf(low) and math.isinf(high):
                    continue
                aid = str(rep["article_id"])
                for input_id in inputs.get(aid, {aid}):
                    out.setdefault(input_id, []).append(_Report(family, low, high))
    return out


def incident_tallies(
    dossier: Mapping[str, Any],
    facts: Mapping[str, Mapping[str, Any]],
    article_incident: Mapping[str, str],
) -> dict[str, _Tally]:
    """The four tallies (metric → hits/total and the incidents missed)."""
    by_input = reports_by_input(dossier)
    articles: dict[str, list[str]] = {}
    for aid, incident in article_incident.items():
        articles.setdefault(str(incident), []).append(str(aid))
    tallies = {metric: _Tally() for metric in TARGETS}
    for incident in sorted(articles):
        fact = facts.get(incident)
        if fact is None:
            continue
        reports = [r for aid in articles[incident] for r in by_input.get(aid, ())]
        for measure, family in MEASURES.items():
            count = fact.get(measure)
            if count is None:
                continue
            mine = [r for r in reports if r.family == family]
            if count > 0:
                ok = any(r.low <= count <= r.high for r in mine)
                tallies[f"{measure} stated"].add(ok, incident)
            else:
                ok = not any(r.low > 0 for r in mine)
                tallies[f"{measure} none when 0"].add(ok, incident)
    return tallies


def gvc_sample(
    gvc_dir: Path, split: str = "dev", size: int = 150, seed: int = 11
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The articles of a seeded sample of GVC dev incidents with facts, and the facts: the
    incidents sorted and shuffled with ``random.Random(seed)``; the first ``size`` are the
    *dev* sample, the next ``size`` the *check* sample (docs/figures.md, "Calibration")."""
    facts: dict[str, dict[str, Any]] = json.loads((gvc_dir / "facts.json").read_text())
    with (gvc_dir / "dev.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    incidents = sorted({r["story"] for r in records if r["story"] in facts})
    random.Random(seed).shuffle(incidents)
    chosen = set(incidents[:size] if split == "dev" else incidents[size : 2 * size])
    return [r for r in records if r["story"] in chosen], facts


def _rows(tallies: Mapping[str, _Tally]) -> Iterable[Row]:
    for metric, target in TARGETS.items():
        t = tallies[metric]
        share = t.share
        yield Row(
            measure="figures",
            corpus="gvc",
            metric=metric,
            ours=None if share is None else round(share, 4),
            target=f">= {target:.2f}",
            met=None if share is None else share >= target,
            note=f"{t.hits}/{t.total} incidents",
        )


def score_gvc_figures(
    dossier: dict[str, Any], facts: dict[str, dict[str, Any]], article_incident: dict[str, str]
) -> Section:
    """Score the dossier's killed/injured figures against the GVC facts (module docstring)."""
    tallies = incident_tallies(dossier, facts, article_incident)
    incidents = {str(i) for i in article_incident.values() if str(i) in facts}
    return Section(
        name="figures",
        rows=tuple(_rows(tallies)),
        info={
            "incidents": len(incidents),
            "articles": len(article_incident),
            "missed": {m: t.misses[:50] for m, t in tallies.items()},
        },
    )
