"""Outlet, dates, language and ids of cleaned articles."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from corroborate.clean import clean_document, infer_published, outlet_from_url, resolve_outlet
from corroborate.clean.language import detect_language, normalise_language
from corroborate.clean.metadata import (
    content_id,
    parse_published,
    self_reference_outlet,
    take_date_marker,
)
from corroborate.types import Article, RawDocument, SourceRef

BODY = (
    "Council approves tram line\n\n"
    "The city council approved a 12-kilometre tram line after a three-hour debate, "
    "officials said.\n\n"
    "Construction is due to start in the spring and the first trams should run within "
    "three years, the transport department said in a statement.\n"
)


def _raw(text: str = BODY, **kw: object) -> RawDocument:
    return RawDocument(source="doc.txt", format="text", text=text, **kw)  # type: ignore[arg-type]


def _clean(raw: RawDocument) -> Article:
    art = clean_document(raw)
    assert isinstance(art, Article), art
    return art


def _fixture(fixtures_dir: Path, name: str, **kw: object) -> Article:
    path = fixtures_dir / "clean" / name
    return _clean(
        RawDocument(source=str(path), format="text", text=path.read_text(encoding="utf-8"), **kw)  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------- outlet


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.harbourview.com/news/1", "Harbourview"),
        ("https://news.the-daily-lantern.org/a", "The Daily Lantern"),
        ("http://www.kfx.co.uk/story", "KFX"),
        ("m.valleypost.com.au", "Valleypost"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, name: str | None) -> None:
    assert outlet_from_url(url) == name


def test_outlet_from_self_references(fixtures_dir: Path) -> None:
    assert _fixture(fixtures_dir, "northwind_ferry.txt").outlet == "Northwind Radio"
    # a dump whose only repeated capitalised lines are photo credits names no outlet
    assert _fixture(fixtures_dir, "valley_floods.txt").outlet is None


def test_self_reference_needs_two_ui_lines_and_no_body_use() -> None:
    lines = [
        "Listen to Gull FM",
        "Gull FM App",
        "The mayor told Gull FM on Monday that the plan was dead.",
    ]
    assert self_reference_outlet(lines) is None
    assert (
        self_reference_outlet([*lines[:2], "Some other sentence that is long enough here."])
        == "Gull FM"
    )


def test_outlet_priority(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "clean" / "northwind_ferry.txt").read_text(encoding="utf-8")
    assert resolve_outlet(_raw(text, outlet="Given Name")) == "Given Name"
    # the dump's own spelling wins when it spells the domain label
    assert resolve_outlet(_raw(text, url="https://www.northwindradio.net/x")) == "Northwind Radio"
    assert resolve_outlet(_raw(text, url="https://www.other-site.com/x")) == "Other Site"
    art = _clean(_raw(outlet="Tram Times", url="https://tramtimes.example/a", id="tt-1"))
    assert art.sources == (
        SourceRef(
            path="doc.txt", url="https://tramtimes.example/a", outlet="Tram Times", id="tt-1"
        ),
    )


# ------------------------------------------------------------------- dates


def test_date_from_metadata() -> None:
    art = _clean(_raw(published="Tue, 14 Mar 2023 08:30:00 GMT"))
    assert (art.published, art.published_source) == ("2023-03-14", "metadata")
    assert parse_published("2023-03-14T23:59:00Z") == "2023-03-14"
    assert parse_published("14 March 2023") == "2023-03-14"
    assert parse_published("garbage") is None


def test_date_from_leading_marker(fixtures_dir: Path) -> None:
    art = _fixture(fixtures_dir, "marker_grid.txt")
    assert (art.published, art.published_source) == ("2022-03-14", "text")
    assert art.text.startswith("The grid operator said the outage was caused by a substation fire.")
    assert "date" not in art.text.split("\n\n")[0].split()[0]


def test_date_from_top_dateline(fixtures_dir: Path) -> None:
    art = _fixture(fixtures_dir, "dateline_library.txt")
    assert (art.published, art.published_source) == ("2023-03-03", "text")
    assert "9:15" not in art.text
    assert art.title == "Ashford library reopens after two-year restoration"


def test_metadata_beats_text(fixtures_dir: Path) -> None:
    art = _fixture(fixtures_dir, "marker_grid.txt", published="2022-03-15")
    assert (art.published, art.published_source) == ("2022-03-15", "metadata")


def test_take_date_marker_leaves_sentences_alone() -> None:
    lines = ["The strike began on March 3, 2023, and ended a week later."]
    assert take_date_marker(lines) == (None, lines)
    assert take_date_marker(["Published: 4 May 2021 10:02 BST", "Text."]) == (
        "2021-05-04",
        ["", "Text."],
    )


def test_date_inferred_from_latest_date_and_weekdays(fixtures_dir: Path) -> None:
    # latest full date March 8, 2023 (a Wednesday); past-tense Wednesday and Thursday
    art = _fixture(fixtures_dir, "northwind_ferry.txt")
    assert (art.published, art.published_source) == ("2023-03-09", "inferred")


def test_infer_published_rules() -> None:
    today = dt.date(2030, 1, 1)
    # Friday 2021-02-05 is the latest date; events on Friday, Monday, Tuesday
    texts = [
        "The envoy visited on February 5, 2021.",
        "On Friday the ministry expelled three diplomats.",
        "On Monday three countries responded.",
        "The ministry hit back on Tuesday.",
        "Supporters will gather this Sunday.",
    ]
    assert infer_published(texts, today=today) == "2021-02-09"
    assert infer_published(texts[:1], today=today) == "2021-02-05"
    # future sentences and future dates do not count
    assert infer_published(["Talks will resume on May 1, 2021."], today=today) is None
    assert infer_published(["It happened on May 1, 2031."], today=today) is None
    assert infer_published(["No dates at all."], today=today) is None


def test_date_unknown() -> None:
    art = _clean(_raw())
    assert (art.published, art.published_source) == (None, "unknown")


def test_date_from_the_urls_path_when_no_published_is_given(fixtures_dir: Path) -> None:
    """A record with a URL and no ``published`` is dated by the publisher's own date in the
    URL's path, as a page is; a given date still wins, and a URL without a full date (or
    with one only in the host) leaves the text's date markers to decide."""
    url = "https://news.example.org/local/2023/03/14/council-approves-tram-line"
    art = _clean(_raw(url=url))
    assert (art.published, art.published_source) == ("2023-03-14", "metadata")
    art = _clean(_raw(url=url, published="2023-03-15"))
    assert (art.published, art.published_source) == ("2023-03-15", "metadata")
    art = _fixture(fixtures_dir, "marker_grid.txt", url="https://grid.example.org/2022/03/outage")
    assert (art.published, art.published_source) == ("2022-03-14", "text")
    art = _clean(_raw(url="https://2023-03-14.example.org/tram"))
    assert (art.published, art.published_source) == (None, "unknown")


