"""Quotes with their speakers: direct, partial and reported speech.

``extract_quotes(doc, entities)`` finds quotation marks, attributes each quotation to a
speech cue ("said", "wrote on social media") and a speaker, then adds reported speech
("X said that ...", "according to X, ..."). See ``docs/quotes.md`` for the rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from corroborate.analyze.nlp import doc_text
from corroborate.analyze.speech import (
    FRAMING_ONLY,
    OBJECT_REPORT,
    EntityIndex,
    Speaker,
    channel_of,
    cue_lemma,
    is_cue,
    resolve,
    span_text,
    subject_of,
)
from corroborate.types import LocalEntity, Quote

__all__ = ["extract_quotes", "find_quotations"]

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SENT_END = frozenset({".", "!", "?"})
MAX_FRAME = 60  # tokens scanned either side of a quotation for its cue
MAX_SINGLE = 300  # longest span accepted between single quote marks


@dataclass(frozen=True)
class Quotation:
    """Words between quote marks: mark positions and the quoted words' offsets."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (paragraph end when left open)
    start: int  # quoted words, marks and trailing ",;:" excluded
    end: int
    closed: bool


def find_quotations(text: str) -> list[Quotation]:
    """All quotations in ``text``, in order; one paragraph (line) at a time.

    Double marks (straight or curly, « ») pair up within a paragraph; a quotation left
    open at a paragraph's end (the convention for quotes running over paragraphs) ends
    there. Single marks (‘ ’ and ') count only where they cannot be apostrophes: the
    opening one starts a word, the closing one ends a word, both in one paragraph.
    """
    found: list[Quotation] = []
    pos = 0
    for line in text.split("\n"):
        doubles = _doubles(line, pos)
        found.extend(doubles)
        found.extend(_singles(line, pos, [(q.open, q.close) for q in doubles]))
        pos += len(line) + 1
    found.sort(key=lambda q: q.open)
    return found


def _doubles(line: str, base: int) -> list[Quotation]:
    out: list[Quotation] = []
    open_at: int | None = None
    for i, ch in enumerate(line):
        if ch in DOUBLE_OPEN:
            if open_at is None:
                open_at = i
        elif ch in DOUBLE_CLOSE:
            if open_at is not None:
                _add(out, line, base, open_at, i, True)
                open_at = None
            elif (
                i + 1 < len(line)
                and not line[i + 1].isspace()
                and (i == 0 or line[i - 1].isspace())
            ):
                open_at = i  # a closing-shaped mark used to open
        elif ch == '"':
            if open_at is None:
                open_at = i
            else:
                _add(out, line, base, open_at, i, True)
                open_at = None
    if open_at is not None:
        _add(out, line, base, open_at, len(line), False)
    return out


def _singles(line: str, base: int, doubles: list[tuple[int, int]]) -> list[Quotation]:
    out: list[Quotation] = []
    open_at: int | None = None
    for i, ch in enumerate(line):
        if ch not in "'‘’":
            continue
        if any(o - base <= i <= c - base for o, c in doubles):
            continue
        prev = line[i - 1] if i else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if open_at is None:
            if ch in "'‘" and not prev.isalnum() and nxt.isalpha():
                open_at = i
        elif ch in "'’" and not prev.isspace() and not nxt.isalnum():
            if i - open_at <= MAX_SINGLE:
                _add(out, line, base, open_at, i, True)
            open_at = None
        elif ch == "‘" and not prev.isalnum():
            open_at = i
    return out


def _add(
    out: list[Quotation], line: str, base: int, open_at: int, close: int, closed: bool
) -> None:
    start, end = open_at + 1, close
    while start < end and line[start].isspace():
        start += 1
    while end > start and (line[end - 1].isspace() or line[end - 1] in ",;:"):
        end -= 1
    if any(ch.isalnum() for ch in line[start:end]):
        out.append(Quotation(base + open_at, base + close, base + start, base + end, closed))


# ----------------------------------------------------------------------- attribution


