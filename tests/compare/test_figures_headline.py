"""Counts from headlines in the figure comparison (invented articles): a count only the
headline states is reported; what the headline only implies ("6 others shot" besides the
killed) is left to the body, which derives it."""

from __future__ import annotations

from corroborate.compare.figures import compare_figures, predicate_family
from corroborate.types import FigureGroup
from tests.compare.helpers_figures import analysed_docs


def _groups(*articles: tuple[str, str]) -> tuple[FigureGroup, ...]:
    docs = analysed_docs(
        *(f"{title}\n\n{body}" for title, body in articles),
        prefix="h",
        titles=tuple(title for title, _ in articles),
    )
    return compare_figures(docs, ())


def _reports(groups: tuple[FigureGroup, ...], family: str) -> dict[str, tuple[float | None, str]]:
    return {
        r.article_id: (r.low, r.field)
        for g in groups
        if predicate_family(g.measure.split(" — ")[0]) == family
        for r in g.reports
    }


def test_a_headline_count_the_body_lacks_is_reported() -> None:
    groups = _groups(
        (
            "3 Killed, 2 Hurt In Eastvale Shooting",
            "Police said the shooting happened outside a bar late on Friday. The victims "
            "were taken to hospitals in the area. No arrests have been made.",
        )
    )
    assert _reports(groups, "kill") == {"h0": (3.0, "text")}
    assert _reports(groups, "injure") == {"h0": (2.0, "text")}


def test_the_body_derives_what_the_headline_only_implies() -> None:
    groups = _groups(
        (
            "Boy Killed, 6 Others Shot On West Side",
            "A 13-year-old boy and six other people were shot on the West Side on Friday, "
            "police said. The boy died at a hospital.",
        )
    )
    injured = _reports(groups, "injure")
    assert injured.get("h0", (None, ""))[0] == 6.0, groups


def test_the_larger_of_headline_and_body_is_the_articles_total() -> None:
    groups = _groups(
        (
            "4 Dead After Harbor County Shootings",
            "Both men died at the scene, deputies said. In all, four people were killed in "
            "the shootings on Tuesday, the sheriff said.",
        ),
        (
            "Police identify man, two children found dead in Millbrook home",
            "Two children and an adult man were found dead in a Millbrook home on Monday, "
            "police said.",
        ),
    )
    killed = _reports(groups, "kill")
    assert killed["h0"][0] == 4.0, groups
    assert killed["h1"][0] == 3.0, groups
