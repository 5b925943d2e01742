"""Story clustering with title+lead vectors stored by the per-article stage
(``Analysis.embeddings``): the same stories as encoding at link time, without encoding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from corroborate import embeddings
from corroborate.link import vectors as V
from corroborate.link.stories import StoryIndex
from corroborate.types import Analysis
from tests.link.test_stories import Pair, load_fixture


class TopicEncoder:
    """A stand-in sentence encoder (as in test_stories): one unit vector per topic word,
    recording every text it encodes."""

    name = "topic-test-encoder"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> embeddings.Matrix:
        self.seen.extend(texts)
        out = np.zeros((len(texts), 3), dtype=np.float32)
        for i, t in enumerate(texts):
            low = t.lower()
            out[i, 0 if ("quake" in low or "tremor" in low) else 1 if "court" in low else 2] = 1
        return out


def _stored(pairs: list[Pair], encoder: TopicEncoder) -> list[Pair]:
    out: list[Pair] = []
    for article, analysis in pairs:
        base = analysis or Analysis(article_id=article.id)
        vectors = embeddings.embed_pairs(encoder, [V.embed_text(article)])
        out.append((article, replace(base, embeddings=vectors)))
    return out


def _cluster(pairs: list[Pair], encoder: TopicEncoder) -> tuple[dict[str, list[str]], Any]:
    index = StoryIndex(encoder=encoder)
    for article, analysis in pairs:
        index.add(article, analysis)
    return index.stories(), index.to_state()


def test_stored_title_vectors_give_the_same_stories(fixtures_dir: Path) -> None:
    pairs, _ = load_fixture(fixtures_dir)
    expected = _cluster(pairs, TopicEncoder())
    counting = TopicEncoder()
    assert _cluster(_stored(pairs, TopicEncoder()), counting) == expected
    assert counting.seen == []  # every vector came from the analyses


def test_missing_or_foreign_vectors_are_encoded(fixtures_dir: Path) -> None:
    pairs, _ = load_fixture(fixtures_dir)
    expected = _cluster(pairs, TopicEncoder())

    class Other(TopicEncoder):
        name = "another-encoder"

    mixed = _stored(pairs[:3], TopicEncoder()) + _stored(pairs[3:], Other())
    counting = TopicEncoder()
    assert _cluster(mixed, counting) == expected
    assert counting.seen == [V.embed_text(a) for a, _ in pairs[3:]]
