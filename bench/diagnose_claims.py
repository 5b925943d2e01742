"""Diagnostic (not the product's figure): why ``single_source`` claims are stated elsewhere.

    .venv/bin/python bench/diagnose_claims.py [--store PATH] [--cache PATH] [--out JSON]

Builds the annotated stories of ``../shared/data/claims`` as ``bench/fit_same_fact.py`` does
(the product's units, candidate pairs and features; ``--store`` / ``--cache`` are that
script's), gives each story the probabilities of a model fitted on the *other* stories and
clusters them with the shipped thresholds (``claims_from_pairs``, as at run time). Then, claim
by claim, for every ``single_source`` claim that the harness counts as stated elsewhere
(``corroborate.evaluate.claims``): for each of its (sentence, fact) that another article
states and no claim shows, the best probability the left-out model gives to *any* pair of a
unit of that sentence and a unit of another article's sentence stating the fact (pairs that
blocking left out are scored too). The claim's cause is its best such pair:

- ``not a claim sentence``: no other sentence stating the fact is a claim sentence;
- ``blocking``: the best pair was never a candidate but scores >= ``link``;
- ``model < 0.2`` ... ``model 0.4-0.5``: the best pair scores that (candidate or not);
- ``clustering``: the best pair is a candidate scoring >= 0.5 and still apart.

Also: the error rate by the number of facts annotated on the claim's sentence and by unit
kind, and the ceiling of the units, blocking and clustering (the same clustering over the
gold labels of the candidate pairs as probabilities: what a perfect pair model would give).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fit_same_fact as fit
from _common import require
from corroborate.compare.claims import _idf, claims_from_pairs, pair_features
from corroborate.compare.fact_model import SameFactModel, load_model
from corroborate.compare.similarity import LemmaTfidfEncoder
from corroborate.evaluate.claims import Tally

BUCKETS = (0.2, 0.3, 0.4, 0.5)


def _article(sid: str) -> str:
    return sid.rsplit(":", 1)[0]


def _bucket(p: float) -> str:
    lows = (0.0, *BUCKETS)
    for lo, hi in zip(lows, BUCKETS, strict=False):
        if p < hi:
            return f"model {lo:.1f}-{hi:.1f}" if lo else f"model < {hi:.1f}"
    return "clustering"


class _AllPairs:
    """Left-out probabilities of any unit pair of one story (candidates or not)."""

    def __init__(self, data: fit.StoryData, model: SameFactModel) -> None:
        story = data.pairs
        self.units, self.model, self.cos = story.units, model, story.sentence_cosine
        lex = LemmaTfidfEncoder()
        uv = lex.encode([u.text for u in self.units])
        sv = lex.encode([s.text for s in story.sentences])
        self.unit_lex, self.sent_lex = uv @ uv.T, sv @ sv.T
        self.stem_idf = _idf([u.stems for u in self.units])
        self.entity_idf = _idf([u.entities for u in self.units])
        self.sent_idf = _idf([u.sent_stems for u in self.units] + [u.names for u in self.units])
        self.candidates = {pair: k for k, pair in enumerate(story.pairs)}
        self.probs = model.predict(story.features)

    def best(self, mine: list[int], others: list[int]) -> tuple[float, bool]:
        """The best probability over ``mine`` x ``others`` and whether that pair is a
        candidate of the product's blocking."""
        best, cand = 0.0, False
        for u in mine:
            for v in others:
                i, j = min(u, v), max(u, v)
                k = self.candidates.get((i, j))
                if k is not None:
                    p = float(self.probs[k])
                else:
                    a, b = self.units[i], self.units[j]
                    row = pair_features(
                        a,
                        b,
                        float(self.cos[a.sentence, b.sentence]),
                        float(self.unit_lex[i, j]),
                        float(self.sent_lex[a.sentence, b.sentence]),
                        self.stem_idf,
                        self.entity_idf,
                        self.sent_idf,
                    )
                    p = float(self.model.predict([row])[0])
                if p > best:
                    best, cand = p, k is not None
        return best, cand


