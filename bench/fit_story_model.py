"""Fit the same-story model (``src/corroborate/link/models/same_story.json``) and validate it.

Training data come from stores the product itself filled: run the quality harness (or
``corroborate analyze``) on each corpus with ``--work DIR`` and point this script at the
stores, so every feature is computed from the articles and analyses exactly as the
product computes them (cleaned text, ``published_source``, entities, figures, dates,
stored MiniLM rows). Nothing is re-analysed here.

    .venv/bin/python bench/quality.py --only stories --work /tmp/q   # ECB+ dev + GVC sample
    .venv/bin/python bench/fit_story_model.py --store ecbplus=/tmp/q/ecbplus/store.db \\
        --store gvc=/tmp/q/gvc/store.db --store meantime=/tmp/m/store.db --write

**Rows (teacher forcing).** Articles are replayed through a :class:`StoryIndex` in a
seeded random order; each arriving article gets the index's own candidate stories (its
inverted-index search) and, as hard negatives, the other gold stories of its ECB+ topic
(the other event of the same topic) or of its GVC city or week (``gvc/facts.json``) that
the search did not return; each (article, story) row is labelled by gold; then the
article is placed in its gold story, so the "stories so far" are the gold ones. Two
orders per corpus; in a fixed 10% of articles the analysis is dropped, in another 10%
the embedding features are masked (the model must cope with absent signals).

**Fit.** scikit-learn gradient-boosted trees (default; ``--kind logistic``: logistic
regression on standardised features; ``--kind monotone``: trees constrained to rise
with text similarity and fall with the metadata date gap), fixed seeds, each corpus
weighing the same; the ``join`` threshold (and ``merge``: a single-article story
joining the grown story) are chosen by B-cubed F1 of real (not teacher-forced)
clustering runs on the training corpora, averaged over corpora and over two orders
(seeded, and as stored).

The shipped model: ``--kind trees --no-validate`` on the stores of the quality harness's
run at 56fe936 (2026-12-06; ECB+ dev, GVC dev sample), with the masses of shared names
and places weighed by rarity (docs/learning.md, "Rarity, not idf"). Validation:
``--no-final``. Every clustering here (threshold choice, validation) ends with the link
pass's second look, split then merge, as the product's does.

**Variant runs.** ``--store gvc-undated=PATH`` adds the harness's run of the GVC sample
without ``published`` (see :data:`VARIANT`); ``--fit-on ecbplus,gvc`` scores it without
fitting on it.

**Validation.** In-corpus: 2-fold by topic (ECB+) / incident (GVC), fitted on one half of
both corpora, scored on the other half of each. Leave-one-corpus-out: fitted on ECB+ only,
scored on GVC and MEANTIME; fitted on GVC only, scored on ECB+ and MEANTIME. Scores are
B-cubed F1 of blind clustering (seeded order, and store order) over the stored articles
(near-duplicates follow their kept article).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from corroborate import embeddings
from corroborate.link import story_model
from corroborate.link.stories import FEATURES, StoryIndex, bcubed
from corroborate.types import Analysis, Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import second_look  # bench/stories.py: the link pass's second look

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
MODEL = ROOT / "src" / "corroborate" / "link" / "models" / "same_story.json"
SEED = 13
ORDERS = (13, 7)
DROP = 0.10  # share of articles without analysis; another share without embeddings
JOIN_GRID = (0.2, 0.3, 0.4, 0.5, 0.6)
MERGE_GRID = (0.5, 0.7, 1.01)  # 1.01: never merge
#: Grids for the validation fits (``--val-grids full`` chooses each fit's thresholds on
#: its own training data; the default keeps the shipped thresholds, which were chosen on
#: all the data: a small leak, taken to keep the run short on a 2-core machine).
VAL_GRIDS = ((0.2, 0.3, 0.4), (0.7, 1.01))
SHIPPED_GRIDS = ((0.2,), (0.5,))


def placeholder(features: Sequence[str]) -> dict[str, Any]:
    """A model that is never used to decide: teacher forcing only reads features, but the
    index still needs some model to load."""
    return {
        "kind": "logistic",
        "features": list(features),
        "join": 0.5,
        "merge": 1.01,
        "params": {
            "intercept": 0.0,
            "coef": [0.0] * len(features),
            "mean": [0.0] * len(features),
            "scale": [1.0] * len(features),
        },
    }


PLACEHOLDER = placeholder(FEATURES)


@dataclass(frozen=True)
class Doc:
    article: Article
    analysis: Analysis | None
    story: str  # gold
    group: str  # ECB+ topic / GVC incident / MEANTIME topic: the unit of the folds
    hard: tuple[str, ...]  # hard-negative keys (topic, city, week)
    dups: tuple[str, ...]  # input ids merged into this article as near-duplicates


@dataclass
class Corpus:
    name: str
    docs: list[Doc]


def _gvc_keys() -> dict[str, tuple[str, ...]]:
    """GVC incident -> hard-negative keys: its city and its ISO week."""
    facts = json.loads((DATA / "gvc" / "facts.json").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, ...]] = {}
    for incident, f in facts.items():
        keys = []
        if f.get("city"):
            keys.append(f"city:{f['city']}|{f.get('state')}")
        try:
            d = datetime.strptime(f["date"], "%B %d, %Y").date()
            year, week, _ = d.isocalendar()
            keys.append(f"week:{year}-{week}")
        except (KeyError, ValueError):
            pass
        out[incident] = tuple(keys)
    return out


def _claims_rows() -> list[dict[str, str]]:
    """The claims set's articles with their gold story (``claims/stories/*.json``)."""
    rows = []
    for path in sorted((DATA / "claims" / "stories").glob("*.json")):
        story = json.loads(path.read_text(encoding="utf-8"))
        rows += [{"id": a["id"], "story": story["story"]} for a in story["articles"]]
    return rows