@dataclass(frozen=True)
class _Attribution:
    speaker: Speaker | None
    cue: str | None
    channel: str | None


class _Context:
    """Per-document state: token positions, quotations and entity lookups."""

    def __init__(self, doc: Doc, entities: Sequence[LocalEntity]):
        self.doc = doc
        self.quotations = find_quotations(doc_text(doc))
        self.spans = [(q.open, q.close + 1) for q in self.quotations]
        self._span_starts = [s for s, _ in self.spans]
        self.index = EntityIndex(doc, entities, self.spans)
        self._tok_starts = [t.idx for t in doc]
        self.opens = {q.open for q in self.quotations}
        self.closes = {q.close for q in self.quotations if q.closed}

    def token_at(self, char: int) -> int:
        """Index of the token covering (or starting after) ``char``."""
        return max(0, bisect.bisect_right(self._tok_starts, char) - 1)

    def quoted(self, char: int) -> bool:
        k = bisect.bisect_right(self._span_starts, char) - 1
        return k >= 0 and self.spans[k][0] <= char < self.spans[k][1]

    def post_frame(self, q: Quotation) -> list[Token]:
        if not q.closed:
            return []
        doc, out = self.doc, list[Token]()
        i = self.token_at(q.close)
        if doc[i].idx <= q.close:
            i += 1
        while i < len(doc) and len(out) < MAX_FRAME:
            t = doc[i]
            if "\n" in t.text or t.idx in self.opens or self.quoted(t.idx):
                break
            out.append(t)
            if t.text in SENT_END:
                break
            i += 1
        return out

    def pre_frame(self, q: Quotation) -> list[Token]:
        doc, out = self.doc, list[Token]()
        i = self.token_at(q.open)
        if doc[i].idx >= q.open:
            i -= 1
        while i >= 0 and len(out) < MAX_FRAME:
            t = doc[i]
            if "\n" in t.text or t.text in SENT_END or t.idx in self.closes or self.quoted(t.idx):
                break
            out.append(t)
            i -= 1
        out.reverse()
        return out

    def attribute(self, cue: Token, anchor: int) -> _Attribution:
        """Speaker, cue lemma and channel of a speech verb (or "according to")."""
        if cue.lower_ == "according":
            to = next((c for c in cue.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            speaker = resolve(pobj, self.index) if pobj is not None else None
            return self._noted(_Attribution(speaker, "according to", None), anchor)
        subj = subject_of(cue, self.quoted) or self._first_mention_before(cue)
        speaker = resolve(subj, self.index) if subj is not None else None
        if subj is not None and subj.lower_ == "it" and subj.dep_ == "nsubjpass":
            speaker = None
        return self._noted(_Attribution(speaker, cue_lemma(cue), channel_of(cue)), anchor)

    def _first_mention_before(self, cue: Token) -> Token | None:
        """Fallback subject when the parse has none (often a headline glued to the lead):
        the first entity mention of the cue's sentence, within its paragraph."""
        first: Token | None = None
        for i in range(cue.i - 1, max(-1, cue.i - MAX_FRAME), -1):
            t = self.doc[i]
            if "\n" in t.text or t.text in SENT_END or self.quoted(t.idx):
                break
            if (
                self.index.entity_of(t) is not None
                and t.dep_ != "compound"
                and not any(_relational(a) for a in t.ancestors)  # "aides of X": not X
            ):
                first = t
        return first

    def _noted(self, att: _Attribution, anchor: int) -> _Attribution:
        if att.speaker is not None and att.speaker.entity_id is not None:
            self.index.note_speaker(anchor, att.speaker.entity_id)
        return att


def _relational(t: Token) -> bool:
    return t.dep_ == "prep" and t.lower_ in ("of", "for", "with", "to", "from", "against")


def _best_cue(tokens: Sequence[Token]) -> Token | None:
    """The speech verb of a frame: "according" or the shallowest cue in the parse."""
    cues = [t for t in tokens if is_cue(t) or _according(t)]
    if not cues:
        return None
    return min(cues, key=lambda t: sum(1 for _ in t.ancestors))


def _according(t: Token) -> bool:
    return t.lower_ == "according" and any(c.lower_ == "to" for c in t.children)


def _is_direct(text: str, q: Quotation) -> bool:
    """Full-sentence quotations are direct; fragments inside a clause are partial."""
    words = text[q.start : q.end].split()
    first = text[q.start]
    if not (first.isupper() or first.isdigit() or first in "¿¡…"):
        return False
    return len(words) >= 4 or text[q.start : q.end].rstrip("\"'”’)").endswith(("!", "?", ".", "…"))


def _short_utterance(text: str, q: Quotation) -> bool:
    """A capitalised quotation of under four words that opens its sentence and is closed by
    the comma that stands for its full stop before an attribution ('"I forgive him," she
    wrote'): whole, not a fragment ('the plan was "Dead on arrival," he said' is one; with a
    cue right after it, as a title in quotes has none)."""
    first = text[q.start] if q.start < len(text) else ""
    k = q.open - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return (
        q.closed
        and (k < 0 or text[k] in '.!?\n"”:')  # it opens its sentence
        and (first.isupper() or first.isdigit())
        and len(text[q.start : q.end].split()) < 4
        and text[q.end : q.close].strip() == ","
    )


def _partial_cue(ctx: _Context, q: Quotation) -> Token | None:
    """The speech verb governing a partial quotation, or "according to" in its sentence."""
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    tok: Token = span.root
    sent = tok.sent
    for anc in tok.ancestors:
        if is_cue(anc) and not ctx.quoted(anc.idx):
            return anc
    for t in sent:
        if _according(t) and not ctx.quoted(t.idx):
            return t
    return None


def _direct_quotes(ctx: _Context) -> list[Quote]:
    doc, text = ctx.doc, doc_text(ctx.doc)
    out: list[Quote] = []
    last: tuple[Quote, int] | None = None  # previous direct quote and its paragraph
    for q in ctx.quotations:
        para = ctx.index.paragraph(q.open)
        direct = _is_direct(text, q) or (last is not None and _second_part(text, last[0], q))
        if not direct and _short_utterance(text, q) and _best_cue(ctx.post_frame(q)):
            direct = True  # '"It was terrifying," said Ann Lee': a whole utterance
        cue: Token | None = None
        if direct:
            post, pre = _best_cue(ctx.post_frame(q)), _best_cue(ctx.pre_frame(q))
            trailing = text[q.start : q.end + 1].rstrip().endswith((",", "?", "!")) or text[
                q.end : q.close
            ].strip().startswith(",")
            cue = (post if trailing else pre or post) if post else pre
            if cue is None:
                cue = _partial_cue(ctx, q)
        else:
            cue = _partial_cue(ctx, q)
        if cue is not None and ctx.index.paragraph(cue.idx) != para:
            cue = None  # a parse running over a line break (headlines, captions)
        if cue is not None:
            att = ctx.attribute(cue, q.start)
            quote = _quote(text, q, "direct" if direct else "partial", att)
        elif direct and last is not None and _continues(ctx, q, last[1], para, last[0]):
            quote = _said_by(
                Quote(text[q.start : q.end], q.start, q.end, "direct", None, None), last[0]
            )
        elif direct:
            quote = Quote(text[q.start : q.end], q.start, q.end, "direct", None, None)
        else:
            continue  # scare quotes, titles and names in quotes: no speaker, no quote
        out.append(quote)
        if direct:
            last = (quote, para)
    del doc
    return out


def _second_part(text: str, prev: Quote, q: Quotation) -> bool:
    """The second half of a split quotation: '"A," she said, "b."' (same sentence)."""
    between = text[prev.end : q.open]
    return (
        0 < len(between) <= 120
        and "\n" not in between
        and not any(ch in between for ch in ".!?")
        and between.rstrip().endswith((",", ":"))
    )


def _continues(ctx: _Context, q: Quotation, last_para: int, para: int, prev: Quote) -> bool:
    """A cue-less quotation right after another one continues the same speaker's words:
    in the same paragraph, or as a paragraph that is only a quotation right after it."""
    if prev.speaker_text is None:
        return False
    if para == last_para:
        return True
    line_start = ctx.index.paragraph_starts[para]
    return para == last_para + 1 and not doc_text(ctx.doc)[line_start : q.open].strip()


def _quote(text: str, q: Quotation, kind: str, att: _Attribution) -> Quote:
    sp = att.speaker
    return Quote(
        text=text[q.start : q.end],
        start=q.start,
        end=q.end,
        kind="direct" if kind == "direct" else "partial",
        speaker_id=sp.entity_id if sp else None,
        speaker_text=sp.text if sp else None,
        speaker_start=sp.start if sp else None,
        speaker_end=sp.end if sp else None,
        cue=att.cue,
        channel=att.channel,
    )


# ----------------------------------------------------------------------- reported speech


def _reported(ctx: _Context, directs: Sequence[Quote]) -> list[Quote]:
    doc, out = ctx.doc, []
    direct_spans = [(d.start, d.end) for d in directs if d.kind == "direct"]
    for tok in doc:
        if ctx.quoted(tok.idx):
            continue
        if _according(tok):
            clause = _according_clause(tok)
        elif (is_cue(tok) and tok.lemma_.lower() not in FRAMING_ONLY) or cue_lemma(
            tok
        ) == "call on":
            clause = _clause(tok)
        else:
            continue
        if clause is None:
            continue
        start, end = clause
        span = span_text(doc, start, end)
        if len(span) < 2:
            continue
        s, e = span.start_char, span.end_char
        line_end = doc_text(doc).find("\n", tok.idx)
        line_start = doc_text(doc).rfind("\n", 0, tok.idx) + 1
        if (line_end != -1 and e > line_end) or s < line_start:
            span = span_text(
                doc,
                ctx.token_at(max(s, line_start)),
                ctx.token_at(min(e, line_end if line_end != -1 else e) - 1) + 1,
            )
            s, e = span.start_char, span.end_char
            if len(span) < 2:
                continue
        covered = sum(1 for i in range(s, e) if ctx.quoted(i))
        if covered * 2 > e - s or any(a < e and s < b for a, b in direct_spans):
            continue  # a direct quotation already carries these words
        att = ctx.attribute(tok, tok.idx)
        if att.speaker is None:
            continue
        out.append(
            Quote(
                span.text,
                s,
                e,
                "reported",
                att.speaker.entity_id,
                att.speaker.text,
                att.speaker.start,
                att.speaker.end,
                att.cue,
                att.channel,
            )
        )
    return out


#: Speech verbs whose object is whom they speak to ("told reporters he had called her",
#: "assured investors that ..."): the object is no part of what is reported.
ADDRESSEE_VERBS = frozenset({"tell", "assure", "inform", "remind", "warn", "advise", "notify"})


def _clause(verb: Token) -> tuple[int, int] | None:
    """Token range of what a speech verb reports (its ccomp, or its object part)."""
    for c in verb.children:
        if c.dep_ == "ccomp" and c.i > verb.i:
            if any(
                d.dep_ in ("nsubj", "nsubjpass") and d.tag_ in ("WP", "WDT") for d in c.children
            ):
                return None  # "what they said were ..."
            start = c.left_edge.i
            objs = [d for d in verb.rights if d.dep_ == "dobj" and d.i < c.i]
            if objs and cue_lemma(verb) not in ADDRESSEE_VERBS:
                # "said the new format ... should help": the object is the clause subject
                start = min(start, objs[0].left_edge.i)
            while start < c.i and verb.doc[start].dep_ == "mark":
                start += 1
            end = c.right_edge.i + 1
            while end - 1 > c.i and verb.doc[end - 1].dep_ in {"cc", "punct"}:
                end -= 1  # "said X was fair but noted ...": the "but" joins the next verb
            return start, end
    lemma = cue_lemma(verb)
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:  # "The idea, he said, would be ..."
        head = verb.head
        return head.left_edge.i, head.right_edge.i + 1
    if lemma in OBJECT_REPORT or lemma == "call on":
        rights = [
            c for c in verb.rights if c.dep_ in ("dobj", "prep", "xcomp", "ccomp", "dative", "obj")
        ]
        if lemma == "call on":
            rights = [c for c in rights if c.dep_ != "prep" or c.lower_ == "on"]
        if not any(
            c.dep_ in ("dobj", "xcomp", "ccomp", "obj") or c.lower_ in ("on", "of") for c in rights
        ):
            return None
        start = verb.i + 1
        if lemma == "call on":
            start = next(c.i for c in verb.rights if c.lower_ == "on") + 1
        return start, verb.right_edge.i + 1
    return None


def _according_clause(tok: Token) -> tuple[int, int] | None:
    """The sentence around "according to X", minus that phrase (the longer side)."""
    sent = tok.sent
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    before, after = (sent.start, lo), (hi, sent.end)
    return before if before[1] - before[0] >= after[1] - after[0] else after


# ----------------------------------------------------------------------- public


def extract_quotes(doc: Doc, entities: Sequence[LocalEntity]) -> tuple[Quote, ...]:
    """Direct, partial and reported quotes of one parsed article, in text order.

    ``doc`` is ``load_nlp()(article.text)``; ``entities`` are the article's entities,
    used to resolve speakers (names, pronouns, roles, organisations) to entity ids.
    Offsets are article offsets; a quote's ``text`` is always ``text[start:end]``.
    """
    ctx = _Context(doc, entities)
    directs = _direct_quotes(ctx)
    reported = _reported(ctx, directs)
    quotes = sorted([*directs, *reported], key=lambda q: (q.start, q.end))
    return tuple(_led_in(ctx, quotes))


def _led_in(ctx: _Context, quotes: Sequence[Quote]) -> list[Quote]:
    """A paragraph that is only a direct quotation, with no speech verb of its own, speaks
    in the words of the speaker of the paragraph before, when that paragraph ends with
    something that speaker said ("Obama said his pick has seen the system fail.\n\n"She's
    seen patients lose their insurance."": Obama's). The convention of news copy; a
    quotation after a paragraph of narration keeps no speaker. A reading of ECB+ dev's
    quotes (2026-12-07) found such quotations without a speaker."""
    text = doc_text(ctx.doc)
    out: list[Quote] = []
    last_of: dict[int, Quote] = {}  # paragraph -> the last quote ending in it
    for q in quotes:
        if q.kind == "direct" and q.speaker_text is None:
            para = ctx.index.paragraph(q.start)
            line_start = ctx.index.paragraph_starts[para]
            prev = last_of.get(para - 1)
            line_end = text.find("\n", q.end)
            after = text[q.end : line_end if line_end != -1 else len(text)]
            if (
                para > 0
                and not text[line_start : q.start].strip(_OPENING_MARKS + " ")
                and not after.strip(_CLOSING_MARKS)  # no cue of its own after it
                and prev is not None
                and prev.speaker_text is not None
                and not _LATER_SENTENCE.search(text[prev.end : line_start].strip())
            ):
                q = _said_by(q, prev)
        out.append(q)
        last_of[ctx.index.paragraph(q.end - 1)] = q
    return out


def _said_by(q: Quote, prev: Quote) -> Quote:
    """``q`` with the speaker (and cue and channel) of ``prev``."""
    return replace(
        q,
        speaker_id=prev.speaker_id,
        speaker_text=prev.speaker_text,
        speaker_start=prev.speaker_start,
        speaker_end=prev.speaker_end,
        cue=prev.cue,
        channel=prev.channel,
    )


_OPENING_MARKS = "\"“'‘"
_CLOSING_MARKS = "\"”'’.!? "
#: a sentence after the one that ends with the previous quote ("He said X. Then he left.")
_LATER_SENTENCE = re.compile(r"[.!?][\"”’']?\s+\S")
