"""Reviews on facts: content-derived ids, matching after re-analysis, errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from corroborate.present.review import (
    ReviewError,
    attach_reviews,
    clear_review,
    evidence_of,
    fact_id,
    find_fact,
    review_fact,
)
from corroborate.store import Review, open_store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "present" / "dossier.json"


@pytest.fixture()
def story() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return dict(data["stories"][0])


def test_fact_ids_depend_on_the_evidence_only(story: dict[str, Any]) -> None:
    figure = story["figures"][0]
    same = {**copy.deepcopy(figure), "id": "F9", "verdict": "agree", "explanation": "other"}
    same["reports"] = list(reversed(same["reports"]))
    assert fact_id("figure", figure) == fact_id("figure", same)
    assert fact_id("figure", figure).startswith("figure-")
    moved = copy.deepcopy(figure)
    moved["reports"][0]["start"] += 1
    assert fact_id("figure", moved) != fact_id("figure", figure)
    claim = story["claims"][0]
    assert fact_id("claim", claim) != fact_id("figure", claim)  # the kind is part of it


def test_attach_marks_exact_and_carried_reviews(story: dict[str, Any]) -> None:
    claim = story["claims"][0]
    wanted = fact_id("claim", claim)
    exact = Review(wanted, "confirmed", "ok", "claim", "contested", "s", ())
    figure = story["figures"][0]
    old = tuple(evidence_of("figure", figure)[:1])  # reviewed when it had one report
    carried = Review(
        "figure-000000000000", "dismissed", "misread", "figure", "single_source", "s", old
    )
    lost = Review("claim-ffffffffffff", "confirmed", "", "claim", "x", "s", (("nope", 1, 2),))
    out = attach_reviews([story], [exact, carried, lost])[0]
    assert "review" not in story["claims"][0], "the input is not changed"
    by_id = {f["fact_id"]: f for f in out["figures"] + out["claims"]}
    assert by_id[wanted]["review"]["match"] == "exact"
    assert by_id[wanted]["review"]["note"] == "ok"
    got = by_id[fact_id("figure", figure)]["review"]
    assert got["match"] == "carried" and got["verdict_at_review"] == "single_source"
    reviewed = [f for f in out["figures"] + out["claims"] if f["review"]]
    assert len(reviewed) == 2


def test_review_fact_checks_the_id_and_the_decision(tmp_path: Path, story: dict[str, Any]) -> None:
    with open_store(tmp_path / "c.db") as store:
        store.put_stories([story])
        claim = story["claims"][0]
        wanted = fact_id("claim", claim)
        saved = review_fact(store, wanted, "dismiss", "  not what the text says ")
        assert (saved.decision, saved.note, saved.kind) == (
            "dismissed",
            "not what the text says",
            "claim",
        )
        assert saved.verdict == claim["verdict"] and saved.story_id == story["id"]
        assert find_fact(store.stories(), wanted) is not None
        with pytest.raises(ReviewError, match="no figure or claim"):
            review_fact(store, "claim-000000000000", "confirm")
        with pytest.raises(ReviewError, match="confirm"):
            review_fact(store, wanted, "perhaps")


def test_a_carried_review_is_replaced_or_cleared_through_the_current_fact(
    tmp_path: Path, story: dict[str, Any]
) -> None:
    figure = story["figures"][0]
    current = fact_id("figure", figure)
    old = Review(
        "figure-000000000000",
        "dismissed",
        "seen before the third report",
        "figure",
        "single_source",
        story["id"],
        tuple(evidence_of("figure", figure)[:1]),
    )
    with open_store(tmp_path / "c.db") as store:
        store.put_stories([story])
        store.put_review(old)
        assert clear_review(store, current) is True  # the carried one, by the fact's id
        assert store.reviews() == []
        store.put_review(old)
        review_fact(store, current, "confirm", "now with all reports")
        assert [(r.fact_id, r.note) for r in store.reviews()] == [(current, "now with all reports")]
