"""Fit the same-entity model (src/corroborate/link/models/same_entity.json) and validate it.

    .venv/bin/python bench/fit_same_entity.py [--work DIR] [--out JSON]

1. Analyse ECB+ dev (``../shared/data/ecbplus/dev.jsonl``) and MEANTIME English
   (``../shared/data/meantime/en.jsonl``) with the product (``analyze_inputs``, default
   settings, a user's fields only) into ``DIR/<corpus>/store.db`` (reused when present: a
   ``bench/quality.py --work DIR`` run leaves the same stores).
2. For each stored story, :func:`corroborate.link.entities.entity_pairs` gives the candidate
   pairs of name groups left after rules 1-4 and their features (exactly what rule 13 sees
   at run time). A group's gold chain is the most frequent chain of the *named* gold
   mentions whose heads its mentions cover (heads found and carried onto the stored text
   as the harness does, ``corroborate.evaluate.entities``); a pair is positive when both
   groups have the same chain; pairs with a group covering no gold head are left out.
3. Logistic regression on standardised features (scikit-learn, C = 1, seed 13). The merge
   threshold is chosen on the fitting data by the harness's own measure: named CoNLL F1 of
   a replay of the entity stage (``resolve_entities`` + ``shown_entities`` story by story
   with one registry, scored by ``evaluate.entities.our_clusters``) over a small grid.
4. Validation: fit on ECB+, test on MEANTIME, and the reverse; ECB+ by topics left out
   (odd topics -> even, even -> odd). Each test row reports the replay's named and all
   CoNLL F1 with the model and without it (rules 1-12 only).
5. The shipped model is fitted on both corpora; its threshold maximises the sum of the
   two corpora's named CoNLL F1. Writes the model and ``bench/results/same_entity.json``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corroborate
from _common import SHARED, load_jsonl, require
from corroborate.compare.story import _published_key
from corroborate.evaluate.align import OffsetMap
from corroborate.evaluate.entities import GoldMention, gold_mentions, our_clusters
from corroborate.link.coref_metrics import conll_scores
from corroborate.link.entities import (
    EntityRegistry,
    entity_pairs,
    resolve_entities,
    shown_entities,
)
from corroborate.link.entity_model import FEATURES, MODEL_PATH, SameEntityModel
from corroborate.store import open_store
from corroborate.types import AnalyzedArticle
from quality import user_file

SEED = 13
CORPORA = {
    "ecbplus": SHARED / "data" / "ecbplus" / "dev.jsonl",
    "meantime": SHARED / "data" / "meantime" / "en.jsonl",
}
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
RESULTS = Path(__file__).resolve().parent / "results" / "same_entity.json"

Story = tuple[str, list[AnalyzedArticle]]


class Corpus:
    """One corpus: its gold rows and mentions, the product's stored stories, pairs."""

    def __init__(self, name: str, work: Path) -> None:
        self.name = name
        self.rows = load_jsonl(require(CORPORA[name], f"{name} data"))
        self.texts = {str(r["id"]): r["text"] for r in self.rows}
        self.topic = {str(r["id"]): str(r.get("topic", "")) for r in self.rows}
        folder = work / name
        cache = folder / "fit-cache.pkl"
        if cache.exists():
            self.golds, self.stories = pickle.loads(cache.read_bytes())
        else:
            self._analyse(folder)
            self.golds = gold_mentions(self.rows)
            self.stories = self._stories(folder / "store.db")
            cache.write_bytes(pickle.dumps((self.golds, self.stories)))

    def _analyse(self, folder: Path) -> None:
        if (folder / "store.db").exists():
            return
        folder.mkdir(parents=True, exist_ok=True)
        user = user_file(self.rows, folder.parent / f"{self.name}.jsonl")
        corroborate.analyze_inputs([str(user)], db=folder / "store.db", out=folder / "out")

    @staticmethod
    def _stories(db: Path) -> list[Story]:
        store = open_store(db)
        arts = {a.id: a for a in store.articles()}
        out: list[Story] = []
        for s in store.stories():
            docs = []
            for aid in s["article_ids"]:
                analysis = store.get_analysis(aid)
                if analysis is not None:
                    docs.append(AnalyzedArticle(arts[aid], analysis))
            out.append((str(s["id"]), sorted(docs, key=_published_key)))
        return sorted(out, key=lambda x: x[0])

    def story_topic(self, story: Story) -> str:
        return Counter(self.topic.get(d.article.id, "") for d in story[1]).most_common(1)[0][0]

    def heads(self) -> dict[str, list[tuple[int, int, str]]]:
        """Article id -> (start, end, chain) of its named gold heads in the stored text."""
        stored = {d.article.id: d.article.text for _, docs in self.stories for d in docs}
        maps: dict[str, OffsetMap] = {}
        out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for g in self.golds:
            if not g.named or g.article_id not in stored:
                continue
            if g.article_id not in maps:
                maps[g.article_id] = OffsetMap(self.texts[g.article_id], stored[g.article_id])
            span = maps[g.article_id].span(g.head_start, g.head_end)
            if span is not None:
                out[g.article_id].append((span[0], span[1], g.chain))
        return out

    def pairs(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Feature rows, labels and each row's story topic."""
        heads = self.heads()
        xs: list[list[float]] = []
        ys: list[int] = []
        topics: list[str] = []
        for story in self.stories:
            chains: dict[tuple[str, str], Counter[str]] = {}
            for d in story[1]:
                for e in d.analysis.entities:
                    c: Counter[str] = Counter()
                    for m in e.mentions:
                        c.update(
                            ch
                            for a, b, ch in heads.get(d.article.id, ())
                            if m.start <= a and b <= m.end
                        )
                    chains[(d.article.id, e.id)] = c
            topic = self.story_topic(story)
            for left, right, row in entity_pairs(story[1]):
                ca = sum((chains.get(i, Counter()) for i in left), Counter())
                cb = sum((chains.get(i, Counter()) for i in right), Counter())
                if not ca or not cb:
                    continue
                xs.append(row)
                ys.append(int(ca.most_common(1)[0][0] == cb.most_common(1)[0][0]))
                topics.append(topic)
        return np.asarray(xs), np.asarray(ys), topics

    def replay(
        self, model: SameEntityModel | None, topics: set[str] | None = None
    ) -> dict[str, float]:
        """Named and all CoNLL F1 of the entity stage replayed over the stored stories
        (only stories of ``topics`` and their gold mentions when given)."""
        registry = EntityRegistry()
        out: list[dict[str, Any]] = []
        for story in self.stories:
            if topics is not None and self.story_topic(story) not in topics:
                continue
            sid, docs = story
            ents = resolve_entities(docs, registry, same_entity=model or False)
            named, times = shown_entities(docs, ents, sid)
            out.append(
                {
                    "id": sid,
                    "entities": [
                        {
                            "id": e.id,
                            "type": e.type,
                            "mentions": [
                                {"article_id": m.article_id, "start": m.start, "end": m.end}
                                for m in e.mentions
                            ],
                        }
                        for e in (*named, *times)
                    ],
                }
            )
        articles = [
            {"id": d.article.id, "text": d.article.text} for _, docs in self.stories for d in docs
        ]
        golds: Sequence[GoldMention] = [
            g for g in self.golds if topics is None or g.topic in topics
        ]
        ours = our_clusters({"stories": out, "articles": articles}, golds, self.texts)
        key: list[Hashable] = [g.chain for g in golds]
        named_ix = [k for k, g in enumerate(golds) if g.named]
        s_all = conll_scores(key, ours)
        s_named = conll_scores([key[k] for k in named_ix], [ours[k] for k in named_ix])
        return {"named": round(s_named["conll"][2], 2), "all": round(s_all["conll"][2], 2)}


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """A logistic regression on standardised features, as the JSON spec."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    lr = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED)
    lr.fit((x - scaler.mean_) / scale, y)
    return {
        "features": list(FEATURES),
        "kind": "logistic",
        "mean": [float(v) for v in scaler.mean_],
        "scale": [float(v) for v in scale],
        "coef": [float(v) for v in lr.coef_[0]],
        "intercept": float(lr.intercept_[0]),
        "threshold": 0.5,
    }


def with_threshold(spec: dict[str, Any], t: float) -> SameEntityModel:
    return SameEntityModel({**spec, "threshold": t})


def choose(spec: dict[str, Any], corpora: Sequence[tuple[Corpus, set[str] | None]]) -> float:
    """The grid threshold with the highest summed named CoNLL F1 on ``corpora``."""
    scores = {
        t: sum(c.replay(with_threshold(spec, t), topics)["named"] for c, topics in corpora)
        for t in THRESHOLDS
    }
    print("   thresholds:", scores, flush=True)
    return max(THRESHOLDS, key=lambda t: (scores[t], t))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/fit_same_entity"))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    corpora = {name: Corpus(name, args.work) for name in CORPORA}
    data = {name: c.pairs() for name, c in corpora.items()}
    for name, (_x, y, _) in data.items():
        print(f"{name}: {len(y)} pairs, {int(y.sum())} positive", flush=True)
    report: dict[str, Any] = {
        "seed": SEED,
        "pairs": {n: [len(d[1]), int(d[1].sum())] for n, d in data.items()},
    }
    rows: list[dict[str, Any]] = []

    def evaluate(
        label: str,
        train_x: np.ndarray,
        train_y: np.ndarray,
        fit_on: Sequence[tuple[Corpus, set[str] | None]],
        test: Corpus,
        topics: set[str] | None,
    ) -> None:
        spec = fit(train_x, train_y)
        t = choose(spec, fit_on)
        with_model = test.replay(with_threshold(spec, t), topics)
        without = test.replay(None, topics)
        row = {"validation": label, "threshold": t, "with": with_model, "without": without}
        print(row, flush=True)
        rows.append(row)

    ecb, mt = corpora["ecbplus"], corpora["meantime"]
    (xe, ye, te), (xm, ym, _) = data["ecbplus"], data["meantime"]
    evaluate("fit ECB+, test MEANTIME", xe, ye, [(ecb, None)], mt, None)
    evaluate("fit MEANTIME, test ECB+", xm, ym, [(mt, None)], ecb, None)
    topics = sorted({g.topic for g in ecb.golds}, key=lambda s: int(s) if s.isdigit() else 0)
    odd = {t for t in topics if t.isdigit() and int(t) % 2}
    even = set(topics) - odd
    for train, test in ((odd, even), (even, odd)):
        mask = np.asarray([t in train for t in te])
        name = "odd" if train is odd else "even"
        evaluate(f"ECB+ {name} topics -> the others", xe[mask], ye[mask], [(ecb, train)], ecb, test)
    spec = fit(np.vstack([xe, xm]), np.concatenate([ye, ym]))
    spec["threshold"] = choose(spec, [(ecb, None), (mt, None)])
    final = {n: c.replay(SameEntityModel(spec)) for n, c in corpora.items()}
    without = {n: c.replay(None) for n, c in corpora.items()}
    print("shipped:", spec["threshold"], final, "without:", without, flush=True)
    spec["fitted_on"] = "ECB+ dev and MEANTIME English, product mentions (bench/fit_same_entity.py)"
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    report.update(
        validation=rows, shipped={"threshold": spec["threshold"], "with": final, "without": without}
    )
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
