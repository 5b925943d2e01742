"""End-to-end tests of the command line on the bundled example and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.present.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tarsk-port-strike"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _dossier(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))


def test_analyze_example_writes_dossier(runner: CliRunner, tmp_path: Path) -> None:
    db, out = tmp_path / "c.db", tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    dossier = _dossier(out / "dossier.json")
    assert dossier["schema"] == "corroborate/dossier@1"
    assert dossier["rejected"] == []
    outlets = {a["outlet"] for a in dossier["articles"]}
    assert outlets == {"Harbour Daily", "Northern Wire", "Coastal Gazette"}
    by_outlet = {a["outlet"]: a for a in dossier["articles"]}
    # The JSONL article keeps its own id; the HTML page its metadata date.
    assert by_outlet["Coastal Gazette"]["id"] == "coastal-gazette-2025-0312-strike"
    assert by_outlet["Northern Wire"]["published"] == "2025-03-11"
    assert by_outlet["Northern Wire"]["published_source"] == "metadata"
    # The dump is cleaned: furniture gone, every paragraph kept.
    dump = by_outlet["Harbour Daily"]["text"]
    assert "Loading..." not in dump and "READ MORE" not in dump and "02:15" not in dump
    assert "Turn on desktop alerts" not in dump
    assert "Talks are due to resume next Friday." in dump
    assert '"We have been patient for two years. Our patience is over," Sokolov said.' in dump
    for article in dossier["articles"]:
        assert article["language"] == "en"
        assert set(article) >= {
            "id",
            "path",
            "url",
            "outlet",
            "title",
            "published",
            "published_source",
            "language",
            "text",
            "duplicate_ids",
        }


def test_reingest_adds_nothing(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    first = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "3 added" in first.output
    second = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "0 added" in second.output
    out = tmp_path / "d.json"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    assert len(_dossier(out)["articles"]) == 3


def test_bad_inputs_are_rejected_and_the_batch_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "inputs"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (bad / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (bad / "broken.jsonl").write_text('{"text": "unterminated\n', encoding="utf-8")
    db, out = tmp_path / "c.db", tmp_path / "out"
    args = ["analyze", str(EXAMPLE), str(bad), str(tmp_path / "missing.html")]
    result = runner.invoke(app, [*args, "--db", str(db), "--out", str(out)])
    assert result.exit_code == 1, result.output
    dossier = _dossier(out / "dossier.json")
    assert len(dossier["articles"]) == 3
    rejected = {Path(r["path"].split(":")[0]).name: r["reason"] for r in dossier["rejected"]}
    assert {"empty.txt", "binary.txt", "scan.pdf", "broken.jsonl", "missing.html"} <= set(rejected)
    assert all(reason for reason in rejected.values())
    assert "rejected" in result.output


def test_unknown_store_url_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", "mysql://nowhere/x", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "error" in result.output


def test_analyze_runner_dask_matches_local(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra (dask[distributed]) is not installed")
    results = {}
    for kind in ("local", "dask"):
        db, out = tmp_path / f"{kind}.db", tmp_path / kind
        args = ["analyze", str(EXAMPLE), "--db", str(db), "--out", str(out), "--runner", kind]
        if kind == "dask":
            args += ["--workers", "1"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "analysed 3 articles" in result.output
        results[kind] = _dossier(out / "dossier.json")
    assert results["dask"]["stories"] == results["local"]["stories"]


def test_scheduler_needs_the_dask_runner(runner: CliRunner, tmp_path: Path) -> None:
    args = ["analyze", str(EXAMPLE), "--db", str(tmp_path / "c.db"), "--out", str(tmp_path)]
    result = runner.invoke(app, [*args, "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "--scheduler needs --runner dask" in result.output


def test_watch_command_reports_an_unreadable_feed_list(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "feeds.txt"
    result = runner.invoke(app, ["watch", str(missing), "--db", str(tmp_path / "w.db"), "--once"])
    assert result.exit_code == 2
    assert "cannot read the feed list" in result.output


def test_dossier_carries_analysis_notes(runner: CliRunner, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "greve.jsonl").write_text(
        json.dumps(
            {
                "id": "pt-greve",
                "outlet": "Diário do Porto",
                "title": "Greve no porto entra no terceiro dia",
                "text": "A polícia deteve mais de duzentos estivadores na segunda-feira, "
                "disse o sindicato dos trabalhadores do porto. O ministro dos Transportes "
                "afirmou que a greve é ilegal e que o governo vai pedir uma ordem judicial "
                "para reabrir o terminal de contentores, o maior do país.",
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    db, out = tmp_path / "c.db", tmp_path / "out"
    args = ["analyze", str(EXAMPLE), str(inputs), "--db", str(db), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    by_id = {a["id"]: a for a in _dossier(out / "dossier.json")["articles"]}
    assert by_id["pt-greve"]["language"] == "pt"
    assert by_id["pt-greve"]["notes"][0].startswith("not analysed")
    assert "not analysed" not in str(by_id["coastal-gazette-2025-0312-strike"].get("notes"))


def test_ingest_says_how_many_pages_were_kept_from_their_headline(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A paywalled page with a news headline is added from its headline, and the summary
    line says so; a page with no headline worth the name is rejected with its reason."""
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "title": "Two dock workers hurt as crane collapses", "text": "Log in to read"},
        {"id": "b", "title": "Page Not Found", "text": "Log in to read"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(feed), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1, result.output  # an input was rejected
    assert "1 added (1 from the headline alone" in result.output
    assert "rejected" in result.output and "feed.jsonl:2" in result.output
