"""The participant-noun model (``link.participants``): people, groups, places and things
against happenings and abstractions, on nouns chosen here (not read off the corpora)."""

from __future__ import annotations

import json

import pytest

from corroborate.embeddings import available
from corroborate.link import participants as P

pytestmark = pytest.mark.skipif(not available(), reason="MiniLM is not installed")


def test_people_groups_places_and_things_are_participants() -> None:
    words = ["gunman", "sheriff", "teenager", "crowd", "warehouse", "tanker", "rifle", "council"]
    assert P.participant_nouns(words) == dict.fromkeys(words, True)


def test_happenings_and_abstractions_are_not() -> None:
    words = ["decision", "victory", "investigation", "announcement", "effort", "collapse"]
    assert P.participant_nouns(words) == dict.fromkeys(words, False)


def test_the_threshold_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(P, "_DECIDED", {})
    monkeypatch.setattr(P, "MIN_PARTICIPANT", 0.0)
    assert P.participant_nouns(["decision"]) == {"decision": True}


def test_the_shipped_model_says_how_it_was_validated() -> None:
    spec = json.loads(P.PARTICIPANT_MODEL_PATH.read_text(encoding="utf-8"))
    report = spec["fitted on"]["validation"]
    # fitted on ECB+ dev, tested on MEANTIME's lemmas (bench/fit_participant_nouns.py)
    assert report["fit ecbplus -> test meantime"]["auc"] >= 0.85
    assert report["fit ecbplus -> test meantime, unseen lemmas"]["auc"] >= 0.85
    assert len(spec["coef"]) == 384
