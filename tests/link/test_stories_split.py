"""The second look (StoryIndex.split): a story whose members form two groups the model
would not join is split in two, keeping its id for the group of its first member."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from corroborate.link import stories as S
from corroborate.link.stories import StoryIndex, two_groups
from corroborate.types import Article

FERRY = [
    "The Velmar ferry ran aground off Kestrel Point on Monday, stranding forty passengers.",
    "Forty passengers were stranded when the Velmar ferry ran aground off Kestrel Point.",
    "Coastguards towed the Velmar ferry off the rocks at Kestrel Point after it ran aground.",
]
OPERA = [
    "Soprano Ilse Brandauer sang her farewell Tosca at the Grand Theatre on Monday night.",
    "Ilse Brandauer bowed out at the Grand Theatre with a farewell Tosca, the soprano's last.",
    "The Grand Theatre gave soprano Ilse Brandauer a standing ovation after her last Tosca.",
]


def _model(intercept: float, words_coef: float) -> dict[str, Any]:
    """A logistic same-story model on the title+lead TF-IDF cosine alone."""
    n = len(S.FEATURES)
    coef = [0.0] * n
    coef[S.FEATURES.index("words_cos")] = words_coef
    return {
        "kind": "logistic",
        "features": list(S.FEATURES),
        "join": 0.3,
        "merge": 0.5,
        "params": {"intercept": intercept, "coef": coef, "mean": [0.0] * n, "scale": [1.0] * n},
    }


def _articles() -> list[Article]:
    """Ferry and opera reports, alternating (the order that merges two events)."""
    out = []
    for k, (ferry, opera) in enumerate(zip(FERRY, OPERA, strict=True)):
        out.append(Article(id=f"f{k}", path=f"f{k}", text=ferry, title=ferry.split(",")[0]))
        out.append(Article(id=f"o{k}", path=f"o{k}", text=opera, title=opera.split(",")[0]))
    return out


def _index(model: dict[str, Any], background: list[Article]) -> StoryIndex:
    index = StoryIndex(encoder=None, model=model)
    for article in background:
        index.add(article)
    return index


def placed(background: list[Article], groups: list[list[Article]]) -> tuple[StoryIndex, list[str]]:
    """Each group placed as one story whatever the model says (as if placement had grown
    it by mistake, or never compared the groups), in an index whose model tells related
    texts from unrelated ones (title+lead word cosine)."""
    index = _index(_model(-3.0, 12.0), background)
    ids = []
    for group in groups:
        story = index.place(index.prepare(group[0], None)[0], None)
        for article in group[1:]:
            index.place(index.prepare(article, None)[0], story)
        ids.append(story.id)
    return index, ids


def _merged_index(background: list[Article]) -> tuple[StoryIndex, str, list[Article]]:
    """Every article, ferry and opera alternating, in one story."""
    arts = _articles()
    index, (sid,) = placed(background, [arts])
    return index, sid, arts


def test_two_groups_is_average_link_down_to_two() -> None:
    p = np.array(
        [
            [0.0, 0.9, 0.1, 0.2],
            [0.9, 0.0, 0.2, 0.1],
            [0.1, 0.2, 0.0, 0.8],
            [0.2, 0.1, 0.8, 0.0],
        ]
    )
    first, second, cross = two_groups(p)
    assert (first, second) == ([0, 1], [2, 3])
    assert cross == (0.1 + 0.2 + 0.2 + 0.1) / 4
    # the group of row 0 comes first whichever pair merges first
    first, second, _ = two_groups(p[::-1, ::-1].copy())
    assert first == [0, 1] and second == [2, 3]


def test_a_story_of_two_events_is_split_and_keeps_its_id(background: list[Article]) -> None:
    index, sid, arts = _merged_index(background)
    assert len(index.stories()[sid]) == 6
    new = index.split(sid, [(a, None) for a in arts])
    assert new is not None and new != sid
    stories = index.stories()
    assert sorted(stories[sid]) == ["f0", "f1", "f2"]  # f0, its first member, stays
    assert sorted(stories[new]) == ["o0", "o1", "o2"]
    assert {index.story_of(a.id) for a in arts if a.id.startswith("o")} == {new}


def test_after_a_split_a_new_report_finds_its_own_event(background: list[Article]) -> None:
    index, sid, arts = _merged_index(background)
    new = index.split(sid, [(a, None) for a in arts])
    text = "At the Grand Theatre, Ilse Brandauer ended her career with Tosca."
    late = Article(id="o9", path="o9", text=text, title=text)
    assert index.add(late) == new
    # the kept story's postings no longer lead to the opera words
    item, probe = index.prepare(late, None)
    assert sid not in {s.id for s in index.candidates(item, probe)}


def test_a_story_of_one_event_is_not_split(background: list[Article]) -> None:
    arts = [a for a in _articles() if a.id.startswith("f")]
    index = _index(_model(-3.0, 12.0), background)
    ids = {index.add(a) for a in arts}
    assert len(ids) == 1
    extra = Article(id="f9", path="f9", text=FERRY[0] + " Nobody was hurt.", title="Ferry")
    sid = index.add(extra)
    assert index.split(sid, [(a, None) for a in [*arts, extra]]) is None
    assert len(index.stories()[sid]) == 4


def test_no_split_without_every_member(background: list[Article]) -> None:
    index, sid, arts = _merged_index(background)
    assert index.split(sid, [(a, None) for a in arts[:-1]]) is None  # o2 missing
    assert index.split(sid, [(a, None) for a in arts]) is not None  # all there: split


def _four(background: list[Article]) -> tuple[StoryIndex, str, list[Article]]:
    """f0, o0, f1, f2 in one story: one opera report only."""
    arts = _articles()
    four = [*arts[:3], arts[4]]
    index, (first,) = placed(background, [four])
    return index, first, four


def test_a_lone_member_apart_is_not_split_off(
    background: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, sid, four = _four(background)
    assert index.split(sid, [(a, None) for a in four]) is None
    # the group size, not the scores, keeps it: with groups of one it would go
    monkeypatch.setattr(S, "SPLIT_MIN_PART", 1)
    index, sid, four = _four(background)
    new = index.split(sid, [(a, None) for a in four])
    assert new is not None and index.stories()[new] == ["o0"]


def test_the_link_pass_deals_a_split_storys_articles_between_both(
    background: list[Article],
) -> None:
    from corroborate.run.local import _split_stories
    from corroborate.types import Analysis, AnalyzedArticle

    index, sid, arts = _merged_index(background)
    docs = [AnalyzedArticle(a, Analysis(article_id=a.id)) for a in arts]
    out = _split_stories(index, {sid: docs})
    assert len(out) == 2
    new = next(k for k in out if k != sid)
    assert [d.article.id for d in out[sid]] == ["f0", "f1", "f2"]
    assert [d.article.id for d in out[new]] == ["o0", "o1", "o2"]
    # a story left whole comes back as it was
    assert _split_stories(index, {sid: out[sid]}) == {sid: out[sid]}
