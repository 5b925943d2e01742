"""A 20-article story's report stays under 1 MB (issue: one page once held a whole store).

The story is generated: 20 articles of about 4,000 characters (longer than ECB+'s average,
as long as the seeds), each with entity mentions, figures, quotes, dates and claims in the
proportions the analysis produces on real stories (most claims single-source)."""

from __future__ import annotations

import random
from typing import Any

from corroborate.present.report import render_report

ARTICLES = 20
LIMIT = 1024 * 1024
WORDS = [
    "harbour",
    "council",
    "ferry",
    "storm",
    "pier",
    "engineers",
    "closed",
    "inspected",
    "repairs",
    "crews",
]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _story(seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    articles, spans = [], {}
    for i in range(ARTICLES):
        sentences, offsets, pos = [], [], 0
        while pos < 4000:
            text = _sentence(rng, rng.randint(12, 24))
            sentences.append(text)
            offsets.append((pos, pos + len(text)))
            pos += len(text) + 1
        aid = f"feed-{i:02d}"
        articles.append(
            {
                "id": aid,
                "path": f"/data/wire/feed.jsonl:{i + 1}",
                "outlet": f"Regional Outlet Number {i}",
                "title": _sentence(rng, 8),
                "published": "2025-03-11",
                "text": " ".join(sentences),
            }
        )
        spans[aid] = offsets

    def ev(aid: str, k: int, width: int | None = None) -> dict[str, Any]:
        start, end = spans[aid][k % len(spans[aid])]
        return {"article_id": aid, "start": start, "end": start + width if width else end}

    ids = [a["id"] for a in articles]
    entities = [
        {
            "id": f"E{e}",
            "name": f"Person {e}",
            "type": "PERSON",
            "aliases": [],
            "roles": [],
            "mentions": [ev(a, e * 3 + j, 6) for a in ids for j in range(2)],
        }
        for e in range(15)
    ]
    figures = [
        {
            "id": f"F{f}",
            "measure": "close — days",
            "subject": None,
            "unit": "days",
            "verdict": "conflict" if f < 5 else "single_source",
            "reports": [
                {**ev(a, f * 5 + 1, 9), "text": "x", "low": float(f + k), "high": float(f + k)}
                for k, a in enumerate(ids if f < 5 else ids[f % ARTICLES : f % ARTICLES + 1])
            ],
        }
        for f in range(60)
    ]
    claims = []
    for c in range(340):
        shared = c < 50
        members = rng.sample(ids, rng.randint(2, 8)) if shared else [ids[c % ARTICLES]]
        claims.append(
            {
                "id": f"claim-{c}",
                "text": _sentence(rng, 18),
                "verdict": ("contested" if c < 8 else "corroborated")
                if shared
                else "single_source",
                "support": [ev(a, c) for a in members],
                "explanation": "reported by several outlets"
                if shared
                else "reported by one outlet",
            }
        )
    quotes = [
        {
            "id": f"Q{q}",
            "speaker": f"E{q % 15}",
            "speaker_name": f"Person {q % 15}",
            "text": _sentence(rng, 12),
            "kind": ("direct", "partial", "reported")[q % 3],
            "reports": [ev(ids[(q + k) % ARTICLES], q + 2) for k in range(3)],
        }
        for q in range(40)
    ]
    timeline = [
        {
            "date": f"2025-03-{d + 1:02d}",
            "precision": "day",
            "description": _sentence(rng, 10),
            "reports": [{**ev(a, d + 4, 7), "expression": "on Monday"} for a in ids[:6]],
        }
        for d in range(10)
    ]
    story = {
        "id": "s1",
        "title": "Harbour closed",
        "article_ids": ids,
        "entities": entities,
        "figures": figures,
        "claims": claims,
        "quotes": quotes,
        "timeline": timeline,
    }
    return {
        "schema": "corroborate/dossier@1",
        "articles": articles,
        "rejected": [],
        "stories": [story],
    }


def test_a_twenty_article_story_fits_in_a_megabyte() -> None:
    dossier = _story()
    page = render_report(dossier)
    text = sum(len(a["text"]) for a in dossier["articles"])
    assert text > 75_000
    size = len(page.encode("utf-8"))
    assert size <= LIMIT, f"{size / 1024:.0f} KB for {ARTICLES} articles"
