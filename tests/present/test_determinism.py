"""The same inputs give a byte-identical ``dossier.json``: the pipeline runs twice, in two
processes with different string-hash seeds (so any order taken from a set or a dict of
strings shows), on fresh stores. Marked ``slow``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tarsk-port-strike"

pytestmark = pytest.mark.slow


def _run(tmp: Path, seed: str) -> bytes:
    out = tmp / f"out-{seed}"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    cmd = [sys.executable, "-m", "corroborate.present.cli.main", "analyze", str(EXAMPLE)]
    cmd += ["--db", str(tmp / f"c-{seed}.db"), "--out", str(out)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return (out / "dossier.json").read_bytes()


def test_dossier_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first = _run(tmp_path, "1")
    second = _run(tmp_path, "2")
    assert first == second
