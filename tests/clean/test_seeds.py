"""Acceptance on the three real seed dumps in ../shared (skipped when absent).

No seed text is copied here: expectations name 1-based line numbers of the seed files.
Every non-blank line not listed as furniture must survive verbatim (whitespace
normalised) as its own paragraph, in order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.clean import clean_document
from corroborate.clean.boilerplate import normalise_line
from corroborate.types import Article, RawDocument

pytestmark = pytest.mark.shared

# seed prefix -> (furniture line numbers, headline line number or None)
EXPECTED: dict[str, tuple[set[int], int | None]] = {
    # app/watch promos, a video teaser (title + line ending in a duration), a caption
    # title + caption with slash credit, a second teaser, the closing app promo block
    "000": ({1, 5, 6, 26, 27, 41, 49, 50, 51, 52, 53}, 3),
    # caption, lone credit, repeated caption, READ MORE x4, Loading... x3,
    # subheadings / widget labels, captions after credits, stray "Route" widget
    "002": ({5, 6, 8, 16, 18, 20, 30, 32, 34, 42, 44, 52, 54, 56, 68, 70, 72, 84}, 1),
    "004": (set(), None),
}


def _seed(seeds_dir: Path, prefix: str) -> tuple[list[str], Article]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    art = clean_document(RawDocument(source=str(path), format="text", text=text))
    assert isinstance(art, Article), art
    return text.splitlines(), art


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_keeps_every_paragraph_and_drops_furniture(seeds_dir: Path, prefix: str) -> None:
    lines, art = _seed(seeds_dir, prefix)
    furniture, headline = EXPECTED[prefix]
    expected = [
        normalise_line(line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and number not in furniture
    ]
    if prefix == "004":  # the leading date marker is stripped from the first line
        expected[0] = expected[0].split(" ", 2)[2]
    assert art.text.split("\n\n") == expected
    for number in furniture:
        assert normalise_line(lines[number - 1]) not in art.text.split("\n\n")
    if headline is not None:
        assert art.title == normalise_line(lines[headline - 1])
        assert art.text.split("\n\n")[0] == art.title
    assert art.cleaning is not None and art.cleaning.removed_lines == len(furniture)


def test_seed_000_outlet_from_self_references(seeds_dir: Path) -> None:
    _, art = _seed(seeds_dir, "000")
    assert art.outlet == "CBS News"
    assert art.language == "en"


def test_seed_004_date_from_text(seeds_dir: Path) -> None:
    _, art = _seed(seeds_dir, "004")
    assert (art.published, art.published_source) == ("2021-02-09", "text")
    assert not art.text.lstrip().lower().startswith("date")


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_seed_dates_inferred(seeds_dir: Path, prefix: str) -> None:
    _, art = _seed(seeds_dir, prefix)
    assert art.published_source == "inferred"
    assert art.published == "2021-02-09"
