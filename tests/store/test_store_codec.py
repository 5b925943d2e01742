from __future__ import annotations

from typing import Literal

import pytest

from corroborate.store.codec import CodecError, dumps, from_jsonable, loads, to_jsonable
from corroborate.types import (
    Analysis,
    Article,
    CleaningStats,
    DateRef,
    Event,
    Figure,
    LocalEntity,
    Mention,
    Quote,
    RawDocument,
    Rejection,
    Role,
    SourceRef,
    Span,
)


def full_analysis() -> Analysis:
    date = DateRef("on Tuesday", 10, 20, "2021-02-02", "day", True, anchor_inferred=True)
    return Analysis(
        article_id="a1",
        sentences=((0, 40), (41, 90)),
        entities=(
            LocalEntity(
                "e1",
                "Mara Ilves",
                "PERSON",
                aliases=("Ilves", "Mara Ilvés"),
                roles=(Role("port spokeswoman", 5, 21),),
                mentions=(Mention(0, 10, "Mara Ilves", "PERSON", "e1"),),
            ),
        ),
        quotes=(
            Quote("we will reopen", 30, 44, "direct", "e1", "she", 45, 48, "say", None),
            Quote("it was safe", 50, 61, "reported", None, None),
        ),
        figures=(
            Figure("over 11,000 people", 1, 19, "count", 11000.0, None, "people", "over"),
            Figure("about ten thousand", 2, 20, "count", 9000, 11000.5, "people", approximate=True),
        ),
        dates=(date, DateRef("someday", 0, 7, None, None, False)),
        events=(
            Event(
                "arrest",
                Span(3, 9, "seized"),
                actors=("e1",),
                targets=("protesters",),
                date=date,
                place="Velmora",
                sentence=Span(0, 40, "x" * 40),
            ),
        ),
        notes=("publication date inferred",),
    )


@pytest.mark.parametrize(
    "obj",
    [
        full_analysis(),
        Analysis("empty"),
        Article(
            "a1",
            "/p",
            "text",
            published_source="inferred",
            duplicate_ids=("b", "c"),
            sources=(SourceRef("/p", "u", "o", "a1"), SourceRef("/q")),
            cleaning=CleaningStats(10, 4, 2),
        ),
        Article("a2", "/p", "t"),
        RawDocument("s", "jsonl", text="t", id="x", needs_cleaning=False),
        Rejection("/bad", "empty file; check the export"),
    ],
)
def test_round_trip_every_type(obj: object) -> None:
    assert loads(type(obj), dumps(obj)) == obj


def test_tuples_stay_tuples_and_floats_floats() -> None:
    back = loads(Analysis, dumps(full_analysis()))
    assert isinstance(back.sentences, tuple) and isinstance(back.sentences[0], tuple)
    assert isinstance(back.figures[1].low, float)


def test_literal_is_checked() -> None:
    data = to_jsonable(Article("a", "/p", "t"))
    data["published_source"] = "guessed"
    with pytest.raises(CodecError, match="published_source"):
        from_jsonable(Article, data)


def test_wrong_type_and_missing_field_raise() -> None:
    with pytest.raises(CodecError):
        from_jsonable(Span, {"start": "1", "end": 2, "text": "x"})
    with pytest.raises(CodecError, match="missing field 'end'"):
        from_jsonable(Span, {"start": 1, "text": "x"})
    with pytest.raises(CodecError):
        from_jsonable(Span, {"start": True, "end": 2, "text": "x"})
    with pytest.raises(CodecError):
        loads(Span, "{not json")


def test_generic_containers() -> None:
    tp = dict[str, list[tuple[int, Literal["a", "b"]] | None]]
    value = {"x": [(1, "a"), None]}
    assert from_jsonable(tp, to_jsonable(value)) == value  # type: ignore[arg-type]
