"""Sentence representation for claim alignment: a text vector per sentence.

Two encoders share one interface (:class:`SentenceEncoder`): ``encode(texts)`` returns one
L2-normalised row per text, so a dot product is a cosine.

* :class:`MiniLMEncoder` — all-MiniLM-L6-v2 (sentence-transformers), int8 ONNX, from the
  shared module :mod:`corroborate.embeddings` (model and tokenizer files, one session per
  process, batching, threads); this class only adds the claim-alignment cosine range.
* :class:`LemmaTfidfEncoder` — TF-IDF over crude lemmas (lower-cased word stems with
  inflectional suffixes stripped), fitted on the sentences of one story. Always available,
  deterministic and fast; weaker on paraphrase ("held talks" vs "met").

:func:`default_encoder` picks MiniLM when both packages are installed and
``CORROBORATE_ENCODER`` is not ``tfidf``; otherwise TF-IDF. Each encoder carries the cosine
range (``floor``, ``ceiling``) that :func:`text_score` maps onto [0, 1], so one claim threshold
serves both (calibration in docs/claims.md).
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from corroborate.embeddings import (
    MAX_TOKENS,
    MINILM_DIR,
    Matrix,
    MiniLM,
    _package_dir,
    minilm_files,
)

__all__ = [
    "MAX_TOKENS",
    "MINILM_DIR",
    "LemmaTfidfEncoder",
    "Matrix",
    "MiniLMEncoder",
    "SentenceEncoder",
    "_package_dir",
    "content_stems",
    "default_encoder",
    "minilm_files",
    "stem",
    "text_score",
    "words",
]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*", re.UNICODE)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "after",
        "before",
        "since",
        "during",
        "than",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "it's",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "shall",
        "not",
        "no",
        "nor",
        "so",
        "if",
        "then",
        "there",
        "here",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "too",
        "very",
        "just",
        "also",
        "said",
        "says",
        "say",
        "told",
        "tell",
    ]
)
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude lemma: lower-cased, possessive and common inflectional suffixes stripped
    (memoised: claims and stories stem the same words many times)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            if suffix == "ied" or suffix == "ies":
                w += "y"
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "detain" ok; "planned" -> "plann" -> "plan"
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]  # "release"/"released" -> "releas"
    return w


def words(text: str) -> list[str]:
    """Word tokens of ``text`` (letters or numbers), in order."""
    return _WORD.findall(text)


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stop words and one-letter tokens dropped)."""
    return [stem(w) for w in words(text) if w.lower() not in STOPWORDS and len(w) > 1]


class SentenceEncoder(Protocol):
    """Turns sentences into L2-normalised vectors (one row per text)."""

    name: str
    floor: float  # cosine at or below which two sentences share nothing useful
    ceiling: float  # cosine at or above which they are near-paraphrases

    def encode(self, texts: Sequence[str]) -> Matrix: ...


def text_score(cosine: float, encoder: SentenceEncoder) -> float:
    """The cosine mapped linearly from [floor, ceiling] onto [0, 1] (clipped)."""
    span = encoder.ceiling - encoder.floor
    return min(1.0, max(0.0, (cosine - encoder.floor) / span))


# --------------------------------------------------------------------------- TF-IDF


class LemmaTfidfEncoder:
    """TF-IDF over crude lemmas, fitted on the texts of each ``encode`` call (one story)."""

    name = "tfidf-lemmas"
    floor = 0.05
    ceiling = 0.55

    def encode(self, texts: Sequence[str]) -> Matrix:
        bags = [Counter(content_stems(t)) for t in texts]
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        vocab = {term: i for i, term in enumerate(sorted(df))}
        n = len(texts)
        out = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
        for row, bag in enumerate(bags):
            for term, count in bag.items():
                idf = math.log((1 + n) / (1 + df[term])) + 1.0
                out[row, vocab[term]] = (1.0 + math.log(count)) * idf
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        result: Matrix = (out / np.clip(norms, 1e-12, None)).astype(np.float32)
        return result


# --------------------------------------------------------------------------- MiniLM
# The model, tokenizer and session live in the shared module corroborate.embeddings
# (loaded once per process); these names are re-exported for existing callers.


class MiniLMEncoder(MiniLM):
    """all-MiniLM-L6-v2 (int8 ONNX, :mod:`corroborate.embeddings`) with the cosine range
    calibrated for claim alignment (docs/claims.md)."""

    floor = 0.25
    ceiling = 0.80


@lru_cache(maxsize=1)
def _shared_minilm() -> MiniLMEncoder:
    return MiniLMEncoder()


def default_encoder() -> SentenceEncoder:
    """MiniLM when installed (and ``CORROBORATE_ENCODER`` is not ``tfidf``), else TF-IDF."""
    choice = os.environ.get("CORROBORATE_ENCODER", "").strip().lower()
    if choice != "tfidf" and minilm_files() is not None:
        return _shared_minilm()
    if choice == "minilm":
        raise RuntimeError("CORROBORATE_ENCODER=minilm but the MiniLM packages are missing")
    return LemmaTfidfEncoder()
