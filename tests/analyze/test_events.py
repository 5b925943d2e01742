"""Event frames on small articles written for these tests, and on the real seed reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from corroborate.analyze.events import EVENT_LEXICON, extract_events, trigger_type
from corroborate.analyze.pipeline import analysis_nlp
from corroborate.types import DateRef, Event, LocalEntity, Mention

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "analyze"


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The pipeline's spaCy (with the line-break sentence splitter)."""
    return analysis_nlp()


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _date(text: str, expression: str, iso: str) -> DateRef:
    start = text.index(expression)
    return DateRef(expression, start, start + len(expression), iso, "day", relative=True)


def _of_type(events: tuple[Event, ...], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind]


def _check_spans(text: str, events: tuple[Event, ...]) -> None:
    for event in events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.sentence is not None
        assert text[event.sentence.start : event.sentence.end] == event.sentence.text
        assert event.sentence.start <= event.trigger.start < event.sentence.end


def test_arrest_with_date_and_place(nlp: Language) -> None:
    text = _fixture("events_arrest.txt")
    friday = _date(text, "on Friday", "2024-03-08")
    saturday = _date(text, "on Saturday", "2024-03-09")
    events = extract_events(nlp(text), (), (friday, saturday))
    _check_spans(text, events)
    arrest = next(e for e in _of_type(events, "arrest") if e.trigger.text == "arrested")
    assert arrest.actors == ("Police",)
    assert any("man" in t for t in arrest.targets)
    assert arrest.place == "Leeds"
    assert arrest.date == friday  # same sentence, not Saturday's
    charge = _of_type(events, "charge")
    assert charge and charge[0].date == saturday


def test_negated_and_attempted_are_not_events(nlp: Language) -> None:
    text = _fixture("events_arrest.txt")
    events = extract_events(nlp(text), (), ())
    negated = text.index("did not arrest")
    assert not [e for e in events if e.trigger.start >= negated]
    assert not _of_type(events, "death")  # "attempted murder" did not happen


def test_expulsion_by_a_country(nlp: Language) -> None:
    text = _fixture("events_expulsion.txt")
    events = extract_events(nlp(text), (), ())
    _check_spans(text, events)
    expelled = next(e for e in events if e.trigger.text == "expelled")
    assert expelled.type == "expulsion"
    assert expelled.actors == ("Norway",)
    assert expelled.targets == ("two Russian diplomats",)
    # "would expel" is a threat, not a past expulsion; "possible sanctions" did not happen
    assert not [e for e in events if e.trigger.text == "expel"]
    assert not _of_type(events, "sanction")
    # ... but the expulsion it responds to (a nested noun) did
    nested = next(e for e in events if e.trigger.text == "expulsion")
    assert nested.targets == ("its staff",)


def test_protest_and_video_call(nlp: Language) -> None:
    text = _fixture("events_protest_call.txt")
    doc = nlp(text)
    start = text.index("Ana Ribeiro")
    ribeiro = LocalEntity(
        id="e1",
        name="Ana Ribeiro",
        type="PERSON",
        mentions=(Mention(start, start + 11, "Ana Ribeiro", "PERSON", "e1"),),
    )
    events = extract_events(doc, (ribeiro,), (_date(text, "On Monday", "2024-03-11"),))
    _check_spans(text, events)
    protested = next(e for e in events if e.trigger.text == "protested")
    assert protested.type == "protest"
    assert protested.place == "Lisbon"
    assert "rising rents" in protested.targets
    call = next(e for e in events if e.type == "meeting")
    assert call.trigger.text == "video call"
    assert call.actors == ("e1",)  # resolved to the LocalEntity
    assert call.targets == ("European leaders",)
    assert call.date is not None and call.date.expression == "On Monday"


def test_lexicon_and_trigger_filters(nlp: Language) -> None:
    assert all(verbs or nouns for verbs, nouns in EVENT_LEXICON.values())
    doc: Doc = nlp("He was held in a detention center after a phone call and a call for calm.")
    by_text = {t.text: trigger_type(t) for t in doc}
    assert by_text["detention"] is None  # compound modifier
    types = [e.type for e in extract_events(doc, (), ())]
    assert types == ["meeting"]  # "phone call" only; "a call for calm" is no meeting


def test_seed_000_events(seeds_dir: Path, nlp: Language) -> None:
    path = next(seeds_dir.glob("000_*.txt"))
    text = path.read_text(encoding="utf-8")
    events = extract_events(nlp(text), (), ())
    _check_spans(text, events)
    kinds = {e.type for e in events}
    assert {"expulsion", "arrest", "sentence", "protest", "meeting"} <= kinds
    assert any("Navalny" in t for e in _of_type(events, "arrest") for t in e.targets)
    assert any("Navalny" in t for e in _of_type(events, "sentence") for t in e.targets)
    assert any(e.trigger.text == "video call" or e.trigger.text == "met" for e in events)
    # "diplomats would be expelled" is announced, not done
    assert not [e for e in events if e.trigger.text == "expelled"]
    for event in events:  # arguments never run across a line break into a heading
        assert all("\n" not in a for a in event.actors + event.targets)


def test_seed_004_sentence_by_court(seeds_dir: Path, nlp: Language) -> None:
    path = next(seeds_dir.glob("004_*.txt"))
    text = path.read_text(encoding="utf-8")
    events = extract_events(nlp(text), (), ())
    sentenced = [e for e in events if e.trigger.text == "sentenced"]
    assert sentenced and sentenced[0].targets == ("Navalny",)
    assert any("court" in a for a in sentenced[0].actors)
