"""The other side of the second look (StoryIndex.rejoin): two stories of one event, each
grown before the other had a shape, are merged when their members would join each
other (a lone article left out too); stories of two events are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.link import stories as S
from corroborate.link import story_model
from corroborate.link.stories import StoryIndex
from corroborate.types import Analysis, AnalyzedArticle, Article
from tests.link.test_stories_split import FERRY, OPERA, _model, placed

FERRY4 = [*FERRY, "The Velmar ferry that ran aground off Kestrel Point is back in port."]


def _art(prefix: str, k: int, text: str) -> Article:
    return Article(id=f"{prefix}{k}", path=f"{prefix}{k}", text=text, title=text.split(",")[0])


def _given(groups: list[list[Article]]) -> dict[str, tuple[Article, Analysis | None]]:
    return {a.id: (a, None) for group in groups for a in group}


def _rejoin(index: StoryIndex, sid: str, given: dict[str, tuple[Article, None]]) -> str:
    def fetch(other: str) -> list[tuple[Article, None]] | None:
        members = index.members(other) or []
        return [given[m] for m in members] if all(m in given for m in members) else None

    return index.rejoin(sid, [given[m] for m in index.members(sid) or ()], fetch)


def test_two_stories_of_one_event_are_merged_under_the_older_id(
    background: list[Article],
) -> None:
    ferry = [_art("f", k, t) for k, t in enumerate(FERRY4)]
    groups = [ferry[:2], ferry[2:]]
    index, (older, younger) = placed(background, groups)
    kept = _rejoin(index, younger, _given(groups))  # asked from the younger side
    assert kept == older
    assert index.members(older) == ["f0", "f1", "f2", "f3"]
    assert index.members(younger) is None
    assert index.merged()[younger] == older
    assert {index.story_of(a.id) for a in ferry} == {older}


def test_stories_of_two_events_stayplaced(background: list[Article]) -> None:
    ferry = [_art("f", k, t) for k, t in enumerate(FERRY)]
    opera = [_art("o", k, t) for k, t in enumerate(OPERA)]
    index, (a, b) = placed(background, [ferry, opera])
    assert _rejoin(index, a, _given([ferry, opera])) == a
    assert index.members(a) == ["f0", "f1", "f2"] and index.members(b) == ["o0", "o1", "o2"]
    # a neighbour its members do not join is never read
    asked: list[str] = []
    given = _given([ferry, opera])
    mine = [given[m] for m in index.members(a) or ()]
    assert index.rejoin(a, mine, lambda other: asked.append(other)) == a  # type: ignore[func-returns-value]
    assert b not in asked


def test_a_lone_article_left_out_is_merged_from_the_storys_side(
    background: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report placement left alone while its event's story was smaller is a neighbour
    like any other (``REJOIN_MIN_NEIGHBOUR``); a story of one is never the side that
    asks."""
    ferry = [_art("f", k, t) for k, t in enumerate(FERRY)]
    groups = [ferry[:2], ferry[2:]]
    index, (a, b) = placed(background, groups)
    assert index.members(b) == ["f2"]
    assert _rejoin(index, b, _given(groups)) == b and index.members(a) == ["f0", "f1"]
    assert _rejoin(index, a, _given(groups)) == a and index.members(b) is None
    assert index.members(a) == ["f0", "f1", "f2"]
    # with neighbours of two members or more (the rule before 2026-12-07) it stays alone
    monkeypatch.setattr(S, "REJOIN_MIN_NEIGHBOUR", 2)
    index, (a, b) = placed(background, groups)
    assert _rejoin(index, a, _given(groups)) == a and index.members(b) == ["f2"]


def test_a_neighbour_not_given_is_left_alone(background: list[Article]) -> None:
    ferry = [_art("f", k, t) for k, t in enumerate(FERRY4)]
    groups = [ferry[:2], ferry[2:]]
    index, (a, b) = placed(background, groups)
    given = _given(groups)
    mine = [given[m] for m in index.members(a) or ()]
    assert index.rejoin(a, mine, lambda other: None) == a
    # one of its members missing: not judged either
    assert index.rejoin(a, mine, lambda other: [given["f2"]]) == a
    assert index.members(b) == ["f2", "f3"]


