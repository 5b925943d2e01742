"""Figure extraction on fixtures written for these tests and on the real seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.analyze.figures import extract_figures
from corroborate.analyze.nlp import load_nlp
from corroborate.types import Figure, LocalEntity, Mention


def _figures(text: str, entities: tuple[LocalEntity, ...] = ()) -> tuple[Figure, ...]:
    return extract_figures(load_nlp()(text), entities)


def _one(figures: tuple[Figure, ...], text: str) -> Figure:
    found = [f for f in figures if f.text == text]
    assert found, f"{text!r} not in {[f.text for f in figures]}"
    return found[0]


@pytest.fixture(scope="module")
def strike(fixtures_dir: Path) -> tuple[Figure, ...]:
    return _figures((fixtures_dir / "analyze" / "figures_strike.txt").read_text())


@pytest.fixture(scope="module")
def trial(fixtures_dir: Path) -> tuple[Figure, ...]:
    return _figures((fixtures_dir / "analyze" / "figures_trial.txt").read_text())


def test_offsets_point_at_text(fixtures_dir: Path, strike: tuple[Figure, ...]) -> None:
    text = (fixtures_dir / "analyze" / "figures_strike.txt").read_text()
    assert strike
    for fig in strike:
        assert text[fig.start : fig.end] == fig.text


def test_counts(strike: tuple[Figure, ...]) -> None:
    f = _one(strike, "More than 3,000 workers")
    assert (f.kind, f.low, f.high, f.qualifier) == ("count", 3000, None, "more than")
    assert (f.counted, f.unit, f.predicate) == ("worker", "people", "go")
    g = _one(strike, "Around twenty thousand people")
    assert g.approximate and g.low is not None and g.high is not None
    assert g.low <= 20000 <= g.high and g.predicate == "march"
    h = _one(strike, "hundreds of lorries")
    assert (h.low, h.high, h.approximate, h.counted) == (200, 999, True, "lorry")


def test_duration_money_percent_age_ordinal(strike: tuple[Figure, ...]) -> None:
    meeting = _one(strike, "90-minute meeting")
    assert (meeting.kind, meeting.low, meeting.unit, meeting.predicate) == (
        "duration",
        1.5,
        "hours",
        "meeting",
    )
    age = _one(strike, "52")
    assert (age.kind, age.low, age.unit, age.subject) == ("age", 52, "years", "Marta Kessel")
    money = _one(strike, "€2bn")
    assert (money.kind, money.low, money.unit, money.predicate) == ("money", 2e9, "EUR", "cost")
    pct = _one(strike, "4.5%")
    assert (pct.kind, pct.low, pct.unit, pct.subject) == ("percent", 4.5, "percent", "wages")
    third = _one(strike, "third")
    assert (third.kind, third.low, third.counted) == ("ordinal", 3, "strike")
    walkout = _one(strike, "up to five days")
    assert (walkout.low, walkout.high, walkout.unit, walkout.subject) == (0, 5, "days", "walkout")


def test_not_figures(strike: tuple[Figure, ...], trial: tuple[Figure, ...]) -> None:
    texts = {f.text for f in (*strike, *trial)}
    assert not any("2019" in t or "2022" in t or "2024" in t for t in texts)  # years
    assert not any(t.startswith("4,") or t == "4" for t in texts)  # "July 4, 2024"
    names = _figures("He drove down Route 66 at 1700 GMT.\n1. COVID-19 cases rose.")
    assert names == ()


def test_sentence_active_and_passive(trial: tuple[Figure, ...]) -> None:
    active = _one(trial, "three and a half years")
    assert (active.low, active.unit, active.predicate) == (42, "months", "sentence")
    assert (active.subject, active.object) == ("regional court", "Daniel Osei")
    passive = _figures("Smith was sentenced to four years and two months by a judge.")
    fig = _one(passive, "four years and two months")
    assert (fig.low, fig.predicate, fig.subject, fig.object) == (50, "sentence", "judge", "Smith")


def test_qualifier_is_not_a_preposition(trial: tuple[Figure, ...]) -> None:
    fig = _one(trial, "two years and eight months")
    assert fig.qualifier is None and fig.low == fig.high == 32


def test_vague_and_dozen(trial: tuple[Figure, ...]) -> None:
    dozens = _one(trial, "dozens of officials")
    assert (dozens.low, dozens.high, dozens.unit) == (24, 99, "people")
    dozen = _one(trial, "about a dozen people")
    assert dozen.approximate and dozen.predicate == "detain" and dozen.subject == "police"
    some = _one(trial, "Some 300 supporters")
    assert (some.low, some.high, some.qualifier) == (270, 330, "some")
    bound = _one(trial, "at least 40 contracts")
    assert (bound.low, bound.high, bound.unit) == (40, None, "contract")


def test_subject_id_from_entities() -> None:
    text = "Police detained over 500 people in Valmora."
    police = LocalEntity(
        id="e1",
        name="Police",
        type="ORG",
        mentions=(Mention(start=0, end=6, text="Police", type="ORG", entity_id="e1"),),
    )
    fig = _one(_figures(text, (police,)), "over 500 people")
    assert (fig.subject, fig.subject_id, fig.predicate) == ("Police", "e1", "detain")
    assert _one(_figures(text), "over 500 people").subject_id is None


# ------------------------------------------------------------------ real seeds (../shared)


def _seed(seeds_dir: Path, prefix: str) -> tuple[Figure, ...]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return _figures(path.read_text())


def _by(figures: tuple[Figure, ...], predicate: str, kind: str) -> list[Figure]:
    return [f for f in figures if f.predicate == predicate and f.kind == kind]


@pytest.mark.shared
def test_seed_sentences(seeds_dir: Path) -> None:
    for prefix, months in (("000", 32), ("004", 30)):
        sentences = _by(_seed(seeds_dir, prefix), "sentence", "duration")
        assert [(f.low, f.high, f.unit) for f in sentences] == [(months, months, "months")]


@pytest.mark.shared
def test_seed_detentions(seeds_dir: Path) -> None:
    (over,) = _by(_seed(seeds_dir, "002"), "detain", "count")
    assert (over.low, over.high, over.qualifier, over.unit) == (11000, None, "over", "people")
    (about,) = _by(_seed(seeds_dir, "004"), "detain", "count")
    assert about.approximate and about.counted == "people"
    assert about.low is not None and about.high is not None
    assert about.low < 10000 < about.high and about.high - about.low <= 2000  # ±10 %
    (thousands,) = _by(_seed(seeds_dir, "000"), "detain", "count")
    assert thousands.approximate and thousands.qualifier is None
    assert (thousands.low, thousands.high) == (2000, 9999)


@pytest.mark.shared
def test_seed_age_and_skips(seeds_dir: Path) -> None:
    figs = _seed(seeds_dir, "000")
    ages = [f for f in figs if f.kind == "age"]
    assert [(a.low, a.subject) for a in ages] == [(44, "Navalny")]
    hours = [f for f in figs if f.unit == "hours" and f.low == 2]
    assert hours, "the two-hour call"
    texts = {f.text for f in (*figs, *_seed(seeds_dir, "002"))}
    assert not any("2021" in t or "1700" in t or t == "6" for t in texts)


@pytest.mark.parametrize(
    "text",
    [
        "Neighbors saw a boy they believed to be 11 starting to cry.",
        "The girl, believed to be 9, was hurt in the crash.",
        "Police believe the gunman to be 25.",
        "Dana Keller, who lived in Oakfield, was 26.",
    ],
)
def test_a_number_a_person_is_said_to_be_is_an_age(text: str) -> None:
    figs = extract_figures(load_nlp()(text))
    assert [f.kind for f in figs] == ["age"], figs


@pytest.mark.parametrize(
    "text", ["The death toll is expected to be 11.", "Officials said it was 11."]
)
def test_a_number_a_thing_is_said_to_be_is_no_age(text: str) -> None:
    assert all(f.kind != "age" for f in extract_figures(load_nlp()(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Witnesses said the man is 6-foot-1.",
        "The gunman, 6-foot-2, ran off.",
        "Police are looking for a man they described as 6-foot-2.",
    ],
)
def test_a_height_is_neither_an_age_nor_a_count(text: str) -> None:
    assert not [f for f in _figures(text) if f.low in (6.0, 1.0, 2.0)]


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("He began firing a 9 mm handgun at the door.", "mm", 9.0),
        ("Deputies found a 12 gauge shotgun in the truck.", "gauge", 12.0),
    ],
)
def test_a_size_unit_written_apart_measures_the_noun(text: str, unit: str, value: float) -> None:
    """A gun's calibre or gauge is a property of the gun (kind "other"), not a count of
    guns."""
    figs = [f for f in _figures(text) if f.low == value]
    assert [(f.kind, f.unit) for f in figs] == [("other", unit)], figs


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Tips go to Crime Stoppers at 1-877-4TIPSNOW, police said.", 877.0),
        ("Anyone with information should call Crime Stoppers at 1-800-CRIME-TX.", 800.0),
        ("Call CrimeStoppers at 555-CASH (2274) anytime if you have any information.", 2274.0),
        ("Officers found a man lying in the street next to a black 2014 Nissan Altima.", 2014.0),
    ],
)
def test_vanity_phone_numbers_and_model_years_are_no_figures(text: str, forbidden: float) -> None:
    """A telephone number spelled with letters (its digits glued by hyphens, or given in
    parentheses after it) and a car's model year are no figures."""
    assert not [f for f in _figures(text) if f.low == forbidden]