def family(name: str) -> str:
    """The corpus a store's name stands for: ``gvc-undated`` (a variant run of the GVC
    sample, see :data:`VARIANT`) is GVC's, for gold, folds and leaving a corpus out."""
    return name.split("-", 1)[0]


#: Variant runs of a corpus accepted as ``--store family-variant=PATH``: ``undated`` is the
#: product's run on the same records with ``published`` withheld (bench/quality.py's
#: "gvc-undated"), so the articles are dated as plain text files are: from the text, or
#: not at all. A variant is fitted on by default (``--fit-on`` to score it only), shares
#: its family's weight and folds, and leaves with its family in leave-one-corpus-out
#: (docs/learning.md, "Undated articles": measured, not shipped).
VARIANT = ("undated",)


def load_corpus(name: str, store_path: Path) -> Corpus:
    """Stored articles and analyses of one corpus, with gold from ``../shared/data``
    (``claims``: the claims set's 16 stories, scored only, never fitted on)."""
    base, variant = family(name), name.partition("-")[2]
    if variant and variant not in VARIANT:
        raise SystemExit(f"unknown corpus variant {name!r}: known {', '.join(VARIANT)}")
    if base == "claims":
        rows = _claims_rows()
    else:
        source = {
            "ecbplus": DATA / "ecbplus" / "dev.jsonl",
            "gvc": DATA / "gvc" / "dev.jsonl",
            "meantime": DATA / "meantime" / "en.jsonl",
        }[base]
        rows = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    gold = {str(r["id"]): str(r["story"]) for r in rows}
    topic = {str(r["id"]): str(r.get("topic", r["story"])) for r in rows}
    gvc = _gvc_keys() if base == "gvc" else {}
    docs: list[Doc] = []
    for article, analysis in stored(store_path):
        if article.id not in gold:
            continue
        story = gold[article.id]
        hard: tuple[str, ...] = (
            gvc.get(story, ()) if base == "gvc" else (f"topic:{topic[article.id]}",)
        )
        group = story if base == "gvc" else topic[article.id]
        dups = tuple(d for d in article.duplicate_ids if d in gold)
        docs.append(Doc(article, analysis, story, group, hard, dups))
    return Corpus(name, docs)


