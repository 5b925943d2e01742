"""Local files: sniffing, text, HTML, bad inputs, discovery."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from corroborate.ingest import read_file, read_inputs
from corroborate.ingest.base import Skipped
from corroborate.types import RawDocument, Rejection


def one(path: Path) -> RawDocument | Rejection:
    items = list(read_file(path))
    assert len(items) == 1, items
    return items[0]


def test_text_dump_kept_raw_for_the_cleaner(ingest_dir: Path) -> None:
    doc = one(ingest_dir / "noext_text")
    assert isinstance(doc, RawDocument)
    assert doc.format == "text" and doc.needs_cleaning
    assert doc.text is not None and doc.text.startswith("Skip to content")  # not cleaned here
    assert "1,800 drivers" in doc.text


def test_html_page_extracts_body_and_metadata(ingest_dir: Path) -> None:
    doc = one(ingest_dir / "article_page.html")
    assert isinstance(doc, RawDocument)
    assert doc.format == "html" and not doc.needs_cleaning
    assert doc.text is not None and "4,200 residents" in doc.text
    assert "Cookie settings" not in doc.text and "Subscribe now" not in doc.text
    assert doc.title == "Port Alvena council approves flood barrier"
    assert doc.outlet == "The Alvena Courier"
    assert doc.author == "Marta Kellow"
    assert doc.published == "2023-03-14"
    assert doc.language == "en"
    assert doc.url == "https://courier.example.org/news/2023/03/14/flood-barrier"
    assert doc.html is None


def test_txt_that_is_html_goes_to_the_html_reader(ingest_dir: Path) -> None:
    doc = one(ingest_dir / "html_in_txt.txt")
    assert isinstance(doc, RawDocument) and doc.format == "html"
    assert doc.text is not None and "312 children" in doc.text
    assert "Copyright Brennwald" not in doc.text


def test_file_without_extension_is_sniffed(ingest_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "page"
    shutil.copy(ingest_dir / "article_page.html", page)
    doc = one(page)
    assert isinstance(doc, RawDocument) and doc.format == "html"
    text = one(ingest_dir / "noext_text")
    assert isinstance(text, RawDocument) and text.format == "text"


def test_gzipped_html_is_read(ingest_dir: Path, tmp_path: Path) -> None:
    import gzip

    target = tmp_path / "page.html.gz"
    target.write_bytes(gzip.compress((ingest_dir / "article_page.html").read_bytes()))
    doc = one(target)
    assert isinstance(doc, RawDocument) and doc.text and "Ressel estuary" in doc.text


def test_latin1_text_is_decoded(ingest_dir: Path) -> None:
    doc = one(ingest_dir / "article_latin1.txt")
    assert isinstance(doc, RawDocument)
    assert doc.text is not None and "Hélène Dufresnoy" in doc.text and "coûteraient" in doc.text


def test_latin1_html_with_declared_charset(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Paragraphe {i}: la députée Zoé Müller a présenté le budget de la région, "
        "qui prévoit une hausse des dépenses scolaires de 4 pour cent.</p>"
        for i in range(4)
    )
    page = (
        '<html lang="fr"><head><meta charset="iso-8859-1"><title>Budget régional</title></head>'
        f"<body><article><h1>Budget régional</h1>{body}</article></body></html>"
    )
    path = tmp_path / "budget.html"
    path.write_bytes(page.encode("latin-1"))
    doc = one(path)
    assert isinstance(doc, RawDocument) and doc.text and "Zoé Müller" in doc.text
    assert doc.language == "fr"


def test_undecodable_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(128, 256)) * 40)
    item = one(path)
    assert isinstance(item, Rejection)
    assert "decode" in item.reason or "binary" in item.reason


def test_bad_inputs_each_get_a_clear_reason(ingest_dir: Path) -> None:
    expected = {
        "empty.txt": "empty file",
        "whitespace.txt": "empty file",
        "binary.bin": "binary file",
        "report.pdf": "unsupported format (PDF)",
        "notes.pdf": "unsupported format (PDF)",
        "memo.docx": "unsupported format",
        "photo.png": "unsupported format (PNG image)",
        "broken.html": "no article body",
        "notfeed.xml": "not an RSS/Atom feed",
    }
    for name, words in expected.items():
        item = one(ingest_dir / name)
        assert isinstance(item, Rejection), name
        assert item.path == str(ingest_dir / name)
        assert words in item.reason, (name, item.reason)
        assert ";" in item.reason, f"{name}: reason should say what to do: {item.reason}"
    for name in ("report.pdf", "photo.png", "memo.docx"):
        item = one(ingest_dir / name)
        assert isinstance(item, Rejection) and "convert it to HTML or text" in item.reason


def test_missing_path_and_unmatched_glob(tmp_path: Path, split: Any) -> None:
    docs, rejected = split(read_inputs([str(tmp_path / "nope.html"), str(tmp_path / "*.html")]))
    assert not docs
    assert [r.path for r in rejected] == [str(tmp_path / "nope.html"), str(tmp_path / "*.html")]
    assert "no such file or directory" in rejected[0].reason
    assert "no files match" in rejected[1].reason


def test_folder_is_walked_recursively_skipping_hidden(ingest_dir: Path, split: Any) -> None:
    items = list(read_inputs([str(ingest_dir / "folder")]))
    docs, rejected = split(items)
    assert not rejected
    names = sorted(Path(d.source).name for d in docs)
    assert names == ["flood.html", "rail_strike.txt"]
    notes = {Path(i.path).name: i.reason for i in items if isinstance(i, Skipped)}
    assert notes == {
        ".hidden_dir": "hidden folder skipped (give its path to read it)",
        ".secret.txt": "hidden file skipped (give its path to read it)",
    }


def test_glob_and_duplicates(ingest_dir: Path, split: Any) -> None:
    folder = ingest_dir / "folder"
    docs, _ = split(read_inputs([str(folder / "*.html"), str(folder), str(folder / "flood.html")]))
    assert sorted(Path(d.source).name for d in docs) == ["flood.html", "rail_strike.txt"]


def test_batch_goes_on_after_bad_inputs(ingest_dir: Path, split: Any) -> None:
    inputs = [str(ingest_dir / n) for n in ("empty.txt", "binary.bin", "article_page.html")]
    docs, rejected = split(read_inputs(inputs))
    assert len(docs) == 1 and len(rejected) == 2


def test_read_inputs_is_a_lazy_generator(ingest_dir: Path) -> None:
    stream = read_inputs([str(ingest_dir / "noext_text"), "/definitely/not/here"])
    assert iter(stream) is stream
    assert isinstance(next(stream), RawDocument)
    assert isinstance(next(stream), Rejection)
