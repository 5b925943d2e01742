"""Russian figures: number expressions -> the same intervals and units as English figures.

1. **Find.** A run of number tokens (digits, number words in any case, "тысяча",
   "миллион", "полтора", vague "несколько", "десятки", "сотни", "тысячи"), with a qualifier
   before it ("более", "свыше", "около", "примерно", "почти", "не менее", "до", "менее"),
   "с половиной" after a number, and the noun after it (the unit or the counted thing);
   a duration may continue "и восемь месяцев".
2. **Normalise.** The expression is rewritten word by word into the English words the
   number normaliser reads ("более 11 тысяч человек" -> "over 11 thousand people", "два с
   половиной года" -> "2.5 years") and :func:`corroborate.analyze.numbers.parse_quantity`
   gives the interval: one set of tolerance rules for both languages (docs/figures.md).
3. **Describe.** ``counted`` and ``predicate`` are English lemmas where the small lexicon
   below knows the Russian one (человек -> people, задержать -> detain, приговорить ->
   sentence), else the Russian lemma: figures group across languages by these keys. A
   count of an animate noun has the unit "people", as English counts of people do. The
   predicate is the verb governing the number (or its noun); the subject is that verb's
   ``nsubj``, resolved to an entity when a mention lies in it.
4. **Ages** ("в возрасте 45 лет", "45-летний") are kind ``age``; ordinals are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corroborate.analyze.number_tokens import MODERN_YEAR_RE
from corroborate.analyze.numbers import parse_quantity
from corroborate.analyze.russian.dates import MONTH_FORMS
from corroborate.analyze.russian.entities import entity_for
from corroborate.analyze.russian.nlp import RuDoc, Token
from corroborate.types import Figure, LocalEntity

NUMBER_WORDS: dict[str, float] = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11,
    "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
    "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200,
    "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
    "восемьсот": 800, "девятьсот": 900, "полтора": 1.5, "полторы": 1.5, "оба": 2,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
}  # fmt: skip
SCALES = {"тысяча": "thousand", "тыс": "thousand", "миллион": "million", "млн": "million",
          "миллиард": "billion", "млрд": "billion"}  # fmt: skip
#: Vague counts -> the English words the normaliser reads.
VAGUE = {"несколько": "several", "десяток": "tens", "сотня": "hundreds",
         "тысяча": "thousands", "миллион": "millions", "дюжина": "dozens"}  # fmt: skip
QUALIFIERS: dict[tuple[str, ...], str] = {
    ("более", "чем"): "more than", ("более",): "more than", ("больше",): "more than",
    ("свыше",): "over", ("около",): "about", ("примерно",): "about",
    ("приблизительно",): "about", ("порядка",): "about", ("почти",): "nearly",
    ("практически",): "nearly", ("не", "менее"): "at least", ("не", "меньше"): "at least",
    ("как", "минимум"): "at least", ("по", "меньшей", "мере"): "at least",
    ("по", "крайней", "мере"): "at least", ("до",): "up to", ("менее",): "under",
    ("меньше",): "under", ("не", "более"): "up to", ("не", "больше"): "up to",
}  # fmt: skip
UNITS = {
    "год": "years", "лет": "years", "месяц": "months", "неделя": "weeks", "день": "days",
    "сутки": "days", "час": "hours", "минута": "minutes", "десятилетие": "decades",
    "процент": "percent", "рубль": "rubles", "доллар": "dollars", "евро": "euros",
}  # fmt: skip
#: Russian lemma -> the English lemma the figure board groups by (general vocabulary).
LEXICON = {
    "человек": "people", "люди": "people", "житель": "people", "демонстрант": "people",
    "участник": "people", "протестующий": "people", "гражданин": "people",
    "задержанный": "people", "погибший": "people", "раненый": "people",
    "дипломат": "diplomat", "полицейский": "people", "сторонник": "people",
    "задержать": "detain", "арестовать": "arrest", "задержание": "detention",
    "приговорить": "sentence", "осудить": "sentence", "заключение": "imprisonment",
    "срок": "term", "выслать": "expel", "выдворить": "expel", "погибнуть": "die",
    "убить": "kill", "ранить": "injure", "пострадать": "injure", "выйти": "protest",
    "собраться": "gather", "протестовать": "protest", "арест": "arrest", "штраф": "fine",
    "оштрафовать": "fine", "получить": "get",
    "провести": "spend", "колония": "colony", "пассажир": "passenger",
    "перевернуться": "capsize", "затонуть": "sink", "находиться": "be", "быть": "be",
    "пострадавший": "people", "ребенок": "child", "спасти": "rescue", "эвакуировать": "evacuate",
}  # fmt: skip
#: Case forms of the vague counts that the tagger may lemmatise otherwise ("десятки").
VAGUE_FORMS = {
    "десятки": "десяток", "десятков": "десяток", "сотни": "сотня", "сотен": "сотня",
    "тысячи": "тысяча", "тысяч": "тысяча", "миллионы": "миллион", "миллионов": "миллион",
}  # fmt: skip
#: Nouns that name what a figure measures when no verb governs it ("задержание 14 человек").
EVENT_NOUNS = frozenset({"задержание", "заключение", "штраф", "срок", "арест"})
#: Verbs that only say "amounts to": their subject names what is measured ("срок составил").
AMOUNT_VERBS = frozenset({"составить", "составлять", "достичь", "достигать", "превысить"})
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")
_AGE_SUFFIX = re.compile(r"^\d+-(?:летн|лет)")


def _english_lemma(lemma: str) -> str:
    return LEXICON.get(lemma, lemma)


def _vague_word(tok: Token) -> str | None:
    """The English vague count of a plural "десятки"/"сотни"/"тысячи" or "несколько"."""
    lemma = VAGUE_FORMS.get(tok.text.lower(), tok.lemma)
    if lemma == "несколько":
        return VAGUE[lemma]
    if lemma in VAGUE and (tok.text.lower() in VAGUE_FORMS or tok.feat("Number") == "Plur"):
        return VAGUE[lemma]
    return None


def _number_token(tok: Token) -> bool:
    return bool(
        _DIGITS.match(tok.text)
        or tok.lemma in NUMBER_WORDS
        or tok.lemma in SCALES
        or tok.text.lower().rstrip(".") in SCALES
        or _vague_word(tok) is not None
    )


def _words(toks: Sequence[Token]) -> tuple[list[str], bool]:
    """English words for a run of number tokens; False when it is not a number at all."""
    out: list[str] = []
    pending = 0.0
    for tok in toks:
        text = tok.text.lower().rstrip(".")
        if _DIGITS.match(tok.text):
            pending += float(tok.text.replace(",", "."))
            continue
        if tok.lemma in NUMBER_WORDS:
            pending += NUMBER_WORDS[tok.lemma]
            continue
        scale = SCALES.get(tok.lemma) or SCALES.get(text)
        vague = _vague_word(tok)
        if pending:
            if not scale:
                return out, False
            out += [_fmt(pending), scale]
            pending = 0.0
        elif out and out[-1] in {"tens", "hundreds", "dozens"} and vague:
            out += ["of", vague]  # "десятки тысяч" -> "tens of thousands"
        elif out and out[-1] == "several" and scale:
            out.append(scale)  # "несколько тысяч" -> "several thousand"
        elif vague:
            out.append(vague)
        elif scale and not out:
            out += ["1", scale]  # "тысяча человек"
        else:
            return out, False
    if pending:
        out.append(_fmt(pending))
    return out, bool(out)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _qualifier(toks: Sequence[Token], first: int) -> tuple[str | None, int]:
    for phrase, english in sorted(QUALIFIERS.items(), key=lambda kv: -len(kv[0])):
        n = len(phrase)
        if first - n < 0:
            continue
        window = toks[first - n : first]
        if tuple(t.text.lower() for t in window) == phrase:
            return english, first - n
    return None, first


def _governor(doc: RuDoc, tok: Token) -> Token | None:
    """The verb (or verbal noun) the number phrase depends on."""
    seen = 0
    cur: Token | None = tok
    while cur is not None and cur.head is not None and seen < 6:
        cur = doc.tokens[cur.head]
        seen += 1
        if cur.pos == "VERB" or (cur.lemma in EVENT_NOUNS and seen > 1):
            return cur
    return None


def _subject(
    doc: RuDoc, verb: Token, entities: Sequence[LocalEntity], skip: set[int]
) -> tuple[str | None, str | None]:
    for child in doc.children(verb.i):
        if child.i in skip:
            continue
        if child.rel in {"nsubj", "nsubj:pass"} and child.pos in {"NOUN", "PROPN", "PRON"}:
            entity = entity_for(entities, child.start, child.end)
            return child.text, entity.id if entity else None
    return None, None


def _lemma_of(doc: RuDoc, verb: Token, text: str) -> str:
    return next((c.lemma for c in doc.children(verb.i) if c.text == text), text.lower())


def _object(doc: RuDoc, verb: Token, skip: set[int]) -> str | None:
    for child in doc.children(verb.i):
        if child.rel == "obj" and child.i not in skip and child.pos in {"NOUN", "PROPN"}:
            return child.text
    return None


def _is_age(doc: RuDoc, first: int, last: int, verb: Token | None) -> bool:
    """ "в возрасте 45 лет", "45-летний", "ей исполнилось 53 года" (the years a person
    turns), "в шесть лет" (at the age of six)."""
    before = " ".join(t.text.lower() for t in doc.tokens[max(0, first - 2) : first])
    if verb is not None and verb.lemma == "исполниться":
        return True
    words = before.split()
    if words[-1:] == ["в"] and words[-2:-1] != ["раз"]:
        # "в шесть лет я уже готовил": at the age of six ("раз в два года" is a rate)
        return doc.tokens[last].text.lower() in {"лет", "год", "года"}
    return before.endswith("в возрасте") or bool(_AGE_SUFFIX.match(doc.tokens[first].text))


#: Forms of "год" that follow a year ("в 2018 году", "с 2015 года"), and its abbreviations;
#: "лет" is left out: "более 2000 лет" is a span of years.
_YEAR_WORDS = frozenset({"год", "года", "году", "годом", "г", "г.", "гг", "гг."})


def _is_year(toks: Sequence[Token], k: int) -> bool:
    """A lone year-shaped number (1900-2099) before a form of "год", or counting nothing:
    a calendar year, never a board figure (a reading of the scrapinghub pages' Russian
    board, 2026-12-05, where "в 2018 году" had been a duration of 2,018 years)."""
    if not MODERN_YEAR_RE.fullmatch(toks[k].text):
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or nxt.text.lower() in _YEAR_WORDS:
        return True
    return nxt.pos not in {"NOUN", "ADJ"} and nxt.text.lower() not in UNITS and nxt.text != "%"


def extract_figures(doc: RuDoc, entities: Sequence[LocalEntity]) -> tuple[Figure, ...]:
    """Every figure of ``doc`` (rule 1-4 above)."""
    out: list[Figure] = []
    for k in range(len(doc.sentences)):
        toks = doc.sentence_tokens(k)
        j = 0
        while j < len(toks):
            if not _number_token(toks[j]) or (j > 0 and toks[j - 1].text in {"№", "#"}):
                j += 1
                continue
            figure, j = _figure(doc, toks, j, entities)
            if figure is not None:
                out.append(figure)
    return tuple(out)


def _figure(
    doc: RuDoc, toks: Sequence[Token], j: int, entities: Sequence[LocalEntity]
) -> tuple[Figure | None, int]:
    first = j
    parts: list[str] = []
    counted_tok: Token | None = None
    duration = False
    while True:
        start = j
        while j < len(toks) and _number_token(toks[j]):
            j += 1
        words, ok = _words(toks[start:j])
        if not ok or (j < len(toks) and toks[j].text.lower() in MONTH_FORMS):
            return None, max(j, start + 1)  # "14 февраля" is a date
        if j - start == 1 and _is_year(toks, start):
            return None, j  # "в 2018 году", "фото 2018": a year
        if j + 1 < len(toks) and [t.text.lower() for t in toks[j : j + 2]] == ["с", "половиной"]:
            if words and re.fullmatch(r"[\d.]+", words[-1]):
                words[-1] = _fmt(float(words[-1]) + 0.5)
            j += 2
        parts += words
        if j < len(toks):
            unit = UNITS.get(toks[j].lemma) or UNITS.get(toks[j].text.lower())
            if toks[j].text == "%":
                unit = "percent"
            if unit is not None:
                parts.append(unit)
                duration = duration or unit in {"years", "months", "weeks", "days", "hours"}
                j += 1
                if (
                    duration
                    and j + 1 < len(toks)
                    and toks[j].text.lower() == "и"
                    and _number_token(toks[j + 1])
                ):
                    parts.append("and")
                    j += 1
                    continue
            elif toks[j].pos in {"NOUN", "ADJ"} and toks[j].lemma not in VAGUE:
                # the counted thing: the noun after the number (an adjective before it)
                k = j
                while k < len(toks) and toks[k].pos == "ADJ" and k - j < 2:
                    k += 1
                if k < len(toks) and toks[k].pos == "NOUN":
                    counted_tok = toks[k]
                    j = k + 1
        break
    qualifier, q_first = _qualifier(toks, first)
    phrase = " ".join(([qualifier] if qualifier else []) + parts)
    quantity = parse_quantity(phrase)
    if quantity is None or (quantity.low is None and quantity.high is None):
        return None, j
    span_first, span_last = toks[q_first], toks[j - 1]
    start, end = span_first.start, span_last.end
    head = counted_tok or toks[j - 1]
    if quantity.dimension == "duration":
        verb = _governor(doc, head)
        kind = "age" if _is_age(doc, toks[first].i, toks[j - 1].i, verb) else "duration"
    elif quantity.dimension in {"money", "percent"}:
        kind = quantity.dimension
    else:
        kind = "count"
    counted = _english_lemma(counted_tok.lemma) if counted_tok is not None else None
    if quantity.dimension != "count":
        unit = quantity.unit or "count"
    elif counted_tok is not None and counted_tok.feat("Animacy") == "Anim":
        unit = "people"  # a count of people, whatever the noun (пассажиров, сторонников)
    else:
        unit = counted or "count"
    verb = _governor(doc, head)
    subject = subject_id = obj = None
    predicate = _english_lemma(verb.lemma) if verb is not None else None
    if verb is not None:
        own = {t.i for t in toks[q_first:j]}
        subject, subject_id = _subject(doc, verb, entities, own)
        obj = _object(doc, verb, own)
        if verb.lemma in AMOUNT_VERBS and subject is not None:
            predicate = _english_lemma(_lemma_of(doc, verb, subject))
    figure = Figure(
        text=doc.text[start:end],
        start=start,
        end=end,
        kind=kind,  # type: ignore[arg-type]
        low=quantity.low,
        high=quantity.high,
        unit=unit,
        qualifier=quantity.qualifier,
        approximate=quantity.approximate,
        counted=counted,
        predicate=predicate,
        subject=subject,
        subject_id=subject_id,
        object=obj,
    )
    return figure, j
