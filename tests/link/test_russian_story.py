"""An invented story told by three Russian and three English outlets, built as one story.

The articles (tests/fixtures/russian/sotnikov-bilingual.jsonl) were written for this test.
``build_story`` runs every cross-article stage on them: entities must resolve across
scripts, the Russian and English detention counts must conflict with both spans, the
sentence must agree, relative dates must meet on one day, quotes keep their speakers.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from corroborate.analyze.pipeline import analyze_article
from corroborate.compare.story import build_story
from corroborate.types import AnalyzedArticle, Article, Story, StoryEntity

FIXTURE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "russian" / "sotnikov-bilingual.jsonl"
)


@lru_cache(maxsize=1)
def _story() -> tuple[Story, dict[str, Article]]:
    docs = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        article = Article(
            id=row["id"],
            path=str(FIXTURE),
            text=row["text"],
            title=row["title"],
            outlet=row["outlet"],
            published=row["published"],
            published_source="metadata",
            language=row["id"].split("-")[0],
        )
        docs.append(AnalyzedArticle(article, analyze_article(article)))
    return build_story("s1", docs), {d.article.id: d.article for d in docs}


def _entity(story: Story, *forms: str) -> StoryEntity:
    found = [e for e in story.entities if any(f in (e.name, *e.aliases) for f in forms)]
    assert len(found) == 1, (forms, [e.name for e in found])
    return found[0]


def _articles(entity: StoryEntity) -> set[str]:
    return {m.article_id for m in entity.mentions}


def test_people_and_organisations_are_one_entity_across_scripts() -> None:
    story, articles = _story()
    everyone = set(articles)
    assert _articles(_entity(story, "Kirill Sotnikov", "Кирилл Сотников")) == everyone
    assert _articles(_entity(story, "Pavel Zimin", "Павел Зимин")) == everyone
    volkova = _entity(story, "Irina Volkova", "Ирина Волкова")
    assert {"ru-vestnik", "en-wire"} <= _articles(volkova)
    eu = _entity(story, "European Union", "Евросоюз", "ЕС")
    assert {"ru-vestnik", "ru-ekho", "en-wire"} <= _articles(eu)
    group = _entity(story, "Gorizont", "Горизонт")
    assert {"ru-ekho", "en-gazette"} <= _articles(group)
    assert {"ru-ekho", "en-daily"} <= _articles(_entity(story, "Yaroslavl", "Ярославль"))


def test_a_shared_surname_is_not_one_person() -> None:
    story, _ = _story()
    kirill = _entity(story, "Кирилл Сотников")
    maria = _entity(story, "Мария Сотникова", "Maria Sotnikova")
    assert kirill.id != maria.id
    assert {"ru-gorod", "en-gazette"} <= _articles(maria)


def test_russian_and_english_counts_conflict_with_both_spans() -> None:
    story, articles = _story()
    group = next(f for f in story.figures if f.verdict == "conflict")
    by_article = {r.article_id: r for r in group.reports}
    ru, en = by_article["ru-vestnik"], by_article["en-wire"]
    assert articles["ru-vestnik"].text[ru.start : ru.end] == "более 1200 человек"
    assert articles["en-wire"].text[en.start : en.end] == "nearly 900 people"
    assert (ru.low, ru.high) == (1200, None)


def test_the_sentence_agrees_across_languages() -> None:
    story, _ = _story()
    agree = [f for f in story.figures if f.verdict == "agree" and f.unit == "months"]
    members = {r.article_id for f in agree for r in f.reports}
    assert {"ru-vestnik", "ru-gorod", "en-gazette"} <= members
    assert any({"ru-ekho", "en-wire"} <= {r.article_id for r in f.reports} for f in agree)


def test_relative_dates_meet_on_one_day() -> None:
    story, _ = _story()
    tuesday = [t for t in story.timeline if t.date == "2027-02-16"]
    expressions = {(r.article_id, r.expression.lower()) for t in tuesday for r in t.reports}
    assert ("ru-ekho", "во вторник") in expressions
    assert ("en-gazette", "tuesday") in expressions


def test_quotes_with_speakers_in_both_languages() -> None:
    story, _ = _story()
    zimin = _entity(story, "Pavel Zimin")
    said = {q.text for q in story.quotes if q.speaker == zimin.id and q.kind == "direct"}
    assert "Это политическое решение, и мы его обжалуем" in said
    assert "This is a political decision, and we will appeal it" in said
