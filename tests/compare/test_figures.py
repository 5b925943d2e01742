"""Figure groups across outlets and their verdicts: rules alone, invented fixtures, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.compare.figures import compare_figures, figure_verdict, pair_verdict
from corroborate.types import (
    AnalyzedArticle,
    Article,
    FigureGroup,
    FigureReport,
    StoryEntity,
)
from tests.compare.helpers_figures import entities_by_surname

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "compare"
#: (file, outlet): one invented trial-and-protest story told by three outlets.
OUTLETS = (
    ("figures_ledger.txt", "Northern Ledger"),
    ("figures_times.txt", "Coast Times"),
    ("figures_meridian.txt", "Daily Meridian"),
)
INF = None


def load_docs() -> list[AnalyzedArticle]:
    from corroborate.analyze.pipeline import analyze_article

    docs = []
    for name, outlet in OUTLETS:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        article = Article(
            id=name.removeprefix("figures_").removesuffix(".txt"),
            path=str(FIXTURES / name),
            text=text,
            outlet=outlet,
            published="2024-05-14",
            published_source="metadata",
        )
        docs.append(AnalyzedArticle(article, analyze_article(article)))
    return docs


@pytest.fixture(scope="module")
def docs() -> list[AnalyzedArticle]:
    return load_docs()


@pytest.fixture(scope="module")
def groups(docs: list[AnalyzedArticle]) -> tuple[FigureGroup, ...]:
    return compare_figures(docs, entities_by_surname(docs))


def _group(groups: tuple[FigureGroup, ...], measure: str) -> FigureGroup:
    found = [g for g in groups if g.measure == measure and len(g.reports) > 1]
    assert len(found) == 1, [(g.measure, [r.text for r in g.reports]) for g in groups]
    return found[0]


def _r(
    aid: str,
    low: float | None,
    high: float | None,
    qualifier: str | None = None,
    approximate: bool = False,
    text: str = "",
) -> FigureReport:
    return FigureReport(aid, text or f"{low}-{high}", low, high, 0, 1, qualifier, approximate)


# --------------------------------------------------------------------------- rules alone

PAIRS = [
    # (a, b, verdict): intervals alone, as the figure extractor writes them
    (_r("a", 32, 32), _r("b", 30, 30), "conflict"),  # 2 y 8 m vs 2.5 y: both exact
    (_r("a", 3, 3), _r("b", 3, 3), "agree"),  # same exact value
    (_r("a", 11000, INF, "over"), _r("b", 9000, 11000, "about", True), "approximate"),  # touch
    (_r("a", 2000, 9999, approximate=True), _r("b", 11000, INF, "over"), "approximate"),  # 9%
    (_r("a", 2000, 9999, approximate=True), _r("b", 9000, 11000, "about", True), "agree"),
    (_r("a", 500, INF, "more than"), _r("b", 405, 495, "about", True), "approximate"),
    (_r("a", 200, 999, approximate=True), _r("b", 500, INF, "more than"), "agree"),
    (_r("a", 11000, 11000), _r("b", 11000, INF, "at least"), "agree"),  # inclusive bound
    (_r("a", 11000, 11000), _r("b", 11000, INF, "more than"), "approximate"),  # strict bound
    (_r("a", 2700, 3000, "nearly", True), _r("b", 3000, 3000), "approximate"),  # "nearly" < N
    (_r("a", 9000, 11000, "about", True), _r("b", 11000, 11000), "agree"),  # within rounding
    (_r("a", 500, INF, "over"), _r("b", 0, 400, "up to"), "conflict"),  # gap 20 %
    (_r("a", 20000, 99999, approximate=True), _r("b", 2000, 9999, approximate=True), "conflict"),
    (_r("a", 1.5, 1.5), _r("b", 0.25, 0.25), "conflict"),
    (_r("a", 100, 100), _r("b", 110, 110), "conflict"),  # exact values never "approximate"
]


@pytest.mark.parametrize(("a", "b", "verdict"), PAIRS)
def test_pair_verdict(a: FigureReport, b: FigureReport, verdict: str) -> None:
    assert pair_verdict(a, b)[0] == verdict
    assert pair_verdict(b, a)[0] == verdict  # symmetric


def test_figure_verdict_single_source() -> None:
    assert figure_verdict([_r("a", 3, 3)])[0] == "single_source"
    assert figure_verdict([_r("a", 3, 3), _r("a", 4, 4)])[0] == "single_source"
    assert figure_verdict([])[0] == "single_source"


def test_figure_verdict_worst_pair_names_outlets() -> None:
    reports = [
        _r("x", 2000, 9999, approximate=True, text="thousands"),
        _r("y", 11000, INF, "over", text="over 11,000"),
        _r("z", 9000, 11000, "about", True, text="about ten thousand"),
    ]
    verdict, why = figure_verdict(reports, {"x": "Outlet X", "y": "Outlet Y", "z": "Outlet Z"})
    assert verdict == "approximate"
    assert "Outlet Y 'over 11,000'" in why and "Outlet Z" in why
    verdict, why = figure_verdict([*reports, _r("w", 30, 30, text="thirty")], {"w": "Outlet W"})
    assert verdict == "conflict" and "Outlet W 'thirty'" in why


# --------------------------------------------------------------------------- fixtures


def test_sentence_conflict(groups: tuple[FigureGroup, ...]) -> None:
    g = _group(groups, "sentence — months")
    assert g.verdict == "conflict" and g.unit == "months" and g.subject == "Tomas Varga"
    # headline and body collapse to one report per article
    assert {r.article_id: (r.low, r.high) for r in g.reports} == {
        "ledger": (48, 48),
        "times": (42, 42),
    }
    assert "Northern Ledger" in g.explanation and "Coast Times" in g.explanation


def test_arrests_approximate(groups: tuple[FigureGroup, ...]) -> None:
    g = _group(groups, "detain — people")
    assert g.verdict == "approximate"
    assert {r.article_id: r.text for r in g.reports} == {
        "ledger": "more than 500 people",
        "times": "About 450 people",
        "meridian": "Hundreds of protesters",
    }
    # "hundreds" overlaps both precise reports: only the 500+/450 pair is named
    assert "Daily Meridian" not in g.explanation


def test_same_number_agrees(groups: tuple[FigureGroup, ...]) -> None:
    g = _group(groups, "expel — people")
    assert g.verdict == "agree" and len(g.reports) == 2


def test_single_source_and_offsets(
    docs: list[AnalyzedArticle], groups: tuple[FigureGroup, ...]
) -> None:
    hours = [g for g in groups if g.measure == "last — hours"]
    assert len(hours) == 1 and hours[0].verdict == "single_source"
    assert [r.text for r in hours[0].reports] == ["six hours"]
    texts = {d.article.id: d.article.text for d in docs}
    for g in groups:
        assert len({r.article_id for r in g.reports}) == len(g.reports)
        for r in g.reports:
            assert texts[r.article_id][r.start : r.end] == r.text
    ids = [g.id for g in groups]
    assert len(set(ids)) == len(ids)
    # every figure ends in a group (possibly collapsed with a same-article twin)
    n_figures = sum(len(d.analysis.figures) for d in docs)
    assert sum(len(g.reports) for g in groups) <= n_figures


def test_different_people_do_not_group(docs: list[AnalyzedArticle]) -> None:
    """Two different persons sentenced are two measures, not a conflict."""
    ents = list(entities_by_surname(docs))
    varga = next(e for e in ents if e.name == "Tomas Varga")
    # split Varga of the "times" article into another person
    other = StoryEntity(
        "EX",
        "Someone Else",
        "PERSON",
        local_ids=tuple(p for p in varga.local_ids if p[0] == "times"),
    )
    ents = [e for e in ents if e is not varga]
    ents += [
        StoryEntity(
            varga.id,
            varga.name,
            "PERSON",
            local_ids=tuple(p for p in varga.local_ids if p[0] != "times"),
        ),
        other,
    ]
    groups = compare_figures(docs, ents)
    sentence = [g for g in groups if g.measure == "sentence — months"]
    assert all(g.verdict == "single_source" for g in sentence) and len(sentence) == 2


def test_with_resolved_entities(docs: list[AnalyzedArticle]) -> None:
    entities = pytest.importorskip("corroborate.link.entities")
    groups = compare_figures(docs, entities.resolve_entities(docs))
    assert _group(groups, "sentence — months").verdict == "conflict"
    assert _group(groups, "detain — people").verdict == "approximate"


# --------------------------------------------------------------------------- seeds


def test_seed_figure_groups(seeds_dir: Path) -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.clean import clean_document
    from corroborate.ingest import read_inputs
    from corroborate.types import RawDocument

    raws = [r for r in read_inputs([str(seeds_dir)]) if isinstance(r, RawDocument)]
    articles = [a for a in (clean_document(r) for r in raws) if isinstance(a, Article)]
    assert len(articles) == 3
    docs = [AnalyzedArticle(a, analyze_article(a)) for a in articles]
    by_file = {Path(d.article.path).name[:3]: d.article.id for d in docs}
    try:
        from corroborate.link.entities import resolve_entities

        entities = resolve_entities(docs)
    except ImportError:
        entities = entities_by_surname(docs)
    groups = compare_figures(docs, entities)

    sentence = [g for g in groups if g.measure == "sentence — months" and len(g.reports) > 1]
    assert len(sentence) == 1
    assert sentence[0].verdict == "conflict"
    assert {by_file["000"], by_file["004"]} <= {r.article_id for r in sentence[0].reports}

    detained = [g for g in groups if g.measure == "detain — people" and len(g.reports) > 1]
    protest = [
        g for g in detained if {by_file["002"], by_file["004"]} <= {r.article_id for r in g.reports}
    ]
    assert len(protest) == 1
    assert protest[0].verdict != "agree"
    assert all(r.low is not None and r.low >= 1000 for r in protest[0].reports)
    # Navalny's own arrest, told by his name, is not one of the protest's thousands
    named = [g for g in detained if g is not protest[0]]
    assert all(r.low == 1 for g in named for r in g.reports)

    texts = {d.article.id: d.article.text for d in docs}
    expressions = {(d.article.id, f.start, f.end, f.text) for d in docs for f in d.analysis.figures}
    for g in groups:
        for r in g.reports:
            assert texts[r.article_id][r.start : r.end] == r.text
            assert (r.article_id, r.start, r.end, r.text) in expressions
