"""Cross-outlet entity resolution: rules on invented fixtures, registry, metrics, real data."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from corroborate.link.aliases import (
    all_initials,
    initials,
    national_key,
    phonetic_key,
    role_key,
    roles_match,
    words_match,
)
from corroborate.link.coref_metrics import bcubed, ceafe, conll_scores, hungarian_max, muc
from corroborate.link.entities import EntityRegistry, entity_lookup, resolve_entities
from corroborate.types import (
    Analysis,
    AnalyzedArticle,
    Article,
    LocalEntity,
    Mention,
    Role,
    StoryEntity,
)

ROOT = Path(__file__).resolve().parents[2]

# ----------------------------------------------------------------- fixture builders


def _ent(eid: str, typ: str, *surfaces: str, roles: Sequence[str] = ()) -> LocalEntity:
    """A local entity whose mentions are ``surfaces`` at made-up offsets (10 apart)."""
    mentions = tuple(
        Mention(start=i * 10, end=i * 10 + len(s), text=s, type=typ, entity_id=eid)
        for i, s in enumerate(surfaces)
    )
    distinct = tuple(dict.fromkeys(surfaces))
    name = max(distinct, key=lambda s: (len(s.split()), len(s)))
    return LocalEntity(
        id=eid,
        name=name,
        type=typ,
        aliases=distinct,
        roles=tuple(Role(r, 0, len(r)) for r in roles),
        mentions=mentions,
    )


def _doc(article_id: str, *entities: LocalEntity) -> AnalyzedArticle:
    art = Article(id=article_id, path=f"{article_id}.txt", text="x" * 200)
    return AnalyzedArticle(art, Analysis(article_id=article_id, entities=entities))


def _by_name(entities: Sequence[StoryEntity], name: str) -> StoryEntity:
    hits = [e for e in entities if name in e.aliases]
    assert len(hits) == 1, (name, [(e.name, e.aliases) for e in entities])
    return hits[0]


# ----------------------------------------------------------------- rule 1: variants


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Alexey", "Alexei"),
        ("Alexey", "Aleksei"),
        ("Alexej", "Alexei"),
        ("Sergey", "Sergei"),
        ("Dmitriy", "Dmitry"),
        ("Yuriy", "Yuri"),
        ("Navalny", "Navalnyy"),
        ("Zelensky", "Zelenskiy"),
        ("Kovac", "Kováč"),
    ],
)
def test_transliteration_pairs_match(a: str, b: str) -> None:
    assert words_match(a, b)


@pytest.mark.parametrize(("a", "b"), [("Anna", "Pavel"), ("Ivan", "Igor"), ("Maria", "Mario")])
def test_different_names_do_not_match(a: str, b: str) -> None:
    assert not words_match(a, b)


def test_phonetic_key_folds_endings() -> None:
    assert phonetic_key("Alexey") == phonetic_key("Aleksei") == "alexei"


def test_transliterated_full_names_merge_across_outlets() -> None:
    docs = [
        _doc("a1", _ent("e0", "PERSON", "Mikhail Petrovsky", "Petrovsky", "Mikhail Petrovsky")),
        _doc("a2", _ent("e0", "PERSON", "Mikhail Petrovskiy")),
        _doc("a3", _ent("e2", "PERSON", "Mihail Petrovsky", "Petrovsky")),
    ]
    ents = resolve_entities(docs)
    assert len(ents) == 1
    e = ents[0]
    assert {"Mikhail Petrovsky", "Mikhail Petrovskiy", "Mihail Petrovsky", "Petrovsky"} <= set(
        e.aliases
    )
    assert e.name == "Mikhail Petrovsky"  # most frequent full form
    assert set(e.local_ids) == {("a1", "e0"), ("a2", "e0"), ("a3", "e2")}
    assert {m.article_id for m in e.mentions} == {"a1", "a2", "a3"}
    assert len(e.mentions) == 6


# ----------------------------------------------------------------- rule 2: surnames


def test_surname_only_article_attaches_to_full_name() -> None:
    docs = [
        _doc("a1", _ent("e0", "PERSON", "Olga Ventseva", "Ventseva")),
        _doc("a2", _ent("e3", "ORG", "Ventseva", "Ventseva")),  # NER called the surname ORG
    ]
    ents = resolve_entities(docs)
    assert len(ents) == 1
    assert ents[0].type == "PERSON"
    assert ("a2", "e3") in ents[0].local_ids


def test_people_sharing_a_surname_stay_apart() -> None:
    docs = [
        _doc("a1", _ent("e0", "PERSON", "Anna Ivanova", "Ivanova")),
        _doc("a2", _ent("e0", "PERSON", "Pavel Ivanov", "Ivanov")),
        _doc("a3", _ent("e0", "PERSON", "Boris Ivanov")),
        _doc("a4", _ent("e0", "PERSON", "Ivanov")),
    ]
    ents = resolve_entities(docs)
    anna = _by_name(ents, "Anna Ivanova")
    pavel = _by_name(ents, "Pavel Ivanov")
    boris = _by_name(ents, "Boris Ivanov")
    assert len({anna.id, pavel.id, boris.id}) == 3
    bare = next(e for e in ents if ("a4", "e0") in e.local_ids)
    assert bare.id not in {anna.id, pavel.id, boris.id}  # ambiguous: stays separate


def test_shared_role_disambiguates_a_bare_surname() -> None:
    docs = [
        _doc("a1", _ent("e0", "PERSON", "Pavel Ivanov", roles=["defence minister"])),
        _doc("a2", _ent("e0", "PERSON", "Boris Ivanov", roles=["mayor"])),
        _doc("a3", _ent("e0", "PERSON", "Ivanov", roles=["the Defence Minister"])),
    ]
    ents = resolve_entities(docs)
    pavel = _by_name(ents, "Pavel Ivanov")
    assert ("a3", "e0") in pavel.local_ids
    assert len(ents) == 2


def test_initial_does_not_chain_two_people() -> None:
    docs = [
        _doc("a1", _ent("e0", "PERSON", "Anna Ivanova")),
        _doc("a2", _ent("e0", "PERSON", "A. Ivanov")),
        _doc("a3", _ent("e0", "PERSON", "Alexei Ivanov")),
    ]
    ents = resolve_entities(docs)
    assert _by_name(ents, "Anna Ivanova").id != _by_name(ents, "Alexei Ivanov").id


def test_conflicting_middle_names_stay_apart() -> None:
    docs = [
        _doc("a1", _ent("e0", "PERSON", "George H. W. Walker")),
        _doc("a2", _ent("e0", "PERSON", "George W. Walker")),
    ]
    assert len(resolve_entities(docs)) == 2


# ----------------------------------------------------------------- rule 3: places, orgs


def test_uk_variants_are_one_place() -> None:
    docs = [
        _doc("a1", _ent("e0", "GPE", "Britain")),
        _doc("a2", _ent("e1", "GPE", "Great Britain")),
        _doc("a3", _ent("e0", "GPE", "the United Kingdom"), _ent("e1", "GPE", "France")),
        _doc("a4", _ent("e0", "GPE", "U.K.")),
    ]
    ents = resolve_entities(docs)
    assert len(ents) == 2
    uk = _by_name(ents, "Britain")
    assert len(uk.local_ids) == 4
    assert uk.name == "United Kingdom"  # a multi-word form; ties: the longest


def test_eu_and_us_variants() -> None:
    docs = [
        _doc("a1", _ent("e0", "ORG", "EU"), _ent("e1", "GPE", "U.S.")),
        _doc("a2", _ent("e0", "ORG", "the European Union"), _ent("e1", "GPE", "United States")),
        _doc("a3", _ent("e0", "GPE", "America")),
    ]
    ents = resolve_entities(docs)
    assert len(ents) == 2
    eu = _by_name(ents, "EU")
    assert eu.name == "European Union"
    assert len(_by_name(ents, "America").local_ids) == 3


def test_derived_acronym() -> None:
    docs = [
        _doc("a1", _ent("e0", "ORG", "European Court of Human Rights")),
        _doc("a2", _ent("e0", "ORG", "ECHR")),
        _doc("a3", _ent("e0", "ORG", "FBK")),
    ]
    ents = resolve_entities(docs)
    assert len(ents) == 2
    assert _by_name(ents, "ECHR").name == "European Court of Human Rights"


# ----------------------------------------------------------------- rule 4: type vote


def test_type_vote_prefers_full_name_person_evidence() -> None:
    docs = [
        _doc("a1", _ent("e0", "PERSON", "Lena Korsak")),
        _doc("a2", _ent("e0", "ORG", "Korsak", "Korsak")),
    ]
    ents = resolve_entities(docs)
    assert len(ents) == 1
    assert ents[0].type == "PERSON"  # 1 full-name mention x 3 beats 2 ORG mentions
    docs.append(_doc("a3", _ent("e0", "ORG", "Korsak", "Korsak")))
    assert resolve_entities(docs)[0].type == "ORG"  # 4 ORG mentions outweigh it


# ----------------------------------------------------------------- roles, ids, lookup


def test_roles_merged_across_outlets() -> None:
    docs = [
        _doc("a1", _ent("e0", "PERSON", "Ivo Marek", roles=["Foreign Minister", "a lawyer"])),
        _doc("a2", _ent("e0", "PERSON", "Ivo Marek", roles=["the foreign minister"])),
        _doc("a3", _ent("e0", "PERSON", "Ivo Marek", roles=["deputy foreign minister"])),
    ]
    (e,) = resolve_entities(docs)
    by_text = {r.text: r.article_ids for r in e.roles}
    assert len(e.roles) == 3
    fm = [ids for text, ids in by_text.items() if text.lower().endswith("foreign minister")]
    assert ("a1", "a2") in fm


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Russian Foreign Minister", "Russia's foreign minister", True),
        ("the spokeswomen", "spokeswoman", True),
        ("foreign minister", "deputy foreign minister", False),
        ("spokesman", "spokeswoman", False),
    ],
)
def test_roles_match(a: str, b: str, same: bool) -> None:
    assert roles_match(a, b) is same


def test_role_key_is_determiner_and_plural_insensitive() -> None:
    assert role_key("The Lawyers") == role_key("a lawyer") == "lawyer"


def test_ids_and_lookup() -> None:
    docs = [
        _doc("a1", _ent("e0", "GPE", "Lisbon"), _ent("e1", "PERSON", "Rui Costa")),
        _doc("a2", _ent("e0", "PERSON", "Rui Costa")),
    ]
    ents = resolve_entities(docs)
    assert [e.id for e in ents] == ["E1", "E2"]
    lookup = entity_lookup(ents)
    assert lookup[("a1", "e1")] == lookup[("a2", "e0")] == "E2"
    assert lookup[("a1", "e0")] == "E1"


def test_empty_input() -> None:
    assert resolve_entities([]) == ()
    assert resolve_entities([_doc("a1")]) == ()


# ----------------------------------------------------------------- registry


def test_registry_gives_stable_ids_across_stories() -> None:
    reg = EntityRegistry()
    s1 = resolve_entities(
        [_doc("a1", _ent("e0", "PERSON", "Alexey Sorokin"), _ent("e1", "GPE", "Britain"))], reg
    )
    s2 = resolve_entities(
        [
            _doc("b1", _ent("e0", "GPE", "Chile")),
            _doc("b2", _ent("e0", "PERSON", "Aleksei Sorokin"), _ent("e1", "GPE", "UK")),
            _doc("b3", _ent("e0", "PERSON", "Anna Sorokina")),
        ],
        reg,
    )
    sor1, sor2 = _by_name(s1, "Alexey Sorokin"), _by_name(s2, "Aleksei Sorokin")
    assert sor1.id == sor2.id
    assert _by_name(s1, "Britain").id == _by_name(s2, "UK").id
    assert _by_name(s2, "Anna Sorokina").id != sor1.id
    assert len({e.id for e in s2}) == len(s2)
    # persistence: a restored registry keeps the ids and continues the numbering
    state = json.loads(json.dumps(reg.to_state()))
    again = EntityRegistry.from_state(state)
    s3 = resolve_entities(
        [_doc("c1", _ent("e0", "PERSON", "Sorokin"), _ent("e1", "ORG", "Acme Corp"))], again
    )
    assert _by_name(s3, "Sorokin").id == sor1.id
    new_ids = {e.id for e in s3} - {e.id for e in (*s1, *s2)}
    assert new_ids == {f"E{len(reg) + 1}"}


def test_registry_rejects_unknown_state() -> None:
    from corroborate.errors import CorroborateError

    with pytest.raises(CorroborateError):
        EntityRegistry.from_state({"version": 99})


# ----------------------------------------------------------------- coreference metrics


def test_metrics_on_hand_computed_example() -> None:
    # key {a,b,c} {d,e}; response {a,b} {c,d,e}
    key = [1, 1, 1, 2, 2]
    resp = [1, 1, 2, 2, 2]
    # MUC: recall = ((3-2) + (2-1)) / ((3-1) + (2-1)) = 2/3; precision = (1 + 1) / (1 + 2) = 2/3
    assert muc(key, resp)[:2] == pytest.approx((2 / 3, 2 / 3))
    # B3: precision per mention 1,1,1/3,2/3,2/3 -> 11/15; recall 2/3,2/3,1/3,1,1 -> 11/15
    assert bcubed(key, resp)[:2] == pytest.approx((11 / 15, 11 / 15))
    # CEAF-e: phi4({abc},{ab}) = 4/5, phi4({de},{cde}) = 4/5 -> 1.6 / 2 both ways
    assert ceafe(key, resp)[:2] == pytest.approx((0.8, 0.8))
    scores = conll_scores(key, resp)
    assert scores["conll"][2] == pytest.approx(100 * (2 / 3 + 11 / 15 + 0.8) / 3)


def test_metrics_perfect_and_singletons() -> None:
    key = ["x", "x", "y", "z"]
    assert conll_scores(key, ["p", "p", "q", "r"])["conll"][2] == pytest.approx(100.0)
    p, r, _ = muc(key, [1, 2, 3, 4])
    assert (p, r) == (0.0, 0.0)


def test_hungarian_matches_brute_force() -> None:
    w = [[0.9, 0.8, 0.0], [0.85, 0.0, 0.0], [0.0, 0.7, 0.1]]
    assert hungarian_max(w) == pytest.approx(0.85 + 0.8 + 0.1)
    assert hungarian_max([[0.5, 0.2]]) == pytest.approx(0.5)
    assert hungarian_max([]) == 0.0


# ----------------------------------------------------------------- real data


def test_seed_reports(seeds_dir: Path) -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.clean import clean_document
    from corroborate.ingest import read_inputs
    from corroborate.types import Rejection

    docs = []
    for raw in read_inputs([str(seeds_dir)]):
        if isinstance(raw, Rejection):
            continue
        art = clean_document(raw)
        if isinstance(art, Rejection):
            continue
        docs.append(AnalyzedArticle(art, analyze_article(art)))
    assert len(docs) == 3
    ents = resolve_entities(docs)

    def find(*aliases: str) -> StoryEntity:
        hits = [e for e in ents if set(aliases) <= set(e.aliases)]
        assert len(hits) == 1, (aliases, [(e.name, e.aliases) for e in ents])
        return hits[0]

    nav = find("Alexey Navalny", "Alexei Navalny")
    assert nav.type == "PERSON"
    assert len([e for e in ents if any(a == "Navalny" for a in e.aliases)]) == 1
    lav = [e for e in ents if any("Lavrov" in a for a in e.aliases)]
    assert len(lav) == 1
    # every spelling of his first name the cleaned texts keep is an alias of one entity
    spellings = {w for d in docs for w in ("Sergey", "Sergei") if f"{w} Lavrov" in d.article.text}
    assert spellings
    assert spellings <= {a.split()[0] for a in lav[0].aliases if " " in a}
    for person in ("Roman Abramovich", "Alisher Usmanov"):
        e = find(person)
        assert len({m.article_id for m in e.mentions}) >= 2
    britain = [e for e in ents if {"Britain", "Great Britain"} & set(e.aliases)]
    assert len(britain) == 1


def _bench() -> object:
    path = ROOT / "bench" / "entities.py"
    spec = importlib.util.spec_from_file_location("bench_entities", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_entities"] = module
    spec.loader.exec_module(module)
    return module


def test_ecbplus_floor(shared_dir: Path) -> None:
    if not (shared_dir / "data" / "ecbplus" / "dev.jsonl").is_file():
        pytest.skip("ECB+ dev set not found in ../shared/data")
    bench = _bench()
    ours, base = bench.conll_gain(["1", "3", "4"])  # type: ignore[attr-defined]
    # ours+times (nominals, pronouns, time entities) measured 70.2 vs baseline 63.3 on these
    # three topics (all 35: 66.8 vs 60.9, see docs/entity-resolution.md); the floor keeps
    # about a point of margin for parse changes upstream
    assert ours >= 69.0
    assert ours >= base + 5.5


def test_an_acronym_the_name_itself_spells_finds_no_other_registry_entry() -> None:
    # "EW" beside "Evening Wire" names the paper, not the person "Esme Wardle" an
    # earlier story registered (their initials are the same)
    reg = EntityRegistry()
    (person,) = resolve_entities([_doc("a", _ent("e0", "PERSON", "Esme Wardle"))], reg)
    (paper,) = resolve_entities([_doc("b", _ent("e0", "ORG", "Evening Wire", "EW"))], reg)
    assert paper.id != person.id
    # an acronym the draft does not spell itself still finds the one entry it spells
    (line,) = resolve_entities([_doc("c", _ent("e0", "ORG", "Valley Transit Authority"))], reg)
    (alone,) = resolve_entities([_doc("d", _ent("e0", "ORG", "VTA"))], reg)
    assert alone.id == line.id


def test_a_name_finds_the_registry_entry_of_its_acronym() -> None:
    # a story that named the carmaker only "HM", then one that spells it out
    reg = EntityRegistry()
    (short,) = resolve_entities([_doc("a", _ent("e0", "ORG", "HM", "HM"))], reg)
    (full,) = resolve_entities([_doc("b", _ent("e0", "ORG", "Harlow Motors"))], reg)
    assert full.id == short.id
    # a multi-word entry is not found by sharing initials alone
    (other,) = resolve_entities([_doc("c", _ent("e0", "ORG", "Hollis Mining"))], reg)
    assert other.id != full.id


def test_an_acronym_never_joins_a_place_registered_with_those_initials() -> None:
    # a car review's "Grand Vista" (typed GPE by the small model) spells "GV"; the "GV"
    # of a story about a company is not it
    reg = EntityRegistry()
    (car,) = resolve_entities([_doc("a", _ent("e0", "GPE", "Grand Vista", "GV"))], reg)
    (firm,) = resolve_entities([_doc("b", _ent("e0", "ORG", "GV", "GV"))], reg)
    assert firm.id != car.id
    (spelled,) = resolve_entities([_doc("c", _ent("e0", "ORG", "Greyvale Ventures"))], reg)
    assert spelled.id == firm.id


def test_dotted_abbreviations_give_all_their_letters_to_initials() -> None:
    assert initials("U.S. Coast Patrol") == "uscp"
    assert initials("U.K. Border Agency") == "ukba"
    assert initials("European Court of Human Rights") == "echr"
    docs = [
        _doc("a1", _ent("e0", "ORG", "U.S. Coast Patrol")),
        _doc("a2", _ent("e0", "ORG", "USCP")),
    ]
    assert len(resolve_entities(docs)) == 1


# ----------------------------------------------------------------- rule 19: short names


def test_a_one_word_organisation_joins_the_name_it_starts_or_ends() -> None:
    docs = [
        _doc(
            "a1",
            _ent("e0", "ORG", "Brisbane Comets"),
            _ent("e1", "ORG", "Harwick Dynamics Inc."),
        ),
        _doc("a2", _ent("e0", "ORG", "Comets"), _ent("e1", "ORG", "Harwick")),
    ]
    ents = resolve_entities(docs)
    assert len(ents) == 2
    assert _by_name(ents, "Comets").name == "Brisbane Comets"
    assert _by_name(ents, "Harwick").name == "Harwick Dynamics Inc."


def test_a_short_name_stays_apart_when_it_is_ambiguous_or_a_body_of_it() -> None:
    docs = [
        # two names start with it: which one is meant is not known
        _doc("a1", _ent("e0", "ORG", "Tarrow Records"), _ent("e1", "ORG", "Tarrow Pictures")),
        _doc("a2", _ent("e0", "ORG", "Tarrow")),
        # a town's police department is not the town; a place is never joined
        _doc("a3", _ent("e0", "ORG", "Millbrook Police Department"), _ent("e1", "GPE", "Kells")),
        _doc("a4", _ent("e0", "ORG", "Millbrook"), _ent("e1", "ORG", "Kells Harbour Trust")),
        # a generic word is not a name
        _doc("a5", _ent("e0", "ORG", "Supreme Court"), _ent("e1", "ORG", "Court")),
    ]
    ents = resolve_entities(docs)
    assert _by_name(ents, "Tarrow").aliases == ("Tarrow",)
    assert _by_name(ents, "Millbrook").aliases == ("Millbrook",)
    assert "Kells" not in _by_name(ents, "Kells Harbour Trust").aliases
    assert _by_name(ents, "Court").aliases == ("Court",)


def test_a_country_before_an_organisation_name_is_not_part_of_its_key() -> None:
    assert national_key("us coast patrol") == "coast patrol"
    assert national_key("united states fisheries board") == "fisheries board"
    assert national_key("us navy") == "us navy"  # one word left: the prefix is the name
    docs = [
        _doc("a1", _ent("e0", "ORG", "U.S. Coast Patrol")),
        _doc("a2", _ent("e0", "ORG", "Coast Patrol")),
        _doc("a3", _ent("e0", "GPE", "US"), _ent("e1", "ORG", "US Navy")),
    ]
    ents = resolve_entities(docs)
    assert _by_name(ents, "Coast Patrol") is _by_name(ents, "U.S. Coast Patrol")
    assert _by_name(ents, "US") is not _by_name(ents, "US Navy")


def test_a_company_goes_by_the_acronym_of_its_name_without_the_legal_form() -> None:
    assert all_initials("Harlow Motors Corporation") == {"hmc", "hm"}
    assert all_initials("Vexor Inc.") == {"vi"}  # one word left: no acronym of it
    reg = EntityRegistry()
    (long,) = resolve_entities([_doc("a", _ent("e0", "ORG", "Harlow Motors Corporation"))], reg)
    (short,) = resolve_entities([_doc("b", _ent("e0", "ORG", "HM"))], reg)
    assert short.id == long.id
    docs = [
        _doc("c", _ent("e0", "ORG", "Harlow Motors Corporation")),
        _doc("d", _ent("e0", "ORG", "HM")),
    ]
    assert len(resolve_entities(docs)) == 1


def test_a_town_typed_as_an_organisation_keeps_apart_from_its_streets_and_papers() -> None:
    docs = [
        _doc(
            "a1",
            _ent("e0", "ORG", "Brantwell Boulevard"),
            _ent("e1", "ORG", "Osterby Daily Journal"),
            _ent("e2", "ORG", "City Council of Fenmoor"),
        ),
        _doc("a2", _ent("e0", "ORG", "Brantwell"), _ent("e1", "ORG", "Osterby")),
        _doc("a3", _ent("e0", "ORG", "Fenmoor")),
    ]
    ents = resolve_entities(docs)
    for town in ("Brantwell", "Osterby", "Fenmoor"):
        assert _by_name(ents, town).aliases == (town,)
