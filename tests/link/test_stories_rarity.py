"""The same-story model's masses of shared names and places weigh each key by its rarity
(1 / stored articles naming it), which does not grow with the store as idf does."""

from __future__ import annotations

from corroborate.link.stories import FEATURES, SIGNALS, StoryIndex
from corroborate.types import Analysis, Article, LocalEntity


def _reported(aid: str, text: str) -> tuple[Article, Analysis]:
    """An article naming one person and one town, with the analysis that says so."""
    entities = (
        LocalEntity("e1", "Dario Venn", "PERSON"),
        LocalEntity("e2", "Lakeview", "GPE"),
    )
    return Article(id=aid, path=f"{aid}.txt", text=text), Analysis(aid, entities=entities)


FIRST = _reported("first", "Dario Venn was arrested in Lakeview after the warehouse fire.")
SECOND = _reported("second", "Police in Lakeview charged Dario Venn over the warehouse fire.")


def _signals(background: list[Article]) -> list[float]:
    """The pair signals of the second report against the story of the first, in an index
    that holds ``background`` as well."""
    index = StoryIndex(encoder=None)
    for article in background:
        index.add(article)
    story = index.place(index.prepare(*FIRST)[0], None)
    return index.signals(index.prepare(*SECOND)[0], story)


def test_a_shared_name_weighs_the_same_in_a_small_and_a_large_store(
    background: list[Article],
) -> None:
    alone, among = _signals([]), _signals(background * 8)
    assert len(background) * 8 > 50
    for rarity, idf in (
        ("shared_ent_rare", "shared_ent_idf"),
        ("shared_place_rare", "shared_place_idf"),
    ):
        at = FEATURES.index(rarity)
        assert alone[at] > 0.0
        assert among[at] == alone[at]
        # the idf mass the cross-language model reads grows with the store
        assert among[SIGNALS.index(idf)] > alone[SIGNALS.index(idf)] > 0.0


def test_a_key_many_articles_name_weighs_less() -> None:
    """Rarity still tells a rare name from a common one: the same pair weighs less once
    other stored articles name the same person and town."""
    others = [
        _reported(f"other-{k}", f"Dario Venn spoke in Lakeview about the budget, part {k}.")
        for k in range(6)
    ]
    index = StoryIndex(encoder=None)
    for article, analysis in others:
        index.add(article, analysis)
    story = index.place(index.prepare(*FIRST)[0], None)
    crowded = index.signals(index.prepare(*SECOND)[0], story)
    at = FEATURES.index("shared_ent_rare")
    assert 0.0 < crowded[at] < _signals([])[at]
