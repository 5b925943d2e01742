"""Untagged multi-word names and one-word names shared by several entities, shown as
display mentions (rules 10 and 12; invented names and texts)."""

from __future__ import annotations

from corroborate.link.entities import resolve_entities, shown_entities
from corroborate.link.entity_spans import long_hits
from corroborate.types import Analysis, AnalyzedArticle, Article, LocalEntity, Mention


def _doc(aid: str, text: str, *ents: LocalEntity) -> AnalyzedArticle:
    art = Article(id=aid, path=f"{aid}.txt", text=text)
    return AnalyzedArticle(art, Analysis(article_id=aid, entities=ents))


def _local(text: str, name: str, typ: str, eid: str = "e0") -> LocalEntity:
    """A local entity with one mention at the first occurrence of ``name`` in ``text``."""
    start = text.index(name)
    mention = Mention(start, start + len(name), name, typ, eid)
    return LocalEntity(eid, name, typ, (name,), (), (mention,))


def _shown(docs: list[AnalyzedArticle], name: str) -> list[tuple[str, str]]:
    named, _ = shown_entities(docs, resolve_entities(docs), "s1")
    entity = next(e for e in named if e.name == name)
    return [(m.article_id, m.text) for m in entity.mentions]


def test_long_hits_take_the_longest_run_without_the_and_full_stop() -> None:
    text = "They fixed The Orbis Browser. Orbis Browser Lite is older."
    keys = {"orbis browser": 0, "orbis browser lite": 1}
    hits = [(k, text[a:b]) for k, a, b in long_hits(text, keys, [])]
    assert hits == [(0, "Orbis Browser"), (1, "Orbis Browser Lite")]
    # a span a mention already covers is left alone
    start = text.index("Orbis Browser Lite")
    assert [k for k, _, _ in long_hits(text, keys, [(start, start + 5)])] == [0]


def test_an_abbreviation_keeps_its_dot() -> None:
    text = "Shares of Vexor Inc. rose."
    ((_, a, b),) = long_hits(text, {"vexor inc": 0}, [])
    assert text[a:b] == "Vexor Inc."


def test_untagged_multi_word_name_is_shown_as_a_mention() -> None:
    text_a = "A flaw in Orbis Browser lets attackers in, Quellsoft said."
    text_b = "Quellsoft Patches Orbis Browser\nThe update reaches Orbis Browser users today."
    docs = [
        _doc("a", text_a, _local(text_a, "Orbis Browser", "ORG")),
        _doc("b", text_b, _local(text_b, "Quellsoft", "ORG")),
    ]
    hits = _shown(docs, "Orbis Browser")
    assert hits.count(("b", "Orbis Browser")) == 2
    assert ("b", "Quellsoft") not in hits


def test_a_surname_of_several_goes_to_the_entity_called_by_it() -> None:
    text_a = "Tobin Marsh and his sister Ena Marsh spoke. Marsh later left."
    text_b = "Marsh Speaks Out\nThe family met reporters."
    marsh = LocalEntity(
        "e2", "Marsh", "PERSON", ("Marsh",), (), (Mention(44, 49, "Marsh", "PERSON", "e2"),)
    )
    docs = [
        _doc(
            "a",
            text_a,
            _local(text_a, "Tobin Marsh", "PERSON"),
            _local(text_a, "Ena Marsh", "PERSON", "e1"),
            marsh,
        ),
        _doc("b", text_b),
    ]
    assert ("b", "Marsh") in _shown(docs, "Marsh")


def test_a_social_media_handle_of_a_story_entity_is_its_mention() -> None:
    text_a = "The Harbour Council confirmed the closure. The Academy said nothing."
    text_b = 'She wrote: "Thanks @HarbourCouncil and @TheAcademy, see you @Dockside!"'
    docs = [
        _doc(
            "a",
            text_a,
            _local(text_a, "Harbour Council", "ORG"),
            _local(text_a, "Academy", "ORG", "e1"),
        ),
        _doc("b", text_b),
    ]
    assert ("b", "@HarbourCouncil") in _shown(docs, "Harbour Council")
    assert ("b", "@TheAcademy") in _shown(docs, "Academy")
    # a handle no entity is called by, and an e-mail address, stay unlinked
    docs[1] = _doc("b", "Write to press@HarbourCouncil.org or @Dockside.")
    assert all(a == "a" for a, _ in _shown(docs, "Harbour Council"))
