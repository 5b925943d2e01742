"""Figure rules found on real pages: measurement adjectives, partitive pronouns, compound
person nouns and the time frame (``Figure.scope``). Texts are invented for these tests."""

from __future__ import annotations

import pytest

from corroborate.analyze.figures import extract_figures
from corroborate.analyze.nlp import load_nlp
from corroborate.analyze.numbers import parse_quantity
from corroborate.types import Figure


def _figures(text: str) -> tuple[Figure, ...]:
    return extract_figures(load_nlp()(text))


def _one(text: str, expression: str) -> Figure:
    found = [f for f in _figures(text) if f.text == expression]
    assert found, f"{expression!r} not in {[f.text for f in _figures(text)]}"
    return found[0]


# --------------------------------------------------------------------------- measurements


@pytest.mark.parametrize(
    ("text", "expression", "unit", "noun"),
    [
        ("The council approved a 12-storey tower on Friday.", "12-storey tower", "storey", "tower"),
        ("Engineers built a 40-metre bridge over the Kelva.", "40-metre bridge", "metre", "bridge"),
        ("The agency published a 250-page report.", "250-page report", "page", "report"),
        ("Vantor unveiled its new 14-inch Lumo laptop.", "14-inch Lumo laptop", "inch", "laptop"),
    ],
)
def test_measurement_adjective_is_a_property(
    text: str, expression: str, unit: str, noun: str
) -> None:
    fig = _one(text, expression)
    assert (fig.kind, fig.unit, fig.predicate) == ("other", unit, noun)


def test_measurement_rule_keeps_durations_ages_and_counts() -> None:
    assert _one("They held a three-hour meeting.", "three-hour meeting").kind == "duration"
    assert _one("A 9-year-old girl was hurt.", "9-year-old").kind == "age"
    tower = _one("Twelve towers were approved by the council.", "Twelve towers")
    assert (tower.kind, tower.unit) == ("count", "tower")


# --------------------------------------------------------------------------- partitives


def test_partitive_pronoun_counts_its_antecedent() -> None:
    text = "Hundreds of miners gathered outside the pit, and guards detained about 60 of them."
    fig = _one(text, "about 60 of them")
    assert (fig.counted, fig.unit, fig.predicate) == ("miner", "people", "detain")


def test_partitive_antecedent_is_not_the_clause_subject() -> None:
    text = "The farmers marched on the capital at dawn. Soldiers stopped 40 of them at a bridge."
    fig = _one(text, "40 of them")
    assert fig.counted == "farmer"


def test_partitive_without_plural_antecedent_stays_bare() -> None:
    fig = _one("It was cold. Police detained 40 of them.", "40 of them")
    assert fig.counted is None


# --------------------------------------------------------------------------- person nouns


@pytest.mark.parametrize(
    ("text", "expression", "unit"),
    [
        ("The ferry carried 45 crewmen.", "45 crewmen", "people"),
        ("The storm stranded 14 fishermen.", "14 fishermen", "people"),
        ("The firm has 9,000 shareholders.", "9,000 shareholders", "people"),
        ("Organisers held three rallies.", "three rallies", "rally"),
    ],
)
def test_compound_person_nouns(text: str, expression: str, unit: str) -> None:
    assert _one(text, expression).unit == unit


# --------------------------------------------------------------------------- scope


