"""Page metadata of an HTML article: headline, site name and publication date.

Nothing here knows a site. The rules were written from the failures on the trafilatura
evaluation pages (290 pages, gold titles and dates) and checked on the scrapinghub pages
(bodies, and the dates their URLs carry); see docs/cleaning.md, "HTML pages".

* **Site name**: ``og:site_name``, ``application-name``, the JSON-LD publisher's or web site's
  name (never a URL), else None (the caller falls back to the URL's host).
* **Title**: the page's own titles (``og:title``, ``twitter:title``, JSON-LD ``headline``,
  ``<title>``) carry the site's name ("Headline | Site", "Site - Headline"); it is cut off
  when a segment at either end names the site (site name or URL host). The visible headline
  (an ``h1``, else an ``h2``, or the inner span of one) that agrees with those titles wins
  over them: it is what readers see, and meta titles are often shortened or written for
  search engines. A heading that names the site never counts, and no title is ever the
  site name alone.
* **Date**: a full date in the URL's path; else the explicit publication dates (meta tags,
  JSON-LD ``datePublished``, ``itemprop=datePublished``), the one the header dateline shows
  when they disagree; else the header dateline (a short date line right after, or just
  before, the headline); else the generic date fields (``date``, ``dc.date``); else
  htmldate without its free-text search (dated markup); else a
  short date line just above the body. Never a date from the text of the page at large: a
  date in a sentence may be a birth date or an earlier event.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from corroborate.clean.metadata import find_dateline_dates, plausible_day, url_date
from corroborate.clean.title import names_site, site_keys, strip_site

#: A heading agrees with a meta title when at least this share of the longer one's words
#: are in the other (trafilatura pages: 250 of 290 titles right at 0.3-0.5, 245 at 0.6,
#: 241 at 0.7; the highest of the plateau keeps unrelated headings out).
AGREEMENT = 0.5
#: Headings longer than this (in words) are paragraphs styled as headings.
MAX_HEADING_WORDS = 40

_WORD = re.compile(r"\w+")

_META_TITLES = ("og:title", "twitter:title", "title", "dc.title", "headline")
_META_SITES = ("og:site_name", "application-name", "al:android:app_name", "al:ios:app_name")
_META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
)
# Date fields that do not say which date they are (publication, modification, crawl): they
# count after the header dateline.
_META_DATED = (
    "dc.date.created",
    "dcterms.created",
    "citation_date",
    "date",
    "dc.date",
    "dcterms.date",
)
_ISO_DATE = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d\d?)[-/.](?P<d>\d\d?)(?!\d)")
_DMY_DATE = re.compile(r"(?<!\d)(?P<d>\d\d?)\.\s?(?P<m>\d\d?)\.\s?(?P<y>(?:19|20)\d\d)(?!\d)")

#: The header dateline is looked for in the page text right after the headline: at most
#: this many words, in pieces (text nodes) of at most HEADER_PIECE_WORDS words each.
HEADER_WORDS = 60
HEADER_PIECE_WORDS = 12
HEADER_BEFORE_WORDS = 15
#: A date line counts as the lead's when it is at most this many words above the body.
LEAD_WORDS = 80
_SENTENCE = re.compile(r"\w{2,}[.!?][\"'”’)]*$")

logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself."""

    title: str | None = None
    site_name: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_from: str | None = None  # "metadata" | "url" | "markup"


def page_meta(
    tree: HtmlElement,
    url: str | None,
    body_start: str | None = None,
    markup_date: str | None = None,
) -> PageMeta:
    """Title, site name and publication date of a parsed page.

    ``url`` is the page's address when known; ``body_start`` the first words of the
    extracted article body (the heading nearest before it is the headline when the page
    has no meta title); ``markup_date`` what htmldate found without its free-text search
    (used only when neither the metadata nor the URL gives a date).
    """
    meta = _meta_values(tree)
    ld = list(_json_ld(tree))
    site = _site_name(meta, ld)
    title = choose_title(tree, meta, ld, site, url, body_start)
    published, source = _published(tree, meta, ld, url, header_date(tree, title))
    if published is None and markup_date and (day := parse_meta_date(markup_date)):
        published, source = day, "markup"
    if published is None and (day := lead_date(tree, body_start)):
        published, source = day, "lead"
    return PageMeta(title=title, site_name=site, published=published, published_from=source)


# --------------------------------------------------------------------------- reading


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased property/name/itemprop, in page order."""
    values: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = " ".join((element.get("content") or "").split())
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (element.get(attr) or "").strip().lower()
            if key:
                values.setdefault(key, []).append(content)
    return values


def _json_ld(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object of the page's JSON-LD scripts (nested ``@graph`` items included)."""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack[:0] = graph


def _ld_types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


# --------------------------------------------------------------------------- site name