def stored(path: Path) -> list[tuple[Article, Analysis | None]]:
    """Every stored article with its analysis, in store order. A ``.pkl`` path is a list
    of such pairs dumped earlier (a local cache for quick iterations, never shipped)."""
    if path.suffix == ".pkl":
        with path.open("rb") as handle:
            pairs: list[tuple[Article, Analysis | None]] = pickle.load(handle)
        return pairs
    from corroborate.store import open_store

    store = open_store(path)
    try:
        return [(a, store.get_analysis(a.id)) for a in store.articles()]
    finally:
        store.close()


# ----------------------------------------------------------------------------- rows


# feature -> value when masked (no title+lead embedding)
_NO_EMB = {"emb_cos": 0.0, "emb_missing": 1.0, "emb_max": 0.0}


def _augment(
    doc: Doc, rng: random.Random, masked: dict[int, float] | None = None
) -> tuple[Doc, dict[int, float]]:
    """Augmentation: for a share of articles drop the analysis; for another share mask the
    embedding features (as without an encoder; ``masked``: feature index -> value)."""
    u = rng.random()
    if u < DROP:
        return replace(doc, analysis=None), {}
    if u < 2 * DROP:
        if masked is None:
            return doc, {FEATURES.index(k): v for k, v in _NO_EMB.items()}
        return doc, dict(masked)
    return doc, {}


#: The rows' features of (index, arriving article, candidate story).
Featurise = Callable[[StoryIndex, Any, Any], list[float]]


@dataclass
class Rows:
    """Teacher-forced rows of one corpus: features, labels, the arriving article's group."""

    xs: list[list[float]]
    ys: list[int]
    groups: list[str]
    missed: int  # articles whose gold story existed but was not among the candidates

    def only(self, groups: set[str] | None) -> tuple[list[list[float]], list[int]]:
        if groups is None:
            return self.xs, self.ys
        keep = [i for i, g in enumerate(self.groups) if g in groups]
        return [self.xs[i] for i in keep], [self.ys[i] for i in keep]


def teacher_rows(
    docs: Sequence[Doc],
    seed: int,
    make_index: Callable[[], StoryIndex] | None = None,
    featurise: Featurise | None = None,
    masked: dict[int, float] | None = None,
) -> Rows:
    """Teacher-forced (article, candidate story) rows in one seeded order (by default the
    same-story features; ``bench/fit_cross_story_model.py`` passes its own index, features
    and masked values)."""
    rng = random.Random(seed)
    order = list(docs)
    rng.shuffle(order)
    index = make_index() if make_index else StoryIndex(encoder=_encoder(), model=PLACEHOLDER)
    gold_story: dict[str, Any] = {}
    by_key: dict[str, list[str]] = {}  # hard-negative key -> gold stories seen
    rows = Rows([], [], [], 0)
    for doc in order:
        doc, mask = _augment(doc, rng, masked)
        item, probe = index.prepare(doc.article, doc.analysis)
        cands = index.candidates(item, probe)
        seen = {id(s) for s in cands}
        target = gold_story.get(doc.story)
        if target is not None and id(target) not in seen:
            rows.missed += 1
        for key in doc.hard:
            for other in by_key.get(key, ()):
                story = gold_story[other]
                if other != doc.story and id(story) not in seen:
                    cands.append(story)
                    seen.add(id(story))
        for story in cands:
            row = featurise(index, item, story) if featurise else index.features(item, story)
            for at, value in mask.items():
                row[at] = value
            rows.xs.append(row)
            rows.ys.append(int(story is target))
            rows.groups.append(doc.group)
        gold_story[doc.story] = index.place(item, target)
        for key in doc.hard:
            stories = by_key.setdefault(key, [])
            if doc.story not in stories:
                stories.append(doc.story)
    return rows


_ENC: list[Any] = []