@pytest.mark.parametrize(
    ("text", "expression", "scope"),
    [
        ("Police detained 70 people on Friday.", "70 people", None),
        ("Police have detained 70 people since the march began.", "70 people", None),
        ("A day after police detained 70 people, the march resumed.", "70 people", None),
        (
            "Floods have killed 4,000 people in the region since 1950.",
            "4,000 people",
            "period:since",
        ),
        (
            "Over the decades, the fever has killed millions of people.",
            "millions of people",
            "period:decade",
        ),
        ("Storms kill about 90 people every year.", "about 90 people", "rate:year"),
        ("Storms kill about 90 people annually.", "about 90 people", "rate:year"),
        ("The state has paid the firm $12,000 so far this year.", "$12,000", "period:so far"),
        ("Orvo shares are up 31 percent year-to-date.", "31 percent", "period:so far"),
        ("The new mine could employ 800 workers.", "800 workers", "modal"),
        ("The company plans to cut 450 jobs.", "450 jobs", "modal"),
        ("Kessler faces up to eight years in prison.", "up to eight years", "modal"),
        ("Kessler was sentenced to eight years in prison.", "eight years", None),
        ("Two weeks ago, a porter was killed at the pier.", "a porter was killed", "before"),
        ("Earlier this month, two guards were wounded nearby.", "two guards", "before"),
        ("Police detained 40 people last month.", "40 people", None),
        ("Two days ago, a porter was killed at the pier.", "a porter was killed", None),
        (
            "The raid came eight months after three miners were killed in a blast.",
            "three miners",
            "before",
        ),
        ("Last night two guards were wounded.", "two guards", None),
        ("Two guards were wounded hours after the rally.", "Two guards", None),
        (
            "Early reports said three people had died, but that proved to be incorrect.",
            "three people",
            "retracted",
        ),
        ("Early reports said three people had died in the blast.", "three people", None),
        (
            "One porter was killed and six guards wounded in two shootings on Sunday.",
            "One porter",
            "aggregate",
        ),
        ("Eight people were wounded in weekend shootings in Marlo.", "Eight people", "aggregate"),
        (
            "Among the shootings across the country, in Marlo, eight people were wounded.",
            "eight people",
            "aggregate",
        ),
        ("Two guards were wounded in the shooting on Sunday.", "Two guards", None),
        ("Police detained 40 protesters during the clashes.", "40 protesters", None),
    ],
)
def test_scope(text: str, expression: str, scope: str | None) -> None:
    assert _one(text, expression).scope == scope


def test_nominal_under_a_modal_keeps_its_own_frame() -> None:
    text = (
        "Three states said envoys would be expelled in response to Orvia's expulsion of"
        " four diplomats."
    )
    assert _one(text, "four diplomats").scope is None


def test_short_of_is_nearly() -> None:
    q = parse_quantity("just short of $449")
    assert q is not None and (q.low, q.high, q.qualifier) == (404.1, 449.0, "just short of")


# --------------------------------------------------------------------------- found on ECB+


def test_coordinated_people_counts_are_parts() -> None:
    text = "Police reported that two women and one man died in the Vell bank blaze."
    assert _one(text, "two women").scope == "part"
    assert _one(text, "one man").scope == "part"
    assert _one("Three people died in the Vell bank fire.", "Three people").scope is None
    banks = _one("Youths attacked three banks and a government building.", "three banks")
    assert banks.scope is None  # a list of different things is not a part of one total


def test_currency_conversion_is_not_a_report() -> None:
    texts = [f.text for f in _figures("The loan is worth 90 billion euros ($117 billion).")]
    assert texts == ["90 billion euros"]
    assert "$40 million" in [f.text for f in _figures("The club paid $40 million (for Orvo).")]


@pytest.mark.parametrize(
    "text",
    [
        "Timeline of the attacks\n\n1994: A guard is shot to death outside a depot in Marlo.",
        "Photo credit 2011 — Two guards are shot dead at the Orvane depot.",
    ],
)
def test_a_timeline_entry_is_its_year(text: str) -> None:
    # the parser often ends a sentence at the colon: the entry is the next sentence
    year = "1994" if "1994" in text else "2011"
    assert {f.scope for f in _figures(text) if f.unit == "people"} == {f"year:{year}"}


def test_a_year_later_in_the_sentence_is_no_timeline_entry() -> None:
    text = "Ten years after the flood of 2002: two men were killed in Dalmor on Sunday."
    assert {f.scope for f in _figures(text) if f.unit == "people"} == {None}


def test_the_date_a_period_runs_from_is_an_earlier_event() -> None:
    text = "Families have gathered daily since March 3, when a deputy fatally shot Ed Varga."
    assert [f.scope for f in _figures(text) if f.unit == "people"] == ["before"]
    same_day = "On March 3, when a deputy fatally shot Ed Varga, families gathered."
    assert [f.scope for f in _figures(same_day) if f.unit == "people"] == [None]


