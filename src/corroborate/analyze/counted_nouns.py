"""What a figure counts: the nouns that denote people and a small lexicon of near-synonyms
("vessel" and "ship" count one thing); docs/figures.md, "Measures by meaning".
"""

from __future__ import annotations

from spacy.tokens import Token

# Counted nouns that denote people: their figures share the unit "people".
PEOPLE_NOUNS = frozenset(
    [
        "people",
        "person",
        "man",
        "woman",
        "men",
        "women",
        "child",
        "children",
        "kid",
        "boy",
        "girl",
        "adult",
        "baby",
        "resident",
        "citizen",
        "civilian",
        "protester",
        "protestor",
        "demonstrator",
        "rioter",
        "activist",
        "supporter",
        "opponent",
        "detainee",
        "prisoner",
        "inmate",
        "hostage",
        "refugee",
        "migrant",
        "asylum-seeker",
        "victim",
        "casualty",
        "worker",
        "employee",
        "staff",
        "member",
        "official",
        "officer",
        "policeman",
        "policewoman",
        "police",
        "soldier",
        "troop",
        "fighter",
        "militant",
        "rebel",
        "diplomat",
        "envoy",
        "ambassador",
        "journalist",
        "reporter",
        "lawyer",
        "judge",
        "politician",
        "lawmaker",
        "legislator",
        "deputy",
        "senator",
        "mp",
        "voter",
        "student",
        "teacher",
        "doctor",
        "nurse",
        "patient",
        "passenger",
        "tourist",
        "visitor",
        "pilgrim",
        "fan",
        "spectator",
        "participant",
        "volunteer",
        "delegate",
        "representative",
        "leader",
        "minister",
        "executive",
        "oligarch",
        "billionaire",
        "businessman",
        "suspect",
        "defendant",
        "survivor",
        "individual",
        "youth",
        "miner",
        "farmer",
        "driver",
        "crew",
        "sailor",
        "firefighter",
        "rescuer",
        "guard",
        "agent",
        "spy",
        "critic",
        "dissident",
        "ally",
        "associate",
        "aide",
    ]
)
# Heads of compound person nouns ("dockworker", "fisherman", "shareholder"): a counted
# noun ending in one of them denotes people (docs/figures.md).
PERSON_HEADS = (
    "worker",
    "man",
    "men",
    "woman",
    "women",
    "person",
    "people",
    "fighter",
    "keeper",
    "holder",
    "goer",
    "seeker",
    "dweller",
    "owner",
)
#: Counted nouns that name the same thing (docs/figures.md, "Measures by meaning"): a
#: small lexicon of near-synonyms, so that "about 40 vessels" and "more than 40 ships"
#: count one thing.
SAME_THING: dict[str, str] = {
    "vessel": "ship",
    "demonstrator": "protester",
    "protestor": "protester",
    "marcher": "protester",
    "automobile": "car",
    "residence": "home",
    "house": "home",
    "dwelling": "home",
    "kid": "child",
    "youngster": "child",
    "policeman": "officer",
    "policewoman": "officer",
    "cop": "officer",
    "fatality": "death",
}


def canonical_noun(lemma: str) -> str:
    """The lexicon's name for a counted noun ("vessel" → "ship"); the lemma otherwise."""
    return SAME_THING.get(lemma, lemma)


def count_unit(counted: Token | None) -> str:
    """The unit of a count of ``counted``: "people" for person nouns, else its canonical lemma."""
    if counted is None:
        return "count"
    lemma = canonical_noun(counted.lemma_.lower())
    if lemma in PEOPLE_NOUNS or counted.ent_type_ == "NORP" or lemma.endswith(("ist", "ian", "ee")):
        return "people"
    if lemma.endswith(PERSON_HEADS) or lemma.split("-")[-1] in PEOPLE_NOUNS:
        return "people"  # "dockworker", "fisherman", "shareholder", "anti-war activist"
    return lemma
