"""Contested claims from slot conflicts (docs/claims.md, "Slot conflicts"): a person's age, a
street, the means of flight, a denied existence, clock times, days and denials that are
updates. Every article here is invented for the test."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from corroborate.analyze.pipeline import analyze_article
from corroborate.compare.claims import (
    _date_gap,
    _denial_subject,
    _denied_nearby,
    _home_conflict,
    _home_towns,
    _minutes_apart,
    _negated_stems,
    _nominal_denials,
    _reasons,
    _same_neighbour,
    _slots,
    _spelling,
    _stated,
    _text_ages,
    _words_capitalised,
    _written_number,
    align_claims,
    claim_texts,
)
from corroborate.compare.similarity import stem
from corroborate.types import AnalyzedArticle, Article, Claim
from tests.compare.helpers_claims import story_entities


def _story(*rows: tuple[str, str, str]) -> list[AnalyzedArticle]:
    """(outlet, published, text) -> analysed articles."""
    docs = []
    for n, (outlet, published, text) in enumerate(rows):
        art = Article(
            id=f"a{n}",
            path=f"test:a{n}",
            text=text,
            outlet=outlet,
            title="",
            published=published,
            published_source="metadata",
        )
        docs.append(AnalyzedArticle(art, analyze_article(art)))
    return docs


def _claims(docs: Sequence[AnalyzedArticle]) -> tuple[Claim, ...]:
    return align_claims(docs, story_entities(docs))


def _contested(claims: Sequence[Claim], reason: str) -> list[Claim]:
    return [c for c in claims if c.verdict == "contested" and reason in c.explanation]


def test_text_ages_need_a_name_next_to_the_age() -> None:
    text = "Ada Moss, 41, was hurt. Moss, who was 43, went home. A 7-year-old Ben Cole ran."
    assert [age for _, age in _text_ages(text)] == [41.0, 43.0, 7.0]
    assert [text[o : o + 4] for o, _ in _text_ages(text)] == ["Moss", "Moss", "Ben "]
    assert _text_ages("The crash, 12 miles away, closed the road.") == []


def test_slots_street_and_flight() -> None:
    assert _slots("a house on Linden Drive") == {"street:linden": frozenset({"drive"})}
    assert _slots("a house on Linden Rd. near the park") == {"street:linden": frozenset({"road"})}
    assert _slots("The driver ran off on foot.") == {"flight:suspect": frozenset({"on foot"})}
    assert _slots("The driver fled in a pickup.") == {"flight:suspect": frozenset({"in a vehicle"})}
    assert _slots("Police said Tom Reed drove off.") == {"flight:Reed": frozenset({"in a vehicle"})}
    # both means named, or whose flight is not said: no value
    assert not _slots("The gunman fled on foot after crashing the car.")
    assert not _slots("He fled on foot after crashing the car.")
    assert not _slots("Police said the man fled on foot.")
    assert not _slots("He was walking to his car.")  # no verb of fleeing
    # the vehicle left or driven before the flight is no means of it
    assert not _slots("The inmate, 49, escaped from a prison van downtown.")
    assert not _slots("the officer who drove Reed in the van the day he escaped")
    assert _slots("Reed escaped from a prison van and fled on foot.") == {
        "flight:Reed": frozenset({"on foot"})
    }


def test_helpers_of_the_pair_rules() -> None:
    assert _nominal_denials("There were no other passengers on board.") == frozenset({"passenger"})
    assert _nominal_denials("No one was hurt.") == frozenset()
    assert _minutes_apart(23 * 60 + 40, 20) == 40
    assert _minutes_apart(9 * 60, 19 * 60 + 20) == 620
    assert _same_neighbour("charged Jarod Pike on Monday", "said Jared Pike", "Jarod", "Jared")
    assert not _same_neighbour("the Black Rivers gang", "Tom Rovers said", "Rivers", "Rovers")
    assert _spelling(frozenset({"Jarod"}), frozenset({"Jared"})) == ("Jarod", "Jared")
    assert _spelling(frozenset({"Sergey"}), frozenset({"Sergei"})) is None  # transliteration
    assert _home_towns("Ada Moss, 41, of Elmwood, was hurt") == {("Moss", "Elmwood")}
    assert _home_towns("An Elmwood man was charged") == {("", "Elmwood")}
    assert _home_towns("The Elmwood police said") == frozenset()
    # a place of several words whole; a street is an address, not where someone is from
    assert _home_towns("Ada Moss, 41, of Cedar Point, was hurt") == {("Moss", "Cedar Point")}
    assert _home_towns("Ada Moss, 41, of Linden Street, Elmwood, was hurt") == frozenset()
    assert _written_number("nine people") and _written_number("12 injured")
    assert not _written_number("a senator killed")
    # a small count of people must write its own value; a duration is converted
    assert _stated((2.0, 2.0, "Two injured, one dead"), True)
    assert not _stated((1.0, 1.0, "the 12-year-old fell and died"), True)
    assert _stated((30.0, 30.0, "two and a half years"), False)


def test_different_ages_of_one_person_are_contested() -> None:
    docs = _story(
        (
            "Daily One",
            "2024-03-01",
            "Teacher Ada Moss, 41, was injured in the crash on Elm Street.",
        ),
        (
            "The Courier",
            "2024-03-01",
            "Ada Moss, who was 43, was taken to hospital after the crash.",
        ),
    )
    hits = _contested(_claims(docs), "age 41 vs 43")
    assert hits, [c.explanation for c in _claims(docs)]
    spans = {e.article_id for c in hits for e in (*c.support, *c.contradicted_by)}
    assert spans == {"a0", "a1"}


def test_ages_far_apart_in_time_or_of_two_people_are_not_contested() -> None:
    later = _story(
        (
            "Daily One",
            "2023-01-10",
            "Teacher Ada Moss, 41, was injured in the crash on Elm Street.",
        ),
        (
            "The Courier",
            "2024-03-01",
            "Ada Moss, who was 42, was taken to hospital after the crash.",
        ),
    )
    assert not _contested(_claims(later), "age")
    two = _story(
        ("Daily One", "2024-03-01", "Ada Moss, 41, and Ada Moss, 12, were hurt in the crash."),
        ("The Courier", "2024-03-01", "Ada Moss, 12, was taken to hospital after the crash."),
    )
    assert not _contested(_claims(two), "age")


def test_one_street_of_two_types_is_contested() -> None:
    docs = _story(
        ("Daily One", "2024-03-01", "The crash happened outside a house on Linden Drive."),
        ("The Courier", "2024-03-01", "Firefighters reached the house on Linden Road quickly."),
    )
    assert _contested(_claims(docs), "street linden")
    same = _story(
        ("Daily One", "2024-03-01", "The crash happened outside a house on Linden Drive."),
        ("The Courier", "2024-03-01", "Firefighters reached the house on Linden Dr. quickly."),
    )
    assert not _contested(_claims(same), "street")


def test_fled_on_foot_against_in_a_vehicle_is_contested() -> None:
    docs = _story(
        ("Daily One", "2024-03-01", "Witnesses said the driver ran off on foot toward the river."),
        ("The Courier", "2024-03-01", "The driver fled in a grey van, police said."),
    )
    assert _contested(_claims(docs), "flight of the suspect on foot vs in a vehicle")


@pytest.mark.parametrize(
    ("first", "second", "contested"),
    [
        # the denial came first: the story moved on, not a conflict
        (
            "Police said Tom Reed has not been charged in the crash.",
            "Tom Reed was charged in the crash.",
            False,
        ),
        # the assertion came first: the later denial contradicts it
        (
            "Tom Reed was charged in the crash.",
            "Police said Tom Reed has not been charged in the crash.",
            True,
        ),
    ],
)
def test_a_denial_published_before_the_assertion_is_an_update(
    first: str, second: str, contested: bool
) -> None:
    docs = _story(("Daily One", "2024-03-01", first), ("The Courier", "2024-03-05", second))
    assert bool(_contested(_claims(docs), "negates")) is contested


def test_a_denial_of_a_background_event_is_not_contested() -> None:
    docs = _story(
        ("Daily One", "2024-03-01", "Tom Reed was charged in May 2019 in an earlier crash."),
        ("The Courier", "2024-03-05", "Police said Tom Reed is not charged in this crash."),
    )
    assert not _contested(_claims(docs), "negates")


def test_two_home_towns_of_one_charged_man_are_contested() -> None:
    docs = _story(
        (
            "Daily One",
            "2024-03-01",
            "Police charged Tom Reed, 36, of Elmwood, with arson on Monday.",
        ),
        (
            "The Courier",
            "2024-03-01",
            "A Riverton man was charged with arson on Monday, police said.",
        ),
    )
    assert _contested(_claims(docs), "home town")


def test_home_towns_of_two_named_people_are_not_contested() -> None:
    assert _home_conflict("Tom Reed, 36, of Elmwood, hit", "an Oakdale man was charged")
    # weakly paired units: "an Oakdale man" is as often another person of the story
    assert _home_conflict("Tom Reed, 36, of Elmwood", "an Oakdale man was held", named=True) is None
    assert _home_conflict("Tom Reed, 36, of Elmwood", "Reed, 36, of Oakdale, hit", named=True)
    assert _home_conflict("Tom Reed, 36, of Elmwood, hit", "Reed, 36, of Oakdale, hit")
    assert _home_conflict("Tom Reed, 36, of Elmwood, hit", "Ada Moss, 61, of Oakdale, died") is None
    assert _home_conflict("an Elmwood man", "an Elmwood man was charged") is None


def test_a_dateline_is_not_a_claim() -> None:
    (doc,) = _story(
        (
            "Daily One",
            "2024-03-01",
            "Teacher Ada Moss was injured in the crash on Elm Street.\n"
            "(Published Friday, March 1, 2024)\n"
            "Updated 7:20 PM: police reopened the road after the crash.",
        ),
    )
    texts = claim_texts(doc)
    assert texts == ["Teacher Ada Moss was injured in the crash on Elm Street."], texts


@pytest.mark.parametrize(
    ("furniture", "world"),
    [
        (  # notes about the page itself
            (
                "Channel 9 will keep updating this story when the depot reopens.",
                "This article will be updated when the council meets again.",
                "Editor's note: this report has been updated to correct a street name.",
                "Check back later for news of the fire at the depot.",
                "Follow Channel 9 on its app for the latest updates.",
            ),
            # the story's world may be updated: "police updated the count", "stay tuned"
            (
                "Police updated the count of the injured on Monday.",
                '"Let\'s stay tuned and see what the council does," Moss said.',
            ),
        ),
        (  # credit lines
            (
                "The Associated Press contributed to this report.",
                "Staff writers Ann Lee and Tom Reed contributed reporting to this story.",
                "Reporting by Ann Lee; editing by Tom Reed.",
                "Ann Lee reports from Elmwood for the Channel 9 News at 6 p.m. on March 1, 2024.",
                "Ann Lee and Tom Reed report for the KXYZ News at Noon on Friday.",
                "Channel 9's Ann Lee reports.",
            ),
            # the story's world may report and contribute
            (
                "Moss reported the crash to police on Monday.",
                "Neighbours contributed money to the repairs of the depot.",
                "Channel 9's Ann Lee reports that the depot reopens.",
            ),
        ),
    ],
)
def test_page_furniture_is_not_a_claim(furniture: tuple[str, ...], world: tuple[str, ...]) -> None:
    fact = "Teacher Ada Moss was injured in the crash on Elm Street."
    (doc,) = _story(("Daily One", "2024-03-01", "\n".join((fact, *furniture))))
    assert claim_texts(doc) == [fact], claim_texts(doc)
    (doc,) = _story(("Daily One", "2024-03-01", " ".join(world)))
    assert len(claim_texts(doc)) == len(world), claim_texts(doc)


def test_guards_of_the_pair_rules() -> None:
    # a title-cased headline names nobody; a name in running text does
    assert _words_capitalised("Charges Possible After Crash Near Lake") == frozenset()
    assert _words_capitalised("Police charged Jarod Pike on Monday") == {
        "Police",
        "Jarod",
        "Pike",
        "Monday",
    }


@pytest.mark.parametrize(
    ("first", "second", "contested"),
    [
        (
            "The crash happened at 3:30 p.m. on Elm Street.",
            "The crash happened at 3:41 p.m. on Elm Street.",
            False,
        ),
        (
            "The crash happened at 3:30 p.m. on Elm Street.",
            "The crash happened at 4:10 p.m. on Elm Street.",
            True,
        ),
        (
            "The crash happened at 3:30 p.m. on Elm Street.",
            "The crash happened at 7:10 p.m. on Elm Street.",
            False,
        ),
    ],
)
def test_clock_times_conflict_between_15_and_90_minutes(
    first: str, second: str, contested: bool
) -> None:
    docs = _story(("Daily One", "2024-03-01", first), ("The Courier", "2024-03-01", second))
    assert bool(_contested(_claims(docs), "time")) is contested


@pytest.mark.parametrize(
    ("second", "contested"),
    [
        # the control: two versions of when she was shot
        ("Ann Lee was shot at 10:15 p.m. on Elm Street, police said.", True),
        # the time of her death is another moment than the time of the shooting
        ("Ann Lee was pronounced dead at 10:15 p.m. on Elm Street, police said.", False),
        # and so is the time of her condition
        ("Ann Lee was listed in stable condition at 10:15 p.m. on Elm Street, police said.", False),
    ],
)
def test_clock_times_of_two_moments_are_not_two_versions(second: str, contested: bool) -> None:
    first = "Ann Lee was shot at 9:30 p.m. on Elm Street, police said."
    docs = _story(("Daily One", "2024-03-01", first), ("The Courier", "2024-03-01", second))
    assert bool(_contested(_claims(docs), "time")) is contested


def test_what_a_clock_time_is_the_time_of() -> None:
    from types import SimpleNamespace

    from corroborate.compare.claims import _moment, _one_moment

    assert _moment("where he was pronounced dead at 1:35 a.m.") == "death"
    assert _moment("pronounced dead after being shot about 1:10 a.m.") == "event"
    assert _moment("Gunfire broke out around 1:30 a.m. at the club.") == "event"
    assert _moment("Officers were called to Elm Street about 10:15 p.m.") == "event"
    assert _moment("A helicopter was over the scene around 12:30 p.m.") is None

    def unit(text: str, times: int = 1, ages: tuple[float, ...] = ()) -> SimpleNamespace:
        # a unit as far as the rule reads it (ages: the figure stage's age figures in it)
        return SimpleNamespace(text=text, article_times=times, numbers={"age|years": set(ages)})

    shooting = unit("The shooting on Elm Street happened about 9 p.m.")
    assert _one_moment(shooting, unit("Police were called to Elm Street about 9:40 p.m."))
    # another shooting, other people (ages told, none shared), a roundup's times
    assert not _one_moment(shooting, unit("Police were called to another shooting at 9:40 p.m."))
    assert not _one_moment(
        unit("A 22-year-old man was shot on Elm Street about 9 p.m.", ages=(22,)),
        unit("A 35-year-old man was shot on Oak Street about 9:40 p.m.", ages=(35,)),
    )
    # one named person's two ages is the age rule's conflict, not two people
    assert _one_moment(
        unit("Dorian Vell, 34, was shot on Elm Street about 9 p.m.", ages=(34,)),
        unit("Dorian Vell, 35, was shot on Elm Street about 9:40 p.m.", ages=(35,)),
    )
    assert not _one_moment(shooting, unit("A man was shot on Oak Street about 9:40 p.m.", 4))
    # two times of death are one death's when both say whose
    assert _one_moment(
        unit("Ann Lee was pronounced dead at 10:15 p.m."),
        unit("Ann Lee was pronounced dead at 10:50 p.m."),
    )
    assert not _one_moment(
        unit("Ann Lee was pronounced dead at 10:15 p.m."),
        unit("The victim died at 10:50 p.m."),
    )


def test_whether_or_not_is_not_a_denial() -> None:
    docs = _story(
        ("Daily One", "2024-03-01", "Tom Reed was charged in the crash, police said."),
        (
            "The Courier",
            "2024-03-05",
            "Prosecutors will decide whether or not Tom Reed is charged in the crash.",
        ),
    )
    assert not _contested(_claims(docs), "negates")


def test_reasons_are_distinct_and_few() -> None:
    assert _reasons(["a", "b", "a"]) == "a | b"
    assert _reasons([str(n) for n in range(8)]) == "0 | 1 | 2 | 3 | 4 | and 3 more"


def test_what_a_negation_negates() -> None:
    assert _negated_stems("Tom Reed was not shot.") == {stem("shot")}
    assert _negated_stems("Tom Reed has not yet been charged.") == {stem("charged")}
    # the verb it governs, not the words after it ...
    assert _negated_stems("Officers couldn't return fire at first.") == {stem("return")}
    assert _negated_stems("Neighbours didn't hear the shooting.") == {stem("hear")}
    # ... and never past a punctuation mark
    assert stem("shot") not in _negated_stems("A man whose age was not known, was shot.")
    assert stem("arrest") in _negated_stems("No arrest had been made on Friday.")
    assert stem("injured") in _negated_stems("No one was injured.")
    assert stem("injured") in _negated_stems("Neither man was injured.")
    # a degree or a property of the thing is not its denial
    assert not _negated_stems("The boy was treated for no major injuries.")
    assert not _negated_stems("None of the injuries were life-threatening.")
    assert stem("witnesses") in _negated_stems("There were no known witnesses.")


def test_guards_of_denials_and_days() -> None:
    assert stem("injuries") in _denied_nearby("There were no reports of injuries.")
    assert _date_gap("2024-03-01", "2024-03-02") == 1
    assert _date_gap("2024-03-01", "not a date") > 1000


@pytest.mark.parametrize(
    "second",
    [
        "Police said Tom Reed would not have been charged without the video.",  # counterfactual
        "Police said Tom Reed was not charged until Friday.",  # a delay
    ],
)
def test_negations_that_deny_nothing(second: str) -> None:
    docs = _story(
        ("Daily One", "2024-03-01", "Tom Reed was charged in the crash on Friday."),
        ("The Courier", "2024-03-05", second),
    )
    assert not _contested(_claims(docs), "negates")


def test_days_a_week_apart_date_two_events() -> None:
    docs = _story(
        ("Daily One", "2024-03-09", "Tom Reed was arrested on March 1 after the crash."),
        ("The Courier", "2024-03-09", "Tom Reed was arrested on March 8 after the crash."),
    )
    assert not _contested(_claims(docs), "dated")
    close = _story(
        ("Daily One", "2024-03-09", "Tom Reed was arrested on March 1 after the crash."),
        ("The Courier", "2024-03-09", "Tom Reed was arrested on March 2 after the crash."),
    )
    assert _contested(_claims(close), "dated")


def test_two_denials_do_not_contest_each_other() -> None:
    docs = _story(
        ("Daily One", "2024-03-01", "Police said no injuries were reported after the crash."),
        ("The Courier", "2024-03-01", "There were no reports of injuries after the crash."),
    )
    assert not _contested(_claims(docs), "negates")


def test_british_and_american_spellings_of_a_word_are_not_a_name_conflict() -> None:
    assert _spelling(frozenset({"Organisation"}), frozenset({"Organization"})) is None
    assert _spelling(frozenset({"Advisers"}), frozenset({"Advisors"})) is None
    assert _spelling(frozenset({"Defence"}), frozenset({"Defense"})) is None
    # names differing in the same letters stay conflicts: no word list has them, or the
    # letters are not where British and American spellings differ
    assert _spelling(frozenset({"Connor"}), frozenset({"Conner"})) == ("Connor", "Conner")
    assert _spelling(frozenset({"Andersen"}), frozenset({"Anderson"})) == ("Andersen", "Anderson")
    docs = _story(
        ("Daily One", "2024-03-01", "Staff of Harbour Defence Organisation met Ada Moss."),
        ("The Courier", "2024-03-01", "Staff of Harbour Defense Organization met Ada Moss."),
    )
    assert not _contested(_claims(docs), "spelled")


def test_an_age_someone_will_reach_is_not_their_age_now() -> None:
    docs = _story(
        ("Daily One", "2024-03-01", "Tom Reed, 28, signed a new contract with the club on Monday."),
        ("The Courier", "2024-03-01", "Tom Reed will be 29 on April 11, the club said."),
    )
    assert not _contested(_claims(docs), "age")
    older = _story(
        ("Daily One", "2024-03-01", "Tom Reed, 28, signed a new contract with the club on Monday."),
        ("The Courier", "2024-03-01", "Tom Reed, 29, signed a new contract with the club Monday."),
    )
    assert _contested(_claims(older), "age 28 vs 29")


def test_a_denial_about_someone_else_is_not_contested() -> None:
    assert _denial_subject("the driver wasn't injured.", stem("injured")) == {stem("driver")}
    assert _denial_subject("Police said Tom Reed has not been charged.", stem("charged")) == {
        stem("tom"),
        stem("reed"),
    }
    assert not _denial_subject("He was not hurt.", stem("hurt"))  # a pronoun: could be anyone
    assert not _denial_subject("No arrests were made.", stem("arrests"))  # a noun's denial
    later = "The driver was not injured in the shooting on Monday, police said."
    docs = _story(
        (
            "Daily One",
            "2024-03-01",
            "Two others were injured in the shooting on Monday, police said.",
        ),
        ("The Courier", "2024-03-05", later),
    )
    assert not _contested(_claims(docs), "negates")
    same = _story(
        (
            "Daily One",
            "2024-03-01",
            "The driver was injured in the shooting on Monday, police said.",
        ),
        ("The Courier", "2024-03-05", later),
    )
    assert _contested(_claims(same), "negates")
