"""HTML pages: body text and metadata through one trafilatura call per page."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import lxml.html
import trafilatura
from trafilatura.utils import load_html

from corroborate.ingest.base import Item, reject
from corroborate.ingest.pagemeta import PageMeta, page_meta
from corroborate.ingest.sniff import decode
from corroborate.types import RawDocument, Rejection

# Options measured on the scrapinghub benchmark (bench/extraction.py): comments are not the
# article; the fast path (no readability/justext fallback) with favor_recall was both the most
# accurate and the quickest of the settings tried. htmldate runs without its free-text search
# (a date in the text may be a birth date or an earlier event; see pagemeta.py).
EXTRACT_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": True,
    "fast": True,
    "favor_recall": True,
}


#: A body shorter than this from the fast path gets a second extraction with trafilatura's
#: fallback extractors (readability, jusText); the longer body wins. Calibrated on the
#: trafilatura evaluation pages (snippet F1 0.928 -> 0.931 at 500, 0.932 at 1000, 0.929 at
#: 2000), checked on scrapinghub (shingle F1 unchanged at 500, -0.002 at 1000).
SHORT_BODY_CHARS = 500


def _second_opinion(
    html: str, url: str | None, doc: Any, text: str | None
) -> tuple[Any, str | None]:
    """The fast path's result, or the full path's when that finds a longer body."""
    try:
        full = trafilatura.bare_extraction(
            html,
            url=url,
            date_extraction_params=_date_params(),
            **(EXTRACT_OPTIONS | {"fast": False}),
        )
    except Exception:
        return doc, text
    full_text = getattr(full, "text", None) if full is not None else None
    if full_text and len(full_text.strip()) > len((text or "").strip()):
        return full, full_text
    return doc, text


def _date_params() -> dict[str, Any]:
    return {
        "extensive_search": False,
        "original_date": True,
        "max_date": dt.date.today().isoformat(),
    }


_LANG_RE = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})(?:[-_][\w-]*)?""", re.I)
_META_LANG_RE = re.compile(
    r"""<meta[^>]+(?:http-equiv\s*=\s*["']?content-language|property\s*=\s*["']?og:locale)"""
    r"""[^>]*content\s*=\s*["']?\s*([A-Za-z]{2,3})(?:[-_][\w-]*)?""",
    re.I,
)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
    "section", "article", "pre", "figcaption", "dd", "dt", "table", "ul", "ol",
}  # fmt: skip

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_SINGLE_BYTE = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}


def repair_mojibake(html: str) -> str:
    """Undo a page decoded as Latin-1 although it declares another encoding.

    A page given as text (a JSONL ``html`` field) whose characters are all below U+0100 and
    whose bytes, read back, decode strictly in the charset the page declares (GB2312,
    UTF-8, ...) was decoded with the wrong codec; the declared one is used. Anything else is
    left as it is.
    """
    if not html or any(ord(c) > 0xFF for c in html) or not any(ord(c) > 0x7F for c in html):
        return html
    raw = html.encode("latin-1")
    for name in dict.fromkeys(m.group(1).lower() for m in _CHARSET_RE.finditer(html[:5000])):
        if name in _SINGLE_BYTE:
            return html
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return html


def extract_html(html: str, source: str, url: str | None = None) -> RawDocument | Rejection:
    """Extract the article body and metadata of one HTML page.

    ``source`` names the input (path, ``path#record-N``, URL); ``url`` is the page's address
    when the container knows it (the page's canonical link or og:url wins). Returns a
    :class:`RawDocument` with ``needs_cleaning=False`` or a :class:`Rejection`; never raises.
    """
    if not html.strip():
        return reject(source, "empty HTML page", "give a page with an article body")
    html = repair_mojibake(html)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, date_extraction_params=_date_params(), **EXTRACT_OPTIONS
        )
    except Exception as exc:  # trafilatura/lxml can fail in many ways on hostile input
        return reject(
            source,
            f"broken HTML: the extractor failed ({type(exc).__name__}: {exc})",
            "check that the file is a complete HTML page, or give the article as text",
        )
    text = getattr(doc, "text", None) if doc is not None else None
    if len((text or "").strip()) < SHORT_BODY_CHARS:
        doc, text = _second_opinion(html, url, doc, text)
    if not text or not text.strip():
        if _unparseable(html):
            return reject(
                source,
                "broken HTML: the page could not be parsed",
                "check that the file is a complete HTML page, or give the article as text",
            )
        return reject(
            source,
            "no article body found in the HTML",
            "check that the page is an article (not an index, login wall or script-rendered "
            "page), or give the article text",
        )
    assert doc is not None
    page_url = getattr(doc, "url", None) or url
    meta = _page_meta(html, url or page_url, text, getattr(doc, "date", None))
    return RawDocument(
        source=source,
        format="html",
        text=text,
        url=page_url,
        outlet=meta.site_name,
        title=meta.title,
        author=getattr(doc, "author", None) or None,
        published=meta.published,
        language=html_language(html),
        needs_cleaning=False,
    )


def _page_meta(html: str, url: str | None, text: str, markup_date: str | None) -> PageMeta:
    """Title, site name and date from the page's own metadata (never from its text)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        tree = load_html(html)
    except Exception:
        tree = None
    if tree is None:
        return PageMeta(published=markup_date)
    return page_meta(tree, url, first, markup_date)


def html_document(data: bytes, source: str) -> Item:
    """Decode an HTML file's bytes and extract it."""
    html = decode(data, html=True)
    if html is None:
        return reject(
            source,
            "cannot decode the HTML: not UTF-8 and no declared or detected encoding fits",
            "re-save the page as UTF-8",
        )
    return extract_html(html, source)


def html_language(html: str) -> str | None:
    """The page's declared language (``<html lang>``, content-language, og:locale), lowercase."""
    head = html[:20000]
    match = _LANG_RE.search(head) or _META_LANG_RE.search(head)
    return match.group(1).lower() if match else None


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per block."""
    if "<" not in fragment:
        return _tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return _tidy(re.sub(r"<[^>]+>", " ", fragment))
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _unparseable(html: str) -> bool:
    try:
        return load_html(html) is None
    except Exception:
        return True
