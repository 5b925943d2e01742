"""Verb lemmas the English model's rule lemmatizer gets wrong by spelling alone.

spaCy's rule lemmatizer strips a suffix and keeps the first candidate its index knows; for
"hoping", "hoped" and "hopes" both "hop" and "hope" are verbs of the index, and it keeps
"hop". So an arrest someone "was hoping" to make escaped the prospective heads ("hope"),
"was fined $500" became the predicate "fin", "staged a rally" "stag", "riding a bike" "rid".
English spelling settles it: a one-syllable stem ending consonant-vowel-consonant doubles
its last consonant before -ed and -ing ("hop" -> "hopped", "hopping"), so an undoubled
"hoped" or "hoping" comes from "hope"; and -es follows only a stem ending in s, sh, ch, x, z
or o ("hop" -> "hops"), so "hopes" comes from "hope". The component after the lemmatizer
puts the "-e" back where the index has that verb too. Nothing is fitted; the rule is the
spelling rule (found on ECB+ dev's figure conflicts, 2026-12-07).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

VERB_LEMMAS = "corroborate_verb_lemmas"
_VOWELS = frozenset("aeiou")
#: Final consonants that never double ("boxing", "sewing", "playing").
_NEVER_DOUBLED = frozenset("wxy")
#: Stem endings that take -es ("pushes", "fixes", "goes").
_TAKES_ES = ("s", "sh", "ch", "x", "z", "o")


def doubles_before_suffix(stem: str) -> bool:
    """Whether ``stem`` is one syllable ending consonant-vowel-consonant, whose last
    consonant doubles before -ed and -ing ("hop", "fin", "stag", "star")."""
    if len(stem) < 3 or not stem.isalpha():
        return False
    before, vowel, last = stem[-3], stem[-2], stem[-1]
    return (
        before not in _VOWELS
        and vowel in _VOWELS
        and last not in _VOWELS
        and last not in _NEVER_DOUBLED
        and sum(ch in _VOWELS for ch in stem) == 1
    )


def mended_lemma(form: str, lemma: str, verbs: frozenset[str] | set[str]) -> str:
    """The lemma of the verb ``form`` given the lemmatizer's ``lemma``: the stem with its
    "-e" back when spelling says the "-e" was dropped and ``verbs`` knows that verb."""
    full = lemma + "e"
    if full not in verbs:
        return lemma
    for suffix in ("ed", "ing"):
        if form == lemma + suffix and doubles_before_suffix(lemma):
            return full
    if form == lemma + "es" and not lemma.endswith(_TAKES_ES):
        return full
    return lemma


class VerbLemmas:
    """The pipeline component: mends VERB lemmas (see the module docstring)."""

    def __init__(self, verbs: frozenset[str]) -> None:
        self.verbs = verbs

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            lemma = tok.lemma_
            mended = mended_lemma(tok.lower_, lemma, self.verbs)
            if mended != lemma:
                tok.lemma_ = mended
        return doc


@Language.factory(VERB_LEMMAS)
def make_verb_lemmas(nlp: Language, name: str) -> VerbLemmas:
    """The component, with the verbs of the pipeline's own lemmatizer index."""
    verbs: frozenset[str] = frozenset()
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            verbs = frozenset(index.get("verb", ()))
    return VerbLemmas(verbs)
