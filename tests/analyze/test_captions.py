"""Caption entities: names from photo captions, without offsets into the article text."""

from __future__ import annotations

from corroborate.analyze.pipeline import analyze_article
from corroborate.types import Article


def test_caption_names_become_caption_entities_without_mentions() -> None:
    article = Article(
        id="c1",
        path="bridge.txt",
        text=(
            "Mayor Ilse Brandt opened the new river bridge in Kessel on Monday.\n\n"
            "Brandt said the bridge cost 40 million euros and took three years to build."
        ),
        published="2024-05-06",
        published_source="metadata",
        captions=("Ilse Brandt and engineer Tomasz Wolny cut the ribbon in Kessel.",),
    )
    analysis = analyze_article(article)
    names = {e.name for e in analysis.caption_entities}
    assert "Tomasz Wolny" in names
    assert all(not e.mentions and not e.roles for e in analysis.caption_entities)
    # caption names never leak into the article's own entities (no offsets there)
    assert "Tomasz Wolny" not in {e.name for e in analysis.entities}
