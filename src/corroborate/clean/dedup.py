"""Exact and near-duplicate detection with MinHash LSH (rensa).

Syndicated copies of one report differ by furniture (bylines, captions, "read more"
lines), a changed headline or a few edited words. Each text is reduced to the set of
its **word 5-grams** after normalisation (NFKC, case-folded, punctuation dropped); the
Jaccard similarity of two such sets is estimated from 128-value MinHash signatures, and
an LSH index over signature bands finds candidates without comparing all pairs. Every
candidate is then verified against the threshold with the estimated Jaccard, so LSH
only decides *what to compare*, never *what is a duplicate*.

Why 5-grams: single words or 2-grams make two different write-ups of one story look
alike (they share names, places and numbers); 5-grams are shared almost only where text
was copied. The price is sensitivity to scattered edits: every changed word removes up
to five shingles, so the default threshold is calibrated (see ``docs/store.md``) rather
than set at the textbook 0.8.

Signatures are ``bytes`` (rensa's own serialisation), so a store can keep them and the
index can be rebuilt on start-up with :meth:`Deduplicator.load` without re-reading texts;
:attr:`Deduplicator.scheme` names everything a stored signature depends on, so a store
can tell when stored signatures are stale and must be recomputed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Protocol

import rensa

from corroborate.types import Article

__all__ = [
    "DEFAULT_THRESHOLD",
    "SHORT_TEXT_WORDS",
    "Deduplicator",
    "choose_bands",
    "content_hash",
    "distinct_short_texts",
    "normalise",
    "shingles",
]

#: Estimated Jaccard of word 5-gram sets at or above which two texts are one article.
#: Calibrated in tests/clean/test_dedup.py and docs/store.md.
DEFAULT_THRESHOLD = 0.45

_WORD = re.compile(r"\w+")

#: A body shorter than this many words, about neither of two differing titles, does not
#: make two pages one article (:func:`distinct_short_texts`).
SHORT_TEXT_WORDS = 200
#: Share of a title's content words (four letters or more) a body must contain to be about
#: that title.
TITLE_COVER = 0.25


def normalise(text: str) -> list[str]:
    """The words of ``text``: NFKC-normalised, case-folded, punctuation and spacing dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = 5) -> list[str]:
    """Distinct word ``size``-grams of the normalised text (the whole text when shorter)."""
    words = normalise(text)
    if not words:
        return []
    if len(words) <= size:
        return [" ".join(words)]
    grams = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    return sorted(grams)


def content_hash(text: str) -> str:
    """SHA-256 of the normalised words: equal for texts that differ only in case, spacing
    or punctuation."""
    return hashlib.sha256(" ".join(normalise(text)).encode("utf-8")).hexdigest()


def _title_cover(title: str, body_words: set[str]) -> float:
    words = [w for w in normalise(title) if len(w) >= 4 and w.isalpha()]
    return sum(w in body_words for w in words) / len(words) if words else 1.0


def distinct_short_texts(text: str, title: str | None, other_title: str | None) -> bool:
    """Whether a near-duplicate match of ``text`` (titled ``title``; its first paragraph
    is the headline when it repeats the title) with a stored article titled ``other_title``
    must be refused: the titles differ, the body is shorter than :data:`SHORT_TEXT_WORDS`
    words, and it is about neither title (under :data:`TITLE_COVER` of either title's
    content words). A registration wall or paywall teaser shared by pages about different
    events is not one article; a syndicated copy with a changed headline still merges.

    Calibrated on GVC dev (docs/store.md, "Short texts"): of the 246 pairs of records with
    one body and different titles, the rule refuses 228, of which 222 are pages about
    different incidents and 6 two pages about one incident (kept apart, they still join one
    story); every pair with a body of 200 words or more is one incident and is kept."""
    if not title or not other_title or normalise(title) == normalise(other_title):
        return False
    head, _, rest = text.partition("\n\n")
    body = rest if rest and normalise(head) == normalise(title) else text
    words = normalise(body)
    if len(words) >= SHORT_TEXT_WORDS:
        return False
    seen = set(words)
    return max(_title_cover(title, seen), _title_cover(other_title, seen)) < TITLE_COVER


def _candidate_probability(similarity: float, bands: int, rows: int) -> float:
    return 1.0 - (1.0 - similarity**rows) ** bands


