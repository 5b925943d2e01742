"""Russian names across outlets: inflected mentions never name an entity nor key it."""

from __future__ import annotations

from corroborate.link.aliases import name_key
from corroborate.link.entities import resolve_entities
from corroborate.types import Analysis, AnalyzedArticle, Article, LocalEntity, Mention


def _ru(eid: str, name: str, nominative: str, *surfaces: str) -> LocalEntity:
    """A person as the Russian pipeline gives it: the press spelling as its name, the
    Cyrillic nominative as an alias, the surface forms (any case) in the mentions."""
    mentions = tuple(
        Mention(i * 30, i * 30 + len(s), s, "PERSON", eid) for i, s in enumerate(surfaces)
    )
    return LocalEntity(eid, name, "PERSON", (name, nominative), (), mentions)


def _en(eid: str, *surfaces: str) -> LocalEntity:
    mentions = tuple(
        Mention(i * 30, i * 30 + len(s), s, "PERSON", eid) for i, s in enumerate(surfaces)
    )
    return LocalEntity(eid, surfaces[0], "PERSON", tuple(dict.fromkeys(surfaces)), (), mentions)


def _doc(aid: str, *ents: LocalEntity) -> AnalyzedArticle:
    art = Article(id=aid, path=f"{aid}.txt", text="x" * 300, language=aid[:2])
    return AnalyzedArticle(art, Analysis(article_id=aid, entities=ents))


def test_a_genitive_name_is_never_the_display_name() -> None:
    # two Russian-only outlets: the genitive is the most frequent surface form
    docs = [
        _doc(
            "ru-a",
            _ru("e0", "Gleb Tarasov", "Глеб Тарасов", "Глеба Тарасова", "Глеба Тарасова"),
        ),
        _doc("ru-b", _ru("e0", "Gleb Tarasov", "Глеб Тарасов", "Глеба Тарасова", "Тарасова")),
    ]
    (person,) = resolve_entities(docs)
    assert person.name in ("Gleb Tarasov", "Глеб Тарасов")
    assert "Глеба Тарасова" in person.aliases  # still searchable


def test_inflected_mentions_do_not_split_a_person_across_scripts() -> None:
    """A surname the dictionary lacks ("Ручников") was keyed "ruchniki" (a common noun's
    plural) and its genitive "ruchnikova" (a woman's surname); with those keys the Russian
    person did not match "Activist Gleb Ruchnikov" (complete link), and the English bare
    "Ruchnikov" had two candidates."""
    docs = [
        _doc(
            "ru-a",
            _ru("e0", "Gleb Ruchnikov", "Глеб Ручников", "Глеба Ручникова", "Ручников"),
        ),
        _doc(
            "en-a",
            _en("e0", "Activist Gleb Ruchnikov"),
            _en("e1", "Gleb Ruchnikov"),
            _en("e2", "Ruchnikov"),
        ),
    ]
    people = resolve_entities(docs)
    assert len(people) == 1, [p.name for p in people]


def test_a_surname_the_dictionary_lacks_stays_in_the_nominative() -> None:
    # "Сотников" is read by the dictionary as the genitive plural of "сотник"
    assert name_key("Кирилл Сотников") == "kirill sotnikov"
    assert name_key("Сотников") == "sotnikov"
    assert name_key("Навального") == "navalny"  # a known surname is still put in the nominative
    assert name_key("Кирилла Сотникова") != name_key(
        "Кирилл Сотников"
    )  # (why surfaces are not keyed)
