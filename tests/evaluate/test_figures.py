"""The GVC figures scorer on tiny invented dossiers."""

from __future__ import annotations

from typing import Any

from corroborate.evaluate.figures import score_gvc_figures


def _report(aid: str, low: float | None, high: float | None) -> dict[str, Any]:
    return {"article_id": aid, "text": "x", "low": low, "high": high, "start": 0, "end": 1}


def _group(measure: str, *reports: dict[str, Any], unit: str = "people") -> dict[str, Any]:
    return {"id": "F1", "measure": measure, "unit": unit, "reports": list(reports)}


def _dossier(*stories: list[dict[str, Any]], articles: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "articles": articles,
        "stories": [{"id": f"S{n}", "figures": groups} for n, groups in enumerate(stories)],
    }


def _art(aid: str, *duplicates: str) -> dict[str, Any]:
    return {"id": aid, "duplicate_ids": list(duplicates), "sources": [{"id": aid}]}


def _values(section: Any) -> dict[str, float | None]:
    return {row.metric: row.ours for row in section.rows}


FACTS = {
    "1": {"killed": 2, "injured": 0},
    "2": {"killed": 0, "injured": 3},
    "3": {"killed": 1, "injured": 1},
}
INCIDENT = {"a": "1", "b": "1", "c": "2", "d": "3", "e": "9"}


def test_counts_stated_in_any_article_of_the_incident_wherever_its_story() -> None:
    dossier = _dossier(
        [_group("kill — people", _report("a", 1, 1), _report("b", 2, 2))],
        [_group("injure — people", _report("c", 3, None))],  # "at least three" holds 3
        [
            _group("kill — people", _report("d", 1, 1)),
            _group("injure — people", _report("d", 1, 1)),
        ],
        articles=[_art(x) for x in "abcd"],
    )
    section = score_gvc_figures(dossier, FACTS, INCIDENT)
    values = _values(section)
    assert values["killed stated"] == 1.0  # incidents 1 and 3
    assert values["injured stated"] == 1.0  # incidents 2 and 3
    assert values["killed none when 0"] == 1.0  # incident 2 states no death
    assert values["injured none when 0"] == 1.0  # incident 1 states no injury
    assert section.info["incidents"] == 3  # "9" has no facts
    assert all(row.met for row in section.rows)


def test_wrong_value_other_measure_or_unit_is_not_stated() -> None:
    dossier = _dossier(
        [
            _group("kill — people", _report("a", 3, 3)),  # wrong count
            _group("shoot — people", _report("d", 1, 1)),  # another measure
            _group("kill — count", _report("d", 1, 1), unit="count"),  # not people
            _group("injure — people", _report("d", None, None)),  # states nothing
        ],
        articles=[_art(x) for x in "abcd"],
    )
    values = _values(score_gvc_figures(dossier, FACTS, INCIDENT))
    assert values["killed stated"] == 0.0
    assert values["injured stated"] == 0.0


def test_positive_count_where_gold_is_zero_is_counted_against() -> None:
    dossier = _dossier(
        [_group("injure — people", _report("b", 1, 1))],  # incident 1 has no injured
        [_group("kill — people", _report("c", 0, 0))],  # "no one was killed" is fine
        articles=[_art(x) for x in "abcd"],
    )
    values = _values(score_gvc_figures(dossier, FACTS, INCIDENT))
    assert values["injured none when 0"] == 0.0
    assert values["killed none when 0"] == 1.0


def test_groups_of_another_time_frame_state_nothing_about_the_incident() -> None:
    def scoped(measure: str, scope: str | None, *reports: dict[str, Any]) -> dict[str, Any]:
        return {**_group(measure, *reports), "scope": scope}

    dossier = _dossier(
        [
            scoped("injure — people", "before", _report("b", 1, 1)),  # an earlier shooting
            scoped("kill — people", "year:2012", _report("c", 1, 1)),
            scoped("kill — people", "retracted", _report("c", 1, 1)),
            scoped("kill — people", "part", _report("d", 1, 1)),  # a part: the story's own
            scoped("kill — people", "before", _report("a", 2, 2)),
        ],
        articles=[_art(x) for x in "abcd"],
    )
    values = _values(score_gvc_figures(dossier, FACTS, INCIDENT))
    assert values["injured none when 0"] == 1.0
    assert values["killed none when 0"] == 1.0
    assert values["killed stated"] == 0.5  # incident 3 by its part; incident 1 only earlier


def test_duplicate_articles_count_for_their_own_incident() -> None:
    # "c" (incident 2) was stored as a duplicate of "a": a's reports speak for c too.
    dossier = _dossier(
        [_group("injure — people", _report("a", 3, 3))],
        articles=[_art("a", "c"), _art("b"), _art("d")],
    )
    section = score_gvc_figures(dossier, FACTS, INCIDENT)
    assert _values(section)["injured stated"] == 0.5  # incident 2 yes, incident 3 no
    assert section.info["missed"]["injured stated"] == ["3"]


def test_rejected_articles_leave_their_incident_unstated() -> None:
    values = _values(score_gvc_figures(_dossier(articles=[]), FACTS, INCIDENT))
    assert values["killed stated"] == 0.0
    assert values["killed none when 0"] == 1.0


def test_rows_name_the_measure_targets_and_an_empty_denominator() -> None:
    section = score_gvc_figures(_dossier(articles=[]), {"1": {"killed": 0}}, {"a": "1"})
    rows = {row.metric: row for row in section.rows}
    assert [r.measure for r in section.rows] == ["figures"] * 4
    assert {r.corpus for r in section.rows} == {"gvc"}
    assert rows["killed stated"].target == ">= 0.80"
    assert rows["injured stated"].target == ">= 0.70"
    assert rows["killed stated"].ours is None and rows["killed stated"].met is None
    assert rows["killed none when 0"].ours == 1.0
    assert section.to_json()["name"] == "figures"
