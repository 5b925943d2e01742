"""An invented story told by three Russian and three English outlets, through the product.

The articles (tests/fixtures/russian/sotnikov-bilingual.jsonl) were written for this test.
``corroborate.analyze_inputs`` runs with default settings on them together with the
``examples/lesogorsk-ferry`` story (two English outlets, one Russian), as a user would feed
both: the six Sotnikov articles must form one story and the ferry's three another (the
cross-language path joins across languages without gluing unrelated stories); every person
and organisation is one entity across scripts, named in the nominative; the Russian and
English detention counts conflict with both spans; relative dates meet on one day; quotes
keep their speakers in both languages (issue 15's done-when list).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import corroborate
from corroborate.link.aliases import name_key
from corroborate.translit import has_cyrillic, russian_nominative

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "russian" / "sotnikov-bilingual.jsonl"
FERRY = ROOT / "examples" / "lesogorsk-ferry"
SOTNIKOV = {"ru-vestnik", "ru-ekho", "ru-gorod", "en-wire", "en-gazette", "en-daily"}
RUSSIAN = {a for a in SOTNIKOV if a.startswith("ru-")}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, str]]:
    db = tmp_path_factory.mktemp("bilingual") / "store.db"
    dossier: dict[str, Any] = corroborate.analyze_inputs([str(FIXTURE), str(FERRY)], db=db).dossier
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    return dossier, texts


def _story(run: tuple[dict[str, Any], dict[str, str]]) -> dict[str, Any]:
    dossier, _ = run
    found = [s for s in dossier["stories"] if set(s["article_ids"]) & SOTNIKOV]
    assert len(found) == 1, [s["article_ids"] for s in found]
    story: dict[str, Any] = found[0]
    return story


def _articles(entity: dict[str, Any]) -> set[str]:
    return {m["article_id"] for m in entity["mentions"]}


def _entity(story: dict[str, Any], form: str) -> dict[str, Any]:
    key = name_key(form)
    found = [
        e
        for e in story["entities"]
        if e["type"] in ("PERSON", "ORG")
        and key in {name_key(f) for f in (e["name"], *e["aliases"])}
    ]
    assert len(found) == 1, (form, [e["name"] for e in found])
    return found[0]


def test_one_story_per_event_across_languages(run: tuple[dict[str, Any], dict[str, str]]) -> None:
    dossier, _ = run
    languages = {a["id"]: a["language"] for a in dossier["articles"]}
    assert {languages[a] for a in RUSSIAN} == {"ru"}
    stories = sorted(sorted(s["article_ids"]) for s in dossier["stories"])
    ferry = sorted(a for a in languages if a not in SOTNIKOV)
    assert len(ferry) == 3
    assert stories == sorted([sorted(SOTNIKOV), ferry])


def test_every_person_is_one_entity_across_scripts(
    run: tuple[dict[str, Any], dict[str, str]],
) -> None:
    story = _story(run)
    people = [e for e in story["entities"] if e["type"] == "PERSON"]
    # four people, whatever the script or the case they are named in
    assert len(people) == 4, [e["name"] for e in people]
    assert _articles(_entity(story, "Kirill Sotnikov")) == SOTNIKOV
    assert _articles(_entity(story, "Кирилл Сотников")) == SOTNIKOV
    assert _articles(_entity(story, "Pavel Zimin")) == SOTNIKOV
    assert {"ru-vestnik", "ru-ekho", "en-wire", "en-daily"} <= _articles(
        _entity(story, "Ирина Волкова")
    )
    maria = _entity(story, "Maria Sotnikova")
    assert maria["id"] != _entity(story, "Kirill Sotnikov")["id"]  # a shared surname
    assert {"ru-vestnik", "ru-gorod", "en-gazette"} <= _articles(maria)


def test_every_organisation_is_one_entity_across_scripts(
    run: tuple[dict[str, Any], dict[str, str]],
) -> None:
    story = _story(run)
    assert {"ru-vestnik", "ru-ekho", "en-wire", "en-gazette", "en-daily"} <= _articles(
        _entity(story, "Евросоюз")
    )
    assert _entity(story, "ЕС")["id"] == _entity(story, "European Union")["id"]
    assert {"ru-ekho", "ru-gorod", "en-gazette", "en-daily"} <= _articles(
        _entity(story, "Горизонт")
    )
    assert {"ru-vestnik", "en-wire"} <= _articles(_entity(story, "МВД"))
    # no organisation named in English is left apart from its Russian mentions
    for org in (e for e in story["entities"] if e["type"] == "ORG"):
        arts = _articles(org)
        if arts - RUSSIAN:
            assert arts & RUSSIAN, org["name"]


def test_names_are_in_the_nominative(run: tuple[dict[str, Any], dict[str, str]]) -> None:
    story = _story(run)
    for e in story["entities"]:
        if e["type"] in ("PERSON", "ORG", "GPE") and has_cyrillic(e["name"]):
            words = e["name"].split()
            assert all(russian_nominative(w).lower() == w.lower() for w in words[:1]), e["name"]
    names = {e["name"] for e in story["entities"]}
    assert not names & {"Кирилла Сотникова", "Павла Зимина", "Ярославле", "Ярославля"}


def test_russian_and_english_counts_conflict_with_both_spans(
    run: tuple[dict[str, Any], dict[str, str]],
) -> None:
    _, texts = run
    story = _story(run)
    conflicts = [f for f in story["figures"] if f["verdict"] == "conflict"]
    spans = {
        (r["article_id"], texts[r["article_id"]][r["start"] : r["end"]])
        for f in conflicts
        for r in f["reports"]
    }
    assert ("ru-vestnik", "более 1200 человек") in spans
    assert ("en-wire", "nearly 900 people") in spans
    group = next(f for f in conflicts if "ru-vestnik" in {r["article_id"] for r in f["reports"]})
    assert {"ru-vestnik", "en-wire"} <= {r["article_id"] for r in group["reports"]}


def test_the_sentence_agrees_across_languages(run: tuple[dict[str, Any], dict[str, str]]) -> None:
    story = _story(run)
    agree = [f for f in story["figures"] if f["verdict"] == "agree" and f["unit"] == "months"]
    members = {r["article_id"] for f in agree for r in f["reports"]}
    assert {"ru-vestnik", "ru-gorod", "en-gazette"} <= members


def test_relative_dates_are_resolved_in_both_languages(
    run: tuple[dict[str, Any], dict[str, str]],
) -> None:
    story = _story(run)
    tuesday = [t for t in story["timeline"] if t["date"] == "2027-02-16"]
    reports = {(r["article_id"], r["expression"].lower()) for t in tuesday for r in t["reports"]}
    assert ("ru-ekho", "во вторник") in reports
    assert ("en-gazette", "tuesday") in reports


def test_quotes_with_speakers_in_both_languages(
    run: tuple[dict[str, Any], dict[str, str]],
) -> None:
    story = _story(run)
    zimin = _entity(story, "Pavel Zimin")["id"]
    said = {q["text"] for q in story["quotes"] if q["speaker"] == zimin and q["kind"] == "direct"}
    assert "Это политическое решение, и мы его обжалуем" in said
    assert "This is a political decision, and we will appeal it" in said
    maria = _entity(story, "Мария Сотникова")["id"]
    hers = {q["text"] for q in story["quotes"] if q["speaker"] == maria}
    assert "Мой муж ни в чём не виноват" in hers
    assert "My husband is not guilty of anything" in hers
