"""Entity mentions, NER repairs, type voting, coreference and lookups."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

from corroborate.analyze.entities import entity_at, extract_entities, find_person_by_role
from corroborate.analyze.nlp import load_nlp
from corroborate.types import LocalEntity

KEPT = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def _doc_with_ents(text: str, ents: list[tuple[str, str]]) -> Doc:
    """Parse ``text`` and replace NER output by ``(surface, label)`` spans (first match
    after the previous one) to simulate the model's errors deterministically."""
    doc = load_nlp()(text)
    spans: list[Span] = []
    pos = 0
    for surface, label in ents:
        start = text.index(surface, pos)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
        pos = start + len(surface)
    doc.ents = spans
    return doc


def _by_name(ents: tuple[LocalEntity, ...], name: str) -> LocalEntity:
    found = [e for e in ents if e.name == name]
    assert found, f"{name} not in {[e.name for e in ents]}"
    return found[0]


def _check_invariants(text: str, ents: tuple[LocalEntity, ...]) -> None:
    assert [e.id for e in ents] == [f"e{i}" for i in range(len(ents))]
    firsts = [min(m.start for m in e.mentions) for e in ents]
    assert firsts == sorted(firsts)
    for e in ents:
        assert e.type in KEPT
        assert e.name in e.aliases
        for m in e.mentions:
            assert m.entity_id == e.id and m.type == e.type
            assert text[m.start : m.end] == m.text
            assert not m.text.endswith(("'s", "’s")) and not m.text.lower().startswith("the ")


@pytest.mark.parametrize("name", ["activist", "summit", "business"])
def test_fixture_invariants(fixtures_dir: Path, name: str) -> None:
    text = (fixtures_dir / "analyze" / f"entities_{name}.txt").read_text()
    _check_invariants(text, extract_entities(load_nlp()(text)))


def test_transliterated_name_and_mistagged_surname(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "analyze" / "entities_activist.txt").read_text()
    ents = extract_entities(load_nlp()(text))
    sokolov = [e for e in ents if "Sokolov" in e.name]
    assert len(sokolov) == 1
    s = sokolov[0]
    assert s.type == "PERSON"
    assert {"Dmitriy Sokolov", "Dmitry Sokolov", "Sokolov"} <= set(s.aliases)
    assert len(s.mentions) == 5 and {m.type for m in s.mentions} == {"PERSON"}
    petrova = _by_name(ents, "Irina Petrova")
    assert petrova.type == "PERSON" and "Petrova" in petrova.aliases
    assert not any(m.text == "52" for e in ents for m in e.mentions)  # the age


def test_voting_overrides_wrong_labels() -> None:
    text = (
        "Kremlin critic Pavel Orlov was jailed on Monday. Orlov's allies protested. "
        "Police detained Orlov's lawyer. The court sentenced Orlov in March."
    )
    doc = _doc_with_ents(
        text,
        [("Pavel Orlov", "PERSON"), ("Orlov", "ORG"), ("Orlov", "GPE"), ("Orlov", "NORP")],
    )
    ents = extract_entities(doc)
    assert len(ents) == 1
    assert ents[0].type == "PERSON" and len(ents[0].mentions) == 4
    assert {m.type for m in ents[0].mentions} == {"PERSON"}


def test_context_cues_make_a_person_without_person_labels() -> None:
    text = (
        "Pavel Orlov was arrested in May. Orlov's supporters rallied, and the arrest of "
        "Orlov drew protests. Members of Orlov's team were detained."
    )
    doc = _doc_with_ents(
        text, [("Pavel Orlov", "ORG"), ("Orlov", "ORG"), ("Orlov", "GPE"), ("Orlov", "ORG")]
    )
    ents = extract_entities(doc)
    assert [(e.name, e.type) for e in ents] == [("Pavel Orlov", "PERSON")]