_CAPTION_ONE = (
    "Tobin, (left) 15, Marla, (back center) 12, Edie, (right) 8, and Rudy, 6 (front "
    "center) Vasquell were killed along with their father on Sunday."
)
_CAPTION_TWO = (
    "Memorial photo: Dallas, (left) 11, Georgia, (right) 10, and Paris, 9 (front center) "
    "Ambry died in the fire."
)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("One, 41, was shot in the leg and the other, 19, was grazed.", 19.0),
        ("She was shot and killed at 31 outside her home in 2009.", 31.0),
    ],
)
def test_the_other_between_commas_and_killed_at_n_are_ages(text: str, age: float) -> None:
    figs = [f for f in _figures(text) if f.low == age]
    assert [f.kind for f in figs] == ["age"], figs


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Marlo Quentin Vasquez, 22 - The Valley Ledger\n\nVasquez was shot on Sunday.", 22.0),
        ("THE MAN WHO DIED WAS 27 YEARS OF AGE. THE CHIEF SAID SO.", 27.0),
        ("The man who died was 31 years of age, the coroner said.", 31.0),
    ],
)
def test_a_name_before_an_outlets_dash_and_years_of_age_are_ages(text: str, age: float) -> None:
    """Eleventh hand reading (docs/figures.md): a headline "Name, 22 - Outlet" repeated as
    the text's first line, and "N years of age" (read as a duration before)."""
    figs = [f for f in _figures(text) if f.low == age]
    assert [(f.kind, f.unit) for f in figs] == [("age", "years")], figs
    assert all("-" not in f.text and "Valley" not in f.text for f in figs)


