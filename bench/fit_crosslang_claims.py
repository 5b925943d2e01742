"""Fit the cross-language claim calibration (src/corroborate/compare/models/crosslang_claims.json).

    .venv/bin/python bench/fit_crosslang_claims.py [--store PATH] [--out PATH]

The same-fact model reads MiniLM cosines and English lexical overlaps; a Russian-English
sentence pair has neither (docs/russian.md, "Claims across languages"). On the English
stories of ``../shared/data/claims`` (built as ``bench/fit_same_fact.py`` does: the product's
units, candidate pairs and features):

1. Sentences of each story are sampled (at most ``PER_STORY``, fixed seed) and every pair of
   sampled sentences of different articles gets its MiniLM cosine (what the model reads)
   and its multilingual USE cosine. The calibration maps USE to MiniLM by matching
   quantiles (``QUANTILES``): a monotone piecewise-linear map, so a pair that is among the
   closest 1 % by one encoder is among the closest 1 % by the other.
2. For each lexical feature that is ~0 across scripts (``LEXICAL``), a least-squares line
   of the feature on the MiniLM cosine over all candidate pairs: what an English pair at
   that cosine has on average, used in place of the feature for a cross-language pair.

Prints the knots, the lines and the fit on the gold same-fact pairs. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corroborate.compare.crosslang import CALIBRATION_PATH
from corroborate.compare.fact_model import FEATURES
from corroborate.embeddings import shared_multilingual
from fit_same_fact import build

SEED = 13
PER_STORY = 60
QUANTILES = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 0.995, 1.0)
LEXICAL = ("unit_lex", "sent_lex", "shared_idf", "sent_shared_idf", "names", "jaccard")
TOP_K = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=CALIBRATION_PATH)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stories = build(args.store or Path(tmp) / "claims.db")
    rng = np.random.default_rng(SEED)
    encoder = shared_multilingual()
    minilm: list[float] = []
    use: list[float] = []
    pos_minilm: list[float] = []
    pos_use: list[float] = []
    rows: list[np.ndarray] = []
    for story in stories:
        p = story.pairs
        rows.append(p.features)
        n = len(p.sentences)
        if n < 2:
            continue
        chosen = np.sort(rng.choice(n, size=min(n, PER_STORY), replace=False))
        vec = encoder.encode([p.sentences[i].text for i in chosen]).astype(np.float64)
        cos = vec @ vec.T
        for x, a in enumerate(chosen.tolist()):
            for y in range(x + 1, len(chosen)):
                b = int(chosen[y])
                if p.sentences[a].doc != p.sentences[b].doc:
                    minilm.append(float(p.sentence_cosine[a, b]))
                    use.append(float(cos[x, y]))
        where = {int(s): x for x, s in enumerate(chosen.tolist())}
        for (i, j), label in zip(p.pairs, story.labels, strict=True):
            a, b = p.units[i].sentence, p.units[j].sentence
            if label and a in where and b in where:
                pos_minilm.append(float(p.sentence_cosine[a, b]))
                pos_use.append(float(cos[where[a], where[b]]))
    m, u = np.asarray(minilm), np.asarray(use)
    use_knots = np.quantile(u, QUANTILES)
    minilm_knots = np.quantile(m, QUANTILES)
    feats = np.vstack(rows)
    col = {name: k for k, name in enumerate(FEATURES)}
    text = feats[:, col["text"]]
    lexical = {}
    for name in LEXICAL:
        slope, intercept = np.polyfit(text, feats[:, col[name]], 1)
        lexical[name] = [round(float(intercept), 6), round(float(slope), 6)]
    spec = {
        "encoder": encoder.name,
        "fitted_on": "English sentence pairs of ../shared/data/claims",
        "seed": SEED,
        "pairs": len(m),
        "quantiles": list(QUANTILES),
        "use_knots": [round(float(x), 6) for x in use_knots],
        "minilm_knots": [round(float(x), 6) for x in minilm_knots],
        "lexical": lexical,
        "top_k": TOP_K,
    }
    args.out.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    cal = np.interp(u, use_knots, minilm_knots)
    pm, pu = np.asarray(pos_minilm), np.asarray(pos_use)
    pc = np.interp(pu, use_knots, minilm_knots)
    print(f"{len(m)} sentence pairs of different articles, {len(pm)} of them same-fact pairs")
    print(f"Pearson(MiniLM, calibrated USE) = {np.corrcoef(m, cal)[0, 1]:.3f}")
    print(f"mean |MiniLM - calibrated USE| = {np.abs(m - cal).mean():.3f}")
    if len(pm):
        print(
            f"same-fact pairs: MiniLM mean {pm.mean():.3f}, calibrated USE mean {pc.mean():.3f}; "
            f"all pairs: MiniLM mean {m.mean():.3f}, calibrated {cal.mean():.3f}"
        )
    print(json.dumps(spec, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
