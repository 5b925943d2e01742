"""Russian names in Latin letters, and in the nominative (shared by analysis and linking).

* :func:`russian_nominative` — one Cyrillic word in the nominative, gender and number kept
  (pymorphy3: "Навального" -> "навальный", "Ивановой" -> "иванова"), a proper-name
  analysis preferred; an all-capital acronym ("ЕС") is left alone.
* :func:`press_spelling` / :func:`romanise` — a name as the English-language press spells
  it (iuliia's Wikipedia scheme: "Дмитрий Песков" -> "Dmitry Peskov"); ``romanise`` keeps
  acronyms letter by letter. This is the form names are compared in (``link.aliases``).
* :func:`spelling` / :func:`latin_spellings` — a Cyrillic name in one or all of
  :data:`LATIN_SCHEMES` (iuliia): BGN/PCGN, the scholarly system, Wikipedia's press style
  and the ICAO passport scheme: "Евгений Пригожин" -> "Yevgeniy Prigozhin", "Evgenij
  Prigozhin", "Yevgeny Prigozhin", "Evgenii Prigozhin" (letters outside ASCII folded by
  unidecode). The phonetic key of ``link.aliases`` folds the differences of all but the
  scholarly system (c for ц, x for х), which English-language news does not use.

Both libraries ship their data in their wheels; nothing is downloaded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from unidecode import unidecode

__all__ = [
    "LATIN_SCHEMES",
    "has_cyrillic",
    "latin_spellings",
    "nominative",
    "press_spelling",
    "romanise",
    "russian_nominative",
    "spelling",
]

#: iuliia schemes a Russian name is spelled in (official, scholarly, press, passport).
LATIN_SCHEMES = ("bgn_pcgn", "scientific", "wikipedia", "icao_doc_9303")
#: pymorphy3 tags of proper names, preferred among a word's analyses.
NAME_TAGS = ("Surn", "Name", "Patr", "Geox", "Orgn")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` holds a Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


@lru_cache(maxsize=1)
def morph_analyzer() -> Any:
    """pymorphy3's analyser with its Russian dictionaries (loaded once per process)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


#: Endings of masculine surnames in the nominative (Сотников, Зимин, Андреев).
_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ын")


@lru_cache(maxsize=65536)
def russian_nominative(word: str) -> str:
    """One Cyrillic word in the nominative, lower-case, ё as е ("Навального" -> "навальный");
    all capitals (an acronym) as is."""
    if word.isupper() and len(word) > 1:
        return word
    parses = morph_analyzer().parse(word.lower())
    named = [p for p in parses if any(t in p.tag for t in NAME_TAGS)]
    if (
        not named
        and word[:1].isupper()
        and word.lower().endswith(_SURNAME_ENDINGS)
        and all("plur" in p.tag for p in parses)
    ):
        # a surname the dictionary lacks, read as a common noun's genitive plural
        # ("Сотников" as сотник): a capitalised -ов/-ин word is the surname, nominative
        return word.lower().replace("ё", "е")
    for parse in named or parses:
        form = parse.inflect({"nomn"})
        if form is not None:
            return str(form.word).replace("ё", "е")
    return word.lower().replace("ё", "е")


def nominative(text: str) -> str:
    """Every Cyrillic word of ``text`` through :func:`russian_nominative`."""
    return _CYRILLIC_WORD.sub(lambda m: russian_nominative(m.group()), text)


def press_spelling(name: str) -> str:
    """``name`` as the English-language press spells it (iuliia's Wikipedia scheme:
    "Дмитрий Песков" -> "Dmitry Peskov")."""
    import iuliia

    return str(unidecode(iuliia.WIKIPEDIA.translate(name)))


@lru_cache(maxsize=65536)
def _romanise_word(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return str(unidecode(word))  # an acronym: letter by letter ("ЕС" -> "ES")
    return press_spelling(word.replace("ё", "е").replace("Ё", "Е"))


def romanise(text: str) -> str:
    """Every Cyrillic word of ``text`` in the press spelling (:func:`press_spelling`, ё read
    as е), acronyms letter by letter: the form compared with English names."""
    return _CYRILLIC_WORD.sub(lambda m: _romanise_word(m.group()), text)


@lru_cache(maxsize=16384)
def spelling(name: str, scheme: str) -> str:
    """``name`` in one iuliia scheme ("bgn_pcgn", "wikipedia", ...), folded to ASCII."""
    import iuliia

    return str(unidecode(iuliia.schemas.get(scheme).translate(name))).replace("'", "")


def latin_spellings(name: str) -> tuple[str, ...]:
    """``name`` in the romanisations of :data:`LATIN_SCHEMES` (distinct, in that order,
    ASCII); () for a name with no Cyrillic."""
    if not has_cyrillic(name):
        return ()
    out: list[str] = []
    for scheme in LATIN_SCHEMES:
        spelled = spelling(name, scheme)
        if spelled not in out:
            out.append(spelled)
    return tuple(out)
