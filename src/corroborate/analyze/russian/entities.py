"""Russian named entities: slovnet's PER/ORG/LOC spans -> LocalEntities with lemmatised names.

1. **Mentions** are slovnet's spans (PER -> PERSON, ORG -> ORG, LOC -> GPE, the type
   English NER gives countries and cities), as written in the text; unions and
   international organisations the tagger calls places (ЕС, ООН, НАТО) are ORG.
   1b. **Repairs:** a person span grows over an adjacent first name, patronymic or surname
   left out ("Юлии [Навальной]"); an organisation written with its descriptor and quotes
   is the quoted name ("ОАО «Газпром»" -> "Газпром"); "Name (ABBR)" is two mentions; an
   organisation followed by a country in the genitive takes it in ("Конгресса США"; the
   country keeps its own mention).
2. **Name** in the nominative: a person's every word inflected to the nominative with the
   gender slovnet found ("Алексея Навального" -> "Алексей Навальный", "Юлии Навальной" ->
   "Юлия Навальная"); an organisation or place inflects its syntactic head and the words
   that agree with it ("Министерства иностранных дел" -> "Министерство иностранных дел").
   The original capitalisation is kept.
3. **In-article coreference:** mentions with one name are one entity; a one-word person
   mention joins the one full-name person whose surname (or, failing that, first name) it
   is; with two candidates it stays apart (no merge on a shared surname without evidence).
4. **Name and aliases:** a person's, a place's or a one-word organisation's name is its
   nominative name in the press spelling (iuliia's Wikipedia scheme: "Дмитрий Песков" ->
   "Dmitry Peskov", "Ярославль" -> "Yaroslavl", "Газпром" -> "Gazprom"), the form English
   outlets use and the one story linking compares with theirs; acronyms ("МВД") and
   descriptive organisation names stay as written. The Cyrillic nominative names are the
   aliases (the surface forms are the mentions).
5. **Roles:** an appositive noun phrase before or after a person's name ("пресс-секретарь
   Кремля Дмитрий Песков", "Лавров, глава МИД России,").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from corroborate.analyze.russian.nlp import CASE_OC, NamedSpan, RuDoc, Token
from corroborate.translit import has_cyrillic, morph_analyzer, press_spelling
from corroborate.types import LocalEntity, Mention, Role

TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
#: Longest role phrase, in tokens.
MAX_ROLE_TOKENS = 8
#: Unions and international organisations the tagger types LOC: organisations (general
#: world knowledge; lower-case nominative names and acronyms).
INTERNATIONAL_ORGS = frozenset(
    {
        "евросоюз", "европейский союз", "ес", "оон", "нато", "снг", "вто", "мвф", "обсе",
        "еаэс", "одкб", "шос", "юнеско", "воз", "магатэ", "интерпол", "европарламент",
        "еврокомиссия", "совет европы", "лига арабских государств",
    }
)  # fmt: skip
_QUOTED = re.compile(r"[«\"„]([^«»\"„“]+)[»\"“]$")
_PAREN = re.compile(r"^(.+?)\s*\(([^()]+)\)$")
_GENDER_OC = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}
_ROLE_POS = frozenset({"NOUN", "ADJ", "PROPN", "ADP", "CCONJ"})


def _shape(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
    return word


def _nominative(tok: Token, person: bool) -> str:
    """``tok`` in the nominative, agreeing with slovnet's case and gender."""
    if tok.feat("Case") in (None, "Nom") or (tok.text.isupper() and len(tok.text) > 1):
        return tok.text
    parses = morph_analyzer().parse(tok.text.lower())
    case = CASE_OC.get(tok.feat("Case") or "")
    gender = _GENDER_OC.get(tok.feat("Gender") or "")

    def score(p: Any) -> int:
        tag = p.tag
        named = any(t in tag for t in ("Surn", "Name", "Patr")) if person else True
        agrees = gender is None or tag.gender in (gender, None)
        return 2 * int(tag.case == case) + int(agrees) + 2 * int(named)

    for parse in sorted(parses, key=score, reverse=True):
        form = parse.inflect({"nomn"} | ({"sing"} if person else set()))
        if form is not None:
            return _shape(str(form.word), tok.text)
    return tok.text


def normal_name(doc: RuDoc, span: NamedSpan) -> str:
    """The span's name in the nominative (rule 2)."""
    toks = [doc.tokens[i] for i in span.tokens]
    inside = set(span.tokens)
    if span.type == "PER":
        words = [_nominative(t, True) if t.pos != "PUNCT" else t.text for t in toks]
    else:
        head = next((t for t in toks if t.head is None or t.head not in inside), toks[0])
        agree = {head.i} | {
            t.i
            for t in toks
            if t.head == head.i and t.pos == "ADJ" and t.feat("Case") == head.feat("Case")
        }
        words = [_nominative(t, False) if t.i in agree else t.text for t in toks]
    out = ""
    for k, (tok, word) in enumerate(zip(toks, words, strict=True)):
        gap = "" if k == 0 or toks[k - 1].end == tok.start else " "
        out += gap + word
    return out


