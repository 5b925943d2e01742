"""Counts of people stated in headlines (analyze/headline.py), on invented titles."""

from __future__ import annotations

import pytest

from corroborate.analyze.headline import headline_figures, sentence_case
from corroborate.analyze.pipeline import analysis_nlp, analyze_article
from corroborate.types import Article


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return analysis_nlp()


def _counts(title: str, nlp) -> dict[str, float | None]:  # type: ignore[no-untyped-def]
    from corroborate.compare.figures import predicate_family

    return {str(predicate_family(f.predicate)): f.low for f in headline_figures(title, nlp)}


def test_sentence_case_lowers_title_case_keeping_length_and_acronyms() -> None:
    title = "3 Dead, 4 Hurt In Marlow Street Shooting Near UCLA"
    out = sentence_case(title)
    assert out == "3 dead, 4 hurt in marlow street shooting near UCLA"
    assert len(out) == len(title)
    assert sentence_case("Two wounded in Marlow shooting") == "Two wounded in Marlow shooting"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("3 Killed, 2 Hurt In Eastvale Shooting", {"kill": 3, "injure": 2}),
        ("Four Injured in Shooting Outside Harbor Lounge", {"injure": 4}),
        ("Brook County boy dies after being accidentally shot", {"kill": 1}),
        ("Pregnant woman shot, unborn baby killed", {"kill": 1}),
        ("Two people shot to death at home in Pinewood", {"kill": 2}),
        ("Three people dead in Elmwood fire; victims may be siblings", {"kill": 3}),
        ("Two injured, gunman dead at Elm High School", {"injure": 2, "kill": 1}),
        ("3 dead, 4 hurt in Marlow shooting", {"kill": 3, "injure": 4}),
        ("Man, 2 children found dead in Elm home", {"kill": 3}),
        ("Police: Mother, 2 children found dead in Elm home", {"kill": 3}),
        ("Elmwood, 2 others hurt in crash", {"injure": 2}),
        ("Police: 1 Dead, 5 Injured in North Elmwood Shooting", {"kill": 1, "injure": 5}),
        ("17-year-old shot, killed inside Elmwood house", {"kill": 1}),
        ("Teen shot, killed near Elmwood school", {"kill": 1}),
        ("Man shot, killed in Elm Park", {"kill": 1}),
        ("Woman shot, wounded outside Elmwood bar", {"injure": 1}),
        ("Gunman kills wife, ex-mother-in-law, self in Elmwood spree", {"kill": 3}),
        ("Ex-firefighter killed 6-year-old boy, wife, himself", {"kill": 3}),
    ],
)
def test_headline_counts(title: str, expected: dict[str, float], nlp) -> None:  # type: ignore[no-untyped-def]
    got = _counts(title, nlp)
    for family, value in expected.items():
        assert got.get(family) == value, (title, got)


def test_headline_figures_use_the_title_words(nlp) -> None:  # type: ignore[no-untyped-def]
    title = "2 Killed, 2 Hurt In Westfield Shooting"
    figs = headline_figures(title, nlp)
    assert figs and all(f.field == "title" for f in figs)
    for f in figs:
        assert title[f.start : f.end] == f.text


def test_headline_without_counts_and_non_people_numbers(nlp) -> None:  # type: ignore[no-untyped-def]
    assert headline_figures("City council approves budget for Route 9 repairs", nlp) == ()
    assert headline_figures("", nlp) == ()
    assert headline_figures("x" * 400, nlp) == ()


def test_analysis_keeps_headline_counts_apart_from_body_figures() -> None:
    article = Article(
        id="h1",
        path="h1.txt",
        text="Police said the victim was taken to a hospital. No arrests were made.",
        title="Man Shot And Killed Outside Dockside Bar",
    )
    analysis = analyze_article(article)
    assert all(f.field == "text" for f in analysis.figures)
    kills = [f for f in analysis.headline_figures if f.low == 1]
    assert kills and all(f.field == "title" for f in kills)