# ------------------------------------------------------------------- language, ids


def test_language() -> None:
    assert _clean(_raw()).language == "en"
    german = (
        "Der Stadtrat hat am Montag nach langer Debatte eine neue Straßenbahnlinie beschlossen. "
        "Die Bauarbeiten sollen im Frühjahr beginnen, teilte die Verwaltung mit. "
        "Kritiker hätten das Geld lieber in Busse investiert."
    )
    art = _clean(RawDocument(source="de.txt", format="text", text=german, needs_cleaning=False))
    assert art.language == "de"
    assert detect_language("ok") is None
    assert normalise_language("en-US") == "en"


def test_ids_and_hash() -> None:
    art = _clean(_raw())
    norm = " ".join(art.text.lower().split())
    assert art.content_hash == hashlib.sha256(norm.encode()).hexdigest()
    assert art.id == art.content_hash[:16] == content_id(art.text)
    # stable across runs and whitespace variants of the same dump
    assert _clean(_raw(BODY.replace(" ", "  "))).id == art.id
    assert _clean(_raw(id="given-7")).id == "given-7"
    assert art.path == "doc.txt"


def test_extracted_body_gets_title_prepended() -> None:
    body = BODY.split("\n\n", 1)[1]
    art = _clean(
        RawDocument(
            source="x.html",
            format="html",
            text=body,
            title="Tram line approved",
            needs_cleaning=False,
        )
    )
    assert art.text.startswith("Tram line approved\n\nThe city council approved")
    assert art.title == "Tram line approved"


