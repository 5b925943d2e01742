"""Titles, dates and outlets of HTML pages (invented pages in tests/fixtures/ingest/pages)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from trafilatura.utils import load_html

from corroborate.clean import clean_document
from corroborate.ingest.html import repair_mojibake
from corroborate.ingest.jsonl import read_jsonl
from corroborate.ingest.pagemeta import (
    agreement,
    header_date,
    names_site,
    page_meta,
    parse_meta_date,
    strip_site,
    url_date,
    visible_date,
)
from corroborate.types import Article, RawDocument


def _page(ingest_dir: Path, name: str) -> str:
    return (ingest_dir / "pages" / name).read_text(encoding="utf-8")


def _article(html: str, **fields: str) -> Article:
    """The page through the product's JSONL reader and cleaner, as a user feeds it."""
    line = json.dumps({"id": "p1", "html": html, **fields}).encode() + b"\n"
    [raw] = list(read_jsonl(io.BytesIO(line), "pages.jsonl"))
    assert isinstance(raw, RawDocument), raw
    article = clean_document(raw)
    assert isinstance(article, Article), article
    return article


def test_site_suffix_is_cut_and_the_logo_heading_is_not_the_title(ingest_dir: Path) -> None:
    art = _article(_page(ingest_dir, "site_suffix.html"), url="https://ledger.example/trams")
    assert art.title == "Tram line reopens after storm repairs"
    assert art.outlet == "The Ostbridge Ledger"  # og:site_name
    # the date as the page wrote it (local time), not shifted to UTC
    assert (art.published, art.published_source) == ("2024-03-14", "metadata")
    assert art.text.startswith("Tram line reopens after storm repairs\n\n")


def test_site_prefix_and_kicker_inside_the_heading(ingest_dir: Path) -> None:
    art = _article(_page(ingest_dir, "site_prefix_kicker.html"))
    assert art.title == "Fährstreik: Inseln ohne Verbindung"
    assert art.outlet == "Nordwind Kurier"  # JSON-LD publisher
    assert art.published == "2023-03-09"


def test_no_date_from_a_body_sentence(ingest_dir: Path) -> None:
    art = _article(_page(ingest_dir, "birth_date_in_body.html"))
    assert art.published is None
    assert art.published_source == "unknown"
    assert "1923" in art.text  # the sentence is kept; only its date is not the article's


def test_header_dateline_beats_body_dates(ingest_dir: Path) -> None:
    art = _article(_page(ingest_dir, "header_dateline.html"))
    assert art.published == "2022-05-12"
    assert art.title == "Neue Radwege am Stadtpark freigegeben"
    assert art.outlet == "Stadt Mirrowtal"


def test_outlet_never_from_a_body_line(ingest_dir: Path) -> None:
    html = _page(ingest_dir, "press_release.html")
    art = _article(html, url="https://www.wire-desk.example/releases/42")
    assert art.outlet == "Wire Desk"  # the URL's host, not "Brightwater" from "About ..."
    assert _article(html, url="https://x.example/a", outlet="Given Name").outlet == "Given Name"
    assert _article(html).outlet is None


def test_url_date_wins_over_metadata(ingest_dir: Path) -> None:
    html = _page(ingest_dir, "site_suffix.html")
    art = _article(html, url="https://ledger.example/2024/03/13/trams")
    assert (art.published, art.published_source) == ("2024-03-13", "metadata")


def test_header_date_needs_the_headline(ingest_dir: Path) -> None:
    tree = load_html(_page(ingest_dir, "header_dateline.html"))
    assert header_date(tree, "Neue Radwege am Stadtpark freigegeben") == "2022-05-12"
    assert header_date(tree, "A headline the page does not have") is None
    assert header_date(tree, None) is None


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Headline here | Example Times", "Example Times", None, "Headline here"),
        ("Example Times - Headline here", "Example Times", None, "Headline here"),
        ("Headline here: Example Times", "Example Times", None, "Headline here"),
        ("Headline here - example.de", None, "https://www.example.de/a", "Headline here"),
        ("Headline here › Example", None, "https://example.org/a", "Headline here"),
        ("Covid-19: A headline - with a dash", None, None, "Covid-19: A headline - with a dash"),
        ("Example Times", "Example Times", None, None),  # never the site name alone
        ("example.org", None, "https://example.org/", None),
    ],
)
def test_strip_site(title: str, site: str | None, url: str | None, expected: str | None) -> None:
    assert strip_site(title, site, url) == expected


