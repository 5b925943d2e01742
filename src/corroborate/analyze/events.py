"""Events: predicate–argument frames read off the dependency parse.

An event is triggered by a verb or an event noun whose lemma is in :data:`EVENT_LEXICON`
("arrested", "the arrest", "protests", "a video call"). Its arguments come from the parse:

* verbs — ``nsubj`` → actors, ``dobj``/``nsubjpass``/"against X" → targets, passive
  "by X" → actors; a conjoined verb without its own subject borrows its head's
  ("was arrested and jailed");
* nouns — "by X" → actors, "of/against/on X" → targets, the possessor ("Navalny's arrest",
  "the ministry's expulsion of ...") → target for patient-type events with a person
  possessor, actor otherwise; a noun that is the object of a support verb ("staged protests",
  "imposed sanctions", "ordered the removal") takes that verb's subject as actor.

Arguments are LocalEntity ids when an entity mention covers the argument's head word,
otherwise the argument's noun phrase text. ``date`` is the DateRef nearest the trigger inside
its clause, else inside its sentence; ``place`` the nearest GPE/LOC/FAC introduced by a
locative preposition ("in", "at", ...) in the clause.

Only asserted (realis) events are emitted: a trigger is skipped when it is negated ("did not
arrest"), under a modal ("would be expelled", "could include sanctions", "will meet"),
an infinitive ("urged them to impose sanctions", "are to meet"), inside an if/unless clause,
marked hypothetical ("possible sanctions", "planned protest"), or the object of a verb or noun
of wanting/asking/planning ("called for his resignation", "plans for a new protest"). This
drops some real future events (announced meetings); the timeline wants what happened.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from corroborate.analyze.nlp import doc_text
from corroborate.types import DateRef, Event, LocalEntity, Span

# --------------------------------------------------------------------------- lexicon

#: event type -> (verb trigger lemmas, noun trigger lemmas)
EVENT_LEXICON: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "arrest": (frozenset({"arrest", "apprehend", "nab"}), frozenset({"arrest"})),
    "detention": (
        frozenset({"detain", "jail", "imprison", "incarcerate"}),
        frozenset({"detention", "imprisonment", "incarceration", "jailing"}),
    ),
    "sentence": (
        frozenset({"sentence", "convict"}),
        frozenset({"sentence", "sentencing", "conviction", "verdict"}),
    ),
    "charge": (
        frozenset({"charge", "accuse", "indict", "prosecute", "sue"}),
        frozenset({"charge", "accusation", "indictment", "prosecution", "lawsuit"}),
    ),
    "trial": (frozenset(), frozenset({"trial", "hearing"})),
    "release": (frozenset({"release", "free", "acquit"}), frozenset({"release", "acquittal"})),
    "protest": (
        frozenset({"protest", "rally", "demonstrate", "march", "riot"}),
        frozenset({"protest", "rally", "demonstration", "march", "riot", "unrest"}),
    ),
    "expulsion": (
        frozenset({"expel", "deport", "oust", "extradite"}),
        frozenset({"expulsion", "deportation", "removal", "extradition"}),
    ),
    "sanction": (frozenset({"sanction"}), frozenset({"sanction", "embargo"})),
    "meeting": (
        frozenset({"meet", "negotiate"}),
        frozenset(
            {
                "meeting",
                "summit",
                "talk",
                "conference",
                "videoconference",
                "discussion",
                "negotiation",
            }
        ),
    ),
    "visit": (frozenset({"visit"}), frozenset({"visit", "trip"})),
    "statement": (
        frozenset({"announce", "declare"}),
        frozenset({"statement", "announcement", "declaration"}),
    ),
    "poisoning": (frozenset({"poison"}), frozenset({"poisoning"})),
    "attack": (
        frozenset({"attack", "assault", "bomb", "stab", "raid"}),
        frozenset({"attack", "assault", "bombing", "stabbing", "raid"}),
    ),
    "shooting": (frozenset({"shoot", "gun"}), frozenset({"shooting", "gunfire"})),
    "explosion": (frozenset({"explode"}), frozenset({"explosion", "blast"})),
    "death": (
        frozenset({"die", "kill", "murder"}),
        frozenset({"death", "killing", "murder", "homicide"}),
    ),
    "injury": (frozenset({"injure", "wound"}), frozenset({"injury"})),
    "election": (
        frozenset({"elect", "vote", "re-elect", "reelect"}),
        frozenset({"election", "vote", "referendum", "ballot", "primary"}),
    ),
    "strike": (frozenset(), frozenset({"strike", "walkout"})),
    "disaster": (
        frozenset({"flood", "erupt"}),
        frozenset(
            {
                "earthquake",
                "quake",
                "tsunami",
                "flood",
                "flooding",
                "hurricane",
                "storm",
                "tornado",
                "typhoon",
                "cyclone",
                "landslide",
                "eruption",
                "avalanche",
                "drought",
            }
        ),
    ),
    "fire": (frozenset(), frozenset({"fire", "blaze", "wildfire"})),
    "crash": (frozenset({"crash", "collide", "derail"}), frozenset({"crash", "collision"})),
    "resignation": (frozenset({"resign", "quit"}), frozenset({"resignation"})),
    # "dismiss" (reject) and "fire" (shoot) are too ambiguous as verbs
    "dismissal": (frozenset({"sack"}), frozenset({"dismissal", "sacking"})),
    "appointment": (
        frozenset({"appoint", "nominate", "hire"}),
        frozenset({"appointment", "nomination"}),
    ),
    "acquisition": (
        frozenset({"acquire", "buy", "purchase"}),
        frozenset({"acquisition", "takeover", "purchase", "merger"}),
    ),
}

#: phrasal verbs: (lemma, particle) -> type ("booted out", "stepped down")
PHRASAL_TRIGGERS: dict[tuple[str, str], str] = {
    ("boot", "out"): "expulsion",
    ("kick", "out"): "expulsion",
    ("throw", "out"): "expulsion",
    ("step", "down"): "resignation",
    ("lock", "up"): "detention",
    ("blow", "up"): "explosion",
    ("break", "out"): "disaster",  # "fire broke out" is re-typed below by its subject
}

#: noun "call" is an event only with a medium modifier ("video call", "phone call")
CALL_MODIFIERS = frozenset({"video", "phone", "telephone", "conference", "zoom", "online"})

_VERB_TYPE: dict[str, str] = {}
_NOUN_TYPE: dict[str, str] = {}
for _type, (_verbs, _nouns) in EVENT_LEXICON.items():
    for _lemma in _verbs:
        _VERB_TYPE.setdefault(_lemma, _type)
    for _lemma in _nouns:
        _NOUN_TYPE.setdefault(_lemma, _type)

#: event types whose possessor is the patient ("Navalny's arrest") when it is a person
PATIENT_TYPES = frozenset(
    {
        "arrest",
        "detention",
        "sentence",
        "charge",
        "trial",
        "release",
        "expulsion",
        "poisoning",
        "death",
        "injury",
        "dismissal",
        "appointment",
    }
)

#: intransitive triggers whose subject undergoes the event ("he died")
UNACCUSATIVE_VERBS = frozenset({"die"})

#: verbs whose object noun is the event itself, done by the verb's subject
SUPPORT_VERBS = frozenset(
    {
        "hold",
        "stage",
        "impose",
        "launch",
        "organize",
        "organise",
        "join",
        "attend",
        "conduct",
        "carry",
        "make",
        "have",
        "order",
        "lead",
        "host",
        "convene",
        "announce",
        "issue",
        "file",
        "bring",
        "introduce",
        "slap",
        "level",
        "win",
        "hand",
        "serve",
        "face",
    }
)

#: verbs whose prepositional object is the event joined ("took part in protests")
PARTICIPATION_VERBS = frozenset({"take", "participate", "engage", "join", "attend"})

#: governors that make their complement unrealised ("called for his resignation")
IRREALIS_GOVERNORS = frozenset(
    {
        "call",
        "urge",
        "demand",
        "propose",
        "plan",
        "threaten",
        "consider",
        "discuss",
        "debate",
        "seek",
        "want",
        "ask",
        "request",
        "prepare",
        "intend",
        "push",
        "promise",
        "vow",
        "pledge",
        "warn",
        "fear",
        "avoid",
        "prevent",
        "deny",
        "threat",
        "proposal",
        "possibility",
        "prospect",
    }
)
HYPOTHETICAL_MODIFIERS = frozenset(
    {
        "possible",
        "potential",
        "proposed",
        "planned",
        "future",
        "further",
        "next",
        "upcoming",
        "prospective",
        "threatened",
        "attempted",
    }
)
MODALS = frozenset(
    {"would", "could", "may", "might", "should", "must", "can", "will", "shall", "'d", "'ll"}
)
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether"})
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "throughout", "around"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SUBJ = frozenset({"nsubj", "csubj"})
_PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
_OBJ = frozenset({"dobj", "obj"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "pcomp", "acl"})
_STRIP_LEFT = frozenset({"det", "predet", "punct", "cc", "case"})


# --------------------------------------------------------------------------- triggers


def trigger_type(token: Token) -> str | None:
    """The event type a token triggers, or None (lexicon lookup, parse-aware)."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if token.pos_ == "AUX" or token.dep_ in ("amod", "compound"):
            return None  # "jailed Navalny" is a description, not a frame
        for child in token.children:
            if child.dep_ == "prt":
                phrasal = PHRASAL_TRIGGERS.get((lemma, child.lower_))
                if phrasal is not None:
                    return phrasal
        return _VERB_TYPE.get(lemma)
    if token.pos_ in ("NOUN", "PROPN"):
        if token.dep_ == "compound" or token.ent_type_ in ("PERSON", "GPE", "ORG"):
            return None  # "detention center", "Arrest Unit"
        if lemma == "call":
            if any(c.dep_ == "compound" and c.lower_ in CALL_MODIFIERS for c in token.children):
                return "meeting"
            return None
        if lemma == "talk" and token.tag_ != "NNS":
            return None  # "talks" are negotiations; "a talk" is a lecture
        return _NOUN_TYPE.get(lemma)
    return None


