"""The command line on hostile inputs: names with console markup or escape sequences are
printed inert, a bad input costs only itself (exit 1), hidden entries are noted."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

from corroborate.present.cli.main import app, printable

GOOD = (
    "The ferry service resumed on Friday after the harbour was dredged, the operator said. "
    "The dredging took six weeks and cost more than planned, the port authority reported. "
    "Crossings run every hour again, and the evening boat returns next month."
)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "x[").mkdir()
    (folder / "x[" / "italic]e.txt").write_text("")  # printed x[/italic]e.txt: markup
    (folder / "y\x1b[31mred\x1b]0;title\x07.txt").write_text("")  # ANSI + OSC sequences
    (folder / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    page = b"<html><body><p>" + " ".join(str(n * n) for n in range(3000)).encode()
    (folder / "cut.html.gz").write_bytes(gzip.compress(page)[:2000])
    (folder / "bad.jsonl").write_text(
        json.dumps({"title": "\udfff", "text": GOOD}, ensure_ascii=True)
    )
    (folder / ".hidden.txt").write_text(GOOD)
    return folder


def test_bad_inputs_cost_only_themselves(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    args = ["ingest", str(folder), "--db", str(tmp_path / "c.db")]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "2000"})
    out = result.output
    assert result.exit_code == 1, out  # some rejected, the rest stored
    assert "Aborted" not in out and "Traceback" not in out
    assert "x[/italic]e.txt" in out  # printed as is, not read as markup
    assert "\x1b" not in out and "\x07" not in out
    assert "y?[31mred?]0;title?.txt" in out
    assert "nested too deeply" in out and "truncated or damaged gzip" in out
    assert "skipped " in out and ".hidden.txt: hidden file skipped" in out
    # good.txt, and bad.jsonl (its surrogate replaced; same text, so merged into it)
    assert "1 added, 1 merged" in out
    assert "4 rejected" in out and "1 hidden entries skipped" in out


def test_printable_strips_controls_and_bidi() -> None:
    assert printable("a\x1b[2Jb\rc\x9bd\u202ee") == "a?[2Jb?c?d?e"
    assert printable("caf\udce9") == "caf\ufffd"
    assert printable("plain [bold]x[/]") == "plain [bold]x[/]"
