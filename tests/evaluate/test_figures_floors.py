"""Floors for the figures measure on real GVC incidents (``../shared/data/gvc``).

The product's own path (``analyze_inputs`` with default settings on a fresh store) on the
*dev* sample of ``bench/figures_dev.py`` (150 GVC dev incidents with facts, 276 articles,
seeded), scored by :func:`corroborate.evaluate.figures.score_gvc_figures` as the harness
does. Floors are the values measured when they were set (MEASURED) less a margin of a few
incidents. Under ``CI=1`` a missing data set fails the test.

Injured none when 0 was 0.933 (42/45) at 3a5c80a; it is 0.867 (39/45) since the counting
work measured on *all* GVC dev incidents (docs/figures.md, "Calibration": there it rose from
0.878 to 0.886, and injured stated from 0.685 to 0.734). The three incidents this sample
lost are victims the archive counts dead whom every stored article reports only shot: a
death reported three months later and one a week later (outside the 3-day window of the
compare stage), and a headline-only page ("... after shooting brother") over a registration
wall. The floor follows the measure on the full set, not this sample's three incidents.
At c4d5c4a it is 0.889 (40/45; outcomes counted together, victims found wounded where as
many were killed, "died after she was wounded"), and the floor rose from 0.82 to 0.84.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import corroborate
from corroborate.evaluate.figures import gvc_sample, score_gvc_figures
from corroborate.evaluate.table import Section
from tests.user_inputs import write_user_jsonl

#: Measured through analyze_inputs when the floors were set (incidents in brackets).
MEASURED = {
    "killed stated": 0.872,  # 75/86
    "injured stated": 0.667,  # 70/105
    "killed none when 0": 0.984,  # 63/64
    "injured none when 0": 0.889,  # 40/45
}
FLOORS = {
    "killed stated": 0.83,
    "injured stated": 0.62,
    "killed none when 0": 0.95,
    "injured none when 0": 0.84,
}


@pytest.fixture(scope="module")
def section(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Section:
    gvc = shared_dir / "data" / "gvc"
    if not (gvc / "dev.jsonl").is_file():
        pytest.skip(f"GVC data not found in {gvc}")
    records, facts = gvc_sample(gvc)
    work = tmp_path_factory.mktemp("gvc")
    path = work / "sample.jsonl"
    write_user_jsonl(records, path)  # what a user has: no gold incident
    result = corroborate.analyze_inputs([str(path)], db=work / "store.db", processes=2)
    return score_gvc_figures(result.dossier, facts, {r["id"]: r["story"] for r in records})


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_figures_floor(section: Section, metric: str) -> None:
    value = next(r.ours for r in section.rows if r.metric == metric)
    assert value is not None and value >= FLOORS[metric], (metric, value, MEASURED[metric])