def choose_bands(threshold: float, num_perm: int, recall: float = 0.995) -> int:
    """Number of LSH bands: the fewest (so the fewest false candidates) that still make a
    pair at exactly ``threshold`` a candidate with probability ≥ ``recall``."""
    divisors = [b for b in range(1, num_perm + 1) if num_perm % b == 0]
    for bands in divisors:
        if _candidate_probability(threshold, bands, num_perm // bands) >= recall:
            return bands
    return num_perm


class _Primeable(Protocol):
    def prime(self, dedup: Any) -> int: ...


class Deduplicator:
    """Near-duplicate index over article texts (MinHash LSH, verified by Jaccard).

    Keys are article ids. ``find``/``match`` never modify the index; ``add`` does.
    Texts without a single word have no signature and are never near-duplicates
    (exact duplicates are the store's business, by content hash).
    """

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = 128,
        *,
        shingle_size: int = 5,
        seed: int = 42,
        num_bands: int | None = None,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if num_perm < 1:
            raise ValueError(f"num_perm must be positive, got {num_perm}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        self.num_bands = num_bands or choose_bands(threshold, num_perm)
        self._lsh = rensa.RMinHashLSH(threshold, num_perm, self.num_bands)
        self._keys: dict[str, int] = {}
        self._ids: dict[int, str] = {}
        self._hashes: dict[int, rensa.RMinHash] = {}
        self._next = 0

    @classmethod
    def from_store(cls, store: _Primeable, **kwargs: Any) -> Deduplicator:
        """A deduplicator loaded with ``store``'s stored signatures (recomputed there when
        they were made under another scheme); ``kwargs`` go to the constructor."""
        dedup = cls(**kwargs)
        store.prime(dedup)
        return dedup

    # ----------------------------------------------------------------- signatures

    @property
    def scheme(self) -> str:
        """Everything a stored signature depends on; stored signatures with another
        scheme must be recomputed from the texts."""
        return (
            f"rensa-minhash-v{rensa.RMinHash.ALGORITHM_VERSION}"
            f"/perm{self.num_perm}/seed{self.seed}/words{self.shingle_size}"
        )

    def minhash(self, text: str) -> rensa.RMinHash | None:
        """The MinHash of ``text``'s shingles, or None for a text without words."""
        grams = shingles(text, self.shingle_size)
        if not grams:
            return None
        m = rensa.RMinHash(self.num_perm, self.seed)
        m.update(grams)
        return m

    def signature(self, text: str) -> bytes:
        """Serialised MinHash of ``text`` (``b""`` for a text without words)."""
        m = self.minhash(text)
        return b"" if m is None else bytes(m.__getstate__())

    def _decode(self, signature: bytes) -> rensa.RMinHash | None:
        if not signature:
            return None
        m = rensa.RMinHash(self.num_perm, self.seed)
        try:
            m.__setstate__(signature)
        except Exception as exc:  # rensa raises its own types
            raise ValueError(
                f"signature does not match scheme {self.scheme}: {exc}; recompute it from the text"
            ) from exc
        if len(m.digest()) != self.num_perm:
            raise ValueError(f"signature has {len(m.digest())} values, expected {self.num_perm}")
        return m

    # ----------------------------------------------------------------- queries

    def match_signature(self, signature: bytes) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its estimated
        Jaccard similarity; None when there is none."""
        m = self._decode(signature)
        if m is None:
            return None
        best: tuple[str, float] | None = None
        for key in self._lsh.query(m):
            other = self._hashes.get(key)
            if other is None:
                continue
            sim = float(m.jaccard(other))
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (self._ids[key], sim)
        return best

    def match(self, text: str) -> tuple[str, float] | None:
        """Like :meth:`match_signature`, from a text."""
        return self.match_signature(self.signature(text))

    def find(self, article: Article) -> str | None:
        """Id of an indexed near-duplicate of ``article`` (never itself), or None."""
        found = self.match(article.text)
        if found is None or found[0] == article.id:
            return None
        return found[0]

    def similarity(self, a: str, b: str) -> float:
        """Estimated Jaccard similarity of two texts' shingle sets (0 when either is empty)."""
        ma, mb = self.minhash(a), self.minhash(b)
        return 0.0 if ma is None or mb is None else float(ma.jaccard(mb))

    # ----------------------------------------------------------------- index

    def add_signature(self, article_id: str, signature: bytes) -> None:
        """Index ``article_id`` under a signature from :meth:`signature` (no-op when the id
        is already indexed or the signature is empty)."""
        if article_id in self._keys:
            return
        m = self._decode(signature)
        if m is None:
            return
        key = self._next
        self._next += 1
        self._lsh.insert(key, m)
        self._keys[article_id] = key
        self._ids[key] = article_id
        self._hashes[key] = m

    def add(self, article_id: str, text: str) -> bytes:
        """Index ``text`` under ``article_id``; returns its signature (to store)."""
        sig = self.signature(text)
        self.add_signature(article_id, sig)
        return sig

    def remove(self, article_id: str) -> bool:
        """Drop ``article_id`` from the index; True when it was there."""
        key = self._keys.pop(article_id, None)
        if key is None:
            return False
        self._lsh.remove(key)
        del self._ids[key]
        del self._hashes[key]
        return True

    def load(self, signatures: Iterable[tuple[str, bytes]]) -> int:
        """Rebuild (extend) the index from stored ``(article_id, signature)`` pairs, e.g.
        ``dedup.load(store.signatures())``; returns how many were indexed."""
        before = len(self)
        for article_id, sig in signatures:
            self.add_signature(article_id, sig)
        return len(self) - before

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._keys

    def __len__(self) -> int:
        return len(self._keys)
