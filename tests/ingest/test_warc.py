"""WARC and WARC.gz archives written with warcio in the test."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate.ingest import read_file

PAGE = """<html lang="en"><head><title>{title}</title></head><body><nav>Home | News</nav>
<article><h1>{title}</h1>{paras}</article><footer>Contact | Privacy</footer></body></html>"""


def page(title: str, fact: str) -> bytes:
    paras = "".join(
        f"<p>{fact} Paragraph {i} adds that the regional authority will review the plan "
        "again in the autumn, after a public consultation with local residents.</p>"
        for i in range(4)
    )
    return PAGE.format(title=title, paras=paras).encode()


def write_warc(path: Path, gz: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(uri: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=BytesIO(body), http_headers=headers
                )
            )

        response(
            "https://a.example/one",
            page("Dam repairs begin", "Work on the Orlen dam starts."),
            "text/html; charset=utf-8",
        )
        response("https://a.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        response("https://a.example/gone", b"<html>gone</html>", "text/html", "404 Not Found")
        response(
            "https://a.example/two",
            page("Tram line extended", "The tram now reaches Kestrel Park."),
            "text/html",
        )


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses(tmp_path: Path, gz: bool, split: Any) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz)
    docs, rejected = split(read_file(path))
    assert not rejected
    assert [d.source for d in docs] == [f"{path}#record-2", f"{path}#record-5"]
    assert [d.url for d in docs] == ["https://a.example/one", "https://a.example/two"]
    assert all(d.format == "warc" and not d.needs_cleaning for d in docs)
    assert docs[0].text and "Orlen dam" in docs[0].text and "Privacy" not in docs[0].text
    assert docs[1].title == "Tram line extended"


def test_truncated_warc_keeps_what_was_read(tmp_path: Path, split: Any) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, gz=True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.95)])
    docs, rejected = split(read_file(cut))
    assert [d.url for d in docs] == ["https://a.example/one"]
    assert len(rejected) == 1 and rejected[0].path == str(cut)
    assert "corrupt or truncated web archive" in rejected[0].reason
    assert "1 HTML records before it were kept" in rejected[0].reason


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.8, 0.95])
def test_any_cut_is_reported_never_raised(tmp_path: Path, gz: bool, fraction: float) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, gz=gz)
    data = whole.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: int(len(data) * fraction)])
    items = list(read_file(cut))
    assert items[-1].path == str(cut)  # the last item is the rejection for the rest
    assert "corrupt or truncated" in getattr(items[-1], "reason", "")
