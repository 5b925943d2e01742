"""The HTML report: structure, anchors, escaping, self-containment, overlapping highlights."""

from __future__ import annotations

import copy
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from lxml import etree

from corroborate.present.report import render_report, render_story, write_report
from corroborate.present.report.anchors import slug, span_id
from corroborate.present.report.chart import fmt_interval
from corroborate.present.report.highlight import SpanSet, highlight
from corroborate.present.report.view import date_range, fmt_date

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "present" / "dossier.json"
XSS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
SECTIONS = ["brief", "board", "people", "timeline", "quotes", "coverage", "articles"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@pytest.fixture(scope="module")
def dossier() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def page(dossier: dict[str, Any]) -> str:
    return render_report(dossier)


@pytest.fixture(scope="module")
def doc(page: str) -> Any:
    return lxml.html.document_fromstring(page)


class _Nesting(HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]} at {self.getpos()}")
        else:
            self.stack.pop()


def _nesting_errors(markup: str) -> list[str]:
    parser = _Nesting()
    parser.feed(markup)
    parser.close()
    return parser.errors + [f"unclosed {t}" for t in parser.stack]


# --------------------------------------------------------------------------- fixture sanity


def test_fixture_offsets_match_the_text(dossier: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    story = dossier["stories"][0]
    evidence = [m for e in story["entities"] for m in e["mentions"]]
    evidence += [r for f in story["figures"] for r in f["reports"]]
    evidence += [e for c in story["claims"] for e in c["support"] + c.get("contradicted_by", [])]
    evidence += [r for q in story["quotes"] for r in q["reports"]]
    for ev in evidence:
        assert texts[ev["article_id"]][ev["start"] : ev["end"]] == ev["text"]


# --------------------------------------------------------------------------- structure


def test_page_is_well_formed(page: str, doc: Any) -> None:
    assert page.startswith("<!doctype html>")
    assert _nesting_errors(page) == []
    assert doc.find("head/title") is not None
    assert doc.xpath("//meta[@charset='utf-8']")
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_sections_in_order_brief_then_verdict_board(doc: Any) -> None:
    story = doc.xpath("//article[contains(@class,'story')]")[0]
    assert story.xpath("./header")[0].xpath(".//h2")[0].text_content().startswith("Flood at")
    sections = [s.get("data-section") for s in story.xpath("./section")]
    assert sections == SECTIONS
    groups = [
        g.get("data-group")
        for g in story.xpath(".//section[@data-section='board']//details[@data-group]")
    ]
    assert groups == ["contested", "corroborated", "single"]


def test_story_header_has_dates_outlets_and_count(doc: Any) -> None:
    header = doc.xpath("//article[contains(@class,'story')]/header")[0].text_content()
    assert "6 May 2024 – 7 May 2024" in header
    for outlet in ("Alpha Post", "Beta Times", "riverton.txt"):
        assert outlet in header
    assert "Articles3" in " ".join(header.split()).replace(" ", "")


def test_verdict_board_puts_each_outlets_version_side_by_side(doc: Any) -> None:
    board = doc.xpath("//section[@data-section='board']")[0]
    contested = board.xpath(".//details[@data-group='contested']//tbody[@data-verdict]")
    assert [t.get("data-kind") for t in contested] == ["figure", "claim"]
    figure = contested[0]
    cells = figure.xpath("./tr[1]/td")
    assert "about 300 homes" in cells[0].text_content()
    assert "≈ [270, 300]" not in cells[0].text_content()
    assert "[270, 330]" in cells[0].text_content()
    assert "[1,200, ∞)" in cells[1].text_content()
    assert cells[2].xpath(".//span[@class='absent']")
    claim = contested[1]
    assert "contra" in claim.xpath("./tr[1]/td")[1].get("class")
    corroborated = board.xpath(".//details[@data-group='corroborated']//tbody")
    assert [t.get("data-kind") for t in corroborated] == ["claim"]
    single = board.xpath(".//details[@data-group='single']//tbody")
    assert sorted(t.get("data-kind") for t in single) == ["claim", "figure"]
    for row in contested + corroborated + single:
        assert row.xpath(".//a[@class='ev']"), "every version links to its span"


def test_conflicting_figure_has_an_interval_chart_with_open_end_arrow(
    doc: Any, dossier: dict[str, Any]
) -> None:
    figure = doc.xpath("//details[@data-group='contested']//tbody[@data-kind='figure']")[0]
    svg = figure.xpath(".//svg")
    assert len(svg) == 1
    assert svg[0].xpath(".//*[local-name()='path' and @class='arrow']"), "open end drawn as arrow"
    links = [a.get("href") for a in svg[0].xpath(".//*[local-name()='a']")]
    reports = dossier["stories"][0]["figures"][0]["reports"]
    assert links == ["#" + span_id(r["article_id"], r["start"], r["end"]) for r in reports]


def test_entities_quotes_timeline_coverage(doc: Any) -> None:
    people = doc.xpath("//section[@data-section='people']//tbody/tr")
    assert [r.xpath("./th")[0].text_content() for r in people][:1] == ["Ivo Petrak"]
    petrak = people[0].text_content()
    assert "Petrak" in petrak and "Mayor" in petrak and "riverton.txt" in petrak
    quotes = doc.xpath("//section[@data-section='quotes']")[0].text_content()
    assert "We have never seen water this high. Help is on the way." in quotes
    assert "Unattributed" in quotes
    timeline = doc.xpath("//section[@data-section='timeline']//li")
    assert [t.xpath(".//time")[0].text_content() for t in timeline] == ["6 May 2024", "May 2024"]
    matrix = doc.xpath("//table[contains(@class,'matrix')]/tbody/tr")
    assert len(matrix) == 3
    assert "✕" in matrix[1].text_content()  # Beta Times contradicts claim 1
    # what an outlet alone reports: counted per row, linked to its group on the board
    riverton = matrix[2]
    alone = riverton.xpath("./td[last()]/a")[0]
    group = doc.xpath(f"//*[@id='{alone.get('href')[1:]}']")[0]
    assert group.tag == "details" and "asked the army for help" in group.text_content()
    assert alone.text_content() == "1"


def test_provenance_and_rejected_inputs(doc: Any) -> None:
    arts = doc.xpath("//article[contains(@class,'source-article')]")
    assert len(arts) == 3
    alpha = arts[0].text_content()
    assert "https://alpha.example/news/1" in alpha
    assert "(metadata)" in alpha and "alpha-1-amp" in alpha and "in/alpha.html" in alpha
    assert "(unknown)" in arts[2].text_content()
    rejected = doc.xpath("//section[@id='rejected']//tbody/tr")
    assert len(rejected) == 2
    assert XSS[0] in rejected[0].text_content() and XSS[1] in rejected[0].text_content()


# --------------------------------------------------------------------------- links and anchors


def test_every_internal_link_has_a_target(doc: Any) -> None:
    ids = set(doc.xpath("//@id"))
    hrefs = [h for h in doc.xpath("//@href") if h.startswith("#")]
    assert len(hrefs) > 30
    missing = [h for h in hrefs if h[1:] not in ids]
    assert missing == []


def test_evidence_links_land_on_highlighted_spans(doc: Any, dossier: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    for ev_link in doc.xpath("//a[contains(@class,'ev')]"):
        target = doc.get_element_by_id(ev_link.get("href")[1:])
        if target.tag == "tr":  # entity links from the quotes section
            continue
        assert "hl" in target.get("class").split()
        _, rest = target.get("id").split("-", 1)
        start, end = (int(x) for x in rest.rsplit("-", 2)[1:])
        article = target.xpath("ancestor::article[contains(@class,'source-article')]")[0]
        aid = next(a for a in texts if article.get("id") == f"art-{slug(a)}")
        assert texts[aid][start:end].startswith(target.text_content())


def test_span_anchor_ids_follow_the_documented_pattern() -> None:
    assert span_id("alpha-1", 3, 9) == "a-alpha-1-3-9"
    unsafe = span_id("notes:3", 0, 8)
    assert unsafe.startswith("a-notes-3-") and unsafe.endswith("-0-8")
    assert slug("a b") != slug("a:b")


# --------------------------------------------------------------------------- escaping, safety


def test_xss_strings_render_as_text(page: str, doc: Any) -> None:
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and "alert(1)" not in scripts[0].text_content()
    assert doc.xpath("//img") == []
    assert doc.xpath("//@onerror") == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    title = doc.xpath("//article[contains(@class,'source-article')]//h4")[0].text_content()
    assert title == "Flood at Riverton " + XSS[0]
    text = doc.xpath("//div[@class='article-text']")[0].text_content()
    assert XSS[1] in text


def test_no_external_resources(page: str, doc: Any, dossier: dict[str, Any]) -> None:
    assert doc.xpath("//@src") == []
    assert doc.xpath("//link") == []
    urls = {a["url"] for a in dossier["articles"] if a["url"]}
    external = [h for h in doc.xpath("//@href") if not h.startswith("#")]
    assert external and set(external) <= urls
    assert "url(" not in page.split("<style>", 1)[1].split("</style>", 1)[0]
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp


def test_javascript_urls_are_not_linked(dossier: dict[str, Any]) -> None:
    evil = copy.deepcopy(dossier)
    evil["articles"][0]["url"] = "javascript:alert(1)"
    doc = lxml.html.document_fromstring(render_report(evil))
    assert not [h for h in doc.xpath("//@href") if "javascript" in h]


# --------------------------------------------------------------------------- overlapping spans


def test_crossing_spans_are_split_and_text_is_intact(doc: Any, dossier: dict[str, Any]) -> None:
    alpha = dossier["articles"][0]["text"]
    body = doc.xpath("//div[@class='article-text']")[0]
    assert body.text_content() == alpha
    quote = dossier["stories"][0]["quotes"][0]["reports"][0]
    anchor = span_id("alpha-1", quote["start"], quote["end"])
    head = body.get_element_by_id(anchor)
    parts = body.xpath(f".//*[@data-part-of='{anchor}']")
    assert parts, "the quote crosses the claim sentence, so it is split"
    assert head.text_content() + "".join(p.text_content() for p in parts) == quote["text"]
    # without JS, a rule highlights the later pieces when the first is the target
    assert f'.article-text:has(#{anchor}:target) [data-part-of="{anchor}"]' in lxml.html.tostring(
        doc, encoding="unicode"
    )


def test_highlight_random_overlaps_stay_well_nested() -> None:
    rng = random.Random(7)
    alphabet = "ab <>&\"'\n"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        spans = SpanSet("doc:1", len(text))
        wanted = []
        for _ in range(rng.randint(0, 8)):
            s = rng.randint(-2, len(text))
            e = rng.randint(s, len(text) + 2)
            if spans.add(s, e, rng.choice(["mention", "quote", "figure", "claim"]), "x<y"):
                wanted.append((s, e))
        markup, split = highlight(text, spans.spans())
        tree = etree.fromstring(f"<div>{markup}</div>")  # strict XML: fails on bad nesting
        assert "".join(tree.itertext()) == text
        for s, e in set(wanted):
            sid = span_id("doc:1", s, e)
            head = tree.xpath(f"//*[@id='{sid}']")
            assert len(head) == 1
            pieces = [head[0], *tree.xpath(f"//*[@data-part-of='{sid}']")]
            assert "".join("".join(p.itertext()) for p in pieces) == text[s:e]
            assert (len(pieces) > 1) == (sid in split)


def test_equal_spans_merge_into_one_element() -> None:
    spans = SpanSet("x", 10)
    first = spans.add(0, 5, "claim", "Claim")
    assert spans.add(0, 5, "quote", "Quote") == first
    markup, _ = highlight("hello world", spans.spans())
    assert markup.count("<span") == 1 and "hl-claim hl-quote" in markup


# --------------------------------------------------------------------------- API


def test_render_story_is_a_fragment(dossier: dict[str, Any]) -> None:
    articles = {a["id"]: a for a in dossier["articles"]}
    fragment = render_story(dossier["stories"][0], articles)
    assert not re.search(r"<(html|head|body|meta)\b", fragment)
    assert "<script" not in fragment
    assert _nesting_errors(fragment) == []
    root = lxml.html.fragment_fromstring(fragment)
    assert root.tag == "article" and root.get("id") == "story-S1"
    assert [s.get("data-section") for s in root.xpath("./section")] == SECTIONS


def test_write_report(tmp_path: Path, dossier: dict[str, Any]) -> None:
    out = tmp_path / "out" / "report.html"
    write_report(dossier, out)
    assert out.read_text(encoding="utf-8") == render_report(dossier)
    assert not list(out.parent.glob("*.tmp"))


def test_missing_extras_and_empty_dossier_still_render(dossier: dict[str, Any]) -> None:
    bare = copy.deepcopy(dossier)
    story = bare["stories"][0]
    for key in ("first_published", "last_published", "coverage"):
        story.pop(key, None)
    for claim in story["claims"]:
        for key in ("contradicted_by", "explanation", "outlets"):
            claim.pop(key, None)
        for ev in claim["support"]:
            ev.pop("text")
    story["figures"][0]["reports"][0]["start"] = 10_000  # offsets outside the text
    story["article_ids"].append("never-stored")
    page = render_report(bare)
    doc = lxml.html.document_fromstring(page)
    ids = set(doc.xpath("//@id"))
    assert all(h[1:] in ids for h in doc.xpath("//@href") if h.startswith("#"))
    assert "Officials in Riverton said on Monday" in page
    empty = render_report({"schema": "corroborate/dossier@1", "articles": [], "stories": []})
    assert "No stories" in empty


def test_two_stories_sharing_an_article_render_its_text_once(dossier: dict[str, Any]) -> None:
    two = copy.deepcopy(dossier)
    second = copy.deepcopy(two["stories"][0])
    second["id"] = "S2"
    second["title"] = "Second story"
    two["stories"].append(second)
    doc = lxml.html.document_fromstring(render_report(two))
    assert len(doc.xpath("//div[@class='article-text']")) == 3
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert all(h[1:] in set(ids) for h in doc.xpath("//@href") if h.startswith("#"))


def test_formatting_helpers() -> None:
    assert fmt_interval(11000, None) == "[11,000, ∞)"
    assert fmt_interval(None, 5) == "(−∞, 5]"
    assert fmt_interval(30, 30) == "30"
    assert fmt_interval(0.25, 1.5) == "[0.25, 1.5]"
    assert fmt_date("2021-02-09") == "9 Feb 2021"
    assert fmt_date("2021-02-01", "month") == "February 2021"
    assert fmt_date("2021-02-08", "week") == "week of 8 Feb 2021"
    assert date_range("2021-02-09", "2021-02-09") == "9 Feb 2021"
    assert date_range(None, None) == "date unknown"


def test_quote_kinds_are_shown_differently(dossier: dict[str, Any]) -> None:
    shown = copy.deepcopy(dossier)
    quotes = shown["stories"][0]["quotes"]
    assert len(quotes) >= 2
    quotes[0]["kind"] = "reported"
    quotes[1]["kind"] = "partial"
    doc = lxml.html.document_fromstring(render_report(shown))
    section = doc.xpath("//section[@data-section='quotes']")[0]
    reported = section.xpath(".//p[@class='reported']")
    assert [" ".join(p.text_content().split()) for p in reported] == [
        "reported speech " + " ".join(quotes[0]["text"].split())
    ]
    # reported speech is never inside quotation marks (a blockquote adds them)
    assert all(
        quotes[0]["text"] not in (b.text_content() or "") for b in section.xpath(".//blockquote")
    )
    assert section.xpath(".//blockquote[@class='partial']")


def test_unnamed_participants_are_listed_apart_and_capped(dossier: dict[str, Any]) -> None:
    from corroborate.present.report.view import MAX_UNNAMED

    data = copy.deepcopy(dossier)
    story = data["stories"][0]
    spans = [m for e in story["entities"] for m in e["mentions"]]
    unnamed = [
        {
            "id": f"{story['id']}-U{k}",
            "name": f"thing{k}",
            "type": "UNNAMED",
            "aliases": [f"the thing{k}"],
            "roles": [],
            "mentions": spans[:2],
        }
        for k in range(1, MAX_UNNAMED + 3)
    ]
    topic = {  # what the reports discuss ("the decision"): in neither list
        "id": f"{story['id']}-D1",
        "name": "decision",
        "type": "TOPIC",
        "aliases": ["the decision"],
        "roles": [],
        "mentions": spans[:2],
    }
    story["entities"] = story["entities"] + unnamed + [topic]
    html = lxml.html.document_fromstring(render_report(data))
    people = html.xpath("//section[@data-section='people']")[0]
    rows = [r.xpath("./th")[0].text_content() for r in people.xpath(".//tbody/tr")]
    assert rows and not any(r.startswith(("thing", "decision")) for r in rows)
    listed = people.xpath(".//ul[@class='unnamed']/li")
    assert len(listed) == MAX_UNNAMED
    assert "decision" not in " ".join(li.text_content() for li in listed)
    [topics] = people.xpath(".//p[contains(@class, 'topics')]")
    assert topics.text_content() == "Discussed in the reports: decision."
    first = listed[0].text_content()
    assert first.startswith("thing1") and "(the thing1)" in first and "×" in first
    assert listed[0].xpath(".//a[@class='ev']")  # linked to a mention
    assert "2 more in the dossier" in people.text_content()
