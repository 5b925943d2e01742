"""JSONL exports and RSS/Atom feeds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corroborate.ingest import read_file, read_inputs
from corroborate.ingest.jsonl import read_jsonl
from corroborate.types import RawDocument


def test_jsonl_lines_and_broken_lines(ingest_dir: Path, split: Any) -> None:
    path = ingest_dir / "articles.jsonl"
    docs, rejected = split(read_file(path))
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:7"]
    first, second, third = docs
    assert first.id == "vel-001" and first.format == "jsonl" and first.needs_cleaning
    assert first.outlet == "Velmark Post" and first.published == "2023-05-04"
    assert first.url == "https://example.net/a" and first.title == "City hall closes Friday"
    # html given: extracted, the given fields win over the page's own
    assert second.id == "42" and not second.needs_cleaning and second.format == "jsonl"
    assert second.outlet == "Courier (JSONL)" and second.text and "4,200 residents" in second.text
    assert second.url == "https://courier.example.org/news/2023/03/14/flood-barrier"
    assert third.id is None and third.needs_cleaning
    by_path = {r.path: r.reason for r in rejected}
    assert set(by_path) == {f"{path}:3", f"{path}:5", f"{path}:6"}
    assert by_path[f"{path}:3"].startswith("line 3: invalid JSON (")
    assert "expected a JSON object, got list" in by_path[f"{path}:5"]
    assert "no non-empty 'text' or 'html'" in by_path[f"{path}:6"]


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    """The reader pulls lines lazily: a huge file is never loaded whole."""
    pulled: list[int] = []

    class Lines:
        def __init__(self) -> None:
            self.n = 0

        def readline(self, limit: int = -1) -> bytes:
            pulled.append(self.n)
            self.n += 1
            record = {"text": f"Article number {self.n} about the harbour."}
            return json.dumps(record).encode() + b"\n"

    stream = read_jsonl(Lines(), "big.jsonl")  # type: ignore[arg-type]
    first = [next(stream) for _ in range(3)]
    assert all(isinstance(d, RawDocument) for d in first)
    assert len(pulled) <= 4


def test_jsonl_non_utf8_line_and_empty_file(tmp_path: Path, split: Any) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        json.dumps({"text": "Fine line about a new tram depot."}).encode()
        + b"\n"
        + '{"text": "caf\xe9"}'.encode("latin-1")
        + b"\n"
    )
    docs, rejected = split(read_file(path))
    assert len(docs) == 1 and len(rejected) == 1
    assert rejected[0].path == f"{path}:2" and "not UTF-8" in rejected[0].reason
    empty = tmp_path / "blank.jsonl"
    empty.write_text("\n\n")
    _, rejected = split(read_file(empty))
    assert len(rejected) == 1 and "empty" in rejected[0].reason


def test_rss_entries_with_content_and_summary_only(ingest_dir: Path, split: Any) -> None:
    path = ingest_dir / "feed.rss"
    docs, rejected = split(read_file(path))
    assert not rejected
    assert [d.source for d in docs] == [f"{path}#entry-1", f"{path}#entry-2"]
    full, short = docs
    assert full.format == "rss" and not full.needs_cleaning
    assert full.outlet == "Velmark Evening Post" and full.language == "en"
    assert full.title == "Bridge inspection finds cracks in two pillars"
    assert full.url == "https://post.example.net/news/bridge-cracks"
    assert full.published == "Wed, 08 Nov 2023 17:45:00 GMT"
    assert full.text and "23,000 vehicles" in full.text and "<p>" not in full.text
    assert "\n\n" in full.text  # paragraphs kept apart
    assert short.text == "The central library will open on Sundays from December."


def test_atom_entry(ingest_dir: Path, split: Any) -> None:
    docs, rejected = split(read_inputs([str(ingest_dir / "feed.atom")]))
    assert not rejected and len(docs) == 1
    doc = docs[0]
    assert doc.format == "atom" and doc.outlet == "Northshore Daily"
    assert doc.author == "Lene Okafor" and doc.published == "2024-05-02T11:00:00Z"
    assert doc.text and "400 passengers" in doc.text


def test_feed_without_entries_is_rejected(tmp_path: Path, split: Any) -> None:
    path = tmp_path / "empty.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>'
    )
    docs, rejected = split(read_file(path))
    assert not docs and "no entries" in rejected[0].reason
