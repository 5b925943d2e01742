"""Short bodies: a one-sentence news brief is an article; page furniture is rejected, unless
the page's headline is news, which is then kept as a headline-only article."""

from __future__ import annotations

import pytest

from corroborate.clean.article import clean_document, is_headline_only, is_news_headline
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


@pytest.mark.parametrize(
    "body",
    [
        "2 of 5 free articles read this month",
        "0:42 Harbour crane collapse\n\n1:15 Mayor opens new ferry terminal\n\n2:03 Derby recap",
        "Thank you for reading! Subscribe to continue.",
    ],
)
def test_a_news_headline_over_furniture_is_kept_as_the_article(body: str) -> None:
    """A registration wall or a video playlist under a news headline: the outlet's headline
    is kept (its counts, its place in the story), the furniture is not."""
    title = "Dock worker dies, two hurt as crane falls at Varne harbour"
    result = _clean(body, title=title)
    assert isinstance(result, Article), result
    assert result.text == title and result.title == title
    assert is_headline_only(result)


def test_an_article_with_a_body_is_not_headline_only() -> None:
    body = "Harbour police said the Tuesday night fire at the grain store appears to be arson."
    result = _clean(body, title="Grain store fire ruled arson")
    assert isinstance(result, Article)
    assert not is_headline_only(result)


@pytest.mark.parametrize(
    "title",
    [
        None,
        "Page Not Found",
        "Varne Homicides",
        "Harbourside on Twitter: https://t.co/abc crane down",
        "Ferry user on social: “Yes, the Varne crane is down https:",
        "Sign up for our morning briefing today",
    ],
)
def test_furniture_under_a_title_that_is_no_headline_is_still_rejected(title: str | None) -> None:
    result = _clean("2 of 5 free articles read this month", title=title)
    assert isinstance(result, Rejection), result
    assert "too short" in result.reason
    assert not is_news_headline(title)
