"""Business figures told by different outlets in different words (invented takeover
reports): a deal's value, the price per share, job cuts and market moves
(docs/verdicts.md, "Deals, job cuts and market moves")."""

from __future__ import annotations

from corroborate.analyze.figures import extract_figures
from corroborate.analyze.pipeline import analysis_nlp
from corroborate.compare.figures import compare_figures, describe_interval, predicate_family
from corroborate.types import FigureGroup, FigureReport
from tests.compare.helpers_figures import analysed_docs, entities_by_surname


def _groups(*texts: str) -> tuple[FigureGroup, ...]:
    docs = analysed_docs(*texts)
    return compare_figures(docs, entities_by_surname(docs))


def _shared(groups: tuple[FigureGroup, ...]) -> list[FigureGroup]:
    return [g for g in groups if len({r.article_id for r in g.reports}) > 1]


def test_a_deals_value_told_with_different_verbs_is_one_measure() -> None:
    """Planned ("would buy"), agreed ("valued at") and passive ("is being bought") are one
    deal; the per-share price is another measure, not a conflicting value."""
    groups = _groups(
        "Kestrel Foods said on Tuesday it would buy rival baker Almonte for $2.6 billion. "
        "Kestrel will pay $41 per share.",
        "Kestrel has agreed to acquire Almonte in a deal valued at $2.5 billion. Almonte "
        "shareholders will receive $41 a share in cash.",
        "Almonte is being bought by Kestrel for $2.6 billion, the companies said. The deal "
        "values Almonte at $41 per share.",
    )
    shared = _shared(groups)
    value = [g for g in shared if g.scope is None and g.unit == "USD"]
    price = [g for g in shared if g.scope == "rate:share"]
    assert len(value) == 1 and [r.low for r in value[0].reports] == [2.6e9, 2.5e9, 2.6e9]
    assert value[0].verdict == "conflict"
    assert value[0].measure == "value — USD"
    assert len(price) == 1 and [r.low for r in price[0].reports] == [41, 41, 41]
    assert price[0].verdict == "agree"


def test_job_cuts_in_jobs_and_positions_meet() -> None:
    groups = _groups(
        "Kestrel said it expected to cut 800 jobs after the merger.",
        "The combined company will cut 950 positions, its chief executive said.",
        "About 800 jobs would go, many of them at the Almonte bakery.",
    )
    cuts = [g for g in _shared(groups) if g.unit == "job"]
    assert len(cuts) == 1 and len(cuts[0].reports) == 3
    assert cuts[0].verdict == "conflict"
    assert cuts[0].measure == "cut — job"


def test_market_moves_meet_by_company_and_direction_but_never_conflict() -> None:
    """Two outlets' moves of one stock are one measure when they agree; different values
    are told at different moments of a day (early trading, the close), so they stay
    apart rather than contradict each other; a fall is not a rise."""
    agree = _groups(
        "Almonte shares jumped 18% in early trading.",
        "Almonte stock rose 18 percent on Tuesday.",
    )
    assert [len(g.reports) for g in _shared(agree)] == [2]
    assert _shared(agree)[0].verdict == "agree"
    apart = _groups(
        "Almonte shares jumped 18% in early trading.",
        "Almonte shares closed up 15 percent on Tuesday.",
        "Almonte stock fell 18 percent on Wednesday.",
    )
    assert not _shared(apart)


def test_a_market_verb_with_up_or_down_is_a_change() -> None:
    nlp = analysis_nlp()
    doc = nlp("Almonte shares closed up 15 percent. The index ended 2% lower.")
    preds = [f.predicate for f in extract_figures(doc, ())]
    assert preds == ["rise", "fall"]


def test_prices_per_unit_are_rates() -> None:
    nlp = analysis_nlp()
    doc = nlp(
        "Tickets cost $12 per person. Crude traded at $90 a barrel. "
        "The plant will save $40 million a year."
    )
    assert [f.scope for f in extract_figures(doc, ())] == ["rate:person", "rate:barrel", "modal"]


def test_things_bought_for_different_sums_stay_apart() -> None:
    groups = _groups(
        "Police said the suspect bought a guitar for $500.",
        "The suspect had bought the house for $300,000 in 2019, records show.",
    )
    assert not _shared(groups)


def test_losses_of_money_are_not_price_falls() -> None:
    assert predicate_family("lose", "money:USD") == "lose"
    assert predicate_family("lose", "percent:percent") == "fall"
    assert predicate_family("lose", "count:job") == "cut"
    assert predicate_family("go", "count:day") == "go"
    assert predicate_family("sell", "money:USD") == "value"


def test_a_sum_held_is_named_an_amount_and_large_sums_print_whole() -> None:
    groups = _groups("It had sales of $1.1 billion last year.")
    assert [g.measure for g in groups] == ["amount — USD"]
    report = FigureReport("a", "$4.1 billion", low=4.1e9, high=4.1e9, start=0, end=12)
    assert describe_interval(report) == "4,100,000,000"


def test_a_total_that_rose_on_a_later_day_updates_rather_than_contradicts() -> None:
    """An outbreak's dead on Thursday and "the death toll rose to 13" on Friday are two
    moments of one count; on the same day the two numbers do contradict each other."""
    thursday = analysed_docs(
        "The fever outbreak in Kelmor has killed 12 people, officials said.",
        prefix="t",
        published="2026-11-19",
    )
    friday = analysed_docs(
        "The death toll from the fever outbreak in Kelmor rose to 13 on Friday.",
        prefix="f",
        published="2026-11-20",
    )
    docs = thursday + friday
    groups = compare_figures(docs, entities_by_surname(docs))
    assert not [g for g in groups if g.verdict == "conflict"]
    same_day = analysed_docs(
        "The fever outbreak in Kelmor has killed 12 people, officials said.",
        "The death toll from the fever outbreak in Kelmor rose to 13 on Thursday.",
        published="2026-11-19",
    )
    groups = compare_figures(same_day, entities_by_surname(same_day))
    assert [g.verdict for g in groups if len(g.reports) == 2] == ["conflict"]


def test_people_and_a_specific_noun_under_one_verb_may_agree() -> None:
    """ "plans to vaccinate 50,000 residents" / "about 50,000 people would be vaccinated":
    one count, weakly anchored (agreement only); an open count anchors nothing."""
    groups = _groups(
        "The ministry plans to vaccinate 50,000 residents by the end of December.",
        "Officials said about 50,000 people would be vaccinated before January.",
    )
    assert [g.verdict for g in _shared(groups)] == ["agree"]
    groups = _groups(
        "The ministry plans to vaccinate 50,000 residents by the end of December.",
        "Officials said more than one person would be vaccinated first.",
    )
    assert not _shared(groups)