def test_since_a_month_is_a_period_but_not_since_a_day() -> None:
    period = "Nearly 700 more people have been shot in Velmora since January."
    assert {f.scope for f in _figures(period) if f.unit == "people"} == {"period:since"}
    day = "Two men have been arrested since May 3."
    assert {f.scope for f in _figures(day) if f.unit == "people"} == {None}


def test_explicit_year_and_offset_frames() -> None:
    quake = "A quake killed 26,000 people in Dalmor in December 2003."
    assert _one(quake, "26,000 people").scope == "year:2003"
    relcl = "Villagers still speak of the flood in March 1998, in which 4,000 people drowned."
    assert _one(relcl, "4,000 people").scope == "year:1998"
    offset = "The new toll applies from nine days before the regatta."
    assert _one(offset, "nine days").scope == "offset"


@pytest.mark.parametrize(
    "text",
    [
        "Vargas, one of the organisers, spoke first.",
        "Boxer Dell, 43-1, returned to the ring.",
        "The patch covers Orbit6, 7, 8, 9 and 10.",
    ],
)
def test_not_ages_nor_counts(text: str) -> None:
    figs = _figures(text)
    assert not [f for f in figs if f.kind == "age"], figs
    assert not [f for f in figs if f.low in {0.5, 1.0}], figs


def test_half_glued_to_a_word_is_no_number_but_the_person_is_counted() -> None:
    figs = _figures("Police detained his half-brother on Monday.")
    assert not [f for f in figs if f.low == 0.5 or f.text == "half"], figs
    # one person detained: a people count of the phrase, not of "half"
    assert [(f.low, f.predicate, f.text) for f in figs] == [
        (1.0, "detain", "detained his half-brother")
    ]


def test_ages_in_a_pair_still_found() -> None:
    ages = [(f.low, f.subject) for f in _figures("Smith, 44, and Jones, 45, were charged.")]
    assert ages == [(44.0, "Smith"), (45.0, "Jones")]


def test_a_count_dated_weeks_before_publication_is_an_earlier_event() -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.types import Article

    text = (
        "Guard wounded at Marlo dock\n\nTwo guards were wounded at the Marlo dock on Dec. 9,"
        " police said. On Nov. 1, a porter was fatally shot at the same dock."
    )

    def frames(published: str | None) -> dict[str, str | None]:
        article = Article(
            id="d", path="d.txt", text=text, title="Guard wounded", published=published
        )
        return {f.text: f.scope for f in analyze_article(article).figures if f.unit == "people"}

    dated = frames("2015-12-11")
    assert dated["Two guards"] is None and dated["a porter was fatally shot"] == "before"
    assert frames(None)["a porter was fatally shot"] is None  # no publication date: no frame


def _dock_frames(opening: str, body: str, published: str) -> dict[str, str | None]:
    """The people counts' time frames of a dock report: ``opening`` then ``body``."""
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.types import Article

    title = "Guard wounded at Marlo dock"
    text = f"{title}\n\n{opening} {body}"
    article = Article(id="m", path="m.txt", text=text, title=title, published=published)
    return {f.text: f.scope for f in analyze_article(article).figures if f.unit == "people"}


def test_a_month_or_year_written_out_dates_an_earlier_event() -> None:
    def frames(body: str) -> dict[str, str | None]:
        opening = "Two guards were wounded at the Marlo dock on Friday."
        return _dock_frames(opening, body, "2015-12-11")

    found = frames(
        "A jury found Ivo Lenz guilty in the November 2013 shooting death of Maria Lopez."
    )
    assert found["Two guards"] is None
    assert found["death of Maria Lopez"] == "before"  # a month and year
    found = frames("He was charged in the Sept. 16, 2010, shooting death of James Carter.")
    assert found["death of James Carter"] == "before"  # a date right before "shooting death"
    # a relative month is how follow-ups date the story's own event
    assert frames("Last month, two porters were killed on the same dock.")["two porters"] is None


def test_people_counts_of_the_headline_line_are_the_headline_readers() -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.types import Article

    title = "Police: 7 killed, 30 wounded in weekend shootings"
    text = f"{title}\n\nA man was shot on Elm Street on Saturday night, police said."
    article = Article(id="r", path="r.txt", text=text, title=title, published="2015-12-11")
    analysis = analyze_article(article)
    # a roundup headline: neither the headline reader nor the body reader counts its totals
    assert not [f for f in analysis.figures if f.unit == "people" and f.start < len(title)]
    assert not analysis.headline_figures


