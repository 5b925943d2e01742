"""Cross-document entity coreference benchmark on ECB+ dev (topics 1-35, 772 articles).

Our per-article analysis (spaCy parse + ``analyze.entities.extract_entities``) runs on
every document; :func:`corroborate.link.entities.resolve_entities` then merges the
LocalEntities of all documents of one group. Each gold ENTITY mention gets the cluster of
the StoryEntity whose mention overlaps it most. Gold mentions we do not cover (pronouns,
common nouns, times: our analysis only finds named entities) get a fallback, documented in
``docs/entity-resolution.md``:

* ``ours+singletons``: each uncovered gold mention is its own cluster;
* ``ours+fallback``: an uncovered mention whose head lemma equals the head lemma of
  covered mentions in the group joins their (majority) entity; a personal pronoun
  (he/she/him/her/his/hers/himself/herself) joins the closest preceding PERSON entity
  of its own document; anything else clusters by head lemma: across the group's
  documents when at least ``WIDE_SHARE`` of them (and two or more) contain that lemma
  (a recurring participant: "police", "rehab"), else within its own document. So this
  system is "ours + lemma fallback for non-named mentions".
* ``ours+nominals``: ``resolve_entities(docs, nominals=True)`` first links role/generic
  nominals and he/she pronouns to our entities (``corroborate.link.nominals``); the same
  fallback then handles the gold mentions still uncovered.
* ``ours+times``: ``resolve_entities(docs, nominals=True, times=True)``: also the time
  entities built from ``Analysis.dates`` (``extract_dates(doc, published=None)``: ECB+
  has no publication dates), then the same fallback. This is the full product.

The baseline (same run, same grouping): gold mentions with the same head lemma (spaCy
lemma of the span's syntactic root, lower-cased) in the same group are coreferent.

Groups: the gold ``topic`` (default; two similar real-world events per topic, the
standard ECB+ setting for the lemma baseline) or the gold ``story`` (``--group story``).
Scores: MUC, B-cubed, CEAF-e and CoNLL F1 (mean of the three), all gold entity mentions
(singletons included), gold mention boundaries.

    .venv/bin/python bench/entities.py                 # all 35 topics
    .venv/bin/python bench/entities.py --topics 1,2,3  # a subset
    .venv/bin/python bench/entities.py --topics odd    # calibration half (even: held out)
    .venv/bin/python bench/entities.py --group story

The parse is cached in ``bench/results/ecbplus_entities.json`` (git-ignored; documents
cached without dates are parsed again).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corroborate.link.coref_metrics import conll_scores
from corroborate.link.entities import TIME_TYPE, resolve_entities
from corroborate.types import (
    Analysis,
    AnalyzedArticle,
    Article,
    DateRef,
    LocalEntity,
    Mention,
    Role,
)

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "ecbplus" / "dev.jsonl"
CACHE = ROOT / "bench" / "results" / "ecbplus_entities.json"
CACHE_VERSION = 1
#: A non-named head lemma corefers across documents only when at least this share of
#: the group's documents (and at least two) contain it; else only within its document.
#: Calibrated on odd topics (0.15-0.3 tried), checked on even topics.
WIDE_SHARE = 0.2
#: Baseline and fallback compare the noun head's lemma ("prison" in "in prison") instead of
#: the span root's ("in"); ``--heads noun``. Off by default (the standard baseline).
NOUN_HEAD_LEMMA = False
#: Uncovered relative pronouns join the mention right before them.
RELATIVE_FALLBACK = True
RELATIVES = frozenset({"who", "whom", "whose", "which", "that", "where"})
#: The lemma fallback keeps mentions stating different numbers apart.
NUMBERS = True
#: A gold mention whose noun head is a lower-case (common) noun takes our entity only when
#: our mention covers that head, not just a name modifying it ("Brooklyn mother").
HEAD_MATCH = True
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})


@dataclass(frozen=True)
class Gold:
    doc: str
    start: int
    end: int
    text: str
    chain: str
    lemma: str
    head: tuple[int, int] | None = None  # char span of the noun head (see ``_noun_head``)
    head_lemma: str = ""  # its lemma: "prison" for "in prison" (``lemma`` is "in")


def load_rows(topics: set[str] | None = None) -> list[dict[str, Any]]:
    """ECB+ dev documents (optionally only some topics), in file order."""
    if not DEV.is_file():
        sys.exit(f"ECB+ dev set not found at {DEV}")
    rows = []
    with DEV.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if topics is None or r["topic"] in topics:
                rows.append(r)
    return rows


def _entity_to_json(e: LocalEntity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "roles": [[r.text, r.start, r.end] for r in e.roles],
        "mentions": [[m.start, m.end, m.text, m.type] for m in e.mentions],
    }


def _entity_from_json(d: dict[str, Any]) -> LocalEntity:
    return LocalEntity(
        id=d["id"],
        name=d["name"],
        type=d["type"],
        aliases=tuple(d["aliases"]),
        roles=tuple(Role(t, s, e) for t, s, e in d["roles"]),
        mentions=tuple(Mention(s, e, t, ty, d["id"]) for s, e, t, ty in d["mentions"]),
    )


def analyse(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """doc id -> {"entities": [...], "dates": [...], "lemmas": [head lemma per gold mention]}.

    Cached; only missing documents (or ones cached before dates were kept) are parsed.
    """
    cache: dict[str, dict[str, Any]] = {}
    if CACHE.is_file():
        data = json.loads(CACHE.read_text(encoding="utf-8"))
        if data.get("version") == CACHE_VERSION:
            cache = data["docs"]
    todo = [r for r in rows if "heads" not in cache.get(r["id"], {}) or _old_heads(cache[r["id"]])]
    if todo:
        from corroborate.analyze.dates import extract_dates
        from corroborate.analyze.entities import extract_entities
        from corroborate.analyze.pipeline import analysis_nlp

        nlp = analysis_nlp()
        t0 = time.perf_counter()
        for n, (doc, r) in enumerate(
            nlp.pipe(((r["text"], r) for r in todo), as_tuples=True, batch_size=16), 1
        ):
            lemmas, heads = [], []
            for m in r["mentions"]:
                if m["kind"] != "entity":
                    continue
                span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
                lemmas.append(span.root.lemma_.lower() if span is not None else m["text"].lower())
                head = _noun_head(span) if span is not None else None
                heads.append(
                    [head.idx, head.idx + len(head), head.lemma_.lower()]
                    if head is not None
                    else None
                )
            cache[r["id"]] = {
                "entities": [_entity_to_json(e) for e in extract_entities(doc)],
                "dates": [
                    [d.expression, d.start, d.end, d.date, d.precision, d.relative]
                    for d in extract_dates(doc, None)
                ],
                "lemmas": lemmas,
                "heads": heads,
            }
            if n % 50 == 0:
                print(f"  parsed {n}/{len(todo)} ({time.perf_counter() - t0:.0f}s)", flush=True)
                _save(cache)
        _save(cache)
        print(f"parsed {len(todo)} documents in {time.perf_counter() - t0:.1f}s", flush=True)
    return cache


def _old_heads(entry: dict[str, Any]) -> bool:
    return any(h is not None and len(h) < 3 for h in entry["heads"])


def _noun_head(span: Any) -> Any:
    """The span's syntactic root, or for a prepositional phrase ("in Newport Beach") the
    object of the preposition inside the span."""
    head = span.root
    while head.pos_ == "ADP":
        objs = [c for c in head.children if c.dep_ == "pobj" and span.start <= c.i < span.end]
        if not objs:
            break
        head = objs[0]
    return head


def _save(cache: dict[str, dict[str, Any]]) -> None:
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps({"version": CACHE_VERSION, "docs": cache}), encoding="utf-8")


def gold_mentions(
    row: dict[str, Any], lemmas: Sequence[str], heads: Sequence[list[Any] | None] | None = None
) -> list[Gold]:
    ents = [m for m in row["mentions"] if m["kind"] == "entity"]
    hs = list(heads) if heads is not None else [None] * len(ents)
    return [
        Gold(
            row["id"],
            m["start"],
            m["end"],
            m["text"],
            m["chain"],
            lemma,
            (h[0], h[1]) if h is not None else None,
            h[2] if h is not None else lemma,
        )
        for m, lemma, h in zip(ents, lemmas, hs, strict=True)
    ]


def lemma_baseline(golds: Sequence[Gold], group: str, noun_head: bool = False) -> list[Hashable]:
    """Same head lemma within the same group (``noun_head``: the noun head's lemma, "prison"
    for "in prison", instead of the span root's, "in")."""
    return [("lemma", group, g.head_lemma or g.lemma if noun_head else g.lemma) for g in golds]


def system_clusters(
    golds: Sequence[Gold],
    docs: Sequence[AnalyzedArticle],
    group: str,
    fallback: bool,
    nominals: bool = False,
    times: bool = False,
) -> list[Hashable]:
    """Our cluster id for every gold mention of one group (see the module docstring)."""
    story = resolve_entities(docs, nominals=nominals, times=times)
    types = {f"{group}/{e.id}": e.type for e in story}
    # our mentions per document, sorted by start: (start, end, story entity id)
    ours: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for se in story:
        for m in se.mentions:
            ours[m.article_id].append((m.start, m.end, f"{group}/{se.id}"))
    for spans in ours.values():
        spans.sort()
    texts = {d.article.id: d.article.text for d in docs}
    common = {
        g: HEAD_MATCH and g.head is not None and texts[g.doc][g.head[0] : g.head[1]].islower()
        for g in golds
    }
    assigned: list[str | None] = []
    for g in golds:
        best, best_overlap = None, 0
        for s, e, sid in ours.get(g.doc, ()):
            overlap = min(e, g.end) - max(s, g.start)
            if (
                common[g]
                and g.head is not None
                and not (s < g.head[1] and g.head[0] < e)
                and types.get(sid) != TIME_TYPE  # "Saturday" in "Saturday morning" is the time
            ):
                continue  # our name is a modifier of a common noun ("Brooklyn" in "Brooklyn mom")
            if overlap > best_overlap:
                best, best_overlap = sid, overlap
        assigned.append(best)
    if not fallback:
        return [a if a is not None else ("single", group, i) for i, a in enumerate(assigned)]

    def lem(g: Gold) -> str:
        return g.head_lemma or g.lemma if NOUN_HEAD_LEMMA else g.lemma

    by_lemma: dict[str, Counter[str]] = defaultdict(Counter)
    lemma_docs: dict[str, set[str]] = defaultdict(set)
    for g, a in zip(golds, assigned, strict=True):
        lemma_docs[lem(g)].add(g.doc)
        if a is not None and types.get(a) != TIME_TYPE:  # times are keyed by value, not lemma
            by_lemma[lem(g)][a] += 1
    wide_docs = max(2.0, WIDE_SHARE * len(docs))
    out: list[Hashable] = []
    for g, a in zip(golds, assigned, strict=True):
        if a is not None:
            out.append(a)
        elif lem(g) in by_lemma:
            out.append(by_lemma[lem(g)].most_common(1)[0][0])
        elif g.text.lower() in PRONOUNS:
            prev = [
                sid
                for s, _e, sid in ours.get(g.doc, ())
                if s < g.start and types.get(sid) == "PERSON"
            ]
            out.append(prev[-1] if prev else ("lemma", group, g.doc, lem(g)))
        elif len(lemma_docs[lem(g)]) >= wide_docs:
            out.append(("lemma", group, lem(g), *_numbers(g.text)))
        else:
            out.append(("lemma", group, g.doc, lem(g), *_numbers(g.text)))
    if RELATIVE_FALLBACK:
        # an uncovered relative pronoun right after a mention (", who") takes its cluster
        texts_by_doc = {d.article.id: d.article.text for d in docs}
        before: Gold | None = None
        before_k = -1
        for k in sorted(range(len(golds)), key=lambda k: (golds[k].doc, golds[k].start)):
            g = golds[k]
            if (
                assigned[k] is None
                and g.text.lower() in RELATIVES
                and before is not None
                and before.doc == g.doc
                and before.end <= g.start
                and texts_by_doc[g.doc][before.end : g.start].strip() in ("", ",")
            ):
                out[k] = out[before_k]
            before, before_k = g, k
    return out


_NUMBER = re.compile(r"\d[\d,.:]*")


def _numbers(text: str) -> tuple[str, ...]:
    """The numbers a mention states ("23 points"): different numbers, different things."""
    return tuple(n.rstrip(",.:").replace(",", "") for n in _NUMBER.findall(text)) if NUMBERS else ()


def _article(row: dict[str, Any]) -> Article:
    return Article(id=row["id"], path=f"ecbplus:{row['id']}", text=row["text"])


def evaluate(
    rows: Sequence[dict[str, Any]], cache: dict[str, dict[str, Any]], group_by: str = "topic"
) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Scores of the baseline and our two variants: name -> metric -> (P, R, F1)."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r[group_by]].append(r)
    key: list[Hashable] = []
    responses: dict[str, list[Hashable]] = {
        "lemma baseline": [],
        "ours+singletons": [],
        "ours+fallback": [],
        "ours+nominals": [],
        "ours+times": [],
    }
    for gname, members in groups.items():
        golds: list[Gold] = []
        docs: list[AnalyzedArticle] = []
        for r in members:
            c = cache[r["id"]]
            golds.extend(gold_mentions(r, c["lemmas"], c["heads"]))
            ents = tuple(_entity_from_json(e) for e in c["entities"])
            dates = tuple(DateRef(*d) for d in c["dates"])
            analysis = Analysis(article_id=r["id"], entities=ents, dates=dates)
            docs.append(AnalyzedArticle(_article(r), analysis))
        key.extend(g.chain for g in golds)
        responses["lemma baseline"].extend(lemma_baseline(golds, gname, NOUN_HEAD_LEMMA))
        responses["ours+singletons"].extend(system_clusters(golds, docs, gname, fallback=False))
        responses["ours+fallback"].extend(system_clusters(golds, docs, gname, fallback=True))
        responses["ours+nominals"].extend(
            system_clusters(golds, docs, gname, fallback=True, nominals=True)
        )
        responses["ours+times"].extend(
            system_clusters(golds, docs, gname, fallback=True, nominals=True, times=True)
        )
    return {name: conll_scores(key, resp) for name, resp in responses.items()}


def conll_gain(topics: Iterable[str] | None = None, group_by: str = "topic") -> tuple[float, float]:
    """(ours+times CoNLL F1, lemma baseline CoNLL F1) in percent, for the test floor."""
    rows = load_rows(set(topics) if topics is not None else None)
    scores = evaluate(rows, analyse(rows), group_by)
    return scores["ours+times"]["conll"][2], scores["lemma baseline"]["conll"][2]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--topics",
        help="comma-separated topic numbers, or odd (calibration) / even (held out); default: all",
    )
    ap.add_argument("--group", choices=["topic", "story"], default="topic")
    ap.add_argument(
        "--heads",
        choices=["root", "noun"],
        default="root",
        help="head lemma of baseline and fallback: span root (default) or noun head",
    )
    args = ap.parse_args(argv)
    global NOUN_HEAD_LEMMA
    NOUN_HEAD_LEMMA = args.heads == "noun"
    topics = set(args.topics.split(",")) if args.topics else None
    if args.topics in ("odd", "even"):
        parity = 1 if args.topics == "odd" else 0
        topics = {str(t) for t in range(1, 100) if t % 2 == parity}
    rows = load_rows(topics)
    cache = analyse(rows)
    t0 = time.perf_counter()
    scores = evaluate(rows, cache, args.group)
    elapsed = time.perf_counter() - t0
    n_gold = sum(len(cache[r["id"]]["lemmas"]) for r in rows)
    print(
        f"ECB+ dev: {len(rows)} documents, {n_gold} gold entity mentions, "
        f"grouped by gold {args.group}; resolution + scoring {elapsed:.1f}s"
    )
    header = (
        f"{'system':<18}"
        + "".join(f"{m + ' P/R/F1':>22}" for m in ("MUC", "B3", "CEAF-e"))
        + f"{'CoNLL F1':>10}"
    )
    print(header)
    for name, s in scores.items():
        cells = "".join(
            f"{s[m][0]:>8.1f}{s[m][1]:>7.1f}{s[m][2]:>7.1f}" for m in ("muc", "b3", "ceafe")
        )
        print(f"{name:<18}{cells}{s['conll'][2]:>10.1f}")
    base = scores["lemma baseline"]["conll"][2]
    for name in ("ours+singletons", "ours+fallback", "ours+nominals", "ours+times"):
        print(f"{name} - baseline: {scores[name]['conll'][2] - base:+.1f} CoNLL F1")


if __name__ == "__main__":
    main()
