"""Same-entity model: P(two name groups of one story are one entity), rule 13 of
docs/entity-resolution.md.

After the name rules (exact keys, full names, acronyms, surnames) a story still holds
groups that share a name word and that the rules cannot decide: a name NER glued to a
headline verb ("Quellsoft Launches"), a place's short form ("Morningside" beside
"Morningside Clinic"), a surname with two full-name candidates. :func:`model_merges`
scores each such pair of groups with a logistic regression over :data:`FEATURES` and
merges the pairs above the model's threshold, most probable first. Off by default
(``resolve_entities(same_entity=False)``): held out it gained nothing (docs/learning.md).

The model (``models/same_entity.json``: feature means and scales, coefficients, intercept,
threshold) is fitted offline by ``bench/fit_same_entity.py`` (scikit-learn, fixed seed)
and read here with plain JSON and numpy: no pickle, no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.link.aliases import roles_match

__all__ = ["FEATURES", "MODEL_PATH", "Group", "SameEntityModel", "load_model", "model_merges"]

FEATURES = (
    "prefix",  # a key of one is the first words of a key of the other
    "suffix",  # ... the last words
    "inside",  # ... words in the middle
    "jaccard",  # best word Jaccard of two keys
    "same_type",  # the type votes agree
    "persons",  # both PERSON
    "place",  # either is GPE/LOC/FAC
    "headline",  # either is named only on its articles' first lines (title glue)
    "co_article",  # articles naming both / articles naming the smaller
    "ambiguity",  # log(1 + other groups sharing the shared word)
    "institution",  # the longer key's extra words hold an institution word
    "size",  # log(mentions of the larger / of the smaller)
    "roles",  # a role of one matches a role of the other
    "bare",  # one of them has no multi-word form
    "first_name",  # a one-word key of one is the first word of the other's PERSON name
)
MODEL_PATH = Path(__file__).parent / "models" / "same_entity.json"
#: A shared word this many groups share is too common to pair on.
MAX_SHARING = 8
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_FILLER = frozenset({"the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "de"})


@dataclass(frozen=True)
class Group:
    """What the model sees of one group of local entities."""

    keys: frozenset[tuple[str, ...]]  # name keys of its forms, as word tuples
    type: str
    articles: frozenset[str]
    mentions: int
    headline: bool
    multi: bool
    roles: tuple[str, ...]


def _relation(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    n = len(short)
    if n == len(long_):
        return None
    if long_[:n] == short:
        return "prefix"
    if long_[-n:] == short:
        return "suffix"
    if any(long_[i : i + n] == short for i in range(1, len(long_) - n)):
        return "inside"
    return None


def pair_features(
    a: Group, b: Group, sharing: int, institution: Callable[[str], bool]
) -> list[float]:
    """The :data:`FEATURES` row of a pair of groups (``sharing``: groups with the word)."""
    rel: set[str] = set()
    jac = 0.0
    extra: set[str] = set()
    for ka in a.keys:
        for kb in b.keys:
            r = _relation(ka, kb)
            if r:
                rel.add(r)
                extra.update(set(ka) ^ set(kb))
            sa, sb = set(ka), set(kb)
            jac = max(jac, len(sa & sb) / len(sa | sb))
    first = any(
        len(k1) == 1 and len(k2) >= 2 and k1[0] == k2[0] and other.type == "PERSON"
        for one, other in ((a, b), (b, a))
        for k1 in one.keys
        for k2 in other.keys
    )
    small, large = sorted((a.mentions, b.mentions))
    return [
        float("prefix" in rel),
        float("suffix" in rel),
        float("inside" in rel),
        jac,
        float(a.type == b.type),
        float(a.type == b.type == "PERSON"),
        float(a.type in _PLACES or b.type in _PLACES),
        float(a.headline or b.headline),
        len(a.articles & b.articles) / max(1, min(len(a.articles), len(b.articles))),
        math.log1p(max(0, sharing - 2)),
        float(any(institution(w) for w in extra)),
        math.log(max(1, large) / max(1, small)),
        float(any(roles_match(x, y) for x in a.roles for y in b.roles)),
        float(not a.multi or not b.multi),
        float(first),
    ]


def candidate_pairs(groups: Sequence[Group]) -> list[tuple[int, int, int]]:
    """(i, j, groups sharing the word) for groups sharing a name word (3+ letters),
    blocked by the word; words of more than :data:`MAX_SHARING` groups are skipped."""
    by_word: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(groups):
        for key in g.keys:
            for w in key:
                if len(w) >= 3 and w not in _FILLER:
                    by_word[w].add(i)
    best: dict[tuple[int, int], int] = {}
    for members in by_word.values():
        if len(members) < 2 or len(members) > MAX_SHARING:
            continue
        ordered = sorted(members)
        for x, i in enumerate(ordered):
            for j in ordered[x + 1 :]:
                best[(i, j)] = min(best.get((i, j), len(members)), len(members))
    return [(i, j, n) for (i, j), n in sorted(best.items()) if _related(groups[i], groups[j])]


def _related(a: Group, b: Group) -> bool:
    """One name is a run of words of the other ("Orland" in "Orland Motors") or two names
    share half their words; never a nationality or group adjective (NORP: "Veldan" beside
    "Veldan Parliament")."""
    if "NORP" in (a.type, b.type):
        return False
    for ka in a.keys:
        for kb in b.keys:
            sa, sb = set(ka), set(kb)
            if _relation(ka, kb) or 2 * len(sa & sb) >= len(sa | sb):
                return True
    return False


class SameEntityModel:
    """A fitted logistic regression loaded from its JSON (see the module doc)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        if tuple(spec["features"]) != FEATURES:
            raise ValueError("same-entity model was fitted on other features; refit it")
        self.mean = np.asarray(spec["mean"], dtype=np.float64)
        self.scale = np.asarray(spec["scale"], dtype=np.float64)
        self.coef = np.asarray(spec["coef"], dtype=np.float64)
        self.intercept = float(spec["intercept"])
        self.threshold = float(spec["threshold"])

    def predict(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """P(same entity) for each feature row."""
        x = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> SameEntityModel:
    """The shipped model (or the one at ``path``), loaded once per process."""
    return SameEntityModel(json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8")))


def model_merges(
    groups: Sequence[Group],
    model: SameEntityModel,
    institution: Callable[[str], bool],
) -> list[tuple[int, int, float]]:
    """(i, j, p) of the candidate pairs the model calls one entity, most probable first."""
    pairs = candidate_pairs(groups)
    if not pairs:
        return []
    rows = [pair_features(groups[i], groups[j], n, institution) for i, j, n in pairs]
    probs = model.predict(rows)
    chosen = [
        (i, j, float(p)) for (i, j, _), p in zip(pairs, probs, strict=True) if p >= model.threshold
    ]
    # a one-word group the model would give to two groups is ambiguous: it stays apart
    partners: dict[int, int] = defaultdict(int)
    for i, j, _ in chosen:
        partners[i] += 1
        partners[j] += 1
    chosen = [
        (i, j, p)
        for i, j, p in chosen
        if not any(not groups[k].multi and partners[k] > 1 for k in (i, j))
    ]
    return sorted(chosen, key=lambda t: (-t[2], t[0], t[1]))
