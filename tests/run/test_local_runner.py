"""The local runner: the Runner protocol, the process pool, and the old entry points."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corroborate.run import Runner, make_runner
from corroborate.run.local import LocalRunner, analyze_pending, link
from corroborate.types import Analysis, Article
from tests.run.helpers import (
    CountingStore,
    analyses_json,
    ingested,
    stories_json,
    story_membership,
)


def test_local_runner_is_a_runner() -> None:
    with make_runner("local", processes=2) as runner:
        assert isinstance(runner, Runner)
        assert runner.name == "local"
    with pytest.raises(ValueError, match="unknown runner"):
        make_runner("spark")


def test_pool_matches_serial_and_old_entry_points(tmp_path: Path) -> None:
    """processes=2 with incremental links gives the same store as analyze_pending + link."""
    with ingested(tmp_path / "old.db") as old:
        assert analyze_pending(old) == 10
        assert link(old) > 0
        want_analyses, want_stories = analyses_json(old), stories_json(old)
    with ingested(tmp_path / "new.db") as store, LocalRunner(2) as runner:
        counting = CountingStore(store)
        summary = runner.run(counting, batch_size=3, link_every=100)
        assert (summary.analysed, summary.batches, summary.links) == (10, 4, 1)
        assert sorted(counting.puts) == sorted(want_analyses)
        assert analyses_json(store) == want_analyses
        assert stories_json(store) == want_stories
        # a second run finds nothing to do
        assert runner.run(store).analysed == 0


def test_incremental_links_cover_every_article_once(tmp_path: Path) -> None:
    with ingested(tmp_path / "a.db") as store, LocalRunner(1) as runner:
        summary = runner.run(store, batch_size=2, link_every=1)
        assert summary.links == 6  # after each of 5 batches, and at the end
        membership = story_membership(store)
        assert set(membership) == {a.id for a in store.articles()}
        assert set(membership.values()) == {1}


def test_link_analysed_only_leaves_pending_articles(tmp_path: Path) -> None:
    with ingested(tmp_path / "a.db") as store:
        assert link(store, analysed_only=True) == 0  # nothing analysed yet: nothing linked
        assert store.stories() == []
        analyze_pending(store)
        assert link(store, analysed_only=True) > 0
        assert sum(story_membership(store).values()) == 10


def test_an_article_that_breaks_analysis_does_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corroborate.run.local as local_module
    from corroborate.errors import CorroborateError

    real = local_module.analyze_articles  # type: ignore[attr-defined]

    def flaky(articles: list[Article], **kwargs: Any) -> Iterator[Analysis]:
        if any(a.id == "ch-1" for a in articles):
            raise ValueError("day is out of range for month")
        return real(articles, **kwargs)

    monkeypatch.setattr(local_module, "analyze_articles", flaky)
    with ingested(tmp_path / "a.db") as store, LocalRunner(1) as runner:
        summary = runner.run(store, batch_size=4)
        assert (summary.analysed, summary.failed) == (10, 1)
        broken = store.get_analysis("ch-1")
        assert broken is not None and broken.entities == ()
        assert broken.notes == ("analysis failed: ValueError: day is out of range for month",)
        assert all(a.entities for aid, a in store.analyses() if aid != "ch-1")
        assert set(story_membership(store).values()) == {1}

    def broken_setup(articles: list[Article], **kwargs: Any) -> Iterator[Analysis]:
        raise CorroborateError("spaCy model 'x' is not installed")

    monkeypatch.setattr(local_module, "analyze_articles", broken_setup)
    with ingested(tmp_path / "b.db") as store, LocalRunner(1) as runner:
        with pytest.raises(CorroborateError, match="not installed"):
            runner.run(store)
        assert store.get_analysis("ch-1") is None  # nothing half-written
