"""A given title loses the site's furniture after its headline (``clean.title``)."""

from __future__ import annotations

import pytest

from corroborate.clean import clean_document
from corroborate.clean.title import begins_with_site, site_keys, strip_site_tail
from corroborate.types import Article, RawDocument


@pytest.mark.parametrize(
    ("title", "outlet", "url", "expected"),
    [
        # the site's name segment and the city after it
        (
            "Two men held after Elm Street shooting - KXYZ Action News 7 - Dunmore, Ohio",
            "kxyzactionnews7.com",
            "http://www.kxyzactionnews7.com/story/1",
            "Two men held after Elm Street shooting",
        ),
        # a segment that only begins with the site's name, with a tagline after it
        (
            "Clerk wounded in store robbery - WQRS News 12 Dunmore, Ohio News Weather & Sports",
            "wqrs.com",
            "http://www.wqrs.com/story/2",
            "Clerk wounded in store robbery",
        ),
        # the name glued to a tagline by an unspaced hyphen
        (
            "Teen shot near the park - wqrs.com-Dunmore News, Weather & Sports",
            "wqrs.com",
            None,
            "Teen shot near the park",
        ),
        # an outlet given as a host name, the page read through an archive's address
        (
            "Clerk wounded in store robbery - WQRS News 12 Dunmore, Ohio News Weather & Sports",
            "wqrs.com",
            "http://web.archive.org/web/20160101000000/http://www.wqrs.com/story/2",
            "Clerk wounded in store robbery",
        ),
        # a call sign that is most of the site's name ("KQRS" for kqrs9.com)
        (
            "Teen shot near the school - KQRS News 9 - Dunmore, OH News Station",
            "kqrs9.com",
            None,
            "Teen shot near the school",
        ),
        # the headline's own separators stay; only the tail from the site on goes
        (
            "Police - man shot on Oak Road - WQRS FOX9 News - Dunmore, OH",
            "wqrs.com",
            "http://wqrs.com/x",
            "Police - man shot on Oak Road",
        ),
    ],
)
def test_the_site_tail_is_cut(title: str, outlet: str, url: str | None, expected: str) -> None:
    assert strip_site_tail(title, outlet, url) == expected


@pytest.mark.parametrize(
    ("title", "outlet", "url"),
    [
        # the tail names a region, not this site
        ("Mill fire spreads - Valley News, Weather & Sports", "wqrs.com", "http://wqrs.com/1"),
        # a headline that begins with a word of the site's name is not furniture
        ("Dunmore police: three hurt in crash", "Dunmore Herald", "http://dunmoreherald.com/"),
        # the site's name first: the rest is the headline (strip_site's rule for pages)
        ("WQRS News - Fire at the grain store", "wqrs.com", "http://wqrs.com/2"),
        # no site known
        ("Fire at the grain store - WQRS News", None, None),
        # a city's name that is most of the site's name, in a sentence after a dash
        (
            "Officer shot on patrol - Dunmore police say the suspect fled",
            "dunmorenews.com",
            "https://www.dunmorenews.com/crime/1",
        ),
    ],
)
def test_other_titles_stay(title: str, outlet: str | None, url: str | None) -> None:
    assert strip_site_tail(title, outlet, url) == title


def test_a_segment_begins_with_the_site_only_when_its_first_words_spell_it() -> None:
    keys = site_keys("wqrs.com", "https://www.wqrs.com/news/1")
    assert begins_with_site("WQRS News 12 Dunmore", keys)
    assert begins_with_site("wqrs.com-Dunmore News", keys)
    assert not begins_with_site("Dunmore News WQRS", keys)


def test_clean_document_cuts_the_tail_from_the_title_and_the_dumps_headline() -> None:
    title = "Two men held after Elm Street shooting - KXYZ Action News 7 - Dunmore, Ohio"
    body = (
        "Two men were arrested on Friday after a shooting on Elm Street left one man "
        "wounded, police said. Officers found the victim near a store at about 9 p.m. "
        "He was taken to a hospital in stable condition, a police spokeswoman said."
    )
    raw = RawDocument(
        source="feed.jsonl:1",
        format="jsonl",
        text=f"{title}\n\n{body}",
        title=title,
        outlet="kxyzactionnews7.com",
        url="http://www.kxyzactionnews7.com/story/1",
    )
    article = clean_document(raw)
    assert isinstance(article, Article)
    assert article.title == "Two men held after Elm Street shooting"
    assert article.text.startswith("Two men held after Elm Street shooting\n\n")
    assert "Action News" not in article.text


def test_a_given_title_that_only_names_the_site_gives_way_to_the_dumps_headline() -> None:
    body = (
        "Two men were arrested on Friday after a shooting on Elm Street left one man "
        "wounded, police said. Officers found the victim near a store at about 9 p.m. "
        "He was taken to a hospital in stable condition, a police spokeswoman said."
    )
    raw = RawDocument(
        source="feed.jsonl:2",
        format="jsonl",
        text=f"Two men held after Elm Street shooting\n\n{body}",
        title="Dunmore Courier",
        outlet="dunmorecourier.com",
    )
    article = clean_document(raw)
    assert isinstance(article, Article)
    assert article.title == "Two men held after Elm Street shooting"
