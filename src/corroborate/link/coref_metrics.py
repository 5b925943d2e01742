"""Coreference scores: MUC, B-cubed, CEAF-e and the CoNLL average.

Both sides are given as one cluster label per mention (``key[i]`` and ``response[i]`` label
mention ``i``); mentions are the same on both sides (gold mention boundaries). Every
function returns ``(precision, recall, f1)`` as fractions in [0, 1].

* MUC (Vilain et al. 1995): links. Recall = sum over key clusters K of
  (|K| - number of response clusters K is split into) / sum (|K| - 1); precision swaps
  the roles. Singletons contribute nothing.
* B-cubed (Bagga & Baldwin 1998): per mention, |K ∩ R| / |R| (precision) and
  |K ∩ R| / |K| (recall), averaged over mentions.
* CEAF-e (Luo 2005): entity similarity phi4(K, R) = 2|K ∩ R| / (|K| + |R|); the best
  one-to-one alignment of key and response clusters (Hungarian algorithm, run per
  connected component of the overlap graph: clusters that share no mention have
  similarity 0, so the optimum decomposes); recall = total / #key clusters,
  precision = total / #response clusters.
* CoNLL F1 = mean of the MUC, B-cubed and CEAF-e F1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

import numpy as np

Score = tuple[float, float, float]

__all__ = ["bcubed", "ceafe", "conll_scores", "hungarian_max", "muc"]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _clusters(labels: Sequence[Hashable]) -> dict[Hashable, list[int]]:
    out: dict[Hashable, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        out[lab].append(i)
    return out


def _check(key: Sequence[Hashable], response: Sequence[Hashable]) -> None:
    if len(key) != len(response):
        raise ValueError(f"key has {len(key)} mentions, response {len(response)}")


def _muc_recall(key: Sequence[Hashable], response: Sequence[Hashable]) -> float:
    num = den = 0
    for members in _clusters(key).values():
        parts = len({response[i] for i in members})
        num += len(members) - parts
        den += len(members) - 1
    return num / den if den else 0.0


def muc(key: Sequence[Hashable], response: Sequence[Hashable]) -> Score:
    """MUC link-based precision, recall, F1."""
    _check(key, response)
    r = _muc_recall(key, response)
    p = _muc_recall(response, key)
    return p, r, _f1(p, r)


def bcubed(key: Sequence[Hashable], response: Sequence[Hashable]) -> Score:
    """B-cubed mention-based precision, recall, F1."""
    _check(key, response)
    if not key:
        return 0.0, 0.0, 0.0
    ksize = Counter(key)
    rsize = Counter(response)
    both = Counter(zip(key, response, strict=True))
    p = sum(both[(k, r)] / rsize[r] for k, r in zip(key, response, strict=True)) / len(key)
    rec = sum(both[(k, r)] / ksize[k] for k, r in zip(key, response, strict=True)) / len(key)
    return p, rec, _f1(p, rec)


def hungarian_max(weights: Sequence[Sequence[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns.

    Rectangular matrices are fine (unmatched rows/columns add nothing). Shortest
    augmenting paths with potentials (Kuhn-Munkres, O(n^2 m)) on the negated weights,
    the inner loop vectorised with numpy.
    """
    cost = -np.asarray(weights, dtype=float)
    if cost.ndim != 2 or cost.size == 0:
        return 0.0
    if cost.shape[0] > cost.shape[1]:
        cost = cost.T
    n, m = cost.shape
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    p = np.zeros(m + 1, dtype=int)  # p[j]: row (1-based) matched to column j; 0 = none
    way = np.zeros(m + 1, dtype=int)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            free = ~used[1:]
            cur = cost[i0 - 1] - u[i0] - v[1:]
            better = free & (cur < minv[1:])
            minv[1:][better] = cur[better]
            way[1:][better] = j0
            masked = np.where(free, minv[1:], np.inf)
            j1 = int(np.argmin(masked)) + 1
            delta = masked[j1 - 1]
            u[p[used]] += delta
            v[used] -= delta
            minv[~used] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = int(way[j0])
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    cols = np.nonzero(p[1:])[0]
    return float(-cost[p[1:][cols] - 1, cols].sum())


def ceafe(key: Sequence[Hashable], response: Sequence[Hashable]) -> Score:
    """Entity-based CEAF (phi4) precision, recall, F1."""
    _check(key, response)
    kcl = _clusters(key)
    rcl = _clusters(response)
    if not kcl or not rcl:
        return 0.0, 0.0, 0.0
    overlap = Counter(zip(key, response, strict=True))
    # connected components of the bipartite overlap graph (union-find over labels)
    parent: dict[tuple[int, Hashable], tuple[int, Hashable]] = {}

    def find(x: tuple[int, Hashable]) -> tuple[int, Hashable]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, r in overlap:
        a, b = find((0, k)), find((1, r))
        if a != b:
            parent[a] = b
    comps: dict[tuple[int, Hashable], tuple[list[Hashable], list[Hashable]]] = {}
    for k in kcl:
        comps.setdefault(find((0, k)), ([], []))[0].append(k)
    for r in rcl:
        comps.setdefault(find((1, r)), ([], []))[1].append(r)
    total = 0.0
    for ks, rs in comps.values():
        if not ks or not rs:
            continue
        matrix = [
            [2 * overlap.get((k, r), 0) / (len(kcl[k]) + len(rcl[r])) for r in rs] for k in ks
        ]
        if len(ks) == 1 or len(rs) == 1:
            total += max(max(row) for row in matrix)
        else:
            total += hungarian_max(matrix)
    p = total / len(rcl)
    r = total / len(kcl)
    return p, r, _f1(p, r)


def conll_scores(key: Sequence[Hashable], response: Sequence[Hashable]) -> dict[str, Score]:
    """All metrics in percent: {"muc","b3","ceafe": (P, R, F1), "conll": (-, -, mean F1)}."""
    out = {"muc": muc(key, response), "b3": bcubed(key, response), "ceafe": ceafe(key, response)}
    pct = {name: (100 * p, 100 * r, 100 * f) for name, (p, r, f) in out.items()}
    mean = sum(f for _, _, f in pct.values()) / 3
    pct["conll"] = (mean, mean, mean)
    return pct
