"""Names seen only in photo captions become aliases of story entities, never entities."""

from __future__ import annotations

from pathlib import Path

from corroborate.analyze.pipeline import analyze_article
from corroborate.clean import clean_document
from corroborate.ingest import read_inputs
from corroborate.link.entities import resolve_entities
from corroborate.types import AnalyzedArticle, Article, RawDocument


def _doc(article_id: str, text: str, captions: tuple[str, ...] = ()) -> AnalyzedArticle:
    article = Article(id=article_id, path=f"{article_id}.txt", text=text, captions=captions)
    return AnalyzedArticle(article, analyze_article(article))


def test_caption_spelling_is_an_alias_and_caption_only_names_are_dropped() -> None:
    docs = [
        _doc(
            "a",
            "Defence Minister Yuriy Tkachenko met NATO envoys in Brussels on Monday. "
            "Tkachenko said the talks were useful.",
            captions=("Yuri Tkachenko and photographer Lena Marsh in Brussels, May 2, 2024.",),
        ),
        _doc("b", "Yuriy Tkachenko, the defence minister, returned to Kyiv on Tuesday."),
    ]
    entities = resolve_entities(docs)
    tkachenko = [e for e in entities if e.name.endswith("Tkachenko")]
    assert len(tkachenko) == 1
    assert "Yuri Tkachenko" in tkachenko[0].aliases
    assert all(m.text != "Yuri Tkachenko" for m in tkachenko[0].mentions)  # no span in text
    assert not [e for e in entities if "Marsh" in e.name]


def test_seed_lavrov_has_both_spellings(seeds_dir: Path) -> None:
    docs = []
    for raw in read_inputs([str(seeds_dir)]):
        assert isinstance(raw, RawDocument)
        article = clean_document(raw)
        assert isinstance(article, Article)
        docs.append(AnalyzedArticle(article, analyze_article(article)))
    lavrov = [e for e in resolve_entities(docs) if e.name.endswith("Lavrov")]
    assert len(lavrov) == 1
    assert {"Sergey Lavrov", "Sergei Lavrov"} <= set(lavrov[0].aliases)