def test_html_only_document_is_extracted() -> None:
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")[1:]) * 3
    html = (
        "<html><head><title>Tram line approved</title></head><body><article>"
        f"<h1>Tram line approved</h1>{paras}</article></body></html>"
    )
    result = clean_document(RawDocument(source="p.html", format="html", html=html))
    assert isinstance(result, Article), result
    assert "tram line" in result.text


def test_closing_about_lines_never_name_the_outlet() -> None:
    # a press release's closing lines name the company twice in short lines, never the masthead
    lines = [
        "Brightwater Labs opens second research site",
        "The company opened its second site today, a converted warehouse on the river.",
        "Forty scientists will work there on filters for rural water systems.",
        "Officials toured the test halls and the new rainwater tank on the roof.",
        "The building has solar panels on its roof and a loading dock for trucks.",
        "Construction took fourteen months and employed local firms throughout.",
        "Local schools will be invited to visit the test halls next spring.",
        "The firm said hiring for the new site would begin in the coming weeks.",
        "Its first site, opened six years ago, will keep its current staff.",
        "Analysts said the expansion matched growing demand from regional utilities.",
        "About Brightwater",
        "Brightwater Media Contact",
    ]
    assert self_reference_outlet(lines) is None
    # the same two lines with one of them in the masthead do name it
    assert self_reference_outlet(["Brightwater Newsroom", *lines[1:10], lines[11]]) == (
        "Brightwater"
    )


def test_press_release_dateline_at_the_top() -> None:
    lines = ["A standfirst line.", "Kestrel Bay | Ostbridge, 11. November 2021", "Body text."]
    assert take_date_marker(lines) == ("2021-11-11", ["A standfirst line.", "", "Body text."])
    # not a birth line, not a sentence, not a dateline with text after the date
    assert take_date_marker(["Born in Kestrel Bay, March 3, 1923"])[0] is None
    assert take_date_marker(["In Moscow, March 3, 2023, crews walked out."])[0] is None


@pytest.mark.parametrize(
    "line",
    [
        "Updated: July 7, 2012, 10:04 PM ET",
        "Posted: 4 May 2021 at 9:15 a.m. EST",
        # a weekday before the date, an "@" before the time, a "|" after it
        "Posted: Tuesday, March 14, 2023 9:05 am |",
        "Published: Friday, June 2, 2023 @ 4:41 PM",
        "PUBLISHED: WEDNESDAY, APRIL 5, 2023, 7:12 PM",
    ],
)
def test_a_date_marker_takes_its_clock_time_and_zone(line: str) -> None:
    # "PM" in capitals was left behind with the zone ("ET"), a lone line the cleaner then
    # took for a photo credit, dropping the headline above it as its caption
    day, lines = take_date_marker(["Kestrel Pilots Win Again", line, "Body text."])
    assert day is not None and lines == ["Kestrel Pilots Win Again", "", "Body text."]


def test_a_marker_with_a_weekday_still_leaves_sentences_alone() -> None:
    line = "Posted on Monday, the report said the strike began on March 3, 2023."
    assert take_date_marker([line])[0] is None


def test_time_stamp_lines() -> None:
    from corroborate.clean.metadata import is_time_stamp

    assert is_time_stamp("Posted: 04/9/2012 8:33 am Updated: 04/9/2012 8:33 am")
    assert is_time_stamp("Last Updated: Monday, 28 November 2005, 02:24 GMT")
    assert is_time_stamp("UPDATE 9:05 AM")
    assert not is_time_stamp("Ten dead in quake on May 3, 2013 as buildings fall")
    assert not is_time_stamp("Velmar dock talks resume")
    assert not is_time_stamp("Shots fired at 9:30 on Elm Street")
