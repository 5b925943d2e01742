"""Helpers for the runner tests: stores, JSON snapshots, and batch functions that workers
import by name (they must live in an importable module, not in a test file's closure)."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from corroborate.run.local import analyze_batch, ingest
from corroborate.store import open_store
from corroborate.store.base import Store
from corroborate.types import Analysis, Article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tarsk-port-strike"
FIXTURES = ROOT / "tests" / "fixtures" / "run" / "articles.jsonl"
INPUTS = [str(EXAMPLE), str(FIXTURES)]


def ingested(db: Path) -> Store:
    """A new store at ``db`` with the example and the run fixtures ingested."""
    store = open_store(str(db))
    summary = ingest(INPUTS, store)
    assert summary.rejected == 0 and summary.added == 10
    return store


def analyses_json(store: Store, *, vectors: bool = True) -> dict[str, str]:
    """Article id -> its analysis as canonical JSON (without its sentence vectors, which
    linking adds to, when ``vectors`` is False)."""
    return {
        aid: json.dumps(
            dataclasses.asdict(a if vectors else dataclasses.replace(a, embeddings=())),
            sort_keys=True,
            default=str,
        )
        for aid, a in store.analyses()
    }


def stories_json(store: Store) -> str:
    """Every story dossier as canonical JSON."""
    return json.dumps(sorted(store.stories(), key=lambda s: s["id"]), sort_keys=True)


def story_membership(store: Store) -> Counter[str]:
    """How many stories each article id is listed in."""
    return Counter(aid for story in store.stories() for aid in story["article_ids"])


class CountingStore:
    """Wraps a store and records every ``put_analysis`` call: analyses committed by the
    analysis stage in ``puts``, the same analyses with sentence vectors added by linking
    (``run.local.embed_compared``) in ``vector_puts``."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.puts: list[str] = []
        self.vector_puts: list[str] = []

    def put_analysis(self, article_id: str, analysis: Analysis) -> None:
        before = self._store.get_analysis(article_id)
        if before is not None and _adds_vectors(before, analysis):
            self.vector_puts.append(article_id)
        else:
            self.puts.append(article_id)
        self._store.put_analysis(article_id, analysis)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _adds_vectors(before: Analysis, after: Analysis) -> bool:
    """Whether ``after`` is ``before`` with more sentence vectors and nothing else changed."""
    same = dataclasses.replace(after, embeddings=before.embeddings) == before
    return same and set(before.embeddings) < set(after.embeddings)


def kill_once(marker: str, articles: list[Article]) -> list[Analysis]:
    """Analyse a batch, but the first time any worker runs this, analyse one article and
    kill the worker process outright (no cleanup, as a crash or OOM kill would)."""
    if not os.path.exists(marker) and len(articles) > 1:
        analyze_batch(articles[:1])
        Path(marker).write_text(str(os.getpid()))
        os._exit(17)
    return analyze_batch(articles)


def slow_batch(articles: list[Article]) -> list[Analysis]:
    """Analyse a batch slowly, so a test can kill the client between batches."""
    result = analyze_batch(articles)
    time.sleep(0.4)
    return result
