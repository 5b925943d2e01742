"""The claims stage's fast paths give what the plain ones give: pair features computed a
column at a time (``pair_matrix``) and average-link clustering with running sums
(``cluster_units``), on invented articles and on random probabilities."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import pytest

from corroborate.compare import claims as C
from corroborate.compare.fact_model import FEATURES
from tests.compare.helpers_figures import analysed_docs, entities_by_surname

TEXTS = (
    "Police in Harlow said two men were arrested on Monday after a shooting at the depot. "
    "Officers did not release the men's names. The depot was closed on Tuesday. "
    "Mayor Ivo Petrak said the city would not tolerate violence. Three people were injured "
    "in the shooting.",
    "Two men were arrested Monday after shots were fired at the Harlow bus depot, police "
    "said. Nobody was injured. Mayor Petrak said the depot would reopen on Wednesday. "
    "The men, aged 24 and 31, were held without bail. The two suspects were not released on "
    "bail.",
    "A shooting at a bus depot in Harlow led to the arrest of two men, aged 24 and 30. "
    "Petrak, the mayor, said the depot was not closed. Three witnesses spoke to police. Five "
    "people were injured, police said. The suspects were released on bail on Tuesday.",
)


@pytest.fixture(scope="module")
def story() -> C.StoryPairs:
    docs = analysed_docs(*TEXTS)
    return C.story_pairs(docs, entities_by_surname(docs))


def test_columns_give_the_rows(story: C.StoryPairs, monkeypatch: pytest.MonkeyPatch) -> None:
    units, pairs = story.units, story.pairs
    assert len(pairs) > 20
    lex = C.LemmaTfidfEncoder()
    unit_vec = lex.encode([u.text for u in units])
    sent_vec = lex.encode([s.text for s in story.sentences])
    args = (
        story.sentence_cosine,
        unit_vec @ unit_vec.T,
        sent_vec @ sent_vec.T,
        C._idf([u.stems for u in units]),
        C._idf([u.entities for u in units]),
        C._idf([u.sent_stems for u in units] + [u.names for u in units]),
    )
    by_rows = C.pair_matrix(units, pairs, *args)  # a small story: row by row
    monkeypatch.setattr(C, "MATRIX_PAIRS", 0)
    by_columns = C.pair_matrix(units, pairs, *args)
    np.testing.assert_allclose(by_columns, by_rows, rtol=0, atol=1e-12)
    assert np.array_equal(by_rows, story.features)  # what story_pairs gave
    # every column is exercised by the story: a feature never set would hide a slip
    for name in FEATURES:
        if name in ("actor_clash", "figure_group"):  # not in this story
            continue
        assert by_rows[:, FEATURES.index(name)].any(), name


def _reference(
    units: Sequence[C.FactUnit],
    pairs: Sequence[tuple[int, int]],
    probs: Sequence[float],
    merge: float,
    link: float,
) -> list[list[int]]:
    """Average link as first written: every merge test sums over the members' pairs."""
    prob = dict(zip(pairs, probs, strict=True))
    cluster_of = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    for (i, j), value in sorted(prob.items(), key=lambda kv: (-kv[1], kv[0])):
        if value < link:
            break
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a, b = members[ci], members[cj]
        if {units[x].sentence for x in a} & {units[y].sentence for y in b}:
            continue
        cross = [(x, y) for x in a for y in b if units[x].doc != units[y].doc]
        total = sum(prob.get((min(x, y), max(x, y)), 0.0) for x, y in cross)
        if not cross or total / len(cross) < merge:
            continue
        for x in b:
            cluster_of[x] = ci
        members[ci] = a + b
        del members[cj]
    return [sorted(m) for m in members.values()]


def test_running_sums_cluster_as_the_full_sums_do(story: C.StoryPairs) -> None:
    units = story.units
    rng = random.Random(5)
    pairs = [(i, j) for i in range(len(units)) for j in range(i + 1, len(units))]
    pairs = [(i, j) for i, j in pairs if units[i].doc != units[j].doc]
    for trial in range(200):
        kept = [p for p in pairs if rng.random() < 0.6]
        # Multiples of 1/64: sums are exact in any order, so ties (on purpose) compare the
        # same both ways; with arbitrary floats the two can differ in the last bit of a sum.
        probs = [rng.randrange(65) / 64 for _ in kept]
        merge, link = rng.choice((0.25, 0.375, 0.5)), rng.choice((0.25, 0.5))
        got = C.cluster_units(units, kept, probs, {"link": link, "merge": merge, "join": 2.0})
        assert got == _reference(units, kept, probs, merge, link), trial
