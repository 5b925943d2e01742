"""Fit the same-fact model (src/corroborate/compare/models/same_fact.json) and validate it.

    .venv/bin/python bench/fit_same_fact.py [--store PATH] [--features PATH] [--kind gbt]

1. Analyse ``../shared/data/claims/articles.jsonl`` with the product (``analyze_inputs``,
   default settings) into a store (``--store``: reused when it exists).
2. For each annotated story, run the product's cross-article stages on the gold story's
   stored articles (entities, figure groups) and :func:`corroborate.compare.claims.story_pairs`
   (the same units, candidate pairs and features as at run time). A pair's label: the two
   units' sentences state a common annotated fact (gold sentences located in the stored text
   as the harness does, ``corroborate.evaluate.claims``). Features are cached (``--features``).
3. Validation, leaving stories out: each story's probabilities come from a model fitted on
   the 15 others; the clustering thresholds applied to a story are those that maximise the
   pooled pairwise F1 of the *other* stories' left-out probabilities. Scores are sentence-pair
   P/R/F1/MCC over all cross-article sentence pairs of the stories (the harness's measure,
   within gold stories). Transfer: fitted on the GVC stories, tested on the ECB+ ones, and
   the reverse.
4. The shipped model is fitted on all stories; its thresholds maximise the pooled
   left-out F1. Fixed seeds; the output is the same for the same data.

``--weak-weight W`` adds weakly labelled rows from ECB+ event chains (``_weak_facts``) to
every fit at weight W; 0 (the default, and the shipped model) adds none. docs/learning.md has
what they did.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED, covered_sentences, product_pairs, require, stored_docs
from corroborate.compare.claims import StoryPairs, claims_from_pairs
from corroborate.compare.fact_model import FEATURES, MODEL_PATH, SameFactModel
from corroborate.evaluate.claims import (
    GoldStory,
    Tally,
    load_gold,
    locate_sentences,
    tally_claims,
)
from corroborate.types import FigureGroup

CLAIMS = SHARED / "data" / "claims"
SEED = 13
GRID = {
    "link": (0.3,),
    "merge": (0.2, 0.3, 0.4, 0.5),
    "join": (0.4, 0.5, 0.6, 1.01),
    "support": (0.0, 0.4, 0.5, 0.6),
}
#: threshold choice: pair F1 minus twice each excess over the issue's error limits
LIMITS = {"corroborated sharing no fact": 0.10, "single_source stated elsewhere": 0.15}
SIMILAR = 0.3
#: weight of a weak ECB+ row against a hand-annotated pair's 1 (docs/learning.md)
WEAK_WEIGHT = 0.0


@dataclass(frozen=True)
class Weak:
    """Weakly labelled rows (``_weak_facts``) and the weight each has in a fit."""

    features: np.ndarray
    labels: np.ndarray
    weight: float


@dataclass
class StoryData:
    gold: GoldStory
    pairs: StoryPairs
    figures: tuple[FigureGroup, ...]
    unit_sids: list[frozenset[str]]  # gold sentence ids each unit covers
    labels: np.ndarray
    texts: dict[str, str]  # article id -> stored text


def build(store_path: Path) -> list[StoryData]:
    """Units, features and labels of every annotated story."""
    if not store_path.exists():
        from corroborate.api import analyze_inputs

        analyze_inputs([str(CLAIMS / "articles.jsonl")], db=store_path, processes=2)
    docs = stored_docs(store_path)
    out: list[StoryData] = []
    for gold in load_gold(CLAIMS):
        story_docs, pairs, figures = product_pairs(docs[a] for a in gold.sentences if a in docs)
        located = {
            d.article.id: locate_sentences(gold.sentences[d.article.id], d.article.text)
            for d in story_docs
        }
        unit_sids = covered_sentences(pairs.units, located)
        facts = gold.facts_of()
        unit_facts = [
            frozenset().union(*(facts.get(s, frozenset()) for s in sids)) for sids in unit_sids
        ]
        labels = np.asarray(
            [bool(unit_facts[i] & unit_facts[j]) for i, j in pairs.pairs], dtype=np.int64
        )
        texts = {d.article.id: d.article.text for d in story_docs}
        out.append(StoryData(gold, pairs, tuple(figures), unit_sids, labels, texts))
        print(
            f"{gold.story}: {len(story_docs)} articles, {len(pairs.units)} units, "
            f"{len(pairs.pairs)} pairs, {int(labels.sum())} positive",
            flush=True,
        )
    return out


# --------------------------------------------------------------------------- fitting


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]


def fit(x: np.ndarray, y: np.ndarray, kind: str, weak: Weak | None = None) -> dict[str, Any]:
    """A model spec (the JSON :class:`SameFactModel` loads); ``weak`` rows join the fit at
    their weight."""
    weights = np.ones(len(y))
    if weak is not None:
        x = np.vstack([x, weak.features])
        y = np.concatenate([y, weak.labels])
        weights = np.concatenate([weights, np.full(len(weak.labels), weak.weight)])
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression

        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale == 0] = 1.0
        lr = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED)
        lr.fit((x - mean) / scale, y, sample_weight=weights)
        # rounded: feature sums over sets differ in the last bits between runs (hash order)
        return {
            "kind": "logistic",
            "features": list(FEATURES),
            "mean": _rounded(mean),
            "scale": _rounded(scale),
            "coef": _rounded(lr.coef_[0]),
            "intercept": round(float(lr.intercept_[0]), 6),
        }
    from sklearn.ensemble import GradientBoostingClassifier

    gbt = GradientBoostingClassifier(
        n_estimators=150,
        max_depth=3,
        learning_rate=0.1,
        subsample=0.8,
        min_samples_leaf=20,
        random_state=SEED,
    )
    gbt.fit(x, y, sample_weight=weights)
    prior = float(np.clip(np.average(y, weights=weights), 1e-6, 1 - 1e-6))
    trees = []
    for est in gbt.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            {
                "feature": [int(f) if f >= 0 else -1 for f in t.feature],
                "threshold": [round(float(v), 6) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [round(float(v), 6) for v in t.value[:, 0, 0]],
            }
        )
    return {
        "kind": "gbt",
        "features": list(FEATURES),
        "init": math.log(prior / (1 - prior)),
        "learning_rate": 0.1,
        "trees": trees,
    }


# --------------------------------------------------------------------------- scoring


def _span(ev: Any) -> dict[str, Any]:
    return {"article_id": ev.article_id, "start": ev.start, "end": ev.end}


def story_tally(data: StoryData, probs: np.ndarray, thresholds: dict[str, float]) -> Tally:
    """The harness's counts for the claims the product builds from ``probs`` (one story, as a
    small dossier scored by :func:`corroborate.evaluate.claims.tally_claims`)."""
    claims = claims_from_pairs(data.pairs, probs, data.figures, thresholds)
    dossier = {
        "articles": [
            {"id": aid, "text": text, "sources": [], "duplicate_ids": []}
            for aid, text in data.texts.items()
        ],
        "stories": [
            {
                "claims": [
                    {
                        "verdict": c.verdict,
                        "support": [_span(e) for e in c.support],
                        "contradicted_by": [_span(e) for e in c.contradicted_by],
                    }
                    for c in claims
                ],
                "figures": [
                    {"verdict": g.verdict, "reports": [_span(r) for r in g.reports]}
                    for g in data.figures
                ],
            }
        ],
    }
    return tally_claims(dossier, [data.gold])


def objective(tally: Tally) -> float:
    """Pair F1, less twice each excess over :data:`LIMITS`."""
    score = tally.value("pair F1") or 0.0
    for metric, limit in LIMITS.items():
        score -= 2 * max(0.0, (tally.value(metric) or 0.0) - limit)
    return score


def summary(tally: Tally) -> dict[str, float | None]:
    names = (
        "pair precision",
        "pair recall",
        "pair F1",
        "pair MCC",
        *LIMITS,
        "contested recall",
        "contested precision",
    )
    return {n: None if (v := tally.value(n)) is None else round(v, 4) for n in names}


def grid() -> list[dict[str, float]]:
    return [
        {"link": a, "merge": b, "join": c, "support": d, "similar": SIMILAR}
        for a, b, c, d in product(GRID["link"], GRID["merge"], GRID["join"], GRID["support"])
    ]


def best_thresholds(
    stories: list[StoryData], probs: dict[str, np.ndarray], table: dict[tuple[str, int], Tally]
) -> dict[str, float]:
    """The grid point with the best pooled objective over ``stories`` (tallies cached)."""
    best, best_score = grid()[0], -math.inf
    for k, th in enumerate(grid()):
        total = Tally()
        for s in stories:
            key = (s.gold.story, k)
            if key not in table:
                table[key] = story_tally(s, probs[s.gold.story], th)
            total = total + table[key]
        score = objective(total)
        if score > best_score:
            best, best_score = th, score
    return best


def left_out(stories: list[StoryData], kind: str, weak: Weak | None) -> dict[str, np.ndarray]:
    """Each story's probabilities from a model fitted on the other stories (and ``weak``)."""
    out: dict[str, np.ndarray] = {}
    for s in stories:
        train = [t for t in stories if t is not s]
        x = np.vstack([t.pairs.features for t in train])
        y = np.concatenate([t.labels for t in train])
        model = SameFactModel(fit(x, y, kind, weak))
        out[s.gold.story] = model.predict(s.pairs.features)
    return out


