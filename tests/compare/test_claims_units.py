"""Fact units (clause splitting) and the same-fact model's JSON loading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corroborate.analyze.nlp import load_nlp
from corroborate.analyze.pipeline import analyze_article
from corroborate.compare.claims import align_claims, sentence_units
from corroborate.compare.fact_model import FEATURES, MODEL_PATH, SameFactModel, load_model
from corroborate.compare.facts import MAX_SPLIT_CHARS, UnitSpan, may_split, split_units
from corroborate.types import AnalyzedArticle, Article
from tests.compare.helpers_claims import story_entities


def _parsed(text: str) -> Any:
    return load_nlp()(text)


def _units(text: str) -> list[str]:
    [units] = sentence_units([text])
    return [text[u.start : u.end] for u in units]


def test_units_are_computed_once_per_text_and_long_runs_stay_whole() -> None:
    text = (
        "Two guards were hurt and a visitor was treated for shock when the roof gave way, "
        "officials said."
    )
    first, again = sentence_units([text, text])
    assert first == again and len(first) >= 2
    run_on = ", and ".join(["the crowd marched to the square"] * 40)
    assert len(run_on) > MAX_SPLIT_CHARS
    assert sentence_units([run_on]) == [(UnitSpan(0, len(run_on)),)]


def test_coordinated_predicates_are_split_and_inherit_the_subject() -> None:
    text = "Marek Olsen was detained at the border and held in a cell in Tarvik overnight."
    parsed = _parsed(text)
    units = split_units(parsed)
    texts = [text[u.start : u.end] for u in units]
    assert texts[0].startswith("Marek Olsen was detained at the border")
    assert "held in a cell in Tarvik overnight" in texts
    held = next(u for u in units if text[u.start : u.end].startswith("held"))
    assert held.subject is not None and text[held.subject[0] : held.subject[1]] == "Marek Olsen"


def test_a_percentage_keeps_its_sign_at_the_end_of_a_unit() -> None:
    """spaCy calls "%" punctuation; a unit ending in "fell 3%" had lost it ("fell 3")."""
    texts = _units("Almonte shares jumped 18% in early trading, while Kestrel fell 3%.")
    assert any(t.endswith("fell 3%") for t in texts), texts


def test_two_reported_clauses_and_a_when_clause() -> None:
    text = (
        "Two guards were hurt and a visitor was treated for shock when the roof gave way, "
        "officials said."
    )
    texts = _units(text)
    assert "Two guards were hurt" in texts
    assert "a visitor was treated for shock" in texts
    assert "when the roof gave way" in texts


def test_an_attribution_left_over_is_no_unit_the_whole_statement_is() -> None:
    # A speech root whose reported clauses are split off leaves only who said it: that is no
    # fact, so the unit is the attributed statement as a whole (it was paired with other
    # outlets' sentences by its sentence's vector and shown as a claim's support).
    text = "The ferry was towed back to port after the storm, Harbour Authority officials said."
    assert _units(text) == ["The ferry was towed back to port after the storm", text]
    text = "The Lindqvist County Sheriff's Office said the driver swerved twice and hit a fence."
    units = _units(text)
    assert "The Lindqvist County Sheriff's Office said" not in units
    assert units == [text, "the driver swerved twice", "hit a fence"]
    # a long root tells more than who said it, and stays a unit of its own
    text = (
        "The chief of the county fire service said in a long statement late on Tuesday night "
        "that the blaze had been contained and crews were leaving."
    )
    units = _units(text)
    assert text not in units
    assert units[0].endswith("late on Tuesday night")


def test_short_or_simple_sentences_stay_whole() -> None:
    assert not may_split("The ferry sank quickly.")
    assert _units("The harbour master closed the port for the whole afternoon.") == [
        "The harbour master closed the port for the whole afternoon."
    ]


def test_unit_spans_are_inside_their_sentence_offsets() -> None:
    text = "The council met on Monday, and the mayor resigned after the vote."
    parsed = _parsed(text)
    for unit in split_units(parsed, offset=100):
        assert 100 <= unit.start < unit.end <= 100 + len(text)


def test_shipped_model_loads_without_sklearn_and_gives_probabilities() -> None:
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert spec["features"] == list(FEATURES)
    assert {"link", "merge", "join", "similar"} <= set(spec["thresholds"])
    model = load_model()
    rows = np.zeros((3, len(FEATURES)))
    rows[1, FEATURES.index("text")] = 0.9
    rows[1, FEATURES.index("unit_lex")] = 0.8
    probs = model.predict(rows)
    assert probs.shape == (3,) and ((probs > 0) & (probs < 1)).all()
    assert probs[1] > probs[0]  # a close paraphrase is likelier the same fact than nothing


def test_logistic_and_tree_specs(tmp_path: Path) -> None:
    n = len(FEATURES)
    logistic = SameFactModel(
        {
            "kind": "logistic",
            "features": list(FEATURES),
            "mean": [0.0] * n,
            "scale": [1.0] * n,
            "coef": [1.0] + [0.0] * (n - 1),
            "intercept": 0.0,
        }
    )
    assert logistic.predict([[0.0] * n])[0] == pytest.approx(0.5)
    tree = {
        "feature": [0, -1, -1],
        "threshold": [0.5, 0.0, 0.0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, -2.0, 2.0],
    }
    gbt = SameFactModel(
        {
            "kind": "gbt",
            "features": list(FEATURES),
            "init": 0.0,
            "learning_rate": 1.0,
            "trees": [tree],
        }
    )
    low, high = gbt.predict([[0.0] * n, [1.0] + [0.0] * (n - 1)])
    assert low == pytest.approx(1 / (1 + np.exp(2))) and high == pytest.approx(1 / (1 + np.exp(-2)))
    with pytest.raises(ValueError, match="other features"):
        SameFactModel({"kind": "logistic", "features": ["text"]})


def test_conflict_helpers_times_and_spellings() -> None:
    from corroborate.compare.claims import _clock_times, _spelling

    assert _clock_times("shortly after 9:30 a.m. and again at 11 pm") == frozenset({570, 1380})
    assert _clock_times("about 9 a.m.") == frozenset({540})
    assert not _clock_times("a 9 mm pistol and 30 people")
    assert _spelling(frozenset({"Dorian", "Vell"}), frozenset({"Darian", "Vell"})) == (
        "Dorian",
        "Darian",
    )
    assert _spelling(frozenset({"Marta", "Lind"}), frozenset({"Marta", "Lind"})) is None
    # different lengths or initials: two names, not one spelled two ways
    assert _spelling(frozenset({"Benson"}), frozenset({"Bentley"})) is None
    assert _spelling(frozenset({"Marek"}), frozenset({"Darek"})) is None


def _story(texts: dict[str, str]) -> list[AnalyzedArticle]:
    docs = []
    for n, (outlet, text) in enumerate(texts.items()):
        art = Article(
            id=f"a{n}",
            path=f"fixture:a{n}",
            text=text,
            outlet=outlet,
            title=None,
            published="2024-05-02",
            published_source="metadata",
        )
        docs.append(AnalyzedArticle(art, analyze_article(art)))
    return docs


def test_different_ages_and_times_of_one_fact_are_contested() -> None:
    docs = _story(
        {
            "Valley Ledger": "Dorian Vell, 34, was shot outside a bakery on Elm Road at 9:30 p.m. "
            "on Wednesday. The bakery stayed closed on Thursday.",
            "North Herald": "Dorian Vell, 35, was shot outside a bakery on Elm Road at 9 p.m. "
            "on Wednesday. Neighbours planted flowers by the door.",
        }
    )
    claims = align_claims(docs, story_entities(docs))
    [shot] = [c for c in claims if len({e.article_id for e in c.support}) == 2]
    assert shot.verdict == "contested"
    assert "age 34 vs 35" in shot.explanation or "age 35 vs 34" in shot.explanation
    assert "time" in shot.explanation
    assert shot.contradicted_by


def test_a_parse_with_two_roots_terminates() -> None:
    text = "The harbour closed at noon after the storm warning. Ferries stayed in port all night."
    parsed = _parsed(text)
    assert sum(1 for t in parsed if t.dep_ == "ROOT") == 2
    units = split_units(parsed)
    assert units and all(0 <= u.start < u.end <= len(text) for u in units)