def test_repairs_split_credit_possessive_holiday(fixtures_dir: Path) -> None:
    text = (
        "Tatiana Orlova - Henrik Lindqvist talks\n"
        "Photo: Kazakh Foreign Ministry/Handout/Getty\n\n"
        "Henrik Lindqvist's aides asked supporters to send cards on Valentine's Day. "
        "The European Parliament agreed with Tatiana Orlova."
    )
    doc = _doc_with_ents(
        text,
        [
            ("Tatiana Orlova - Henrik Lindqvist", "PERSON"),
            ("Kazakh Foreign Ministry/Handout/Getty", "ORG"),
            ("Henrik Lindqvist's", "PERSON"),
            ("Valentine", "PERSON"),
            ("The European Parliament", "ORG"),
            ("Tatiana Orlova", "PERSON"),
        ],
    )
    ents = extract_entities(doc)
    _check_invariants(text, ents)
    names = {e.name: e for e in ents}
    assert set(names) == {"Tatiana Orlova", "Henrik Lindqvist", "European Parliament"}
    assert len(names["Tatiana Orlova"].mentions) == 2
    assert [m.text for m in names["Henrik Lindqvist"].mentions] == ["Henrik Lindqvist"] * 2
    assert names["European Parliament"].mentions[0].text == "European Parliament"


def test_line_break_and_timestamp_trimmed() -> None:
    text = "Protest led by Pavel Orlov 02:42\n\nReuters\n\nPolice said Orlov was detained."
    doc = _doc_with_ents(
        text, [("Pavel Orlov 02:42", "ORG"), ("Reuters\n\nPolice", "ORG"), ("Orlov", "ORG")]
    )
    ents = extract_entities(doc)
    mentions = sorted((m.start, m.text) for e in ents for m in e.mentions)
    assert [t for _, t in mentions] == ["Pavel Orlov", "Reuters", "Orlov"]


def test_titles_stripped_from_names() -> None:
    text = "Mr. Henrik Lindqvist arrived. President Olga Vasquez greeted Lindqvist."
    doc = _doc_with_ents(
        text,
        [
            ("Mr. Henrik Lindqvist", "PERSON"),
            ("President Olga Vasquez", "PERSON"),
            ("Lindqvist", "PERSON"),
        ],
    )
    ents = extract_entities(doc)
    lind = _by_name(ents, "Henrik Lindqvist")
    assert [r.text for r in lind.roles] == ["Mr."]
    assert [r.text for r in _by_name(ents, "Olga Vasquez").roles] == ["President"]


def test_place_variants_merge(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "analyze" / "entities_summit.txt").read_text()
    ents = extract_entities(load_nlp()(text))
    assert {"European Union", "EU"} <= set(_by_name(ents, "European Union").aliases)
    assert {"United States", "U.S."} <= set(_by_name(ents, "United States").aliases)


def test_ambiguous_surname_stays_apart(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "analyze" / "entities_business.txt").read_text()
    ents = extract_entities(load_nlp()(text))
    markins = sorted(e.name for e in ents if e.name.endswith("Markin"))
    assert markins == ["Anton Markin", "Markin", "Oleg Markin"]
    assert _by_name(ents, "Pavel Grigoriev").aliases == ("Pavel Grigoriev", "Grigoriev")


def test_lookups(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "analyze" / "entities_summit.txt").read_text()
    ents = extract_entities(load_nlp()(text))
    start = text.index("Lindqvist said")
    hit = entity_at(ents, start, start + 9)
    assert hit is not None and hit.name == "Henrik Lindqvist"
    assert entity_at(ents, 0, 0) is not None
    assert entity_at(ents, text.index("frank"), text.index("frank") + 5) is None
    bekova = find_person_by_role(ents, "spokeswoman")
    assert bekova is not None and bekova.name == "Aigerim Bekova"
    assert find_person_by_role(ents, "Foreign Minister") is not None
    assert find_person_by_role(ents, "astronaut") is None


def test_empty_doc() -> None:
    assert extract_entities(load_nlp()("")) == ()


# ----------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, tuple[str, tuple[LocalEntity, ...]]]:
    nlp = load_nlp()
    out = {}
    for p in sorted(seeds_dir.glob("*.txt")):
        text = p.read_text()
        out[p.name[:3]] = (text, extract_entities(nlp(text)))
    return out


def _with_surname(ents: tuple[LocalEntity, ...], surname: str) -> list[LocalEntity]:
    return [e for e in ents if any(surname in a for a in e.aliases)]


def test_seed_invariants(seeds: dict[str, tuple[str, tuple[LocalEntity, ...]]]) -> None:
    for text, ents in seeds.values():
        _check_invariants(text, ents)


