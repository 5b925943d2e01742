"""The quality harness end to end on ~20 articles per corpus (what CI runs of it).

It must run every measure through ``analyze_inputs`` and score it: a scorer error fails here.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.shared
@pytest.mark.slow
def test_harness_smoke_scores_every_measure(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "quality.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "quality.py"), "--smoke", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    names = {s["name"].split("/")[0] for s in results["sections"]}
    assert names == {"stories", "entities", "claims", "extraction", "figures", "speed"}
    assert set(results["corpora"]) >= {"ecbplus", "gvc", "gvc-undated", "meantime", "claims"}
    undated = [s for s in results["sections"] if s["name"] == "stories/gvc-undated"]
    assert undated and any(r["metric"] == "B3 F1 (all)" for r in undated[0]["rows"])
    for section in results["sections"]:
        assert section["rows"], section["name"]
        for row in section["rows"]:
            for key in ("ours", "baseline"):
                value = row[key]
                assert value is None or math.isfinite(value), (section["name"], row)
    # the printed table carries every section
    assert "stories" in done.stdout and "claims" in done.stdout
