"""Link a stored corpus again with the current code and score its entities (a replay).

Copies a store the quality harness filled (``bench/quality.py --work DIR`` keeps them),
drops its stories and the story-index and entity-registry states, runs the link stage
(``run.local.link``: story placement, entity resolution, figures, claims) over the stored
analyses in one pass, writes the dossier and, for ECB+ or MEANTIME, prints the entity
rows the harness prints. Nothing is analysed again, so a change to the link stage
(entity rules, the registry) is measured in seconds instead of a harness run; the figures
differ a little from the harness's because the harness links in several passes while
analysis runs (docs/entity-resolution.md, "Measured 2026-12-07": replay and product path
side by side). Confirm a change through the product path before quoting it.

    .venv/bin/python bench/quality.py --only entities --work /tmp/q
    .venv/bin/python bench/relink.py /tmp/q/ecbplus/store.db /tmp/relink-ecb --corpus ecbplus
    .venv/bin/python bench/relink.py /tmp/q/meantime/store.db /tmp/relink-mt --corpus meantime
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from _common import SHARED, load_jsonl, require
from corroborate.evaluate.entities import gold_mentions, score_entities
from corroborate.present.dossier import write_dossier
from corroborate.run.local import ENTITY_STATE, STORY_STATE, link
from corroborate.store import open_store

GOLD = {
    "ecbplus": SHARED / "data" / "ecbplus" / "dev.jsonl",
    "meantime": SHARED / "data" / "meantime" / "en.jsonl",
}


def relink(source: Path, out: Path) -> dict[str, object]:
    """Link a copy of ``source`` (in ``out``) from scratch; returns the dossier."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "store.db"
    shutil.copy(source, db)
    store = open_store(db)
    try:
        with store.transaction():
            store.delete_stories([s["id"] for s in store.stories()])
            store.put_state(STORY_STATE, {})
            store.put_state(ENTITY_STATE, {})
        start = time.perf_counter()
        stories = link(store)
        print(f"linked {stories} stories in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        dossier: dict[str, object] = write_dossier(store, out / "dossier.json")
    finally:
        store.close()
    return dossier


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store", type=Path, help="a store the harness filled")
    ap.add_argument("out", type=Path, help="folder for the copy and its dossier")
    ap.add_argument("--corpus", choices=sorted(GOLD), help="score entities on this gold")
    args = ap.parse_args()
    if not args.store.is_file():
        sys.exit(f"{args.store}: no such store; run bench/quality.py --work DIR first")
    dossier = relink(args.store, args.out)
    if args.corpus:
        rows = load_jsonl(require(GOLD[args.corpus], f"the {args.corpus} gold"))
        golds = gold_mentions(rows, n_process=1)
        texts = {str(r["id"]): r["text"] for r in rows}
        section = score_entities(dossier, golds, texts, args.corpus)
        for row in section.rows:
            print(f"{row.metric:24s} {row.ours or 0.0:.4f}  (baseline {row.baseline or 0.0:.4f})")
        print(json.dumps(section.info))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
