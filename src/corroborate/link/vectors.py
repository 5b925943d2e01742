"""Incremental text representation for story linking.

Words of an article's title and lead are hashed into a fixed feature space
(no vocabulary to fit, so articles can arrive one at a time) and weighted by
sublinear TF x IDF, where document frequencies are counted as articles arrive.
Named entities get their own string features (normalised with unidecode and
lowercased). All hashing is stable across processes (CRC32, not ``hash``).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from typing import TypeVar

from unidecode import unidecode

from corroborate.types import Analysis, Article

#: Size of the hashed word-feature space (2**20: collisions are negligible for news leads).
HASH_BITS = 20
#: How much of the article body, after the title, represents it (characters).
LEAD_CHARS = 600
#: Also hash pairs of adjacent content words ("hasim rahman", "betty ford").
BIGRAMS = True
#: Main actors per article (its most-mentioned people) used for the key-entity conflict.
KEY_ENTITIES = 2
#: An entity needs this many mentions to count as a main actor.
KEY_MIN_MENTIONS = 3
#: Entity types that can be main actors (empty: all).
KEY_TYPES: frozenset[str] = frozenset({"PERSON"})
#: Numbers of the lead (ages, counts, money, percentages: a magnitude, a toll, an age)
#: are entity-like features: two reports of one event tend to repeat them.
FIGURES = True
#: Only figures starting within this many characters of the body count.
FIGURE_CHARS = 600
#: Figure kinds used (durations and ordinals describe background more than the event).
FIGURE_KINDS = frozenset({"count", "age", "money", "percent", "other"})
#: Only dates starting within this many characters of the body count as the article's
#: time evidence (the dateline and lead date the event; later dates are often background).
YEAR_CHARS = 600
#: Words shorter than this are dropped (after normalisation).
MIN_WORD_LEN = 2
#: The embedded text (``embed_text``): title + the first ``EMBED_SENTENCES`` sentences of
#: the body, at most ``EMBED_CHARS`` characters of body (cut at a word boundary).
EMBED_SENTENCES = 2
EMBED_CHARS = 300
#: The body representation (``body_counts``): unigrams of the first ``BODY_CHARS``
#: characters of the text; the index keeps an article's ``BODY_TERMS`` heaviest terms.
BODY_CHARS = 4000
BODY_TERMS = 48
#: Entity types whose names are places (``place_keys``).
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})

K = TypeVar("K", int, str)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n\s*\n")
_SPACE = re.compile(r"\s+")

# Function words and web furniture (URL parts) that carry no story identity.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can could did didn't do does doesn't doing
    don't down during each few for from further had has hasn't have haven't having he he'd
    he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if
    in into is isn't it it's its itself let's me more most my myself no nor not of off on once
    only or other ought our ours ourselves out over own said same says say she she'd she'll
    she's should so some such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those through to too under until
    up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's which while who who's whom why why's will with won't would wouldn't you you'd
    you'll you're you've your yours yourself yourselves just one two new like get got told
    http https www com org net html htm php asp aspx index article story news print
    """.split()  # noqa: SIM905
)


def normalise(text: str) -> str:
    """ASCII-fold (unidecode) and lowercase."""
    return unidecode(text).lower()


