"""Story assembly: the cross-article stages in order, analyst ordering, the dossier entry."""

from __future__ import annotations

import importlib
import importlib.util
import json
import math
import sys
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from corroborate.types import (
    AnalyzedArticle,
    Article,
    Claim,
    Evidence,
    FigureGroup,
    FigureReport,
    Story,
    StoryEntity,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "compare"
#: (file, publication date, outlet): the fare-protest story of test_timeline.py
OUTLETS = (
    ("timeline_herald.txt", "2025-03-12", "Riverton Herald"),
    ("timeline_courier.txt", "2025-03-16", "Riverton Courier"),
    ("timeline_gazette.txt", "2025-03-17", "Valley Gazette"),
)


def load_fixture_articles() -> list[Article]:
    articles = []
    for name, published, outlet in OUTLETS:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        articles.append(
            Article(
                id=name.removeprefix("timeline_").removesuffix(".txt"),
                path=str(FIXTURES / name),
                text=text,
                outlet=outlet,
                title=text.split("\n", 1)[0],
                published=published,
                published_source="metadata",
            )
        )
    return articles


def analyse(articles: list[Article]) -> list[AnalyzedArticle]:
    from corroborate.analyze.pipeline import analyze_article

    return [AnalyzedArticle(a, analyze_article(a)) for a in articles]


#: module -> function names that build_story imports from it
DEPENDENCIES = {
    "corroborate.compare.figures": ("compare_figures",),
    "corroborate.compare.quotes": ("match_quotes",),
    "corroborate.compare.claims": ("align_claims",),
    "corroborate.compare.coverage": ("coverage",),
    "corroborate.link.entities": ("resolve_entities", "EntityRegistry"),
}

CONTRACT = {
    "story": {"id", "title", "article_ids", "entities", "figures", "claims", "quotes", "timeline"},
    "entity": {"id", "name", "type", "aliases", "roles", "mentions"},
    "role": {"text", "article_ids"},
    "mention": {"article_id", "start", "end", "text"},
    "figure": {"id", "measure", "subject", "unit", "verdict", "reports"},
    "figure_report": {"article_id", "text", "low", "high", "start", "end"},
    "claim": {"id", "text", "verdict", "support"},
    "evidence": {"article_id", "start", "end"},
    "quote": {"id", "speaker", "speaker_name", "text", "kind", "reports"},
    "timeline": {"date", "precision", "description", "reports"},
    "timeline_report": {"article_id", "start", "end", "expression"},
}


def _empty(*args: Any, **kwargs: Any) -> tuple[()]:
    return ()


class _Registry:
    """Stand-in for link.entities.EntityRegistry while it has not landed."""


def _stub(module: str, names: Sequence[str]) -> types.ModuleType:
    stub = types.ModuleType(module)
    for name in names:
        setattr(stub, name, _Registry if name == "EntityRegistry" else _empty)
    return stub


@pytest.fixture()
def story_module(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """``corroborate.compare.story``, with empty stand-ins for stages not written yet."""
    for module, names in DEPENDENCIES.items():
        if importlib.util.find_spec(module) is None:
            monkeypatch.setitem(sys.modules, module, _stub(module, names))
    monkeypatch.delitem(sys.modules, "corroborate.compare.story", raising=False)
    yield importlib.import_module("corroborate.compare.story")
    sys.modules.pop("corroborate.compare.story", None)


@pytest.fixture(scope="module")
def docs() -> list[AnalyzedArticle]:
    return analyse(load_fixture_articles())


def check_contract(entry: dict[str, Any]) -> None:
    """Every key the dossier contract names is present, at every level."""

    def has(obj: dict[str, Any], kind: str) -> None:
        missing = CONTRACT[kind] - set(obj)
        assert not missing, f"{kind} lacks {missing}"

    has(entry, "story")
    for e in entry["entities"]:
        has(e, "entity")
        for r in e["roles"]:
            has(r, "role")
        for m in e["mentions"]:
            has(m, "mention")
    for f in entry["figures"]:
        has(f, "figure")
        assert f["verdict"] in {"agree", "approximate", "conflict", "single_source"}
        for r in f["reports"]:
            has(r, "figure_report")
            for bound in (r["low"], r["high"]):
                assert bound is None or (isinstance(bound, int | float) and math.isfinite(bound))
    for c in entry["claims"]:
        has(c, "claim")
        assert c["verdict"] in {"corroborated", "contested", "single_source"}
        for ev in c["support"]:
            has(ev, "evidence")
    for q in entry["quotes"]:
        has(q, "quote")
        for ev in q["reports"]:
            has(ev, "evidence")
    for t in entry["timeline"]:
        has(t, "timeline")
        assert t["precision"] in {"day", "week", "month", "year"}
        assert len(t["date"]) == 10
        for r in t["reports"]:
            has(r, "timeline_report")
    json.dumps(entry, allow_nan=False)


def check_spans(story: Story, docs: Sequence[AnalyzedArticle]) -> None:
    """Every recorded span points at its recorded text; ids are unique per list."""
    texts = {d.article.id: d.article.text for d in docs}

    def span(aid: str, start: int, end: int, text: str) -> None:
        assert 0 <= start <= end <= len(texts[aid])
        if text:
            assert texts[aid][start:end] == text, (aid, start, end, text)

    for e in story.entities:
        for m in e.mentions:
            span(m.article_id, m.start, m.end, m.text)
    for g in story.figures:
        for r in g.reports:
            span(r.article_id, r.start, r.end, r.text)
    for c in story.claims:
        for ev in (*c.support, *c.contradicted_by):
            span(ev.article_id, ev.start, ev.end, ev.text)
    for q in story.quotes:
        for ev in q.reports:
            span(ev.article_id, ev.start, ev.end, ev.text)
    for t in story.timeline:
        for r in t.reports:
            span(r.article_id, r.start, r.end, r.expression)
    for items in (story.entities, story.figures, story.claims, story.quotes):
        ids = [item.id for item in items]
        assert len(ids) == len(set(ids))


def test_build_story_on_fixtures(
    story_module: types.ModuleType, docs: list[AnalyzedArticle]
) -> None:
    story = story_module.build_story("S1", list(reversed(docs)))
    assert story.id == "S1"
    assert story.article_ids == ("herald", "courier", "gazette")  # by publication date
    assert story.first_published == "2025-03-12"
    assert story.last_published == "2025-03-17"
    assert story.title == docs[0].article.title  # the earliest article's
    assert story.timeline
    check_spans(story, docs)
    entry = story_module.story_to_dossier(story)
    check_contract(entry)
    assert entry["article_ids"] == ["herald", "courier", "gazette"]
    assert len(entry["timeline"]) == len(story.timeline)
    assert all("local_ids" not in e for e in entry["entities"])


def test_stages_called_in_order_and_results_ordered(
    story_module: types.ModuleType,
    docs: list[AnalyzedArticle],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    text = docs[1].article.text
    start = text.index("5,000")
    figure_reports = (
        FigureReport("courier", "5,000", 5000.0, 5000.0, start, start + 5),
        FigureReport("gazette", "over 4,000", 4000.0, math.inf, 0, 0, field="title"),
    )
    people = StoryEntity("E1", "Dana Whitlock", "PERSON", local_ids=(("herald", "x"),))
    riverton = StoryEntity(
        "E2",
        "Riverton",
        "GPE",
        local_ids=(("herald", "y"), ("courier", "y"), ("gazette", "y")),
    )

    def entities(d: Sequence[AnalyzedArticle], registry: object) -> tuple[StoryEntity, ...]:
        calls.append("entities")
        assert [x.article.id for x in d] == ["herald", "courier", "gazette"]
        return (people, riverton)

    def figures(d: object, ents: object) -> tuple[FigureGroup, ...]:
        calls.append("figures")
        return (
            FigureGroup("F1", "take part people", None, "people", "single_source", ()),
            FigureGroup("F2", "take part people", None, "people", "conflict", figure_reports),
        )

    def quotes(d: object, ents: object) -> tuple[()]:
        calls.append("quotes")
        return ()

    def claims(d: object, ents: object, figs: tuple[FigureGroup, ...]) -> tuple[Claim, ...]:
        calls.append("claims")
        assert [g.id for g in figs] == ["F1", "F2"]
        ev = Evidence("courier", 0, 9, text[:9])
        return (
            Claim("C1", "a", "single_source", (ev,)),
            Claim("C2", "b", "corroborated", (ev, Evidence("gazette", 0, 3))),
            Claim("C3", "c", "contested", (ev,)),
        )

    def coverage(d: object, cl: tuple[Claim, ...]) -> tuple[()]:
        calls.append("coverage")
        assert len(cl) == 3
        return ()

    for name, fn in (
        ("resolve_entities", entities),
        ("compare_figures", figures),
        ("match_quotes", quotes),
        ("align_claims", claims),
        ("coverage", coverage),
    ):
        monkeypatch.setattr(story_module, name, fn)
    story = story_module.build_story("S2", docs)
    assert calls == ["entities", "figures", "quotes", "claims", "coverage"]
    assert [g.id for g in story.figures] == ["F2", "F1"]  # conflict first
    assert [c.id for c in story.claims] == ["C3", "C2", "C1"]
    assert [e.id for e in story.entities[:2]] == ["E2", "E1"]  # mentioned by more articles
    # then the story's days, its unnamed participants and what its reports discuss, ids
    # qualified by the story
    rest = [e.type for e in story.entities[2:]]
    days, participants = rest.count("DATE"), rest.count("UNNAMED")
    times, unnamed, topics = (
        story.entities[2 : 2 + days],
        story.entities[2 + days : 2 + days + participants],
        story.entities[2 + days + participants :],
    )
    assert times and all(e.type == "DATE" and e.id.startswith("S2-T") for e in times)
    assert unnamed and all(e.type == "UNNAMED" and e.id.startswith("S2-U") for e in unnamed)
    assert topics and all(e.type == "TOPIC" and e.id.startswith("S2-D") for e in topics)
    entry = story_module.story_to_dossier(story)
    check_contract(entry)
    open_end = entry["figures"][0]["reports"][1]
    assert (open_end["low"], open_end["high"]) == (4000.0, None)
    # a headline's report says its offsets are into the title (present/brief.in_field)
    assert [r["field"] for r in entry["figures"][0]["reports"]] == ["text", "title"]


def test_seeds_build_one_story(story_module: types.ModuleType, seeds_dir: Path) -> None:
    from corroborate.clean import clean_document
    from corroborate.ingest import read_inputs
    from corroborate.types import RawDocument

    raws = [r for r in read_inputs([str(seeds_dir)]) if isinstance(r, RawDocument)]
    articles = [a for a in (clean_document(r) for r in raws) if isinstance(a, Article)]
    docs = analyse(articles)
    story = story_module.build_story("seeds", docs)
    assert set(story.article_ids) == {d.article.id for d in docs}
    assert len(story.article_ids) == 3
    assert story.title
    assert any(t.date == "2021-02-14" for t in story.timeline)
    check_spans(story, docs)
    check_contract(story_module.story_to_dossier(story))