def _encoder() -> Any:
    """The shared MiniLM (rows come from the stored analyses; it encodes only the rare
    text without a stored row), or None when not installed."""
    if not _ENC:
        _ENC.append(embeddings.shared_minilm() if embeddings.available() else None)
    return _ENC[0]


# ----------------------------------------------------------------------------- fit


def fit(
    xs: list[list[float]], ys: list[int], kind: str, weights: list[float] | None = None
) -> dict[str, Any]:
    """The model's ``params`` (and kind) fitted on the rows (``weights``: per row)."""
    X = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys, dtype=np.int64)
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression

        mean = X.mean(axis=0)
        scale = X.std(axis=0)
        scale[scale == 0] = 1.0
        lr = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED)
        lr.fit((X - mean) / scale, y, sample_weight=w)
        return {
            "intercept": float(lr.intercept_[0]),
            "coef": [round(float(c), 6) for c in lr.coef_[0]],
            "mean": [round(float(m), 6) for m in mean],
            "scale": [round(float(s), 6) for s in scale],
        }
    if kind == "monotone":
        return _fit_monotone(X, y, w)
    from sklearn.ensemble import GradientBoostingClassifier

    gb = GradientBoostingClassifier(
        n_estimators=120, max_depth=3, learning_rate=0.1, subsample=0.8, random_state=SEED
    )
    gb.fit(X, y, sample_weight=w)
    trees = []
    for est in gb.estimators_[:, 0]:
        t = est.tree_
        nodes = []
        for i in range(t.node_count):
            leaf = t.children_left[i] == -1
            nodes.append(
                [
                    -1 if leaf else int(t.feature[i]),
                    0.0 if leaf else float(t.threshold[i]),
                    int(t.children_left[i]),
                    int(t.children_right[i]),
                    float(t.value[i][0][0]) if leaf else 0.0,
                ]
            )
        trees.append(nodes)
    params = {"base": 0.0, "rate": gb.learning_rate, "trees": trees}
    model = story_model.from_json(
        {"kind": "trees", "features": FEATURES, "join": 0.5, "merge": 1.01, "params": params}
    )
    raw = gb.decision_function(X[:1])[0]
    params["base"] = float(raw - model.log_odds(list(X[0])))
    return params


#: Monotonic constraints of ``--kind monotone``: +1, a higher value never lowers
#: P(same story): the six text similarities (title+lead words and MiniLM, entities,
#: body; centroid and best member); -1, never raises it: the gap between metadata
#: dates. The rest is free: a shared figure or year, places, conflicts and text-found
#: dates help or hurt by context, and constraining them too validated no better
#: (docs/learning.md, "Monotone trees").
MONOTONE = {
    "words_cos": 1,
    "ents_cos": 1,
    "body_cos": 1,
    "emb_cos": 1,
    "emb_max": 1,
    "body_max": 1,
    "gap_firm": -1,
}


