"""Time entities (``resolve_times`` / ``resolve_entities(times=True)``) on invented fixtures."""

from __future__ import annotations

from corroborate.link.entities import (
    TIME_TYPE,
    is_dateline,
    resolve_entities,
    resolve_times,
    time_key,
)
from corroborate.types import Analysis, AnalyzedArticle, Article, DateRef


def _date(expr: str, start: int, date: str | None, precision: str, relative: bool) -> DateRef:
    return DateRef(expr, start, start + len(expr), date, precision, relative)  # type: ignore[arg-type]


def _doc(aid: str, *dates: DateRef, text: str = "") -> AnalyzedArticle:
    art = Article(id=aid, path=f"{aid}.txt", text=text or "x" * 300)
    return AnalyzedArticle(art, Analysis(article_id=aid, dates=dates))


def _cluster_of(times: tuple[object, ...], aid: str, start: int) -> str:
    hits = [
        t.id  # type: ignore[attr-defined]
        for t in times
        for m in t.mentions  # type: ignore[attr-defined]
        if m.article_id == aid and m.start == start
    ]
    assert len(hits) == 1
    return hits[0]


def test_unresolved_weekday_links_across_articles() -> None:
    docs = [
        _doc("a", _date("Tuesday", 10, None, "day", True)),
        _doc("b", _date("Tuesday", 40, None, "day", True), _date("Friday", 80, None, "day", True)),
    ]
    times = resolve_times(docs)
    assert _cluster_of(times, "a", 10) == _cluster_of(times, "b", 40)
    assert _cluster_of(times, "b", 80) != _cluster_of(times, "a", 10)  # another day
    assert all(t.type == TIME_TYPE and t.id.startswith("T") for t in times)


def test_week_shift_words_keep_weekdays_apart() -> None:
    docs = [
        _doc("a", _date("last Monday", 5, None, "day", True)),
        _doc(
            "b", _date("Monday", 5, None, "day", True), _date("next Monday", 50, None, "day", True)
        ),
    ]
    times = resolve_times(docs)
    assert (
        len({_cluster_of(times, "a", 5), _cluster_of(times, "b", 5), _cluster_of(times, "b", 50)})
        == 3
    )


def test_resolved_relative_days_link_by_date() -> None:
    # with publication dates, "yesterday" in one article and "on Monday" in another name
    # the same day; a different day never merges
    docs = [
        _doc("a", _date("yesterday", 0, "2021-02-01", "day", True)),
        _doc(
            "b",
            _date("Monday", 0, "2021-02-01", "day", True),
            _date("Tuesday", 30, "2021-02-02", "day", True),
        ),
    ]
    times = resolve_times(docs)
    assert _cluster_of(times, "a", 0) == _cluster_of(times, "b", 0)
    assert _cluster_of(times, "b", 30) != _cluster_of(times, "b", 0)


def test_explicit_dates_link_within_an_article_only() -> None:
    docs = [
        _doc(
            "a",
            _date("2009", 0, "2009-01-01", "year", False),
            _date("in 2009", 50, "2009-01-01", "year", False),
        ),
        _doc(
            "b",
            _date("2009", 0, "2009-01-01", "year", False),
            _date("2010", 20, "2010-01-01", "year", False),
        ),
    ]
    times = resolve_times(docs)
    assert _cluster_of(times, "a", 0) == _cluster_of(times, "a", 50)  # same value, same article
    assert _cluster_of(times, "a", 0) != _cluster_of(times, "b", 0)  # background facts: apart
    assert _cluster_of(times, "b", 0) != _cluster_of(times, "b", 20)  # different dates never merge


def test_time_key_and_names() -> None:
    d = _date("on Tuesday", 0, None, "day", True)
    assert time_key(d, "a") == time_key(_date("Tuesday", 9, None, "day", True), "b")
    times = resolve_times([_doc("a", d), _doc("b", _date("Tuesday", 3, None, "day", True))])
    assert len(times) == 1 and set(times[0].aliases) == {"on Tuesday", "Tuesday"}


def test_resolve_entities_times_flag() -> None:
    docs = [_doc("a", _date("Tuesday", 10, None, "day", True))]
    assert resolve_entities(docs) == ()
    out = resolve_entities(docs, times=True)
    assert [e.type for e in out] == [TIME_TYPE]


def test_explicit_days_link_across_articles_but_datelines_do_not() -> None:
    text_a = "Mill fire\nMay 3, 2013\nThe fire started on March 11, 2005, at the mill."
    text_b = "May 3, 2013\nThe mill burned on March 11, 2005, and again on March 12, 2005."

    def day(text: str, expr: str, iso: str) -> DateRef:
        return _date(expr, text.index(expr), iso, "day", False)

    a_line, a_day = (
        day(text_a, "May 3, 2013", "2013-05-03"),
        day(text_a, "March 11, 2005", "2005-03-11"),
    )
    b_line, b_day = (
        day(text_b, "May 3, 2013", "2013-05-03"),
        day(text_b, "March 11, 2005", "2005-03-11"),
    )
    b_other = day(text_b, "March 12, 2005", "2005-03-12")
    docs = [_doc("a", a_line, a_day, text=text_a), _doc("b", b_line, b_day, b_other, text=text_b)]
    times = resolve_times(docs)
    assert _cluster_of(times, "a", a_day.start) == _cluster_of(times, "b", b_day.start)
    # a different date never merges
    assert _cluster_of(times, "b", b_other.start) != _cluster_of(times, "b", b_day.start)
    # datelines date the article, not an event: kept within their article
    assert is_dateline(a_line, text_a) and is_dateline(b_line, text_b)
    assert not is_dateline(a_day, text_a)
    assert _cluster_of(times, "a", a_line.start) != _cluster_of(times, "b", b_line.start)


def test_an_undated_weekday_joins_the_storys_one_dated_day_of_that_weekday() -> None:
    # b is dated: its "Monday" resolved to 2013-05-06 (a Monday); a has no date
    docs = [
        _doc(
            "a", _date("Monday", 10, None, "day", True), _date("last Monday", 60, None, "day", True)
        ),
        _doc("b", _date("Monday", 40, "2013-05-06", "day", True)),
    ]
    times = resolve_times(docs)
    assert _cluster_of(times, "a", 10) == _cluster_of(times, "b", 40)
    assert _cluster_of(times, "a", 60) != _cluster_of(times, "b", 40)  # a shift word: apart
    # two dated Mondays in the story: which one is meant is unknown, so it stays apart
    docs.append(_doc("c", _date("Monday", 20, "2013-05-13", "day", True)))
    times = resolve_times(docs)
    assert _cluster_of(times, "a", 10) not in {
        _cluster_of(times, "b", 40),
        _cluster_of(times, "c", 20),
    }