def _site_name(meta: dict[str, list[str]], ld: list[dict[str, Any]]) -> str | None:
    for key in _META_SITES:
        for value in meta.get(key, []):
            value = value.lstrip("@").strip()  # a social handle as site name: "@example"
            if _usable_site(value):
                return value
    for item in ld:
        name = _ld_name(item.get("publisher"))
        if name and _usable_site(name):
            return name
    for item in ld:
        if "website" in _ld_types(item):
            name = _ld_name(item.get("name"))
            if name and _usable_site(name):
                return name
    return None


def _usable_site(name: str) -> bool:
    """A name, not an address (a URL as site name leaves the outlet to the URL's host)."""
    if re.match(r"^\s*(?:https?:)?//", name, re.I):
        return False
    return bool(_WORD.search(name)) and len(name.split()) <= 12


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def agreement(heading: str, reference: str) -> float:
    """Share of the longer text's words found in the other (0..1)."""
    a, b = _words(heading), _words(reference)
    if not a or not b:
        return 0.0
    shared = sum(1 for w in set(a) if w in set(b))
    return shared / max(len(set(a)), len(set(b)))


def _meta_titles(
    meta: dict[str, list[str]], ld: list[dict[str, Any]], tree: HtmlElement
) -> list[str]:
    titles: list[str] = []
    for key in _META_TITLES[:2]:
        titles += meta.get(key, [])
    for item in ld:
        headline = item.get("headline")
        if isinstance(headline, str) and headline.strip():
            titles.append(" ".join(headline.split()))
    for element in tree.iterfind(".//head//title"):
        text = _text(element)
        if text:
            titles.append(text)
    for key in _META_TITLES[2:4]:
        titles += meta.get(key, [])
    return list(dict.fromkeys(titles))


def _headings(
    tree: HtmlElement, body_start: str | None
) -> tuple[list[tuple[str, str, list[str]]], int]:
    """(tag, text, parts) of the body's h1/h2 headings in order, and the index of the last
    one before the body's first words (-1 when unknown). ``parts`` are the texts of the
    heading's inner elements (a kicker, a date and the headline proper are often spans)."""
    found: list[tuple[str, str, list[str]]] = []
    before = -1
    probe = " ".join((body_start or "").split())[:40]
    body = tree.find(".//body")
    root = body if body is not None else tree
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("h1", "h2"):
            text = _text(element)
            if text and len(text.split()) <= MAX_HEADING_WORDS:
                parts = [
                    part
                    for inner in element.iterdescendants()
                    if isinstance(inner.tag, str)
                    and len((part := _text(inner)).split()) >= 2
                    and part != text
                ]
                found.append((tag, text, list(dict.fromkeys(parts))))
            continue
        if probe and before < 0 and element.text and probe[:20] in " ".join(element.text.split()):
            before = len(found) - 1
    return found, before


def choose_title(
    tree: HtmlElement,
    meta: dict[str, list[str]],
    ld: list[dict[str, Any]],
    site: str | None,
    url: str | None,
    body_start: str | None = None,
) -> str | None:
    """The article's headline (see the module's rules)."""
    keys = site_keys(site, url)
    references = [r for t in _meta_titles(meta, ld, tree) if (r := strip_site(t, site, url))]
    headings, before = _headings(tree, body_start)
    usable = [
        (i, tag, text, parts)
        for i, (tag, text, parts) in enumerate(headings)
        if not names_site(text, keys)
    ]
    if references:
        best: tuple[tuple[int, float, int], str] | None = None
        for i, tag, text, parts in usable:
            # the heading, or the inner part of it that agrees best (ties: the whole heading)
            score, option = max(
                (
                    (max(agreement(o, r) for r in references), -k, o)
                    for k, o in enumerate([text, *parts])
                ),
            )[0::2]
            if score < AGREEMENT:
                continue
            key = (0 if tag == "h1" else 1, -score, i)
            if best is None or key < best[0]:
                best = (key, option)
        if best is not None:
            return best[1]
        return references[0]
    if 0 <= before < len(headings) and not names_site(headings[before][1], keys):
        return headings[before][1]
    h1s = [text for _, tag, text, _ in usable if tag == "h1"]
    return h1s[0] if h1s else None


# --------------------------------------------------------------------------- date


def parse_meta_date(value: str, today: dt.date | None = None) -> str | None:
    """``YYYY-MM-DD`` of a metadata date written ISO-like (``2020-01-19T12:25:36Z``: the date
    as written, not shifted to UTC), day-first with dots (``25.01.2022``) or with a month name
    (``Sat, 19 Oct 2019``); None otherwise (``10/05/2022``: day and month order unknown) or
    when outside 1990..today."""
    match = _ISO_DATE.match(value) or _DMY_DATE.search(value)
    if not match:
        # written out: "Sat, 19 Oct 2019 00:04:00 +0200", "October 19, 2019"
        return visible_date(value, today)
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return day.isoformat() if plausible_day(day, today) else None


