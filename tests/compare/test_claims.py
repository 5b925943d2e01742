"""Claims: selection, alignment across outlets, verdicts and evidence spans.

The fixture story (tests/fixtures/compare/claims_mayor.json) is invented: three outlets tell
one arrest in different words; one outlet has a different bribe figure, one negates the bail
release, each has a fact of its own; a second article of one outlet (outlet spelled in lower
case) and an article with no outlet complete it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from corroborate.analyze.pipeline import analyze_article
from corroborate.compare.claims import align_claims, claim_sentences, claim_texts
from corroborate.compare.similarity import (
    LemmaTfidfEncoder,
    SentenceEncoder,
    default_encoder,
    minilm_files,
)
from corroborate.embeddings import Matrix, embed_pairs
from corroborate.types import (
    AnalyzedArticle,
    Article,
    Claim,
    FigureGroup,
    FigureReport,
)
from tests.compare.helpers_claims import story_entities

ENCODERS = ["tfidf"] + (["minilm"] if minilm_files() is not None else [])


def _encoder(name: str) -> SentenceEncoder:
    return LemmaTfidfEncoder() if name == "tfidf" else default_encoder()


@pytest.fixture(scope="module")
def mayor(fixtures_dir: Path) -> list[AnalyzedArticle]:
    rows = json.loads((fixtures_dir / "compare" / "claims_mayor.json").read_text("utf-8"))
    docs = []
    for r in rows:
        art = Article(
            id=r["id"],
            path=f"fixture:{r['id']}",
            text=r["text"],
            outlet=r["outlet"],
            title=r["title"],
            published=r["published"],
            published_source="metadata",
        )
        docs.append(AnalyzedArticle(art, analyze_article(art)))
    return docs


def money_group(docs: Sequence[AnalyzedArticle], verdict: str) -> FigureGroup:
    """Hand-made figure group: every euro amount in the story measures the bribe."""
    reports = tuple(
        FigureReport(d.article.id, f.text, f.low, f.high, f.start, f.end)
        for d in docs
        for f in d.analysis.figures
        if f.unit.lower().startswith("eur")
    )
    assert len(reports) == 3, reports
    return FigureGroup("F-bribe", "bribe euros", "Varga", "euro", verdict, reports)  # type: ignore[arg-type]


def _find(claims: Sequence[Claim], needle: str) -> Claim:
    hits = [c for c in claims if any(needle in e.text for e in c.support)]
    assert len(hits) == 1, (needle, [c.text for c in hits])
    return hits[0]


def _articles(claim: Claim) -> set[str]:
    return {e.article_id for e in claim.support}


def test_caption_and_fragment_are_not_claims(mayor: list[AnalyzedArticle]) -> None:
    texts = [d.article.text[s:e] for d in mayor for _, s, e in claim_sentences(d)]
    # the headline states facts (annotators list them): a candidate despite no final stop
    assert "Port Kelso mayor arrested" in texts
    assert "Watch the video" not in texts  # no final punctuation
    assert "Short." not in texts  # fragment
    assert any(t.startswith("Her lawyer, Tomas Reiner, said") for t in texts)  # reported speech


@pytest.mark.parametrize("encoder", ENCODERS)
def test_paraphrases_align_and_verdicts(mayor: list[AnalyzedArticle], encoder: str) -> None:
    docs = mayor
    claims = align_claims(
        docs, story_entities(docs), [money_group(docs, "conflict")], encoder=_encoder(encoder)
    )
    by_id = {d.article.id: d.article for d in docs}
    for claim in claims:  # every support span is the article's own text
        for ev in claim.support + claim.contradicted_by:
            assert by_id[ev.article_id].text[ev.start : ev.end] == ev.text

    arrest = _find(claims, "Police detained Port Kelso mayor")
    assert _articles(arrest) >= {"hp-1", "dm-1", "kc-1"}
    assert arrest.verdict == "corroborated"
    assert {"Harbour Post", "Daily Meridian", "Kelso Courier"} <= set(arrest.outlets)

    bribe = _find(claims, "75,000 euros")
    assert _articles(bribe) == {"hp-1", "dm-1", "kc-1"}
    assert bribe.verdict == "contested"
    assert bribe.contradicted_by and "conflict" in bribe.explanation

    bail = _find(claims, "not released on bail")
    assert _articles(bail) == {"hp-1", "dm-1", "kc-1"}
    assert bail.verdict == "contested"
    assert "negates" in bail.explanation
    assert any("not released" in e.text for e in bail.contradicted_by) or all(
        "not released" not in e.text for e in bail.support if e.text == bail.text
    )

    for needle, article in (
        ("emergency session", "hp-1"),
        ("Tomas Reiner", "dm-1"),
        ("2,000 residents", "kc-1"),
    ):
        only = _find(claims, needle)
        assert only.verdict == "single_source" and _articles(only) == {article}


@pytest.mark.parametrize("encoder", ENCODERS)
def test_approximate_figures_are_not_contested(mayor: list[AnalyzedArticle], encoder: str) -> None:
    docs = mayor
    claims = align_claims(
        docs, story_entities(docs), [money_group(docs, "approximate")], encoder=_encoder(encoder)
    )
    assert _find(claims, "75,000 euros").verdict == "corroborated"


def test_two_articles_of_one_outlet_are_one_source(mayor: list[AnalyzedArticle]) -> None:
    same = [d for d in mayor if d.article.id in ("kc-1", "anon-1")]
    claims = align_claims(same, story_entities(same), encoder=LemmaTfidfEncoder())
    arrest = _find(claims, "after a bribery investigation")
    assert arrest.verdict == "corroborated"  # an article with no outlet is its own source
    relabel = [
        AnalyzedArticle(
            Article(
                id=d.article.id,
                path=d.article.path,
                text=d.article.text,
                outlet="Kelso Courier",
                published=d.article.published,
            ),
            d.analysis,
        )
        for d in same
    ]
    claims = align_claims(relabel, story_entities(relabel), encoder=LemmaTfidfEncoder())
    arrest = _find(claims, "after a bribery investigation")
    assert _articles(arrest) == {"kc-1", "anon-1"}
    assert arrest.verdict == "single_source"  # same outlet twice: one source
    assert arrest.outlets == ("Kelso Courier",)


def test_empty_story() -> None:
    assert align_claims([], []) == ()


# ----------------------------------------------------------------------------- stored vectors


class _CountingEncoder:
    """Wraps an encoder and records every text it is asked to encode."""

    def __init__(self, inner: SentenceEncoder) -> None:
        self.inner = inner
        self.name, self.floor, self.ceiling = inner.name, inner.floor, inner.ceiling
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> Matrix:
        self.seen.extend(texts)
        return self.inner.encode(texts)


def _with_vectors(doc: AnalyzedArticle, encoder: SentenceEncoder) -> AnalyzedArticle:
    pairs = embed_pairs(encoder, claim_texts(doc))
    return AnalyzedArticle(doc.article, replace(doc.analysis, embeddings=pairs))


@pytest.mark.skipif(minilm_files() is None, reason="MiniLM not installed")
def test_stored_vectors_give_the_same_claims_without_encoding(
    mayor: list[AnalyzedArticle],
) -> None:
    """Vectors the per-article stage stored are used as they are: the claims are those of
    encoding at link time, and only sentences without a stored vector are encoded."""
    encoder = default_encoder()
    docs = list(mayor)
    figures = [money_group(docs, "conflict")]
    expected = align_claims(docs, story_entities(docs), figures, encoder=encoder)
    stored = [_with_vectors(d, encoder) for d in docs]
    counting = _CountingEncoder(encoder)
    assert align_claims(stored, story_entities(stored), figures, encoder=counting) == expected
    assert counting.seen == []
    partial = [stored[0], *docs[1:]]  # e.g. an analysis stored by an older version
    counting = _CountingEncoder(encoder)
    assert align_claims(partial, story_entities(partial), figures, encoder=counting) == expected
    assert counting.seen and set(counting.seen).isdisjoint(claim_texts(docs[0]))


def test_vectors_of_another_encoder_are_ignored(mayor: list[AnalyzedArticle]) -> None:
    docs = list(mayor)
    tfidf = LemmaTfidfEncoder()
    expected = align_claims(docs, story_entities(docs), encoder=tfidf)
    fake = _CountingEncoder(tfidf)
    fake.name = "another-encoder"  # its rows must never stand in for TF-IDF's
    foreign = [_with_vectors(d, fake) for d in docs]
    assert all(d.analysis.embeddings for d in foreign)
    assert align_claims(foreign, story_entities(foreign), encoder=tfidf) == expected


@pytest.mark.parametrize(
    ("text", "negated", "not_negated"),
    [
        ("Talks were not resumed on Friday.", {"resumed"}, set()),
        ("There will be no rival extradition request from Oslo.", {"request"}, {"extradition"}),
        ("The driver was released without charge.", {"charge"}, {"released"}),
        ("No one was hurt in the fire.", {"hurt"}, set()),
        ("Nobody was arrested at the march.", {"arrested"}, set()),
    ],
)
def test_negation_scope(text: str, negated: set[str], not_negated: set[str]) -> None:
    """Verbal cues negate the next few words; "no"/"without" only the head of their phrase."""
    from corroborate.compare.claims import _negated_stems
    from corroborate.compare.similarity import stem

    found = _negated_stems(text)
    assert {stem(w) for w in negated} <= found, found
    assert not {stem(w) for w in not_negated} & found, found


def test_a_wire_dateline_is_no_part_of_a_claim() -> None:
    """ "MOUNT VIEW (KXRT) – The family of a boy ...": the station and the place it filed
    from are no words of the fact (a second outlet states it without them)."""
    from tests.compare.helpers_figures import analysed_docs

    (doc,) = analysed_docs(
        "MOUNT VIEW (KXRT) – The family of a boy who was shot on Friday is asking for help."
    )
    texts = [doc.article.text[s:e] for _, s, e in claim_sentences(doc)]
    assert texts == ["The family of a boy who was shot on Friday is asking for help."]
