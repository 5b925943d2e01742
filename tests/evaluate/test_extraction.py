"""The extraction scorer on tiny invented inputs (no ../shared needed)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from corroborate.evaluate.extraction import (
    Output,
    article_body,
    dossier_outputs,
    exact_share,
    norm_authors,
    norm_date,
    norm_text,
    norm_title,
    prepare_scrapinghub,
    prepare_trafilatura,
    score_scrapinghub,
    score_trafilatura,
    snippet_counts,
    snippet_scores,
    trafilatura_rows,
    url_date,
)
from corroborate.evaluate.table import Row, Section

BODY = (
    "The harbour tram line reopened on Thursday after crews replaced two hundred metres of "
    "track that the storm had torn from the quay wall. The operator said the first trams ran "
    "on time and the timetable would be back to normal by the weekend."
)
PAGE = (
    "<html><head><title>Tram line reopens | Ledger</title></head><body>"
    "<h1>Tram line reopens</h1><p>{body}</p><p>Shopkeepers greeted the drivers with coffee "
    "and pastries at the first stop, glad that their customers could reach them again.</p>"
    "</body></html>"
)


def test_normalisation() -> None:
    assert norm_text("  a\u00a0 b\n c ") == "a b c"
    assert norm_text("   ") is None and norm_text(None) is None
    assert norm_title("TRAM  Line") == norm_title("tram line")
    assert norm_date("2020-01-19T12:25:36Z") == "2020-01-19"
    assert norm_date("19.01.2020") is None and norm_date(None) is None
    assert norm_authors("Ann Lee; Bo Chan") == norm_authors("Bo Chan ;Ann Lee")
    assert norm_authors(None) is None


def test_url_date_gold() -> None:
    assert url_date("https://x.example/2019/11/18/story") == "2019-11-18"
    assert url_date("https://x.example/2019/11/8/123/story") == "2019-11-08"
    assert url_date("https://x.example/story/2019-11-19/") == "2019-11-19"
    assert url_date("https://x.example/a/201911181077343476-b") is None
    assert url_date("https://2019-11-19.example/a") is None  # the host is not the path
    assert url_date(None) is None


def test_article_body_drops_only_the_headline() -> None:
    assert article_body({"title": "Head", "text": "Head\n\nBody one.\n\nBody two."}) == (
        "Body one.\n\nBody two."
    )
    assert article_body({"title": "Other", "text": "Head\n\nBody."}) == "Head\n\nBody."
    assert article_body({"title": None, "text": "Body only."}) == "Body only."


def test_dossier_outputs_by_input_id_and_duplicates_are_empty() -> None:
    dossier = {
        "articles": [
            {
                "id": "a",
                "title": "T",
                "text": "T\n\nBody.",
                "published": "2021-02-03",
                "author": "Ann Lee",
                "duplicate_ids": ["b"],
            }
        ]
    }
    outputs = dossier_outputs(dossier)
    assert outputs["a"] == Output(body="Body.", title="T", author="Ann Lee", date="2021-02-03")
    assert outputs["b"] == Output()  # merged as a duplicate: counts as empty output
    assert "c" not in outputs  # rejected: the scorers use an empty Output for it


def test_snippet_metric() -> None:
    assert snippet_counts("One two three. Four five", ["two three", "five six"], ["Four"]) == (
        1,
        1,
        1,
    )
    # whitespace differences do not matter; case does
    assert snippet_counts("a\n\nb c", ["a b", "B c"], []) == (1, 0, 1)
    prf = snippet_scores([("x y", ["x", "y"], ["z"]), ("", ["q"], [])])
    assert (prf.precision, prf.recall) == (1.0, 2 / 3)
    assert snippet_scores([]).f1 == 0.0
    assert exact_share([]) is None
    assert exact_share([(1, 1), (1, 2)]) == 0.5


def test_trafilatura_rows_compare_both_systems() -> None:
    gold = [
        {
            "id": "p1",
            "with": ["alpha beta"],
            "without": ["menu"],
            "title": "Title One",
            "author": "Ann Lee",
            "date": "2020-01-02",
            "meta": True,
        },
        {
            "id": "p2",
            "with": ["gamma"],
            "without": ["footer"],
            "title": "Title Two",
            "author": None,
            "date": "2020-03-04",
            "meta": True,
        },
    ]
    ours = {
        "p1": Output("alpha beta", "TITLE ONE", None, "2020-01-02"),
        "p2": Output("gamma footer", "Title Two | Site", None, "2020-03-05"),
    }
    base = {
        "p1": Output("alpha beta menu", "Title One", "Ann Lee", "2020-01-02"),
        "p2": Output("", None, None, "2020-03-04"),
    }
    rows = {r.metric: r for r in trafilatura_rows(gold, ours, base)}
    assert rows["body F1"].ours == pytest.approx(2 * (2 / 3) / (2 / 3 + 1))
    assert rows["body F1"].baseline == pytest.approx(2 * 0.5 * 0.5 / 1.0)
    assert rows["body F1"].met is True
    assert (rows["title exact"].ours, rows["title exact"].baseline) == (0.5, 0.5)
    assert rows["title exact"].met is False  # target >= 0.85
    assert rows["title exact, case-sensitive"].ours == 0.0
    assert rows["date exact"].ours == 0.5 and rows["date exact"].baseline == 1.0
    assert rows["date exact"].met is False
    assert rows["author exact"].ours is None  # no author in our output: reported as None
    assert "no author" in rows["author exact"].note
    assert rows["author exact"].baseline == 1.0  # right author, and None for the page without


def _fake_shared(root: Path) -> Path:
    sh = root / "data" / "extraction" / "scrapinghub"
    (sh / "html").mkdir(parents=True)
    truth = {}
    for key, url in (
        ("k1", "https://ledger.example/2024/03/14/trams"),
        ("k2", "https://x.example/b"),
    ):
        with gzip.open(sh / "html" / f"{key}.html.gz", "wt", encoding="utf-8") as f:
            f.write(PAGE.format(body=BODY))
        truth[key] = {"articleBody": BODY, "url": url}
    (sh / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    tr = root / "data" / "extraction" / "trafilatura"
    tr.mkdir(parents=True)
    pages = [
        {"id": f"t{i}", "url": f"https://ledger.example/t{i}", "html": PAGE.format(body=BODY)}
        for i in (1, 2)
    ]
    gold = [
        {
            "id": p["id"],
            "url": p["url"],
            "with": ["crews replaced two hundred metres"],
            "without": ["Ledger"],
            "title": "Tram line reopens",
            "author": None,
            "date": "2024-03-14",
            "meta": True,
        }
        for p in pages
    ]
    (tr / "pages.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    (tr / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    return root


def test_prepare_and_score_on_a_fake_shared_folder(tmp_path: Path) -> None:
    shared = _fake_shared(tmp_path / "shared")
    [path] = prepare_scrapinghub(shared, tmp_path / "work", None)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["k1", "k2"] and {"id", "url", "html"} == set(records[0])
    assert prepare_trafilatura(shared, tmp_path / "work", None) == [
        shared / "data" / "extraction" / "trafilatura" / "pages.jsonl"
    ]
    [subset] = prepare_trafilatura(shared, tmp_path / "work", 1)
    assert len(subset.read_text(encoding="utf-8").splitlines()) == 1

    dossier = {
        "articles": [
            {
                "id": "k1",
                "title": "Tram line reopens",
                "text": f"Tram line reopens\n\n{BODY}",
                "published": "2024-03-14",
                "duplicate_ids": ["k2"],
            },
        ]
    }
    section = score_scrapinghub(dossier, shared, None)
    assert isinstance(section, Section) and section.name == "extraction/scrapinghub"
    rows = {r.metric: r for r in section.rows}
    assert all(isinstance(r, Row) and r.corpus == "scrapinghub" for r in section.rows)
    # k2 was merged as a duplicate: empty output, so recall is half
    assert rows["body recall"].ours == pytest.approx(0.5)
    assert rows["body precision"].ours == pytest.approx(1.0)
    assert rows["date exact"].ours == 1.0 and "1 pages" in rows["date exact"].note
    assert section.info["pages"] == 2 and section.info["ours_empty"] == 1
    assert section.info["baseline_seconds"] >= 0

    t_dossier = {
        "articles": [
            {
                "id": "t1",
                "title": "Tram line reopens",
                "text": f"Tram line reopens\n\n{BODY}",
                "published": "2024-03-14",
            },
        ]
    }
    t_rows = {r.metric: r for r in score_trafilatura(t_dossier, shared, None).rows}
    assert t_rows["body recall"].ours == 0.5  # t2 missing from the dossier: empty
    assert t_rows["title exact"].ours == 0.5 and t_rows["date exact"].ours == 0.5
    assert t_rows["body F1"].baseline is not None and t_rows["body F1"].baseline > 0.9
