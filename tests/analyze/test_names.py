"""Name keys, transliteration variants and within-article name clustering."""

from __future__ import annotations

from corroborate.analyze.names import (
    canonical_name,
    clean_surface,
    cluster_names,
    initials,
    is_name_shaped,
    name_key,
    strip_honorifics,
    tokens_match,
    translit_key,
)


def _clusters(forms: list[str]) -> list[set[str]]:
    return [{forms[i] for i in group} for group in cluster_names(forms)]


def test_clean_surface_and_key() -> None:
    assert clean_surface("the  European\u00a0Parliament’s") == "European Parliament"
    assert name_key("U.S.") == "us"
    assert name_key("Anti-Corruption Fund") == "anti corruption fund"


def test_transliteration_variants() -> None:
    for a, b in [
        ("Dmitriy", "Dmitry"),
        ("Alexey", "Alexei"),
        ("Sergey", "Sergei"),
        ("Aleksandr", "Alexander"),
        ("Yuriy", "Yuri"),
        ("Aleksei", "Alexey"),
    ]:
        assert tokens_match(a, b), (a, b)
    assert not tokens_match("Oleg", "Anton")
    assert translit_key("Aleksey") == translit_key("Alexei")


def test_full_name_spellings_merge() -> None:
    clusters = _clusters(["Dmitriy Sokolov", "Sokolov", "Dmitry Sokolov", "Novosibirsk"])
    assert {"Dmitriy Sokolov", "Sokolov", "Dmitry Sokolov"} in clusters
    assert {"Novosibirsk"} in clusters


def test_surname_ambiguous_between_two_full_names() -> None:
    clusters = _clusters(["Oleg Markin", "Anton Markin", "Markin", "Pavel Grigoriev", "Grigoriev"])
    assert {"Markin"} in clusters
    assert {"Oleg Markin"} in clusters and {"Anton Markin"} in clusters
    assert {"Pavel Grigoriev", "Grigoriev"} in clusters


def test_country_variants_and_acronyms() -> None:
    clusters = _clusters(
        ["U.S.", "United States", "US", "UK", "Britain", "Great Britain", "EU", "European Union"]
    )
    assert {"U.S.", "United States", "US"} in clusters
    assert {"UK", "Britain", "Great Britain"} in clusters
    assert {"EU", "European Union"} in clusters
    assert initials("World Health Organization") == "who"
    assert {"World Health Organization", "WHO"} in _clusters(["World Health Organization", "WHO"])


def test_one_word_place_not_glued_to_an_of_phrase() -> None:
    clusters = _clusters(["Investigative Committee of Moldova", "Moldova"])
    assert {"Moldova"} in clusters


def test_name_shape_honorifics_canonical() -> None:
    assert is_name_shaped("Irina Petrova")
    assert not is_name_shaped("Ministry of Health")
    assert not is_name_shaped("Petrova")
    assert strip_honorifics(["Dr.", "Anton", "Belov"]) == 1
    assert strip_honorifics(["President"]) == 0  # never strips the whole name
    assert canonical_name(["Sokolov", "Dmitriy Sokolov", "Dmitry Sokolov"], [3, 1, 2]) == (
        "Dmitry Sokolov"
    )
    assert canonical_name(["EU", "European Union"]) == "European Union"
