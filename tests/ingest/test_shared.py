"""Real inputs from ../shared: the seed dumps and a few benchmark pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corroborate.ingest import read_inputs


@pytest.mark.shared
def test_seeds_read_as_three_text_documents(seeds_dir: Path, split: Any) -> None:
    docs, rejected = split(read_inputs([str(seeds_dir)]))
    assert not rejected
    assert len(docs) == 3
    assert all(d.format == "text" and d.needs_cleaning and d.text for d in docs)


@pytest.mark.shared
def test_benchmark_pages_extract_bodies(shared_dir: Path, split: Any) -> None:
    html = shared_dir / "data" / "extraction" / "scrapinghub" / "html"
    if not html.is_dir():
        pytest.skip(f"scrapinghub pages not found at {html}")
    pages = sorted(html.glob("*.html.gz"))[:5]
    docs, rejected = split(read_inputs([str(p) for p in pages]))
    assert not rejected and len(docs) == 5
    for doc in docs:
        assert doc.format == "html" and not doc.needs_cleaning
        assert doc.text and len(doc.text) > 300
        assert doc.title and doc.url and doc.url.startswith("http")
