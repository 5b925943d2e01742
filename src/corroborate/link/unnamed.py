"""A story's unnamed participants: "the gunman", "police", "the store" across its articles.

Outlets name few of the people and things a story is about, and they refer to the rest by
the same common nouns: every report of a shooting has its gunman and its police, every
report of a market day its index. The named entities and their nominal and pronoun
mentions (``link.entities``) cover the named; this module gathers the common-noun phrases
the analysis read (``Analysis.noun_phrases``) that none of those mentions covers, by the
lemma of their head across the story's articles, into entities of type
:data:`UNNAMED_TYPE`.

The rule is the one the entity harness's baseline applies to gold mentions (one cluster per
head lemma within a topic), here on our own phrases and within a story. Measured by
replaying the entity stage on the harness stores (``bench/relink.py``) and through the
product (docs/entity-resolution.md, "Unnamed participants"): the all-mention CoNLL F1 of
ECB+ dev and of MEANTIME both rise (by 0.05), the named one by less than 0.001.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate

from corroborate.link.nominals import GENERIC_HEADS
from corroborate.link.participants import participant_nouns
from corroborate.types import AnalyzedArticle, Evidence, StoryEntity

__all__ = [
    "DOMINANT_RATIO",
    "MIN_MENTIONS",
    "NOT_PARTICIPANTS",
    "TOPIC_TYPE",
    "UNNAMED_TYPE",
    "resolve_unnamed",
]

#: The ``type`` of an unnamed participant in the dossier.
UNNAMED_TYPE = "UNNAMED"
#: The ``type`` of a group whose head names a happening or an abstraction ("the decision",
#: "the investigation"): what the reports discuss, not who or what takes part. Kept in the
#: dossier (the corpora annotate some such heads as entities: dropping them cost the
#: all-mention measure 0.0015 on ECB+ dev and MEANTIME both), left out of the lists of
#: participants.
TOPIC_TYPE = "TOPIC"
#: Mentions a head lemma needs in a story to be shown (one phrase alone links nothing).
MIN_MENTIONS = 2
#: A generic head joins the named entity of its type with this many times the mentions of
#: the next one (the ratio of ``link.entities.DOMINANT_RATIO``, kept: 1.5, 2, 3 and 5 were
#: measured, 2 and 3 gain on ECB+ dev and MEANTIME both, docs/entity-resolution.md).
DOMINANT_RATIO = 3.0
#: Most phrasings kept as an unnamed participant's aliases (most frequent first).
MAX_ALIASES = 6
#: Heads that name a stretch of time, a measure or nothing in particular: not participants.
#: Times are the time entities' business (``link.entities.resolve_times``); measures are
#: figures'.
NOT_PARTICIPANTS = frozenset(
    {
        # time
        "time", "moment", "period", "second", "minute", "hour", "day", "night", "morning",
        "afternoon", "evening", "noon", "midnight", "dawn", "dusk", "week", "weekend",
        "month", "year", "decade", "century", "season", "today", "yesterday", "tomorrow",
        "tonight", "date", "spring", "summer", "autumn", "fall", "winter", "age",
        # measures
        "percent", "percentage", "mile", "kilometer", "kilometre", "meter", "metre", "foot",
        "feet", "inch", "yard", "pound", "kilogram", "ton", "tonne", "gallon", "liter",
        "litre", "acre", "degree", "point", "number", "amount", "total", "average",
        # nothing in particular
        "way", "thing", "lot", "part", "kind", "sort", "type", "bit", "deal", "end", "rest",
        "fact", "something", "anything", "everything", "nothing", "someone", "anyone",
        "everyone", "nobody", "somebody", "anybody", "everybody", "one", "other", "others",
    }
)  # fmt: skip


def resolve_unnamed(
    docs: Sequence[AnalyzedArticle],
    named: Sequence[StoryEntity],
    times: Sequence[StoryEntity],
    story_id: str,
) -> tuple[tuple[StoryEntity, ...], tuple[StoryEntity, ...]]:
    """(``named`` with the phrases that refer to them added, the unnamed participants and
    topics) of a story's articles ``docs``.

    The common-noun phrases no mention of ``named`` or ``times`` (with their nominal and
    pronoun mentions) covers are grouped by head lemma; a group of at least
    :data:`MIN_MENTIONS` phrases is one unnamed participant, unless its head is a generic
    noun (``link.nominals.GENERIC_HEADS``: "the company", "the city") and one named entity
    of a type it can refer to dominates the story (:func:`_dominant`): then the phrases are
    mentions of that entity. A group whose head names a happening or an abstraction
    rather than a participant ("the decision", "the game":
    :func:`link.participants.participant_nouns`) is a :data:`TOPIC_TYPE` entity instead.
    Ids are ``"<story_id>-U1"``, ... (topics ``-D1``, ...: discussed) in order of first mention,
    participants first; the name is the lemma, the aliases the phrases as written (lower
    case, most frequent first)."""
    order = {d.article.id: k for k, d in enumerate(docs)}
    added: dict[int, list[Evidence]] = defaultdict(list)
    groups: list[tuple[str, list[Evidence]]] = []
    for lemma, evs in _phrase_groups(docs, [*named, *times]).items():
        if len(evs) < MIN_MENTIONS:
            continue
        target = _dominant(named, GENERIC_HEADS.get(lemma, frozenset()))
        if target is not None:
            added[target].extend(evs)
            continue
        groups.append((lemma, evs))
    kept = participant_nouns([lemma for lemma, _ in groups])
    unnamed: list[StoryEntity] = []
    topics: list[StoryEntity] = []
    for lemma, evs in groups:
        found, kind, tag = (
            (unnamed, UNNAMED_TYPE, "U") if kept[lemma] else (topics, TOPIC_TYPE, "D")
        )
        forms = Counter(" ".join(e.text.lower().split()) for e in evs)
        found.append(
            StoryEntity(
                id=f"{story_id}-{tag}{len(found) + 1}",
                name=lemma,
                type=kind,
                aliases=tuple(f for f, _ in forms.most_common(MAX_ALIASES)),
                mentions=tuple(evs),
            )
        )
    grown = tuple(
        replace(
            e,
            mentions=tuple(
                sorted(
                    [*e.mentions, *added[k]],
                    key=lambda m: (order.get(m.article_id, len(order)), m.start, m.end),
                )
            ),
        )
        if k in added
        else e
        for k, e in enumerate(named)
    )
    return grown, (*unnamed, *topics)


def _phrase_groups(
    docs: Sequence[AnalyzedArticle], shown: Sequence[StoryEntity]
) -> dict[str, list[Evidence]]:
    """Head lemma -> the phrases of ``docs`` with that head that no mention of ``shown``
    covers, that are no event trigger and that can be participants, in order of first
    mention."""
    mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for entity in shown:
        for m in entity.mentions:
            mentions[m.article_id].append((m.start, m.end))
    groups: dict[str, list[Evidence]] = {}
    for doc in docs:
        aid, text = doc.article.id, doc.article.text
        covered = _Covered(mentions.get(aid, []))
        # A noun the event stage read as a trigger ("the strike", "talks") is a happening.
        triggers = {(e.trigger.start, e.trigger.end) for e in doc.analysis.events}
        for start, end, head_start, head_end, lemma in doc.analysis.noun_phrases or ():
            if (
                lemma in NOT_PARTICIPANTS
                or (head_start, head_end) in triggers
                or covered(head_start, head_end)
            ):
                continue
            groups.setdefault(lemma, []).append(Evidence(aid, start, end, text[start:end]))
    return groups


def _dominant(named: Sequence[StoryEntity], types: frozenset[str]) -> int | None:
    """Index of the named entity of one of ``types`` with at least :data:`DOMINANT_RATIO`
    times the mentions of the next one (or the only one); else none."""
    counts = sorted(
        ((len(e.mentions), k) for k, e in enumerate(named) if e.type in types), reverse=True
    )
    if not counts:
        return None
    if len(counts) > 1 and counts[0][0] < DOMINANT_RATIO * counts[1][0]:
        return None
    return counts[0][1]


class _Covered:
    """Whether a span lies inside one of an article's mention spans."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        # The furthest end among the spans starting at or before each one.
        self.reach = list(accumulate((e for _, e in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        return k > 0 and self.reach[k - 1] >= end
