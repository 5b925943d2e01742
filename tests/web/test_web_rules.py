"""The web app's small rules on invented data: a mention's sentence, search snippets, the
dates axis, and what changed between two snapshots (new, moved, matched by spans)."""

from __future__ import annotations

from typing import Any

from corroborate.present.web.changes import diff, snapshot
from corroborate.present.web.text import query_words, sentence_context, snippet
from corroborate.present.web.timeline import date_label, gap_class, timeline_rows

TEXT = (
    "The ferry to Ostrava was cancelled. Captain Mira Holm said the storm would pass by "
    "Friday. Passengers waited in the hall.\nA second ferry left at noon."
)


def test_sentence_context_from_analysis_spans_and_punctuation() -> None:
    start = TEXT.index("Mira Holm")
    end = start + len("Mira Holm")
    by_punctuation = sentence_context(TEXT, start, end)
    assert by_punctuation is not None
    assert by_punctuation.before == "Captain " and by_punctuation.match == "Mira Holm"
    assert by_punctuation.after == " said the storm would pass by Friday."
    second = (TEXT.index("Captain"), TEXT.index("Friday.") + len("Friday."))
    third = (TEXT.index("Passengers"), TEXT.index("hall.") + len("hall."))
    sentences = [(0, TEXT.index(".") + 1), second, third, (third[1] + 1, len(TEXT))]
    by_spans = sentence_context(TEXT, start, end, sentences)
    assert by_spans == by_punctuation
    assert sentence_context(TEXT, 10, 5) is None and sentence_context(TEXT, 0, 10_000) is None
    long_text = "word " * 300 + "Holm" + " word" * 300
    cut = sentence_context(long_text, 1500, 1504)
    assert cut is not None and cut.match == "Holm"
    assert cut.before.startswith("…") and cut.after.endswith("…")
    assert len(cut.before) + len(cut.after) <= 410


def test_snippet_marks_words_and_prefix() -> None:
    words = query_words("Holm  pass")
    assert words == ["holm", "pass"]
    found = snippet("Ferry cancelled", TEXT, words)
    assert found is not None and found.field == "text"
    marked = [found.text[s:e] for s, e in found.marks]
    assert marked == ["Holm", "pass", "Passengers"]  # the last word is a prefix
    title_hit = snippet("Holm on the storm", TEXT, words)
    assert title_hit is not None and title_hit.field == "title" and title_hit.marks == ((0, 4),)
    assert snippet(None, TEXT, query_words("zebra")) is None
    far = snippet(None, "x " * 200 + "Holm" + " y" * 200, words)
    assert far is not None and far.text.startswith("…") and far.text.endswith("…")
    assert [far.text[s:e] for s, e in far.marks] == ["Holm"]


def test_dates_axis_rows() -> None:
    assert date_label("2024-03-05", "day") == "5 Mar 2024"
    assert date_label("2024-03-01", "month") == "Mar 2024"
    assert date_label("2024-03-04", "week") == "week of 4 Mar 2024"
    assert date_label("2024", "year") == "2024"
    gaps = [gap_class(d) for d in (None, 0, 1, 3, 7, 30, 365, 4000)]
    assert gaps[0] == gaps[1] == "gap-0"
    numbers = [int(g.split("-")[1]) for g in gaps]
    assert numbers == sorted(numbers) and numbers[-1] == 6
    entries = [
        {"date": "2024-03-09", "precision": "day", "description": "b", "reports": []},
        {
            "date": "2024-03-05",
            "precision": "day",
            "description": "a",
            "reports": [{"article_id": "x", "start": 1, "end": 4, "expression": "Tuesday"}],
        },
    ]
    rows = timeline_rows(entries, {"x": "Ostrava Post"})
    assert [r.date for r in rows] == ["2024-03-05", "2024-03-09"]
    assert rows[0].days_after is None and rows[1].days_after == 4
    assert rows[0].reports[0]["source"] == "Ostrava Post"


def _story(sid: str, articles: list[str], claims: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": sid, "title": sid, "article_ids": articles, "claims": claims, "figures": []}


def _claim(text: str, verdict: str, spans: list[tuple[str, int, int]]) -> dict[str, Any]:
    support = [{"article_id": a, "start": s, "end": e} for a, s, e in spans]
    return {"id": text, "text": text, "verdict": verdict, "support": support}


def test_what_changed_matches_facts_by_id_then_spans() -> None:
    before = snapshot(
        [
            _story(
                "s1",
                ["a"],
                [
                    _claim("the ferry was cancelled", "single_source", [("a", 0, 30)]),
                    _claim("the storm passes", "single_source", [("a", 40, 60)]),
                ],
            ),
            _story("s9", ["z"], [_claim("an old story", "single_source", [("z", 0, 9)])]),
        ]
    )
    after = snapshot(
        [
            _story(  # renamed on re-linking; article b joined and supports the first claim
                "s5",
                ["a", "b"],
                [
                    _claim("the ferry was cancelled", "corroborated", [("a", 0, 30), ("b", 5, 20)]),
                    _claim("the storm passes", "single_source", [("a", 40, 60)]),
                    _claim("a second ferry left", "single_source", [("b", 30, 50)]),
                ],
            ),
            _story("s2", ["c"], [_claim("a new story", "single_source", [("c", 0, 9)])]),
        ]
    )
    changes, gone = diff(before, after)
    by_id = {c.story_id: c for c in changes}
    s5 = by_id["s5"]
    assert not s5.new and s5.added_articles == ("b",)
    assert [(m.label, m.before, m.after) for m in s5.moved] == [
        ("the ferry was cancelled", "single_source", "corroborated")
    ]
    assert [f.label for f in s5.new_facts] == ["a second ferry left"]
    assert by_id["s2"].new and [f.label for f in by_id["s2"].new_facts] == ["a new story"]
    assert gone == ["s9"]
    assert diff(after, after) == ([], [])
