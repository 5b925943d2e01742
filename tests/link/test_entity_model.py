"""The same-entity model of rule 13: loader, candidate pairs, features and merges
(invented names)."""

from __future__ import annotations

import numpy as np

from corroborate.link.entities import resolve_entities
from corroborate.link.entity_model import (
    FEATURES,
    Group,
    SameEntityModel,
    candidate_pairs,
    load_model,
    model_merges,
    pair_features,
)
from tests.link.test_entity_names import _doc, _ent, _owner


def _group(*names: str, typ: str = "ORG", articles: tuple[str, ...] = ("a",)) -> Group:
    keys = frozenset(tuple(n.lower().split()) for n in names)
    return Group(keys, typ, frozenset(articles), 2, False, any(len(k) > 1 for k in keys), ())


def _always(threshold: float = 0.5) -> SameEntityModel:
    """A model that calls every pair sharing words one entity (weight on ``jaccard``)."""
    coef = [5.0 if f == "jaccard" else 0.0 for f in FEATURES]
    spec = {
        "features": list(FEATURES),
        "mean": [0.0] * len(FEATURES),
        "scale": [1.0] * len(FEATURES),
        "coef": coef,
        "intercept": 0.0,
        "threshold": threshold,
    }
    return SameEntityModel(spec)


def _never(f: str) -> bool:
    return False


def test_shipped_model_loads_without_pickle_and_predicts_probabilities() -> None:
    model = load_model()
    assert model.coef.shape == (len(FEATURES),) and 0.0 < model.threshold < 1.0
    rows = [[0.0] * len(FEATURES), [1.0] * len(FEATURES)]
    probs = model.predict(rows)
    assert probs.shape == (2,) and np.all((probs > 0) & (probs < 1))


def test_candidates_are_names_inside_names_never_nationalities() -> None:
    groups = [
        _group("Orland"),
        _group("Orland Motors"),
        _group("Veldan", typ="NORP"),
        _group("Veldan Parliament"),
        _group("Hexa Labs"),
    ]
    pairs = {(i, j) for i, j, _ in candidate_pairs(groups)}
    assert pairs == {(0, 1)}


def test_features_see_prefix_and_headline_glue() -> None:
    a = _group("Quellsoft")
    b = Group(frozenset({("quellsoft", "launches")}), "ORG", frozenset("b"), 1, True, True, ())
    row = dict(zip(FEATURES, pair_features(a, b, 2, _never), strict=True))
    assert row["prefix"] == 1.0 and row["suffix"] == 0.0 and row["headline"] == 1.0
    assert row["bare"] == 1.0 and row["co_article"] == 0.0 and row["jaccard"] == 0.5


def test_a_one_word_group_with_two_partners_stays_apart() -> None:
    groups = [_group("Tobin Marsh", typ="PERSON"), _group("Ena Marsh", typ="PERSON")]
    groups.append(_group("Marsh", typ="PERSON"))
    assert model_merges(groups, _always(), _never) == []
    assert [(i, j) for i, j, _ in model_merges(groups[1:], _always(), _never)] == [(0, 1)]


def test_rule_13_merges_only_when_asked_and_never_two_different_people() -> None:
    docs = [
        _doc("a", _ent("e0", "ORG", "Quellsoft")),
        # a middle word: not rule 19's first or last word of a name
        _doc("b", _ent("e0", "ORG", "Nova Quellsoft Labs")),
        _doc("c", _ent("e0", "PERSON", "Anna Mira Vale Ross")),
        _doc("d", _ent("e0", "PERSON", "Mira Vale")),
    ]
    plain = resolve_entities(docs)  # the default: rules 1-12 only
    assert _owner(plain, "a", "e0") != _owner(plain, "b", "e0")
    merged = resolve_entities(docs, same_entity=_always())
    assert _owner(merged, "a", "e0") == _owner(merged, "b", "e0")
    assert _owner(merged, "c", "e0") != _owner(merged, "d", "e0")  # rule 2 guards persons