def test_a_date_ending_the_sentence_before_does_not_date_the_next() -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.types import Article

    text = (
        "Suspect held in Marlo killings\n\nTwo guards were shot and killed at the Marlo dock"
        " on March 2. Another man on the dock was wounded."
    )
    article = Article(
        id="n",
        path="n.txt",
        text=text,
        title="Suspect held in Marlo killings",
        published="2015-08-20",
    )
    frames = {f.text: f.scope for f in analyze_article(article).figures if f.unit == "people"}
    assert frames["Two guards"] == "before"  # dated months before publication
    assert frames["Another man on the dock was wounded"] is None


def test_a_clause_without_a_date_takes_the_dated_clause_above_it() -> None:
    def frames(body: str) -> dict[str, str | None]:
        opening = "A guard was wounded at the Marlo dock on Friday."
        return _dock_frames(opening, body, "2016-11-29")

    # the shooting comes before an arrest dated two years before the article
    found = frames(
        "Ivo Lenz was arrested in August 2014 after police said he had shot and injured"
        " three men and three women in an alley."
    )
    assert found["A guard was wounded"] is None
    assert found["injured three men and three women"] == "before"
    assert found["three men"] == "before"  # the parts of an earlier total too
    # a clause the parse coordinates with one dated months before ("came ... after an Oct.
    # 13 shooting ... and a guard was wounded")
    found = frames(
        "The dispute grew after an Oct. 13 shooting in which a porter was killed and a guard"
        " was wounded."
    )
    assert found["a guard was wounded"] == "before"
    # a birth year is the person's, not the clause's
    found = frames("Police identified the victim as Ivo Lenz, born in 1941, and he was shot twice.")
    assert found["he was shot"] is None
    # a page cut mid-sentence: "pronounced" shares the clause of "born in 1941"
    found = frames("victim as Ivo Lenz, born in 1941, and pronounced him dead at the scene.")
    assert found["pronounced him"] is None
    # a relative clause's event noun may be the story's own event, years on
    found = frames("Lenz is charged in the 2013 attack that killed a porter at the dock.")
    assert found["killed a porter"] is None
    # a clause that may follow the dated event is not placed by it
    found = frames(
        "Lenz was freed in May 2014, and his lawyer said that he left the city"
        " before he shot three men at the dock."
    )
    assert found["three men"] is None


def test_an_arrest_for_a_dated_crime_is_not_dated_by_the_crime() -> None:
    def frames(body: str) -> dict[str, str | None]:
        return _dock_frames("A guard was wounded at the Marlo dock on Friday.", body, "2016-11-29")

    # the crime's date is inside the phrase that names it: the arrest is the report's news
    found = frames("Police arrested two dockers Monday in the Sept. 3 shooting of a porter.")
    assert found["two dockers"] is None
    found = frames(
        "Police have arrested a third man in connection with the August stabbing on the pier."
    )
    assert found["arrested a third man"] is None
    found = frames("Three men were charged in a July 2014 robbery at the Marlo dock.")
    assert found["Three men"] is None
    # a relative clause's date is its own ("who is accused in the August slaying")
    found = frames("Marshals arrested Ivo Lenz, who is accused in the August slaying of a porter.")
    assert found["arrested Ivo Lenz"] is None
    # the arrest's own date still dates it
    found = frames("Two dockers were arrested on Sept. 8 and a third in October.")
    assert found["Two dockers"] == "before"
    # and a count of the crime's victims keeps the crime's date
    found = frames("Two porters were wounded in the Sept. 3 shooting on the pier.")
    assert found["Two porters"] == "before"


def test_alternatives_are_not_a_count() -> None:
    found = _figures(
        "The law says a parent of a child who is injured or dies in an accident can be charged."
    )
    assert not [f for f in found if f.unit == "people" and f.scope is None]


