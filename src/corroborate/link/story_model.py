"""The fitted same-story model: P(article belongs to candidate story | pair features).

Fitted offline by ``bench/fit_story_model.py`` (scikit-learn, fixed seeds) and shipped
as plain JSON in ``link/models/same_story.json``; read here without scikit-learn or
pickle. Two kinds are understood:

* ``"logistic"``: ``p = sigmoid(intercept + sum(coef_i * (x_i - mean_i) / scale_i))``;
* ``"trees"``: gradient-boosted regression trees on the log-odds scale,
  ``p = sigmoid(base + rate * sum(tree(x)))``; each tree is a list of nodes
  ``[feature, threshold, left, right, value]`` (``feature`` -1: a leaf with ``value``;
  else go ``left`` when ``x[feature] <= threshold``); :meth:`SameStoryModel.probabilities`
  walks all trees for all candidates of an article at once with numpy.

The JSON also carries the decision thresholds chosen by the fit (``join``, ``merge``),
the feature names it was fitted on (checked against the index's at load time) and a
description of the data it was fitted on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from corroborate.errors import CorroborateError

MODEL_FILE = "same_story.json"
#: The cross-language model (pairs of articles in different languages; docs/russian.md).
CROSS_MODEL_FILE = "same_story_cross.json"


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class _Forest:
    """Trees as padded arrays (one row per tree), walked level by level for all trees at
    once; a leaf points to itself, so after ``depth`` steps every walk is at its leaf."""

    feature: npt.NDArray[np.int64]
    threshold: npt.NDArray[np.float64]
    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    value: npt.NDArray[np.float64]
    depth: int

    @classmethod
    def build(cls, trees: Sequence[Sequence[Sequence[float]]]) -> _Forest:
        width = max(len(t) for t in trees)
        shape = (len(trees), width)
        feature = np.zeros(shape, dtype=np.int64)
        threshold = np.full(shape, np.inf)
        left = np.zeros(shape, dtype=np.int64)
        right = np.zeros(shape, dtype=np.int64)
        value = np.zeros(shape)
        depth = 0
        for row, tree in enumerate(trees):
            levels = [0] * len(tree)
            for i, (f, t, lo, hi, v) in enumerate(tree):
                if f < 0:
                    left[row, i] = right[row, i] = i
                    value[row, i] = v
                    continue
                feature[row, i], threshold[row, i] = int(f), t
                left[row, i], right[row, i] = int(lo), int(hi)
                levels[int(lo)] = levels[int(hi)] = levels[i] + 1
            depth = max(depth, *levels)
        return cls(feature, threshold, left, right, value, depth)

    def totals(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Sum of the trees' leaf values for each row of ``x`` (rows x features)."""
        trees = np.arange(self.feature.shape[0])[:, None]  # trees x 1
        cols = np.arange(x.shape[0])[None, :]  # 1 x rows
        at = np.zeros((len(trees), x.shape[0]), dtype=np.int64)
        for _ in range(self.depth):
            go_left = x[cols, self.feature[trees, at]] <= self.threshold[trees, at]
            at = np.where(go_left, self.left[trees, at], self.right[trees, at])
        totals: npt.NDArray[np.float64] = self.value[trees, at].sum(axis=0)
        return totals


@dataclass(frozen=True)
class SameStoryModel:
    """A loaded model: :meth:`probability` of one feature row."""

    kind: str
    features: tuple[str, ...]
    join: float
    merge: float
    params: Mapping[str, Any]
    forest: _Forest | None = None

    def probability(self, x: Sequence[float]) -> float:
        """P(same story) for the feature row ``x`` (in the order of ``features``)."""
        return _sigmoid(self.log_odds(x))

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """:meth:`probability` of each row, computed together (one pass over the trees)."""
        if not rows:
            return []
        if self.forest is None:
            return [self.probability(x) for x in rows]
        p = self.params
        totals = self.forest.totals(np.asarray(rows, dtype=np.float64))
        return [_sigmoid(float(p["base"]) + float(p["rate"]) * float(t)) for t in totals]

    def log_odds(self, x: Sequence[float]) -> float:
        p = self.params
        if self.kind == "logistic":
            z = float(p["intercept"])
            for xi, c, m, s in zip(x, p["coef"], p["mean"], p["scale"], strict=True):
                z += c * (xi - m) / s
            return z
        z = 0.0
        for tree in p["trees"]:
            node = tree[0]
            while node[0] >= 0:
                node = tree[node[2] if x[node[0]] <= node[1] else node[3]]
            z += node[4]
        return float(p["base"]) + float(p["rate"]) * z


def from_json(data: Mapping[str, Any], expected: Sequence[str] | None = None) -> SameStoryModel:
    """A model from its JSON object; ``expected``: the feature names the caller computes."""
    kind = data.get("kind")
    if kind not in ("logistic", "trees"):
        raise CorroborateError(f"same-story model: unknown kind {kind!r}")
    features = tuple(str(f) for f in data["features"])
    if expected is not None and tuple(expected) != features:
        raise CorroborateError(
            "same-story model was fitted on features "
            f"{list(features)}, the index computes {list(expected)}: refit it with "
            "bench/fit_story_model.py"
        )
    params = data["params"]
    return SameStoryModel(
        kind=kind,
        features=features,
        join=float(data["join"]),
        merge=float(data["merge"]),
        params=params,
        forest=_Forest.build(params["trees"]) if kind == "trees" else None,
    )


@cache
def packaged(name: str = MODEL_FILE) -> Mapping[str, Any]:
    """The JSON object of a model shipped with the package (default: the same-story one)."""
    text = resources.files("corroborate.link").joinpath("models", name).read_text("utf-8")
    data: Mapping[str, Any] = json.loads(text)
    return data
