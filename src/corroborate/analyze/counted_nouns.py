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
#: Nouns whose ending looks like a person noun's ("-ist", "-ian", "-ee", "-men", "-man",
#: "-holder") but that name things: "10 assists", "two committees", "12 specimens" are no
#: counts of people. (A reading of the scrapinghub pages' board, 2026-12-05: "10 assists"
#: in a box score and "12 trees" had been people; shorter words such as "tree", "fee",
#: "knee" and "wrist" are left out by length.)
NOT_PEOPLE = frozenset(
    {"assist", "exist", "insist", "resist", "persist", "consist", "desist", "schist"}
    | {"whilst", "amidst"}
    | {"median", "meridian", "amphibian", "reptilian", "mammalian"}
    | {"committee", "coffee", "toffee", "decree", "degree", "goatee", "settee", "jubilee"}
    | {"marquee", "pedigree", "filigree", "guarantee", "matinee", "dungaree", "jamboree"}
    | {"chimpanzee", "banshee", "manatee", "squeegee", "apogee", "perigee", "frisbee"}
    | {"lychee", "specimen", "regimen", "abdomen", "acumen"}
    | {"stamen", "omen", "semen", "hymen", "albumen", "talisman", "ottoman", "caiman"}
    | {"doberman", "cayman", "placeholder", "cupholder", "heat-seeker"}
)
#: First parts of "-list" compounds that are lists ("playlist"), not "-ist" people.
_LIST_COMPOUNDS = frozenset(
    {"check", "play", "short", "black", "wait", "wish", "set", "track", "hit", "book"}
    | {"price", "guest", "white", "bucket", "song", "reading", "mailing", "to-do", "watch"}
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
    "position": "job",  # "cut 1,500 positions" / "cut 1,200 jobs"
}


def canonical_noun(lemma: str) -> str:
    """The lexicon's name for a counted noun ("vessel" → "ship"); the lemma otherwise."""
    return SAME_THING.get(lemma, lemma)


def count_unit(counted: Token | None) -> str:
    """The unit of a count of ``counted``: "people" for person nouns, else its canonical lemma."""
    if counted is None:
        return "count"
    lemma = canonical_noun(counted.lemma_.lower())
    return "people" if counted.ent_type_ == "NORP" or person_noun(lemma) else lemma


def person_noun(lemma: str) -> bool:
    """Whether a canonical lemma names people ("officer", "cyclist"; "dockworker",
    "fisherman", "shareholder", "anti-war activist" by their ends)."""
    if lemma in PEOPLE_NOUNS or _person_suffix(lemma):
        return True
    if lemma in NOT_PEOPLE:
        return False
    return lemma.endswith(PERSON_HEADS) or lemma.split("-")[-1] in PEOPLE_NOUNS


def _person_suffix(lemma: str) -> bool:
    """Whether the lemma ends like an agent noun ("cyclist", "guardian", "retiree") and is
    one: a word of six letters or more that is not a known thing (docs/figures.md)."""
    if not lemma.endswith(("ist", "ian", "ee")) or len(lemma) < 6 or lemma in NOT_PEOPLE:
        return False
    return not (lemma.endswith("list") and lemma[:-4].rstrip("-") in _LIST_COMPOUNDS)
