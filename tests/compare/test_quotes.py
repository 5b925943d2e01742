"""Quotes matched across outlets: hand-built quotes for the rules, invented fixtures, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.compare.quotes import match_quotes, normalize_quote
from corroborate.types import (
    Analysis,
    AnalyzedArticle,
    Article,
    LocalEntity,
    Quote,
    StoryEntity,
    StoryQuote,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "compare"
OUTLETS = (
    ("figures_ledger.txt", "Northern Ledger"),
    ("figures_times.txt", "Coast Times"),
    ("figures_meridian.txt", "Daily Meridian"),
)

# --------------------------------------------------------------------------- hand-built

QuoteSpec = tuple[str, str, str | None]  # (words, kind, local speaker id)


def doc(aid: str, text: str, quotes: list[QuoteSpec]) -> AnalyzedArticle:
    """An article whose analysis holds only the given quotes (located in ``text``)."""
    found = []
    for words, kind, speaker in quotes:
        start = text.index(words)
        found.append(
            Quote(words, start, start + len(words), kind, speaker, speaker)  # type: ignore[arg-type]
        )
    ents = tuple(LocalEntity(s, s, "PERSON") for s in {q[2] for q in quotes if q[2]})
    article = Article(id=aid, path=f"{aid}.txt", text=text, outlet=aid.upper())
    return AnalyzedArticle(article, Analysis(aid, entities=ents, quotes=tuple(found)))


def people(*names: tuple[str, list[tuple[str, str]]]) -> list[StoryEntity]:
    return [
        StoryEntity(f"E{n}", name, "PERSON", local_ids=tuple(pairs))
        for n, (name, pairs) in enumerate(names, 1)
    ]


def _multi(quotes: tuple[StoryQuote, ...]) -> list[StoryQuote]:
    return [q for q in quotes if len({r.article_id for r in q.reports}) > 1]


def test_normalize_quote() -> None:
    assert normalize_quote("“It’s OVER,” — Ça va!") == "it s over ca va"


def test_punctuation_and_case_differences_match() -> None:
    a = doc(
        "a",
        'She said: "We will not back down, not now."',
        [("We will not back down, not now.", "direct", "s")],
    )
    b = doc(
        "b",
        "“we will NOT back down – not now” she said",
        [("we will NOT back down – not now", "direct", None)],
    )
    quotes = match_quotes([a, b], people(("Ana Lind", [("a", "s")])))
    assert len(quotes) == 1
    assert quotes[0].speaker == "E1" and quotes[0].speaker_name == "Ana Lind"
    assert quotes[0].text == "We will not back down, not now."


def test_fragment_matches_full_quote() -> None:
    full = "The bridge will reopen in March once the inspectors sign off."
    a = doc("a", f'"{full}" Ruiz said.', [(full, "direct", "r")])
    b = doc(
        "b",
        'Ruiz said it would reopen "once the inspectors sign off".',
        [("once the inspectors sign off", "partial", "r")],
    )
    ents = people(("Marta Ruiz", [("a", "r"), ("b", "r")]))
    (quote,) = match_quotes([a, b], ents)
    assert quote.text == full
    assert [(r.article_id, r.text) for r in quote.reports] == [
        ("a", full),
        ("b", "once the inspectors sign off"),
    ]
    for r, d in zip(quote.reports, (a, b), strict=True):
        assert d.article.text[r.start : r.end] == r.text


def test_different_speakers_do_not_match() -> None:
    words = "We are ready to talk at any time"
    a = doc("a", f'"{words}," Ruiz said.', [(words, "direct", "r")])
    b = doc("b", f'"{words}," Lind said.', [(words, "direct", "l")])
    ents = people(("Marta Ruiz", [("a", "r")]), ("Ana Lind", [("b", "l")]))
    assert len(match_quotes([a, b], ents)) == 2


def test_short_fragment_needs_the_same_resolved_speaker() -> None:
    a = doc("a", 'Ruiz called them "traitors" on Monday.', [("traitors", "partial", "r")])
    b = doc(
        "b",
        '"They are traitors and cowards," a protester shouted.',
        [("They are traitors and cowards", "direct", None)],
    )
    c = doc(
        "c",
        'Ruiz said: "They are traitors and cowards."',
        [("They are traitors and cowards.", "direct", "r")],
    )
    ents = people(("Marta Ruiz", [("a", "r"), ("c", "r")]))
    assert len(match_quotes([a, b], ents)) == 2  # unresolved speaker: no one-word match
    (quote,) = match_quotes([a, c], ents)
    assert quote.text == "They are traitors and cowards."


def test_reported_speech_matches_only_a_resolved_same_speaker() -> None:
    words = "the inspectors had found cracks in two of the main supports"
    a = doc(
        "a",
        'Ruiz said: "The inspectors had found cracks in two of the main supports."',
        [("The inspectors had found cracks in two of the main supports.", "direct", "r")],
    )
    b = doc("b", f"Ruiz said {words} last week.", [(words, "reported", "r")])
    c = doc("c", f"An engineer said {words} last week.", [(words, "reported", None)])
    ents = people(("Marta Ruiz", [("a", "r"), ("b", "r")]))
    quotes = match_quotes([a, b, c], ents)
    direct = next(q for q in quotes if any(r.article_id == "a" for r in q.reports))
    assert {r.article_id for r in direct.reports} == {"a", "b"}
    # the unresolved reported clause stays apart from the direct quote
    assert any({r.article_id for r in q.reports} == {"c"} for q in quotes)


def test_unresolved_quote_does_not_chain_two_speakers() -> None:
    words = "Nobody will be left behind when the plant closes"
    a = doc("a", f'"{words}," Ruiz said.', [(words, "direct", "r")])
    b = doc("b", f'"{words}," an official said.', [(words, "direct", None)])
    c = doc("c", f'"{words}," Lind said.', [(words, "direct", "l")])
    ents = people(("Marta Ruiz", [("a", "r")]), ("Ana Lind", [("c", "l")]))
    quotes = match_quotes([a, b, c], ents)
    for q in quotes:
        assert {r.article_id for r in q.reports} != {"a", "b", "c"}
        assert not {"a", "c"} <= {r.article_id for r in q.reports}
    assert sum(len(q.reports) for q in quotes) == 3


def test_overlapping_spans_of_one_article_stay_apart() -> None:
    text = 'Ruiz said the works would last "until the end of the summer season".'
    a = doc(
        "a",
        text,
        [
            ('the works would last "until the end of the summer season"', "reported", "r"),
            ("until the end of the summer season", "partial", "r"),
        ],
    )
    ents = people(("Marta Ruiz", [("a", "r")]))
    assert len(match_quotes([a], ents)) == 2


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def fixture_docs() -> list[AnalyzedArticle]:
    from corroborate.analyze.pipeline import analyze_article

    docs = []
    for name, outlet in OUTLETS:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        article = Article(
            id=name.removeprefix("figures_").removesuffix(".txt"),
            path=str(FIXTURES / name),
            text=text,
            outlet=outlet,
            published="2024-05-14",
            published_source="metadata",
        )
        docs.append(AnalyzedArticle(article, analyze_article(article)))
    return docs


def _by_surname(docs: list[AnalyzedArticle]) -> list[StoryEntity]:
    merged: dict[str, list[tuple[str, str, str]]] = {}
    for d in docs:
        for e in d.analysis.entities:
            merged.setdefault(e.name.split()[-1], []).append((d.article.id, e.id, e.name))
    return [
        StoryEntity(
            f"E{n}",
            max((m[2] for m in ms), key=len),
            "PERSON",
            local_ids=tuple((m[0], m[1]) for m in ms),
        )
        for n, ms in enumerate(merged.values(), 1)
    ]


def _check_petrenko(quotes: tuple[StoryQuote, ...], docs: list[AnalyzedArticle]) -> None:
    (quote,) = _multi(quotes)
    assert quote.speaker_name == "Olga Petrenko"
    assert quote.text.startswith("This verdict was written long before the trial began, and")
    assert {r.article_id for r in quote.reports} == {"ledger", "times", "meridian"}
    texts = {d.article.id: d.article.text for d in docs}
    for r in quote.reports:
        assert texts[r.article_id][r.start : r.end] == r.text
        assert "written long before the trial began" in r.text


def test_fixture_quote_full_and_fragments(fixture_docs: list[AnalyzedArticle]) -> None:
    _check_petrenko(match_quotes(fixture_docs, _by_surname(fixture_docs)), fixture_docs)


def test_fixture_with_resolved_entities(fixture_docs: list[AnalyzedArticle]) -> None:
    entities = pytest.importorskip("corroborate.link.entities")
    _check_petrenko(
        match_quotes(fixture_docs, entities.resolve_entities(fixture_docs)), fixture_docs
    )


def test_seed_quotes_keep_every_span(seeds_dir: Path) -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.clean import clean_document
    from corroborate.ingest import read_inputs
    from corroborate.types import RawDocument

    raws = [r for r in read_inputs([str(seeds_dir)]) if isinstance(r, RawDocument)]
    articles = [a for a in (clean_document(r) for r in raws) if isinstance(a, Article)]
    docs = [AnalyzedArticle(a, analyze_article(a)) for a in articles]
    quotes = match_quotes(docs, _by_surname(docs))
    spans = sorted((r.article_id, r.start, r.end) for q in quotes for r in q.reports)
    assert spans == sorted((d.article.id, q.start, q.end) for d in docs for q in d.analysis.quotes)
    texts = {d.article.id: d.article.text for d in docs}
    for q in quotes:
        for r in q.reports:
            assert texts[r.article_id][r.start : r.end] == r.text


def test_story_quote_kind_is_the_kind_of_its_shown_words() -> None:
    words = "the inspectors had found cracks in two of the main supports"
    a = doc(
        "a",
        'Ruiz said: "The inspectors had found cracks in two of the main supports."',
        [("The inspectors had found cracks in two of the main supports.", "direct", "r")],
    )
    b = doc("b", f"Ruiz said {words} last week.", [(words, "reported", "r")])
    c = doc("c", f"An engineer said {words} last week.", [(words, "reported", None)])
    d = doc("d", 'Ruiz called the supports "badly cracked" on Monday.', [])
    d = doc("d", d.article.text, [("badly cracked", "partial", "r")])
    ents = people(("Marta Ruiz", [("a", "r"), ("b", "r"), ("d", "r")]))
    kinds = {
        frozenset(r.article_id for r in q.reports): q.kind for q in match_quotes([a, b, c, d], ents)
    }
    assert kinds[frozenset({"a", "b"})] == "direct"  # the direct words are shown
    assert kinds[frozenset({"c"})] == "reported"  # a paraphrase alone stays reported
    assert kinds[frozenset({"d"})] == "partial"
