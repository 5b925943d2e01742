"""Sentence vectors computed in the per-article stage (``Analysis.embeddings``): exact
storage, the texts they cover, and links that come out the same with or without them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from corroborate import embeddings as E
from corroborate.analyze.pipeline import analysis_nlp
from corroborate.compare.claims import compared_texts, parsed_unit_rows
from corroborate.link.vectors import embed_text
from corroborate.run.local import (
    ENCODE_CHUNK,
    LocalRunner,
    analyze_batch,
    encode_texts,
    encoder_env,
    link,
    text_chunks,
    worker_env,
)
from corroborate.types import AnalyzedArticle
from tests.run.helpers import ingested, stories_json

needs_minilm = pytest.mark.skipif(not E.available(), reason="MiniLM not installed")


class _Fake:
    """A deterministic stand-in encoder that records what it encodes."""

    name = "fake-encoder"
    dim = 4

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> E.Matrix:
        self.seen.extend(texts)
        rng = [np.random.default_rng(len(t)).random(self.dim) for t in texts]
        return np.array(rng, dtype=np.float32).reshape(len(texts), self.dim)


def test_pack_is_exact_and_keys_depend_on_encoder_and_text() -> None:
    row = np.random.default_rng(1).standard_normal(E.DIM).astype(np.float32)
    assert E.unpack_row(E.pack_row(row)).tobytes() == row.tobytes()
    assert E.text_key("a", "x") != E.text_key("b", "x") != E.text_key("a", "y")
    assert E.text_key("a", "x") == E.text_key("a", "x")


def test_encode_with_stored_encodes_only_what_is_missing_or_corrupt() -> None:
    enc = _Fake()
    texts = ["one text", "another one", "a third, longer text"]
    want = _Fake().encode(texts)
    pairs = E.embed_pairs(_Fake(), texts[:2])
    stored = E.stored_rows([*pairs, ("other-encoder:abc", "AAAA")], enc.name)
    assert len(stored) == 2
    assert np.array_equal(E.encode_with_stored(enc, texts, stored), want)
    assert enc.seen == texts[2:]
    stored[E.text_key(enc.name, texts[0])] = "not base64!"
    enc.seen.clear()
    assert np.array_equal(E.encode_with_stored(enc, texts, stored), want)
    assert enc.seen == [texts[0], texts[2]]
    assert E.encode_with_stored(enc, [], stored).shape[0] == 0


def test_worker_env_splits_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(E.THREADS_ENV, raising=False)
    cores = E.default_threads()
    assert worker_env(1) == {E.THREADS_ENV: str(cores)}
    assert worker_env(cores * 4) == {E.THREADS_ENV: "1"}
    assert encoder_env(1) == {E.THREADS_ENV: "1"}
    monkeypatch.setenv(E.THREADS_ENV, "3")
    assert worker_env(2) == encoder_env(1) == {E.THREADS_ENV: "3"}  # the user's setting wins


@needs_minilm
def test_analyze_batch_stores_the_title_vector_and_the_fact_units(tmp_path: Path) -> None:
    """Workers embed the title + lead and split the claim sentences (the units linking
    would compute); claim sentences are embedded by linking, only those it compares."""
    with ingested(tmp_path / "a.db") as store:
        articles = list(store.articles())[:4]
        analyses = analyze_batch(articles)
        plain = [dataclasses.replace(a, fact_units=()) for a in analyses]
        docs = [AnalyzedArticle(a, x) for a, x in zip(articles, plain, strict=True)]
        # the units of the article's own parse, read off while it was at hand
        assert [a.fact_units for a in analyses] == [
            parsed_unit_rows(d, analysis_nlp()(d.article.text)) for d in docs
        ]
        assert any(a.fact_units for a in analyses)
        for article, analysis in zip(articles, analyses, strict=True):
            texts = [embed_text(article)]
            assert {k for k, _ in analysis.embeddings} == {E.text_key(E.MiniLM.name, texts[0])}
            stored = E.stored_rows(analysis.embeddings, E.MiniLM.name)
            rows = E.encode_with_stored(E.shared_minilm(), texts, stored)
            assert np.array_equal(rows, E.MiniLM().encode(texts))  # the same bytes
            with store.transaction():
                store.put_analysis(article.id, analysis)
            assert store.get_analysis(article.id) == analysis  # round trip through the codec


@needs_minilm
def test_link_stores_the_vectors_of_the_sentences_it_compares(tmp_path: Path) -> None:
    with ingested(tmp_path / "a.db") as store, LocalRunner(1) as runner:
        runner.run(store, batch_size=4, link_every=None)
        stories = [s for s in store.stories() if len(s["article_ids"]) > 1]
        assert stories
        for story in stories:
            docs = []
            for aid in story["article_ids"]:
                article, analysis = store.get_article(aid), store.get_analysis(aid)
                assert article is not None and analysis is not None
                docs.append(AnalyzedArticle(article, analysis))
            stored = E.stored_rows((p for d in docs for p in d.analysis.embeddings), E.MiniLM.name)
            texts = compared_texts(docs)
            assert texts and all(E.text_key(E.MiniLM.name, t) in stored for t in texts)


@needs_minilm
def test_links_are_the_same_with_or_without_stored_vectors_and_units(tmp_path: Path) -> None:
    """Analyses stored by an older version (no vectors, no fact units) link to the same
    stories."""
    with ingested(tmp_path / "with.db") as store, LocalRunner(1) as runner:
        runner.run(store, batch_size=4, link_every=None)
        analyses = dict(store.analyses())
        want = stories_json(store)
    assert all(a.embeddings for a in analyses.values())
    assert any(a.fact_units for a in analyses.values())
    with ingested(tmp_path / "without.db") as store:
        with store.transaction():
            for aid, analysis in analyses.items():
                bare = dataclasses.replace(analysis, embeddings=(), fact_units=())
                store.put_analysis(aid, bare)
        link(store)
        assert stories_json(store) == want


def test_text_chunks_deal_distinct_texts_to_every_worker() -> None:
    texts = [f"text number {i}" + "!" * i for i in range(10)]
    chunks = text_chunks([*texts, *texts, ""], 3)
    assert len(chunks) == 3
    assert sorted(t for c in chunks for t in c) == sorted(texts)
    # dealt in length order: every worker gets short and long texts alike
    assert chunks[0] == [texts[0], texts[3], texts[6], texts[9]]
    assert chunks[2] == [texts[2], texts[5], texts[8]]
    assert [len(c) for c in text_chunks(texts, 40)] == [1] * 10  # no empty chunk
    assert text_chunks([], 2) == []


def test_text_chunks_hold_at_most_a_chunk_each() -> None:
    texts = [f"sentence {i}" for i in range(2 * ENCODE_CHUNK + 1)]
    chunks = text_chunks(texts, 2)
    assert len(chunks) == 3 and max(map(len, chunks)) <= ENCODE_CHUNK
    assert sorted(t for c in chunks for t in c) == sorted(texts)


@needs_minilm
def test_a_pool_encodes_the_rows_of_this_process() -> None:
    texts = [f"The harbour crane number {i} was inspected in March." for i in range(9)]
    want = dict(encode_texts(texts))
    with LocalRunner(2) as runner:
        got = dict(runner.encode(texts))
    assert got == want and len(got) == len(texts)