def _role(doc: RuDoc, span: NamedSpan) -> Role | None:
    """An appositive noun phrase naming the person's role (rule 5)."""
    inside = set(span.tokens)
    toks = [doc.tokens[i] for i in span.tokens]
    head = next((t for t in toks if t.head is None or t.head not in inside), toks[0])
    sent_first = doc.sentences[head.sent][2]
    if head.rel == "appos" and head.head is not None and head.head < span.tokens[0]:
        noun = doc.tokens[head.head]
        first = noun.i
        while first > sent_first and doc.tokens[first - 1].head in (noun.i, first):
            first -= 1
        last = span.tokens[0] - 1
    else:
        after = [
            t
            for t in doc.children(head.i)
            if t.rel == "appos" and t.i > span.tokens[-1] and t.pos == "NOUN"
        ]
        k = span.tokens[-1] + 2  # "Лавров, глава МИД": slovnet sometimes heads it on itself
        if not after and k < len(doc.tokens) and doc.tokens[k - 1].text == ",":
            nxt = doc.tokens[k]
            if nxt.sent == head.sent and nxt.pos == "NOUN" and nxt.head in (nxt.i, head.i):
                after = [nxt]
        if not after:
            return None
        noun = after[0]
        first, last = noun.i, noun.i
        while last + 1 < len(doc.tokens) and doc.tokens[last + 1].sent == noun.sent:
            nxt = doc.tokens[last + 1]
            if nxt.pos not in _ROLE_POS or nxt.i in inside:
                break
            last += 1
    while last >= first and doc.tokens[last].pos not in {"NOUN", "PROPN", "ADJ"}:
        last -= 1
    if last < first or last - first + 1 > MAX_ROLE_TOKENS:
        return None
    if any(doc.tokens[i].pos == "PUNCT" for i in range(first, last + 1)):
        return None
    start, end = doc.tokens[first].start, doc.tokens[last].end
    return Role(text=doc.text[start:end], start=start, end=end)


@dataclass
class _Group:
    type: str
    name: str
    spans: list[NamedSpan] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)


def _attach_short(groups: list[_Group]) -> list[_Group]:
    """One-word person names join the one full-name person they name (rule 3)."""
    full = [g for g in groups if g.type == "PERSON" and len(g.name.split()) >= 2]
    kept: list[_Group] = []
    for g in groups:
        if g.type != "PERSON" or len(g.name.split()) != 1:
            kept.append(g)
            continue
        word = g.name.lower()
        cands = [f for f in full if f.name.lower().split()[-1] == word]
        if not cands:
            cands = [f for f in full if f.name.lower().split()[0] == word]
        if len(cands) == 1:
            target = cands[0]
            target.spans += g.spans
            target.names += g.names
            target.roles += g.roles
        else:
            kept.append(g)
    return kept


def _is_name_word(tok: Token) -> bool:
    if not tok.text[:1].isupper() or not tok.text.isalpha() or tok.pos not in {"PROPN", "NOUN"}:
        return False
    return any(
        any(t in p.tag for t in ("Name", "Patr", "Surn")) and p.score >= 0.2
        for p in morph_analyzer().parse(tok.text.lower())
    )


def widen(doc: RuDoc, span: NamedSpan) -> NamedSpan:
    """A person span grown over adjacent first names, patronymics and surnames slovnet left
    out ("Юлии [Навальной]")."""
    if span.type != "PER":
        return span
    first, last = span.tokens[0], span.tokens[-1]
    while first > 0 and len(span.tokens) + (span.tokens[0] - first) < 4:
        prev = doc.tokens[first - 1]
        if prev.sent != doc.tokens[first].sent or prev.end + 1 != doc.tokens[first].start:
            break
        if not _is_name_word(prev):
            break
        first -= 1
    while last + 1 < len(doc.tokens) and last - first < 3:
        nxt = doc.tokens[last + 1]
        if nxt.sent != doc.tokens[last].sent or doc.tokens[last].end + 1 != nxt.start:
            break
        if not _is_name_word(nxt):
            break
        last += 1
    if (first, last) == (span.tokens[0], span.tokens[-1]):
        return span
    start, end = doc.tokens[first].start, doc.tokens[last].end
    return NamedSpan(start, end, span.type, doc.text[start:end], tuple(range(first, last + 1)))


