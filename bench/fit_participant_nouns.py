"""Fit the participant-noun model (src/corroborate/link/models/participant_nouns.json).

    .venv/bin/python bench/fit_participant_nouns.py [--out PATH] [--no-write]

Which common nouns name a participant (a person, group, place or thing: "gunman",
"police", "store") rather than a happening or an abstraction ("decision", "game",
"damage")? The unnamed participants of a story (`link/unnamed.py`) are grouped by such a
head; the report lists them as who and what the story is about.

1. Gold: the common-noun heads (spaCy tags NN/NNS, the product's parse) of the entity
   mentions (label 1; time mentions left out) and event mentions (label 0) of
   ``ecbplus/dev.jsonl`` and ``meantime/en.jsonl``. One example per lemma and corpus,
   labelled by the majority of its mentions (ties left out), so frequent words do not
   decide the fit.
2. Features: the MiniLM vector of the lemma alone (the encoder the product ships).
3. Validation: fitted on one corpus, tested on the other's lemmas (both ways), and on the
   other corpus's lemmas the first never saw; within each corpus, five folds by lemma.
   Accuracy, balanced accuracy and ROC AUC over lemmas.
4. The shipped model: logistic regression (C = 1, seed 13) on both corpora's lemmas.
Deterministic; docs/entity-resolution.md has the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED, require
from corroborate.link.participants import PARTICIPANT_MODEL_PATH

SEED = 13
CORPORA = {
    "ecbplus": SHARED / "data" / "ecbplus" / "dev.jsonl",
    "meantime": SHARED / "data" / "meantime" / "en.jsonl",
}


def head_counts(path: Path) -> tuple[Counter[str], Counter[str]]:
    """Lemma counts of the common-noun heads of entity and of event mentions."""
    from corroborate.analyze.nlp import load_nlp

    nlp = load_nlp()
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    entity: Counter[str] = Counter()
    event: Counter[str] = Counter()
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=32), strict=True):
        for m in row["mentions"]:
            if str(m["type"]).startswith("TIME"):
                continue
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None or not len(span) or span.root.tag_ not in ("NN", "NNS"):
                continue
            (entity if m["kind"] == "entity" else event)[span.root.lemma_.lower()] += 1
    return entity, event


def examples(entity: Counter[str], event: Counter[str]) -> dict[str, int]:
    """Lemma -> 1 (participant) or 0, by the majority of its mentions (ties left out)."""
    return {
        lemma: int(entity[lemma] > event[lemma])
        for lemma in sorted(set(entity) | set(event))
        if entity[lemma] != event[lemma] and lemma.isalpha()
    }


def _fit(x: np.ndarray, y: np.ndarray) -> object:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=2000, random_state=SEED).fit(x, y)


def _scores(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Scores over lemmas of participant probabilities ``p`` against labels ``y``."""
    from sklearn.metrics import accuracy_score, balanced_accuracy_score, roc_auc_score

    return {
        "lemmas": len(y),
        "participants": int(y.sum()),
        "accuracy": round(float(accuracy_score(y, p >= 0.5)), 3),
        "balanced accuracy": round(float(balanced_accuracy_score(y, p >= 0.5)), 3),
        "auc": round(float(roc_auc_score(y, p)), 3),
    }


def _proba(model: object, x: np.ndarray) -> np.ndarray:
    return model.predict_proba(x)[:, 1]  # type: ignore[attr-defined,no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=PARTICIPANT_MODEL_PATH)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    for path in CORPORA.values():
        require(path, "gold mentions")
    from sklearn.model_selection import StratifiedKFold

    from corroborate.embeddings import shared_minilm

    encoder = shared_minilm()
    data: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
    for name, path in CORPORA.items():
        labels = examples(*head_counts(path))
        lemmas = sorted(labels)
        data[name] = (lemmas, encoder.encode(lemmas), np.array([labels[w] for w in lemmas]))
        print(f"{name}: {len(lemmas)} lemmas, {sum(labels.values())} participants", flush=True)
    report: dict[str, object] = {}
    for train, test in (("ecbplus", "meantime"), ("meantime", "ecbplus")):
        model = _fit(data[train][1], data[train][2])
        p = _proba(model, data[test][1])
        report[f"fit {train} -> test {test}"] = _scores(p, data[test][2])
        unseen = [k for k, w in enumerate(data[test][0]) if w not in set(data[train][0])]
        report[f"fit {train} -> test {test}, unseen lemmas"] = _scores(
            p[unseen], data[test][2][unseen]
        )
    for name, (_, x, y) in data.items():
        p = np.zeros(len(y))
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
        for tr, te in folds.split(x, y):
            p[te] = _proba(_fit(x[tr], y[tr]), x[te])
        report[f"{name}, 5 folds by lemma"] = _scores(p, y)
    print(json.dumps(report, indent=1))
    lemmas = [w for name in CORPORA for w in data[name][0]]
    x = np.vstack([data[name][1] for name in CORPORA])
    y = np.concatenate([data[name][2] for name in CORPORA])
    model = _fit(x, y)
    spec = {
        "encoder": encoder.name,
        "coef": [round(float(v), 6) for v in model.coef_[0]],  # type: ignore[attr-defined]
        "intercept": round(float(model.intercept_[0]), 6),  # type: ignore[attr-defined]
        "fitted on": {
            "data": "common-noun heads of ecbplus/dev.jsonl and meantime/en.jsonl mentions",
            "lemmas": len(lemmas),
            "participants": int(y.sum()),
            "validation": report,
        },
    }
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
