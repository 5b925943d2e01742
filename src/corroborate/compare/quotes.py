"""Quotes across outlets: one :class:`StoryQuote` per distinct quote, with every outlet's span.

1. **Normalise** each quote's words: unidecode (curly quotes, accents), lower case,
   punctuation → space, whitespace collapsed.
2. **Candidates** (near-linear): an inverted index of word trigrams (and of the one- and
   two-word sequences, for short fragments); two quotes are compared only when the shorter
   one's trigrams (or whole words, when it has fewer than three) occur in the other.
3. **Match** when ``rapidfuzz.fuzz.partial_ratio(shorter, longer) >= QUOTE_THRESHOLD``
   (one outlet quoting a fragment of another's full quote scores 100) and the speakers are
   compatible: two resolved speakers must be the same story entity (or an organisation and a
   place: the ministry / Russia). Stricter cases:
   - a short fragment (fewer than :data:`MIN_FUZZY_WORDS` words, "traitors") must occur
     word for word in the other quote, and both speakers must be resolved and the same;
   - reported speech (``kind == "reported"``) matches another quote (direct, partial or
     reported) only when both speakers are resolved and the same, and the shorter text has
     at least :data:`MIN_REPORTED_WORDS` words. Otherwise it stays its own StoryQuote (an
     outlet's paraphrase is not the speaker's words, and an unattributed clause could be
     anyone's).
   Two overlapping spans of one article are never merged (the extractor gives a reported
   clause and the partial quote inside it separately); a quote repeated elsewhere in the
   same article (headline and body) is.
4. **Clusters**: candidate pairs are merged best score first, and only when the two
   clusters' resolved speakers stay compatible, so that a quote with no speaker cannot
   chain two different speakers together.

The StoryQuote's ``text`` is its longest direct/partial version (else the longest reported
one) and ``kind`` that version's kind (``direct``, ``partial`` or ``reported``); ``speaker``
the first resolved speaker (direct quotes first); ``reports`` one :class:`Evidence` per
quote span (the quoted words), in ``docs`` then text order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from unidecode import unidecode

from corroborate.types import AnalyzedArticle, Evidence, Quote, StoryEntity, StoryQuote

#: partial_ratio (0-100) at or above which two quotes are the same words.
QUOTE_THRESHOLD = 90.0
#: Fragments shorter than this (in words) match only verbatim and with the same speaker.
MIN_FUZZY_WORDS = 4
#: A match involving reported speech needs this many words in the shorter text.
MIN_REPORTED_WORDS = 6
_METONYMS = frozenset({"ORG", "GPE"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them"})


def normalize_quote(text: str) -> str:
    """Lower-case ASCII words separated by single spaces ("“It’s over,”" → "it s over")."""
    return _NON_WORD.sub(" ", unidecode(text).lower()).strip()


@dataclass(frozen=True)
class _Item:
    index: int
    doc_index: int
    article_id: str
    quote: Quote
    norm: str
    words: tuple[str, ...]
    speaker: StoryEntity | None


def _compatible_speakers(a: StoryEntity | None, b: StoryEntity | None) -> bool:
    if a is None or b is None or a.id == b.id:
        return True
    return a.type != b.type and {a.type, b.type} <= _METONYMS


def _same_resolved(a: StoryEntity | None, b: StoryEntity | None) -> bool:
    return a is not None and b is not None and a.id == b.id


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def match_score(a: _Item, b: _Item) -> float | None:
    """The match score of two quotes (0-100), or ``None`` when they are not one quote."""
    short, long_ = (a, b) if len(a.norm) <= len(b.norm) else (b, a)
    if not short.words or not _compatible_speakers(a.speaker, b.speaker):
        return None
    if a.article_id == b.article_id and a.quote.start < b.quote.end and b.quote.start < a.quote.end:
        return None  # one utterance extracted twice (a reported clause around a partial quote)
    reported = "reported" in {a.quote.kind, b.quote.kind}
    if reported and (
        len(short.words) < MIN_REPORTED_WORDS or not _same_resolved(a.speaker, b.speaker)
    ):
        return None
    if len(short.words) < MIN_FUZZY_WORDS:
        if _same_resolved(a.speaker, b.speaker) and _contains(long_.words, short.words):
            return 100.0
        return None
    score = float(fuzz.partial_ratio(short.norm, long_.norm))
    return score if score >= QUOTE_THRESHOLD else None


def _keys(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Index keys of a quote: its word 1-, 2- and 3-grams."""
    return {words[i : i + n] for n in (1, 2, 3) for i in range(len(words) - n + 1)}


