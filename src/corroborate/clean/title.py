"""A headline without the site's name: the rules shared by HTML pages and given titles.

A page's meta title carries its site's name at one end ("Headline | Site"); a title a feed
or an export gives often carries the site's furniture after the headline ("Headline - WXYZ
Channel 9 - City, State", "Headline - wxyz.com-City News, Weather & Sports"). The site is
known by its keys: the squashed letters of the outlet's name and of the URL's registered
domain label. Nothing here knows a site.
"""

from __future__ import annotations

import re

from corroborate.clean.metadata import registered_label

_WORD = re.compile(r"\w+")
# Separators between a headline and the site name, with spaces around them.
_SEPARATOR = re.compile(r"\s+(?:[|–—·•»«›‹~/⁄*]|-{1,2}|::)\s+")
_SITE_TRIM = " \t|–—·•»«›‹~/⁄*:-_"
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
#: a tail segment "begins with the site's name" when its first few words spell a key
_NAME_WORDS = 6


def _squash(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


def site_keys(site: str | None, url: str | None) -> list[str]:
    """The squashed forms a site is recognised by (its name, its URL's registered label)."""
    keys = []
    if site:
        keys.append(_squash(site))
        if _DOMAIN.match(site):
            # an outlet given as a host name ("ksla.com"): its label is the name too
            keys.append(_squash(registered_label(site) or ""))
    label = registered_label(url) if url else None
    if label:
        keys.append(_squash(label))
    return list(dict.fromkeys(k for k in keys if len(k) >= 3))


def _spells(squashed: str, keys: list[str], partial: bool) -> bool:
    for key in keys:
        if squashed == key or (squashed.startswith(key) and len(squashed) - len(key) <= 4):
            return True
        if partial and key.startswith(squashed) and len(squashed) >= 0.6 * len(key):
            return True
    return False


def names_site(segment: str, keys: list[str]) -> bool:
    """Whether a title segment or heading is the site's name: equal to a site key, a key
    plus a domain ending ("Example.de" for example.de), or most of a key ("Example" for
    examplenews.com)."""
    squashed = _squash(segment)
    return bool(squashed) and _spells(squashed, keys, partial=True)


def begins_with_site(segment: str, keys: list[str]) -> bool:
    """Whether a segment's first words are the site's name ("KSLA News 12 Shreveport,
    Louisiana News Weather & Sports" for ksla.com; "wave3.com-Louisville News"). Most of a
    key counts only when written as a call sign, in capitals or with digits ("CBS News 8"
    for cbs8.com), so that "Dallas police say ..." after a dash on dallasnews.com stays."""
    words = _WORD.findall(segment)
    for n in range(1, min(len(words), _NAME_WORDS) + 1):
        head = words[:n]
        sign = all(w.isupper() or any(c.isdigit() for c in w) for w in head)
        if _spells("".join(head).lower(), keys, partial=sign):
            return True
    return False


def strip_site(title: str, site: str | None, url: str | None) -> str | None:
    """A meta title without the site's name at either end; None when only the name is left."""
    text = " ".join(title.split())
    keys = site_keys(site, url)
    if site:
        # the full site name at one end, whatever separates it ("Headline: Site")
        pattern = re.escape(" ".join(site.split()))
        text = re.sub(rf"^\s*{pattern}\s*[{re.escape(_SITE_TRIM)}]+\s*", "", text, flags=re.I)
        text = re.sub(rf"\s*[{re.escape(_SITE_TRIM)}]+\s*{pattern}\s*$", "", text, flags=re.I)
    parts = _SEPARATOR.split(text)
    while len(parts) > 1 and names_site(parts[-1], keys):
        parts.pop()
    while len(parts) > 1 and names_site(parts[0], keys):
        parts.pop(0)
    result = " ".join(" – ".join(parts).split()) if len(parts) > 1 else parts[0]
    # keep the separators as the page wrote them when nothing was cut in the middle
    if len(parts) > 1:
        start = text.find(parts[0])
        end = text.rfind(parts[-1]) + len(parts[-1])
        if start >= 0 and end > start:
            result = text[start:end]
    result = result.strip()
    if not result or names_site(result, keys):
        return None
    return result


def strip_site_tail(title: str, site: str | None, url: str | None) -> str:
    """A given title without the site's furniture after the headline: from the first segment
    after a spaced separator that is, or begins with, the site's name, to the end ("Man
    shot on Elm St - WXYZ News 9 - Springfield, Ohio" -> "Man shot on Elm St"). The
    headline before it is never cut; a title that is only the site's name stays as it is."""
    text = " ".join(title.split())
    keys = site_keys(site, url)
    if not keys:
        return text
    for separator in _SEPARATOR.finditer(text):
        head = text[: separator.start()].strip()
        if head and not names_site(head, keys) and begins_with_site(text[separator.end() :], keys):
            return head
    return text
