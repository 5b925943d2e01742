"""The per-article stage: one parse, every extractor, spans that point into the text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corroborate.analyze import pipeline
from corroborate.types import Analysis, Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "analyze"


def _article(name: str, **kwargs: Any) -> Article:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    fields: dict[str, Any] = {"published": "2024-03-11", "published_source": "metadata"}
    fields.update(kwargs)
    return Article(id=name, path=str(FIXTURES / name), text=text, **fields)


def _assert_spans(text: str, analysis: Analysis) -> None:
    spans: list[tuple[int, int, str | None]] = [(s, e, None) for s, e in analysis.sentences]
    for ent in analysis.entities:
        spans += [(m.start, m.end, m.text) for m in ent.mentions]
        spans += [(r.start, r.end, r.text) for r in ent.roles]
    for q in analysis.quotes:
        spans.append((q.start, q.end, None))
        if q.speaker_start is not None and q.speaker_end is not None:
            spans.append((q.speaker_start, q.speaker_end, q.speaker_text))
    spans += [(f.start, f.end, f.text) for f in analysis.figures]
    spans += [(d.start, d.end, d.expression) for d in analysis.dates]
    for ev in analysis.events:
        spans.append((ev.trigger.start, ev.trigger.end, ev.trigger.text))
        if ev.sentence is not None:
            spans.append((ev.sentence.start, ev.sentence.end, ev.sentence.text))
    for start, end, value in spans:
        assert 0 <= start < end <= len(text), (start, end, value)
        if value is not None:
            assert text[start:end] == value


@pytest.mark.parametrize(
    "name", ["events_arrest.txt", "events_expulsion.txt", "events_protest_call.txt"]
)
def test_analyze_article_spans_point_into_text(name: str) -> None:
    article = _article(name)
    analysis = pipeline.analyze_article(article)
    assert isinstance(analysis, Analysis)
    assert analysis.article_id == name
    assert analysis.sentences and analysis.events
    assert analysis.notes == ()
    _assert_spans(article.text, analysis)
    # headlines are their own sentences (line-break splitter)
    first_line = article.text.split("\n", 1)[0]
    assert analysis.sentences[0] == (0, len(first_line))


def test_notes_and_anchor(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str | None, bool]] = []

    def fake_dates(doc: Any, published: str | None, anchor_inferred: bool = False) -> tuple[()]:
        seen.append((published, anchor_inferred))
        return ()

    monkeypatch.setattr(pipeline.dates, "extract_dates", fake_dates)
    inferred = pipeline.analyze_article(_article("events_arrest.txt", published_source="inferred"))
    assert inferred.notes == (pipeline.NOTE_INFERRED,)
    missing = pipeline.analyze_article(_article("events_arrest.txt", published=None))
    assert missing.notes == (pipeline.NOTE_NO_DATE,)
    assert seen == [("2024-03-11", True), (None, False)]


@pytest.mark.parametrize("n_process", [1, 2])
def test_analyze_articles_matches_single(n_process: int) -> None:
    articles = [
        _article(n)
        for n in ("events_arrest.txt", "events_expulsion.txt", "events_protest_call.txt")
    ]
    batch = list(pipeline.analyze_articles(articles, n_process=n_process, batch_size=2))
    assert [a.article_id for a in batch] == [a.id for a in articles]
    assert batch == [pipeline.analyze_article(a) for a in articles]


def test_bad_batch_size() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        list(pipeline.analyze_articles([], batch_size=0))


def test_seed_articles(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        article = Article(id=path.stem, path=str(path), text=text, published="2021-02-09")
        analysis = pipeline.analyze_article(article)
        _assert_spans(text, analysis)
        assert {"arrest", "protest"} <= {e.type for e in analysis.events}


def test_other_languages_are_not_analysed_and_keep_their_place() -> None:
    english = (FIXTURES / "entities_summit.txt").read_text(encoding="utf-8")
    portuguese = (
        "Greve no porto entra no terceiro dia.\n\n"
        "A polícia deteve mais de duzentos estivadores na segunda-feira, disse o sindicato. "
        "O ministro dos Transportes afirmou que a greve é ilegal."
    )
    docs = [
        Article(id="en1", path="en1.txt", text=english, language="en"),
        Article(id="pt1", path="pt1.txt", text=portuguese, language="pt"),
        Article(id="xx1", path="xx1.txt", text=english, language=None),
    ]
    out = list(pipeline.analyze_articles(docs))
    assert [a.article_id for a in out] == ["en1", "pt1", "xx1"]
    assert out[0].entities and out[2].entities  # unknown language: analysed
    skipped = out[1]
    assert not (skipped.sentences or skipped.entities or skipped.figures or skipped.quotes)
    assert skipped.notes == (f"{pipeline.NOTE_LANGUAGE} 'pt'",)
    assert pipeline.analyze_article(docs[1]) == skipped


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("A porter was shot there in 2011.Neighbours heard a car.", ("2011", ".", "Neighbours")),
        ('"We are safe."Last year, a man was killed.', ("safe", ".", '"', "Last")),
        ('She asked, "Why here?""Last year, a man was killed.', ("?", '"', '"', "Last")),
    ],
)
def test_glued_sentences_are_split(text: str, pieces: tuple[str, ...]) -> None:
    # extracted pages lose the space between sentences; the default infixes split
    # "life.Last" but not after a digit, nor a quote after a period
    doc = pipeline.analysis_nlp()(text)
    words = [t.text for t in doc]
    k = words.index(pieces[0])
    assert tuple(words[k : k + len(pieces)]) == pieces
    if "?" not in text:  # the parser keeps a question and its glued sentence together
        assert len(list(doc.sents)) == 2
    # what a wrong split would break stays whole
    kept = [t.text for t in pipeline.analysis_nlp()("It cost $2.5M, a No.1 seller in the U.S.A.")]
    assert {"2.5", "No.1", "U.S.A."} <= set(kept)


def test_a_rank_or_a_street_abbreviation_does_not_end_the_sentence() -> None:
    # "Sgt." was "Sgt" + ".", a sentence ended there and the quote lost its speaker
    text = (
        "Police said a 4-year-old boy shot himself in the thigh on Tuesday.\n\n"
        '"The mother then drove him to the hospital," said Sgt. Tomas Verhoek. '
        "Ridgeford police Cpl. Anna Lisowska said another child was in the house. "
        "He lives on Cezanne Dr. The house was searched. Officers were called to 2110 "
        "Madison Ave. about 3:30 p.m. on Monday. It began at a gas station on Airline Hwy. "
        "Two officers were killed."
    )
    article = Article(id="r1", path="r1.txt", text=text, title="Boy shoots himself")
    analysis = pipeline.analyze_article(article)
    sentences = [text[s:e] for s, e in analysis.sentences]
    assert sentences[1].endswith("said Sgt. Tomas Verhoek.")
    assert sentences[2].startswith("Ridgeford police Cpl. Anna Lisowska said")
    # a street suffix ends one where the next word opens a sentence, not before "about"
    assert sentences[3:] == [
        "He lives on Cezanne Dr.",
        "The house was searched.",
        "Officers were called to 2110 Madison Ave. about 3:30 p.m. on Monday.",
        "It began at a gas station on Airline Hwy.",
        "Two officers were killed.",
    ]
    direct = next(q for q in analysis.quotes if q.kind == "direct")
    assert direct.speaker_text == "Sgt. Tomas Verhoek" and direct.speaker_id is not None


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Okafor won 55 percent of the vote and Lindqvist 45 percent.", "45 percent"),
        ("Okafor won 52 per cent and Lindqvist 47 per cent.", "47 per cent"),
        ("Haas polled 61 percent, Moreau 39 percent.", "39 percent"),
    ],
)
def test_a_share_glued_onto_a_name_is_a_percentage_of_its_own(text: str, share: str) -> None:
    """The small model reads "Lindqvist 45 percent" as one ORG (or one PERCENT) when the
    verb is gapped."""
    ents = {(e.text, e.label_) for e in pipeline.analysis_nlp()(text).ents}
    assert (share, "PERCENT") in ents
    assert not [e for e, _ in ents if share in e and e != share]


def test_glued_shares_leave_names_and_percentages_alone() -> None:
    doc = pipeline.analysis_nlp()("Route 66 reopened, and 40 percent of the road is paved.")
    assert ("40 percent", "PERCENT") in {(e.text, e.label_) for e in doc.ents}
