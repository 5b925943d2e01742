"""Hostile inputs: each one costs only itself, never the batch (issue 13)."""

from __future__ import annotations

import gzip
import json
import os
import socket
import sys
from pathlib import Path

import pytest

from corroborate.ingest import read_inputs
from corroborate.ingest.base import Skipped
from corroborate.ingest.limits import MAX_TEXT_CHARS
from corroborate.run.local import ingest
from corroborate.store import open_store
from corroborate.types import RawDocument, Rejection

GOOD = (
    "The ferry service resumed on Friday after the harbour was dredged, the operator said. "
    "The dredging took six weeks and cost more than planned, the port authority reported."
)


@pytest.fixture(scope="module")
def hostile_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "hostile"


def _good(folder: Path) -> Path:
    path = folder / "good.txt"
    path.write_text(GOOD + " Crossings run every hour again.\n")
    return path


def _kinds(items: list[object]) -> list[str]:
    return [type(i).__name__ for i in items]


def test_deeply_nested_json_line_is_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": GOOD}) + "\n")
    items = list(read_inputs([str(deep), str(_good(tmp_path))]))
    assert _kinds(items) == ["Rejection", "RawDocument", "RawDocument"]
    assert isinstance(items[0], Rejection) and "nested too deeply" in items[0].reason
    assert items[0].path == f"{deep}:1"


def test_truncated_gzip_page_is_a_rejection(hostile_dir: Path, tmp_path: Path) -> None:
    page = hostile_dir / "truncated_page.html.gz"
    items = list(read_inputs([str(page), str(_good(tmp_path))]))
    assert _kinds(items) == ["Rejection", "RawDocument"]
    assert isinstance(items[0], Rejection)
    assert "truncated or damaged gzip" in items[0].reason


def test_lone_surrogate_is_replaced_and_stored(hostile_dir: Path, tmp_path: Path) -> None:
    with open_store(str(tmp_path / "c.db")) as store:
        summary = ingest([str(hostile_dir / "surrogate_title.jsonl")], store)
        titles = sorted(a.title or "" for a in store.articles())
    assert summary.added == 2 and summary.rejected == 0
    assert "Bad \ufffd title" in titles


def test_nul_and_surrogates_never_reach_a_document(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": GOOD + "\x00 \udfff", "outlet": "A\x00B"}) + "\n")
    (doc,) = list(read_inputs([str(path)]))
    assert isinstance(doc, RawDocument)
    assert doc.outlet == "AB" and "\x00" not in (doc.text or "") and "\ufffd" in (doc.text or "")


def test_an_integer_too_long_to_convert_is_a_rejection(hostile_dir: Path) -> None:
    (item,) = list(read_inputs([str(hostile_dir / "number_too_long.jsonl")]))
    assert isinstance(item, Rejection) and "unreadable JSON value" in item.reason


def test_gz_name_on_plain_text_is_a_rejection(hostile_dir: Path) -> None:
    (item,) = list(read_inputs([str(hostile_dir / "not_gzip.txt.gz")]))
    assert isinstance(item, Rejection) and "not gzip" in item.reason


def test_long_text_is_rejected_up_front_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    sentence = "The harbour board met again to discuss the budget for the new quay. "
    path.write_text(sentence * (MAX_TEXT_CHARS // len(sentence) + 10))
    with open_store(str(tmp_path / "c.db")) as store:
        rejected: list[Rejection] = []
        summary = ingest([str(path), str(_good(tmp_path))], store, on_reject=rejected.append)
        assert store.count_articles() == 1
    assert summary.added == 1 and summary.rejected == 1
    assert "over the limit of 1,000,000 per article" in rejected[0].reason


def test_gzip_bomb_file_is_capped(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as out:
        out.write(b"<html><body><p>")
        block = b"a" * (1 << 20)
        for _ in range(40):  # 40 MB inflated, from about 40 KB
            out.write(block)
    (item,) = list(read_inputs([str(bomb)]))
    assert isinstance(item, Rejection)
    assert "larger than the 16 MB limit for one document once decompressed" in item.reason


def test_long_jsonl_line_is_skipped_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.ingest import jsonl

    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 1000)
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": GOOD}) + "\n")
    items = list(read_inputs([str(path)]))
    assert _kinds(items) == ["Rejection", "RawDocument"]
    assert isinstance(items[0], Rejection) and "longer than the" in items[0].reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_special_files_symlink_loops_and_hidden_entries_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    os.mkfifo(folder / "pipe")
    (folder / "loop").symlink_to(folder)
    (folder / "self").symlink_to(folder / "self")
    (folder / "dangling").symlink_to(folder / "nowhere")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.txt").write_text(GOOD)
    sock = socket.socket(socket.AF_UNIX)
    sock_path = folder / "sock"
    if len(str(sock_path)) < 100:
        sock.bind(str(sock_path))
    try:
        items = list(read_inputs([str(folder), str(folder / "pipe")]))
    finally:
        sock.close()
    by_name = {Path(getattr(i, "path", getattr(i, "source", ""))).name: i for i in items}
    assert isinstance(by_name["good.txt"], RawDocument)
    assert "symbolic link loop" in getattr(by_name["loop"], "reason", "")
    assert "symbolic link loop" in getattr(by_name["self"], "reason", "")
    assert "broken symbolic link" in getattr(by_name["dangling"], "reason", "")
    assert "named pipe (FIFO)" in getattr(by_name["pipe"], "reason", "")
    assert isinstance(by_name[".cache"], Skipped)
    if len(str(sock_path)) < 100:
        assert "socket" in getattr(by_name["sock"], "reason", "")
    assert sum(isinstance(i, RawDocument) for i in items) == 1


def test_undecodable_file_name_is_stored(tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("needs a file system that takes any bytes in names")
    name = os.fsdecode(b"caf\xe9-\x1b[2J.txt")  # latin-1 byte and an escape sequence
    (tmp_path / name).write_text("")
    with open_store(str(tmp_path / "c.db")) as store:
        summary = ingest([str(tmp_path / name)], store)
        paths = [r.path for r in store.rejections()]
    assert summary.rejected == 1 and "\ufffd" in paths[0]