def test_a_record_after_a_name_stays_no_age() -> None:
    assert not [f for f in _figures("Dell, 43-1, won again on Friday.") if f.kind == "age"]


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Officers received a shooting call to 1498 Gausco. Upon arrival they found him.", 1498),
        ("Deputies were called to 4410 Kettering around 2 a.m. Sunday.", 4410),
        ("Officers responded to 2210 Old Brambleton at 5 a.m.", 2210),
        ("Tap an icon, or here for more scores\n\nLooking for late results?", 40),
        # fifteenth hand reading: a street word in lower case; a numbered road's name
        ("They were pronounced dead. The shooting took place at 618 Dawson road.", 618),
        ("A suspect surrendered at a motel on 9 Ridge, police said.", 9),
        ("Deputies stopped the car on U.S. 41 East near the county line.", 41),
        ("The crash closed US Hwy 92 West for hours.", 92),
    ],
)
def test_a_house_number_without_a_street_word_and_game_scores_are_no_figures(
    text: str, forbidden: float
) -> None:
    """A house number before a street named without "Street"/"Road" after "to"/"at", and
    "scores" (the results of games) with nothing counted after it."""
    assert not [f for f in _figures(text) if f.low == forbidden], _figures(text)


@pytest.mark.parametrize(
    ("text", "count", "counted"),
    [
        ("The Navy sent 300 Marines to the base on Monday.", 300, "marines"),
        ("Scores of people marched on Sunday.", 40, "people"),
        ("Deputies found 2 women near the car.", 2, "woman"),
        ("The unit sent 3 Marines to the gate.", 3, "marines"),
        ("Police closed 2 lanes of the road.", 2, "lane"),
    ],
)
def test_plural_names_and_scores_of_people_stay_counts(
    text: str, count: float, counted: str
) -> None:
    figs = [f for f in _figures(text) if f.low == count]
    assert [(f.kind, (f.counted or "").lower()) for f in figs] == [("count", counted)], figs


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Chief Dan Rollins tells 21 news that three people were hurt.", 21),
        ("Seman told Pittsburgh's Action News 4 reporter Bob Mayo that he was worried.", 4),
        ('"Are you surprised?" Channel 9 reporter Karla Ray asked a resident.', 9),
        ("Girl, 6, shoots boy - WKRT-TV 7-News, Weather, Sports-Millbrook, OH", 7),
        ("Man shot outside bar - WKRT-TV 7 News, Weather, Sports-Millbrook, OH", 7),
    ],
)
def test_channel_numbers_are_no_counts_of_people(text: str, forbidden: float) -> None:
    """Twelfth hand reading (docs/figures.md): a station's number before "news" or after
    "News" / "Channel" had been read as that many people."""
    assert not [f for f in _figures(text) if f.low == forbidden], _figures(text)