def visible_date(text: str, today: dt.date | None = None) -> str | None:
    """The first full date written in ``text`` (see :func:`find_dateline_dates`), as
    ``YYYY-MM-DD``, when it lies in 1990..today; None otherwise."""
    for _s, _e, day in find_dateline_dates(text):
        if plausible_day(day, today):
            return day.isoformat()
    return None


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


def _pieces(root: HtmlElement) -> Iterator[tuple[str, str, HtmlElement | None]]:
    """The page's text in document order as (kind, text, element): ``heading`` (a whole
    h1-h6), ``time`` (a ``<time datetime>`` value) or ``text`` (one text node)."""
    stack: list[tuple[HtmlElement, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            if element.tail and element is not root:
                yield "text", element.tail, None
            continue
        stack.append((element, True))
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIP_TAGS:
            continue
        if tag in _HEADING_TAGS:
            yield "heading", _text(element), element
            continue
        if tag == "time" and element.get("datetime"):
            yield "time", element.get("datetime") or "", element
        if element.text:
            yield "text", element.text, None
        stack.extend((child, False) for child in reversed(element))


def header_date(tree: HtmlElement, title: str | None) -> str | None:
    """The dateline of the article's header: the first date in the short text pieces (or a
    ``<time datetime>``, or a short sub-heading) right after the headline element, within
    :data:`HEADER_WORDS` words and before any longer text other than one standfirst right
    under the headline; else in the short pieces right before it (a kicker line). The body
    never supplies it."""
    if not title:
        return None
    body = tree.find(".//body")
    pieces = list(_pieces(body if body is not None else tree))
    at = next((i for i, (k, t, _) in enumerate(pieces) if k == "heading" and title in t), None)
    if at is None:
        return None

    def scan(indices: Iterable[int], limit: int, standfirst: bool) -> str | None:
        words = 0
        for i in indices:
            kind, raw, _ = pieces[i]
            if kind == "time":
                if day := parse_meta_date(raw):
                    return day
                continue
            text = " ".join(raw.split())
            if not text:
                continue
            if kind == "text" and len(text.split()) > HEADER_PIECE_WORDS:
                if not (standfirst and words == 0):
                    return None
                words += len(text.split())  # a standfirst right under the headline
                continue
            short = len(text.split()) <= HEADER_PIECE_WORDS
            if (kind == "text" or short) and (day := visible_date(text)):
                return day  # a date line, or a short sub-heading carrying the date
            words += len(text.split()) if kind == "text" else 0
            if words > limit:
                return None
        return None

    return scan(range(at + 1, len(pieces)), HEADER_WORDS, True) or scan(
        range(at - 1, -1, -1), HEADER_BEFORE_WORDS, False
    )


def lead_date(tree: HtmlElement, body_start: str | None) -> str | None:
    """A date line just above the article body: the first date in the short text pieces
    (not sentences, not headings) before the body's first words, within
    :data:`LEAD_WORDS` words of it. Used only when the page has no dated metadata."""
    probe = " ".join((body_start or "").split())[:30]
    if len(probe) < 10:
        return None
    body = tree.find(".//body")
    pieces = list(_pieces(body if body is not None else tree))
    at = next(
        (i for i, (k, t, _) in enumerate(pieces) if k == "text" and probe in " ".join(t.split())),
        None,
    )
    if at is None:
        return None
    words = 0
    for kind, raw, _ in reversed(pieces[:at]):
        if kind == "time":
            if day := parse_meta_date(raw):
                return day
            continue
        text = " ".join(raw.split())
        if not text:
            continue
        short = len(text.split()) <= HEADER_PIECE_WORDS and not _SENTENCE.search(text)
        if kind == "text" and short and (day := visible_date(text)):
            return day
        words += len(text.split())
        if words > LEAD_WORDS:
            return None
    return None


def _published(
    tree: HtmlElement,
    meta: dict[str, list[str]],
    ld: list[dict[str, Any]],
    url: str | None,
    header: str | None,
) -> tuple[str | None, str | None]:
    """The URL's full date; else the explicit publication dates (meta tags, JSON-LD,
    ``itemprop``), the one the header dateline shows when they disagree; else the header
    dateline; else the generic date fields (``date``, ``dc.date`` ...)."""
    if day := url_date(url):
        return day, "url"
    published: list[str] = []
    for key in _META_PUBLISHED:
        published += [day for value in meta.get(key, []) if (day := parse_meta_date(value))]
    for item in ld:
        for key in ("datePublished", "dateCreated"):
            value = item.get(key)
            if isinstance(value, str) and (day := parse_meta_date(value)):
                published.append(day)
    for element in tree.xpath('.//*[@itemprop="datePublished"][@datetime]'):
        if day := parse_meta_date(element.get("datetime") or ""):
            published.append(day)
    dated = [day for key in _META_DATED for v in meta.get(key, []) if (day := parse_meta_date(v))]
    if published:
        return (header if header in published + dated else published[0]), "metadata"
    if header is not None:
        return header, "header"
    if dated:
        return dated[0], "metadata"
    return None, None