def _stem(word: str) -> str:
    """A very light plural/possessive stripper ("quakes" -> "quake", "reid's" -> "reid")."""
    if word.endswith("'s"):
        word = word[:-2]
    elif "'" in word:
        word = word.replace("'", "")
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Content words of ``text``: normalised, stop words dropped, lightly stemmed."""
    out = []
    for w in _WORD.findall(normalise(text)):
        if w in STOPWORDS:
            continue
        w = _stem(w)
        if len(w) >= MIN_WORD_LEN and w not in STOPWORDS:
            out.append(w)
    return out


def feature(token: str) -> int:
    """Stable hashed feature id of a token."""
    return zlib.crc32(token.encode("utf-8")) & ((1 << HASH_BITS) - 1)


def article_text(article: Article) -> str:
    """Title plus lead of the body: what represents the article."""
    lead = article.text[:LEAD_CHARS]
    return f"{article.title}\n{lead}" if article.title else lead


def embed_text(article: Article) -> str:
    """Title + lead for the sentence encoder: URLs dropped, whitespace collapsed, the first
    ``EMBED_SENTENCES`` sentences of the body (sentence ends: ``.!?`` + space, or a blank
    line), at most ``EMBED_CHARS`` characters of body, cut at a word boundary."""
    body = _URL.sub(" ", article.text[: EMBED_CHARS * 4]).strip()
    end = 0
    for n, m in enumerate(_SENTENCE_END.finditer(body), 1):
        end = m.end()
        if n >= EMBED_SENTENCES or end >= EMBED_CHARS:
            break
    lead = body[:end] if end else body
    if len(lead) > EMBED_CHARS:
        cut = lead.rfind(" ", 0, EMBED_CHARS)
        lead = lead[: cut if cut > EMBED_CHARS // 2 else EMBED_CHARS]
    lead = _SPACE.sub(" ", lead).strip()
    title = _SPACE.sub(" ", article.title or "").strip()
    return f"{title}. {lead}" if title and lead else title or lead


def term_counts(article: Article) -> Counter[int]:
    """Hashed word (and adjacent-pair) counts of the article's title and lead."""
    ws = words(article_text(article))
    counts = Counter(feature(w) for w in ws)
    if BIGRAMS:
        counts.update(feature(f"{a} {b}") for a, b in pairwise(ws))
    return counts


def body_counts(article: Article) -> Counter[int]:
    """Hashed unigram counts of the first ``BODY_CHARS`` characters of the text (title
    included when the text starts with it, as cleaned articles do)."""
    return Counter(feature(w) for w in words(article.text[:BODY_CHARS]))


def entity_name(name: str) -> str:
    """Normalised entity name: ASCII, lowercase, no leading article or possessive."""
    n = normalise(name).replace("'s", " ")
    n = _NON_ALNUM.sub(" ", n).strip()
    if n.startswith("the "):
        n = n[4:]
    return n


def entity_keys(analysis: Analysis | None) -> Counter[str]:
    """Entity features of an article: each normalised name (and alias) once, plus the
    last word of multi-word names at half weight ("tara reid" also gives "reid"), plus
    (``FIGURES``) the numbers of its lead as "n:unit:value" keys ("n:years:95")."""
    keys: Counter[str] = Counter()
    if analysis is None:
        return keys
    for ent in analysis.entities:
        for raw in (ent.name, *ent.aliases):
            name = entity_name(raw)
            if len(name) < 2:
                continue
            keys["e:" + name] = 1
            parts = name.split()
            if len(parts) > 1 and len(parts[-1]) > 2 and parts[-1] not in STOPWORDS:
                keys["w:" + parts[-1]] = 1
    if FIGURES:
        for fig in analysis.figures:
            if fig.kind in FIGURE_KINDS and fig.low is not None and fig.start < FIGURE_CHARS:
                keys[f"n:{fig.unit}:{fig.low:g}"] = 1
    return keys


def place_keys(analysis: Analysis | None) -> set[str]:
    """Entity keys ("e:<name>") of the places the article names (``PLACE_TYPES``)."""
    if analysis is None:
        return set()
    out: set[str] = set()
    for ent in analysis.entities:
        if ent.type in PLACE_TYPES:
            name = entity_name(ent.name)
            if len(name) >= 2:
                out.add("e:" + name)
    return out


def person_keys(analysis: Analysis | None) -> set[str]:
    """The full names of the people an article names (PERSON entities and their aliases of
    two words or more, normalised as entity keys): a follow-up weeks later names the
    victim or the suspect again; a report of another incident in the same city does not."""
    if analysis is None:
        return set()
    out: set[str] = set()
    for ent in analysis.entities:
        if ent.type != "PERSON":
            continue
        for raw in (ent.name, *ent.aliases):
            name = entity_name(raw)
            if len(name.split()) >= 2:
                out.add(name)
    return out