def test_headline_offsets_hold_in_the_text_when_it_starts_with_the_headline() -> None:
    title = "2 Killed, 3 Hurt In Westfield Shooting"
    article = Article(
        id="h2",
        path="h2.txt",
        text=f"{title}\n\nPolice said the shooting happened late on Friday. No arrests were made.",
        title=title,
    )
    from corroborate.compare.figures import predicate_family

    figs = analyze_article(article).headline_figures
    found = {(predicate_family(f.predicate), f.low) for f in figs}
    assert found >= {("kill", 2.0), ("injure", 3.0)}
    for f in figs:
        assert f.field == "text"
        assert article.text[f.start : f.end] == f.text


def test_a_roundup_headline_states_no_incident_count(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _counts("Police: 6 killed, 31 wounded in weekend shootings", nlp) == {}


def test_another_in_a_headline_is_one_more_person(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _counts("Teen Killed, Another Wounded in Westfield Shooting", nlp) == {
        "kill": 1.0,
        "injure": 1.0,
    }


def test_a_headline_shot_count_is_injured_when_the_body_counts_nothing() -> None:
    def heads(title: str, body: str) -> list[tuple[str | None, float | None, str | None]]:
        text = f"{title}\n\n{body}"
        article = Article(id="h", path="h.txt", text=text, title=title)
        return [(f.predicate, f.low, f.derived) for f in analyze_article(article).headline_figures]

    title = "Three shot in Velmora's east end"
    quiet = "Police are looking for a gray sedan. The victims were taken to a hospital."
    assert heads(title, quiet) == [
        ("shoot", 3.0, None),
        ("injure", 3.0, "shot 3, no death reported"),
    ]
    # a death told, or the body's own count of the injured: no derivation from the headline
    assert len(heads(title, "One of the victims died later at a hospital.")) == 1
    assert len(heads(title, "Two men and a woman were wounded, police said.")) == 1


def test_coordinated_ages_and_plural_ages_count_people() -> None:
    article = Article(
        id="a",
        path="a.txt",
        text="Police said a 15 and 16-year-old were shot. Two 19-year-olds were arrested.",
    )
    got = {(f.predicate, f.low) for f in analyze_article(article).figures if f.unit == "people"}
    assert ("shoot", 2) in got and ("arrest", 2.0) in got, got
    assert not any(low in {15, 16, 19} for _, low in got), got


def test_a_headline_that_tells_a_death_gives_no_injured_count() -> None:
    title = "Teen shot in east Velmora has died, police say"
    text = "0:39 Weather for the weekend\n\n2:31 School board meets on the budget today."
    article = Article(id="d", path="d.txt", text=text, title=title)
    assert not [f for f in analyze_article(article).headline_figures if f.derived]


def test_headlines_parsed_ahead_in_one_pass_are_the_parses_read_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    """A batch's headlines are parsed together before its articles are read; each parse
    is the one a headline gets alone, and reading it again parses nothing."""
    from corroborate.analyze import headline as H

    titles = [
        "Two injured, gunman dead after standoff in Marlow",
        "Four dead in fire; victims may be siblings",
        "Man, 2 children found dead in Elm Park home",
        "",
    ]

    def signature(doc):  # type: ignore[no-untyped-def]
        return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in doc]

    H._PARSED.clear()
    alone = [H.headline_doc(t, nlp) for t in titles]
    H._PARSED.clear()
    H.parse_headlines(titles, nlp)
    ahead = [H._PARSED[(t, nlp)] for t in titles]
    assert ahead[-1] is None and alone[-1] is None
    for a, b in zip(alone[:-1], ahead[:-1], strict=True):
        assert signature(a) == signature(b)
        assert b.user_data.get(H.HEADLINE) is True
    assert [H.headline_doc(t, nlp) for t in titles] == ahead  # the same objects: no parse
    assert [s.start for s in ahead[0].sents] == [0, 3]  # "gunman dead" its own clause


def test_a_headlines_commas_list_people(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _counts("Father, daughter, 9, found dead in Elmwood home", nlp).get("kill") == 2
    assert _counts("Ivo Lenz, teacher, dies at 80", nlp).get("kill") == 1
