"""Russian events: a verb or event noun from a small lexicon, with arguments off the parse.

The types are the English extractor's (``analyze.events.EVENT_LEXICON``): arrest,
detention, sentence, protest, expulsion, sanction, meeting, ... A trigger's ``nsubj`` is an
actor, its ``obj``/``nsubj:pass`` a target (LocalEntity ids when a mention lies in the
argument word, else the word); a noun trigger takes its genitive ``nmod`` as target.
Negated triggers ("не задержали") and future-tense ones are skipped (the timeline wants
what happened). ``date`` is the date expression nearest the trigger in its sentence;
``place`` the nearest place entity in the sentence after "в"/"на".
"""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.analyze.russian.entities import entity_for
from corroborate.analyze.russian.nlp import RuDoc, Token
from corroborate.types import DateRef, Event, LocalEntity, Span

#: event type -> (verb lemmas, noun lemmas)
EVENT_LEXICON: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "arrest": (frozenset({"арестовать"}), frozenset({"арест"})),
    "detention": (frozenset({"задержать", "задерживать"}), frozenset({"задержание"})),
    "sentence": (frozenset({"приговорить", "осудить"}), frozenset({"приговор"})),
    "charge": (frozenset({"обвинить", "предъявить"}), frozenset({"обвинение"})),
    "trial": (frozenset({"судить"}), frozenset({"суд", "заседание", "процесс"})),
    "release": (frozenset({"освободить", "отпустить"}), frozenset({"освобождение"})),
    "protest": (
        frozenset({"протестовать", "митинговать"}),
        frozenset({"протест", "акция", "митинг", "демонстрация", "шествие"}),
    ),
    "expulsion": (frozenset({"выслать", "выдворить"}), frozenset({"высылка"})),
    "sanction": (frozenset({"ввести"}), frozenset({"санкция"})),
    "meeting": (frozenset({"встретиться"}), frozenset({"встреча", "переговоры"})),
    "visit": (frozenset({"посетить", "прибыть"}), frozenset({"визит"})),
    "poisoning": (frozenset({"отравить"}), frozenset({"отравление"})),
    "death": (frozenset({"погибнуть", "умереть", "скончаться"}), frozenset({"гибель", "смерть"})),
    "injury": (frozenset({"ранить", "пострадать"}), frozenset({"ранение"})),
}
_TYPE_OF = {
    (lemma, pos): etype
    for etype, (verbs, nouns) in EVENT_LEXICON.items()
    for lemmas, pos in ((verbs, "VERB"), (nouns, "NOUN"))
    for lemma in lemmas
}
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def _argument(doc: RuDoc, tok: Token, entities: Sequence[LocalEntity]) -> str:
    entity = entity_for(entities, tok.start, tok.end)
    return entity.id if entity else tok.text


def _asserted(doc: RuDoc, trigger: Token) -> bool:
    for child in doc.children(trigger.i):
        if child.text.lower() == "не" or child.feat("Tense") == "Fut":
            return False
    return trigger.feat("Tense") != "Fut"


def _nearest_date(dates: Sequence[DateRef], a: int, b: int, at: int) -> DateRef | None:
    inside = [d for d in dates if a <= d.start and d.end <= b]
    return min(inside, key=lambda d: abs(d.start - at)) if inside else None


def _place(doc: RuDoc, entities: Sequence[LocalEntity], k: int, at: int) -> str | None:
    a, b, _f, _s = doc.sentences[k]
    best: tuple[int, str] | None = None
    for ent in entities:
        if ent.type not in _PLACE_TYPES:
            continue
        for m in ent.mentions:
            if not (a <= m.start < b):
                continue
            before = doc.text[max(a, m.start - 4) : m.start].strip().lower()
            if before.split()[-1:] in (["в"], ["во"], ["на"]):
                dist = abs(m.start - at)
                if best is None or dist < best[0]:
                    best = (dist, ent.id)
    return best[1] if best else None


def extract_events(
    doc: RuDoc, entities: Sequence[LocalEntity], dates: Sequence[DateRef]
) -> tuple[Event, ...]:
    """The asserted events of ``doc``, in text order."""
    out: list[Event] = []
    for k, (a, b, _first, _stop) in enumerate(doc.sentences):
        for tok in doc.sentence_tokens(k):
            etype = _TYPE_OF.get((tok.lemma, "VERB" if tok.pos == "VERB" else tok.pos))
            if etype is None or not _asserted(doc, tok):
                continue
            actors: list[str] = []
            targets: list[str] = []
            for child in doc.children(tok.i):
                if child.pos not in {"NOUN", "PROPN", "PRON"}:
                    continue
                if tok.pos == "VERB" and child.rel == "nsubj":
                    actors.append(_argument(doc, child, entities))
                elif child.rel in {"obj", "nsubj:pass"} or (
                    tok.pos == "NOUN" and child.rel == "nmod" and child.feat("Case") == "Gen"
                ):
                    targets.append(_argument(doc, child, entities))
            out.append(
                Event(
                    type=etype,
                    trigger=Span(tok.start, tok.end, tok.text),
                    actors=tuple(actors),
                    targets=tuple(targets),
                    date=_nearest_date(dates, a, b, tok.start),
                    place=_place(doc, entities, k, tok.start),
                    sentence=Span(a, b, doc.text[a:b]),
                )
            )
    return tuple(out)
