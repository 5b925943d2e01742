"""Claim alignment across languages (issue 15; docs/russian.md "Claims across languages").

The same-fact model (``fact_model``) reads a MiniLM cosine and English lexical overlaps,
which cannot compare a Russian sentence with an English one. For sentence pairs of
articles in different *language groups* (``corroborate.link.stories.language_group``, the
grouping the story linker uses), and for pairs of two articles in a group other than the
default one (Russian-Russian), :func:`cross_cosines` computes the multilingual USE
cosine (``corroborate.embeddings.MultilingualUSE``) lazily, only for such pairs, and maps it
to the MiniLM scale by a monotone piecewise-linear calibration (quantile matching) fitted on
English sentence pairs of ``../shared/data/claims`` by ``bench/fit_crosslang_claims.py``
and shipped as ``models/crosslang_claims.json``. The lexical features of such a pair
(always ~0 across scripts) are replaced by what an English candidate pair at that
calibrated cosine has on average (a linear fit per feature, shipped with the calibration),
so the unchanged same-fact model scores the pair. A story whose articles are all in the
default group never calls this module: English-only results are the same, byte for byte, and the
encoder is never loaded.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

CALIBRATION_PATH = Path(__file__).parent / "models" / "crosslang_claims.json"


@dataclass(frozen=True)
class Calibration:
    """The shipped cross-language calibration (see the module doc)."""

    use_knots: tuple[float, ...]  # multilingual USE cosines at the fitted quantiles
    minilm_knots: tuple[float, ...]  # MiniLM cosines at the same quantiles
    lexical: dict[str, tuple[float, float]]  # feature -> (intercept, slope) on the MiniLM cosine
    top_k: int  # cross-language candidates per sentence by calibrated cosine

    def to_minilm(self, cos: np.ndarray) -> np.ndarray:
        """Multilingual cosines mapped to the MiniLM scale (clamped at the end knots)."""
        out: np.ndarray = np.interp(cos, self.use_knots, self.minilm_knots)
        return out

    def lexical_value(self, feature: str, text: float) -> float | None:
        """The expected value of a lexical feature for an English pair of MiniLM cosine
        ``text`` (never below 0), or None for a feature that is not imputed."""
        fit = self.lexical.get(feature)
        if fit is None:
            return None
        return max(0.0, fit[0] + fit[1] * text)


@lru_cache(maxsize=1)
def load_calibration(path: str | None = None) -> Calibration:
    """The shipped calibration (or the one at ``path``), loaded once per process."""
    spec = json.loads(Path(path or CALIBRATION_PATH).read_text(encoding="utf-8"))
    return Calibration(
        use_knots=tuple(float(x) for x in spec["use_knots"]),
        minilm_knots=tuple(float(x) for x in spec["minilm_knots"]),
        lexical={k: (float(v[0]), float(v[1])) for k, v in spec["lexical"].items()},
        top_k=int(spec["top_k"]),
    )


def doc_groups(languages: Sequence[str | None]) -> list[str]:
    """Each document's language group (the story linker's grouping)."""
    from corroborate.link.stories import language_group

    return [language_group(lang) for lang in languages]


def multilingual_mask(sentence_groups: Sequence[str]) -> np.ndarray:
    """Sentence x sentence: True where the pair is read by the multilingual path: the two
    sentences are in different groups, or both in a group other than the default one
    (the English encoder and stemmer cannot read a Russian-Russian pair either)."""
    n = len(sentence_groups)
    mask = np.zeros((n, n), dtype=bool)
    for a, ga in enumerate(sentence_groups):
        for b, gb in enumerate(sentence_groups):
            mask[a, b] = ga != gb or ga != ""
    return mask


def uses_multilingual(groups: Sequence[str]) -> bool:
    """Whether a story with documents of these groups takes the multilingual path: some
    document is outside the default group. An English-only story never does."""
    return any(g != "" for g in groups)


def cross_cosines(
    texts: Sequence[str], mask: np.ndarray, encoder: object | None = None
) -> np.ndarray:
    """Calibrated multilingual cosines of the sentence pairs ``mask`` marks (0 elsewhere);
    only sentences in such a pair are encoded."""
    need = sorted(set(np.flatnonzero(mask.any(axis=1)).tolist()))
    out = np.zeros(mask.shape, dtype=np.float64)
    if not need:
        return out
    if encoder is None:
        from corroborate.embeddings import shared_multilingual

        encoder = shared_multilingual()
    rows = np.asarray(encoder.encode([texts[i] for i in need]), dtype=np.float64)  # type: ignore[attr-defined]
    vectors = np.zeros((len(texts), rows.shape[1]), dtype=np.float64)
    vectors[need] = rows
    raw = vectors @ vectors.T
    out[mask] = load_calibration().to_minilm(raw[mask])
    return out


def top_pairs(
    cal: np.ndarray, mask: np.ndarray, docs: Sequence[int], k: int
) -> set[tuple[int, int]]:
    """Sentence pairs (a < b): each sentence's ``k`` best partners the mask marks, in
    other documents."""
    out: set[tuple[int, int]] = set()
    if k <= 0:
        return out
    doc = np.asarray(docs)
    allowed = mask & (doc[:, None] != doc[None, :])
    scores = np.where(allowed, cal, -np.inf)
    for a in range(len(scores)):
        if not allowed[a].any():
            continue
        order = np.argsort(-scores[a], kind="stable")[:k]
        for b in order.tolist():
            if allowed[a, b]:
                out.add((min(a, b), max(a, b)))
    return out
