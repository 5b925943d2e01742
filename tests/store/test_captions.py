"""Photo captions kept beside an article survive the store (migration 4)."""

from __future__ import annotations

from corroborate.store import open_store
from corroborate.types import Article


def test_captions_round_trip(store_url: str) -> None:
    article = Article(
        id="a1",
        path="x.txt",
        text="Mayor Ilse Brandt opened the bridge on Monday. It cost 40 million euros.",
        captions=("Ilse Brandt – the mayor – cuts the ribbon, May 4, 2024.",),
    )
    with open_store(store_url) as store:
        store.add_article(article)
        again = store.get_article("a1")
    assert again is not None
    assert again.captions == article.captions