def diagnose(stories: list[fit.StoryData], thresholds: dict[str, float]) -> dict[str, Any]:
    causes: Counter[str] = Counter()
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = oracle = Tally()
    for data in stories:
        train = [t for t in stories if t is not data]
        model = SameFactModel(
            fit.fit(
                np.vstack([t.pairs.features for t in train]),
                np.concatenate([t.labels for t in train]),
                "logistic",
            )
        )
        scorer = _AllPairs(data, model)
        total = total + fit.story_tally(data, scorer.probs, thresholds)
        oracle = oracle + fit.story_tally(data, data.labels * 0.9 + 0.05, thresholds)
        units = data.pairs.units
        claims = claims_from_pairs(data.pairs, scorer.probs, data.figures, thresholds)
        unit_at = {(u.article_id, u.start, u.end): i for i, u in enumerate(units)}
        members = [
            [unit_at[k] for e in c.support if (k := (e.article_id, e.start, e.end)) in unit_at]
            for c in claims
        ]
        facts = data.gold.facts_of()
        fact_sids: dict[str, set[str]] = defaultdict(set)
        for sid, fids in facts.items():
            for fid in fids:
                fact_sids[fid].add(sid)
        units_of: dict[str, list[int]] = defaultdict(list)
        for i, covered in enumerate(data.unit_sids):
            for sid in covered:
                units_of[sid].append(i)
        shown: set[tuple[str, str]] = set()
        corroborated_sentences: set[int] = set()
        for claim, us in zip(claims, members, strict=True):
            sids = set[str]().union(*(data.unit_sids[u] for u in us))
            if claim.verdict != "single_source":
                corroborated_sentences |= {units[u].sentence for u in us}
            for sid in sids:
                for fid in facts.get(sid, ()):
                    if any(_article(o) != _article(sid) and fid in facts.get(o, ()) for o in sids):
                        shown.add((sid, fid))
        for claim, us in zip(claims, members, strict=True):
            if claim.verdict != "single_source" or not us:
                continue
            sids = set[str]().union(*(data.unit_sids[u] for u in us))
            if not any(facts.get(s) for s in sids):
                continue
            missing = [
                (sid, fid)
                for sid in sids
                for fid in facts.get(sid, ())
                if any(_article(o) != _article(sid) for o in fact_sids[fid])
                and (sid, fid) not in shown
            ]
            unit = units[us[0]]
            dense = max(len(facts.get(s, ())) for s in sids) >= 3
            kind = (
                "whole sentence"
                if unit.whole
                else "clause, a sibling corroborated"
                if unit.sentence in corroborated_sentences
                else "clause"
            )
            for key in (kind, "sentence states >= 3 facts" if dense else "states 1-2 facts"):
                by_kind[key][0] += bool(missing)
                by_kind[key][1] += 1
            if not missing:
                continue
            best: tuple[float, bool] | None = None
            for sid, fid in missing:
                others = [
                    v for o in fact_sids[fid] if _article(o) != _article(sid) for v in units_of[o]
                ]
                if others:
                    found = scorer.best(units_of[sid], others)
                    best = found if best is None else max(best, found)
            if best is None:
                causes["not a claim sentence"] += 1
            elif not best[1] and best[0] >= thresholds["link"]:
                causes["blocking"] += 1
            else:
                causes[_bucket(best[0])] += 1
    bad = sum(causes.values())
    return {
        "single_source stated elsewhere (left-out model, shipped thresholds)": fit.summary(total)[
            "single_source stated elsewhere"
        ],
        "claims stated elsewhere": bad,
        "cause of each (its best pair)": dict(sorted(causes.items())),
        "error rate by kind": {
            k: {"stated elsewhere": v[0], "claims": v[1], "rate": round(v[0] / v[1], 3)}
            for k, v in sorted(by_kind.items())
        },
        "left-out scores": fit.summary(total),
        "ceiling (gold labels of the candidate pairs as probabilities)": fit.summary(oracle),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None, help="write the report as JSON")
    args = parser.parse_args()
    require(fit.CLAIMS / "articles.jsonl", "claims data")
    # a cache written by fit_same_fact.py pickled its StoryData as __main__'s
    sys.modules["__main__"].StoryData = fit.StoryData  # type: ignore[attr-defined]
    if args.cache is not None and args.cache.exists():
        stories = pickle.loads(args.cache.read_bytes())
    else:
        with tempfile.TemporaryDirectory() as tmp:
            stories = fit.build(args.store or Path(tmp) / "claims.db")
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(stories))
    report = diagnose(stories, load_model().thresholds)
    text = json.dumps(report, indent=1)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
