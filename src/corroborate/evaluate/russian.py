"""Russian entity mentions of the dossier, scored by span on factRuEval-2016 (MIT).

* **Gold:** the corpus's PER / ORG / LOC name mentions (LocOrg counted as LOC), each from
  its first to its last name token, descriptors left out.
* **Ours:** every mention of every named entity of the dossier (``PERSON`` -> PER, ``ORG``
  -> ORG, ``GPE``/``LOC``/``FAC`` -> LOC; times and other types left out), carried from
  the stored text onto the input text with :class:`OffsetMap`.
* **Metric:** exact span-and-type match; precision, recall and F1 per type and over the
  three types together (micro).
* **Baseline:** the raw spans of natasha's NER (slovnet) on the same input texts: the
  product adds name widening, lemmatised in-article coreference and linking on top.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from corroborate.evaluate.align import OffsetMap
from corroborate.evaluate.table import Row, Section

TYPES = ("PER", "ORG", "LOC")
#: Dossier entity type -> gold type.
GOLD_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
#: The issue's target for the micro F1 over PER/ORG/LOC.
TARGET_F1 = 0.80

Spans = set[tuple[str, int, int, str]]  # (article id, start, end, type)


def gold_spans(rows: Iterable[Mapping[str, Any]]) -> Spans:
    """The corpus's gold mentions as (article id, start, end, type)."""
    return {
        (str(r["id"]), int(m["start"]), int(m["end"]), str(m["type"]))
        for r in rows
        for m in r["mentions"]
        if m["type"] in TYPES
    }


def dossier_spans(dossier: Mapping[str, Any], texts: Mapping[str, str]) -> Spans:
    """The dossier's named-entity mentions, mapped onto the input ``texts``."""
    stored = {a["id"]: a["text"] for a in dossier["articles"]}
    maps: dict[str, OffsetMap] = {}
    out: Spans = set()
    for story in dossier["stories"]:
        for entity in story["entities"]:
            gtype = GOLD_TYPE.get(entity["type"])
            if gtype is None:
                continue
            for m in entity["mentions"]:
                aid = m["article_id"]
                if aid not in texts or aid not in stored:
                    continue
                if aid not in maps:
                    maps[aid] = OffsetMap(stored[aid], texts[aid])
                span = maps[aid].span(m["start"], m["end"])
                if span is not None:
                    out.add((aid, span[0], span[1], gtype))
    return out


def natasha_spans(rows: Sequence[Mapping[str, Any]]) -> Spans:
    """The baseline: natasha's raw NER spans on each input text."""
    from corroborate.analyze.russian.nlp import parse

    return {
        (str(r["id"]), s.start, s.end, s.type)
        for r in rows
        for s in parse(str(r["text"])).names
        if s.type in TYPES
    }


def prf(ours: Spans, gold: Spans) -> tuple[float, float, float]:
    """Precision, recall and F1 of exact span-and-type matches."""
    tp = len(ours & gold)
    p = tp / len(ours) if ours else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _only(spans: Spans, kind: str) -> Spans:
    return {s for s in spans if s[3] == kind}


def score_russian(
    dossier: Mapping[str, Any], rows: Sequence[Mapping[str, Any]], corpus: str = "factrueval"
) -> Section:
    """Span P/R/F1 per type and micro over PER/ORG/LOC, ours vs natasha's raw NER."""
    texts = {str(r["id"]): str(r["text"]) for r in rows}
    gold = gold_spans(rows)
    ours = dossier_spans(dossier, texts)
    base = natasha_spans(rows)
    rows_out: list[Row] = []
    for kind in TYPES:
        o, b = prf(_only(ours, kind), _only(gold, kind)), prf(_only(base, kind), _only(gold, kind))
        n = len(_only(gold, kind))
        rows_out.append(Row("russian", corpus, f"{kind} span F1", o[2], b[2], note=f"{n} gold"))
    o, b = prf(ours, gold), prf(base, gold)
    rows_out += [
        Row("russian", corpus, "PER/ORG/LOC span precision", o[0], b[0]),
        Row("russian", corpus, "PER/ORG/LOC span recall", o[1], b[1]),
        Row(
            "russian",
            corpus,
            "PER/ORG/LOC span F1",
            o[2],
            b[2],
            f">= {TARGET_F1:.2f}",
            o[2] >= TARGET_F1,
            f"{len(gold)} gold mentions, {len(texts)} texts; baseline natasha NER",
        ),
    ]
    languages = Counter(a.get("language") for a in dossier["articles"])
    info = {"gold_mentions": len(gold), "our_mentions": len(ours), "languages": dict(languages)}
    return Section(f"russian/{corpus}", tuple(rows_out), info)
