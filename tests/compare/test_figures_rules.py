"""Grouping rules against false conflicts (docs/verdicts.md): properties, time frames,
partitive pronouns and weak anchors. Every text is invented for these tests."""

from __future__ import annotations

from corroborate.compare.figures import compare_figures
from corroborate.types import FigureGroup
from tests.compare.helpers_figures import analysed_docs, entities_by_surname


def _groups(*texts: str) -> tuple[FigureGroup, ...]:
    docs = analysed_docs(*texts)
    return compare_figures(docs, entities_by_surname(docs))


def _multi(groups: tuple[FigureGroup, ...]) -> list[tuple[str, str, list[str]]]:
    return [
        (g.measure, g.verdict, [r.text for r in g.reports])
        for g in groups
        if len({r.article_id for r in g.reports}) > 1
    ]


def test_measurement_adjectives_do_not_conflict() -> None:
    groups = _groups(
        "Vantor unveils laptop.\n\nVantor unveiled its new 14-inch Lumo laptop on Tuesday.",
        "New Lumo reviewed.\n\nThe 12-inch Lumo laptop it replaces was slower, reviewers said.",
    )
    assert all(g.verdict != "conflict" for g in groups), _multi(groups)
    inch = [g for g in groups if g.unit == "inch"]
    assert len(inch) == 2 and all(g.verdict == "single_source" for g in inch)


def test_partitive_pronoun_joins_the_count_of_its_antecedent() -> None:
    groups = _groups(
        "Miners held at Dorva pit.\n\nGuards detained more than 60 miners at the Dorva pit.",
        "Dorva standoff.\n\nHundreds of striking miners blocked the Dorva pit on Monday, and"
        " guards detained about 50 of them at the gate.",
    )
    detain = [g for g in groups if g.measure == "detain — people"]
    assert len(detain) == 1, _multi(groups)
    assert detain[0].verdict == "approximate"
    assert [r.text for r in detain[0].reports] == ["more than 60 miners", "about 50 of them"]


def test_generic_period_does_not_meet_the_event() -> None:
    groups = _groups(
        "Floods hit Lisova.\n\nOver the decades, floods have killed thousands of people in"
        " the Lisova valley.",
        "Lisova flood.\n\nThe flood killed four people in the Lisova valley on Monday.",
    )
    assert all(g.verdict != "conflict" for g in groups), _multi(groups)


def test_same_frame_still_conflicts() -> None:
    """Negative control: two event reports that differ are still a conflict."""
    groups = _groups(
        "Lisova flood.\n\nThe flood killed four people in the Lisova valley on Monday.",
        "Lisova flood toll.\n\nThe flood killed nine people in the Lisova valley on Monday.",
    )
    kill = [g for g in groups if g.measure == "kill — people"]
    assert len(kill) == 1 and kill[0].verdict == "conflict", _multi(groups)


def test_rate_and_event_stay_apart() -> None:
    groups = _groups(
        "Road deaths.\n\nCrashes kill about 700 people every year in Marlo, officials said.",
        "Crash in Marlo.\n\nA crash killed six people in Marlo on Sunday.",
    )
    assert all(g.verdict != "conflict" for g in groups), _multi(groups)


def test_an_earlier_event_is_its_own_group_and_says_so() -> None:
    groups = _groups(
        "Dock shooting.\n\nTwo guards were wounded at the Marlo dock on Sunday. Two weeks"
        " ago, a porter was killed at the same dock.",
        "Marlo dock.\n\nGunfire at the Marlo dock on Sunday wounded two guards.",
    )
    kill = [g for g in groups if g.measure == "kill — people"]
    assert [(g.scope, len(g.reports)) for g in kill] == [("before", 1)], _multi(groups)
    injure = [g for g in groups if g.measure.startswith(("injure", "wound"))]
    assert [(g.scope, g.verdict) for g in injure] == [(None, "agree")], _multi(groups)


def test_possible_sentence_is_not_the_sentence() -> None:
    groups = _groups(
        "Kessler jailed.\n\nAnton Kessler was sentenced to 18 months in jail on Monday.",
        "Kessler case.\n\nAnton Kessler faces up to 12 years in prison in Orvia if convicted.",
    )
    assert all(g.verdict != "conflict" for g in groups), _multi(groups)
    two_modal = _groups(
        "Kessler charged.\n\nAnton Kessler could face up to 12 years in prison.",
        "Kessler case.\n\nAnton Kessler faces a maximum of 12 years in prison.",
    )
    sentence = [g for g in two_modal if g.measure == "sentence — months"]
    assert len(sentence) == 1 and sentence[0].verdict == "agree", _multi(two_modal)


def test_weak_anchor_does_not_carry_a_conflict() -> None:
    """Same noun, same unlisted verb, nothing else shared: different selections."""
    groups = _groups(
        "Landers.\n\nIn May the agency picked 11 firms to build prototype landers.",
        "More landers.\n\nFour firms were picked to join the lunar programme.",
    )
    assert all(g.verdict != "conflict" for g in groups), _multi(groups)


def test_weak_anchor_still_groups_close_values() -> None:
    groups = _groups(
        "Strait closed.\n\nMore than 40 ferries were stranded in Velmor on Monday.",
        "Ferries stuck.\n\nHarbour officials said 38 ferries were stranded in Velmor.",
    )
    ferries = [g for g in groups if g.measure.endswith("— ferry")]
    assert len(ferries) == 1 and ferries[0].verdict == "approximate", _multi(groups)


