"""link.nominals: role/generic nominals and pronouns (invented fixture articles)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from corroborate.link.entities import resolve_entities
from corroborate.link.nominals import NominalMention, link_nominals, role_heads_of
from corroborate.types import (
    Analysis,
    AnalyzedArticle,
    Article,
    LocalEntity,
    Mention,
    Quote,
    Role,
)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "link" / "entities_nominals.json"


def _article(d: dict[str, Any]) -> AnalyzedArticle:
    text = d["text"]
    ents = []
    for e in d["entities"]:
        mentions = tuple(
            Mention(m.start(), m.end(), m.group(), e["type"], e["id"])
            for form in e["forms"]
            for m in re.finditer(re.escape(form) + r"\b", text)
        )
        roles = tuple(Role(r, text.index(r), text.index(r) + len(r)) for r in e["roles"])
        ents.append(LocalEntity(e["id"], e["name"], e["type"], tuple(e["forms"]), roles, mentions))
    art = Article(id=d["id"], path=f"fixture:{d['id']}", text=text)
    return AnalyzedArticle(art, Analysis(article_id=d["id"], entities=tuple(ents)))


@pytest.fixture(scope="module")
def articles() -> dict[str, AnalyzedArticle]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return {d["id"]: _article(d) for d in data["articles"]}


def _links(a: AnalyzedArticle) -> list[tuple[str, str, str]]:
    return [(m.text, m.entity_id, m.kind) for m in link_nominals(a.article.text, a.analysis)]


def test_role_nominal_links_the_one_person_with_that_role(
    articles: dict[str, AnalyzedArticle],
) -> None:
    links = _links(articles["n1"])
    assert ("The 41-year-old actress", "e0", "role") in links
    assert ("the actress", "e0", "role") in links


def test_pronouns_follow_subject_and_gender(articles: dict[str, AnalyzedArticle]) -> None:
    links = _links(articles["n1"])
    # "she" in the actress's sentence -> the actress; "He" after "Her agent Tomas Brill"
    assert ("she", "e0", "pronoun") in links
    assert ("He", "e2", "pronoun") in links
    # "Her agent": the previous sentence's subject is the (female) actress
    assert ("Her", "e0", "pronoun") in links


def test_generic_nominal_links_nearby_entity_of_compatible_type(
    articles: dict[str, AnalyzedArticle],
) -> None:
    links = _links(articles["n2"])
    assert ("The company", "e0", "generic") in links
    assert ("She", "e1", "pronoun") in links
    # "the firm" is 2 sentences after Dravo Motors, the only ORG nearby
    assert ("the firm", "e0", "generic") in links
    # "The city of Halbrook": the head is followed by the name itself -> it links Halbrook
    assert all(text != "the plant" for text, _, _ in links)  # no FAC/ORG nearby


def test_ambiguous_role_is_not_linked(articles: dict[str, AnalyzedArticle]) -> None:
    links = _links(articles["n3"])
    assert all(kind != "role" for _, _, kind in links)
    assert ("his", "e0", "pronoun") in links


def test_two_candidate_organisations_leave_generic_nominal_unlinked(
    articles: dict[str, AnalyzedArticle],
) -> None:
    assert _links(articles["n4"]) == []


def test_story_roles_link_a_role_given_in_another_article(
    articles: dict[str, AnalyzedArticle],
) -> None:
    a = articles["n5"]
    assert _links(a) == []
    links = link_nominals(a.article.text, a.analysis, story_roles={"actress": "e0"})
    assert [(m.text, m.entity_id) for m in links] == [("The actress", "e0")]


def test_resolve_entities_with_nominals(articles: dict[str, AnalyzedArticle]) -> None:
    docs = [articles["n1"], articles["n5"]]
    plain = resolve_entities(docs)
    with_nominals = resolve_entities(docs, nominals=True)
    assert [(e.id, e.name, e.type) for e in plain] == [
        (e.id, e.name, e.type) for e in with_nominals
    ]
    mara = next(e for e in with_nominals if e.name == "Mara Velkova")
    texts = [(m.article_id, m.text) for m in mara.mentions]
    # the role "Actress" comes from n1 only; n5's "The actress" links through the story
    assert ("n5", "The actress") in texts
    assert ("n1", "she") in texts
    starts = [(m.article_id != "n1", m.start) for m in mara.mentions]
    assert starts == sorted(starts)
    plain_mara = next(e for e in plain if e.name == "Mara Velkova")
    assert len(plain_mara.mentions) < len(mara.mentions)


def test_role_heads_of() -> None:
    assert role_heads_of("actress's rep") == ("rep",)
    assert role_heads_of("Russian Foreign Minister") == ("minister",)
    assert role_heads_of("") == ()


def test_no_entities_no_links() -> None:
    assert link_nominals("She said the company grew.", Analysis(article_id="x")) == ()
    assert NominalMention(0, 3, "She", "e0", "pronoun", "she").kind == "pronoun"


def test_first_person_pronouns_in_a_quote_are_its_speakers() -> None:
    text = (
        'Mara Quill said the deal was done. "I signed it myself, and my team agrees," '
        'Quill said. Her rival disagreed: "I will appeal," said a spokesman. '
        "Quill said I was wrong to doubt her."
    )
    quill = LocalEntity(
        "e0",
        "Mara Quill",
        "PERSON",
        ("Mara Quill", "Quill"),
        (),
        tuple(
            Mention(m.start(), m.end(), m.group(), "PERSON", "e0")
            for m in re.finditer(r"Mara Quill|Quill(?= said)", text)
        ),
    )
    first = text.index('"I signed') + 1
    second = text.index('"I will') + 1
    quotes = (
        Quote(text[first : text.index(',"')], first, text.index(',"'), "direct", "e0", "Quill"),
        # the same words again as a partial quote: each pronoun once
        Quote(text[first : text.index(',"')], first, text.index(',"'), "partial", "e0", "Quill"),
        # a quote nobody named stays unlinked
        Quote("I will appeal", second, second + 13, "direct", None, "a spokesman"),
        # reported speech is not the speaker's own words
        Quote(
            "I was wrong", text.index("I was"), text.index("I was") + 11, "reported", "e0", "Quill"
        ),
    )
    analysis = Analysis(article_id="q1", entities=(quill,), quotes=quotes)
    mine = [
        (m.text, m.start) for m in link_nominals(text, analysis) if m.head in {"i", "my", "myself"}
    ]
    assert mine == [("I", first), ("myself", text.index("myself")), ("my", text.index("my team"))]
