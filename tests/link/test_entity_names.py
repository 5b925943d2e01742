"""Name rules added for cross-document coreference (invented names)."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.link.aliases import name_key
from corroborate.link.entities import persons_compatible, resolve_entities
from corroborate.types import (
    Analysis,
    AnalyzedArticle,
    Article,
    LocalEntity,
    Mention,
    StoryEntity,
)


def _ent(eid: str, typ: str, *surfaces: str) -> LocalEntity:
    mentions = tuple(Mention(i * 10, i * 10 + len(s), s, typ, eid) for i, s in enumerate(surfaces))
    distinct = tuple(dict.fromkeys(surfaces))
    name = max(distinct, key=lambda s: (len(s.split()), len(s)))
    return LocalEntity(eid, name, typ, distinct, (), mentions)


def _doc(aid: str, *ents: LocalEntity) -> AnalyzedArticle:
    art = Article(id=aid, path=f"{aid}.txt", text="x" * 200)
    return AnalyzedArticle(art, Analysis(article_id=aid, entities=ents))


def _owner(entities: Sequence[StoryEntity], aid: str, local: str) -> str:
    hits = [e.id for e in entities if (aid, local) in e.local_ids]
    assert len(hits) == 1
    return hits[0]


def test_middle_name_as_first_name() -> None:
    assert persons_compatible(("arno", "teodor", "vasquel"), ("teodor", "vasquel"))
    assert persons_compatible(("hire", "teodor", "vasquel"), ("teodor", "vasquel"))
    # a different first name that is not the middle name: two people
    assert not persons_compatible(("arno", "teodor", "vasquel"), ("linus", "vasquel"))
    # an initial is not enough to go by a middle name
    assert not persons_compatible(("arno", "teodor", "vasquel"), ("t", "vasquel"))


def test_middle_name_lets_the_bare_surname_attach() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", "Arno Teodor Vasquel")),
        _doc("b", _ent("e0", "PERSON", "Teodor Vasquel")),
        _doc("c", _ent("e0", "PERSON", "Vasquel")),
    ]
    ents = resolve_entities(docs)
    assert len({_owner(ents, a, "e0") for a in "abc"}) == 1


def test_two_people_sharing_a_surname_are_never_merged() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", "Nadia Orlek")),
        _doc("b", _ent("e0", "PERSON", "Pieter Orlek")),
        _doc("c", _ent("e0", "PERSON", "Orlek")),
    ]
    ents = resolve_entities(docs)
    owners = {_owner(ents, a, "e0") for a in "abc"}
    assert len(owners) == 3  # the bare surname is ambiguous: its own entity


def test_bare_first_name_joins_the_one_person_going_by_it() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", "Marisol Quentey", "Quentey")),
        _doc("b", _ent("e0", "PERSON", "Marisol")),
    ]
    ents = resolve_entities(docs)
    assert _owner(ents, "a", "e0") == _owner(ents, "b", "e0")


def test_bare_first_name_shared_by_two_people_stays_apart() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", "Marisol Quentey"), _ent("e1", "PERSON", "Marisol Dravik")),
        _doc("b", _ent("e0", "PERSON", "Marisol")),
    ]
    ents = resolve_entities(docs)
    owners = {_owner(ents, "a", "e0"), _owner(ents, "a", "e1"), _owner(ents, "b", "e0")}
    assert len(owners) == 3


def test_bare_first_name_of_an_organisation_is_not_a_person() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", "Marisol Quentey")),
        _doc("b", _ent("e0", "ORG", "Marisol")),
    ]
    ents = resolve_entities(docs)
    assert _owner(ents, "a", "e0") != _owner(ents, "b", "e0")


def test_british_and_american_spellings_share_a_key() -> None:
    assert name_key("the Harlow Treatment Centre") == name_key("Harlow Treatment Center")
    docs = [
        _doc("a", _ent("e0", "FAC", "Harlow Treatment Centre")),
        _doc("b", _ent("e0", "FAC", "Harlow Treatment Center")),
    ]
    assert len(resolve_entities(docs)) == 1


def test_a_quoted_nickname_inside_a_name_is_left_out_of_the_comparison() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", 'Dario "The Owl" Venteri')),
        _doc("b", _ent("e0", "PERSON", "Dario 'Owl' Venteri")),
        _doc("c", _ent("e0", "PERSON", "Dario Venteri")),
        _doc("d", _ent("e0", "PERSON", "Venteri", "Venteri")),
    ]
    ents = resolve_entities(docs)
    assert len({_owner(ents, a, "e0") for a in "abcd"}) == 1
    # an apostrophe inside a word is no quote
    docs = [
        _doc("a", _ent("e0", "PERSON", "Siobhan O'Rourke")),
        _doc("b", _ent("e0", "PERSON", "Siobhan Rourke")),
    ]
    ents = resolve_entities(docs)
    assert _owner(ents, "a", "e0") != _owner(ents, "b", "e0")


def test_a_glued_headline_form_does_not_key_a_local_entity_named_otherwise() -> None:
    # the analysis joined "Brevik Reverses Oduya" to the article's "Oduya" by its last
    # word; its first word, a surname of the story, must not pull Brevik in too
    docs = [
        _doc("a", _ent("e0", "PERSON", "Ilan Brevik"), _ent("e1", "PERSON", "Tomas Oduya")),
        _doc(
            "b",
            _ent("e0", "PERSON", "Brevik Reverses Oduya", "Oduya", "Oduya"),
            _ent("e1", "PERSON", "Brevik", "Brevik"),
        ),
    ]
    ents = resolve_entities(docs)
    assert _owner(ents, "b", "e0") == _owner(ents, "a", "e1")  # Oduya
    assert _owner(ents, "b", "e1") == _owner(ents, "a", "e0")  # Brevik
    assert _owner(ents, "a", "e0") != _owner(ents, "a", "e1")


def test_a_full_name_person_is_not_typed_as_a_nationality() -> None:
    docs = [
        _doc("a", _ent("e0", "PERSON", "Wladek Kovalenko")),
        _doc("b", _ent("e0", "NORP", *["Kovalenko"] * 9)),
        _doc("c", _ent("e0", "NORP", "Ruthenian", "Ruthenian")),
    ]
    ents = resolve_entities(docs)
    assert _owner(ents, "a", "e0") == _owner(ents, "b", "e0")
    types = {e.id: e.type for e in ents}
    assert types[_owner(ents, "a", "e0")] == "PERSON"
    assert types[_owner(ents, "c", "e0")] == "NORP"


def test_a_nickname_and_the_formal_given_name_are_one_person() -> None:
    assert persons_compatible(("katie", "jenwold"), ("kathryn", "jenwold"))
    assert persons_compatible(("bob", "aldane"), ("robert", "aldane"))
    assert not persons_compatible(("katie", "jenwold"), ("margaret", "jenwold"))
    docs = [
        _doc("a", _ent("e0", "PERSON", "Kathryn Jenwold")),
        _doc("b", _ent("e0", "PERSON", "Katie Jenwold")),
        _doc("c", _ent("e0", "PERSON", "Alice Jenwold")),
    ]
    ents = resolve_entities(docs)
    assert _owner(ents, "a", "e0") == _owner(ents, "b", "e0") != _owner(ents, "c", "e0")
