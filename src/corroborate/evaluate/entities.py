"""Cross-document entity coreference of the dossier, scored on gold entity mentions.

* **Gold:** a corpus's entity mentions (``kind == "entity"``) with their coreference chain;
  chains marked ``INTRA_*`` or ``SINGLETON_*`` are document-local and are keyed by document.
* **Ours, by span:** each gold mention's syntactic head (the root of its tokens in a spaCy
  parse of the input text) is carried onto the stored text (:class:`OffsetMap`); the gold
  mention takes the cluster (story, entity) of the shortest of **our own** mentions that
  contains that head. A gold mention none of ours covers is a singleton: the product's
  missed mentions cost recall, as a user would see them. An article the product folded
  into another as a near-duplicate (``duplicate_ids``) is shown as that article, so its
  heads are carried onto the kept article's text (word alignment; a head in a passage the
  copies do not share stays unmatched), as the story scorer gives it the kept story.
  The cluster is the entity's **global id**: the product gives one id to one entity
  across stories (its entity pages gather them), so two stories of one topic can still
  share an entity; time entities (type DATE, numbered per story) are keyed by their story.
* **Subsets:** all entity mentions, and *named* ones (head tagged NNP/NNPS).
* **Metrics:** MUC, B-cubed, CEAF-e and their mean (CoNLL F1), in percent.
* **Baseline:** the same head lemma within one topic, on the gold mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from corroborate.evaluate.align import OffsetMap
from corroborate.evaluate.table import Row, Section
from corroborate.link.coref_metrics import conll_scores

NAMED_TAGS = frozenset({"NNP", "NNPS"})
#: Type of the per-story time entities (``link.entities.TIME_TYPE``).
TIME_TYPE = "DATE"


@dataclass(frozen=True)
class GoldMention:
    """One gold entity mention with the head found by the parse."""

    article_id: str
    topic: str
    chain: str
    head_start: int
    head_end: int
    lemma: str
    named: bool


def gold_mentions(rows: Sequence[Mapping[str, Any]], n_process: int = 1) -> list[GoldMention]:
    """The entity mentions of ``rows`` (records with ``id``, ``topic``, ``text``, ``mentions``)
    with their heads, parsed by the product's spaCy model."""
    from corroborate.analyze.nlp import load_nlp

    nlp = load_nlp()
    out: list[GoldMention] = []
    docs = nlp.pipe((r["text"] for r in rows), batch_size=32, n_process=n_process)
    for row, doc in zip(rows, docs, strict=True):
        for m in row["mentions"]:
            if m["kind"] != "entity":
                continue
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root
            chain = str(m["chain"])
            if chain.startswith(("INTRA_", "SINGLETON_")):
                chain = f"{row['id']}/{chain}"
            out.append(
                GoldMention(
                    article_id=str(row["id"]),
                    topic=str(row.get("topic", "")),
                    chain=chain,
                    head_start=head.idx,
                    head_end=head.idx + len(head.text),
                    lemma=head.lemma_.lower(),
                    named=head.tag_ in NAMED_TAGS,
                )
            )
    return out


def _cluster(story: Mapping[str, Any], entity: Mapping[str, Any]) -> Hashable:
    """An entity's identity across the dossier: its global id (per story for times)."""
    if entity.get("type") == TIME_TYPE:
        return (story["id"], entity["id"])
    return str(entity["id"])


def our_clusters(
    dossier: Mapping[str, Any], golds: Sequence[GoldMention], texts: Mapping[str, str]
) -> list[Hashable]:
    """Our cluster for every gold mention (a fresh singleton where none of ours covers it);
    a near-duplicate's mentions are read on the article it was folded into."""
    ours: dict[str, list[tuple[int, int, Hashable]]] = defaultdict(list)
    for story in dossier["stories"]:
        for entity in story["entities"]:
            for m in entity["mentions"]:
                ours[m["article_id"]].append((m["start"], m["end"], _cluster(story, entity)))
    stored = {a["id"]: a["text"] for a in dossier["articles"]}
    shown_as = {a["id"]: a["id"] for a in dossier["articles"]}
    for article in dossier["articles"]:
        for dup in article.get("duplicate_ids") or ():
            shown_as.setdefault(dup, article["id"])
    maps: dict[str, OffsetMap] = {}
    out: list[Hashable] = []
    for k, g in enumerate(golds):
        cluster: Hashable = ("unmatched", k)
        kept = shown_as.get(g.article_id)
        if kept is not None and g.article_id in texts:
            if g.article_id not in maps:
                maps[g.article_id] = OffsetMap(texts[g.article_id], stored[kept])
            head = maps[g.article_id].span(g.head_start, g.head_end)
            if head is not None:
                covering = [
                    (e - s, c) for s, e, c in ours.get(kept, ()) if s <= head[0] and head[1] <= e
                ]
                if covering:
                    cluster = min(covering, key=lambda x: x[0])[1]
        out.append(cluster)
    return out


def _rows(
    corpus: str,
    subset: str,
    key: list[Hashable],
    ours: list[Hashable],
    base: list[Hashable],
    target: float | None,
) -> list[Row]:
    s_ours = conll_scores(key, ours)
    s_base = conll_scores(key, base)
    rows = [
        Row(
            "entities",
            corpus,
            f"{metric} F1 ({subset})",
            s_ours[metric][2] / 100,
            s_base[metric][2] / 100,
        )
        for metric in ("muc", "b3", "ceafe")
    ]
    conll, base_conll = s_ours["conll"][2] / 100, s_base["conll"][2] / 100
    rows.append(
        Row(
            "entities",
            corpus,
            f"CoNLL F1 ({subset})",
            conll,
            base_conll,
            f">= {target:.2f}" if target is not None else None,
            conll >= target if target is not None else None,
            f"{len(key)} gold mentions",
        )
    )
    return rows


def score_entities(
    dossier: Mapping[str, Any],
    golds: Sequence[GoldMention],
    texts: Mapping[str, str],
    corpus: str,
    *,
    named_target: float | None = None,
) -> Section:
    """CoNLL and its parts for all and named gold mentions, ours vs the head-lemma baseline."""
    ours = our_clusters(dossier, golds, texts)
    key: list[Hashable] = [g.chain for g in golds]
    base: list[Hashable] = [(g.topic, g.lemma) for g in golds]
    named = [k for k, g in enumerate(golds) if g.named]
    rows = _rows(corpus, "all", key, ours, base, None)
    rows += _rows(
        corpus,
        "named",
        [key[k] for k in named],
        [ours[k] for k in named],
        [base[k] for k in named],
        named_target,
    )
    covered = sum(1 for c in ours if not (isinstance(c, tuple) and c[0] == "unmatched"))
    info = {
        "gold_mentions": len(golds),
        "named_mentions": len(named),
        "covered_by_ours": covered,
    }
    return Section(f"entities/{corpus}", tuple(rows), info)
