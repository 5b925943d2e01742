"""Name normalisation and within-article name coreference.

Pure string logic (no spaCy): keys for comparing surface forms, transliteration
variants (Alexey/Alexei, Aleksandr/Alexander), abbreviations (EU/European Union,
U.S./United States) and a small table of country-name variants. ``cluster_names``
groups the distinct surface forms of one article into entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz.distance import Indel
from unidecode import unidecode

# Honorifics and titles that may open a name ("Mr. Smith", "President Biden").
# Lower-case, without the trailing dot. General English usage, not article-specific.
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "fr",
        "sr",
        "st",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "adm",
        "cmdr",
        "sen",
        "rep",
        "gov",
        "pres",
        "insp",
        "supt",
        "hon",
    ]
)
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "pope",
        "ambassador",
        "envoy",
        "senator",
        "congressman",
        "congresswoman",
        "congressperson",
        "governor",
        "mayor",
        "judge",
        "justice",
        "general",
        "colonel",
        "lieutenant",
        "major",
        "captain",
        "sergeant",
        "admiral",
        "commander",
        "chief",
        "director",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "commissioner",
        "deputy",
        "speaker",
        "sheikh",
        "emir",
        "sultan",
        "ayatollah",
        "patriarch",
        "archbishop",
        "bishop",
        "cardinal",
        "rabbi",
        "imam",
        "father",
        "sister",
        "brother",
        "doctor",
        "professor",
        "detective",
        "inspector",
        "officer",
        "agent",
        "minister-president",
        "ceo",
        "cfo",
        "coo",
        "founder",
    ]
)
_CONNECTORS = frozenset({"of", "the", "and", "for", "de", "del", "la", "von", "van", "&"})

# Country and union name variants: general world knowledge, not tied to any text.
# Each row lists normalised keys (see ``name_key``) of one place.
COUNTRY_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("united states", "us", "usa", "united states of america", "america"),
    ("united kingdom", "uk", "britain", "great britain", "gb"),
    ("european union", "eu"),
    ("russia", "russian federation"),
    ("united nations", "un"),
    ("united arab emirates", "uae"),
    ("people's republic of china", "china", "prc"),
    ("democratic republic of the congo", "drc", "dr congo"),
    ("netherlands", "holland"),
    ("czech republic", "czechia"),
    ("ivory coast", "cote d'ivoire"),
    ("myanmar", "burma"),
    ("turkey", "turkiye"),
    ("south korea", "republic of korea", "rok"),
    ("north korea", "dprk"),
)
_VARIANT_OF: dict[str, str] = {k: row[0] for row in COUNTRY_VARIANTS for k in row}

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)


def clean_surface(text: str) -> str:
    """Surface form as an alias: whitespace collapsed, possessive and leading 'the' removed."""
    s = _SPACE.sub(" ", text).strip()
    s = _POSSESSIVE.sub("", s).strip()
    if s.lower().startswith("the "):
        s = s[4:]
    return s


def name_key(text: str) -> str:
    """Comparison key: ASCII-folded, lower-case, no dots, hyphens as spaces."""
    s = unidecode(clean_surface(text)).lower()
    s = s.replace(".", "").replace("-", " ")
    return _SPACE.sub(" ", s).strip()


def strip_honorifics(tokens: Sequence[str]) -> int:
    """How many leading tokens are honorifics/titles ("Mr.", "President", "Dr")."""
    n = 0
    for tok in tokens:
        low = tok.lower().rstrip(".")
        if low in HONORIFICS or low in TITLE_WORDS:
            n += 1
        else:
            break
    return n if n < len(tokens) else 0


_TRANSLIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ks"), "x"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(?:ey|ei|ej)$"), "ei"),
    (re.compile(r"(?:iy|ii|ij|yi|yy)$"), "i"),
    (re.compile(r"(?<=[^aeiou])y$"), "i"),
    (re.compile(r"(?:yu|iu|ju)"), "iu"),
    (re.compile(r"(?:ya|ia|ja)"), "ia"),
    (re.compile(r"(?:yo|jo)"), "io"),
    (re.compile(r"(.)\1"), r"\1"),
)


def translit_key(token: str) -> str:
    """Fold common romanisation variants of one name token (Alexey/Alexei, Aleksandr)."""
    s = unidecode(token).lower().strip(".'’")
    for pattern, repl in _TRANSLIT_RULES:
        s = pattern.sub(repl, s)
    return s


def tokens_match(a: str, b: str) -> bool:
    """Two name tokens are the same name up to transliteration."""
    ka, kb = translit_key(a), translit_key(b)
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 5 or ka[0] != kb[0]:
        return False
    return bool(Indel.normalized_similarity(ka, kb) >= 0.88)


def is_name_shaped(text: str) -> bool:
    """2–4 capitalised alphabetic words with no connectors: looks like a personal name."""
    words = name_key(text).split()
    surface = clean_surface(text).split()
    if not 2 <= len(surface) <= 4 or len(words) != len(surface):
        return False
    return all(w[:1].isupper() and w.replace("'", "").isalpha() for w in surface) and not any(
        w in _CONNECTORS for w in words
    )


def initials(text: str) -> str:
    """Initials of the capitalised words ("European Union" -> "eu"); '' when too short."""
    words = [w for w in clean_surface(text).replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def _is_acronym(text: str) -> bool:
    s = clean_surface(text).replace(".", "")
    return 2 <= len(s) <= 6 and s.isalpha() and s.isupper()


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def cluster_names(forms: Iterable[str]) -> list[list[int]]:
    """Group distinct surface forms (in first-mention order) that name one entity.

    Rules, in order: (1) equal keys; (2) multi-word names whose words all match up to
    transliteration (same word count); (3) country/union variants from
    ``COUNTRY_VARIANTS``; (4) an acronym equal to the initials of a longer name;
    (5) a one-word form equal to the last word of exactly one name-shaped multi-word
    cluster (a surname), left alone when two different full names share it.
    Returns clusters as lists of indices into ``forms``, ordered by first index.
    """
    items = list(forms)
    keys = [name_key(f) for f in items]
    uf = _UnionFind(len(items))
    by_key: dict[str, int] = {}
    for i, k in enumerate(keys):
        canon = _VARIANT_OF.get(k, k)
        if canon in by_key:
            uf.union(by_key[canon], i)
        else:
            by_key[canon] = i

    multi = [i for i, k in enumerate(keys) if len(k.split()) >= 2]
    # (2) transliteration variants, blocked by (word count, first letter of last word)
    blocks: dict[tuple[int, str], list[int]] = {}
    for i in multi:
        words = keys[i].split()
        blocks.setdefault((len(words), translit_key(words[-1])[:1]), []).append(i)
    for members in blocks.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if uf.find(a) != uf.find(b) and all(
                    tokens_match(x, y)
                    for x, y in zip(keys[a].split(), keys[b].split(), strict=True)
                ):
                    uf.union(a, b)

    # (4) acronyms
    acronym_of: dict[str, int] = {}
    for i in multi:
        ini = initials(items[i])
        if len(ini) >= 2:
            acronym_of.setdefault(ini, i)
    for i, f in enumerate(items):
        if _is_acronym(f) and keys[i].replace(" ", "") in acronym_of:
            uf.union(acronym_of[keys[i].replace(" ", "")], i)

    # (5) surnames: one-word forms attach to the unique name-shaped cluster ending in them
    by_last: dict[str, set[int]] = {}
    for i in multi:
        if is_name_shaped(items[i]):
            by_last.setdefault(translit_key(keys[i].split()[-1]), set()).add(uf.find(i))
    for i, k in enumerate(keys):
        if len(k.split()) == 1 and not _is_acronym(items[i]):
            roots = {uf.find(r) for r in by_last.get(translit_key(k), set())}
            if len(roots) == 1:
                uf.union(roots.pop(), i)

    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def canonical_name(forms: Sequence[str], counts: Sequence[int] | None = None) -> str:
    """The longest full form (most words, then as written in running text rather than in
    capitals as a dateline or headline writes it, then most frequent, then longest, then
    first)."""
    counts = counts or [1] * len(forms)
    best = max(
        range(len(forms)),
        key=lambda i: (
            not _is_acronym(forms[i]),
            len(forms[i].split()),
            not forms[i].isupper(),
            counts[i],
            len(forms[i]),
            -i,
        ),
    )
    return forms[best]
