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


def test_vectors_computed_elsewhere_decide_without_a_local_encoder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from corroborate import embeddings

    encoder = embeddings.shared_minilm()
    vectors = encoder.encode(["harbourmaster", "ratification"])
    monkeypatch.setattr(P, "_DECIDED", {})
    P.decide(["harbourmaster", "ratification"], vectors, encoder.name)

    def no_encoder() -> None:
        raise AssertionError("decided lemmas need no encoder")

    monkeypatch.setattr(embeddings, "shared_minilm", no_encoder)
    assert P.participant_nouns(["ratification", "harbourmaster"]) == {
        "ratification": False,
        "harbourmaster": True,
    }
    with pytest.raises(ValueError, match="refit"):
        P.decide(["x"], vectors[:1], "another-encoder")


def test_the_link_stage_has_the_runner_encode_only_repeated_heads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from corroborate.run import local
    from corroborate.types import Analysis, AnalyzedArticle, Article

    def doc(aid: str, lemmas: list[str]) -> AnalyzedArticle:
        rows = tuple((k, k + 1, k, k + 1, w) for k, w in enumerate(lemmas))
        return AnalyzedArticle(
            Article(id=aid, path=f"fixture:{aid}", text="x" * 20),
            Analysis(article_id=aid, noun_phrases=rows),
        )

    asked: list[str] = []

    def encode(texts: list[str]) -> tuple[tuple[str, str], ...]:
        asked.extend(texts)
        return local.encode_texts(texts)

    monkeypatch.setattr(P, "_DECIDED", {})
    story = [doc("a", ["pilot", "night", "verdict"]), doc("b", ["pilot", "night", "crate"])]
    local.decide_participants({"s1": story, "s2": [doc("c", ["verdict", "verdict"])]}, encode)
    # twice in a story ("night" is a time, never a participant); once is no group
    assert sorted(asked) == ["pilot", "verdict"]
    assert P.participant_nouns(["pilot"]) == {"pilot": True}
    asked.clear()
    local.decide_participants({"s1": story}, encode)
    assert asked == []  # decided once per process
