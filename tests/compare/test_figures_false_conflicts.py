"""Counts that may agree but not conflict (docs/verdicts.md, "False conflicts"): a count of
people told only by naming or describing them, background counts, and articles published
weeks apart. Invented articles; the patterns come from reading the GVC dev board's
``conflict`` groups."""

from __future__ import annotations

from dataclasses import replace

from corroborate.compare.figures import CONFLICT_DAYS, _numbered, compare_figures
from corroborate.types import AnalyzedArticle, Figure, FigureGroup
from tests.compare.helpers_figures import analysed_docs, entities_by_surname


def _groups(docs: list[AnalyzedArticle], measure: str) -> list[FigureGroup]:
    return [g for g in compare_figures(docs, entities_by_surname(docs)) if g.measure == measure]


def _dated(docs: list[AnalyzedArticle], *days: str) -> list[AnalyzedArticle]:
    return [
        replace(d, article=replace(d.article, published=day))
        for d, day in zip(docs, days, strict=True)
    ]


def test_a_named_victim_does_not_conflict_with_a_total() -> None:
    docs = analysed_docs(
        "Three people were wounded in the shooting at the Tarrow depot on Friday.",
        "Ivo Lenz, a porter, was wounded in the shooting at the Tarrow depot on Friday.",
    )
    groups = _groups(docs, "injure — people")
    assert not [g for g in groups if g.verdict == "conflict"], groups
    assert sorted(len(g.reports) for g in groups) == [1, 1]  # each on its own


def test_a_described_victim_agrees_with_one() -> None:
    docs = analysed_docs(
        "One man was killed in the shooting at the Tarrow depot on Friday.",
        "A porter was killed in the shooting at the Tarrow depot on Friday.",
    )
    assert [g.verdict for g in _groups(docs, "kill — people")] == ["agree"]


def test_numbered_counts_still_conflict_beside_a_named_victim() -> None:
    docs = analysed_docs(
        "Ivo Lenz was wounded in the shooting at the Tarrow depot on Friday.",
        "Three people were wounded in the shooting at the Tarrow depot on Friday.",
        "Four people were wounded in the shooting at the Tarrow depot on Friday.",
    )
    groups = _groups(docs, "injure — people")
    conflict = [g for g in groups if g.verdict == "conflict"]
    assert len(conflict) == 1
    assert {r.article_id for r in conflict[0].reports} == {"r1", "r2"}
    assert groups[0].reports[0].article_id == "r0"  # groups keep reading order


def test_no_arrest_against_a_named_arrest_conflicts() -> None:
    docs = analysed_docs(
        "No one has been arrested in the shooting at the Tarrow depot.",
        "Police arrested Ivo Lenz in the shooting at the Tarrow depot.",
    )
    assert [g.verdict for g in _groups(docs, "detain — people")] == ["conflict"]


def test_counts_of_articles_weeks_apart_do_not_conflict() -> None:
    texts = (
        "Two people were wounded in a shooting at the Tarrow depot, police said.",
        "Five people were wounded in a shooting at the Tarrow depot, police said.",
    )
    near = _dated(analysed_docs(*texts), "2024-06-02", f"2024-06-{2 + CONFLICT_DAYS:02d}")
    assert [g.verdict for g in _groups(near, "injure — people")] == ["conflict"]
    far = _dated(analysed_docs(*texts), "2024-06-02", f"2024-06-{3 + CONFLICT_DAYS:02d}")
    groups = _groups(far, "injure — people")
    assert [g.verdict for g in groups] == ["single_source", "single_source"]
    same = _dated(analysed_docs(texts[0], texts[0]), "2024-06-02", "2024-07-20")
    assert [g.verdict for g in _groups(same, "injure — people")] == ["agree"]


def test_background_counts_do_not_conflict() -> None:
    docs = analysed_docs(
        "A guard was shot at the Tarrow depot on Friday. Two weeks ago, two men were wounded"
        " at the same corner.",
        "A guard was shot at the Tarrow depot on Friday. Two weeks ago, four men were wounded"
        " at the same corner.",
    )
    earlier = [g for g in compare_figures(docs, entities_by_surname(docs)) if g.scope == "before"]
    assert earlier and not [g for g in earlier if g.verdict == "conflict"], earlier


