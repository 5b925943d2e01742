"""Unnamed participants: common-noun phrases read off the parse and grouped across a story
(invented articles)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from corroborate.analyze import pipeline
from corroborate.analyze.noun_phrases import extract_noun_phrases, is_word
from corroborate.analyze.pipeline import analysis_nlp, analyze_article
from corroborate.compare.story import build_story, with_noun_phrases
from corroborate.link import participants
from corroborate.link.unnamed import TOPIC_TYPE, UNNAMED_TYPE, resolve_unnamed
from corroborate.types import (
    Analysis,
    AnalyzedArticle,
    Article,
    Event,
    Evidence,
    Span,
    StoryEntity,
)


def _phrases(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], lemma) for s, e, _, _, lemma in extract_noun_phrases(analysis_nlp()(text))]


def test_phrases_are_common_nouns_with_their_left_words() -> None:
    found = _phrases("The 22-year-old gunman fled as police officers reached the scene.")
    assert ("The 22-year-old gunman", "gunman") in found
    assert ("police officers", "officer") in found  # "police" modifies: not a phrase of its own
    assert ("the scene", "scene") in found
    assert all(lemma != "police" for _, lemma in found)


def test_a_model_number_is_a_head_a_number_is_not() -> None:
    assert is_word("gunman") and is_word("a380")
    assert not is_word("787") and not is_word("%") and not is_word("x-ray")


def test_a_name_before_the_noun_starts_the_phrase_after_it() -> None:
    found = dict(_phrases("Reporters waited outside Apple's new store in Toronto."))
    assert "new store" in found  # not "Apple's new store": a name is not part of the thing
    assert all("Toronto" not in p and "Apple" not in p for p in found)


def _doc(aid: str, text: str, rows: list[tuple[str, str]], **kw: object) -> AnalyzedArticle:
    """An article whose noun phrases are the given (phrase, lemma) pairs, found in order."""
    out, at = [], 0
    for phrase, lemma in rows:
        s = text.index(phrase, at)
        at = s + len(phrase)
        head = text.rindex(phrase.split()[-1], s, at)
        out.append((s, at, head, at, lemma))
    art = Article(id=aid, path=f"fixture:{aid}", text=text)
    return AnalyzedArticle(art, Analysis(article_id=aid, noun_phrases=tuple(out), **kw))  # type: ignore[arg-type]


A = "The gunman fled on foot. Police said the gunman wore a red jacket."
B = "A lone gunman opened fire at the depot, police said."


def _story() -> list[AnalyzedArticle]:
    return [
        _doc("a", A, [("The gunman", "gunman"), ("Police", "police"), ("the gunman", "gunman"),
                      ("a red jacket", "jacket")]),
        _doc("b", B, [("A lone gunman", "gunman"), ("the depot", "depot"), ("police", "police")]),
    ]  # fmt: skip


def test_one_participant_per_head_across_the_story() -> None:
    named, unnamed = resolve_unnamed(_story(), [], [], "s7")
    assert named == ()
    by_name = {e.name: e for e in unnamed}
    assert set(by_name) == {"gunman", "police"}  # jacket, depot: one phrase each
    gunman = by_name["gunman"]
    assert gunman.type == UNNAMED_TYPE and gunman.id == "s7-U1"  # first mentioned first
    assert [(m.article_id, m.text) for m in gunman.mentions] == [
        ("a", "The gunman"),
        ("a", "the gunman"),
        ("b", "A lone gunman"),
    ]
    assert gunman.aliases == ("the gunman", "a lone gunman")
    assert {m.article_id for m in by_name["police"].mentions} == {"a", "b"}


def test_a_phrase_an_entity_mention_covers_is_left_to_it() -> None:
    start = A.index("the gunman")
    pronoun = StoryEntity("p1", "Tom Reed", "PERSON", mentions=(Evidence("a", start, start + 10),))
    _, unnamed = resolve_unnamed(_story(), [pronoun], [], "s7")
    gunman = next(e for e in unnamed if e.name == "gunman")
    assert [m.text for m in gunman.mentions] == ["The gunman", "A lone gunman"]


def test_times_and_measures_are_not_participants() -> None:
    text = "The night was cold. Another night passed, a mile from the last mile marker."
    rows = [("The night", "night"), ("Another night", "night"), ("a mile", "mile"),
            ("the last mile marker", "marker")]  # fmt: skip
    _, unnamed = resolve_unnamed([_doc("a", text, rows)], [], [], "s1")
    assert unnamed == ()


def test_an_event_trigger_is_a_happening_not_a_participant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # every noun a participant for the model, so that the trigger alone decides here
    monkeypatch.setattr(participants, "_DECIDED", {})
    monkeypatch.setattr(participants, "MIN_PARTICIPANT", 0.0)
    text = "The strike closed the port. Dockers said the strike would go on at the port."
    rows = [("The strike", "strike"), ("the port", "port"), ("the strike", "strike"),
            ("the port", "port")]  # fmt: skip
    doc = _doc("a", text, rows)
    _, unnamed = resolve_unnamed([doc], [], [], "s1")
    assert [e.name for e in unnamed] == ["strike", "port"]
    at = [text.index("The strike"), text.index("the strike")]
    events = tuple(Event("strike", Span(s + 4, s + 10, "strike")) for s in at)
    doc = replace(doc, analysis=replace(doc.analysis, events=events))
    _, unnamed = resolve_unnamed([doc], [], [], "s1")
    assert [e.name for e in unnamed] == ["port"]


def test_a_generic_head_joins_the_one_dominant_entity_of_its_type() -> None:
    text = "Harlow Motors said the company would recall cars. The company's shares fell."
    rows = [("the company", "company"), ("cars", "car"), ("The company", "company"),
            ("shares", "share")]  # fmt: skip
    doc = _doc("a", text, rows)
    firm = StoryEntity("e1", "Harlow Motors", "ORG", mentions=(Evidence("a", 0, 13),))
    named, unnamed = resolve_unnamed([doc], [firm], [], "s1")
    assert [m.start for m in named[0].mentions] == [
        0,
        text.index("the company"),
        text.index("The company"),
    ]
    assert unnamed == ()
    # Two companies of like weight: the company stays an unnamed participant.
    rival = StoryEntity("e2", "Orrin Cars", "ORG", mentions=(Evidence("a", 0, 1),))
    named, unnamed = resolve_unnamed([doc], [firm, rival], [], "s1")
    assert named == (firm, rival)
    assert [e.name for e in unnamed] == ["company"]


def test_an_analysis_stored_without_phrases_is_read_again_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    art = Article(id="a-once", path="fixture:a", text=A)
    fresh = analyze_article(art)
    assert fresh.noun_phrases  # the analysis reads them
    old = AnalyzedArticle(art, replace(fresh, noun_phrases=None))
    assert with_noun_phrases([old])[0].analysis.noun_phrases == fresh.noun_phrases

    def no_parse() -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(pipeline, "analysis_nlp", no_parse)  # the story's next rebuild
    assert with_noun_phrases([old])[0].analysis.noun_phrases == fresh.noun_phrases


def test_a_story_shows_its_unnamed_participants_after_the_named() -> None:
    docs = [
        AnalyzedArticle(a, analyze_article(a))
        for a in (
            Article(id="a", path="fixture:a", text=A),
            Article(id="b", path="fixture:b", text=B),
        )
    ]
    story = build_story("s2", docs)
    types = [e.type for e in story.entities]
    assert UNNAMED_TYPE in types
    assert types[types.index(UNNAMED_TYPE) :] == [UNNAMED_TYPE] * types.count(UNNAMED_TYPE)
    gunman = next(e for e in story.entities if e.name == "gunman")
    assert {m.article_id for m in gunman.mentions} == {"a", "b"}
    assert gunman.id.startswith("s2-U")


C = "The decision came late. Officers said the decision was final and the witness agreed."
D = "Police defended the decision; a witness described the scene."


def test_a_happening_or_an_abstraction_is_no_participant() -> None:
    docs = [
        _doc("c", C, [("The decision", "decision"), ("the decision", "decision"),
                      ("the witness", "witness")]),
        _doc("d", D, [("the decision", "decision"), ("a witness", "witness"),
                      ("the scene", "scene")]),
    ]  # fmt: skip
    _, unnamed = resolve_unnamed(docs, [], [], "s8")
    # three "decision" phrases: what the reports discuss, not who takes part
    assert [(e.id, e.name, e.type) for e in unnamed] == [
        ("s8-U1", "witness", UNNAMED_TYPE),
        ("s8-D1", "decision", TOPIC_TYPE),
    ]
    assert len(unnamed[1].mentions) == 3
