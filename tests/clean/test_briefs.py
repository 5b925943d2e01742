"""Short bodies: a one-sentence news brief is an article; page furniture is rejected."""

from __future__ import annotations

import pytest

from corroborate.clean.article import clean_document
from corroborate.types import Article, RawDocument, Rejection


def _clean(text: str, title: str | None = None) -> Article | Rejection:
    return clean_document(
        RawDocument(source="brief.jsonl:1", format="jsonl", text=text, title=title)
    )


@pytest.mark.parametrize(
    "body",
    [
        "Harbour police said the Tuesday night fire at the grain store appears to be arson.",
        "Coach Lena Brask was dismissed today; her assistant Tomas Ure takes over the team.",
    ],
)
def test_a_one_sentence_news_brief_is_kept(body: str) -> None:
    result = _clean(body, title="Grain store fire")
    assert isinstance(result, Article), result
    assert body in result.text


@pytest.mark.parametrize(
    "body",
    [
        "Get the morning headlines delivered to your inbox every weekday at six.",
        "Already a member? Log in to keep reading this story and the archive.",
        "Thank you for registering! Confirm the address we sent the code to.",
        "Short line only.",
    ],
)
def test_short_furniture_is_rejected_with_the_rule_named(body: str) -> None:
    result = _clean(body)
    assert isinstance(result, Rejection)
    assert "too short" in result.reason and "news brief" in result.reason
