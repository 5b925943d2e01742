"""Common-noun phrases of an article: the raw material of its unnamed participants.

News names few of the people and things it is about: "the gunman", "police", "the store",
"the company", "the index". The link stage groups these phrases across a story's articles
(``corroborate.link.unnamed``); this extractor only reads them off the parse, where the
part-of-speech tags and the dependency tree are at hand (the link stage gets no parse).

A phrase is a common noun (tag NN or NNS) that heads its noun phrase (not a compound
modifier: "police" in "police officers" is not one, "officers" is), outside every span the
NER tagged (names, dates, quantities), with its left dependents: from the leftmost word of
its left subtree to the noun itself ("the 22-year-old gunman"; relative clauses and
prepositional phrases after the noun are left out). A name among the left dependents
starts the phrase after it ("the Klitschko fight" -> "fight", "Apple's new store" -> "new
store"): a name NER missed must not be read as part of an unnamed thing.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["NOUN_TAGS", "NounPhraseRow", "extract_noun_phrases", "is_word"]

#: (phrase start, phrase end, head start, head end, head lemma in lower case), offsets into
#: the article's text.
NounPhraseRow = tuple[int, int, int, int, str]

#: Penn tags of common nouns (proper nouns are the named entities' business).
NOUN_TAGS = frozenset({"NN", "NNS"})
#: Tags of proper nouns: a phrase starts after the last of them (see the module doc).
NAME_TAGS = frozenset({"NNP", "NNPS"})
#: NER types of names (not of dates, times or quantities: "the 22-year-old gunman" keeps
#: its age).
NAME_TYPES = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)


def is_word(lemma: str) -> bool:
    """A word, or a model name such as "a380" (letters and digits): not a number, a symbol
    or a hyphenated piece."""
    return lemma.isalnum() and any(c.isalpha() for c in lemma)


def extract_noun_phrases(doc: Doc) -> tuple[NounPhraseRow, ...]:
    """The common-noun phrases of ``doc`` in text order (see the module doc)."""
    rows: list[NounPhraseRow] = []
    for tok in doc:
        if tok.tag_ not in NOUN_TAGS or tok.dep_ == "compound" or tok.ent_iob_ != "O":
            continue
        lemma = tok.lemma_.lower()
        if not is_word(lemma):
            continue
        first = tok.left_edge.i
        for k in range(first, tok.i):
            if doc[k].tag_ in NAME_TAGS or doc[k].ent_type_ in NAME_TYPES:
                first = k + 1
        while first < tok.i and (doc[first].is_punct or doc[first].tag_ == "POS"):
            first += 1
        end = tok.idx + len(tok.text)
        rows.append((doc[first].idx, end, tok.idx, end, lemma))
    return tuple(rows)