def test_a_month_by_name_months_before_publication_dates_an_earlier_event() -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.types import Article

    def scopes(text: str) -> list[str | None]:
        article = Article(
            id="m", path="m.txt", text=text, published="2014-12-13", published_source="metadata"
        )
        return [f.scope for f in analyze_article(article).figures if f.unit == "people"]

    assert scopes("A guard at the club was fatally shot in July.") == ["before"]
    assert scopes("A guard at the club was fatally shot last month.") == [None]
    assert scopes("A guard at the club was fatally shot in December.") == [None]


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("In a separate Monday incident, three teens were shot outside a store.", "three teens"),
        (
            "In an unrelated shooting, a man was killed and a woman was wounded.",
            "a woman was wounded",
        ),
        ("Officers said two men were hurt in another incident on Friday.", "two men"),
        (
            "Relatives asked why no one was charged in a similar shooting in Tarrow last year. "
            "In that case, a 15-year-old was killed and a 14-year-old injured.",
            "a 15-year-old was killed",
        ),
        (
            "The man, who was shot in a separate incident in May, was killed on Friday.",
            "The man, who was shot",
        ),
        (
            "Police also sought the suspect in the death of a man in a separate shooting.",
            "death of a man",
        ),
    ],
)
def test_a_count_in_a_separate_incident_is_another_incident(text: str, expression: str) -> None:
    assert _one(text, expression).scope == "other"


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        (
            "Two men were shot on Dale Street. In that shooting, a third man was hurt.",
            "a third man was hurt",
        ),
        ("The man, who was shot in a separate incident in May, was killed on Friday.", "The man"),
        ("Police said the woman was killed in a domestic incident.", "the woman was killed"),
    ],
)
def test_the_story_own_incident_is_no_other_incident(text: str, expression: str) -> None:
    assert _one(text, expression).scope is None


def test_the_nth_victim_of_a_series_counts_the_series_even_in_a_separate_shooting() -> None:
    text = (
        "Four men were killed in a shooting in Dunmore on Tuesday. Police also sought the "
        "suspect in the death of a fifth man in a separate shooting across the river."
    )
    fifth = [f for f in _figures(text) if f.predicate and "fifth" in f.text]
    assert fifth and all(f.scope is None for f in fifth), [(f.text, f.scope) for f in fifth]


def test_counts_in_separate_shootings_are_several_events() -> None:
    fig = _one(
        "At least 10 people were killed in separate shootings across Tarrow.", "At least 10 people"
    )
    assert fig.scope == "aggregate"


@pytest.mark.parametrize(
    "text",
    [
        "3 dead, 4 hurt during violent 48 hours in Dunmore",
        "Five people were wounded during a bloody weekend in Dunmore.",
        "Six people were shot in 24 hours of violence across Dunmore.",
    ],
)
def test_a_stretch_of_time_called_violent_is_a_roundup(text: str) -> None:
    """A count over a violent stretch of time sums several incidents (GVC dev's injured
    none-when-0 misses, 2026-12-05)."""
    people = [f for f in _figures(text) if f.unit == "people"]
    assert people and {f.scope for f in people} == {"aggregate"}


def test_a_weekend_event_stays_one_incident() -> None:
    people = [f for f in _figures("Four people were shot during a weekend party in Dunmore.")]
    assert people and {f.scope for f in people if f.unit == "people"} == {None}


def test_counts_in_other_attacks_are_a_roundup() -> None:
    """The twenty-eighth hand reading: "in other attacks" sums other incidents; plain
    "attacks" may be the story's own (a war's)."""
    text = "Three more people were shot in other attacks across Dunmore on Friday."
    assert {f.scope for f in _figures(text) if f.unit == "people"} == {"aggregate"}
    own = "Two soldiers were killed in attacks on the base."
    assert {f.scope for f in _figures(own) if f.unit == "people"} == {None}


def test_a_past_clause_after_a_modal_is_no_possibility() -> None:
    """The twenty-eighth hand reading: "two adults wounded", parsed as coordinated with "will
    serve", had been `modal`."""
    text = (
        "A Dunmore man will serve nine to 20 years in prison in a shooting that left a "
        "4-year-old girl dead and two adults wounded."
    )
    wounded = [f for f in _figures(text) if f.unit == "people" and f.low == 2]
    assert wounded and {f.scope for f in wounded} == {None}
    assert {f.scope for f in _figures("Officials said the plant could cut 300 jobs.")} == {"modal"}