def test_news_reporters_stay_counted() -> None:
    for text in ("Four news reporters were hurt.", "4 News reporters were hurt in the crash."):
        assert [(f.low, f.counted) for f in _figures(text)] == [(4.0, "reporter")]


@pytest.mark.parametrize(
    "text",
    [
        "Boy killed, brother hurt at home\n\nKQRV 11 News Two brothers, ages 11 and 16, were shot.",
        "Police tell Eyewitness News two brothers got into an argument before the shooting.",
        "Police tell Channel 3 two 4-year-old girls were shot near the school.",
        "Lt. Ray Dunn told WKRT-TV two women and a man were injured in the shooting.",
        "Lt. Ray Dunn told WKRT two women were injured in the shooting.",
    ],
)
def test_a_count_after_news_or_channel_stays_a_count(text: str) -> None:
    """A number before what it counts, after a byline's "News" or "Channel", is a count."""
    assert 2.0 in [f.low for f in _figures(text) if f.kind == "count"], _figures(text)


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Anyone with information was urged to contact police at (877) KLPD-24-7.", 877),
        ("Detectives ask anyone with information to call 410 -396-2100. Callers may stay", 410),
        ("Officers were dispatched to a reported shooting at 1938 hours on 10/15/16.", 1938),
        ("A man was shot on Monday, police sources tell NBC 4 New York.", 4),
    ],
)
def test_vanity_numbers_after_an_area_code_military_times_and_networks_are_no_figures(
    text: str, forbidden: float
) -> None:
    """Thirteenth hand reading (docs/figures.md): "(877) XXXX-24-7" and "410 -396-2100"
    are telephone numbers, "at 1938 hours" a clock time, "NBC 4" a station."""
    assert not [f for f in _figures(text) if f.low == forbidden], _figures(text)


def test_worked_hours_stay_a_duration_and_an_alias_takes_an_age() -> None:
    assert [(f.kind, f.low) for f in _figures("He worked 1938 hours last year.")] == [
        ("duration", 1938.0)
    ]
    text = "Police charged Robert Mallory, aka Rambo, 33; and Al Burgess, 28."
    assert [(f.kind, f.low) for f in _figures(text) if f.low == 33] == [("age", 33.0)]


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ('If you know something, call 1-800-KBI-FIND."  His girlfriend lives nearby.', 800),
        ('If you know something, call 1-800-KBI-FIND."\n\nHis girlfriend lives nearby.', 800),
        ("He was injured in an accidental shooting Saturday night around six o'clock.", 6),
    ],
)
def test_a_quoted_vanity_number_and_oclock_are_no_figures(text: str, forbidden: float) -> None:
    """Fourteenth hand reading (docs/figures.md)."""
    assert not [f for f in _figures(text) if f.low == forbidden], _figures(text)


def test_a_two_and_a_half_year_old_is_an_age() -> None:
    figs = _figures("We had a 2-and-a-half-year-old that was able to take a gun.")
    assert [(f.kind, f.low, f.text) for f in figs] == [("age", 2.5, "2-and-a-half-year-old")]


def test_a_toll_that_stands_at_n_stays_a_count() -> None:
    assert [f.kind for f in _figures("The death toll stood at 24 on Friday.") if f.low == 24] == [
        "count"
    ]


@pytest.mark.parametrize(
    "text", ["Dana Keller was one out of five suspects.", "Dana Keller was 2 for 4 at the plate."]
)
def test_a_name_that_was_one_of_several_has_no_age(text: str) -> None:
    """A name "was one of" several or a tally: the number closes no clause, no age."""
    assert all(f.kind != "age" for f in extract_figures(load_nlp()(text)))


@pytest.mark.parametrize(
    "text",
    [
        "The shooting happened at about 5 p.m. inside 42 Larkspur Street, police said.",
        "Officers were called to the 1300-block of Cedar Drive on Sunday.",
    ],
)
def test_addresses_are_no_figures(text: str) -> None:
    assert not [f for f in _figures(text) if f.low in (42.0, 1300.0)]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Police have named Dario Venn, 19 of Millbrook, as the shooter.", 19.0),
        ("Neighbors wait to see if the two year olds condition improves.", 2.0),
    ],
)
def test_more_ages(text: str, age: float) -> None:
    assert [(f.kind, f.low) for f in _figures(text)] == [("age", age)]


@pytest.mark.parametrize(
    "text",
    [
        "Anyone with information can leave a tip at (555) 246-TIPS.",
        "Call the tip line at (555) 912-TIPS (8477) with information.",
        "Witnesses described a blue 80’s model pickup leaving the lot.",
    ],
)
def test_vanity_phone_numbers_and_decades_are_no_figures(text: str) -> None:
    assert _figures(text) == (), _figures(text)