def test_below_the_threshold_nothing_is_merged(
    background: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    ferry = [_art("f", k, t) for k, t in enumerate(FERRY4)]
    groups = [ferry[:2], ferry[2:]]
    monkeypatch.setattr(S, "MERGE_AT", 1.0)
    index, (a, b) = placed(background, groups)
    assert _rejoin(index, a, _given(groups)) == a and index.members(b) == ["f2", "f3"]


def test_the_link_pass_reads_a_merged_neighbour_and_rebuilds_it_once(
    background: list[Article], tmp_path: Path
) -> None:
    from corroborate.run.local import _rejoin_stories
    from corroborate.store import open_store

    ferry = [_art("f", k, t) for k, t in enumerate(FERRY4)]
    opera = [_art("o", k, t) for k, t in enumerate(OPERA)]
    groups = [ferry[:2], opera, ferry[2:]]
    index, (a, o, b) = placed(background, groups)
    docs = {x.id: AnalyzedArticle(x, Analysis(article_id=x.id)) for g in groups for x in g}
    with open_store(str(tmp_path / "s.db")) as store:
        for doc in docs.values():
            store.add_article(doc.article)
            store.put_analysis(doc.article.id, doc.analysis)
        # b is not in the chunk: read from the store, merged, rebuilt under a's id
        chunk = {a: [docs["f0"], docs["f1"]], o: [docs[x] for x in ("o0", "o1", "o2")]}
        out = _rejoin_stories(index, chunk, store, {}, set())
        assert sorted(out) == sorted([a, o])
        assert [d.article.id for d in out[a]] == ["f0", "f1", "f2", "f3"]
        assert [d.article.id for d in out[o]] == ["o0", "o1", "o2"]
        # a neighbour this pass has already rebuilt is left alone
        index, (a, o, b) = placed(background, groups)
        chunk = {a: [docs["f0"], docs["f1"]]}
        assert _rejoin_stories(index, chunk, store, {}, {b}) == chunk
        assert index.members(b) == ["f2", "f3"]


def test_a_link_pass_merges_a_stored_story_and_retires_its_dossier(
    background: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through ``run.local.link`` on a store: a new report grows one of two stories of one
    event; the pass merges them under the older id, rebuilds that dossier with every
    article and deletes the younger story's dossier."""
    from corroborate.compare.story import build_story, story_to_dossier
    from corroborate.link.entities import EntityRegistry
    from corroborate.run.local import STORY_STATE, link
    from corroborate.store import open_store

    real = story_model.packaged
    monkeypatch.setattr(
        story_model,
        "packaged",
        lambda name=story_model.MODEL_FILE: (
            _model(-3.0, 12.0) if name == story_model.MODEL_FILE else real(name)
        ),
    )
    ferry = [_art("f", k, t) for k, t in enumerate(FERRY4)]
    index, (older, younger) = placed(background, [ferry[:2], ferry[2:]])
    late = _art(
        "f", 4, "Kestrel Point: the Velmar ferry ran aground and its forty passengers waited."
    )
    docs = {a.id: AnalyzedArticle(a, Analysis(article_id=a.id)) for a in [*ferry, late]}
    with open_store(str(tmp_path / "s.db")) as store:
        for doc in docs.values():
            store.add_article(doc.article)
            store.put_analysis(doc.article.id, doc.analysis)
        registry = EntityRegistry()
        store.put_stories(
            [
                story_to_dossier(build_story(sid, [docs[m] for m in members], registry))
                for sid, members in ((older, ["f0", "f1"]), (younger, ["f2", "f3"]))
            ]
        )
        store.put_state(STORY_STATE, index.to_state())
        link(store)
        ferry_stories = [s for s in store.stories() if set(s["article_ids"]) & set(docs)]
        assert [s["id"] for s in ferry_stories] == [older]
        assert sorted(ferry_stories[0]["article_ids"]) == ["f0", "f1", "f2", "f3", "f4"]
        assert store.get_story(younger) is None
