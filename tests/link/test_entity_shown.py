"""What the dossier shows of a story's entities: named entities with their nominal and
pronoun mentions, then the story's days (invented texts)."""

from __future__ import annotations

import re

from corroborate.link.entities import resolve_entities, shown_entities
from corroborate.types import Analysis, AnalyzedArticle, Article, DateRef, LocalEntity, Mention

TEXT_A = "Harbour chief Mara Quill resigned on Monday. She said the port needed new leadership."
TEXT_B = "Mara Quill, the harbour chief, stepped down on Monday after a dispute over wages."


def _doc(aid: str, text: str) -> AnalyzedArticle:
    form = "Mara Quill"
    mentions = tuple(
        Mention(m.start(), m.end(), form, "PERSON", "p") for m in re.finditer(form, text)
    )
    day = text.index("Monday")
    analysis = Analysis(
        article_id=aid,
        entities=(LocalEntity("p", form, "PERSON", (form,), (), mentions),),
        dates=(DateRef("Monday", day, day + 6, "2026-03-02", "day", True),),
    )
    article = Article(id=aid, path=f"{aid}.txt", text=text, published="2026-03-03")
    return AnalyzedArticle(article, analysis)


def test_pronouns_are_shown_and_days_follow_with_story_qualified_ids() -> None:
    docs = [_doc("a", TEXT_A), _doc("b", TEXT_B)]
    entities = resolve_entities(docs)
    named, times = shown_entities(docs, entities, "s7")
    (quill,) = named
    shown = {(m.article_id, m.text) for m in quill.mentions}
    assert ("a", "She") in shown  # the pronoun is linked to the person
    assert {m.text for m in entities[0].mentions} == {"Mara Quill"}  # later stages: names only
    (monday,) = times  # one day, reported by both articles
    assert monday.type == "DATE" and monday.id == "s7-T1"
    assert {m.article_id for m in monday.mentions} == {"a", "b"}
