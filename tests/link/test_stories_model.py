"""The fitted same-story model: plain-JSON loading, evaluation, and how dates enter it."""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corroborate.errors import CorroborateError
from corroborate.link import story_model
from corroborate.link.stories import FEATURES, MAX_GAP_DAYS, StoryIndex
from corroborate.types import Analysis, Article, PublishedSource
from tests.link.test_stories import load_fixture


def test_packaged_model_matches_the_index() -> None:
    data = story_model.packaged()
    model = story_model.from_json(data, FEATURES)
    assert model.features == FEATURES
    assert model.kind in ("logistic", "trees")
    assert 0.0 < model.join < 1.0
    assert 0.0 < model.merge <= 1.01
    assert data["fitted"]["script"] == "bench/fit_story_model.py"
    assert set(data["fitted"]["corpora"]) == {"ecbplus", "gvc"}


def test_feature_mismatch_is_refused() -> None:
    data = dict(story_model.packaged())
    data["features"] = list(FEATURES[:-1])
    with pytest.raises(CorroborateError, match="refit"):
        story_model.from_json(data, FEATURES)
    with pytest.raises(CorroborateError, match="kind"):
        story_model.from_json({**story_model.packaged(), "kind": "pickle"}, FEATURES)


def test_logistic_is_a_standardised_linear_model() -> None:
    model = story_model.from_json(
        {
            "kind": "logistic",
            "features": ["a", "b"],
            "join": 0.5,
            "merge": 0.9,
            "params": {
                "intercept": -1.0,
                "coef": [2.0, -0.5],
                "mean": [0.5, 1.0],
                "scale": [0.5, 2.0],
            },
        }
    )
    z = -1.0 + 2.0 * (1.0 - 0.5) / 0.5 - 0.5 * (3.0 - 1.0) / 2.0
    assert model.probability([1.0, 3.0]) == pytest.approx(1 / (1 + math.exp(-z)))


def test_trees_walk_to_their_leaves() -> None:
    # one stump on feature 1 at 0.5, one leaf-only tree
    stump = [[1, 0.5, 1, 2, 0.0], [-1, 0.0, -1, -1, -2.0], [-1, 0.0, -1, -1, 3.0]]
    leaf = [[-1, 0.0, -1, -1, 1.0]]
    model = story_model.from_json(
        {
            "kind": "trees",
            "features": ["a", "b"],
            "join": 0.5,
            "merge": 0.9,
            "params": {"base": 0.2, "rate": 0.5, "trees": [stump, leaf]},
        }
    )
    assert model.log_odds([9.0, 0.5]) == pytest.approx(0.2 + 0.5 * (-2.0 + 1.0))
    assert model.log_odds([9.0, 0.6]) == pytest.approx(0.2 + 0.5 * (3.0 + 1.0))
    rows = [[9.0, 0.5], [9.0, 0.6], [0.0, -1.0]]
    assert model.probabilities(rows) == pytest.approx([model.probability(x) for x in rows])


def test_run_time_needs_no_scikit_learn() -> None:
    """The model is plain JSON read by ``json``; clustering never imports scikit-learn."""
    code = (
        "import sys\n"
        "from corroborate.link.stories import StoryIndex\n"
        "from corroborate.types import Article\n"
        "i = StoryIndex(encoder=None)\n"
        "i.add(Article(id='a', path='p', text='A ferry sank off the coast of Ravenna.'))\n"
        "i.add(Article(id='b', path='p', text='The ferry that sank off Ravenna carried 40.'))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _fit_script() -> Any:
    path = Path(__file__).resolve().parents[2] / "bench" / "fit_story_model.py"
    spec = importlib.util.spec_from_file_location("fit_story_model", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_monotone_trees_never_rise_as_text_similarity_falls() -> None:
    """``--kind monotone``: exported to the shipped node lists, the trees give a pair
    less P when a text similarity is lowered or the metadata gap grows, though the
    invented labels reward few shared words where many figures are shared (plain trees
    fitted on the same rows rise there)."""
    fit = _fit_script()
    rng = np.random.default_rng(5)
    X = rng.random((3000, len(FEATURES)))
    words, emb, gap = (FEATURES.index(f) for f in ("words_cos", "emb_cos", "gap_firm"))
    score = 2 * X[:, words] + X[:, emb] - X[:, gap] + rng.normal(0, 0.5, len(X))
    score[(X[:, words] < 0.1) & (X[:, FEATURES.index("shared_figures")] > 0.8)] += 3
    params = fit.fit(X.tolist(), (score > 1.2).astype(int).tolist(), "monotone")
    model = story_model.from_json(fit.model_json(params, "monotone", 0.5, 0.7), FEATURES)
    assert model.kind == "trees"
    for x in X[:300]:
        for at, step in ((words, -0.3), (emb, -0.3), (gap, 0.3)):
            moved = list(x)
            moved[at] += step
            assert model.log_odds(moved) <= model.log_odds(list(x)) + 1e-9


# ----------------------------------------------------------------------------- dates


def _court_index(fixtures_dir: Path) -> tuple[StoryIndex, str, Article, Analysis | None]:
    pairs, _ = load_fixture(fixtures_dir)
    index = StoryIndex()
    for art, ana in pairs:
        if art.id != "court-3":
            index.add(art, ana)
    art, ana = next((a, x) for a, x in pairs if a.id == "court-3")
    sid = index.story_of("court-1")
    assert sid is not None
    return index, sid, art, ana


@pytest.mark.parametrize("source", ["inferred", "text"])
def test_a_date_from_the_text_far_off_does_not_split_a_story(
    fixtures_dir: Path, source: PublishedSource
) -> None:
    """A date found in the text or inferred may be about something else (a birth date, an
    earlier event): however far it is, the article still joins its story."""
    index, sid, art, ana = _court_index(fixtures_dir)
    far = (date.fromisoformat(art.published or "") - timedelta(days=3 * 365)).isoformat()
    moved = replace(art, published=far, published_source=source)
    assert index.add(moved, ana) == sid


def test_a_missing_date_does_not_split_a_story(fixtures_dir: Path) -> None:
    index, sid, art, ana = _court_index(fixtures_dir)
    undated = replace(art, published=None, published_source="unknown")
    assert index.add(undated, ana) == sid


def test_a_metadata_date_beyond_the_window_starts_a_new_story(fixtures_dir: Path) -> None:
    index, sid, art, ana = _court_index(fixtures_dir)
    far = (date.fromisoformat(art.published or "") + timedelta(days=MAX_GAP_DAYS + 5)).isoformat()
    moved = replace(art, published=far, published_source="metadata")
    assert index.add(moved, ana) != sid


def test_state_keeps_the_recent_members_and_continues_identically(fixtures_dir: Path) -> None:
    pairs, _ = load_fixture(fixtures_dir)
    index = StoryIndex(encoder=None)
    for art, ana in pairs[:5]:
        index.add(art, ana)
    restored = StoryIndex.from_state(json.loads(json.dumps(index.to_state())), encoder=None)
    for art, ana in pairs[5:]:
        assert restored.add(art, ana) == index.add(art, ana)
    assert restored.to_state() == index.to_state()
