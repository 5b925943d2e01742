"""What claims alignment reads, and only that: the vectors of the sentences it compares
(all of a story's claim sentences across two or more articles; in a one-article story only
possible repeats) and the fact units stored with the analysis (no parse at link time).
The article below is invented."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import pytest

from corroborate.analyze.pipeline import analysis_nlp, analyze_article
from corroborate.compare import claims as C
from corroborate.compare.similarity import SentenceEncoder, default_encoder, minilm_files
from corroborate.embeddings import Matrix
from corroborate.types import AnalyzedArticle, Article
from tests.compare.helpers_claims import story_entities

needs_minilm = pytest.mark.skipif(minilm_files() is None, reason="MiniLM not installed")

TEXT = (
    "Harbour crane collapses in Velmor port\n\n"
    "A harbour crane collapsed on Tuesday morning at the Velmor container port, and two "
    "dock workers were taken to hospital with minor injuries.\n\n"
    "The port authority said the crane had been inspected in March.\n\n"
    "Shipping was halted for six hours while engineers checked the other cranes.\n\n"
    "The port authority said the crane was inspected in March.\n\n"
    "The union called for an independent inquiry into maintenance at the port."
)


@pytest.fixture(scope="module")
def crane() -> AnalyzedArticle:
    article = Article(
        id="crane-1",
        path="crane-1.txt",
        text=TEXT,
        title="Harbour crane collapses in Velmor port",
        outlet="Velmor Daily",
        published="2024-05-07",
    )
    return AnalyzedArticle(article, analyze_article(article))


class _Counting:
    """Wraps an encoder, records what it encodes; ``per_text`` as asked."""

    def __init__(self, inner: SentenceEncoder, per_text: bool) -> None:
        self.inner, self.per_text = inner, per_text
        self.name, self.floor, self.ceiling = inner.name, inner.floor, inner.ceiling
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> Matrix:
        self.seen.extend(texts)
        return self.inner.encode(texts)


def test_one_article_compares_only_its_possible_repeats(crane: AnalyzedArticle) -> None:
    sentences = C.claim_sentence_list([crane])
    picked = [sentences[i].text for i in C.compared_sentences(sentences)]
    assert len(sentences) >= 5
    assert len(picked) == 2 and all("inspected in March" in t for t in picked)
    other = dataclasses.replace(crane.article, id="crane-2", outlet="Coast Post")
    two = [crane, AnalyzedArticle(other, crane.analysis)]
    assert C.compared_sentences(C.claim_sentence_list(two)) == list(range(2 * len(sentences)))
    assert C.compared_texts(two) == [s.text for s in C.claim_sentence_list(two)]


@needs_minilm
def test_lazy_vectors_give_the_claims_of_all_vectors(crane: AnalyzedArticle) -> None:
    docs = [crane]
    entities = story_entities(docs)
    full = _Counting(default_encoder(), per_text=False)
    lazy = _Counting(default_encoder(), per_text=True)
    want = C.align_claims(docs, entities, encoder=full)
    got = C.align_claims(docs, entities, encoder=lazy)
    assert got == want
    assert sorted(lazy.seen) == sorted(C.compared_texts(docs))
    assert len(lazy.seen) < len(full.seen)
    assert any(len(c.support) == 2 for c in want)  # the repeat was folded into one claim


def test_stored_fact_units_are_used_without_parsing(
    crane: AnalyzedArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    C._UNITS.clear()
    [rows] = C.fact_unit_rows([crane])
    assert rows and all(len(r) == 6 for r in rows)
    stored = AnalyzedArticle(crane.article, dataclasses.replace(crane.analysis, fact_units=rows))
    entities = story_entities([crane])
    encoder = C.LemmaTfidfEncoder()
    want = C.build_units([crane], {}, {})[1]
    want_claims = C.align_claims([crane], entities, encoder=encoder)
    C._UNITS.clear()

    def no_parse(*_: Any) -> Any:
        raise AssertionError("parsed at link time although the units were stored")

    monkeypatch.setattr(C, "_parser", no_parse)
    got = C.build_units([stored], {}, {})[1]
    assert [(u.start, u.end, u.whole) for u in got] == [(u.start, u.end, u.whole) for u in want]
    assert C.align_claims([stored], entities, encoder=encoder) == want_claims
    with pytest.raises(AssertionError):  # without stored units, linking parses
        C.build_units([crane], {}, {})


def test_fact_units_come_from_the_articles_own_parse(
    crane: AnalyzedArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-article stage reads the units off the parse it already has: no second
    parse of each sentence alone; on this article both parses give the same units."""
    C._UNITS.clear()
    [alone] = C.fact_unit_rows([crane])
    C._UNITS.clear()

    def no_parse(*_: Any) -> Any:
        raise AssertionError("parsed a sentence alone although the article's parse was given")

    monkeypatch.setattr(C, "_parser", no_parse)
    own = C.parsed_unit_rows(crane, analysis_nlp()(crane.article.text))
    assert own == alone
    text = crane.article.text
    units = [text[us:ue] for _, _, us, ue, _, _ in own]
    assert any(u.startswith("A harbour crane collapsed") for u in units)
    assert any(u.startswith("two dock workers were taken to hospital") for u in units)
