"""Name-variant logic for cross-outlet entity resolution (pure string functions).

The link stage does not import the analyze stage (stage packages talk through
``types``), so the few normalisation helpers needed here live in this module.

* :func:`name_key` — ASCII-folded (unidecode), lower-case comparison key without dots,
  possessives, a leading "the"; hyphens become spaces; British spellings of a few name
  words folded to American ones (centre/center, theatre/theater, ...). Cyrillic words are
  first put in the nominative (pymorphy3, gender and number kept: "Навального" ->
  "навальный", "Ивановой" -> "иванова"; all-capital acronyms left alone) and spelled as
  the English-language press spells them (``translit.romanise``: "Ярославля" ->
  "yaroslavl", "Алексея Навального" -> "aleksey navalny"), so every case form of a Russian
  name gets one key, and the key is comparable with English spellings.
* :func:`phonetic_key` — one name word folded over common romanisation variants
  (ks/x, kh/h, -ey/-ei/-ej, -ay/-ai, -oy/-oi, -iy/-ii/-yi/-y, ya/ia/ja, yu/iu/ju, initial
  ye/e, doubled letters):
  Alexey, Alexei, Aleksei and Alexej all give ``alexei``; Sergey/Sergei ``sergei``.
* :func:`words_match` — two name words are one name: equal phonetic keys, or (both
  keys at least 5 letters, same first letter) rapidfuzz Indel similarity >= 0.88.
* :func:`canonical_place` — a small table of country/union name variants (general
  world knowledge: UK/Britain/Great Britain/United Kingdom, US/USA/America, EU, ...),
  with the Russian names of the same places and institutions (:data:`RUSSIAN_PLACES`:
  Евросоюз/ЕС = European Union, США = United States, Кремль = Kremlin), whose
  transliterations differ from the English exonyms.
* :func:`initials` / :func:`is_acronym` — "European Court of Human Rights" -> "echr".
* :func:`role_key` / :func:`roles_match` — role strings compared case-, determiner-,
  possessive- and plural-insensitively, then with rapidfuzz ratio >= 92
  ("Russian Foreign Minister" ~ "Russia's foreign minister", but not "foreign
  minister" ~ "deputy foreign minister").
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from unidecode import unidecode

from corroborate.translit import has_cyrillic, nominative, romanise

__all__ = [
    "COUNTRY_VARIANTS",
    "all_initials",
    "canonical_place",
    "clean_surface",
    "company_key",
    "initials",
    "is_acronym",
    "is_nickname",
    "name_key",
    "national_key",
    "phonetic_key",
    "role_key",
    "roles_match",
    "words_match",
]

#: Minimum rapidfuzz Indel similarity (0-1) of two phonetic keys of one name word.
WORD_SIMILARITY = 0.88
#: Minimum rapidfuzz ratio (0-100) of two role keys of one role.
ROLE_SIMILARITY = 92.0

# Country and union name variants: general world knowledge, not tied to any text.
# Each row lists name keys (see ``name_key``) of one place; the first is canonical.
COUNTRY_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("united states", "us", "usa", "united states of america", "america", "the us"),
    ("united kingdom", "uk", "britain", "great britain", "gb"),
    ("european union", "eu"),
    ("russia", "russian federation"),
    ("united nations", "un"),
    ("united arab emirates", "uae"),
    ("china", "people's republic of china", "prc"),
    ("democratic republic of the congo", "drc", "dr congo"),
    ("netherlands", "holland"),
    ("czech republic", "czechia"),
    ("ivory coast", "cote d'ivoire"),
    ("myanmar", "burma"),
    ("turkey", "turkiye"),
    ("south korea", "republic of korea", "rok"),
    ("north korea", "dprk"),
)
#: Russian names of places and institutions whose romanisation is not their English name
#: (general world knowledge): nominative Cyrillic -> the canonical key of the English name.
RUSSIAN_PLACES: dict[str, str] = {
    **dict.fromkeys(["Евросоюз", "Европейский союз", "ЕС"], "european union"),
    **dict.fromkeys(["США", "Соединённые Штаты", "Соединенные Штаты", "Америка"], "united states"),
    **dict.fromkeys(["Великобритания", "Британия", "Соединённое Королевство"], "united kingdom"),
    **dict.fromkeys(["Россия", "РФ", "Российская Федерация"], "russia"),
    **dict.fromkeys(["ООН", "Организация Объединённых Наций"], "united nations"),
    **dict.fromkeys(["НАТО"], "nato"),
    **dict.fromkeys(["Германия", "ФРГ"], "germany"),
    **dict.fromkeys(["Франция"], "france"),
    **dict.fromkeys(["Китай", "КНР"], "china"),
    **dict.fromkeys(["Украина"], "ukraine"),
    **dict.fromkeys(["Белоруссия", "Беларусь"], "belarus"),
    **dict.fromkeys(["Польша"], "poland"),
    **dict.fromkeys(["Нидерланды", "Голландия"], "netherlands"),
    **dict.fromkeys(["Кремль"], "kremlin"),
    **dict.fromkeys(["Москва"], "moscow"),
    **dict.fromkeys(["Санкт-Петербург", "Петербург"], "st petersburg"),
    **dict.fromkeys(["Брюссель"], "brussels"),
    **dict.fromkeys(["Лондон"], "london"),
    **dict.fromkeys(["Вашингтон"], "washington"),
    **dict.fromkeys(["Берлин"], "berlin"),
    **dict.fromkeys(["Париж"], "paris"),
    **dict.fromkeys(["Европа"], "europe"),
    **dict.fromkeys(["Европейский суд по правам человека", "ЕСПЧ"], "echr"),
    **dict.fromkeys(["МВД", "Министерство внутренних дел"], "interior ministry"),
    **dict.fromkeys(["МИД", "Министерство иностранных дел"], "foreign ministry"),
    **dict.fromkeys(["Минобороны", "Министерство обороны"], "defense ministry"),
    **dict.fromkeys(["Госдума", "Государственная дума"], "state duma"),
    **dict.fromkeys(["Следственный комитет"], "investigative committee"),
}
_VARIANT_OF: dict[str, str] = {k: row[0] for row in COUNTRY_VARIANTS for k in row}

# British/American spellings of common name words (general orthography): one key.
_SPELLING: dict[str, str] = {
    "centre": "center",
    "theatre": "theater",
    "harbour": "harbor",
    "defence": "defense",
    "labour": "labor",
    "organisation": "organization",
}

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})

_PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"['’ʹ]"), ""),
    (re.compile(r"^ye"), "e"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(?:ey|ei|ej)$"), "ei"),
    (re.compile(r"(?<=[ao])(?:y|j)$"), "i"),  # Nikolay/Nikolaj/Nikolai, Tsoy/Tsoi
    (re.compile(r"(?:iy|ii|ij|yi|yy)$"), "i"),
    (re.compile(r"(?<=[^aeiou])y$"), "i"),
    (re.compile(r"(?:yu|iu|ju)"), "iu"),
    (re.compile(r"(?:ya|ia|ja)"), "ia"),
    (re.compile(r"(?:yo|jo)"), "io"),
    (re.compile(r"(.)\1"), r"\1"),
)


def clean_surface(text: str) -> str:
    """A surface form as an alias: whitespace collapsed, possessive and leading 'the' removed."""
    s = _SPACE.sub(" ", text).strip()
    s = _POSSESSIVE.sub("", s).strip()
    if s.lower().startswith("the "):
        s = s[4:].strip()
    return s


def name_key(text: str) -> str:
    """Comparison key: ASCII-folded, lower-case, no dots/possessive/'the', hyphens as spaces
    (Cyrillic words put in the nominative first)."""
    s = clean_surface(text)
    return _fold(romanise(nominative(s)) if has_cyrillic(s) else s)


def _fold(text: str) -> str:
    s = unidecode(text.replace("ё", "е").replace("Ё", "Е")).lower()
    s = s.replace(".", "").replace("-", " ")
    words = _SPACE.sub(" ", s).strip().split(" ")
    return " ".join(_SPELLING.get(w, w) for w in words)


# The Russian names are written in the nominative: their keys need no morphology.
_VARIANT_OF.update(
    {
        _fold(romanise(name)): _VARIANT_OF.get(english, english)
        for name, english in RUSSIAN_PLACES.items()
    }
)


def phonetic_key(word: str) -> str:
    """One name word folded over common romanisation variants ("Alexey" -> "alexei")."""
    s = unidecode(word).lower().strip(".'’")
    for pattern, repl in _PHONETIC_RULES:
        s = pattern.sub(repl, s)
    return s


def words_match(a: str, b: str) -> bool:
    """Two name words are the same name up to transliteration/spelling."""
    ka, kb = phonetic_key(a), phonetic_key(b)
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 5 or ka[0] != kb[0]:
        return False
    return bool(Indel.normalized_similarity(ka, kb) >= WORD_SIMILARITY)


def canonical_place(key: str) -> str:
    """The canonical key of a country/union variant ("britain" -> "united kingdom",
    the key of "Евросоюза" -> "european union")."""
    return _VARIANT_OF.get(key, key)


#: Legal-form words after a company's name ("Apple Inc.", "Microsoft Corp.").
COMPANY_SUFFIXES = frozenset(
    {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "llc"}
)


def company_key(key: str) -> str:
    """A name key without its trailing legal-form words ("apple inc" -> "apple",
    "general motors corporation" -> "general motors"); the key itself when nothing
    (or nothing but the suffix) is left."""
    words = key.split()
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


#: Country forms that open an organisation's name ("U.S. Air Force", "UK Border Agency"),
#: as name keys.
NATIONAL_PREFIXES = ("united states", "us", "usa", "united kingdom", "uk", "britain")


def national_key(key: str) -> str:
    """A name key without a leading country form when two or more words remain ("us air
    force" -> "air force", "united states federal reserve" -> "federal reserve"); the key
    itself otherwise ("us navy", "us airways" keep theirs)."""
    for prefix in NATIONAL_PREFIXES:
        if key.startswith(prefix + " ") and len(key.split()) - len(prefix.split()) >= 2:
            return key[len(prefix) + 1 :]
    return key


def is_acronym(text: str) -> bool:
    """2-6 capital letters, dots allowed ("EU", "U.K.", "ECHR")."""
    s = clean_surface(text).replace(".", "")
    return 2 <= len(s) <= 6 and s.isalpha() and s.isupper()


def all_initials(text: str) -> set[str]:
    """The acronyms a name may go by: its :func:`initials`, and those of the name without
    trailing legal-form words ("General Motors Corporation": "gmc" and "gm"); only those
    of two or more letters."""
    words = clean_surface(text).split()
    while len(words) > 2 and name_key(words[-1]) in COMPANY_SUFFIXES:
        words.pop()
    return {i for i in (initials(text), initials(" ".join(words))) if i}


#: "U.S.", "U.K.": capital letters each followed by a dot.
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")


def initials(text: str) -> str:
    """Initials of the capitalised words ("European Court of Human Rights" -> "echr"); a
    dotted abbreviation gives all its letters ("U.S. Air Force" -> "usaf"); '' for fewer
    than two capitalised words."""
    words = [w for w in clean_surface(text).replace("-", " ").split() if w[:1].isupper()]
    if len(words) < 2:
        return ""
    letters = (w.replace(".", "") if _ABBREVIATION.fullmatch(w) else w[0] for w in words)
    return "".join(letters).lower()


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("men"):
        return word[:-3] + "man"  # spokeswomen, chairmen
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def role_key(text: str) -> str:
    """A role string without case, accents, determiners, possessives and plurals."""
    s = unidecode(text).lower().replace("’", "'")
    s = re.sub(r"'s\b|'", " ", s)
    words = [w for w in re.findall(r"[a-z0-9-]+", s) if w not in _DETERMINERS]
    return " ".join(_singular(w) for w in words)


def roles_match(a: str, b: str) -> bool:
    """Two role strings name the same role (``role_key`` equal or fuzzy ratio >= 92)."""
    ka, kb = role_key(a), role_key(b)
    return ka == kb or bool(fuzz.ratio(ka, kb) >= ROLE_SIMILARITY)


@functools.lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    """Given name -> its nicknames and formal names (the ``nicknames`` package's curated
    English table), both ways."""
    from nicknames import name_triplets

    out: dict[str, set[str]] = {}
    for t in name_triplets():
        out.setdefault(t.name1, set()).add(t.name2)
        out.setdefault(t.name2, set()).add(t.name1)
    return {k: frozenset(v) for k, v in out.items()}


def is_nickname(a: str, b: str) -> bool:
    """One given name is a nickname of the other ("katie" ~ "kathryn", "bob" ~ "robert")."""
    return b in _nicknames().get(a, frozenset())
