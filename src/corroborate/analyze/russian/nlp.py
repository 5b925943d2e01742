"""The Russian parse every Russian extractor shares: natasha's segmenter and slovnet models.

natasha's wheel ships the models (slovnet NER, morphology and syntax trained on news, and
the navec embeddings they read): nothing is downloaded at run time. Lemmas come from
pymorphy3 (natasha's own ``MorphVocab`` wraps pymorphy2, which does not run on Python 3.11),
choosing the analysis that agrees with slovnet's part of speech and case.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corroborate.errors import CorroborateError
from corroborate.translit import morph_analyzer

#: slovnet's UD part-of-speech tags -> pymorphy3's (OpenCorpora) tags that agree with them.
_POS_OC: dict[str, frozenset[str]] = {
    "NOUN": frozenset({"NOUN"}),
    "PROPN": frozenset({"NOUN"}),
    "VERB": frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"}),
    "ADJ": frozenset({"ADJF", "ADJS", "COMP"}),
    "NUM": frozenset({"NUMR", "NUMB"}),
    "ADV": frozenset({"ADVB", "COMP"}),
    "AUX": frozenset({"VERB", "INFN"}),
}
CASE_OC = {
    "Nom": "nomn",
    "Gen": "gent",
    "Dat": "datv",
    "Acc": "accs",
    "Ins": "ablt",
    "Loc": "loct",
}


@dataclass(frozen=True)
class Token:
    """One token of a Russian text: offsets into the text, slovnet's tags, a lemma."""

    i: int  # index in the document
    start: int
    end: int
    text: str
    pos: str
    feats: tuple[tuple[str, str], ...]
    head: int | None  # document index of the syntactic head; None for a root
    rel: str
    lemma: str
    sent: int  # index of the sentence

    def feat(self, name: str) -> str | None:
        """One morphological feature ("Case", "Gender", ...), or None."""
        return next((v for k, v in self.feats if k == name), None)


@dataclass(frozen=True)
class NamedSpan:
    """A named-entity span found by slovnet: PER, ORG or LOC, with its tokens."""

    start: int
    end: int
    type: str
    text: str
    tokens: tuple[int, ...]  # document token indices


@dataclass(frozen=True)
class RuDoc:
    """A parsed Russian text."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int, int, int], ...]  # (start char, end char, first, stop token)
    names: tuple[NamedSpan, ...]

    def sentence_tokens(self, k: int) -> tuple[Token, ...]:
        """The tokens of sentence ``k``."""
        _, _, first, stop = self.sentences[k]
        return self.tokens[first:stop]

    def children(self, i: int) -> list[Token]:
        """The tokens whose head is token ``i`` (within its sentence)."""
        _, _, first, stop = self.sentences[self.tokens[i].sent]
        return [t for t in self.tokens[first:stop] if t.head == i]


@dataclass(frozen=True)
class Models:
    """natasha's segmenter and the slovnet taggers, loaded once per process."""

    segmenter: Any
    ner: Any
    morph: Any
    syntax: Any


@lru_cache(maxsize=1)
def load_models() -> Models:
    """Load natasha's models from its wheel (about 2 s, once per process)."""
    try:
        from natasha import (
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            NewsSyntaxParser,
            Segmenter,
        )
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise CorroborateError("natasha is not installed; run `make setup`") from exc
    emb = NewsEmbedding()
    return Models(Segmenter(), NewsNERTagger(emb), NewsMorphTagger(emb), NewsSyntaxParser(emb))


@lru_cache(maxsize=65536)
def lemma(word: str, pos: str, case: str | None) -> str:
    """The dictionary form of ``word``: the pymorphy3 analysis agreeing with slovnet's part of
    speech (and case, when given) wins; lower-case, ё written е."""
    lower = word.lower()
    if not any(c.isalpha() for c in lower):
        return lower
    parses = morph_analyzer().parse(lower)
    allowed = _POS_OC.get(pos)
    oc_case = CASE_OC.get(case or "")

    def fits(p: Any) -> bool:
        ok = allowed is None or p.tag.POS in allowed
        return bool(ok and (oc_case is None or p.tag.case in (oc_case, None)))

    best = next((p for p in parses if fits(p)), parses[0] if parses else None)
    return str(best.normal_form if best is not None else lower).replace("ё", "е")


def _head_index(head_id: str, sent_first: int) -> int | None:
    # slovnet's ids are "sentence_token", 1-based; "_0" is the root
    _, _, local = head_id.partition("_")
    k = int(local) if local.isdigit() else 0
    return None if k == 0 else sent_first + k - 1


def parse(text: str) -> RuDoc:
    """Segment, tag and parse ``text`` with natasha's models."""
    from natasha import Doc

    models = load_models()
    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_morph(models.morph)
    doc.parse_syntax(models.syntax)
    doc.tag_ner(models.ner)
    tokens: list[Token] = []
    sentences: list[tuple[int, int, int, int]] = []
    for k, sent in enumerate(doc.sents):
        first = len(tokens)
        for tok in sent.tokens:
            feats = tuple(sorted((tok.feats or {}).items()))
            case = dict(feats).get("Case")
            tokens.append(
                Token(
                    i=len(tokens),
                    start=tok.start,
                    end=tok.stop,
                    text=tok.text,
                    pos=tok.pos or "X",
                    feats=feats,
                    head=_head_index(tok.head_id or "", first),
                    rel=tok.rel or "",
                    lemma=lemma(tok.text, tok.pos or "X", case),
                    sent=k,
                )
            )
        sentences.append((sent.start, sent.stop, first, len(tokens)))
    starts = {t.start: t.i for t in tokens}
    ends = {t.end: t.i for t in tokens}
    names = []
    for span in doc.spans:
        a, b = starts.get(span.start), ends.get(span.stop)
        if a is None or b is None:
            continue
        names.append(NamedSpan(span.start, span.stop, span.type, span.text, tuple(range(a, b + 1))))
    return RuDoc(text, tuple(tokens), tuple(sentences), tuple(names))