def test_names_site_and_agreement() -> None:
    assert names_site("Example.de", ["example"])
    assert names_site("EXAMPLE", ["example"])
    assert not names_site("An example headline", ["example"])
    assert agreement("Tram line reopens", "Tram line reopens after repairs") == 0.6
    assert agreement("", "x") == 0.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-19T12:25:36Z", "2020-01-19"),
        ("2022-5-5 22:17:36", "2022-05-05"),
        ("Di., 25.01.2022 - 14:45", "2022-01-25"),
        ("10/05/2022 05:22 pm", None),  # day and month order unknown
        ("1970-01-01", None),  # before 1990: a placeholder, not a date
        ("2999-01-01", None),  # in the future
    ],
)
def test_parse_meta_date(value: str, expected: str | None) -> None:
    assert parse_meta_date(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/2019/11/18/story/", "2019-11-18"),
        ("https://a.example/news/2019/11/8/12345/story", "2019-11-08"),
        ("https://a.example/story/2019-11-19/slug", "2019-11-19"),
        ("https://a.example/x/20191118/y", "2019-11-18"),
        ("https://a.example/columnists/201911181077343476-slug", None),
        ("https://a.example/2019/11/story", None),  # no day
        ("https://a.example/story?date=2019-11-19", None),  # the query is not the address
        (None, None),
    ],
)
def test_url_date(url: str | None, expected: str | None) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pressemitteilung vom 20.01.2022", "2022-01-20"),
        ("Dienstag, 1. Februar 2022 12:10", "2022-02-01"),
        ("sabado 07 de mayo del 2022", "2022-05-07"),
        ("Mise en ligne 23 mai 2019", "2019-05-23"),
        ("Updated May 7, 2022", "2022-05-07"),
        ("no date here 2022", None),
    ],
)
def test_visible_date(text: str, expected: str | None) -> None:
    assert visible_date(text) == expected


def test_repair_mojibake_uses_the_declared_charset() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"/><p>话剧</p>'
    assert repair_mojibake(page.encode("gb2312").decode("latin-1")) == page
    utf8 = '<meta charset="utf-8"><p>Café über</p>'
    assert repair_mojibake(utf8.encode("utf-8").decode("latin-1")) == utf8
    assert repair_mojibake(utf8) == utf8  # already right
    latin = '<meta charset="utf-8"><p>M\u00fcnchen</p>'  # does not decode as UTF-8 bytes
    assert repair_mojibake(latin) == latin
    declared_latin = '<meta charset="iso-8859-1"><p>CafÃ©</p>'
    assert repair_mojibake(declared_latin) == declared_latin


def test_written_out_metadata_date() -> None:
    assert parse_meta_date("Sat, 19 Oct 2019 00:04:00 +0200") == "2019-10-19"


def test_site_name_from_metadata_never_a_url_or_handle() -> None:
    def site(head: str) -> str | None:
        tree = load_html(f"<html><head>{head}</head><body><p>Some text here.</p></body></html>")
        return page_meta(tree, None).site_name

    assert site('<meta property="og:site_name" content="@ledger">') == "ledger"
    assert site('<meta property="og:site_name" content="https://ledger.example">') is None
    ld = '{"@type": "NewsArticle", "publisher": {"name": "Harbour Post"}}'
    assert site(f'<script type="application/ld+json">{ld}</script>') == "Harbour Post"


def test_header_dateline_beats_a_generic_date_field_not_an_explicit_one(
    ingest_dir: Path,
) -> None:
    html = _page(ingest_dir, "header_dateline.html")
    generic = html.replace("<head>", '<head><meta name="date" content="2022-05-20">')
    assert _article(generic).published == "2022-05-12"
    explicit = html.replace(
        "<head>", '<head><meta property="article:published_time" content="2022-05-20">'
    )
    assert _article(explicit).published == "2022-05-20"


def test_header_dateline_after_a_standfirst_but_not_after_the_body() -> None:
    def date(after_headline: str) -> str | None:
        html = f"<html><body><h1>Ferry crews strike</h1>{after_headline}</body></html>"
        return header_date(load_html(html), "Ferry crews strike")

    standfirst = "<p>" + "Crews on the islands walked out after the union rejected the offer. " * 2
    assert date(standfirst + "</p><p>By Ana Ruiz</p><time>19.10.2019, 05:00</time>") == (
        "2019-10-19"
    )
    body = "<p>" + "The operator said the offer was final and generous to all its crews. " * 2
    # a second long piece is the body: a date line after it is not the header's
    assert date(standfirst + "</p>" + body + "</p><p>19.10.2019</p>") is None
