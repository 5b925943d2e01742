from typing import Any

import pytest

from corroborate.evaluate.stories import predicted_stories, score_stories, tfidf_baseline


def _dossier() -> dict[str, Any]:
    return {
        "articles": [
            {"id": "a1", "text": "", "duplicate_ids": ["a1-copy"]},
            {"id": "a2", "text": "", "duplicate_ids": []},
            {"id": "b1", "text": "", "duplicate_ids": []},
        ],
        "stories": [
            {"id": "s1", "article_ids": ["a1", "a2"]},
            {"id": "s2", "article_ids": ["b1"]},
        ],
    }


def test_duplicates_follow_their_article_and_rejected_are_absent() -> None:
    pred = predicted_stories(_dossier())
    assert pred == {"a1": "s1", "a2": "s1", "a1-copy": "s1", "b1": "s2"}


def test_rejected_inputs_count_as_singletons_in_the_all_view() -> None:
    gold = {"a1": "A", "a2": "A", "a1-copy": "A", "b1": "B", "b2": "B"}  # b2 was rejected
    texts = {
        "a1": "Dock workers strike at the port over wages.",
        "a2": "Port dock workers strike for higher wages.",
        "a1-copy": "Dock workers strike at the port over wages.",
        "b1": "The city council approves a new library budget.",
        "b2": "Council votes library budget for the city.",
    }
    section = score_stories(_dossier(), gold, texts, "toy")
    by_metric = {r.metric: r for r in section.rows}
    assert by_metric["B3 P (all)"].ours == pytest.approx(1.0)
    # b1 and b2 each recall half of story B; the others recall all of A
    assert by_metric["B3 R (all)"].ours == pytest.approx((3 * 1.0 + 0.5 + 0.5) / 5)
    assert by_metric["B3 F1 (stored)"].ours == pytest.approx(1.0)
    assert section.info["stored_articles"] == 4


def test_tfidf_baseline_separates_two_topics() -> None:
    texts = {
        "1": "Harbour cranes stopped as dock workers walked out over pay.",
        "2": "Dock workers walked out; the harbour cranes stood still over pay.",
        "3": "The orchestra announced its new conductor for the autumn season.",
        "4": "A new conductor will lead the orchestra this autumn season.",
    }
    f1, threshold = tfidf_baseline(texts, {"1": "x", "2": "x", "3": "y", "4": "y"})
    assert f1 == pytest.approx(1.0)
    assert 0 < threshold < 1