def _sub(doc: RuDoc, start: int, end: int, etype: str) -> NamedSpan | None:
    """The span of the tokens inside [start, end), or None when there are none."""
    toks = [t.i for t in doc.tokens if start <= t.start and t.end <= end]
    if not toks:
        return None
    a, b = doc.tokens[toks[0]].start, doc.tokens[toks[-1]].end
    return NamedSpan(a, b, etype, doc.text[a:b], tuple(toks))


def _organisation(doc: RuDoc, span: NamedSpan, following: NamedSpan | None) -> list[NamedSpan]:
    """An ORG span as the names it holds (rule 1b)."""
    quoted = _QUOTED.search(span.text)
    if quoted and quoted.start() > 0:  # "ОАО «Газпром»": the name is what the quotes hold
        inner = _sub(doc, span.start + quoted.start(1), span.start + quoted.end(1), "ORG")
        return [inner] if inner else [span]
    paren = _PAREN.match(span.text)
    if paren:  # "Союз координационных советов (СКС)": a name and its short form
        parts = [
            _sub(doc, span.start + paren.start(k), span.start + paren.end(k), "ORG") for k in (1, 2)
        ]
        return [p for p in parts if p is not None] or [span]
    if (
        following is not None
        and following.type == "LOC"
        and following.start == span.end + 1
        and len(following.tokens) <= 2
        and (following.text.isupper() or doc.tokens[following.tokens[0]].feat("Case") == "Gen")
    ):  # "Конгресса США": the country is part of the name (and keeps its own mention)
        grown = _sub(doc, span.start, following.end, "ORG")
        return [grown] if grown else [span]
    return [span]


def refined_spans(doc: RuDoc) -> list[NamedSpan]:
    """slovnet's spans with the repairs of rule 1b: person names widened, organisation
    names without their quoted descriptor, split at a bracketed short form, grown over a
    following country in the genitive."""
    out: list[NamedSpan] = []
    names = list(doc.names)
    for k, found in enumerate(names):
        if found.type == "ORG":
            out += _organisation(doc, found, names[k + 1] if k + 1 < len(names) else None)
        else:
            out.append(widen(doc, found))
    return out


def extract_entities(doc: RuDoc) -> tuple[LocalEntity, ...]:
    """The article's entities, in order of first mention."""
    groups: dict[tuple[str, str], _Group] = {}
    for span in refined_spans(doc):
        etype = TYPES.get(span.type)
        if etype is None:
            continue
        name = normal_name(doc, span)
        if name.lower().replace("ё", "е") in INTERNATIONAL_ORGS:
            etype = "ORG"  # the tagger calls the EU a place
        key = (etype, name.lower().replace("ё", "е"))
        group = groups.setdefault(key, _Group(etype, name))
        group.spans.append(span)
        group.names.append(name)
        if etype == "PERSON":
            role = _role(doc, span)
            if role is not None:
                group.roles.append(role)
    merged = _attach_short(list(groups.values()))
    merged.sort(key=lambda g: min(s.start for s in g.spans))
    return tuple(_entity(f"e{k}", g) for k, g in enumerate(merged))


def _spelled_in_latin(name: str, etype: str) -> bool:
    """People, places and one-word organisations are named in the press spelling; acronyms
    and descriptive organisation names ("Министерство иностранных дел") stay as written."""
    if not has_cyrillic(name) or any(w.isupper() and len(w) > 1 for w in name.split()):
        return False
    return etype != "ORG" or len(name.split()) == 1


def _entity(entity_id: str, g: _Group) -> LocalEntity:
    name = max(g.names, key=lambda n: (len(n.split()), g.names.count(n), len(n)))
    aliases: list[str] = []
    for form in (name, *g.names):
        if form not in aliases:
            aliases.append(form)
    if _spelled_in_latin(name, g.type):
        name = press_spelling(name)
    roles: list[Role] = []
    for role in g.roles:
        if all(r.text.lower() != role.text.lower() for r in roles):
            roles.append(role)
    mentions = tuple(
        Mention(start=s.start, end=s.end, text=s.text, type=g.type, entity_id=entity_id)
        for s in sorted(g.spans, key=lambda s: s.start)
    )
    return LocalEntity(
        id=entity_id,
        name=name,
        type=g.type,
        aliases=tuple(aliases),
        roles=tuple(roles),
        mentions=mentions,
    )


def entity_for(entities: Sequence[LocalEntity], start: int, end: int) -> LocalEntity | None:
    """The entity a phrase in [start, end) names: a person with a mention inside it, else
    the entity of its last mention inside it ("пресс-секретарь Кремля Дмитрий Песков")."""
    inside = [
        (m.start, e) for e in entities for m in e.mentions if start <= m.start and m.end <= end
    ]
    if not inside:
        return None
    people = [x for x in inside if x[1].type == "PERSON"]
    return max(people or inside, key=lambda x: x[0])[1]