def _fit_monotone(X: np.ndarray, y: np.ndarray, w: np.ndarray | None) -> dict[str, Any]:
    """Boosted trees whose output can only rise with text similarity and fall with the
    metadata date gap (``MONOTONE``): no leaf of a region with few training pairs can
    give a pair with less in common a higher probability than one with more.
    scikit-learn's ``HistGradientBoostingClassifier`` (``monotonic_cst``), exported to the same node
    lists as ``--kind trees``; its fitted trees are read from ``_predictors`` (there is
    no public accessor), so the export is checked against ``decision_function``."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    hgb = HistGradientBoostingClassifier(
        max_iter=120,
        max_depth=3,
        learning_rate=0.1,
        early_stopping=False,
        monotonic_cst=[MONOTONE.get(f, 0) for f in FEATURES],
        random_state=SEED,
    )
    hgb.fit(X, y, sample_weight=w)
    trees = []
    for (predictor,) in hgb._predictors:
        trees.append(
            [
                [-1, 0.0, 0, 0, float(n["value"])]
                if n["is_leaf"]
                else [
                    int(n["feature_idx"]),
                    float(n["num_threshold"]),
                    int(n["left"]),
                    int(n["right"]),
                    0.0,
                ]
                for n in predictor.nodes
            ]
        )
    params = {"base": 0.0, "rate": 1.0, "trees": trees}
    model = story_model.from_json(
        {"kind": "trees", "features": FEATURES, "join": 0.5, "merge": 1.01, "params": params}
    )
    raw = hgb.decision_function(X)
    sample = range(0, len(X), max(1, len(X) // 500))
    walked = np.array([model.log_odds(list(X[i])) for i in sample])
    base = raw[list(sample)] - walked
    if not np.allclose(base, base[0], atol=1e-6):
        raise RuntimeError("exported trees do not reproduce scikit-learn's decision_function")
    params["base"] = float(base[0])
    return params


def model_json(
    params: dict[str, Any],
    kind: str,
    join: float,
    merge: float,
    features: Sequence[str] = FEATURES,
) -> dict[str, Any]:
    return {
        "kind": "trees" if kind == "monotone" else kind,
        "features": list(features),
        "join": join,
        "merge": merge,
        "params": params,
    }


# ----------------------------------------------------------------------------- clustering


def cluster_f1(
    docs: Sequence[Doc],
    model: dict[str, Any],
    order_seed: int | None,
    make_index: Callable[[dict[str, Any]], StoryIndex] | None = None,
    second: bool = True,
) -> float:
    """B-cubed F1 of blind clustering over the stored articles (duplicates follow), after
    the link pass's second look (split, then merge) unless ``second`` is False;
    ``make_index``: the index for a model (default: the same-story model's)."""
    order = list(docs)
    if order_seed is not None:
        random.Random(order_seed).shuffle(order)
    index = make_index(model) if make_index else StoryIndex(encoder=_encoder(), model=model)
    for doc in order:
        index.add(doc.article, doc.analysis)
    if second:
        # the product's link pass looks again at the stories it grew: split, then merge
        second_look(
            index,
            [(doc.article, doc.analysis) for doc in order],
            [doc.article for doc in order],
        )
    pred: dict[str, str] = {}
    gold: dict[str, str] = {}
    for doc in docs:
        sid = index.story_of(doc.article.id) or doc.article.id
        for aid in (doc.article.id, *doc.dups):
            pred[aid] = sid
            gold[aid] = doc.story
    return bcubed(pred, gold)[2]


def choose_thresholds(
    corpora: Sequence[Sequence[Doc]],
    params: dict[str, Any],
    kind: str,
    grids: tuple[Sequence[float], Sequence[float]] = (JOIN_GRID, MERGE_GRID),
    shares: Sequence[float] | None = None,
) -> tuple[float, float, float]:
    """Join and merge thresholds maximising the mean B-cubed F1 over corpora (weighed by
    ``shares``) and two orders (seeded, and as stored); returns them and that F1."""
    weights = list(shares) if shares is not None else [1.0] * len(corpora)

    def score(join: float, merge: float) -> float:
        model = model_json(params, kind, join, merge)
        per_corpus = [
            np.mean([cluster_f1(docs, model, o) for o in (SEED, None)]) for docs in corpora
        ]
        return float(np.average(per_corpus, weights=weights))

    if len(grids[0]) == len(grids[1]) == 1:  # nothing to choose
        return grids[0][0], grids[1][0], float("nan")
    best_join = max(grids[0], key=lambda j: score(j, 1.01))
    best_merge = max(grids[1], key=lambda m: score(best_join, m))
    return best_join, best_merge, score(best_join, best_merge)


def rows_for(docs: Sequence[Doc]) -> Rows:
    """Rows of every seeded order (computed once per corpus; fits on part of a corpus
    keep the rows of the articles of their groups)."""
    out = Rows([], [], [], 0)
    for seed in ORDERS:
        r = teacher_rows(docs, seed)
        out.xs += r.xs
        out.ys += r.ys
        out.groups += r.groups
        out.missed += r.missed
    return out


def pooled_rows(
    parts: Sequence[tuple[Rows, Sequence[Doc]]],
    shares: Sequence[float] | None = None,
) -> tuple[list[list[float]], list[int], list[float]]:
    """The rows of the given documents (one entry per corpus) and their weights: each
    corpus weighs the same (or its share in ``shares``), the weights averaging 1."""
    xs: list[list[float]] = []
    ys: list[int] = []
    weights: list[float] = []
    for at, (rows, docs) in enumerate(parts):
        x, y = rows.only({d.group for d in docs})
        xs += x
        ys += y
        share = shares[at] if shares is not None else 1.0
        weights += [share / len(y)] * len(y)
    scale = len(ys) / sum(weights)
    return xs, ys, [w * scale for w in weights]


def family_shares(names: Sequence[str]) -> list[float]:
    """Each corpus family weighs the same: its runs (the dated and the undated GVC) share
    the family's weight."""
    counts = {f: sum(family(n) == f for n in names) for f in map(family, names)}
    return [1.0 / counts[family(n)] for n in names]


def fit_on(
    parts: Sequence[tuple[Rows, Sequence[Doc]]],
    kind: str,
    log: list[str],
    grids: tuple[Sequence[float], Sequence[float]] = (JOIN_GRID, MERGE_GRID),
    names: Sequence[str] | None = None,
) -> dict[str, Any]:
    """A fit on the rows of the given documents (one entry per corpus, named by ``names``
    so that a family's runs share its weight), thresholds chosen by clustering those same
    documents."""
    shares = family_shares(names) if names else None
    xs, ys, weights = pooled_rows(parts, shares)
    log.append(f"  rows {len(ys)} ({sum(ys)} positive)")
    params = fit(xs, ys, kind, weights)
    corpora = [docs for _, docs in parts]
    join, merge, f1 = choose_thresholds(corpora, params, kind, grids, shares)
    log.append(f"  thresholds join {join} merge {merge} (training clustering F1 {f1:.3f})")
    return model_json(params, kind, join, merge)


def halves(docs: Sequence[Doc], groups: Iterable[str] | None = None) -> tuple[list[Doc], list[Doc]]:
    """Two halves by group (topic / incident), fixed seed; ``groups``: the groups to
    split (default: the docs' own), so that variant runs of one corpus split alike."""
    ordered = sorted(set(groups) if groups is not None else {d.group for d in docs})
    random.Random(SEED).shuffle(ordered)
    first = set(ordered[::2])
    return [d for d in docs if d.group in first], [d for d in docs if d.group not in first]


def evaluate(docs: Sequence[Doc], model: dict[str, Any]) -> tuple[float, float]:
    """(F1 in a seeded order, F1 in store order)."""
    return cluster_f1(docs, model, SEED), cluster_f1(docs, model, None)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--store",
        action="append",
        default=[],
        help="corpus=path (ecbplus, gvc; scored only: meantime, claims)",
    )
    ap.add_argument("--kind", choices=["logistic", "trees", "monotone"], default="trees")
    ap.add_argument("--write", action="store_true", help=f"write the final model to {MODEL}")
    ap.add_argument("--no-validate", action="store_true")
    ap.add_argument("--no-final", action="store_true", help="validation only")
    ap.add_argument(
        "--val-grids",
        choices=["shipped", "full"],
        default="shipped",
        help="validation fits: keep the shipped thresholds, or choose them on a grid",
    )
    ap.add_argument("--model", type=Path, default=None, help="also write the model here")
    ap.add_argument(
        "--rows-cache", type=Path, default=None, help="keep the teacher-forced rows here (pickle)"
    )
    ap.add_argument(
        "--fit-on",
        default=None,
        help="comma-separated stores to fit on (default: every ecbplus and gvc store; the "
        "others are scored only)",
    )
    args = ap.parse_args(list(argv) if argv is not None else None)
    stores = dict(s.split("=", 1) for s in args.store)
    corpora = {name: load_corpus(name, Path(path)) for name, path in stores.items()}
    for c in corpora.values():
        print(f"{c.name}: {len(c.docs)} stored articles, {len({d.story for d in c.docs})} stories")
    fit_on_names = args.fit_on.split(",") if args.fit_on else None
    train = [
        c
        for n, c in corpora.items()
        if (n in fit_on_names if fit_on_names else family(n) in ("ecbplus", "gvc"))
    ]
    if args.rows_cache is not None and args.rows_cache.is_file():
        with args.rows_cache.open("rb") as handle:
            rows: dict[str, Rows] = pickle.load(handle)
    else:
        rows = {c.name: rows_for(c.docs) for c in train}
        if args.rows_cache is not None:
            with args.rows_cache.open("wb") as handle:
                pickle.dump(rows, handle)
    for c in train:
        r = rows[c.name]
        print(
            f"{c.name}: {len(r.ys)} rows ({sum(r.ys)} positive) over {len(ORDERS)} orders; "
            f"gold story existing but not a candidate: {r.missed} times"
        )
    log: list[str] = []
    report: dict[str, Any] = {"kind": args.kind, "features": list(FEATURES)}
    val_grids = VAL_GRIDS if args.val_grids == "full" else SHIPPED_GRIDS
    if not args.no_validate:
        # in-corpus: 2-fold by group, both corpora in each fit
        family_groups: dict[str, set[str]] = {}
        for c in train:
            family_groups.setdefault(family(c.name), set()).update(d.group for d in c.docs)
        folds = {c.name: halves(c.docs, family_groups[family(c.name)]) for c in train}
        scores: dict[str, list[tuple[float, float]]] = {c.name: [] for c in train}
        for k in (0, 1):
            log.append(f"in-corpus fold {k}:")
            parts = [(rows[c.name], folds[c.name][k]) for c in train]
            model = fit_on(parts, args.kind, log, val_grids, [c.name for c in train])
            for c in train:
                scores[c.name].append(evaluate(folds[c.name][1 - k], model))
        for name, s in scores.items():
            shuffled = float(np.mean([x[0] for x in s]))
            ordered = float(np.mean([x[1] for x in s]))
            report[f"in_corpus/{name}"] = [round(shuffled, 4), round(ordered, 4)]
        # leave one corpus out (with its variant runs)
        for held in sorted({family(c.name) for c in train}):
            rest = [c for c in train if family(c.name) != held]
            log.append(f"fit without {held}:")
            parts = [(rows[c.name], c.docs) for c in rest]
            model = fit_on(parts, args.kind, log, val_grids, [c.name for c in rest])
            for c in corpora.values():
                if c in rest:
                    continue
                sh, od = evaluate(c.docs, model)
                name = "+".join(r.name for r in rest)
                report[f"loco/{name}->{c.name}"] = [round(sh, 4), round(od, 4)]
    if args.no_final:
        print("\n".join(log))
        print(json.dumps(report, indent=1))
        return 0
    log.append("final fit (all training corpora):")
    parts = [(rows[c.name], c.docs) for c in train]
    final = fit_on(parts, args.kind, log, names=[c.name for c in train])
    for c in corpora.values():
        sh, od = evaluate(c.docs, final)
        report[f"final_in_sample/{c.name}"] = [round(sh, 4), round(od, 4)]
    final["fitted"] = {
        "script": "bench/fit_story_model.py",
        "date": date.today().isoformat(),
        "corpora": {c.name: len(c.docs) for c in train},
        "orders": list(ORDERS),
        "seed": SEED,
    }
    print("\n".join(log))
    print(json.dumps(report, indent=1))
    text = json.dumps(final, indent=1) + "\n"
    if args.write:
        MODEL.parent.mkdir(parents=True, exist_ok=True)
        MODEL.write_text(text, encoding="utf-8")
        print(f"wrote {MODEL}", file=sys.stderr)
    if args.model:
        args.model.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
