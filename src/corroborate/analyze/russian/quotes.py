"""Russian quotes with their speakers.

1. **Direct.** Text in « », „ “ or " " (at least three words), and dialogue lines opened by
   a dash ("— Мы не отступим, — сказал он."). The speaker is the subject of a speech verb
   (:data:`CUES`: "заявил", "сообщила", "сказал", ...) in the words around the quote, in
   the same sentence: after it ("», — заявил Песков") or before it ("Песков заявил: «").
2. **Reported.** A speech verb with a "что" clause ("Песков заявил, что ...") and
   "по словам X, ..." / "как сообщил X, ...": the clause is the quote, X the speaker.
3. **Speaker.** The subject's words (with its appositive role: "пресс-секретарь Кремля
   Дмитрий Песков") and the entity with a mention in them; a pronoun ("он", "она") goes
   to the last person named before it.
4. ``cue`` is the English verb (say, write, add, ...) so that cues compare across languages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corroborate.analyze.russian.entities import entity_for
from corroborate.analyze.russian.nlp import RuDoc, Token
from corroborate.types import LocalEntity, Quote

#: Russian speech verb lemma -> the English cue.
CUES = {
    "сказать": "say", "заявить": "say", "сообщить": "say", "говорить": "say",
    "заявлять": "say", "сообщать": "say", "отметить": "note", "подчеркнуть": "stress",
    "добавить": "add", "пояснить": "explain", "написать": "write", "рассказать": "tell",
    "признать": "admit", "уточнить": "specify", "ответить": "reply", "объявить": "announce",
    "предупредить": "warn", "заверить": "assure", "настаивать": "insist",
    "утверждать": "claim", "считать": "believe", "назвать": "call", "констатировать": "state",
}  # fmt: skip
_QUOTE_RE = re.compile(r"«([^«»]{3,}?)»|„([^„“”]{3,}?)[“”]|\"([^\"\n]{3,}?)\"")
_DIALOGUE_RE = re.compile(r"(?m)^[ \t]*[—–-][ \t]+(.+?)[,!?.…]?[ \t]+[—–][ \t]")
_PRONOUNS = frozenset({"он", "она", "они"})
MIN_WORDS = 3


def _subject_span(doc: RuDoc, verb: Token) -> tuple[int, int] | None:
    subj = next(
        (c for c in doc.children(verb.i) if c.rel in {"nsubj", "nsubj:pass"}),
        None,
    )
    if subj is None:
        return None
    idx = {subj.i}
    frontier = [subj.i]
    while frontier:
        cur = frontier.pop()
        for child in doc.children(cur):
            if child.pos != "PUNCT" and child.i not in idx and child.rel != "acl":
                idx.add(child.i)
                frontier.append(child.i)
    lo, hi = min(idx), max(idx)
    # keep the contiguous run around the subject
    while lo < subj.i and not all(i in idx for i in range(lo, subj.i)):
        lo += 1
    while hi > subj.i and not all(i in idx for i in range(subj.i, hi + 1)):
        hi -= 1
    return doc.tokens[lo].start, doc.tokens[hi].end


def _last_person(entities: Sequence[LocalEntity], before: int) -> LocalEntity | None:
    best: tuple[int, LocalEntity] | None = None
    for ent in entities:
        if ent.type != "PERSON":
            continue
        for m in ent.mentions:
            if m.end <= before and (best is None or m.start > best[0]):
                best = (m.start, ent)
    return best[1] if best else None


def _speaker(
    doc: RuDoc, verb: Token, entities: Sequence[LocalEntity]
) -> tuple[str | None, str | None, int | None, int | None]:
    span = _subject_span(doc, verb)
    if span is None:
        return None, None, None, None
    start, end = span
    text = doc.text[start:end]
    entity = entity_for(entities, start, end)
    if entity is None and text.lower() in _PRONOUNS:
        entity = _last_person(entities, start)
    return (entity.id if entity else None), text, start, end


def _sentence_of(doc: RuDoc, offset: int) -> int | None:
    for k, (a, b, _f, _s) in enumerate(doc.sentences):
        if a <= offset < b:
            return k
    return None


def _cue_near(doc: RuDoc, start: int, end: int) -> Token | None:
    """A speech verb outside [start, end) in the sentences holding the quote's two ends."""
    ks = {_sentence_of(doc, start), _sentence_of(doc, max(start, end - 1))}
    after = _sentence_of(doc, end)
    if after is not None:
        ks.add(after)
    cands = [
        t
        for k in sorted(x for x in ks if x is not None)
        for t in doc.sentence_tokens(k)
        if t.lemma in CUES and t.pos == "VERB" and not (start <= t.start < end)
    ]
    following = [t for t in cands if t.start >= end]
    if following and following[0].start - end < 40:
        return following[0]
    preceding = [t for t in cands if t.end <= start]
    return preceding[-1] if preceding else None


