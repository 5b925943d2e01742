"""Claims across languages (issue 15): a Russian and an English article stating one fact
support one claim; English-only stories never take the multilingual path.

The bilingual story is the invented one of tests/link/test_russian_story.py
(tests/fixtures/russian/sotnikov-bilingual.jsonl, three Russian and three English outlets).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import corroborate
from corroborate.compare import crosslang

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "russian" / "sotnikov-bilingual.jsonl"
ENGLISH = ROOT / "examples" / "tarsk-port-strike"

#: the facts of the fixture, by words either language states them with (a sentence that
#: matches none is an attribution fragment and is not checked)
FACTS = {
    "eu-release": re.compile(r"European Union|\bEU\b|\bЕС\b|Евросоюз"),
    "appeal": re.compile(r"appeal|overturn|обжал|апелляц|отмены приговора", re.I),
    "detained": re.compile(r"detained|задержал", re.I),
    "lawful": re.compile(r"lawful|within the law|рамках закона|соответствии с законом", re.I),
    "sentenced": re.compile(r"sentenced|jailed|приговорил|приговорили", re.I),
    "not-seen": re.compile(r"not seen|не видела", re.I),
    "not-guilty": re.compile(r"not guilty|не виноват", re.I),
    "protests-held": re.compile(r"прошли акции"),
    "court-place": re.compile(r"Приговор вынес суд"),
}


def _facts(text: str) -> set[str]:
    return {name for name, pattern in FACTS.items() if pattern.search(text)}


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    db = tmp_path_factory.mktemp("crosslang") / "store.db"
    dossier = corroborate.analyze_inputs([str(FIXTURE)], db=db).dossier
    assert len(dossier["stories"]) == 1
    found: list[dict[str, Any]] = dossier["stories"][0]["claims"]
    return found


def _languages(claim: dict[str, Any]) -> set[str]:
    return {s["article_id"][:2] for s in claim["support"]}


def test_a_fact_told_in_both_languages_is_one_corroborated_claim(
    claims: list[dict[str, Any]],
) -> None:
    both = [c for c in claims if c["verdict"] == "corroborated" and _languages(c) == {"ru", "en"}]
    assert both, [c["text"] for c in claims]
    eu = [c for c in both if all("eu-release" in _facts(s["text"]) for s in c["support"])]
    assert len(eu) == 1
    articles = {s["article_id"] for s in eu[0]["support"]}
    assert {"ru-ekho", "ru-vestnik"} <= articles and articles & {"en-daily", "en-wire"}


def test_no_claim_across_languages_joins_two_facts(claims: list[dict[str, Any]]) -> None:
    for claim in claims:
        if _languages(claim) != {"ru", "en"} or claim["verdict"] == "contested":
            continue
        stated = [_facts(s["text"]) for s in claim["support"]]
        common = set.intersection(*[f for f in stated if f]) if any(stated) else set()
        assert common, [s["text"] for s in claim["support"]]


def test_a_figure_told_differently_across_languages_is_contested(
    claims: list[dict[str, Any]],
) -> None:
    contested = [c for c in claims if c["verdict"] == "contested"]
    assert any(
        _languages(c) == {"ru", "en"} and all("detained" in _facts(s["text"]) for s in c["support"])
        for c in contested
    )


def test_english_only_stories_never_load_the_multilingual_encoder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> np.ndarray:
        raise AssertionError("the multilingual path ran on an English-only story")

    monkeypatch.setattr(crosslang, "cross_cosines", refuse)
    dossier = corroborate.analyze_inputs([str(ENGLISH)], db=tmp_path / "store.db").dossier
    assert any(s["claims"] for s in dossier["stories"])


def test_calibration_is_monotone_and_on_the_minilm_scale() -> None:
    cal = crosslang.load_calibration()
    assert list(cal.use_knots) == sorted(cal.use_knots)
    assert list(cal.minilm_knots) == sorted(cal.minilm_knots)
    values = cal.to_minilm(np.linspace(-1.0, 1.0, 41))
    assert np.all(np.diff(values) >= 0)
    assert cal.minilm_knots[0] <= values.min() and values.max() <= 1.0
    assert cal.lexical_value("text", 0.5) is None
    assert cal.lexical_value("sent_lex", 0.9) is not None


def test_the_multilingual_mask_leaves_english_pairs_alone() -> None:
    mask = crosslang.multilingual_mask(["", "", "ru", "ru"])
    assert not mask[0, 1] and not mask[1, 0]
    assert mask[0, 2] and mask[2, 1] and mask[2, 3]
    assert not crosslang.uses_multilingual(["", ""])
    assert crosslang.uses_multilingual(["", "ru"])
    cal = np.array([[0, 0.1, 0.9, 0.2], [0.1, 0, 0.3, 0.8], [0.9, 0.3, 0, 0.5], [0.2, 0.8, 0.5, 0]])
    top = crosslang.top_pairs(cal, mask, [0, 1, 2, 3], 1)
    assert (0, 2) in top and (1, 3) in top and (0, 1) not in top
