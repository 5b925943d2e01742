"""Numbers a side holds or is at, told with different verbs by different outlets: vote
shares, turnout, seats (invented election reports). A verb of holding ("won", "had",
"took", "holds") or of a level ("was", "stood at") is one family for numbers that are not
counts of people, so the outlets' versions of one holder's number meet; holders keep them
apart (docs/verdicts.md, "Holders and levels")."""

from __future__ import annotations

from corroborate.compare.figures import compare_figures, predicate_family
from corroborate.types import FigureGroup
from tests.compare.helpers_figures import analysed_docs, entities_by_surname


def _groups(*texts: str) -> tuple[FigureGroup, ...]:
    docs = analysed_docs(*texts)
    return compare_figures(docs, entities_by_surname(docs))


def _about(groups: tuple[FigureGroup, ...], subject: str) -> list[FigureGroup]:
    return [g for g in groups if g.subject and subject in g.subject and len(g.reports) > 1]


def test_vote_shares_told_with_different_verbs_meet_per_candidate() -> None:
    groups = _groups(
        "Rena Vollmer won Sunday's runoff with 51.8% of the vote. Tomas Graff, the "
        "incumbent, took 48.2%, the election board said.",
        "With all ballots counted, Vollmer had 51.2 percent against 48.8 percent for Graff.",
        "Vollmer won 51.8 percent of the vote and Graff 48.2 percent, officials said.",
    )
    vollmer = _about(groups, "Vollmer")
    graff = _about(groups, "Graff")
    assert len(vollmer) == 1 and len(graff) == 1
    assert [r.low for r in vollmer[0].reports] == [51.8, 51.2, 51.8]
    assert [r.low for r in graff[0].reports] == [48.2, 48.8, 48.2]
    assert vollmer[0].verdict == graff[0].verdict == "conflict"
    assert vollmer[0].measure == "vote — percent"


def test_turnout_stated_as_a_level_with_different_verbs_conflicts() -> None:
    groups = _groups(
        "Turnout was 71%, the election board said.",
        "Turnout stood at 68 percent, down from 74 percent four years ago.",
    )
    turnout = [g for g in groups if g.measure == "turnout — percent" and len(g.reports) == 2]
    assert len(turnout) == 1
    assert turnout[0].verdict == "conflict"


def test_seats_won_and_held_by_one_party_meet() -> None:
    groups = _groups(
        "The Harbour Party holds 44 of the 120 seats in the assembly.",
        "The Harbour Party won 41 of the 120 seats in the spring election.",
    )
    seats = [g for g in groups if g.unit == "seat" and len(g.reports) == 2]
    assert len(seats) == 1 and seats[0].verdict == "conflict"


def test_different_holders_and_different_wholes_stay_apart() -> None:
    groups = _groups(
        "Rena Vollmer won 51.8% of the vote.",
        "Tomas Graff won 48.2% of the vote.",
        "Vollmer's party took 40 percent of the seats.",
    )
    assert not [g for g in groups if g.unit == "percent" and len(g.reports) > 1]


def test_counts_of_people_and_taken_things_keep_their_verbs() -> None:
    """A count of people keeps its role ("held 12 people" is a detention); "took two
    boats" is an event of taking, not a number held."""
    assert predicate_family("hold", "people") == "detain"
    assert predicate_family("hold", "count:seat") == "have"
    assert predicate_family("take", "count:boat") == "take"
    assert predicate_family("take", "percent:percent") == "have"
    assert predicate_family("stand", "percent:percent") == "be"
    assert predicate_family("kill") == "kill"
