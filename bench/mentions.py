"""Entity mention detection against ECB+ gold entity mentions.

Runs our entity extraction (the analysis pipeline's spaCy + ``extract_entities``) on ECB+ dev
(``../shared/data/ecbplus/dev.jsonl``) and scores our mentions against the gold ENTITY
mentions, both restricted to the *annotated* sentences (``annotated_sentences``).

Class mapping (gold ECB+ type -> class; our spaCy-style type -> class):

    gold HUMAN_PART_PER                        -> PERSON   ours PERSON        -> PERSON
    gold HUMAN_PART_ORG, HUMAN_PART_MET        -> ORG      ours ORG           -> ORG
    gold HUMAN_PART_GPE, LOC_GEO, LOC_FAC,
         HUMAN_PART_FAC                        -> PLACE    ours GPE, LOC, FAC -> PLACE
    gold GENERIC/VEH/NON_HUMAN/LOC_OTHER/TIME_* and ours NORP/EVENT: not scored

Gold sets: ``all`` (every mapped gold mention, incl. pronouns and common nouns such as
"the man", which we do not try to find) and ``named`` (gold mentions containing a proper
name: a token spaCy tags PROPN, or a capitalised token that does not start the sentence).
Matching, one-to-one, same class: ``exact`` (same character span) and ``lenient`` (spans
overlap and the syntactic head word of the gold span, leading prepositions and
determiners removed, lies inside our mention, so "in France" matches "France").
``SPAN`` rows ignore the class. ECB+ annotates only the participants of
its annotated events, so names outside them count as false positives: precision is a lower
bound.

    .venv/bin/python bench/mentions.py              # all 772 articles
    .venv/bin/python bench/mentions.py --limit 100
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ECB_DEV, load_jsonl, require, timer

GOLD_CLASS = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_MET": "ORG",
    "HUMAN_PART_GPE": "PLACE",
    "LOC_GEO": "PLACE",
    "LOC_FAC": "PLACE",
    "HUMAN_PART_FAC": "PLACE",
}
OUR_CLASS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
CLASSES = ("PERSON", "ORG", "PLACE")


@dataclass(frozen=True)
class Item:
    """One mention: span, class, and (gold) the head-word span and whether it is named."""

    start: int
    end: int
    cls: str
    head: tuple[int, int] = (0, 0)
    named: bool = True


@dataclass
class Score:
    """Counts for one (gold set, match, class) cell."""

    matched_pred: int = 0
    pred: int = 0
    matched_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _match(gold: Sequence[Item], pred: Sequence[Item], lenient: bool, typed: bool) -> int:
    used: set[int] = set()
    hits = 0
    for g in gold:
        for j, p in enumerate(pred):
            if j in used or (typed and p.cls != g.cls):
                continue
            if lenient:
                ok = p.start < g.end and g.start < p.end and p.start <= g.head[0] < p.end
            else:
                ok = (p.start, p.end) == (g.start, g.end)
            if ok:
                used.add(j)
                hits += 1
                break
    return hits


def _items(row: dict[str, Any], doc: Any, entities: Iterable[Any]) -> tuple[list[Item], list[Item]]:
    spans = [tuple(row["sentences"][i]) for i in row["annotated_sentences"]]

    def annotated(start: int) -> bool:
        return any(s <= start < e for s, e in spans)

    gold: list[Item] = []
    for m in row["mentions"]:
        cls = GOLD_CLASS.get(m["type"])
        if m["kind"] != "entity" or cls is None or not annotated(m["start"]):
            continue
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        core = span
        while len(core) > 1 and core[0].pos_ in ("ADP", "DET", "PUNCT"):
            core = core[1:]  # "in France" -> "France": the preposition is not the head
        root = core.root
        named = any(
            t.pos_ == "PROPN" or (t.text[:1].isupper() and not t.is_sent_start) for t in span
        )
        head = (root.idx, root.idx + len(root.text))
        gold.append(Item(m["start"], m["end"], cls, head, named))
    pred = [
        Item(m.start, m.end, OUR_CLASS[m.type])
        for ent in entities
        for m in ent.mentions
        if m.type in OUR_CLASS and annotated(m.start)
    ]
    return gold, pred


def evaluate(rows: Sequence[dict[str, Any]]) -> dict[tuple[str, str, str], Score]:
    """Scores keyed by (gold set ``all``/``named``, match ``exact``/``lenient``, class).

    Classes are PERSON, ORG, PLACE, ALL (class must agree) and SPAN (class ignored).
    """
    from corroborate.analyze.entities import extract_entities
    from corroborate.analyze.pipeline import analysis_nlp

    nlp = analysis_nlp()
    scores: dict[tuple[str, str, str], Score] = {}
    pairs = ((r["text"], r) for r in rows)
    for doc, row in nlp.pipe(pairs, as_tuples=True, batch_size=16):
        gold_all, pred = _items(row, doc, extract_entities(doc))
        for gold_set in ("all", "named"):
            gold = gold_all if gold_set == "all" else [g for g in gold_all if g.named]
            for match in ("exact", "lenient"):
                lenient = match == "lenient"
                for cls in (*CLASSES, "ALL", "SPAN"):
                    g = gold if cls in ("ALL", "SPAN") else [x for x in gold if x.cls == cls]
                    p = pred if cls in ("ALL", "SPAN") else [x for x in pred if x.cls == cls]
                    typed = cls != "SPAN"
                    score = scores.setdefault((gold_set, match, cls), Score())
                    score.gold += len(g)
                    score.pred += len(p)
                    hits = _match(g, p, lenient, typed)  # one-to-one: same count both ways
                    score.matched_gold += hits
                    score.matched_pred += hits
    return scores


def load_rows(limit: int | None = None) -> list[dict[str, Any]]:
    """ECB+ dev records (exits with a clear message when ../shared is absent)."""
    return load_jsonl(require(ECB_DEV, "ECB+ dev set"), limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="first N articles; 0 = all")
    args = parser.parse_args()
    rows = load_rows(args.limit or None)
    with timer() as elapsed:
        scores = evaluate(rows)
    print(f"ECB+ dev, {len(rows)} articles, annotated sentences only ({elapsed():.0f} s)")
    for gold_set in ("all", "named"):
        for match in ("exact", "lenient"):
            print(f"\ngold={gold_set} match={match}")
            print(f"  {'class':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'ours':>6}")
            for cls in (*CLASSES, "ALL", "SPAN"):
                s = scores[(gold_set, match, cls)]
                print(
                    f"  {cls:6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                    f" {s.gold:6d} {s.pred:6d}"
                )


if __name__ == "__main__":
    main()
