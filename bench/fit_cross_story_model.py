"""Fit the cross-language same-story model (``link/models/same_story_cross.json``).

The model decides whether an article joins a story none of whose members is in the
article's language (docs/russian.md, "Stories across languages"). Its features
(``stories.CROSS_FEATURES``) are those that compare across languages: the multilingual
title+lead cosines (Universal Sentence Encoder multilingual v3) in place of the word, body
and MiniLM features, and the entity, place, figure, year, main-actor, date-gap and size
features of the same-story model (entity keys are press spellings in both languages).

There is no annotated corpus of one event told in Russian and English, so the model is
fitted on English pairs, where the multilingual cosine stands in for a cross-language one:
the stores the quality harness filled for ECB+ dev and the GVC dev sample (the product's
cleaned articles and analyses; nothing is re-analysed here) are replayed through a
:class:`StoryIndex` whose every article is its own "language", so every (article, story)
pair goes through the cross-language path. Rows are teacher-forced exactly as in
``bench/fit_story_model.py`` (the index's own candidates plus the hard negatives of the
same ECB+ topic / GVC city or week, labelled by gold, then the article placed in its gold
story), two seeded orders; in a fixed 10% of articles the analysis is dropped, in another
10% the multilingual vectors are masked.

Learner: logistic regression on standardised features (C = 1, seed 13), each corpus
weighing the same. ``join`` and ``merge`` maximise the mean B-cubed F1 of real clustering
through the cross path only (every pair cross-language) over both corpora and two orders.
Validation: 2-fold by ECB+ topic / GVC incident (fitted on one half of both corpora,
thresholds chosen there, scored on the other half), cross path only.

    .venv/bin/python bench/quality.py --only stories --work /tmp/q
    .venv/bin/python bench/fit_cross_story_model.py --store ecbplus=/tmp/q/ecbplus/store.db \\
        --store gvc=/tmp/q/gvc/store.db --write
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corroborate import embeddings
from corroborate.link import story_model
from corroborate.link.stories import CROSS_FEATURES, StoryIndex
from corroborate.types import Article
from fit_story_model import (
    Doc,
    Rows,
    _encoder,
    cluster_f1,
    fit,
    halves,
    load_corpus,
    placeholder,
    pooled_rows,
    teacher_rows,
)
from fit_story_model import model_json as base_json

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "src" / "corroborate" / "link" / "models" / story_model.CROSS_MODEL_FILE
SEED = 13
ORDERS = (13, 7)
JOIN_GRID = (0.3, 0.4, 0.5, 0.6, 0.7)
MERGE_GRID = (0.5, 0.7, 1.01)  # 1.01: never merge
PLACEHOLDER = placeholder(CROSS_FEATURES)
#: The multilingual features when masked (as without the encoder).
NO_M = {
    CROSS_FEATURES.index(k): v for k, v in {"m_cos": 0.0, "m_max": 0.0, "m_missing": 1.0}.items()
}
_MULTI: list[Any] = []


def _multilingual() -> Any:
    if not _MULTI:
        _MULTI.append(embeddings.shared_multilingual())
    return _MULTI[0]


def _own_group(article: Article) -> str:
    return article.id


def cross_index(cross_model: dict[str, Any] | None = None) -> StoryIndex:
    """An index whose every pair goes through the cross-language path."""
    index = StoryIndex(
        encoder=_encoder(), multilingual=_multilingual(), cross_model=cross_model or PLACEHOLDER
    )
    index.group_of = _own_group
    return index


def cross_rows(docs: Sequence[Doc], seed: int) -> Rows:
    """Teacher-forced rows of the cross-language features in one seeded order."""
    return teacher_rows(
        docs, seed, cross_index, lambda index, a, b: index.cross_features(a, b), NO_M
    )


def cross_f1(docs: Sequence[Doc], model: dict[str, Any], order_seed: int | None) -> float:
    """B-cubed F1 of blind clustering through the cross path only."""
    return cluster_f1(docs, model, order_seed, cross_index, second=False)


def model_json(params: dict[str, Any], join: float, merge: float) -> dict[str, Any]:
    return base_json(params, "logistic", join, merge, CROSS_FEATURES)


def fit_on(parts: Sequence[tuple[Rows, Sequence[Doc]]], log: list[str]) -> dict[str, Any]:
    xs, ys, weights = pooled_rows(parts)
    params = fit(xs, ys, "logistic", weights)
    log.append(f"  rows {len(ys)} ({sum(ys)} positive); coef {params['coef']}")
    corpora = [docs for _, docs in parts]

    def score(join: float, merge: float) -> float:
        model = model_json(params, join, merge)
        return float(np.mean([cross_f1(d, model, o) for d in corpora for o in (SEED, None)]))

    best_join = max(JOIN_GRID, key=lambda j: score(j, 1.01))
    best_merge = max(MERGE_GRID, key=lambda m: score(best_join, m))
    f1 = score(best_join, best_merge)
    log.append(f"  thresholds join {best_join} merge {best_merge} (training F1 {f1:.3f})")
    return model_json(params, best_join, best_merge)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--store", action="append", default=[], help="corpus=path (ecbplus, gvc)")
    ap.add_argument("--write", action="store_true", help=f"write the model to {MODEL}")
    ap.add_argument("--no-validate", action="store_true")
    args = ap.parse_args(list(argv) if argv is not None else None)
    stores = dict(s.split("=", 1) for s in args.store)
    corpora = {name: load_corpus(name, Path(path)) for name, path in stores.items()}
    rows: dict[str, Rows] = {}
    for name, c in corpora.items():
        out = Rows([], [], [], 0)
        for seed in ORDERS:
            r = cross_rows(c.docs, seed)
            out.xs += r.xs
            out.ys += r.ys
            out.groups += r.groups
        rows[name] = out
        pos = [x[0] for x, y in zip(out.xs, out.ys, strict=True) if y and not x[2]]
        neg = [x[0] for x, y in zip(out.xs, out.ys, strict=True) if not y and not x[2]]
        print(
            f"{name}: {len(c.docs)} articles, {len(out.ys)} rows ({sum(out.ys)} positive); "
            f"m_cos same story median {np.median(pos):.2f} (10th pct {np.percentile(pos, 10):.2f})"
            f", other stories median {np.median(neg):.2f} (90th pct {np.percentile(neg, 90):.2f})"
        )
    log: list[str] = []
    report: dict[str, Any] = {"features": list(CROSS_FEATURES)}
    if not args.no_validate:
        folds = {name: halves(c.docs) for name, c in corpora.items()}
        scores: dict[str, list[tuple[float, float]]] = {name: [] for name in corpora}
        for k in (0, 1):
            log.append(f"fold {k}:")
            model = fit_on([(rows[n], folds[n][k]) for n in corpora], log)
            for n in corpora:
                held = folds[n][1 - k]
                scores[n].append((cross_f1(held, model, SEED), cross_f1(held, model, None)))
        for n, s in scores.items():
            report[f"2-fold/{n}"] = [
                round(float(np.mean([x[0] for x in s])), 4),
                round(float(np.mean([x[1] for x in s])), 4),
            ]
    log.append("final fit:")
    final = fit_on([(rows[n], c.docs) for n, c in corpora.items()], log)
    for n, c in corpora.items():
        report[f"final_in_sample/{n}"] = [
            round(cross_f1(c.docs, final, SEED), 4),
            round(cross_f1(c.docs, final, None), 4),
        ]
    final["fitted"] = {
        "script": "bench/fit_cross_story_model.py",
        "date": date.today().isoformat(),
        "corpora": {n: len(c.docs) for n, c in corpora.items()},
        "orders": list(ORDERS),
        "seed": SEED,
        "note": "English pairs, every pair through the cross-language path (docs/russian.md)",
    }
    print("\n".join(log))
    print(json.dumps(report, indent=1))
    if args.write:
        MODEL.write_text(json.dumps(final, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
