"""Roles and titles around person mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.analyze.entities import extract_entities
from corroborate.analyze.nlp import load_nlp
from corroborate.types import LocalEntity


def _entities(text: str) -> tuple[LocalEntity, ...]:
    return extract_entities(load_nlp()(text))


def _person(entities: tuple[LocalEntity, ...], name: str) -> LocalEntity:
    found = [e for e in entities if e.name == name]
    assert found, f"{name} not found in {[e.name for e in entities]}"
    return found[0]


def _roles(ent: LocalEntity) -> list[str]:
    return [r.text for r in ent.roles]


def test_roles_offsets_point_into_text(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "analyze" / "entities_summit.txt").read_text()
    for ent in _entities(text):
        for r in ent.roles:
            assert text[r.start : r.end] == r.text


def test_prenominal_title_and_appositions(fixtures_dir: Path) -> None:
    ents = _entities((fixtures_dir / "analyze" / "entities_summit.txt").read_text())
    assert "Swedish Foreign Minister" in _roles(_person(ents, "Henrik Lindqvist"))
    assert "Kazakh counterpart" in _roles(_person(ents, "Tatiana Orlova"))
    bekova = _roles(_person(ents, "Aigerim Bekova"))
    assert any("spokeswoman" in r for r in bekova)


def test_apposition_after_name_cuts_relative_clause(fixtures_dir: Path) -> None:
    ents = _entities((fixtures_dir / "analyze" / "entities_activist.txt").read_text())
    petrova = _roles(_person(ents, "Irina Petrova"))
    assert petrova == ["a lawyer for the activist"]
    sokolov = _person(ents, "Dmitriy Sokolov")
    assert "Opposition activist" in _roles(sokolov)
    assert not any("52" in r for r in _roles(sokolov))  # an age is not a role
    belov = _person(ents, "Anton Belov")
    assert "Dr." in _roles(belov) and "a doctor" in _roles(belov)


def test_plural_role_shared_by_coordination(fixtures_dir: Path) -> None:
    ents = _entities((fixtures_dir / "analyze" / "entities_business.txt").read_text())
    assert _roles(_person(ents, "Pavel Grigoriev")) == ["businessmen"]
    assert _roles(_person(ents, "Oleg Markin")) == ["businessmen"]
    assert _roles(_person(ents, "Olga Vasquez")) == ["President"]


def test_singular_title_not_shared() -> None:
    ents = _entities("President Olga Vasquez and Tomas Reyes met in Lima on Monday.")
    assert _roles(_person(ents, "Olga Vasquez")) == ["President"]
    reyes = [e for e in ents if "Reyes" in e.name]
    assert reyes and reyes[0].roles == ()


def test_no_role_from_title_of_another_person() -> None:
    ents = _entities("She is a fierce critic of President Olga Vasquez, the report said.")
    assert _roles(_person(ents, "Olga Vasquez")) == ["President"]


# ----------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seed_entities(seeds_dir: Path) -> dict[str, tuple[LocalEntity, ...]]:
    nlp = load_nlp()
    return {
        p.name[:3]: extract_entities(nlp(p.read_text())) for p in sorted(seeds_dir.glob("*.txt"))
    }


def _holder(ents: tuple[LocalEntity, ...], surname: str) -> LocalEntity:
    found = [e for e in ents if e.type == "PERSON" and e.name.endswith(surname)]
    assert len(found) == 1, [e.name for e in found]
    return found[0]


def test_seed_roles(seed_entities: dict[str, tuple[LocalEntity, ...]]) -> None:
    kostin = _roles(_holder(seed_entities["002"], "Kostin"))
    assert any("head of" in r and "VTB" in r for r in kostin), kostin
    for key in ("000", "004"):
        zakharova = _roles(_holder(seed_entities[key], "Zakharova"))
        assert any("spokeswoman" in r or "representative" in r for r in zakharova), zakharova
    for key in ("002", "004"):
        for surname in ("Abramovich", "Usmanov"):
            roles = _roles(_holder(seed_entities[key], surname))
            assert any("billionaire" in r for r in roles), (key, surname, roles)
    lavrov = _roles(_holder(seed_entities["000"], "Lavrov"))
    assert "Russian Foreign Minister" in lavrov
    volkov = _roles(_holder(seed_entities["000"], "Volkov"))
    assert "a close Navalny associate" in volkov
    blinken = _roles(_holder(seed_entities["000"], "Blinken"))
    assert "U.S. Secretary of State" in blinken
    putin = _roles(_holder(seed_entities["002"], "Putin"))
    assert set(putin) == {"President"}
