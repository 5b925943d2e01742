"""Contradiction alerts from before/after story dicts (no pipeline needed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corroborate.watch.diff import ArticleInfo, contradictions

OUTLETS = {"a": "Alpha", "b": "Beta", "c": "Gamma"}


def info(article_id: str) -> ArticleInfo:
    return ArticleInfo(article_id, OUTLETS.get(article_id), f"http://x.test/{article_id}")


def rep(
    aid: str, text: str, low: float | None, high: float | None, start: int = 10
) -> dict[str, Any]:
    return {
        "article_id": aid,
        "text": text,
        "low": low,
        "high": high,
        "start": start,
        "end": start + 9,
    }


def story(
    ids: list[str], figures: list[dict[str, Any]], claims: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    return {
        "id": "s1",
        "title": "Court case",
        "article_ids": ids,
        "figures": figures,
        "claims": list(claims),
    }


def fig(verdict: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "F1",
        "measure": "sentence — months",
        "subject": "Dolinsky",
        "verdict": verdict,
        "reports": reports,
    }


OLD = [rep("a", "six years", 72, 72), rep("b", "six years", 72, 72)]


def test_new_conflict_gives_one_alert_with_every_version() -> None:
    before = {"s1": story(["a", "b"], [fig("agree", OLD)])}
    after = story(["a", "b", "c"], [fig("conflict", [*OLD, rep("c", "five years", 60, 60)])])
    alerts = contradictions(before, [after], {"c"}, info)
    assert len(alerts) == 1
    alert = alerts[0]
    assert (alert.verdict, alert.previous_verdict, alert.article_id) == ("conflict", "agree", "c")
    assert [(v.outlet, v.text, v.new) for v in alert.versions] == [
        ("Alpha", "six years", False),
        ("Beta", "six years", False),
        ("Gamma", "five years", True),
    ]
    assert alert.to_json()["versions"][2]["low"] == 60
    assert "Gamma (new): 'five years'" in alert.line()


def test_agreeing_article_and_new_only_groups_are_quiet() -> None:
    before = {"s1": story(["a", "b"], [fig("agree", OLD)])}
    agree = story(["a", "b", "c"], [fig("agree", [*OLD, rep("c", "six years", 72, 72)])])
    assert contradictions(before, [agree], {"c"}, info) == []
    only_new = story(
        ["a", "b", "c"], [fig("conflict", [rep("c", "5", 5, 5), rep("c", "6", 6, 6, 40)])]
    )
    assert contradictions(before, [only_new], {"c"}, info) == []
    # a story made only of new articles has nothing older to contradict
    fresh = story(["c"], [fig("conflict", [rep("c", "5", 5, 5)])])
    assert contradictions({}, [fresh], {"c"}, info) == []


def test_existing_conflict_alerts_only_when_the_new_report_clashes() -> None:
    old = [rep("a", "six years", 72, 72), rep("b", "five years", 60, 60)]
    before = {"s1": story(["a", "b"], [fig("conflict", old)])}
    sides = story(["a", "b", "c"], [fig("conflict", [*old, rep("c", "six years", 72, 72)])])
    # the new report matches one side: it disagrees with the other, an interval clash
    assert len(contradictions(before, [sides], {"c"}, info)) == 1
    vague = story(["a", "b", "c"], [fig("conflict", [*old, rep("c", "years", 12, None)])])
    assert contradictions(before, [vague], {"c"}, info) == []


def test_contested_claim_alert_and_folding_into_a_figure_alert() -> None:
    def claim(
        verdict: str, support: list[dict[str, Any]], against: list[dict[str, Any]]
    ) -> dict[str, Any]:
        return {
            "id": "claim-1",
            "text": "The court sentenced him.",
            "verdict": verdict,
            "support": support,
            "contradicted_by": against,
            "explanation": "versions disagree",
        }

    sa = {"article_id": "a", "start": 0, "end": 50, "text": "He was sentenced."}
    sc = {"article_id": "c", "start": 0, "end": 50, "text": "He was not sentenced."}
    before = {"s1": story(["a", "b"], [], [claim("single_source", [sa], [])])}
    after = story(["a", "b", "c"], [], [claim("contested", [sa, sc], [sc])])
    alerts = contradictions(before, [after], {"c"}, info)
    assert [(a.kind, a.previous_verdict) for a in alerts] == [("claim", "single_source")]
    assert alerts[0].line().startswith("ALERT contested (was single_source)")
    # the same claim holding an alerted figure of the new article is said once
    before2 = {"s1": story(["a", "b"], [fig("agree", OLD)], [claim("corroborated", [sa], [])])}
    after2 = story(
        ["a", "b", "c"],
        [fig("conflict", [*OLD, rep("c", "five years", 60, 60)])],
        [claim("contested", [sa, sc], [sc])],
    )
    assert [a.kind for a in contradictions(before2, [after2], {"c"}, info)] == ["figure"]
