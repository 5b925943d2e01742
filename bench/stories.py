"""Story clustering benchmark on ECB+ dev (772 articles, 66 gold stories).

Articles are shuffled (seed 13, then 7 and 99) and clustered blind; B-cubed
precision/recall/F1 against the gold ``story`` labels are printed for seed 13 (with
articles/s) and as the mean over the three shuffles.

    .venv/bin/python bench/stories.py                  # all topics, then odd, then even
    .venv/bin/python bench/stories.py --topics odd     # calibration half
    .venv/bin/python bench/stories.py --topics even    # held-out half
    .venv/bin/python bench/stories.py --features ner   # bare NER names (the old input)
    .venv/bin/python bench/stories.py --scale          # 1k vs 10k synthetic articles

ECB+ texts carry no publication dates: articles are built without ``published``.
``--features full`` (default) gives the index the project's own per-article analysis:
``extract_entities`` (names, aliases, mentions), ``extract_dates(doc, published=None)``
(absolute dates only) and ``extract_figures``, computed once with the full spaCy
pipeline and cached in ``bench/results/ecbplus_analysis_v2.json`` (772 articles:
134-164 s on the shared 2-core machine). ``--features ner`` uses spaCy NER names only
(cached in ``bench/results/ecbplus_ner.json``): no mentions, dates or figures, so the
key-entity, year and figure signals are absent. ``--scale`` replicates the dev set:
copy k gets renamed ids and dates shifted by k x ``COPY_SHIFT_DAYS`` (beyond the index's
window for metadata dates), so each copy's stories are new stories.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from corroborate import embeddings
from corroborate.link import vectors as V
from corroborate.link.stories import MAX_GAP_DAYS, StoryIndex, TextEncoder, bcubed
from corroborate.types import Analysis, Article, DateRef, Figure, LocalEntity, Mention

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "ecbplus" / "dev.jsonl"
CACHE = ROOT / "bench" / "results" / "ecbplus_ner.json"
FULL_CACHE = ROOT / "bench" / "results" / "ecbplus_analysis_v2.json"
EMBED_CACHE = ROOT / "bench" / "results" / "ecbplus_lead_minilm.npz"
SEED = 13
#: Days between the --scale copies: past the window of metadata dates, so copy k of a
#: story never meets copy k + 1 (identical texts would otherwise be one story).
COPY_SHIFT_DAYS = MAX_GAP_DAYS + 30
KEEP_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def load_rows() -> list[dict[str, str]]:
    """The ECB+ dev articles (id, topic, story, text)."""
    if not DEV.is_file():
        sys.exit(f"ECB+ dev set not found at {DEV}")
    rows = []
    with DEV.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows.append({k: r[k] for k in ("id", "topic", "story", "text")})
    return rows


def ner_cache(rows: list[dict[str, str]]) -> dict[str, list[list[str]]]:
    """article id -> [[name, type], ...] (distinct names), computed once and cached."""
    if CACHE.is_file():
        cached: dict[str, list[list[str]]] = json.loads(CACHE.read_text(encoding="utf-8"))
        if all(r["id"] in cached for r in rows):
            return cached
    from corroborate.analyze.nlp import load_nlp

    nlp = load_nlp()
    disable = [p for p in nlp.pipe_names if p != "ner"]
    out: dict[str, list[list[str]]] = {}
    t0 = time.perf_counter()
    docs = nlp.pipe((r["text"] for r in rows), disable=disable, batch_size=32)
    for r, doc in zip(rows, docs, strict=True):
        seen: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ in KEEP_TYPES:
                seen.setdefault(ent.text.strip(), ent.label_)
        out[r["id"]] = [[n, t] for n, t in seen.items()]
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(out), encoding="utf-8")
    print(f"NER on {len(rows)} articles: {time.perf_counter() - t0:.1f}s (cached to {CACHE})")
    return out


def full_cache(rows: list[dict[str, str]]) -> dict[str, dict[str, list[Any]]]:
    """article id -> the project's own per-article analysis, computed once and cached.

    Full spaCy pipeline, then ``extract_entities``, ``extract_dates(doc, published=None)``
    (absolute dates only: ECB+ has no publication dates) and ``extract_figures``.
    """
    if FULL_CACHE.is_file():
        cached: dict[str, dict[str, list[Any]]] = json.loads(FULL_CACHE.read_text(encoding="utf-8"))
        if all(r["id"] in cached for r in rows):
            return cached
    from corroborate.analyze.dates import extract_dates
    from corroborate.analyze.entities import extract_entities
    from corroborate.analyze.figures import extract_figures
    from corroborate.analyze.nlp import load_nlp

    nlp = load_nlp()
    out: dict[str, dict[str, list[Any]]] = {}
    t0 = time.perf_counter()
    for r, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=16), strict=True):
        ents = extract_entities(doc)
        out[r["id"]] = {
            "entities": [
                [e.name, e.type, list(e.aliases), [[m.start, m.end] for m in e.mentions]]
                for e in ents
            ],
            "dates": [
                [d.expression, d.start, d.end, d.date, d.precision, d.relative]
                for d in extract_dates(doc, None)
            ],
            "figures": [
                [f.text, f.start, f.end, f.kind, f.low, f.high, f.unit, f.counted]
                for f in extract_figures(doc, ents)
            ],
        }
    FULL_CACHE.parent.mkdir(parents=True, exist_ok=True)
    FULL_CACHE.write_text(json.dumps(out), encoding="utf-8")
    print(f"analysis of {len(rows)} articles: {time.perf_counter() - t0:.1f}s (cached)")
    return out


def full_analysis(article_id: str, text: str, entry: dict[str, list[Any]]) -> Analysis:
    """The cached project analysis of one article as an :class:`Analysis`."""
    entities = []
    for i, (name, typ, aliases, spans) in enumerate(entry["entities"]):
        mentions = tuple(Mention(s, e, text[s:e], typ, f"e{i}") for s, e in spans)
        entities.append(LocalEntity(f"e{i}", name, typ, aliases=tuple(aliases), mentions=mentions))
    return Analysis(
        article_id=article_id,
        entities=tuple(entities),
        dates=tuple(
            DateRef(expression=x, start=s, end=e, date=d, precision=p, relative=r)
            for x, s, e, d, p, r in entry["dates"]
        ),
        figures=tuple(
            Figure(text=x, start=s, end=e, kind=k, low=lo, high=hi, unit=u, counted=c)
            for x, s, e, k, lo, hi, u, c in entry["figures"]
        ),
    )


class CachedEncoder:
    """The shared MiniLM behind a table of precomputed embeddings (text -> row): the
    bench embeds each distinct title+lead once (``--scale`` replicas share texts) and
    times the clustering, not the encoder (its speed is printed when the cache is built)."""

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.name = embeddings.MiniLM.name
        self._table = table

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self._table]
        if missing:
            for t, row in zip(missing, embeddings.shared_minilm().encode(missing), strict=True):
                self._table[t] = row
        return np.vstack([self._table[t] for t in texts]).astype(np.float32)


def embed_cache(rows: list[dict[str, str]]) -> CachedEncoder:
    """Embeddings of every article's ``vectors.embed_text``, computed once and cached
    (keyed by the exact text, so a change of the text recipe re-embeds)."""
    texts = sorted({V.embed_text(Article(id=r["id"], path="", text=r["text"])) for r in rows})
    table: dict[str, np.ndarray] = {}
    if EMBED_CACHE.is_file():
        with np.load(EMBED_CACHE) as data:
            table = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    todo = [t for t in texts if t not in table]
    if todo:
        import os

        enc = embeddings.shared_minilm()
        enc.encode(["warm-up"])
        t0 = time.perf_counter()
        vecs = enc.encode(todo)
        secs = time.perf_counter() - t0
        print(
            f"embedded {len(todo)} title+lead texts in {secs:.1f}s ({len(todo) / secs:.0f}/s, "
            f"{embeddings.default_threads()} threads, load average "
            f"{os.getloadavg()[0]:.1f}); cached to {EMBED_CACHE}"
        )
        table.update(zip(todo, vecs, strict=True))
        EMBED_CACHE.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(table)
        np.savez(EMBED_CACHE, texts=np.array(keys), vectors=np.vstack([table[k] for k in keys]))
    return CachedEncoder(table)


def ner_analysis(article_id: str, ents: list[list[str]]) -> Analysis:
    """A minimal Analysis: one LocalEntity per distinct NER name (no mentions, dates or
    figures: the key-entity, year and figure signals are then absent)."""
    return Analysis(
        article_id=article_id,
        entities=tuple(
            LocalEntity(id=f"e{i}", name=name, type=typ) for i, (name, typ) in enumerate(ents)
        ),
    )


def make_pairs(
    rows: list[dict[str, str]], analyses: dict[str, Analysis], copies: int = 1, seed: int = SEED
) -> tuple[list[tuple[Article, Analysis]], dict[str, str]]:
    """Articles with analyses (shuffled), and gold article id -> story label.

    With ``copies`` > 1 (scale mode) copy k renames ids and stories with a ``~k``
    suffix and dates every article base + k * ``COPY_SHIFT_DAYS`` (+0..3 days of jitter).
    """
    rng = random.Random(seed)
    pairs: list[tuple[Article, Analysis]] = []
    gold: dict[str, str] = {}
    base = date(2020, 1, 1)
    for k in range(copies):
        for r in rows:
            aid = r["id"] if copies == 1 else f"{r['id']}~{k}"
            published = None
            if copies > 1:
                shift = COPY_SHIFT_DAYS * k + rng.randint(0, 3)
                published = (base + timedelta(days=shift)).isoformat()
            art = Article(id=aid, path=f"ecbplus:{aid}", text=r["text"], published=published)
            pairs.append((art, replace(analyses[r["id"]], article_id=aid)))
            gold[aid] = r["story"] if copies == 1 else f"{r['story']}~{k}"
    rng.shuffle(pairs)
    if copies > 1:  # a stream: roughly in date order, shuffled within a copy
        pairs.sort(key=lambda p: p[0].published or "")
    return pairs, gold


def run(
    pairs: list[tuple[Article, Analysis]], encoder: TextEncoder | None = None
) -> tuple[dict[str, str], float]:
    """Cluster blind, then the second look at every story (``StoryIndex.split``, as the
    product's link pass does for the stories it grew); returns article id -> story id and
    the seconds it took."""
    index = StoryIndex(encoder)
    t0 = time.perf_counter()
    for art, ana in pairs:
        index.add(art, ana)
    second_look(index, pairs, [art for art, _ in pairs])
    secs = time.perf_counter() - t0
    # final assignment (a story id returned early may since have been merged)
    pred = {aid: sid for sid, members in index.stories().items() for aid in members}
    return pred, secs


def second_look(
    index: StoryIndex, pairs: list[tuple[Article, Analysis]], added: list[Article]
) -> None:
    """``StoryIndex.split``, then ``StoryIndex.rejoin``, on each story the ``added``
    articles are in, as the product's link pass does after placing
    (``run.local._split_stories``, ``run.local._rejoin_stories``); ``pairs``: every
    indexed article with its analysis."""
    given = {art.id: (art, ana) for art, ana in pairs}
    stories = index.stories()
    touched = sorted({index.story_of(art.id) or art.id for art in added})
    for sid in list(touched):
        new = index.split(sid, [given[m] for m in stories[sid]])
        if new is not None:
            touched.append(new)
    for sid in touched:
        members = index.members(sid)
        if members is not None:
            index.rejoin(
                sid,
                [given[m] for m in members],
                lambda other: [given[m] for m in index.members(other) or ()],
            )


def select(rows: list[dict[str, str]], which: str) -> list[dict[str, str]]:
    if which == "odd":
        return [r for r in rows if int(r["topic"]) % 2 == 1]
    if which == "even":
        return [r for r in rows if int(r["topic"]) % 2 == 0]
    return rows


SEEDS = (SEED, 7, 99)


def analyses_for(rows: list[dict[str, str]], features: str) -> dict[str, Analysis]:
    """article id -> Analysis: the project's own analysis ("full") or bare NER ("ner")."""
    if features == "ner":
        ner = ner_cache(rows)
        return {r["id"]: ner_analysis(r["id"], ner[r["id"]]) for r in rows}
    full = full_cache(rows)
    return {r["id"]: full_analysis(r["id"], r["text"], full[r["id"]]) for r in rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--topics", choices=["all", "odd", "even"], default="all")
    ap.add_argument("--features", choices=["full", "ner"], default="full")
    ap.add_argument("--scale", action="store_true", help="1k vs 10k synthetic articles")
    ap.add_argument(
        "--sizes", default="1000,10000", help="--scale: the two stream sizes (default 1000,10000)"
    )
    ap.add_argument(
        "--embed", choices=["minilm", "none"], default="minilm", help="title+lead embeddings"
    )
    args = ap.parse_args()
    rows = load_rows()
    analyses = analyses_for(rows, args.features)
    encoder = encoder_for(rows, args.embed)
    if args.scale:
        small, large = (int(x) for x in args.sizes.split(","))
        if small <= len(rows):
            ap.error(f"--sizes: the smaller stream needs more than {len(rows)} articles (copies)")
        scale(rows, analyses, encoder, (small, large))
        return
    subsets = ["all", "odd", "even"] if args.topics == "all" else [args.topics]
    print(
        f"features={args.features} embed={args.embed}; shuffles: seed {SEED} (articles/s), "
        f"mean of seeds {SEEDS}"
    )
    for which in subsets:
        sub = select(rows, which)
        scores = []
        for seed in SEEDS:
            pairs, gold = make_pairs(sub, analyses, seed=seed)
            pred, secs = run(pairs, encoder)
            scores.append(bcubed(pred, gold))
            if seed == SEED:
                p, r, f = scores[-1]
                print(
                    f"topics={which:<4} articles={len(pairs)} "
                    f"gold_stories={len(set(gold.values()))} "
                    f"pred_stories={len(set(pred.values()))} B3 P={p:.3f} R={r:.3f} F1={f:.3f} "
                    f"({len(pairs) / secs:.0f} articles/s)"
                )
        p, r, f = (sum(s[i] for s in scores) / len(scores) for i in range(3))
        print(f"topics={which:<4} {len(SEEDS)}-seed mean       B3 P={p:.3f} R={r:.3f} F1={f:.3f}")


def encoder_for(rows: list[dict[str, str]], embed: str) -> CachedEncoder | None:
    """The bench's encoder: cached MiniLM embeddings ("minilm") or none."""
    if embed == "none":
        return None
    if not embeddings.available():
        sys.exit("--embed minilm: MiniLM packages not installed (use --embed none)")
    return embed_cache(rows)


def scale(
    rows: list[dict[str, str]],
    analyses: dict[str, Analysis],
    encoder: TextEncoder | None,
    sizes: tuple[int, int] = (1000, 10000),
) -> None:
    """Time 1k vs 10k articles (synthetic copies of the dev set shifted in time)."""
    results = []
    for n in sizes:
        copies = -(-n // len(rows))
        pairs, gold = make_pairs(rows, analyses, copies=copies)
        pairs = pairs[:n]
        gold = {a.id: gold[a.id] for a, _ in pairs}
        pred, secs = run(pairs, encoder)
        p, r, f = bcubed(pred, gold)
        results.append((n, secs))
        print(
            f"n={n:>6} copies={copies:>2} time={secs:.2f}s ({n / secs:.0f} articles/s) "
            f"B3 P={p:.3f} R={r:.3f} F1={f:.3f}"
        )
    (n1, t1), (n2, t2) = results
    print(f"articles x{n2 / n1:.0f} -> time x{t2 / t1:.1f} (target <= 12 for x10)")
    incremental(pairs, encoder, t2)


def incremental(
    pairs: list[tuple[Article, Analysis]], encoder: TextEncoder | None, rebuild_s: float
) -> None:
    """Adding the last 1% of the larger stream to the saved index of the rest (JSON state
    round trip and the second look at the stories it grew included) against clustering
    everything again (``rebuild_s``)."""
    head, tail = pairs[: -len(pairs) // 100], pairs[-len(pairs) // 100 :]
    index = StoryIndex(encoder)
    for art, ana in head:
        index.add(art, ana)
    text = json.dumps(index.to_state())
    t0 = time.perf_counter()
    restored = StoryIndex.from_state(json.loads(text), encoder)
    for art, ana in tail:
        restored.add(art, ana)
    second_look(restored, pairs, [art for art, _ in tail])
    secs = time.perf_counter() - t0
    print(
        f"incremental: {len(tail)} articles added to a saved index of {len(head)} in "
        f"{secs:.2f}s (state {len(text) / 1e6:.0f} MB) vs rebuild {rebuild_s:.2f}s: "
        f"{rebuild_s / secs:.0f}x faster (target >= 20)"
    )


if __name__ == "__main__":
    main()