def _direct(doc: RuDoc, entities: Sequence[LocalEntity]) -> list[Quote]:
    found: list[tuple[int, int]] = []
    for m in _QUOTE_RE.finditer(doc.text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        found.append((m.start(group), m.end(group)))
    for m in _DIALOGUE_RE.finditer(doc.text):
        found.append((m.start(1), m.end(1)))
    out: list[Quote] = []
    for start, end in sorted(set(found)):
        words = doc.text[start:end].strip()
        if len(words.split()) < MIN_WORDS:
            continue
        cue = _cue_near(doc, start, end)
        if cue is None:
            continue
        speaker_id, speaker_text, s_start, s_end = _speaker(doc, cue, entities)
        out.append(
            Quote(
                text=doc.text[start:end],
                start=start,
                end=end,
                kind="direct",
                speaker_id=speaker_id,
                speaker_text=speaker_text,
                speaker_start=s_start,
                speaker_end=s_end,
                cue=CUES[cue.lemma],
            )
        )
    return out


def _clause_end(doc: RuDoc, k: int) -> int:
    end = doc.sentences[k][1]
    while end > 0 and doc.text[end - 1] in ".!?… ":
        end -= 1
    return end


def _reported(
    doc: RuDoc, entities: Sequence[LocalEntity], taken: list[tuple[int, int]]
) -> list[Quote]:
    out: list[Quote] = []
    for k in range(len(doc.sentences)):
        toks = doc.sentence_tokens(k)
        for j, tok in enumerate(toks):
            content: tuple[int, int] | None = None
            speaker: tuple[str | None, str | None, int | None, int | None] | None = None
            cue = "say"
            if tok.lemma in CUES and tok.pos == "VERB":
                mark = next((t for t in toks[j + 1 : j + 8] if t.text.lower() == "что"), None)
                if mark is None or mark.i + 1 >= toks[-1].i:
                    continue
                content = (doc.tokens[mark.i + 1].start, _clause_end(doc, k))
                speaker = _speaker(doc, tok, entities)
                cue = CUES[tok.lemma]
            elif tok.text.lower() == "по" and j + 1 < len(toks) and toks[j + 1].lemma == "слово":
                comma = next((t for t in toks[j + 2 :] if t.text == ","), None)
                if comma is None or comma.i + 1 >= toks[-1].i:
                    continue
                s_start, s_end = toks[j + 2].start, doc.tokens[comma.i - 1].end
                ent = entity_for(entities, s_start, s_end)
                speaker = (ent.id if ent else None, doc.text[s_start:s_end], s_start, s_end)
                content = (doc.tokens[comma.i + 1].start, _clause_end(doc, k))
            if content is None or speaker is None or content[1] <= content[0]:
                continue
            if any(a < content[1] and content[0] < b for a, b in taken):
                continue
            if len(doc.text[content[0] : content[1]].split()) < MIN_WORDS:
                continue
            out.append(
                Quote(
                    text=doc.text[content[0] : content[1]],
                    start=content[0],
                    end=content[1],
                    kind="reported",
                    speaker_id=speaker[0],
                    speaker_text=speaker[1],
                    speaker_start=speaker[2],
                    speaker_end=speaker[3],
                    cue=cue,
                )
            )
            taken.append(content)
    return out


def extract_quotes(doc: RuDoc, entities: Sequence[LocalEntity]) -> tuple[Quote, ...]:
    """Direct and reported quotes of ``doc``, in text order."""
    direct = _direct(doc, entities)
    reported = _reported(doc, entities, [(q.start, q.end) for q in direct])
    return tuple(sorted(direct + reported, key=lambda q: q.start))