def test_shared_side_still_conflicts_under_an_unlisted_verb() -> None:
    groups = _groups(
        "Appeal heard.\n\nThe appeal hearing lasted six hours, lawyers said on Monday.",
        "Appeal report.\n\nThe appeal hearing lasted nine hours, the court said.",
    )
    last = [g for g in groups if g.measure.startswith("last —")]
    assert len(last) == 1 and last[0].verdict == "conflict", _multi(groups)


def test_weak_anchor_groups_people_counts_of_one_noun() -> None:
    groups = _groups(
        "Fever in Dravo.\n\nOfficials said 19 people who met the patient were quarantined.",
        "Dravo fever.\n\nThe clinic said 19 people were quarantined after contact with him.",
    )
    quarantine = [g for g in groups if g.measure == "quarantine — people"]
    assert len(quarantine) == 1 and quarantine[0].verdict == "agree", _multi(groups)


def test_weak_anchor_never_joins_two_values_of_one_article() -> None:
    """A headline and a body with different values under a weak anchor stay apart, so the
    one-report-per-article rule cannot hide a difference behind a weak grouping."""
    groups = _groups(
        "Vantor ships 14-inch laptop.\n\nVantor's 14-inch Lumo laptop replaces the 13-inch"
        " Lumo laptop.",
        "Lumo review.\n\nThe 14-inch Lumo laptop is fast.",
    )
    inch = sorted((g for g in groups if g.unit == "inch"), key=lambda g: g.reports[0].low or 0)
    assert [(g.reports[0].low, g.verdict) for g in inch] == [
        (13.0, "single_source"),
        (14.0, "agree"),
    ], _multi(groups)


def test_parts_do_not_conflict_with_the_total() -> None:
    groups = _groups(
        "Bank fire in Vell.\n\nThree people died in the Vell bank fire on Wednesday.",
        "Vell fire.\n\nPolice reported that two women and one man died in the Vell bank blaze.",
    )
    kill = [g for g in groups if g.measure == "kill — people"]
    assert all(g.verdict != "conflict" for g in kill), _multi(groups)


def test_different_specific_groups_only_weakly_anchor() -> None:
    groups = _groups(
        "Vell riots.\n\nTwo police officers were arrested over the shooting in Vell.",
        "Vell unrest.\n\nPolice in Vell are holding more than 400 protesters.",
    )
    assert all(g.verdict != "conflict" for g in groups), _multi(groups)
    close = _groups(
        "Vell riots.\n\nPolice arrested 40 protesters in Vell.",
        "Vell unrest.\n\nAbout 40 demonstrators were detained in Vell.",
    )
    detain = [g for g in close if g.measure == "detain — people"]
    assert len(detain) == 1 and detain[0].verdict == "agree", _multi(close)


def test_speaker_is_not_an_anchor() -> None:
    groups = _groups(
        "Lund dies.\n\nMarek Vos said Lund had spent three weeks at the clinic.",
        "Lund remembered.\n\nIt was his first exhibition in 50 years, Marek Vos said.",
    )
    assert all(g.verdict != "conflict" for g in groups), _multi(groups)


def test_currency_conversion_does_not_conflict() -> None:
    groups = _groups(
        "Loan agreed.\n\nOrvia agreed a 90 billion euro ($117 billion) loan on Sunday.",
        "Orvia loan.\n\nOrvia agreed a 90 billion euro ($124 billion) loan at the weekend.",
    )
    assert all(g.verdict != "conflict" for g in groups), _multi(groups)


def test_same_counted_noun_under_an_unlisted_verb_groups() -> None:
    """ "38 ferries were stranded" and "more than 40 ferries were stranded" measure one thing."""
    groups = _groups(
        "Storm closes the strait.\n\nMore than 40 ferries were stranded in Velmor on Monday.",
        "Ferries stuck in Velmor.\n\nHarbour officials said 38 ferries were stranded in Velmor.",
    )
    ferries = [g for g in groups if g.measure.endswith("— ferry")]
    assert len(ferries) == 1, [g.measure for g in groups]
    assert ferries[0].verdict == "approximate"
    assert {r.article_id for r in ferries[0].reports} == {"r0", "r1"}


def test_light_verb_counts_stay_apart() -> None:
    """ "There were 12 lorries" says nothing about what the lorries did: no grouping."""
    groups = _groups(
        "Queue at the border.\n\nThere were 12 lorries at the crossing in the morning.",
        "Border delays.\n\nThere were 30 lorries near the depot by evening.",
    )
    lorries = [g for g in groups if g.measure.endswith("— lorry")]
    assert len(lorries) == 2 and all(g.verdict == "single_source" for g in lorries), [
        (g.measure, g.verdict) for g in groups
    ]


def test_magnitudes_of_one_quake_are_compared() -> None:
    groups = _groups(
        "A quake with a magnitude of 6.1 struck the island of Nolen on Sunday.",
        "The 5.9-magnitude earthquake struck the island of Nolen on Sunday.",
    )
    (magnitude,) = [g for g in groups if g.unit == "magnitude"]
    assert magnitude.verdict == "conflict", _multi(groups)
    assert sorted(r.low for r in magnitude.reports) == [5.9, 6.1]
