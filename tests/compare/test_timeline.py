"""The merged timeline: one entry per happening, dated by every outlet that reports it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from corroborate.compare.timeline import build_timeline
from corroborate.types import (
    Analysis,
    AnalyzedArticle,
    Article,
    DateRef,
    Event,
    LocalEntity,
    Mention,
    Span,
    StoryEntity,
    TimelineEntry,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "compare"
#: (file, publication date, outlet): one fare protest told by three outlets.
OUTLETS = (
    ("timeline_herald.txt", "2025-03-12", "Riverton Herald"),
    ("timeline_courier.txt", "2025-03-16", "Riverton Courier"),
    ("timeline_gazette.txt", "2025-03-17", "Valley Gazette"),
)


def load_fixture_articles(published_source: str = "metadata") -> list[Article]:
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
                published_source=published_source,  # type: ignore[arg-type]
            )
        )
    return articles


def analyse(articles: list[Article]) -> list[AnalyzedArticle]:
    from corroborate.analyze.pipeline import analyze_article

    return [AnalyzedArticle(a, analyze_article(a)) for a in articles]


@pytest.fixture(scope="module")
def docs() -> list[AnalyzedArticle]:
    return analyse(load_fixture_articles())


@pytest.fixture(scope="module")
def timeline(docs: list[AnalyzedArticle]) -> tuple[TimelineEntry, ...]:
    return build_timeline(docs, [])


def on(timeline: tuple[TimelineEntry, ...], iso: str) -> list[TimelineEntry]:
    return [e for e in timeline if e.date == iso]


def test_same_protest_from_three_outlets_is_one_entry(
    timeline: tuple[TimelineEntry, ...],
) -> None:
    protests = [e for e in on(timeline, "2025-03-15") if e.event_type == "protest"]
    assert len(protests) == 1
    entry = protests[0]
    assert entry.precision == "day"
    assert len(entry.reports) == 3
    assert {r.article_id for r in entry.reports} == {"herald", "courier", "gazette"}
    expressions = {r.article_id: r.expression for r in entry.reports}
    assert "Saturday" in expressions["herald"]  # "this Saturday", before the day
    assert "Saturday" in expressions["courier"]  # "on Saturday", after it
    assert expressions["gazette"] == "March 15"
    assert "protest" in entry.description.lower()


def test_two_events_on_the_same_day_stay_two(timeline: tuple[TimelineEntry, ...]) -> None:
    same_day = on(timeline, "2025-03-15")
    assert {e.event_type for e in same_day} >= {"protest", "resignation"}
    resignation = next(e for e in same_day if e.event_type == "resignation")
    assert "Greaves" in resignation.description
    assert {r.article_id for r in resignation.reports} <= {"courier", "gazette"}
    assert "courier" in {r.article_id for r in resignation.reports}


def test_future_meeting_is_a_planned_month_entry(timeline: tuple[TimelineEntry, ...]) -> None:
    meeting = on(timeline, "2025-04-01")
    assert len(meeting) == 1
    assert meeting[0].precision == "month"
    assert meeting[0].event_type == "meeting"
    assert meeting[0].description.startswith("Planned meeting")
    assert [r.expression for r in meeting[0].reports] == ["next month"]


def test_sorted_and_spans_point_into_the_text(
    docs: list[AnalyzedArticle], timeline: tuple[TimelineEntry, ...]
) -> None:
    texts = {d.article.id: d.article.text for d in docs}
    assert [e.date for e in timeline] == sorted(e.date for e in timeline)
    for entry in timeline:
        assert entry.description and len(entry.description) < 320
        assert entry.reports
        for r in entry.reports:
            assert texts[r.article_id][r.start : r.end] == r.expression
        keys = [(r.article_id, r.start) for r in entry.reports]
        assert len(keys) == len(set(keys))


def test_story_entity_names_are_used(docs: list[AnalyzedArticle]) -> None:
    local_ids = []
    for d in docs:
        for ent in d.analysis.entities:
            if "Greaves" in ent.name:
                local_ids.append((d.article.id, ent.id))
    assert local_ids, "the analyzer should find Martin Greaves"
    person = StoryEntity("E9", "Martin R. Greaves", "PERSON", local_ids=tuple(local_ids))
    entries = build_timeline(docs, [person])
    resignation = next(e for e in entries if e.event_type == "resignation")
    assert "Martin R. Greaves" in resignation.description


def test_inferred_publication_date_is_noted() -> None:
    docs = analyse(load_fixture_articles(published_source="inferred"))
    entries = build_timeline(docs, [])
    relative = [e for e in entries if e.date == "2025-04-01"]
    assert relative and relative[0].description.endswith("(date inferred)")


# --------------------------------------------------------------------------- merge rules
# Hand-built analyses (no parser): each article is one sentence with one date and one event.


def _article(
    aid: str,
    text: str,
    expression: str,
    iso: str,
    precision: str,
    *,
    published: str = "2024-05-20",
    trigger: str | None = None,
    event_type: str | None = None,
    person: str | None = None,
) -> AnalyzedArticle:
    start = text.index(expression)
    ref = DateRef(expression, start, start + len(expression), iso, precision, True)  # type: ignore[arg-type]
    entities: tuple[LocalEntity, ...] = ()
    actors: tuple[str, ...] = ()
    if person is not None:
        p = text.index(person)
        mention = Mention(p, p + len(person), person, "PERSON", "e0")
        entities = (LocalEntity("e0", person, "PERSON", mentions=(mention,)),)
        actors = ("e0",)
    events: tuple[Event, ...] = ()
    if trigger is not None and event_type is not None:
        t = text.index(trigger)
        events = (
            Event(
                type=event_type,
                trigger=Span(t, t + len(trigger), trigger),
                actors=actors,
                date=ref,
                sentence=Span(0, len(text), text),
            ),
        )
    analysis = Analysis(
        article_id=aid,
        sentences=((0, len(text)),),
        entities=entities,
        dates=(ref,),
        events=events,
    )
    article = Article(id=aid, path=aid, text=text, published=published, published_source="metadata")
    return AnalyzedArticle(article, analysis)


def test_day_merges_into_containing_month_when_type_and_actor_agree() -> None:
    docs = [
        _article("a", "Lena Ortiz resigned last month.", "last month", "2024-04-01", "month",
                 trigger="resigned", event_type="resignation", person="Lena Ortiz"),
        _article("b", "Lena Ortiz resigned on April 9.", "April 9", "2024-04-09", "day",
                 trigger="resigned", event_type="resignation", person="Lena Ortiz"),
    ]  # fmt: skip
    entries = build_timeline(docs, [])
    assert len(entries) == 1
    assert (entries[0].date, entries[0].precision) == ("2024-04-09", "day")
    assert {r.expression for r in entries[0].reports} == {"last month", "April 9"}


def test_month_does_not_chain_two_different_days() -> None:
    docs = [
        _article("a", "Lena Ortiz resigned last month.", "last month", "2024-04-01", "month",
                 trigger="resigned", event_type="resignation", person="Lena Ortiz"),
        _article("b", "Lena Ortiz resigned on April 9.", "April 9", "2024-04-09", "day",
                 trigger="resigned", event_type="resignation", person="Lena Ortiz"),
        _article("c", "Lena Ortiz resigned on April 23.", "April 23", "2024-04-23", "day",
                 trigger="resigned", event_type="resignation", person="Lena Ortiz"),
    ]  # fmt: skip
    entries = build_timeline(docs, [])
    assert sorted(e.date for e in entries) == ["2024-04-09", "2024-04-23"]
    assert sum(len(e.reports) for e in entries) == 3


def test_same_type_same_day_different_people_stay_apart() -> None:
    docs = [
        _article("a", "Lena Ortiz resigned on Friday.", "Friday", "2024-05-17", "day",
                 trigger="resigned", event_type="resignation", person="Lena Ortiz"),
        _article("b", "Paul Brandt resigned on Friday.", "Friday", "2024-05-17", "day",
                 trigger="resigned", event_type="resignation", person="Paul Brandt"),
    ]  # fmt: skip
    assert len(build_timeline(docs, [])) == 2


def test_story_entity_links_spellings() -> None:
    docs = [
        _article("a", "Alexei Sorokin resigned on Friday.", "Friday", "2024-05-17", "day",
                 trigger="resigned", event_type="resignation", person="Alexei Sorokin"),
        _article("b", "Alexey Sorokin resigned on Friday.", "Friday", "2024-05-17", "day",
                 trigger="resigned", event_type="resignation", person="Alexey Sorokin"),
    ]  # fmt: skip
    sorokin = StoryEntity("E1", "Alexey Sorokin", "PERSON", local_ids=(("a", "e0"), ("b", "e0")))
    entries = build_timeline(docs, [sorokin])
    assert len(entries) == 1
    assert entries[0].description.startswith("Resignation of Alexey Sorokin")


def test_vague_spans_and_unresolved_dates_are_left_out() -> None:
    docs = [
        _article("a", "Prices rose in recent weeks.", "recent weeks", "2024-05-13", "week"),
        _article("b", "Prices rose on Monday.", "Monday", None, "day"),  # type: ignore[arg-type]
    ]
    assert build_timeline(docs, []) == ()


def test_untyped_statements_merge_on_wording() -> None:
    docs = [
        _article("a", "The bridge reopened to traffic on Tuesday after repairs.", "Tuesday",
                 "2024-05-14", "day"),
        _article("b", "On Tuesday the bridge reopened to traffic after repairs ended.",
                 "Tuesday", "2024-05-14", "day"),
        _article("c", "The mayor praised volunteers on Tuesday.", "Tuesday", "2024-05-14", "day"),
    ]  # fmt: skip
    entries = build_timeline(docs, [])
    assert sorted(len(e.reports) for e in entries) == [1, 2]


def test_event_dated_after_publication_becomes_a_plan() -> None:
    # an asserted event cannot lie after publication: the date belongs to the plan
    doc = _article("a", "Organisers announced a rally for Sunday.", "Sunday", "2024-05-26", "day",
                   trigger="announced", event_type="statement")  # fmt: skip
    (entry,) = build_timeline([doc], [])
    assert entry.event_type == "protest"
    assert entry.description.startswith("Planned protest")


def test_a_keyword_inside_a_name_types_no_statement() -> None:
    """ "the Harbour Election Board said Monday": the board's name holds "election", which
    tells no election on Monday (an invented report read through the product)."""
    text = "Ruiz won the mayoral race, the Harbour Election Board said Monday."
    doc = _article("a", text, "Monday", "2024-05-20", "day", person="Ruiz")
    board = text.index("Harbour Election Board")
    mention = Mention(board, board + 22, "Harbour Election Board", "ORG", "e1")
    named = replace(
        doc.analysis,
        entities=(
            *doc.analysis.entities,
            LocalEntity("e1", "Harbour Election Board", "ORG", mentions=(mention,)),
        ),
    )
    (entry,) = build_timeline([AnalyzedArticle(doc.article, named)], [])
    assert entry.event_type != "election"
    bare = _article("b", "Ruiz won the election, officials said Monday.", "Monday", "2024-05-20",
                    "day")  # fmt: skip
    (entry,) = build_timeline([bare], [])
    assert entry.event_type == "election"


# --------------------------------------------------------------------------- seeds


def test_seed_valentines_day_protest(seeds_dir: Path) -> None:
    from corroborate.clean import clean_document
    from corroborate.ingest import read_inputs
    from corroborate.types import RawDocument

    raws = [r for r in read_inputs([str(seeds_dir)]) if isinstance(r, RawDocument)]
    articles = [a for a in (clean_document(r) for r in raws) if isinstance(a, Article)]
    assert len(articles) == 3
    docs = analyse(articles)
    by_file = {Path(d.article.path).name[:3]: d.article.id for d in docs}
    entries = build_timeline(docs, [])
    protests = [e for e in entries if e.date == "2021-02-14" and e.event_type == "protest"]
    assert len(protests) == 1
    reporters = {r.article_id for r in protests[0].reports}
    assert {by_file["000"], by_file["002"]} <= reporters
    assert any("Valentine" in r.expression for r in protests[0].reports)
    texts = {d.article.id: d.article.text for d in docs}
    for entry in entries:
        for r in entry.reports:
            assert texts[r.article_id][r.start : r.end] == r.expression


def test_a_wire_dateline_is_no_part_of_a_description() -> None:
    """ "MARLOWE, Ore. (KXRT) — A man was shot ...": the entry tells the report's words."""
    text = "MARLOWE, Ore. (KXRT) — A man was shot outside a bar on Friday, police said."
    doc = _article("a", text, "Friday", "2024-05-17", "day")
    (entry,) = build_timeline([doc], [])
    assert entry.description.startswith("A man was shot outside a bar")