def evaluate(stories: list[StoryData], kind: str, weak: Weak | None = None) -> dict[str, Any]:
    """Leave-one-story-out scores, overall and per corpus, with nested threshold choice."""
    probs = left_out(stories, kind, weak)
    table: dict[tuple[str, int], Tally] = {}
    per_source: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    chosen: list[dict[str, float]] = []
    for s in stories:
        th = best_thresholds([t for t in stories if t is not s], probs, table)
        chosen.append(th)
        c = story_tally(s, probs[s.gold.story], th)
        total = total + c
        per_source[s.gold.source] = per_source[s.gold.source] + c
    return {
        "all": summary(total),
        "by source": {k: summary(v) for k, v in sorted(per_source.items())},
        "thresholds chosen": chosen,
        "pooled best": best_thresholds(stories, probs, table),
    }


def transfer(stories: list[StoryData], kind: str, weak: Weak | None = None) -> dict[str, Any]:
    """Fit on one corpus's stories (thresholds chosen there, in sample), test on the other.

    The weak rows are ECB+'s, so they join only the fit on ECB+'s stories, as a row of its
    own ("fit ecbplus+weak"): fitted on ECB+ alone, tested on GVC."""
    out: dict[str, Any] = {}
    sources = sorted({s.gold.source for s in stories})
    runs = [(src, None) for src in sources]
    if weak is not None and "ecbplus" in sources:
        runs.append(("ecbplus", weak))
    for train_src, extra in runs:
        train = [s for s in stories if s.gold.source == train_src]
        test = [s for s in stories if s.gold.source != train_src]
        model = SameFactModel(
            fit(
                np.vstack([t.pairs.features for t in train]),
                np.concatenate([t.labels for t in train]),
                kind,
                extra,
            )
        )
        probs = {s.gold.story: model.predict(s.pairs.features) for s in stories}
        th = best_thresholds(train, probs, {})
        total = Tally()
        for s in test:
            total = total + story_tally(s, probs[s.gold.story], th)
        name = train_src + ("+weak" if extra is not None else "")
        out[f"fit {name} -> test {'+'.join(sorted({s.gold.source for s in test}))}"] = summary(
            total
        )
    return out