def test_a_copyright_line_has_no_figure() -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.types import Article

    text = (
        "Boy hurt in Elmwood\n\nThe boy was taken to the Elmwood clinic. Police are still"
        " investigating.\n\nCopyright 2016 WXYZ. All rights reserved."
    )
    article = Article(id="c", path="c.txt", text=text, title="Boy hurt in Elmwood", language="en")
    assert [f.text for f in analyze_article(article).figures if f.low == 2016] == []


def test_pounds_that_weigh_are_no_money() -> None:
    weight = _figures("He is 6 feet 2 inches tall and weighs 350 pounds.")
    assert [
        (f.kind, f.unit) for f in weight if f.low == 350
    ] == []  # a weight given with a height is off the board
    fine = _figures("The court fined him 350 pounds.")
    assert [(f.low, f.unit) for f in fine] == [(350.0, "GBP")]
    # a build written "5-foot-10", pounds of a thing; a height is no count
    for text in (
        "The suspect is described as a black male, 5-foot-10, 210 pounds, in a red hoodie.",
        "Deputies seized two pounds of marijuana and a handgun.",
        "The missing man is 5 feet 9 inches, 210 pounds, with brown eyes.",
    ):
        found = _figures(text)
        assert not [f for f in found if f.unit == "GBP"], found
        assert not [f for f in found if f.low == 5], found
    savings = _figures("The fine was 200 pounds of his savings.")
    assert [(f.low, f.unit) for f in savings] == [(200.0, "GBP")]


def test_a_dateline_year_and_year_olds_are_no_counts() -> None:
    assert _figures("By Ada Moss Updated: Mar 4, 2019 - 8:05 AM MARLO - Police said.") == ()
    kids = _figures("Both 6-year-olds were treated and released, officials said.")
    assert [(f.kind, f.low) for f in kids] == [("age", 6.0)]


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Dara Voss, 25 and Tobin Kale, 32 were all taken to the hospital.", [25.0, 32.0]),
        ("Ira Lund, Ole Berg and Jan Moss, all 23, each face one count of murder.", [23.0]),
        ("His friend Cal Brody, also 23, had shot him in the leg.", [23.0]),
        ("Around 9 p.m., a girl younger than 10 was hurt near the school.", [10.0]),
        ("Image 1 of 9 Cal Brody, 28 Cal Brody, 28 Photo: Courtesy of police", [28.0]),
    ],
)
def test_ages_after_names_and_comparisons(text: str, ages: list[float]) -> None:
    assert [f.low for f in _figures(text) if f.kind == "age"] == ages, _figures(text)
    assert not [f for f in _figures(text) if f.low in ages and f.kind != "age"]


@pytest.mark.parametrize(
    "text",
    [
        "The pair stood near 4100 South and 2700 West, officers said.",
        "Officers went to the 22000 block of Seven Oaks Court on Monday.",
    ],
)
def test_grid_addresses_and_street_names_with_numbers_are_no_figures(text: str) -> None:
    assert not [f for f in _figures(text) if f.low in (4100.0, 2700.0, 7.0, 22000.0)]


def test_a_clock_time_whose_dot_a_doubled_full_stop_took_is_no_figure() -> None:
    text = "Another victim was sent to the hospital shortly before 4 p.m.."
    assert not [f for f in _figures(text) if f.low == 4], _figures(text)


@pytest.mark.parametrize(
    "text",
    [
        "The man ran into a 7-Eleven on Main Street.",  # a store's name
        "At one point, police said, the man ran.",  # an idiom
        "A neighbour told KQRV 7 that she heard shots.",  # a channel after its call sign
        "Watch WVLM News 12 for updates on the fire.",
        "Marlo police told 4 NEWS that the road stays closed.",  # a channel before "News"
        "The sheriff tells 4 NEWS deputies were called to the house after midnight.",
        "The shooting happened at the gun range east of Millbrook around 10 Friday morning.",
        "Neighbours heard the shots at 9 this morning, police said.",  # an hour, not a count
        "A man dropped a handgun in the lot of a Marlo Springs 7-Eleven on Sunday afternoon.",
        "Anyone with information can send a text message anonymously to 84100.",  # short code
        "Her coach still holds the county record in the 200 set in 1998.",  # a race
    ],
)
def test_names_idioms_and_channels_are_no_figures(text: str) -> None:
    assert not _figures(text), _figures(text)


def test_a_number_between_commas_after_a_person_noun_is_an_age() -> None:
    figs = _figures("Toddler found with pistol after child, 4, wounded at home, police say")
    assert [(f.kind, f.low) for f in figs if f.low == 4] == [("age", 4.0)], figs