def test_seed_navalny_one_person(seeds: dict[str, tuple[str, tuple[LocalEntity, ...]]]) -> None:
    for key, (text, ents) in seeds.items():
        holders = [e for e in _with_surname(ents, "Navalny") if e.type == "PERSON"]
        assert len(holders) == 1, key
        nav = holders[0]
        assert nav.name in {"Alexey Navalny", "Alexei Navalny"}
        # no surviving ORG/GPE/NORP mention of him anywhere in the article
        others = [m for e in ents if e is not nav for m in e.mentions if "Navalny" in m.text]
        assert others == [], (key, others)
        assert len(nav.mentions) == text.count("Navalny"), key
    both = {"Alexey Navalny", "Alexei Navalny"}
    assert both <= set(_with_surname(seeds["002"][1], "Navalny")[0].aliases)
    assert both <= set(_with_surname(seeds["004"][1], "Navalny")[0].aliases)


def test_seed_surnames_resolve(seeds: dict[str, tuple[str, tuple[LocalEntity, ...]]]) -> None:
    for key in ("000", "002"):
        volkov = _with_surname(seeds[key][1], "Volkov")
        assert [e.name for e in volkov] == ["Leonid Volkov"], key
        assert "Volkov" in volkov[0].aliases
    borrell = _with_surname(seeds["000"][1], "Borrell")
    assert [e.name for e in borrell] == ["Josep Borrell"] and len(borrell[0].mentions) == 6
    lavrov = _with_surname(seeds["000"][1], "Lavrov")
    assert len(lavrov) == 1 and lavrov[0].type == "PERSON"
    assert {"Sergey Lavrov", "Sergei Lavrov", "Lavrov"} <= set(lavrov[0].aliases)


def test_seed_repairs(seeds: dict[str, tuple[str, tuple[LocalEntity, ...]]]) -> None:
    for _text, ents in seeds.values():
        mentions = [m.text for e in ents for m in e.mentions]
        assert "Valentine" not in mentions
        assert not any("/" in m or "\n" in m or " - " in m for m in mentions)
        usmanov = _with_surname(ents, "Usmanov")
        if usmanov:
            assert usmanov[0].type == "PERSON" and usmanov[0].name == "Alisher Usmanov"
    gb = [e for e in seeds["004"][1] if "US" in e.aliases]
    assert gb and gb[0].name == "United States"


def test_place_cues_outvote_a_person_label() -> None:
    # NER calls the town a person three times; "in", "area" and "police" say it is a place
    text = (
        "The police response in the Marlowe area began at dawn. A man was pumping gas in "
        "Marlowe when he was robbed. Marlowe police received many calls."
    )
    doc = _doc_with_ents(
        text, [("Marlowe", "PERSON"), ("Marlowe", "PERSON"), ("Marlowe", "PERSON")]
    )
    assert _by_name(extract_entities(doc), "Marlowe").type == "GPE"
    # a name with a possessive after "in" is not a place: "in Ann Lee's house"
    text = "Ann Lee was arrested on Friday. Police found the gun in Ann Lee's house."
    doc = _doc_with_ents(text, [("Ann Lee", "PERSON"), ("Ann Lee", "PERSON")])
    assert _by_name(extract_entities(doc), "Ann Lee").type == "PERSON"


def test_a_wire_dateline_gives_a_place_and_no_agency() -> None:
    """ "MARLOWE, Ore. (KXRT) — ": the place opens the report (a place, however the NER
    typed or cut it, untagged included); the station in brackets filed it and is no
    entity of the story. A bracket later in the text is not a dateline."""
    text = (
        "MARLOWE, Ore. (KXRT) — A man was shot on Friday night in Marlowe, police said. "
        "Marlowe Mills (KXRT) - a paper mill - closed last year."
    )
    doc = _doc_with_ents(
        text,
        [
            ("MARLOWE", "ORG"),
            ("Ore.", "GPE"),
            ("KXRT", "ORG"),
            ("Marlowe", "ORG"),
            ("Marlowe Mills", "ORG"),
            ("KXRT", "ORG"),
        ],
    )
    ents = extract_entities(doc)
    assert _by_name(ents, "Marlowe").type == "GPE"
    assert {m.text for m in _by_name(ents, "Marlowe").mentions} == {"MARLOWE", "Marlowe"}
    assert [m.start for e in ents if e.name == "KXRT" for m in e.mentions] == [
        text.index("KXRT", 40)
    ]
    untagged = _doc_with_ents("EDGEWOOD (KXRT) — Two people were hurt.", [])
    assert [(e.name, e.type) for e in extract_entities(untagged)] == [("EDGEWOOD", "GPE")]
