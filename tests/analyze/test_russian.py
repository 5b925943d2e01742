"""The Russian pipeline on articles written for these tests (tests/fixtures/russian/)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from corroborate.analyze.pipeline import analyze_article
from corroborate.types import Analysis, Article

FIXTURE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "russian" / "sotnikov-bilingual.jsonl"
)


@lru_cache(maxsize=8)
def _analysis(article_id: str) -> tuple[Article, Analysis]:
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == article_id:
            article = Article(
                id=row["id"],
                path=str(FIXTURE),
                text=row["text"],
                published=row["published"],
                published_source="metadata",
                language="ru",
            )
            return article, analyze_article(article)
    raise KeyError(article_id)


def test_routed_to_the_russian_pipeline() -> None:
    _, analysis = _analysis("ru-vestnik")
    assert analysis.entities and analysis.sentences
    assert not any("not analysed" in note for note in analysis.notes)


def test_entities_lemmatised_with_roles_and_press_spelling() -> None:
    _, analysis = _analysis("ru-vestnik")
    by_name = {alias: e for e in analysis.entities for alias in e.aliases}
    sotnikov = by_name["Кирилл Сотников"]
    assert sotnikov.type == "PERSON"
    assert sotnikov.name == "Kirill Sotnikov"  # the press spelling
    # "Кирилла Сотникова" and the later bare "Сотникова" are one person
    assert {m.text for m in sotnikov.mentions} >= {"Кирилла Сотникова", "Сотникова"}
    assert by_name["Ирина Волкова"].roles[0].text == "Официальный представитель МВД"
    # the wife shares the surname but is another person
    assert by_name["Мария Сотникова"] is not sotnikov
    assert by_name["Ярославль"].type == "GPE"


def test_figures_in_canonical_units() -> None:
    _, analysis = _analysis("ru-vestnik")
    figs = {f.text: f for f in analysis.figures}
    detained = figs["более 1200 человек"]
    assert (detained.low, detained.high, detained.unit) == (1200, None, "people")
    assert detained.predicate == "detain"
    term = figs["трём с половиной годам"]
    assert (term.kind, term.low, term.unit, term.predicate) == (
        "duration",
        42,
        "months",
        "sentence",
    )
    assert "14 февраля" not in figs  # a date, not a number of Februaries


def test_relative_dates_resolved() -> None:
    _, analysis = _analysis("ru-vestnik")
    dates = {d.expression.lower(): d for d in analysis.dates}
    assert dates["во вторник"].date == "2027-02-16"  # published on Wednesday 17 February
    assert dates["в минувшие выходные"].date == "2027-02-13"
    assert dates["в минувшие выходные"].precision == "week"
    assert dates["14 февраля"].date == "2027-02-14"


def test_quotes_with_speakers() -> None:
    article, analysis = _analysis("ru-vestnik")
    names = {e.id: e.aliases[0] for e in analysis.entities}
    quotes = {q.text: q for q in analysis.quotes}
    direct = quotes["Это политическое решение, и мы его обжалуем"]
    assert direct.kind == "direct"
    assert names[direct.speaker_id or ""] == "Павел Зимин"
    reported = quotes["задержания проходили в соответствии с законом"]
    assert reported.kind == "reported"
    assert names[reported.speaker_id or ""] == "Ирина Волкова"
    assert article.text[reported.start : reported.end] == reported.text


def test_dialogue_dash_and_po_slovam() -> None:
    _, gorod = _analysis("ru-gorod")
    names = {e.id: e.aliases[0] for e in gorod.entities}
    dash = next(q for q in gorod.quotes if q.text.startswith("Мой муж"))
    assert names[dash.speaker_id or ""] == "Мария Сотникова"
    _, ekho = _analysis("ru-ekho")
    names = {e.id: e.aliases[0] for e in ekho.entities}
    reported = next(q for q in ekho.quotes if q.text == "защита подаст апелляцию")
    assert names[reported.speaker_id or ""] == "Павел Зимин"


def test_events_typed_like_english() -> None:
    _, analysis = _analysis("ru-ekho")
    types = {e.type for e in analysis.events}
    assert {"sentence", "detention"} <= types


def test_organisation_spans_repaired() -> None:
    from corroborate.analyze.russian.entities import extract_entities
    from corroborate.analyze.russian.nlp import parse

    text = (
        "Концерн «Майкрософт» подписал соглашение. Союз координационных советов (СКС) "
        "выступил против. Решение Конгресса США поддержал Евросоюз."
    )
    found = {m.text: e for e in extract_entities(parse(text)) for m in e.mentions}
    assert "Майкрософт" in found and "Концерн «Майкрософт»" not in found
    assert {"Союз координационных советов", "СКС"} <= set(found)
    assert found["Конгресса США"].type == "ORG"
    assert found["США"].type == "GPE"  # the country keeps its own mention
    assert found["Евросоюз"].type == "ORG"