def test_counts_next_to_those_shapes_stay() -> None:
    assert [f.low for f in _figures("The 100 runners of the relay meet were evacuated.")] == [100]
    assert [f.low for f in _figures("Police texted 5 neighbours about the shooting.")] == [5]
    assert [f.low for f in _figures("The city sent text alerts to 5000 residents.")] == [5000]
    assert [f.low for f in _figures("Officials will meet the 12 who stayed behind.")] == [12]
    told = _figures("A deputy told 2 NEWS two men were shot.")  # the count after the brand
    assert {f.low for f in told} == {2.0} and all("two men" in f.text for f in told), told


def test_a_title_case_duration_keeps_its_number() -> None:
    figs = _figures("Velmora man gets 10-Year sentence.")
    assert [(f.low, f.unit) for f in figs] == [(120.0, "months")], figs


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Officers responded to a call at 418 Maple. They found a man who had been shot.", 418),
        ("The victim was sitting on a porch at 250 N. Second East when he was shot.", 250),
        ("Around 11 Elm Grove police Chief Pat Lane responded to a call on Birch Lane.", 11),
        ("19 y/o killed, 16 y/o hurt after shooting downtown.", 19),
        ("Police said the 15 y/o girl who was shot is in stable condition.", 15),
        ("Ann, (left) 12, Bo, (right) 9, and Cy, 7 (center) were killed with their mother.", 12),
    ],
)
def test_addresses_short_ages_and_clock_hours_are_no_counts(text: str, forbidden: float) -> None:
    assert not [f for f in _figures(text) if f.kind == "count" and f.low == forbidden], _figures(
        text
    )


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (_CAPTION_ONE, 15),
        (_CAPTION_ONE, 12),
        (_CAPTION_ONE, 8),
        (_CAPTION_ONE, 6),
        (_CAPTION_TWO, 11),
        (_CAPTION_TWO, 10),
        (_CAPTION_TWO, 9),
    ],
)
def test_each_age_of_a_caption_with_position_notes_is_no_count(text: str, age: int) -> None:
    """The twenty-fourth reading: a caption names the dead with their positions in the
    photo; every number beside a position note is an age, whatever entity type the name
    got (a name at the start of a caption, or a name that is also a place, is not typed a
    person)."""
    assert not [f for f in _figures(text) if f.kind != "age" and f.low == age], _figures(text)


def test_a_position_note_beside_a_count_leaves_the_count() -> None:
    figs = _figures("Rescuers (left) 12 firefighters carried the boy out of the house.")
    assert [f.low for f in figs if f.kind != "age"] == [12], figs