def test_there_might_have_been_is_no_count_of_the_dead() -> None:
    """ECB+ dev's hand reading: "There might have been two people killed" had been two
    killed, of the story's own event."""
    found = _figures("There might have been two people killed in the blast, police said.")
    assert not [f for f in found if f.predicate == "kill" and f.scope is None]
    found = _figures("There were two people killed in the blast on Friday.")
    assert [f.low for f in found if f.predicate == "kill" and f.scope is None] == [2]


def test_arrests_over_killings_stay_the_storys() -> None:
    """ "over" makes a roundup only of a violent stretch of time ("over a bloody weekend"),
    not of the events an arrest is about."""
    found = _figures("Two men were arrested over the killings in Dunmore.")
    assert [(f.low, f.scope) for f in found if f.unit == "people"] == [(2, None)]


def test_ago_after_coordinated_verbs_dates_them_all() -> None:
    text = (
        "A jury will decide whether Ivo Lenz is put to death for killing 9 and wounding 30"
        " in a Tarrow cinema three years ago."
    )
    assert [f.scope for f in _figures(text) if f.unit == "people"] == ["before", "before"]
    own = "The gunman killed two people on Friday and wounded a man he had shot at weeks ago."
    assert _one(own, "two people").scope is None
    own = "The gunman killed two people on Friday and wounded three others two weeks ago."
    assert _one(own, "two people").scope is None  # its own day, not the others' weeks ago


@pytest.mark.parametrize(
    ("text", "expression", "scope"),
    [
        (
            "Deaths rose 8 percent over the same period last year, when 41 officers were killed.",
            "41 officers",
            "before",
        ),
        ("It recalled a night in 2012, when a gunman killed 12 people.", "12 people", "year:2012"),
        ("On Friday, when two people were killed, the town was shocked.", "two people", None),
    ],
)
def test_a_when_clause_takes_the_date_before_it(text: str, expression: str, scope: str) -> None:
    assert _one(text, expression).scope == scope


def test_shot_less_killed_keeps_the_dead_of_an_earlier_event() -> None:
    """Injured = shot − killed only for the dead of the article's own event: dated frames
    come after the counts are merged, and the count is derived again."""
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.types import Article

    def injured(body: str) -> list[float | None]:
        title = "Four shot at Marlo dock"
        text = f"{title}\n\nFour people were shot at the Marlo dock on Friday night. {body}"
        article = Article(id="s", path="s.txt", text=text, title=title, published="2015-12-11")
        figures = analyze_article(article).figures
        return [f.low for f in figures if f.predicate == "injure" and f.derived]

    # a death weeks before: its dead are not subtracted
    assert injured("On Nov. 1, a porter was fatally shot at the same dock.") == [4]
    # a death of the night itself still is
    assert injured("One of the men, a porter, died at the hospital.") == [3]


def test_the_incident_of_a_dated_background_sentence_is_an_earlier_event() -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.types import Article

    def scopes(text: str) -> list[tuple[str, str | None]]:
        article = Article(
            id="b", path="b.txt", text=text, published="2016-05-02", published_source="metadata"
        )
        found = analyze_article(article).figures
        return [(f.text, f.scope) for f in found if f.unit == "people" and f.low]

    background = (
        "Police arrested Dale Orton on Friday. Court records show in August 2014, Orton was "
        "accused of opening fire on a group of people at a picnic in Eastfield. Six people "
        "were shot and wounded in the incident. He spent nine months in jail."
    )
    assert ("Six people", "before") in scopes(background)
    assert ("Six people", None) not in scopes(background)
    # the story's own incident, a separate one, or one with a time of its own stay as they are
    assert [
        s
        for _, s in scopes(
            "A man opened fire at a picnic in Eastfield on Sunday. Six people were shot and "
            "wounded in the incident, police said."
        )
    ] == [None, None]
    assert [
        s
        for _, s in scopes(
            "In August 2014, a man opened fire at a picnic in Eastfield. Six people were shot "
            "and wounded in a separate incident on Sunday."
        )
    ] == [None, None]
    assert [
        s
        for _, s in scopes(
            "In August 2014, a man opened fire at a picnic in Eastfield. On Sunday two people "
            "were hurt in the incident."
        )
    ] == [None]