def _probe(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Keys to look a quote up by: its trigrams, or its whole text when shorter."""
    if len(words) < 3:
        return {words} if words else set()
    return {words[i : i + 3] for i in range(len(words) - 2)}


def _candidate_pairs(items: Sequence[_Item]) -> set[tuple[int, int]]:
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for it in items:
        for key in _keys(it.words):
            index[key].append(it.index)
    pairs: set[tuple[int, int]] = set()
    for it in items:
        for key in _probe(it.words):
            for other in index.get(key, ()):
                if other != it.index:
                    pairs.add((min(it.index, other), max(it.index, other)))
    return pairs


def _items(
    docs: Sequence[AnalyzedArticle], story: Mapping[tuple[str, str], StoryEntity]
) -> list[_Item]:
    items: list[_Item] = []
    for k, d in enumerate(docs):
        aid = d.article.id
        for q in sorted(d.analysis.quotes, key=lambda q: q.start):
            norm = normalize_quote(q.text)
            speaker = story.get((aid, q.speaker_id)) if q.speaker_id is not None else None
            items.append(_Item(len(items), k, aid, q, norm, tuple(norm.split()), speaker))
    return items


def _clusters(items: Sequence[_Item]) -> list[list[_Item]]:
    scored = []
    for i, j in _candidate_pairs(items):
        score = match_score(items[i], items[j])
        if score is not None:
            scored.append((-score, i, j))
    scored.sort()
    parent = list(range(len(items)))
    speakers: dict[int, set[str]] = {
        it.index: ({it.speaker.id} if it.speaker is not None else set()) for it in items
    }
    by_id = {it.speaker.id: it.speaker for it in items if it.speaker is not None}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, i, j in scored:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        union = speakers[ri] | speakers[rj]
        if not all(_compatible_speakers(by_id[x], by_id[y]) for x in union for y in union if x < y):
            continue
        root, child = min(ri, rj), max(ri, rj)
        parent[child] = root
        speakers[root] = union
    groups: dict[int, list[_Item]] = defaultdict(list)
    for it in items:
        groups[find(it.index)].append(it)
    return [groups[r] for r in sorted(groups)]


def _speaker_name(members: Sequence[_Item]) -> tuple[str | None, str | None]:
    ordered = sorted(members, key=lambda m: (m.quote.kind == "reported", m.index))
    for m in ordered:
        if m.speaker is not None:
            return m.speaker.id, m.speaker.name
    for m in ordered:
        text = m.quote.speaker_text
        if text and text.lower() not in _PRONOUNS:
            return None, text
    return None, None


def match_quotes(
    docs: Sequence[AnalyzedArticle], entities: Sequence[StoryEntity]
) -> tuple[StoryQuote, ...]:
    """Match the quotes of one story's articles across outlets (rules: module docstring).

    Every quote of every article ends in exactly one StoryQuote; ids are "Q1", "Q2", ...
    in order of first appearance (``docs`` order, then text order).
    """
    story = {pair: e for e in entities for pair in e.local_ids}
    out: list[StoryQuote] = []
    for n, members in enumerate(_clusters(_items(docs, story)), 1):
        direct = [m for m in members if m.quote.kind != "reported"] or list(members)
        shown = max(direct, key=lambda m: (len(m.norm), -m.index)).quote
        speaker, name = _speaker_name(members)
        reports = tuple(
            Evidence(m.article_id, m.quote.start, m.quote.end, m.quote.text)
            for m in sorted(members, key=lambda m: (m.doc_index, m.quote.start, m.quote.end))
        )
        out.append(
            StoryQuote(
                id=f"Q{n}",
                speaker=speaker,
                speaker_name=name,
                text=shown.text,
                reports=reports,
                kind=shown.kind,
            )
        )
    return tuple(out)
