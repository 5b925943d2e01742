"""Headline glue, untagged short names, dominant surnames, company suffixes and the
registry's choice between entries of one name (invented names and texts)."""

from __future__ import annotations

from corroborate.link.aliases import company_key
from corroborate.link.entities import EntityRegistry, resolve_entities, shown_entities
from corroborate.types import Analysis, AnalyzedArticle, Article, LocalEntity, Mention
from tests.link.test_entity_names import _ent, _owner


def _doc(aid: str, *ents: LocalEntity, text: str = "x" * 200) -> AnalyzedArticle:
    art = Article(id=aid, path=f"{aid}.txt", text=text)
    return AnalyzedArticle(art, Analysis(article_id=aid, entities=ents))


def _person(name: str, start: int) -> LocalEntity:
    """A one-mention PERSON local entity at ``start``."""
    mention = Mention(start, start + len(name), name, "PERSON", "e0")
    return LocalEntity("e0", name, "PERSON", (name,), (), (mention,))


def test_a_name_glued_to_a_headline_verb_is_the_name() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", "Dana Whitlow")),
        _doc("b", _ent("e0", "PERSON", "Dana Whitlow Signs With Rovers")),
        _doc("c", _ent("e0", "ORG", "Whitlow Returns")),
        _doc("d", _ent("e0", "PERSON", "Dana Whitlow Quits")),
    ]
    ents = resolve_entities(docs)
    assert len({_owner(ents, a, "e0") for a in "abcd"}) == 1
    assert ents[0].name == "Dana Whitlow"


def test_an_institution_named_after_a_person_stays_apart() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", "Dana Whitlow")),
        _doc("b", _ent("e0", "ORG", "Dana Whitlow Foundation")),
        _doc("c", _ent("e0", "ORG", "Whitlow Post")),
    ]
    ents = resolve_entities(docs)
    assert len({_owner(ents, a, "e0") for a in "abc"}) == 3


def test_a_two_word_person_starting_with_a_surname_is_not_unglued() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", "Mira Talbot")),
        _doc("b", _ent("e0", "PERSON", "Talbot Reyes")),
    ]
    ents = resolve_entities(docs)
    assert _owner(ents, "a", "e0") != _owner(ents, "b", "e0")


def test_untagged_surname_is_shown_as_a_mention() -> None:
    text_a = "Coach Ilse Vantongeren resigned on Monday after the loss."
    text_b = "Vantongeren Quits After Defeat\nThe coach left the club."
    docs = [_doc("a", _person("Ilse Vantongeren", 6), text=text_a), _doc("b", text=text_b)]
    ents = resolve_entities(docs)
    named, _ = shown_entities(docs, ents, "s1")
    person = next(e for e in named if e.name == "Ilse Vantongeren")
    hits = [(m.article_id, m.text) for m in person.mentions]
    assert ("b", "Vantongeren") in hits


def test_untagged_word_also_used_in_lower_case_is_not_a_mention() -> None:
    text_a = "Striker Owen Hope scored twice."
    text_b = "Hope Lifts Rovers\nFans had little hope before the match."
    docs = [_doc("a", _person("Owen Hope", 8), text=text_a), _doc("b", text=text_b)]
    named, _ = shown_entities(docs, resolve_entities(docs), "s1")
    assert all(m.article_id == "a" for e in named for m in e.mentions)


def test_a_bare_surname_joins_the_person_most_articles_name() -> None:
    docs = [_doc(f"p{k}", _ent("e0", "PERSON", "Corin Maddox")) for k in range(4)]
    docs += [
        _doc("q", _ent("e0", "PERSON", "Ada Maddox")),
        _doc("r", _ent("e0", "PERSON", "Maddox")),
    ]
    ents = resolve_entities(docs)
    assert _owner(ents, "r", "e0") == _owner(ents, "p0", "e0")
    assert _owner(ents, "q", "e0") != _owner(ents, "p0", "e0")


def test_company_suffix_is_folded() -> None:
    assert company_key("vexor inc") == "vexor"
    assert company_key("orland motors corporation") == "orland motors"
    assert company_key("company") == "company"
    docs = [
        _doc("a", _ent("e0", "ORG", "Vexor Inc.")),
        _doc("b", _ent("e0", "ORG", "Vexor")),
    ]
    ents = resolve_entities(docs)
    assert _owner(ents, "a", "e0") == _owner(ents, "b", "e0")
    # an acronym-free one-word company without a suffix stays the key itself
    assert company_key("vexor") == "vexor"


def test_registry_takes_the_entry_most_stories_took() -> None:
    # two entries of one name (split by an earlier story): a new story takes the one
    # more stories took, instead of a fresh id
    entry = {"name": "Kessland", "type": "GPE", "keys": ["kessland"], "full_names": []}
    state = {
        "version": 1,
        "prefix": "E",
        "next": 3,
        "entries": [
            {**entry, "id": "E1", "initials": [], "stories": 1},
            {**entry, "id": "E2", "initials": [], "stories": 4},
        ],
    }
    reg = EntityRegistry.from_state(state)
    ents = resolve_entities([_doc("a", _ent("e0", "GPE", "Kessland"))], reg)
    assert ents[0].id == "E2"
    assert len(reg) == 2
    # a state without counts (older stores) still loads; ties go to the older id
    for row in state["entries"]:
        del row["stories"]
    reg = EntityRegistry.from_state(state)
    assert resolve_entities([_doc("a", _ent("e0", "GPE", "Kessland"))], reg)[0].id == "E1"
    again = EntityRegistry.from_state(reg.to_state())
    assert resolve_entities([_doc("b", _ent("e0", "GPE", "Kessland"))], again)[0].id == "E1"
