"""Floors for the extraction and page-metadata measures on a subset of the real sets.

The product's own ingest path (``ingest_inputs``: JSONL reader, HTML extraction, cleaning,
deduplication, store) on the first 40 scrapinghub pages and the first 60 trafilatura pages,
scored by :mod:`corroborate.evaluate.extraction` against trafilatura's defaults in the same
run. Floors are the values measured on these subsets (see MEASURED) minus a small margin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import corroborate
from corroborate.evaluate import extraction as E
from corroborate.evaluate.table import Section
from corroborate.present.dossier import build_dossier
from corroborate.store import open_store

SCRAPINGHUB_PAGES = 40
TRAFILATURA_PAGES = 60
#: Measured on these subsets (ours, trafilatura) at the commit that set the floors.
MEASURED = {
    ("scrapinghub", "body shingle F1"): (0.964, 0.951),
    ("scrapinghub", "date exact"): (1.0, 1.0),  # 11 pages with a dated URL
    ("trafilatura", "body F1"): (0.958, 0.956),
    ("trafilatura", "title exact"): (0.833, 0.633),
    ("trafilatura", "date exact"): (0.883, 0.933),
}
F1_MARGIN = 0.02
SHARE_MARGIN = 0.04  # about two pages of 60


def _dossier(inputs: list[Path], db: Path) -> dict[str, Any]:
    corroborate.ingest_inputs([str(p) for p in inputs], db=db)
    with open_store(db) as store:
        return build_dossier(store)


@pytest.fixture(scope="module")
def sections(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Section]:
    if not (shared_dir / E.SCRAPINGHUB_DIR / "ground-truth.json").is_file():
        pytest.skip("scrapinghub pages not found under ../shared")
    if not (shared_dir / E.TRAFILATURA_DIR / "gold.jsonl").is_file():
        pytest.skip("trafilatura pages not found under ../shared")
    work = tmp_path_factory.mktemp("extraction")
    sh = E.prepare_scrapinghub(shared_dir, work / "sh", SCRAPINGHUB_PAGES)
    tr = E.prepare_trafilatura(shared_dir, work / "tr", TRAFILATURA_PAGES)
    return {
        "scrapinghub": E.score_scrapinghub(
            _dossier(sh, work / "sh.db"), shared_dir, SCRAPINGHUB_PAGES
        ),
        "trafilatura": E.score_trafilatura(
            _dossier(tr, work / "tr.db"), shared_dir, TRAFILATURA_PAGES
        ),
    }


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("corpus", "metric"), sorted(MEASURED))
def test_floor(sections: dict[str, Section], corpus: str, metric: str) -> None:
    rows = {r.metric: r for r in sections[corpus].rows}
    row = rows[metric]
    ours, _ = MEASURED[(corpus, metric)]
    margin = F1_MARGIN if "F1" in metric else SHARE_MARGIN
    assert row.ours is not None and row.ours >= ours - margin, row
