"""Verb lemmas mended by spelling (analyze/verb_lemmas.py), on invented sentences."""

from __future__ import annotations

import pytest

from corroborate.analyze.pipeline import analysis_nlp
from corroborate.analyze.verb_lemmas import doubles_before_suffix, mended_lemma

VERBS = frozenset({"hop", "hope", "fin", "fine", "plan", "plane", "box", "visit", "star", "stare"})


@pytest.mark.parametrize(
    ("form", "lemma", "expected"),
    [
        ("hoping", "hop", "hope"),  # "hopping" would be hop's
        ("hoped", "hop", "hope"),
        ("hopes", "hop", "hope"),  # hop takes -s, not -es
        ("fined", "fin", "fine"),
        ("staring", "star", "stare"),
        ("hopping", "hop", "hop"),  # the lemmatizer's answer is kept when it is right
        ("boxed", "box", "box"),  # x never doubles
        ("visited", "visit", "visit"),  # no "visite" among the verbs
        ("planned", "plan", "plan"),
    ],
)
def test_a_dropped_e_comes_back_only_where_spelling_says_so(
    form: str, lemma: str, expected: str
) -> None:
    assert mended_lemma(form, lemma, VERBS) == expected


def test_only_one_syllable_stems_double() -> None:
    assert doubles_before_suffix("hop") and doubles_before_suffix("stag")
    assert not doubles_before_suffix("visit") and not doubles_before_suffix("sew")


def test_the_analysis_pipeline_reads_hope_and_ride() -> None:
    doc = analysis_nlp()("Police were hoping to find the man who was riding a red bike.")
    lemmas = {t.text: t.lemma_ for t in doc if t.pos_ == "VERB"}
    assert lemmas["hoping"] == "hope" and lemmas["riding"] == "ride", lemmas