def weak_rows(args: argparse.Namespace, stories: list[StoryData]) -> Weak | None:
    """The weak ECB+ rows (built, or read from ``--weak-cache``), or None at weight 0."""
    if args.weak_weight <= 0:
        return None
    from _weak_facts import build_weak

    if args.weak_cache is not None and args.weak_cache.exists():
        rows = pickle.loads(args.weak_cache.read_bytes())
    else:
        claims_ids = [a for s in stories for a in s.gold.sentences]
        with tempfile.TemporaryDirectory() as tmp:
            rows = build_weak(args.weak_store or Path(tmp) / "ecbplus.db", claims_ids)
        if args.weak_cache is not None:
            args.weak_cache.write_bytes(pickle.dumps(rows))
    return Weak(
        np.vstack([r.features for r in rows]),
        np.concatenate([r.labels for r in rows]),
        args.weak_weight,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--kind", choices=("logistic", "gbt"), default="logistic")
    parser.add_argument("--compare", action="store_true", help="validate both kinds")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--report", type=Path, default=None, help="validation JSON")
    parser.add_argument(
        "--cache", type=Path, default=None, help="pickle of the built stories (fitting only)"
    )
    parser.add_argument(
        "--weak-weight",
        type=float,
        default=WEAK_WEIGHT,
        help="weight of each weak ECB+ event-chain row (0: none)",
    )
    parser.add_argument(
        "--weak-store", type=Path, default=None, help="analysed ECB+ dev store (reused)"
    )
    parser.add_argument(
        "--weak-cache", type=Path, default=None, help="pickle of the weak rows (fitting only)"
    )
    args = parser.parse_args()
    require(CLAIMS / "articles.jsonl", "claims data")
    np.random.seed(SEED)
    if args.cache is not None and args.cache.exists():
        stories = pickle.loads(args.cache.read_bytes())
    else:
        with tempfile.TemporaryDirectory() as tmp:
            stories = build(args.store or Path(tmp) / "claims.db")
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(stories))
    weak = weak_rows(args, stories)
    report: dict[str, Any] = {}
    for kind in ("logistic", "gbt") if args.compare else (args.kind,):
        report[kind] = {"leave stories out": evaluate(stories, kind, weak)}
        report[kind]["transfer"] = transfer(stories, kind, weak)
        print(kind, json.dumps(report[kind], indent=1), flush=True)
    kind = args.kind
    spec = fit(
        np.vstack([s.pairs.features for s in stories]),
        np.concatenate([s.labels for s in stories]),
        kind,
        weak,
    )
    spec["thresholds"] = report[kind]["leave stories out"]["pooled best"]
    spec["fitted on"] = {
        "data": "claims/ (16 stories, hand-annotated facts)",
        "pairs": int(sum(len(s.labels) for s in stories)),
        "positive": int(sum(int(s.labels.sum()) for s in stories)),
        "validation": {k: v["leave stories out"]["all"] for k, v in report.items()},
    }
    if weak is not None:
        spec["fitted on"]["weak"] = {
            "data": "ecbplus/dev.jsonl event chains (the claims set's topics left out)",
            "pairs": len(weak.labels),
            "positive": int(weak.labels.sum()),
            "weight": weak.weight,
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    if args.report is not None:
        args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