def _is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def _clause_head(token: Token) -> Token:
    """The nearest verbal ancestor-or-self heading a clause (the sentence root at worst)."""
    current = token
    while True:
        if _is_verbal(current) and (current.dep_ in _CLAUSE_DEPS or current.head.i == current.i):
            return current
        if current.head.i == current.i:
            return current
        current = current.head


def _verb_irrealis(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "aux" and (child.lower_ in MODALS or child.tag_ == "TO"):
            return True
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKERS:
            return True
    return False


_NOUN_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"})


def is_asserted(token: Token) -> bool:
    """False when the trigger is negated, modal, infinitival, conditional or hypothetical.

    A noun trigger inherits the modality of the verb it is a direct argument of ("could
    include sanctions"); a noun nested deeper ("in retaliation for the ministry's expulsion
    of ...") is presupposed and counts as asserted.
    """
    if any(
        c.dep_ in ("amod", "compound")
        and (c.lower_ in HYPOTHETICAL_MODIFIERS or c.lemma_.lower() in HYPOTHETICAL_MODIFIERS)
        for c in token.children
    ):
        return False
    if any(c.dep_ in ("neg", "det") and c.lower_ in ("no", "not", "never") for c in token.children):
        return False
    if token.dep_ == "conj" and token.head.i != token.i and trigger_type(token.head):
        return is_asserted(token.head)
    if _is_verbal(token):
        verb = token
    else:
        if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
            governor = token.head.head
        elif token.dep_ in _NOUN_ARG_DEPS:
            governor = token.head
        else:
            return True
        if governor.lemma_.lower() in IRREALIS_GOVERNORS:
            return False  # "called for his resignation", "plans for a protest"
        if not _is_verbal(governor) or governor.i == token.i:
            return True
        verb = governor
    for _ in range(5):
        if _verb_irrealis(verb):
            return False
        head = verb.head
        if head.i == verb.i:
            return True
        if verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in IRREALIS_GOVERNORS:
            return False  # "plans to protest", "denied that it poisoned him"
        if verb.dep_ not in ("conj", "xcomp", "advcl"):
            return True  # "when they meet next" inherits "will debate"
        verb = head
    return True


# --------------------------------------------------------------------------- arguments


def _conjuncts(token: Token) -> list[Token]:
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def _phrase(token: Token, noun_chunk_of: dict[int, SpacySpan], lo: int, hi: int) -> SpacySpan:
    """The noun phrase headed by ``token``, clipped to its own subtree and to [lo, hi)."""
    doc = token.doc
    chunk = noun_chunk_of.get(token.i)
    if chunk is None:
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("compound", "amod", "nummod", "flat", "poss", "nmod"):
                left = min(left, child.left_edge.i)
        start, end = left, token.i + 1
    else:
        start = max(chunk.start, token.left_edge.i)
        end = min(chunk.end, token.right_edge.i + 1)
    while start < token.i and (doc[start].dep_ in _STRIP_LEFT or doc[start].idx < lo):
        start += 1
    while end - 1 > token.i and (doc[end - 1].dep_ in ("case", "punct") or doc[end - 1].idx >= hi):
        end -= 1
    if doc[end - 1].dep_ == "case" and end - 1 > start:
        end -= 1  # "Navalny's" -> "Navalny"
    return doc[start:end]


class _ArgResolver:
    """Turns argument head tokens into LocalEntity ids or phrase text."""

    def __init__(self, doc: Doc, entities: Sequence[LocalEntity]) -> None:
        self.noun_chunk_of: dict[int, SpacySpan] = {}
        for chunk in doc.noun_chunks:
            for tok in chunk:
                self.noun_chunk_of[tok.i] = chunk
        self.mentions = sorted(
            ((m.start, m.end, ent.id) for ent in entities for m in ent.mentions),
        )

    def _entity_at(self, start: int, end: int) -> str | None:
        for m_start, m_end, ent_id in self.mentions:
            if m_start >= end:
                break
            if m_end > start:
                return ent_id
        return None

    def resolve(self, token: Token, lo: int, hi: int) -> str:
        ent_id = self._entity_at(token.idx, token.idx + len(token.text))
        if ent_id is not None:
            return ent_id
        return _phrase(token, self.noun_chunk_of, lo, hi).text

    def resolve_all(self, heads: Iterable[Token], lo: int, hi: int) -> tuple[str, ...]:
        """Argument values for ``heads`` (and their conjuncts) that lie within [lo, hi)."""
        out: list[str] = []
        for head in heads:
            if head.pos_ in ("PUNCT", "SPACE"):
                continue
            for tok in _conjuncts(head):
                if not lo <= tok.idx < hi:
                    continue  # across a line break: a heading or caption, not an argument
                value = self.resolve(tok, lo, hi)
                if value and value not in out:
                    out.append(value)
        return tuple(out)


def _relative_antecedent(token: Token, verb: Token) -> Token:
    """'police who arrested him': the subject 'who' stands for 'police'."""
    if token.tag_ in ("WP", "WDT", "WP$") and verb.dep_ == "relcl":
        return verb.head
    return token


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def _verb_args(verb: Token) -> tuple[list[Token], list[Token]]:
    actors: list[Token] = []
    targets: list[Token] = []
    source = verb
    # conjoined verbs share the subject of the first conjunct ("was arrested and jailed")
    has_subject = any(c.dep_ in _SUBJ | _PASS_SUBJ for c in verb.children)
    if not has_subject and verb.dep_ == "conj":
        source = verb.head
    for child in source.children:
        if child.dep_ in _SUBJ and verb.lemma_.lower() in UNACCUSATIVE_VERBS:
            targets.append(_relative_antecedent(child, source))
        elif child.dep_ in _SUBJ:
            actors.append(_relative_antecedent(child, source))
        elif child.dep_ in _PASS_SUBJ:
            targets.append(_relative_antecedent(child, source))
    if not actors and not targets and verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBN":
        targets.append(verb.head)  # "diplomats expelled last week"
    for child in verb.children:
        if child.dep_ in _OBJ:
            targets.append(_relative_antecedent(child, verb))
    actors.extend(_prep_objects(verb, frozenset({"by"})))
    targets.extend(_prep_objects(verb, frozenset({"against"})))
    return actors, targets


def _noun_args(noun: Token, event_type: str) -> tuple[list[Token], list[Token]]:
    actors = _prep_objects(noun, frozenset({"by"}))
    targets = _prep_objects(noun, frozenset({"of", "against", "on", "for"}))
    if event_type in ("meeting", "visit", "protest", "statement"):
        # "meeting of ministers", "visit of Borrell": the "of" argument is the actor
        of_args = _prep_objects(noun, frozenset({"of"}))
        actors.extend(of_args)
        targets = [t for t in targets if t not in of_args]
        targets.extend(_prep_objects(noun, frozenset({"with", "to"})))
    for child in noun.children:
        if child.dep_ == "poss":
            # "Navalny's arrest" (patient) vs "Russia's expulsion of diplomats" (agent)
            agent_like = child.ent_type_ in ("GPE", "NORP")
            if event_type in PATIENT_TYPES and not agent_like and not targets:
                targets.append(child)
            else:
                actors.append(child)
    if not actors:
        governor = noun.head
        via_prep = noun.dep_ == "pobj" and governor.dep_ == "prep"
        if via_prep:
            governor = governor.head  # "took part in protests", "took part in the call"
        support = PARTICIPATION_VERBS if via_prep else SUPPORT_VERBS
        if (
            noun.dep_ in _OBJ | {"pobj"}
            and _is_verbal(governor)
            and governor.lemma_.lower() in support
        ):
            verb_actors, _ = _verb_args(governor)
            actors.extend(verb_actors)
    return actors, targets


# --------------------------------------------------------------------------- date/place


def _nearest_date(
    trigger: Token, clause: Token, dates: Sequence[DateRef], lo: int, hi: int
) -> DateRef | None:
    in_sentence = [d for d in dates if d.start >= lo and d.end <= hi]
    if not in_sentence:
        return None
    lo = clause.left_edge.idx
    hi = clause.right_edge.idx + len(clause.right_edge.text)
    in_clause = [d for d in in_sentence if d.start >= lo and d.end <= hi]
    pool = in_clause or in_sentence
    resolved = [d for d in pool if d.date is not None] or pool
    return min(resolved, key=lambda d: min(abs(d.start - trigger.idx), abs(d.end - trigger.idx)))


def _place(trigger: Token, clause: Token, lo: int, hi: int) -> str | None:
    best: tuple[int, str] | None = None
    for tok in clause.subtree:
        if tok.dep_ != "pobj" or tok.ent_type_ not in PLACE_LABELS or not lo <= tok.idx < hi:
            continue
        if tok.head.lower_ not in LOCATIVE_PREPS:
            continue
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is None:
            continue
        start = ent.start
        while start < ent.end - 1 and ent.doc[start].dep_ in _STRIP_LEFT:
            start += 1
        text = ent.doc[start : ent.end].text
        distance = abs(tok.i - trigger.i)
        if best is None or distance < best[0]:
            best = (distance, text)
    return best[1] if best else None


# --------------------------------------------------------------------------- public


def _sentence_starts(doc: Doc) -> list[int]:
    """Token index where each sentence starts (one pass; ``token.sent`` rescans the doc)."""
    return [sent.start for sent in doc.sents]


def _sentence_bounds(token: Token, starts: Sequence[int]) -> tuple[int, int]:
    """The trigger's sentence, cut at line breaks (spaCy runs headings into sentences)."""
    doc = token.doc
    text = doc_text(doc)
    k = bisect_right(starts, token.i) - 1
    sent_start = doc[starts[k]].idx
    sent_end = doc[starts[k + 1]].idx if k + 1 < len(starts) else len(text)
    lo = max(sent_start, text.rfind("\n", 0, token.idx) + 1)
    nl = text.find("\n", token.idx)
    hi = min(sent_end, nl if nl != -1 else len(text))
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _trigger_span(token: Token, event_type: str) -> Span:
    doc = token.doc
    start, end = token.i, token.i + 1
    if _is_verbal(token):
        for child in token.children:
            if child.dep_ == "prt" and child.i == end:
                end = child.i + 1
    else:
        left = token.i
        for child in reversed(list(token.lefts)):
            if child.dep_ == "compound" and child.i == left - 1 and child.lower_ in CALL_MODIFIERS:
                left = child.i  # "video call", "phone call"
        start = left
    span = doc[start:end]
    return Span(span.start_char, span.end_char, span.text)


def extract_events(
    doc: Doc, entities: Sequence[LocalEntity], dates: Sequence[DateRef]
) -> tuple[Event, ...]:
    """Asserted events in ``doc`` as predicate–argument frames, in text order."""
    resolver = _ArgResolver(doc, entities)
    starts: list[int] | None = None
    events: list[Event] = []
    for token in doc:
        event_type = trigger_type(token)
        if event_type is None or not is_asserted(token):
            continue
        if _is_verbal(token):
            actor_toks, target_toks = _verb_args(token)
            if event_type == "disaster" and token.lemma_.lower() == "break":
                subj = next((t for t in actor_toks if trigger_type(t)), None)
                if subj is None:
                    continue  # "war broke out" is not a disaster frame we know
                event_type = trigger_type(subj) or event_type
        else:
            actor_toks, target_toks = _noun_args(token, event_type)
        if starts is None:
            starts = _sentence_starts(doc)
        lo, hi = _sentence_bounds(token, starts)
        clause = _clause_head(token)
        events.append(
            Event(
                type=event_type,
                trigger=_trigger_span(token, event_type),
                actors=resolver.resolve_all(actor_toks, lo, hi),
                targets=resolver.resolve_all(target_toks, lo, hi),
                date=_nearest_date(token, clause, dates, lo, hi),
                place=_place(token, clause, lo, hi),
                sentence=Span(lo, hi, doc_text(doc)[lo:hi]),
            )
        )
    return tuple(events)