def test_the_dead_with_and_without_the_killer_do_not_conflict() -> None:
    docs = analysed_docs(
        "Three people are dead, including the gunman, after a shooting at the Tarrow depot.",
        "A gunman shot two people to death at the Tarrow depot on Friday, police said.",
        "Five people were killed in the shooting at the Tarrow depot on Friday.",
    )
    killed = _groups(docs, "kill — people")
    conflicts = [{r.article_id for r in g.reports} for g in killed if g.verdict == "conflict"]
    assert not [ids for ids in conflicts if {"r0", "r1"} <= ids], conflicts
    assert conflicts == [{"r0", "r2"}]  # five is not three with or without the killer
    # without a killer's death told, one apart is a conflict
    docs = analysed_docs(
        "Three people were killed in a shooting at the Tarrow depot on Friday.",
        "A gunman shot two people to death at the Tarrow depot on Friday, police said.",
    )
    assert [g.verdict for g in _groups(docs, "kill — people")] == ["conflict"]


def test_an_age_is_no_number_of_people() -> None:
    docs = analysed_docs(
        "Six people were found dead in a house on Tarrow Road on Friday, police said.",
        "Police said Ivo Lenz is accused of killing his 17-year-old sister in the house.",
    )
    assert not [g for g in _groups(docs, "kill — people") if g.verdict == "conflict"]


def test_a_named_victim_does_not_hide_a_number_of_its_own_article() -> None:
    docs = analysed_docs(
        "The girl was taken to a hospital, where she was listed in stable condition. Two"
        " people were wounded on Oak Street on Saturday morning after a dispute, police said."
    )
    shown = sorted(r.low for g in _groups(docs, "injure — people") for r in g.reports)
    assert shown == [1, 2]


def test_a_partitive_count_does_not_conflict_with_a_total() -> None:
    docs = analysed_docs(
        "A gunman killed six people in a shooting at the Tarrow depot on Friday.",
        "The gunman shot three workers at the Tarrow depot on Friday, killing two of them.",
    )
    killed = _groups(docs, "kill — people")
    assert not [g for g in killed if g.verdict == "conflict"], killed
    # two plain totals still conflict
    docs = analysed_docs(
        "A gunman killed six people in a shooting at the Tarrow depot on Friday.",
        "A gunman killed two people in a shooting at the Tarrow depot on Friday.",
    )
    assert [g.verdict for g in _groups(docs, "kill — people")] == ["conflict"]


def test_a_partitive_count_still_agrees() -> None:
    docs = analysed_docs(
        "Police arrested 13 men at the Tarrow Hotel on Friday in a sting.",
        "Thirteen of the 14 men who came to the Tarrow Hotel on Friday were arrested.",
    )
    assert [g.verdict for g in _groups(docs, "detain — people")] == ["agree"]


def test_a_number_inside_a_relative_clause_numbers_nothing() -> None:
    """The parser can take a relative clause into a count's words: its numbers count
    other people ("a man who was suspected of killing five people ... was found" dead)."""
    fig = Figure(
        text="A man who was suspected of killing five people Friday was found",
        start=0,
        end=62,
        kind="count",
        low=1,
        high=1,
        unit="people",
        predicate="find",
    )
    assert not _numbered(fig)
    assert _numbered(replace(fig, text="Two men who were shot"))


def test_a_count_graded_by_harm_does_not_conflict_with_the_total() -> None:
    docs = analysed_docs(
        "Four people were injured in the shooting at the Tarrow depot on Friday.",
        "Two people were critically injured in the shooting at the Tarrow depot on Friday.",
    )
    injured = _groups(docs, "injure — people")
    assert not [g for g in injured if g.verdict == "conflict"], injured
    docs = analysed_docs(
        "Four people were critically injured in the shooting at the Tarrow depot on Friday.",
        "Two people were critically injured in the shooting at the Tarrow depot on Friday.",
    )
    assert [g.verdict for g in _groups(docs, "injure — people")] == ["conflict"]
    # parts of other grades: one critical, five stable, of six shot
    docs = analysed_docs(
        "Six people were shot at the Tarrow depot on Friday. One was in critical condition.",
        "Six people were shot at the Tarrow depot on Friday. Five are in stable condition.",
    )
    injured = _groups(docs, "injure — people")
    assert not [g for g in injured if g.verdict == "conflict"], injured
    # each article's graded part stands apart from its total, and the totals agree
    assert [(g.verdict, [r.low for r in g.reports]) for g in injured if len(g.reports) == 2] == [
        ("agree", [6, 6])
    ]


