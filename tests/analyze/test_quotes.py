"""Tests for quotes and speakers (corroborate.analyze.quotes)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from spacy.tokens import Doc

from corroborate.analyze.nlp import load_nlp
from corroborate.analyze.quotes import extract_quotes, find_quotations
from corroborate.types import LocalEntity, Mention, Quote, Role

PERSONISH = ("ORG", "GPE", "NORP", "PERSON")


def build_entities(doc: Doc, roles: Mapping[str, Sequence[str]] | None = None) -> list[LocalEntity]:
    """Tiny stand-in for extract_entities: PERSON ents grouped by surname, others by text.

    ORG/GPE/NORP ents equal to a known surname are taken as that person (a known NER
    error). ``roles`` maps a surname to role strings found in the text by hand.
    """
    persons: dict[str, list[tuple[int, int, str]]] = {}
    others: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":  # "A B - C D" is two names joined (a known NER error)
            at = ent.start_char
            for part in ent.text.split(" - "):
                persons.setdefault(part.split()[-1], []).append((at, at + len(part), part))
                at += len(part) + 3
    for ent in doc.ents:
        if ent.label_ in PERSONISH and ent.label_ != "PERSON":
            if ent.text in persons:
                persons[ent.text].append((ent.start_char, ent.end_char, ent.text))
            else:
                key = (re.sub(r"^the ", "", ent.text, flags=re.I), ent.label_)
                others.setdefault(key, []).append((ent.start_char, ent.end_char, ent.text))
    out: list[LocalEntity] = []
    for n, (surname, ms) in enumerate(sorted(persons.items())):
        eid = f"p{n}"
        name = max((m[2] for m in ms), key=len)
        rs = []
        for role in (roles or {}).get(surname, ()):
            at = doc.text.find(role)
            assert at >= 0, role
            rs.append(Role(role, at, at + len(role)))
        mentions = tuple(Mention(s, e, t, "PERSON", eid) for s, e, t in sorted(ms))
        out.append(LocalEntity(eid, name, "PERSON", roles=tuple(rs), mentions=mentions))
    for n, ((name, label), ms) in enumerate(sorted(others.items())):
        eid = f"o{n}"
        mentions = tuple(Mention(s, e, t, label, eid) for s, e, t in sorted(ms))
        out.append(LocalEntity(eid, name, label, mentions=mentions))
    return out


def _analyse(
    text: str, roles: Mapping[str, Sequence[str]] | None = None
) -> tuple[tuple[Quote, ...], dict[str, str]]:
    doc = load_nlp()(text)
    ents = build_entities(doc, roles)
    quotes = extract_quotes(doc, ents)
    for q in quotes:  # the contract: offsets are article offsets of exactly the text
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None and q.speaker_end is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
    return quotes, {e.id: e.name for e in ents}


def _find(quotes: Sequence[Quote], beginning: str) -> Quote:
    hits = [q for q in quotes if q.text.startswith(beginning)]
    assert hits, f"no quote starting {beginning!r} in {[q.text[:40] for q in quotes]}"
    return hits[0]


def _speaker(q: Quote, names: Mapping[str, str]) -> str | None:
    return names.get(q.speaker_id) if q.speaker_id else None


def _fixture(fixtures_dir: Path, name: str) -> str:
    return (fixtures_dir / "analyze" / name).read_text(encoding="utf-8")


# ----------------------------------------------------------------------- quotation marks


def test_find_quotations_marks_and_apostrophes() -> None:
    text = (
        "He said \u201cyes, we\u2019ll go\u201d and 'no' to Navalny\u2019s allies' plan."
        '\n"Open quote'
    )
    found = [text[q.start : q.end] for q in find_quotations(text)]
    assert found == ["yes, we\u2019ll go", "no", "Open quote"]
    last = find_quotations(text)[-1]
    assert not last.closed  # a quotation left open runs to the paragraph end


def test_trailing_comma_is_not_quoted() -> None:
    text = '"We will win," she said.'
    (q,) = find_quotations(text)
    assert text[q.start : q.end] == "We will win"


# ----------------------------------------------------------------------- invented fixtures


def test_curly_multi_sentence_with_apposition_speaker(fixtures_dir: Path) -> None:
    quotes, names = _analyse(_fixture(fixtures_dir, "quotes_harbour.txt"))
    q = _find(quotes, "We cannot ask taxpayers")
    assert q.text.endswith("simply do not add up")
    assert q.kind == "direct"
    assert _speaker(q, names) == "Ingrid Halvorsen"
    assert q.cue == "tell" and q.channel == "reporters"


def test_split_quote_gives_two_linked_direct_parts(fixtures_dir: Path) -> None:
    quotes, names = _analyse(_fixture(fixtures_dir, "quotes_harbour.txt"))
    first, second = _find(quotes, "This is a delay"), _find(quotes, "not a cancellation")
    for part in (first, second):
        assert part.kind == "direct"
        assert _speaker(part, names) == "Ingrid Halvorsen"  # "she" -> the last person speaking
        assert part.speaker_text == "she" and part.cue == "say"
    assert first.speaker_start == second.speaker_start


def test_described_as_partial_and_pronoun_with_channel(fixtures_dir: Path) -> None:
    quotes, names = _analyse(_fixture(fixtures_dir, "quotes_harbour.txt"))
    partial = _find(quotes, "a needless setback")
    assert partial.kind == "partial" and partial.cue == "describe"
    assert _speaker(partial, names) == "Tomas Berg"
    fb = _find(quotes, "People have waited")
    assert (fb.speaker_text, _speaker(fb, names), fb.cue, fb.channel) == (
        "he",
        "Tomas Berg",
        "write",
        "Facebook",
    )
    # a paragraph that is only a quotation continues the previous speaker
    cont = _find(quotes, "They deserve better")
    assert cont.kind == "direct" and _speaker(cont, names) == "Tomas Berg"
    reported = _find(quotes, "the council would publish")
    assert reported.kind == "reported" and _speaker(reported, names) == "Tomas Berg"


def test_telegram_interview_and_according_to(fixtures_dir: Path) -> None:
    quotes, names = _analyse(_fixture(fixtures_dir, "quotes_farmers.txt"))
    tg = _find(quotes, "the blockade would continue")
    assert tg.kind == "reported" and tg.cue == "post" and tg.channel == "Telegram"
    assert _speaker(tg, names) == "Anya Petrenko"
    acc = _find(quotes, "Hundreds of farmers blocked")
    assert acc.kind == "reported" and acc.cue == "according to"
    assert acc.speaker_text == "the regional police" and acc.speaker_id is None
    first = _find(quotes, "We are not going anywhere")
    assert first.channel == "an interview with Radio Kestrel"
    second = _find(quotes, "Our families depend")  # same paragraph, no cue of its own
    assert _speaker(second, names) == "Anya Petrenko" and second.kind == "direct"


def test_apposition_role_and_single_quotes(fixtures_dir: Path) -> None:
    text = _fixture(fixtures_dir, "quotes_farmers.txt")
    quotes, names = _analyse(text, roles={"Sydorenko": ["spokeswoman"]})
    called = _find(quotes, "irresponsible and dangerous")
    assert called.kind == "partial" and called.cue == "call"
    assert _speaker(called, names) == "Olena Sydorenko"
    by_role = _find(quotes, "the tariff would be reviewed")
    assert by_role.speaker_text == "The spokeswoman"
    assert _speaker(by_role, names) == "Olena Sydorenko"
    theatre = _find(quotes, "pure theatre")
    assert theatre.kind == "partial" and theatre.cue == "dismiss"
    assert _speaker(theatre, names) == "Anya Petrenko"
    assert not any("farmers' union" in q.text and q.kind != "reported" for q in quotes)


def test_the_minister_told_and_reported_speech(fixtures_dir: Path) -> None:
    text = _fixture(fixtures_dir, "quotes_hospital.txt")
    quotes, names = _analyse(
        text, roles={"Orlov": ["Health Minister"], "Kovac": ["Opposition leader"]}
    )
    q = _find(quotes, "The report uses data")
    assert q.speaker_text == "the minister" and _speaker(q, names) == "Pavel Orlov"
    assert q.cue == "tell" and q.channel == "the Northern Courier"
    partial = _find(quotes, "hiding behind old numbers")
    assert partial.kind == "partial" and _speaker(partial, names) == "Daria Kovac"
    denied = _find(quotes, "any data had been withheld")
    assert denied.kind == "reported" and denied.cue == "deny"
    assert _speaker(denied, names) == "Ministry of Health"  # organisations speak too
    acc = _find(quotes, "at least 12,000 patients")
    assert acc.cue == "according to" and _speaker(acc, names) == "Daria Kovac"
    saying = _find(quotes, "the figures were out of date")
    assert saying.cue == "say" and _speaker(saying, names) == "Pavel Orlov"


def test_scare_quotes_without_cue_are_dropped() -> None:
    quotes, _ = _analyse('The prisoners were held in the "Blue Tower" near the river.')
    assert quotes == ()


def test_output_is_sorted_and_linear_enough() -> None:
    text = '"Alpha beta gamma delta," Jane Roe said.\n\n' * 300
    quotes, _ = _analyse(text)
    assert len([q for q in quotes if q.kind == "direct"]) == 300
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


# ----------------------------------------------------------------------- real seeds


def _seed(seeds_dir: Path, prefix: str) -> str:
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def test_seed_000_volkov_zakharova_borrell(seeds_dir: Path) -> None:
    quotes, names = _analyse(_seed(seeds_dir, "000"))
    volkov = _find(quotes, "These are by no means sanctions against Russia")
    assert volkov.kind == "direct" and _speaker(volkov, names) == "Leonid Volkov"
    assert volkov.cue == "write" and volkov.channel == "social media"
    agents = _find(quotes, "agents of influence")
    assert agents.kind == "partial" and agents.cue == "criticize"
    assert _speaker(agents, names) == "Maria Zakharova"
    borrell = _find(quotes, "It will be for the member states")
    assert borrell.speaker_text == "he" and _speaker(borrell, names) == "Josep Borrell"


def test_seed_002_volkov_telegram(seeds_dir: Path) -> None:
    quotes, names = _analyse(_seed(seeds_dir, "002"))
    q = _find(quotes, "Thought you were the only one")
    assert q.kind == "direct" and _speaker(q, names) == "Leonid Volkov"
    assert q.cue == "write" and q.channel is not None and "Telegram" in q.channel
    cont = _find(quotes, "No OMON")
    assert _speaker(cont, names) == "Leonid Volkov"


def test_seed_004_zakharova_partials(seeds_dir: Path) -> None:
    quotes, names = _analyse(_seed(seeds_dir, "004"))
    q = _find(quotes, "the so-called Western partners")
    assert q.kind == "partial" and _speaker(q, names) == "Maria Zakharova"
    her = _find(quotes, "the issue of financing")
    assert her.speaker_text == "her" and _speaker(her, names) == "Maria Zakharova"


def test_seeds_with_real_entities(seeds_dir: Path) -> None:
    entities_mod = pytest.importorskip("corroborate.analyze.entities")
    nlp = load_nlp()
    found: dict[str, tuple[str | None, str | None, str | None]] = {}
    for prefix in ("000", "002", "004"):
        text = _seed(seeds_dir, prefix)
        doc = nlp(text)
        ents = entities_mod.extract_entities(doc)
        names = {e.id: e.name for e in ents}
        for q in extract_quotes(doc, ents):
            assert text[q.start : q.end] == q.text
            found[q.text[:30]] = (names.get(q.speaker_id or ""), q.cue, q.channel)
    assert found["These are by no means sanction"] == ("Leonid Volkov", "write", "social media")
    assert found["agents of influence"][0] == "Maria Zakharova"
    assert found["It will be for the member stat"][0] == "Josep Borrell"
    tg = found["Thought you were the only one "]
    assert tg[0] == "Leonid Volkov" and tg[2] is not None and "Telegram" in tg[2]


# --------------------------------------------------------------------------- issue 11


def _speakers(text: str) -> list[tuple[str, str, str | None]]:
    from corroborate.analyze.entities import extract_entities

    doc = load_nlp()(text)
    ents = extract_entities(doc)
    names = {e.id: e.name for e in ents}
    return [
        (q.kind, q.text, names.get(q.speaker_id) if q.speaker_id else None)
        for q in extract_quotes(doc, ents)
    ]


def test_relative_clause_after_an_apposition_is_about_its_anchor() -> None:
    text = (
        "Crowds marched against the jailing of Varga, a fierce critic of Mayor Olaf "
        "Brandt, who says he is being targeted for his politics."
    )
    found = _speakers(text)
    assert ("reported", "he is being targeted for his politics", "Varga") in found


def test_restrictive_relative_clause_keeps_its_own_noun() -> None:
    found = _speakers("Brandt met Irma Varga, who said the deal was done.")
    assert ("reported", "the deal was done", "Irma Varga") in found


def test_reported_speech_is_never_inside_quotation_marks() -> None:
    text = (
        'Irma Varga said the vote was rigged. "We will appeal," she said. '
        'The mayor said that the count "was clean" and the case closed.'
    )
    doc = load_nlp()(text)
    spans = [(q.open, q.close) for q in find_quotations(text)]
    for q in extract_quotes(doc, build_entities(doc)):
        if q.kind == "reported":
            assert not any(o <= q.start and q.end <= c + 1 for o, c in spans), q


def test_seed_persecution_quote_is_navalnys(seeds_dir: Path) -> None:
    from corroborate.analyze.pipeline import analyze_article
    from corroborate.clean import clean_document
    from corroborate.ingest import read_inputs
    from corroborate.types import Article, RawDocument

    raws = [r for r in read_inputs([str(seeds_dir)]) if isinstance(r, RawDocument)]
    articles = [a for a in (clean_document(r) for r in raws) if isinstance(a, Article)]
    found = []
    for art in articles:
        analysis = analyze_article(art)
        names = {e.id: e.name for e in analysis.entities}
        found += [
            names.get(q.speaker_id or "")
            for q in analysis.quotes
            if "persecuted for political reasons" in q.text
        ]
    assert found, "the seed sentence was not found as a quote"
    assert all(name is not None and name.endswith("Navalny") for name in found), found


def test_he_said_resolves_in_its_own_paragraph_before_an_earlier_one() -> None:
    text = (
        "Mayor Olaf Brandt defended the plan on Monday.\n\n"
        "Council member Tomas Reid disagreed. “It will fail within a year,” he said."
    )
    found = _speakers(text)
    assert ("direct", "It will fail within a year", "Tomas Reid") in found, found


def test_a_quotation_paragraph_speaks_for_the_speaker_of_the_paragraph_before() -> None:
    text = (
        "Mayor Ann Lee said the bridge plan would fail.\n\n"
        '"It is a disaster for the town."\n\n'
        '"We will fight it in court."\n\n'
        "The council met on Monday. Nobody spoke for an hour.\n\n"
        '"This is not over."'
    )
    quotes, names = _analyse(text)
    for beginning in ("It is a disaster", "We will fight"):
        assert _find(quotes, beginning).speaker_text == "Mayor Ann Lee"
        assert _speaker(_find(quotes, beginning), names) == "Ann Lee"
    # after a paragraph of narration the quotation keeps no speaker
    assert _find(quotes, "This is not over").speaker_text is None


def test_a_later_sentence_in_the_paragraph_before_breaks_the_lead_in() -> None:
    text = (
        "Mayor Ann Lee said the bridge plan would fail. Then she left the room.\n\n"
        '"It is a disaster for the town."'
    )
    quotes, _ = _analyse(text)
    assert _find(quotes, "It is a disaster").speaker_text is None


def test_a_short_utterance_before_its_attribution_is_direct_and_lends_its_speaker() -> None:
    text = '"It was terrifying," said Mark Hall, who lives nearby. "I heard five shots."'
    quotes, names = _analyse(text)
    first, second = _find(quotes, "It was terrifying"), _find(quotes, "I heard five shots")
    assert first.kind == "direct" and _speaker(first, names) == "Mark Hall"
    assert second.kind == "direct" and _speaker(second, names) == "Mark Hall"


def test_a_short_quoted_fragment_inside_a_clause_stays_partial() -> None:
    quotes, _ = _analyse('The plan was "Dead on arrival," he said on Monday.')
    assert _find(quotes, "Dead on arrival").kind == "partial"


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Ana Ruiz told reporters she had called her rival to concede.",
         "she had called her rival to concede"),
        ("The chief told the council that the station would close.", "the station would close"),
    ],
)  # fmt: skip
def test_whom_a_speaker_tells_is_no_part_of_what_is_reported(text: str, reported: str) -> None:
    """ "told reporters she had ...": the object of tell is the addressee (before, the
    reported text began with it: "reporters she had called ...")."""
    quotes, _ = _analyse(text)
    assert [q.text for q in quotes if q.kind == "reported"] == [reported]


def test_a_reported_clause_does_not_end_in_a_conjunction() -> None:
    """ "said X but noted Y" parsed with "but" inside X's clause: the span ends before it."""
    text = (
        "Foreign observers said the election was well organised but noted that state media "
        "favoured the governor."
    )
    quotes, _ = _analyse(text)
    assert _find(quotes, "the election").text == "the election was well organised"


def test_a_name_inside_a_role_does_not_make_its_holder_the_speaker() -> None:
    """ "Orvane said" is the company speaking, not the person whose role is "Orvane chief
    executive"; "the chief executive said" is that person."""
    from corroborate.analyze.entities import extract_entities
    from corroborate.analyze.pipeline import analysis_nlp

    doc = analysis_nlp()(
        "The deal is expected to close next year. Orvane said it expected to cut about "
        '1,200 jobs.\n\n"This brings together two teams," Orvane chief executive Dana '
        "Whitlock told analysts. The chief executive said the plant would stay open."
    )
    entities = extract_entities(doc)
    names = {e.id: e.name for e in entities}
    quotes = extract_quotes(doc, entities)
    assert names.get(_find(quotes, "it expected to cut").speaker_id or "") != "Dana Whitlock"
    assert names.get(_find(quotes, "the plant would stay open").speaker_id or "") == "Dana Whitlock"
