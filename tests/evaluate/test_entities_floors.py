"""Floors for the entities measure, and a board free of clock times, scores and years, on
ECB+ dev (``../shared/data/ecbplus/dev.jsonl``, 772 articles: about three minutes on 2
cores) and MEANTIME (``meantime/en.jsonl``, 120 articles, the whole set: about a minute).

The product's own path (``analyze_inputs`` on the corpus file, default settings, a fresh
store), scored by :func:`corroborate.evaluate.entities.score_entities` exactly as
``bench/quality.py --only entities`` does. Floors are the values measured at the commit
that set them (MEASURED) less a margin (the cross-story registry depends on story order,
which upstream stages may move). The entity rules were calibrated on ECB+ and MEANTIME
together (docs/entity-resolution.md, harness rounds), so these are in-sample figures. The
same run's verdict board is scanned by :func:`corroborate.evaluate.board.board_noise`
(docs/figures.md, "Beyond GVC").
Under ``CI=1`` a missing data set fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import corroborate
from corroborate.evaluate.board import board_noise
from corroborate.evaluate.entities import gold_mentions, score_entities
from corroborate.evaluate.table import Section

#: Measured through analyze_inputs (bench/quality.py --only entities) when the floors were
#: set. MEANTIME: first harness round named 0.706 -> 0.759, all 0.511 -> 0.540; second
#: round 0.762 / 0.540; short organisation names, acronyms either way, country prefixes
#: and legal-form initials (2026-12-07) 0.776 / 0.547. ECB+ dev: third round
#: (docs/entity-resolution.md, at ac39716), named 0.703 -> 0.725 (issue 10's target
#: 0.72), all 0.567 -> 0.580. Unnamed participants (2026-12-07, link/unnamed.py): all
#: ECB+ 0.584 -> 0.636, MEANTIME 0.548 -> 0.595, named unchanged.
MEASURED = {
    "ecbplus": {"CoNLL F1 (named)": 0.725, "CoNLL F1 (all)": 0.636},
    "meantime": {"CoNLL F1 (named)": 0.776, "CoNLL F1 (all)": 0.595},
}
MARGIN = 0.015
FILES = {"ecbplus": "ecbplus/dev.jsonl", "meantime": "meantime/en.jsonl"}


@pytest.fixture(scope="module", params=sorted(FILES))
def run(
    request: pytest.FixtureRequest, shared_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Section, dict[str, Any]]:
    corpus: str = request.param
    path = shared_dir / "data" / FILES[corpus]
    if not path.is_file():
        pytest.skip(f"{corpus} data not found at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    work = tmp_path_factory.mktemp(f"entities-{corpus}")
    user = work / f"{corpus}.jsonl"
    keep = ("id", "title", "text", "html", "published", "url", "outlet")  # a user's fields
    user.write_text(
        "".join(
            json.dumps({k: r[k] for k in keep if r.get(k) is not None}, ensure_ascii=False) + "\n"
            for r in rows
        ),
        encoding="utf-8",
    )
    result = corroborate.analyze_inputs(
        [str(user)], db=work / "store.db", out=work / "out", processes=2
    )
    texts = {str(r["id"]): r["text"] for r in rows}
    return score_entities(result.dossier, gold_mentions(rows), texts, corpus), result.dossier


@pytest.fixture
def section(run: tuple[Section, dict[str, Any]]) -> Section:
    return run[0]


@pytest.mark.slow
@pytest.mark.parametrize("metric", ["CoNLL F1 (all)", "CoNLL F1 (named)"])
def test_entities_floor(section: Section, metric: str) -> None:
    corpus = section.name.split("/", 1)[1]
    value = next(r.ours for r in section.rows if r.metric == metric)
    floor = MEASURED[corpus][metric] - MARGIN
    assert value >= floor, (corpus, metric, value, MEASURED[corpus][metric])


@pytest.mark.slow
def test_the_board_holds_no_clock_time_score_or_year(run: tuple[Section, dict[str, Any]]) -> None:
    """Issue 11's off-board kinds, on corpora outside GVC (sports, show business, business
    news): at 909634e the ECB+ dev board held 31 clock times ("3 p. m."), 37 scores and 4
    years; MEANTIME none."""
    section, dossier = run
    noise = board_noise(dossier)
    assert not noise, (section.name, noise[:10])


#: Ceilings on the board's ``conflict`` groups (docs/verdicts.md, "False conflicts"): read by
#: hand, 36 of ECB+ dev's 48 were false before rule 7 and 42 remained after it (at 5708be3),
#: 36 after the second reading's partitives, grades and misreadings (at b14a02a, all 12 true
#: ones kept), 33 after classes of people and "both" (at 409ec1e, the 12 kept), 24 after
#: game statistics (11 of the 12 kept: a career total, 2,302 against 2,301 points, lost);
#: MEANTIME held 5 (market moves of different days in one story), then 3.
MAX_CONFLICTS = {"ecbplus": 27, "meantime": 5}


@pytest.mark.slow
def test_the_board_holds_few_conflicts(run: tuple[Section, dict[str, Any]]) -> None:
    section, dossier = run
    corpus = section.name.split("/", 1)[1]
    conflicts = [g for s in dossier["stories"] for g in s["figures"] if g["verdict"] == "conflict"]
    assert len(conflicts) <= MAX_CONFLICTS[corpus], (corpus, len(conflicts))