def key_entities(analysis: Analysis | None) -> list[list[str]]:
    """The article's main actors: up to ``KEY_ENTITIES`` entities with the most mentions
    (at least ``KEY_MIN_MENTIONS``), each as its entity keys (canonical name first, then
    aliases and surname). Empty without mention counts (the signal is then absent)."""
    if analysis is None:
        return []
    ranked = sorted(
        (
            e
            for e in analysis.entities
            if len(e.mentions) >= KEY_MIN_MENTIONS and (not KEY_TYPES or e.type in KEY_TYPES)
        ),
        key=lambda e: -len(e.mentions),
    )
    out: list[list[str]] = []
    for ent in ranked[:KEY_ENTITIES]:
        keys: list[str] = []
        for raw in (ent.name, *ent.aliases):
            name = entity_name(raw)
            if len(name) < 2:
                continue
            keys.append("e:" + name)
            parts = name.split()
            if len(parts) > 1 and len(parts[-1]) > 2 and parts[-1] not in STOPWORDS:
                keys.append("w:" + parts[-1])
        if keys:
            out.append(list(dict.fromkeys(keys)))
    return out


def event_years(analysis: Analysis | None) -> Counter[str]:
    """Years of the absolute dates the text mentions ("March 2011", "November 12, 2011",
    "2009"): the article's time evidence when it has no publication date. Only dates
    that resolved without a publication date count (relative ones say nothing here)."""
    years: Counter[str] = Counter()
    if analysis is None:
        return years
    for ref in analysis.dates:
        if ref.date and not ref.relative and ref.start < YEAR_CHARS:
            years[ref.date[:4]] += 1
    return years


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency."""
    return math.log((n_docs + 1) / (df + 1)) + 1.0


def weigh(
    counts: Mapping[K, int],
    df: Mapping[K, int],
    n_docs: int,
    scale: Callable[[K], float] | None = None,
) -> dict[K, float]:
    """L2-normalised sublinear-TF x IDF vector of ``counts`` under the given frequencies;
    ``scale`` multiplies each key's weight (e.g. half weight for surname keys)."""
    vec: dict[K, float] = {}
    get = df.get
    for key, tf in counts.items():
        w = (1.0 + math.log(tf)) * idf(get(key, 0), n_docs)
        if scale is not None:
            w *= scale(key)
        vec[key] = w
    norm = math.sqrt(sum(w * w for w in vec.values()))
    if norm > 0:
        for key in vec:
            vec[key] /= norm
    return vec


def top_terms(vec: Mapping[K, float], n: int) -> dict[K, float]:
    """The ``n`` heaviest entries of ``vec``, re-normalised to unit length (ties: key)."""
    if len(vec) <= n:
        return dict(vec)
    kept = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    norm = math.sqrt(sum(v * v for _, v in kept)) or 1.0
    return {k: v / norm for k, v in kept}


def dot(a: Mapping[K, float], b: Mapping[K, float]) -> float:
    """Sparse dot product (iterates over the smaller vector, in its order: the same sum
    to the bit as adding a zero product for every key the other lacks)."""
    if len(a) > len(b):
        a, b = b, a
    return sum([v * b[k] for k, v in a.items() if k in b], 0.0)


def add_into(target: dict[K, float], vec: Iterable[tuple[K, float]]) -> float:
    """Add ``vec`` into ``target`` in place; returns the dot product before adding
    (so a caller can update a cached squared norm: |t+v|^2 = |t|^2 + 2 t.v + |v|^2)."""
    before = 0.0
    for k, v in vec:
        old = target.get(k, 0.0)
        before += old * v
        target[k] = old + v
    return before
