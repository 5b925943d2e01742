"""The fitted same-story model: P(article belongs to candidate story | pair features).

Fitted offline by ``bench/fit_story_model.py`` (scikit-learn, fixed seeds) and shipped
as plain JSON in ``link/models/same_story.json``; read here without scikit-learn or
pickle. Two kinds are understood:

* ``"logistic"``: ``p = sigmoid(intercept + sum(coef_i * (x_i - mean_i) / scale_i))``;
* ``"trees"``: gradient-boosted regression trees on the log-odds scale,
  ``p = sigmoid(base + rate * sum(tree(x)))``; each tree is a list of nodes
  ``[feature, threshold, left, right, value]`` (``feature`` -1: a leaf with ``value``;
  else go ``left`` when ``x[feature] <= threshold``).

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

from corroborate.errors import CorroborateError

MODEL_FILE = "same_story.json"


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class SameStoryModel:
    """A loaded model: :meth:`probability` of one feature row."""

    kind: str
    features: tuple[str, ...]
    join: float
    merge: float
    params: Mapping[str, Any]

    def probability(self, x: Sequence[float]) -> float:
        """P(same story) for the feature row ``x`` (in the order of ``features``)."""
        return _sigmoid(self.log_odds(x))

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
    return SameStoryModel(
        kind=kind,
        features=features,
        join=float(data["join"]),
        merge=float(data["merge"]),
        params=data["params"],
    )


@cache
def packaged() -> Mapping[str, Any]:
    """The JSON object of the model shipped with the package."""
    text = resources.files("corroborate.link").joinpath("models", MODEL_FILE).read_text("utf-8")
    data: Mapping[str, Any] = json.loads(text)
    return data
