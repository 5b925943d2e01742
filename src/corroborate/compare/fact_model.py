"""The same-fact model: the probability that two fact units of different articles state a
common fact, from features of the pair.

Fitted offline by ``bench/fit_same_fact.py`` on the hand-annotated facts of
``../shared/data/claims`` (docs/learning.md) and shipped as plain JSON
(``models/same_fact.json``): a logistic regression (standardised features, coefficients,
intercept) or small gradient-boosted trees (per tree: feature, threshold, children, leaf
values). Loaded without pickle and without scikit-learn.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

#: The features, in the order the model's coefficients follow (each documented in
#: docs/learning.md; computed by ``corroborate.compare.claims.pair_features``).
FEATURES: tuple[str, ...] = (
    "text",  # MiniLM cosine of the two sentences (raw)
    "unit_lex",  # TF-IDF cosine of the two units' content stems (idf over the story's units)
    "sent_lex",  # TF-IDF cosine of the two sentences
    "shared_idf",  # log(1 + summed idf of the content stems the units share)
    "entity",  # 1 - exp(-summed idf of shared story entities / 3)
    "event",  # the units share an event type
    "trigger",  # the units share an event trigger stem
    "actor_clash",  # every shared event type has disjoint actors
    "figure_group",  # the units share a figure group
    "number_same",  # the units share a number
    "number_diff",  # both carry numbers of one unit/kind, none shared
    "date_same",  # they share a day-precision date
    "date_diff",  # both carry day dates, none shared
    "negation",  # one negates a trigger the other asserts
    "lead",  # both sentences are among the first three of their article
    "length_ratio",  # shorter / longer unit, in words
    "whole",  # both units are whole sentences
    "sent_shared_idf",  # log(1 + summed idf of the content stems the sentences share)
    "names",  # log(1 + summed idf of shared capitalised words inside the sentences)
    "jaccard",  # Jaccard overlap of the units' content stems
    "time_same",  # the units share a time word (weekday, month, clock time, night ...)
    "time_diff",  # both carry time words, none shared
)

MODEL_PATH = Path(__file__).parent / "models" / "same_fact.json"


@dataclass(frozen=True)
class _Tree:
    feature: np.ndarray  # int, -1 at a leaf
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray


class SameFactModel:
    """A fitted model loaded from its JSON (see the module doc)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        if tuple(spec["features"]) != FEATURES:
            raise ValueError("same-fact model was fitted on other features; refit it")
        self.spec = spec
        self.kind: str = spec["kind"]
        self.thresholds: dict[str, float] = dict(spec.get("thresholds", {}))
        if self.kind == "logistic":
            self.mean = np.asarray(spec["mean"], dtype=np.float64)
            self.scale = np.asarray(spec["scale"], dtype=np.float64)
            self.coef = np.asarray(spec["coef"], dtype=np.float64)
            self.intercept = float(spec["intercept"])
        elif self.kind == "gbt":
            self.init = float(spec["init"])
            self.rate = float(spec["learning_rate"])
            self.trees = [
                _Tree(
                    np.asarray(t["feature"], dtype=np.int64),
                    np.asarray(t["threshold"], dtype=np.float64),
                    np.asarray(t["left"], dtype=np.int64),
                    np.asarray(t["right"], dtype=np.int64),
                    np.asarray(t["value"], dtype=np.float64),
                )
                for t in spec["trees"]
            ]
        else:
            raise ValueError(f"unknown same-fact model kind {self.kind!r}")

    def predict(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """P(same fact) for each feature row."""
        x = np.asarray(rows, dtype=np.float64)
        if x.size == 0:
            return np.zeros(0)
        x = x.reshape(len(x), len(FEATURES))
        if self.kind == "logistic":
            z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        else:
            z = np.full(len(x), self.init)
            for tree in self.trees:
                z += self.rate * _tree_values(tree, x)
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out


def _tree_values(tree: _Tree, x: np.ndarray) -> np.ndarray:
    node = np.zeros(len(x), dtype=np.int64)
    while True:
        feat = tree.feature[node]
        inner = feat >= 0
        if not inner.any():
            break
        idx = np.nonzero(inner)[0]
        go_left = x[idx, feat[idx]] <= tree.threshold[node[idx]]
        node[idx] = np.where(go_left, tree.left[node[idx]], tree.right[node[idx]])
    values: np.ndarray = tree.value[node]
    return values


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> SameFactModel:
    """The shipped model (or the one at ``path``), loaded once per process."""
    spec = json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))
    return SameFactModel(spec)