def test_a_partitive_of_things_does_not_conflict_with_the_whole() -> None:
    docs = analysed_docs(
        "An autopsy showed that Ivo Lenz was hit by seven bullets fired by the officers.",
        "An autopsy showed that Lenz was hit in the back by three of the seven bullets fired"
        " by the officers.",
    )
    groups = [g for g in compare_figures(docs, entities_by_surname(docs)) if g.unit == "bullet"]
    assert groups and not [g for g in groups if g.verdict == "conflict"], groups


def test_a_grade_needs_its_noun() -> None:
    """ "The county fair" and "a minor" grade no harm: the counts still conflict."""
    docs = analysed_docs(
        "Two people were wounded at the Tarrow county fair on Friday, police said.",
        "Three people were wounded in the shooting in Tarrow on Friday, police said.",
    )
    assert [g.verdict for g in _groups(docs, "injure — people")] == ["conflict"]
    # "lesser injuries" grades a part of the hurt, as "minor injuries" does
    docs = analysed_docs(
        "Nine people were wounded in the shooting in Tarrow on Friday, police said.",
        "Four people suffered lesser injuries in the shooting in Tarrow on Friday, police said.",
    )
    injured = _groups(docs, "injure — people")
    assert not [g for g in injured if g.verdict == "conflict"], injured


def test_a_count_of_one_class_does_not_conflict_with_a_total() -> None:
    """ "3 men, 1 woman wounded" / "4 people wounded": a class may be a part of a total."""
    place = "in the shooting at the Tarrow depot on Friday."
    for part in ("One woman", "Two teens"):  # a class of the lexicons of either pass
        docs = analysed_docs(f"Four people were wounded {place}", f"{part} were wounded {place}")
        injured = _groups(docs, "injure — people")
        assert not [g for g in injured if g.verdict == "conflict"], (part, injured)
    docs = analysed_docs(
        f"Seven officers and two civilians were wounded {place}",
        f"Seven officers were wounded {place}",
    )
    injured = _groups(docs, "injure — people")
    assert not [g for g in injured if g.verdict == "conflict"], injured
    # one class against the same class, and people against victims, still conflict
    for first, second in (("Three teens", "Four teens"), ("Three people", "Four victims")):
        docs = analysed_docs(f"{first} were wounded {place}", f"{second} were wounded {place}")
        assert [g.verdict for g in _groups(docs, "injure — people")] == ["conflict"], first
    # none of a class says nothing of the others; no one against a class still conflicts
    docs = analysed_docs(f"No officers were wounded {place}", f"Three people were wounded {place}")
    injured = _groups(docs, "injure — people")
    assert not [g for g in injured if g.verdict == "conflict"], injured
    docs = analysed_docs(f"No one was wounded {place}", f"Two people were wounded {place}")
    assert [g.verdict for g in _groups(docs, "injure — people")] == ["conflict"]


def test_both_points_back_and_does_not_conflict() -> None:
    """ "Both were shot" counts two people told of before, maybe a part of a total."""
    place = "in the shooting at the Tarrow depot on Friday."
    docs = analysed_docs(
        f"Four people were killed {place}",
        f"Ivo Lenz and Piet Mora ran from the depot, but both were killed {place}",
    )
    killed = _groups(docs, "kill — people")
    assert not [g for g in killed if g.verdict == "conflict"], killed
    assert not _numbered(
        Figure(text="both were shot", start=0, end=14, kind="count", low=2, high=2, unit="people")
    )


def test_game_statistics_do_not_conflict() -> None:
    """A season's story tells statistics of several games: they may agree, not conflict."""
    docs = analysed_docs(
        "Ivo Lenz scored 23 points as Tarrow beat Dunmore 71-57 on Friday.",
        "Ivo Lenz scored 31 points as Tarrow beat Dunmore 71-57 on Friday.",
    )
    groups = [g for g in compare_figures(docs, entities_by_surname(docs)) if g.unit == "point"]
    assert groups and not [g for g in groups if g.verdict == "conflict"], groups
    docs = analysed_docs(*(["Ivo Lenz scored 23 points as Tarrow beat Dunmore on Friday."] * 2))
    groups = [g for g in compare_figures(docs, entities_by_surname(docs)) if g.unit == "point"]
    assert [g.verdict for g in groups] == ["agree"]
