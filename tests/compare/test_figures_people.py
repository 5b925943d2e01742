"""Issue 11 in the compare stage: people counts without numerals, nouns that name the same
thing, and gaps reported exactly (invented articles)."""

from __future__ import annotations

import pytest

from corroborate.compare.figures import compare_figures
from tests.compare.helpers_figures import analysed_docs, entities_by_surname


def _groups(*texts: str) -> list[tuple[str, str, list[tuple[float | None, float | None]]]]:
    docs = analysed_docs(*texts)
    return [
        (g.measure, g.verdict, [(r.low, r.high) for r in g.reports])
        for g in compare_figures(docs, entities_by_surname(docs))
    ]


def test_killed_in_words_and_in_numerals_agree_across_outlets() -> None:
    groups = _groups(
        "A man and a woman were shot and killed outside a diner on Friday night.",
        "Two people were killed in a shooting outside a diner on Friday, police said.",
    )
    killed = [g for g in groups if g[0] == "kill — people"]
    assert killed == [("kill — people", "agree", [(2, 2), (2.0, 2.0)])]


def test_injured_counts_that_differ_conflict() -> None:
    groups = _groups(
        "Three people were wounded in the shooting, police said.",
        "Two men and a woman were wounded. A fourth person was also hurt.",
        "Five people were wounded in the shooting.",
    )
    injured = [g for g in groups if g[0] == "injure — people" and len(g[2]) > 1]
    assert injured and injured[0][1] == "conflict"


def test_vessels_and_ships_are_one_thing_and_the_gap_is_exact() -> None:
    docs = analysed_docs(
        "About 40 vessels were waiting outside the port on Monday.",
        "More than 40 ships were waiting outside the port on Monday.",
        "Exactly 38 ships were waiting outside the port on Monday.",
    )
    groups = [g for g in compare_figures(docs, entities_by_surname(docs)) if g.unit == "ship"]
    assert len(groups) == 1
    assert {r.article_id for r in groups[0].reports} == {"r0", "r1", "r2"}
    assert groups[0].verdict == "approximate"
    assert "gap 2" in groups[0].explanation


def test_ages_and_ordinals_stay_off_the_board() -> None:
    docs = analysed_docs(
        "Ansel Brook, 44, was detained at the third protest on Sunday.",
        "Ansel Brook, 45, was detained at the third protest on Sunday.",
    )
    kinds = {f.kind for d in docs for f in d.analysis.figures}
    assert {"age", "ordinal"} <= kinds  # still in each article's analysis
    groups = compare_figures(docs, entities_by_surname(docs))
    assert not [g for g in groups if g.unit in {"years", "ordinal"}], groups


def test_injured_for_want_of_a_death_gives_way_to_a_reported_death() -> None:
    early = "A cyclist was shot on Elm Lane on Monday night."
    later = "A cyclist who was shot on Elm Lane on Monday night has died, police said."
    alone = [g for g in _groups(early) if g[0] == "injure — people"]
    assert alone == [("injure — people", "single_source", [(1, 1)])]
    both = _groups(early, later)
    assert not [g for g in both if g[0] == "injure — people"], both
    assert [g for g in both if g[0] == "kill — people"]


def test_a_death_reported_weeks_apart_leaves_the_shot_count_injured() -> None:
    from dataclasses import replace

    from corroborate.types import AnalyzedArticle

    shot, died = analysed_docs(
        "A cyclist was shot on Elm Lane on Monday night.",
        "A man who was shot on Birch Road has died, police said.",
    )
    weeks_later = AnalyzedArticle(replace(died.article, published="2024-06-30"), died.analysis)
    docs = [shot, weeks_later]
    injured = [g for g in compare_figures(docs, entities_by_surname(docs)) if g.unit == "people"]
    assert [
        (g.measure, [(r.low, r.high) for r in g.reports]) for g in injured if "injure" in g.measure
    ] == [("injure — people", [(1, 1)])]
    undated = AnalyzedArticle(replace(died.article, published=None), died.analysis)
    docs = [shot, undated]
    groups = compare_figures(docs, entities_by_surname(docs))
    assert not [g for g in groups if g.measure == "injure — people"]  # no date: may be the same


def test_a_victim_in_critical_condition_another_article_reports_dead_is_no_injured_count() -> None:
    early = "A cyclist was found on Elm Lane on Monday night. He is in critical condition."
    later = "The cyclist found on Elm Lane on Monday night has died, police said."
    alone = [g for g in _groups(early) if g[0] == "injure — people"]
    assert alone == [("injure — people", "single_source", [(1, 1)])]
    both = _groups(early, later)
    assert not [g for g in both if g[0] == "injure — people"], both


@pytest.mark.parametrize(
    "early",
    [
        "A cyclist was critically injured on Elm Lane on Monday night, police said.",
        "A cyclist was gravely wounded on Elm Lane on Monday night, police said.",
    ],
)
def test_a_victim_critically_injured_another_article_reports_dead_is_no_injured_count(
    early: str,
) -> None:
    later = "The cyclist hurt on Elm Lane on Monday night has died, police said."
    alone = [g for g in _groups(early) if g[0] == "injure — people"]
    assert alone == [("injure — people", "single_source", [(1, 1)])]
    both = _groups(early, later)
    assert not [g for g in both if g[0] == "injure — people"], both


def test_a_victim_injured_not_critically_stays_injured_beside_a_death() -> None:
    early = "A cyclist was injured on Elm Lane on Monday night, police said."
    later = "The cyclist hurt on Elm Lane on Monday night has died, police said."
    both = _groups(early, later)
    assert [g for g in both if g[0] == "injure — people"], both


def test_a_death_the_articles_own_headline_tells_drops_its_shot_only_count() -> None:
    title = "Victim of Elm Lane shooting dies"
    text = "Sheriff update\n\nThe sheriff says a man on the property accidentally shot himself."
    docs = analysed_docs(text, prefix="h", titles=(title,))
    groups = compare_figures(docs, entities_by_surname(docs))
    assert [g.measure for g in groups if g.measure == "kill — people"]
    assert not [g for g in groups if g.measure == "injure — people"], groups


def test_a_crowds_size_from_police_and_from_organisers_conflict() -> None:
    groups = _groups(
        "Police put the crowd at 5,000 as marchers filled Elm Square on Saturday.",
        "Organisers said 20,000 people took part in the march on Elm Square on Saturday.",
    )
    crowd = [g for g in groups if g[0] == "protest — people"]
    assert crowd == [("protest — people", "conflict", [(5000.0, 5000.0), (20000.0, 20000.0)])]


def test_a_death_toll_and_a_count_of_the_dead_are_one_figure() -> None:
    groups = _groups(
        "The death toll from the flood rose to 14 on Tuesday, the governor said.",
        "Fourteen people were killed in the flood, the governor said on Tuesday.",
    )
    killed = [g for g in groups if g[0] == "kill — people"]
    assert killed == [("kill — people", "agree", [(14.0, 14.0), (14.0, 14.0)])]
