"""Development loop for the GVC people counts (docs/figures.md, "Calibration").

Samples: the GVC dev incidents with facts, shuffled with ``random.Random(SEED)``; the first
``--size`` are the *dev* sample (rules were calibrated on it), the next ``--size`` the
*check* sample (read only to confirm). ``--fast`` scores each article's own figures (no
linking, no grouping); without it the sample goes through ``corroborate.analyze_inputs``
into a temporary store and the dossier is scored by ``score_gvc_figures``, as in
``bench/quality.py``.

    nice .venv/bin/python bench/figures_dev.py --split dev --size 150 --fast
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GVC = ROOT.parent / "shared" / "data" / "gvc"
SEED = 11


def sample(split: str, size: int) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The articles of the split's incidents, and the facts."""
    sys.path.insert(0, str(ROOT / "src"))
    from corroborate.evaluate.figures import gvc_sample

    return gvc_sample(GVC, split, size, SEED)


def fast_dossier(records: list[dict[str, Any]]) -> dict[str, Any]:
    """A dossier-shaped dict with one group per figure (no linking, no grouping)."""
    from corroborate.analyze.entities import extract_entities
    from corroborate.analyze.figures import extract_figures
    from corroborate.analyze.headline import headline_figures
    from corroborate.analyze.pipeline import analysis_nlp
    from corroborate.compare.figures import dimension, predicate_family

    nlp = analysis_nlp()
    groups: list[dict[str, Any]] = []
    texts = [r.get("text") or "" for r in records]
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=16), strict=True):
        # as the analysis stage does: the body, then the headline's counts (field "title")
        own = extract_figures(doc, extract_entities(doc))
        for f in (*own, *headline_figures(rec.get("title") or "", nlp)):
            fam = predicate_family(f.predicate, dimension(f)) or f.counted or f.kind
            groups.append(
                {
                    "measure": f"{fam} — {f.unit}",
                    "unit": f.unit,
                    "scope": f.scope,
                    "reports": [
                        {
                            "article_id": rec["id"],
                            "low": f.low,
                            "high": f.high,
                            "text": f.text,
                            "derived": f.derived,
                        }
                    ],
                }
            )
    articles = [{"id": r["id"], "duplicate_ids": [], "sources": []} for r in records]
    return {"articles": articles, "stories": [{"figures": groups}]}


def print_groups(dossier: dict[str, Any], n: int, seed: int = SEED) -> None:
    """``n`` figure groups drawn with ``random.Random(seed)``, each report with its context."""
    articles = {a["id"]: a for a in dossier["articles"]}
    groups = [g for s in dossier["stories"] for g in s["figures"]]
    print(f"{len(groups)} figure groups; {min(n, len(groups))} drawn with seed {seed}")
    for k, g in enumerate(random.Random(seed).sample(groups, min(n, len(groups))), 1):
        frame = f" | {g['scope']}" if g.get("scope") else ""
        print(f"[{k}] {g['measure']} | {g['verdict']}{frame}")
        for r in g["reports"]:
            field = "title" if r.get("field") == "title" else "text"
            text = articles.get(r["article_id"], {}).get(field) or ""
            left = text[max(0, r["start"] - 60) : r["start"]].replace("\n", " ")
            right = text[r["end"] : r["end"] + 40].replace("\n", " ")
            where = f"{r['article_id'][:12]}:{field}:{r['start']}-{r['end']}"
            print(f"     {where} {r['low']}..{r['high']}  …{left}[[{r['text']}]]{right}…")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["dev", "check"], default="dev")
    parser.add_argument("--size", type=int, default=150)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--dump", type=Path, help="write the dossier here")
    parser.add_argument("--load", type=Path, help="score a dossier written by --dump")
    parser.add_argument("--groups", type=int, default=0, help="print N random figure groups")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the --groups draw")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from corroborate.evaluate.figures import score_gvc_figures

    records, facts = sample(args.split, args.size)
    article_incident = {r["id"]: r["story"] for r in records}
    if args.load:
        dossier = json.loads(args.load.read_text())
    elif args.fast:
        dossier = fast_dossier(records)
    else:
        from corroborate import analyze_inputs

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "sample.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for r in records:
                    out.write(json.dumps(r) + "\n")
            result = analyze_inputs([str(path)], Path(tmp) / "store.db", processes=2)
            dossier = result.dossier
    if args.dump:
        args.dump.write_text(json.dumps(dossier, ensure_ascii=False, default=str))
    if args.groups:
        print_groups(dossier, args.groups, args.seed)
    section = score_gvc_figures(dossier, facts, article_incident)
    print(f"{args.split}: {section.info['incidents']} incidents, {len(records)} articles")
    for row in section.rows:
        print(f"  {row.metric:22} {row.ours}  ({row.note}; target {row.target})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