def test_a_partitive_is_no_value_of_ages() -> None:
    """Parses as the small model gave them on a GVC page: "three of those shot -- ...,
    ages 16 and 17 -- were ..." hung "three" on "ages"; a partitive still counts people."""
    from spacy.tokens import Doc

    from corroborate.analyze.ages import _value_of_ages
    from corroborate.analyze.nlp import load_nlp

    vocab = load_nlp().vocab
    parts = Doc(
        vocab,
        words=["three", "of", "those", "ages", "were", "stable"],
        heads=[3, 0, 1, 4, 4, 4],
        deps=["prep", "prep", "pobj", "nsubj", "ROOT", "acomp"],
        pos=["NUM", "ADP", "PRON", "NOUN", "AUX", "ADJ"],
        lemmas=["three", "of", "those", "age", "be", "stable"],
    )
    assert not _value_of_ages(parts[0])
    said = Doc(
        vocab,
        words=["the", "ages", "are", "17"],
        heads=[1, 2, 2, 2],
        deps=["det", "nsubj", "ROOT", "attr"],
        pos=["DET", "NOUN", "AUX", "NUM"],
        lemmas=["the", "age", "be", "17"],
    )
    assert _value_of_ages(said[3])


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("Police said the ages of the wounded are 17, 23, 24 and 55. All were shot.", 17),
        ("Police said the ages of the wounded are 17, 23, 24 and 55. All were shot.", 55),
        ("Six children ages 0 to 17 died in such accidents in 2013.", 0),
        ("Their ages range from 25 to 45, police said.", 45),
        ("Lenz served on the council from 1991 to 2000 and then left.", 2000),
        ("Leaflets with the (866) CALL TIP number were handed out.", 866),
        ("There will be a service at 7. Friends are welcome.", 7),
        ("Watch the full report on Channel Eight News at ten.", 10),
        ("Police found the children, who were 16, 14, 9 and 10, in the house.", 16),
        ("The victims, two men and a woman, were all between 22 and 30 years old.", 22),
        ("The boys, about 15 or 16 years old, ran away.", 15),
        ("Oakfield police: 15-year-old fatally shot; boy, 12, detained", 12),
        ("Boy, 12, Shot In Leg Near Park", 12),
        ("Police found three other men, described as being 19 and 20, inside.", 19),
        ("Police found three other men, described as being 19 and 20, inside.", 20),
        ("So all know: Sunday March 4th 2 to 4 we will hold a visitation at the Hale chapel.", 4),
        ("Update: Saturday June 2nd 1 to 3 we will be having a memorial at the Elks lodge.", 3),
        ("Ann Cole was elected to the city council at 29 and served two terms.", 29),
        ("She married at 19 and moved to Dunmore.", 19),
        ("He joined the force in 1990 and retired at 55.", 55),
        ("Police were called to 12-20 Dunmore Avenue on Sunday.", 12),
        ("Police were called to 112-20 Oak Street on Sunday.", 112),
        ("It happened between 2 and 3 in the morning.", 2),
        ("The shots rang out at 11 at night.", 11),
        ("The women, both 24, were taken to Oakfield Hospital.", 24),
        ("Hale was pronounced dead at 6 at the scene.", 6),
        ("About 11:15 p.m. Tuesday on the West Side, a 31-year-old man was shot.", 11),
        ("Two men were hurt in a drive-by shooting about 10:40 p.m. Monday.", 10),
        ("When officers arrived, they made entry into apartment #412 and found a woman.", 412),
        ("He was #12 on the field, his coach said.", 12),
        ("Send tips to the unit, reference case #17-79807.", 79807),
        ("The owner of a tan Buick '88 reported her car stolen on Friday.", 88),
        ("Call the police at (661)327-7111 or 911.", 7111),
        ("Five were shot in broad daylight; the youngest was 17.", 17),
        ("Two women — both 21 — were also shot.", 21),
        ('Police sought Ann Hale, aka "Red," 25, of Oakfield.', 25),
        ("Police identified the suspect as Peter Marlow Dunn (31).", 31),
        ("Two of the men, 24 and 18, were standing outside.", 24),
        ("Police said two men, one 18 and the other 23, were shot.", 23),
        ("He was charged with carrying a handgun as a person under 21.", 21),
        ("Shots rang out between the 400 and the 700 blocks of Elm Street.", 400),
        ("Police responded to 3447 Hale and found a man shot.", 3447),
        ("He told 1010 WINS that he heard shots.", 1010),
        ("He is described as 5 foot, 11 inches tall.", 5),
        ("He's 5 feet 11, and weighs 180 pounds.", 5),
        ("It happened in the 16400 block of Elm, near Kelly and 8 Mile.", 8),
        ("Officers went to 2365 Staten in the 38108 zip code.", 38108),
        ("The tipline is available 24/7.", 24),
        ('She lost a grandson to gun violence in 2011."I can\'t go on," she said.', 2011),
        ("Anyone with information may call the TIPS Line at 612-692 TIPS (8477).", 612),
        ("It happened at the park located at 6000 NW 32nd Court.", 6000),
        ("A neighbor told 12 KTVB's Maria Lopez that she heard shots.", 12),
        ("Mayor Diaz said: This is one evil person.", 1),
        ("There were five children under the age of 10 home alone in the house.", 10),
        ("The feud has simmered since at least 1998.", 1998),
        ("His record dates to at least 2007, when he was arrested.", 2007),
        ("The hotel is situated at routes 202 and 31 in Hanover.", 31),
        ("As I was about to enter the ramp of 635, two cars blocked traffic.", 635),
        ("Anyone who sees him should call 911 or *47 immediately.", 47),
        ("As they sat on the couch just past 7 on the evening of May 2, shots rang out.", 7),
        ("Ray Cole, age 31, of 45 Elm Street, Apt. 6, Dayton, has been charged.", 6),
        ("Officers searched Suite 200 of the building.", 200),
        (
            "Footprints seen outside the house in the 4512 Silent Creek, Sunday, after a killing.",
            4512,
        ),
        ("Three men were on the porch of the house at 104 Varner when shots were fired.", 104),
    ],
)
def test_ages_years_phones_and_hours_of_the_readings_are_no_counts(
    text: str, forbidden: float
) -> None:
    """Sixteenth, seventeenth and nineteenth hand readings: numbers said of "the ages" (or
    in a range after "ages" from 0), the far end of a range of years the NER typed only in
    part, a tip line spelled in capitals with spaces, an hour after "at", ages listed after
    "were" of people, the first end of a range of ages, a headline's "boy, 12," (tagged UH
    or NNP), ages "described as being", hours after a day, a person's age "at N" (elected,
    married, retired at), a hyphenated house number ("12-20 Dunmore Avenue"), hours before
    a part of the day, plural people's one age ("both 24"), a clock time the parser made a
    subject, numbers after "#", a year "'88", ages listed after people, in parentheses after
    a name or after "under", a range of blocks, an hour after "past", heights, "8 Mile", zip
    codes, "24/7", "in 2011.", a spaced vanity number, "6000 NW 32nd Court" (the last from
    scans of the board's numbers counting nothing, 2026-12-05), a channel before a call sign
    and "one evil person" (the twentieth reading's noise), years after a hedge, road and
    exit numbers, star codes (the twenty-first reading's scan): none is a count."""
    found = _figures(text)
    assert not [
        f
        for f in found
        if f.kind == "count"
        and (
            (f.low is not None and f.high is not None and f.low <= forbidden <= f.high)
            # a people count's span is its clause ("two women - both 21 - were shot")
            or (f.unit != "people" and str(int(forbidden)) in f.text)
        )
    ], found


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The number of victims is 17, police said.", 17),
        ("Membership rose from 1500 to 2000 members.", 2000),
        ("The club had 1500 members in 2010 and 2000 members in 2015.", 2000),
        ("Police said 0 adults were hurt.", 0),
        ("Police handed out (800) flyers on Monday.", 800),
        ("Eight hundred (800) FLYERS were printed.", 800),
        ("The death toll stood at 7 on Sunday.", 7),
        ("Officials put the number of dead at 12.", 12),
        ("Gunmen opened fire at 3 locations in the city.", 3),
        ("The victims were 3 men and 2 women.", 3),
        ("The totals were 17 and 19.", 17),
        ("The victims were 5.", 5),
        ("On Monday 3 to 5 people were hurt.", 3),
        ("Dunmore police: 12 detained after a brawl", 12),
        ("The crates were described as being 12 and 14 in number.", 12),
        ("He was clocked at 95 on the highway.", 95),
        ("About 10-15 Oakfield residents were hurt.", 10),
        ("Between 10-15 shots were fired.", 10),
        ("Between 10-15 residents were hurt.", 10),
        ("Gunmen killed 3 in the morning raid.", 3),
        ("Gunmen killed 3 in the morning.", 3),
        ("The victims, all 3, were hurt.", 3),
        ("About 4 p.m. Friday, two men were shot.", 2),
        ("The hostages, all 12, were freed.", 12),
        ("Three women, ages 21, 32 and 49, and two men, 30 and 44 were hurt.", 2),
        ("He scored 20 points, #3 in the league.", 20),
        ("It was past 3 victims that the car stopped.", 3),
        ("Between 400 and 500 protesters marched.", 500),
        ("Witnesses heard between 15 to 25 gunshots.", 25),
        ("He fell 20 feet 3 times.", 3),
        ("Police found 2011 rounds in the house.", 2011),
        ("He has 12 KTVB shares.", 12),
        ("It was one man who fired.", 1),
        ("The shooter was one man.", 1),
        ("Since at least 12 people were hurt, the road closed.", 12),
        ("The apartment 3 residents fled.", 3),
        ("Highway 61 was closed after 3 cars crashed.", 3),
        ("He served in the 1500 Marines of the unit.", 1500),
    ],
)
def test_counts_beside_ages_years_phones_and_hours_stay_counts(text: str, count: float) -> None:
    found = _figures(text)
    assert [f for f in found if f.kind == "count" and count in (f.low, f.high)], found


def test_an_age_without_old_before_a_boy_or_girl_is_an_age() -> None:
    """Eighteenth hand reading: "the 14-year boy" had been a duration of 14 years; tenures
    and terms stay durations."""
    found = _figures("Police said the body of the 14-year boy was found in a field.")
    assert [(f.kind, f.low) for f in found] == [("age", 14.0)]
    for text, months in (
        ("A 20-year veteran of the force was shot.", 240.0),
        ("He was given a 10-year sentence.", 120.0),
        ("The school runs a five-year girls basketball program.", 60.0),
        ("Police ended the 14-year man hunt.", 168.0),
    ):
        assert [(f.kind, f.low) for f in _figures(text)] == [("duration", months)], text


def test_a_reported_copula_clause_is_the_figures_own() -> None:
    # "X was N, officials said": the turnout's figure, not what the officials said
    (fig,) = _figures("Turnout was 65%, officials said.")
    assert (fig.predicate, fig.subject, fig.scope) == ("be", "Turnout", None)
    # and its modal reaches the figure
    (fig,) = _figures("Turnout will be 70%, officials said.")
    assert fig.scope == "modal"
