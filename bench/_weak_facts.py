"""Weak same-fact rows from ECB+ event chains, for ``bench/fit_same_fact.py``.

ECB+ marks every event mention of its annotated sentences with a cross-document coreference
chain. Two sentences of different articles of one ECB+ story that mention one chained event
tell the same happening; two annotated sentences that share no chained event do not. That is
coarser than the claims set's facts (one happening carries many facts), so these rows are
*weak* labels: they enter the fit with a weight below the hand-annotated pairs'.

The rows are built exactly as the claims set's: the product analyses ECB+ dev
(``analyze_inputs``, default settings), and for each gold story the product's own entity and
figure stages run on the story's stored articles, then
:func:`corroborate.compare.claims.story_pairs` gives the units, candidate pairs and features.
A pair is kept when every gold sentence its two units cover is annotated (ECB+ leaves most
sentences unannotated: nothing can be said of them); its label is whether those sentences
share a cross-document event chain (``INTRA_*`` and ``SINGLETON_*`` chains are within one
document). The topics of the claims set's ECB+ stories are left out, so no claims-set story
is seen through these rows.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from _common import ECB_DEV, covered_sentences, load_jsonl, product_pairs, stored_docs
from corroborate.evaluate.claims import locate_sentences
from corroborate.types import AnalyzedArticle
from quality import user_file


@dataclass(frozen=True)
class WeakRows:
    """Feature rows and weak labels of one ECB+ story."""

    story: str
    features: np.ndarray
    labels: np.ndarray


def _event_chains(record: dict[str, Any]) -> dict[int, frozenset[str]]:
    """Annotated sentence index -> the cross-document event chains it mentions."""
    spans = record["sentences"]
    found: dict[int, set[str]] = defaultdict(set)
    for mention in record["mentions"]:
        chain = str(mention["chain"])
        if mention["kind"] != "event" or chain.startswith(("INTRA", "SINGLETON")):
            continue
        for index, (start, end) in enumerate(spans):
            if start <= mention["start"] < end:
                found[index].add(chain)
                break
    return {i: frozenset(found.get(i, ())) for i in record["annotated_sentences"]}


def _analysed(records: list[dict[str, Any]], store_path: Path) -> dict[str, AnalyzedArticle]:
    if not store_path.exists():
        from corroborate.api import analyze_inputs

        with tempfile.TemporaryDirectory() as tmp:
            inputs = user_file(records, Path(tmp) / "ecbplus.jsonl")
            analyze_inputs([str(inputs)], db=store_path, processes=2)
    return stored_docs(store_path)


def story_rows(records: list[dict[str, Any]], docs: dict[str, AnalyzedArticle]) -> WeakRows | None:
    """The labelled candidate pairs of one ECB+ story (None when it has none)."""
    stored = [r for r in records if r["id"] in docs]
    if len(stored) < 2:
        return None
    _, pairs, _ = product_pairs(docs[r["id"]] for r in stored)
    chains: dict[tuple[str, int], frozenset[str]] = {}
    located: dict[str, dict[str, tuple[int, int]]] = {}
    for r in stored:
        chains.update({(r["id"], i): c for i, c in _event_chains(r).items()})
        sentences = [(f"{i}", r["text"][s:e]) for i, (s, e) in enumerate(r["sentences"])]
        located[r["id"]] = locate_sentences(sentences, docs[r["id"]].article.text)
    unit_chains: list[frozenset[str] | None] = []
    for unit, sids in zip(pairs.units, covered_sentences(pairs.units, located), strict=True):
        keys = [(unit.article_id, int(sid)) for sid in sids]
        known = bool(keys) and all(k in chains for k in keys)
        unit_chains.append(frozenset().union(*(chains[k] for k in keys)) if known else None)
    keep: list[int] = []
    labels: list[int] = []
    for n, (i, j) in enumerate(pairs.pairs):
        a, b = unit_chains[i], unit_chains[j]
        if a is not None and b is not None:
            keep.append(n)
            labels.append(int(bool(a & b)))
    if not keep:
        return None
    story = stored[0]["story"]
    return WeakRows(story, pairs.features[keep], np.asarray(labels, dtype=np.int64))


def build_weak(store_path: Path, leave_out_ids: Iterable[str]) -> list[WeakRows]:
    """Weak rows of every ECB+ dev story outside the topics of ``leave_out_ids``."""
    records = load_jsonl(ECB_DEV)
    left_out = set(leave_out_ids)
    topics = {r["topic"] for r in records if r["id"] in left_out}
    kept = [r for r in records if r["topic"] not in topics]
    docs = _analysed(kept, store_path)
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in kept:
        by_story[r["story"]].append(r)
    out: list[WeakRows] = []
    for story in sorted(by_story):
        rows = story_rows(by_story[story], docs)
        if rows is not None:
            out.append(rows)
            print(
                f"weak {story}: {len(rows.labels)} pairs, {int(rows.labels.sum())} positive",
                flush=True,
            )
    return out
