"""Feed lists (text, OPML) and fetched-feed parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.errors import InputError
from corroborate.watch.feeds import PolledFeed, load_feeds, parse_feed_list, read_feed

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "watch" / "feeds"


def test_text_list_skips_comments_blank_lines_and_duplicates() -> None:
    text = (FEEDS / "feeds.txt").read_text().replace("{base}", "http://h.test")
    urls = [f.url for f in parse_feed_list(text + "http://h.test/gazette.rss\n")]
    assert urls == [
        "http://h.test/gazette.rss",
        "http://h.test/ledger.atom",
        "http://h.test/meridian.rss",
    ]


def test_opml_outlines_with_xml_url() -> None:
    feeds = load_feeds(FEEDS / "feeds.opml")
    assert [(f.url, f.title) for f in feeds] == [
        ("https://gazette.example/rss", "Harbor Gazette"),
        ("https://ledger.example/atom.xml", "Northern Ledger"),
    ]


def test_bad_lists_raise_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a feed URL"):
        parse_feed_list("ftp://old.example/feed\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n")
    with pytest.raises(InputError, match="names no feeds"):
        load_feeds(empty)
    with pytest.raises(InputError, match="cannot read"):
        load_feeds(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="invalid OPML"):
        parse_feed_list("<opml><body><outline")


def test_read_feed_rss_and_atom_entry_keys() -> None:
    rss = (FEEDS / "gazette.rss").read_bytes()
    feed = read_feed(rss, "application/rss+xml")
    assert isinstance(feed, PolledFeed)
    assert feed.title == "Harbor Gazette" and feed.language == "en"
    assert [e.key for e in feed.entries][:2] == [
        "gazette-2031-0303-storm",
        "gazette-2031-0304-dolinsky",
    ]
    atom = read_feed((FEEDS / "ledger.atom").read_bytes(), "application/atom+xml")
    assert isinstance(atom, PolledFeed)
    assert atom.entries[1].author == "Tomas Brenn"
    # an RSS item without a guid is keyed by its link
    meridian = read_feed((FEEDS / "meridian-1.rss").read_bytes())
    assert isinstance(meridian, PolledFeed)
    assert meridian.entries[0].key == "{base}/meridian/chess.html"


def test_read_feed_garbage_says_why() -> None:
    html = read_feed((FEEDS / "not-a-feed.html").read_bytes(), "text/html")
    assert isinstance(html, str) and "HTML page" in html
    broken = read_feed((FEEDS / "broken.rss").read_bytes(), "application/rss+xml")
    assert isinstance(broken, str) and "not an RSS/Atom feed" in broken
    assert isinstance(read_feed(b"\x00\x01binary", ""), str)
