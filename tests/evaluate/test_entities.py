from typing import Any

import pytest

from corroborate.evaluate.entities import GoldMention, our_clusters, score_entities

SOURCE = "Mayor Ilse Varga met dock workers.\nVarga promised talks."
STORED = "Mayor Ilse Varga met dock workers.\n\nVarga promised talks."


def _gold(chain: str, word: str, nth: int = 0, named: bool = True) -> GoldMention:
    start = -1
    for _ in range(nth + 1):
        start = SOURCE.index(word, start + 1)
    return GoldMention("d1", "t", chain, start, start + len(word), word.lower(), named)


def _dossier(mentions: list[tuple[int, int]]) -> dict[str, Any]:
    return {
        "articles": [{"id": "d1", "text": STORED}],
        "stories": [
            {
                "id": "s",
                "entities": [
                    {
                        "id": "e1",
                        "mentions": [
                            {"article_id": "d1", "start": s, "end": e} for s, e in mentions
                        ],
                    }
                ],
            }
        ],
    }


def test_gold_heads_are_carried_onto_the_stored_text() -> None:
    first = STORED.index("Ilse Varga")
    second = STORED.index("Varga promised")
    dossier = _dossier([(first, first + 10), (second, second + 5)])
    golds = [_gold("varga", "Varga"), _gold("varga", "Varga", 1), _gold("workers", "workers")]
    clusters = our_clusters(dossier, golds, {"d1": SOURCE})
    assert clusters[0] == clusters[1] == "e1"
    assert clusters[2] == ("unmatched", 2)  # no mention of ours covers it: a singleton


def test_missing_our_mentions_cost_recall_not_precision() -> None:
    first = STORED.index("Ilse Varga")
    golds = [_gold("varga", "Varga"), _gold("varga", "Varga", 1)]
    section = score_entities(_dossier([(first, first + 10)]), golds, {"d1": SOURCE}, "toy")
    rows = {r.metric: r for r in section.rows}
    assert rows["muc F1 (all)"].ours == pytest.approx(0.0)  # the one gold link is missed
    assert rows["muc F1 (all)"].baseline == pytest.approx(1.0)  # same lemma "varga"
    assert section.info["covered_by_ours"] == 1


def test_a_folded_near_duplicate_is_read_on_its_kept_article() -> None:
    # d2 is a syndicated copy the product folded into d1: its gold heads are carried onto
    # d1's stored text; a head in a passage the copies do not share stays unmatched.
    copy = "Mayor Ilse Varga met dock workers.\nVarga promised talks on Friday.\nHarbour closed."
    first = STORED.index("Ilse Varga")
    second = STORED.index("Varga promised")
    dossier = _dossier([(first, first + 10), (second, second + 5)])
    dossier["articles"][0]["duplicate_ids"] = ["d2"]
    at = copy.index("Varga promised")
    harbour = copy.index("Harbour")
    golds = [
        _gold("varga", "Varga"),
        GoldMention("d2", "t", "varga", at, at + 5, "varga", True),
        GoldMention("d2", "t", "harbour", harbour, harbour + 7, "harbour", True),
        GoldMention("d3", "t", "varga", 0, 5, "varga", True),  # neither stored nor folded
    ]
    clusters = our_clusters(dossier, golds, {"d1": SOURCE, "d2": copy, "d3": "Varga."})
    assert clusters[:2] == ["e1", "e1"]
    assert clusters[2] == ("unmatched", 2)
    assert clusters[3] == ("unmatched", 3)
