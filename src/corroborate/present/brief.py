"""The cited brief at the top of a story: 3–6 sentences built from verdicts, no model.

The rule, in reading order (every quoted part is an article's own words, linked to its span;
every outlet named is linked to the span that makes it a witness):

1. **Agreement** — the corroborated claim the most outlets support (ties: the one that
   carries most, :mod:`.triage`): "A, B and C report: “…”".
2. **Differences** — up to three: figure groups in ``conflict`` (most outlets first), each
   outlet's figure with its interval ("A gives “over 11,000 people” (≥ 11,000); B gives …");
   then ``contested`` claims whose spans hold none of the figures already named, each side
   in its own words.
3. **Only one outlet** — for up to two outlets (most exclusive facts first) the single-source
   claim that carries most: "Only A reports: “…”".

When that makes fewer than three sentences, more agreements, then more single-source
claims, are added; at most six. A story with nothing to say (no claims, no figures) has
an empty brief.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from corroborate.present.review import fact_id
from corroborate.present.triage import StoryFinds, fact_weight

__all__ = [
    "MAX_SENTENCES",
    "BriefPart",
    "BriefSentence",
    "brief_record",
    "build_brief",
    "evidence_text",
    "in_field",
]

MAX_SENTENCES = 6
MIN_SENTENCES = 3
MAX_DIFFERENCES = 3
MAX_SINGLE = 2
MAX_NAMED = 4  # outlets named in a row; more are counted ("A, B, C and 11 other outlets")
MAX_VALUES = 4  # values of one figure spelled out
QUOTE_LIMIT = 220

Evidence = tuple[str, int, int]
Record = Mapping[str, Any]


@dataclass(frozen=True)
class BriefPart:
    """A piece of a sentence; ``evidence`` (article_id, start, end) when it cites a span."""

    text: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class BriefSentence:
    """One sentence of the brief: ``kind`` is ``agree``, ``differ`` or ``single``."""

    kind: str
    parts: tuple[BriefPart, ...]
    fact_id: str = ""
    fact_kind: str = "claim"  # what it cites: a claim's sentences or a figure group's reports

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)

    @property
    def evidence(self) -> list[Evidence]:
        return [p.evidence for p in self.parts if p.evidence is not None]


def _ev(ev: Record) -> Evidence | None:
    start, end = ev.get("start"), ev.get("end")
    if isinstance(start, int) and isinstance(end, int):
        return (str(ev.get("article_id")), start, end)
    return None


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


def _close(quoted: str) -> str:
    """The closing quotation mark, and a full stop unless the quote ends a sentence."""
    return "”" if quoted.endswith((".", "!", "?", "…")) else "”."


def _names(sides: Mapping[str, Record], noun: str) -> list[BriefPart]:
    """``A``, ``A and B``, ``A, B and C``; over :data:`MAX_NAMED`, the first ones and
    "and N other outlets". Each name links to its outlet's span."""
    named = [[BriefPart(label, _ev(ev))] for label, ev in sides.items()]
    if len(named) <= MAX_NAMED:
        return _join(named)
    out: list[BriefPart] = []
    for i, item in enumerate(named[: MAX_NAMED - 1]):
        out.extend([BriefPart(", "), *item] if i else item)
    out.append(BriefPart(f" and {len(named) - MAX_NAMED + 1} other {noun}"))
    return out


def _join(items: Sequence[Sequence[BriefPart]]) -> list[BriefPart]:
    """``a``, ``a and b``, ``a, b and c`` of part lists."""
    out: list[BriefPart] = []
    for i, item in enumerate(items):
        if i:
            out.append(BriefPart(" and " if i == len(items) - 1 else ", "))
        out.extend(item)
    return out


def _fmt_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def _interval(low: Any, high: Any) -> str:
    lo = float(low) if isinstance(low, int | float) else None
    hi = float(high) if isinstance(high, int | float) else None
    if lo is None and hi is None:
        return ""
    if lo is not None and hi is not None:
        return _fmt_number(lo) if lo == hi else f"{_fmt_number(lo)}–{_fmt_number(hi)}"
    return f"≥ {_fmt_number(lo)}" if lo is not None else f"≤ {_fmt_number(hi or 0)}"


def in_field(ev: Record) -> str:
    """The article field a span's offsets point into: "text", or "title" for a figure
    report the headline alone states (analyze/headline.py)."""
    return "title" if ev.get("field") == "title" else "text"


def evidence_text(articles: Mapping[str, Record], ev: Record) -> str:
    """The evidence's own words: its article's text (or title, for a figure the headline
    alone states: ``field`` "title") at the span, else its ``text``."""
    art = articles.get(str(ev.get("article_id")))
    start, end = ev.get("start"), ev.get("end")
    if art is not None and isinstance(start, int) and isinstance(end, int):
        text = str(art.get(in_field(ev)) or "")
        if 0 <= start < end <= len(text):
            return text[start:end]
    return str(ev.get("text") or "")


class _Brief:
    def __init__(self, story: Record, articles: Mapping[str, Record], labels: Mapping[str, str]):
        self.story = story
        self.articles = articles
        self.labels = labels
        self.finds = StoryFinds(story)

    def label(self, aid: str) -> str:
        return self.labels.get(aid) or f"article {aid}"

    def words(self, ev: Record) -> str:
        return evidence_text(self.articles, ev)

    def per_outlet(self, evidence: Sequence[Record]) -> dict[str, Record]:
        """The first piece of evidence of each source (label), in order."""
        out: dict[str, Record] = {}
        for ev in evidence:
            if _ev(ev) is not None:
                out.setdefault(self.label(str(ev.get("article_id"))), ev)
        return out

    def ranked(self, kind: str, verdicts: set[str]) -> list[Record]:
        field = "figures" if kind == "figure" else "claims"
        evidence = "reports" if kind == "figure" else "support"
        facts = [f for f in self.story.get(field) or [] if str(f.get("verdict")) in verdicts]
        order = {id(f): i for i, f in enumerate(facts)}
        return sorted(
            facts,
            key=lambda f: (
                -len(self.per_outlet(f.get(evidence) or [])),
                -fact_weight(self.finds, kind, f),
                order[id(f)],
            ),
        )

    # sentences ------------------------------------------------------------
    def agree(self, claim: Record) -> BriefSentence | None:
        sides = self.per_outlet(claim.get("support") or [])
        if len(sides) < 2:
            return None
        first = next(iter(sides.values()))
        words = _clip(self.words(first))
        return BriefSentence(
            "agree",
            (
                *_names(sides, "outlets"),
                BriefPart(" report: “"),
                BriefPart(words, _ev(first)),
                BriefPart(_close(words)),
            ),
            fact_id("claim", claim),
        )

    def figure_differs(self, fig: Record, lead: str = "Outlets differ on") -> BriefSentence | None:
        sides = self.per_outlet(fig.get("reports") or [])
        if len(sides) < 2:
            return None
        measure = str(fig.get("measure") or "a figure")
        verb, _, unit = measure.partition(" — ")
        topic = f"{verb} ({unit})" if unit else verb
        subject = str(fig.get("subject") or "")
        if subject:
            topic += f", subject {subject}"
        # outlets that give the same value together, each value in its first outlet's words
        values: dict[tuple[Any, Any], dict[str, Record]] = {}
        for label, ev in sides.items():
            values.setdefault((ev.get("low"), ev.get("high")), {})[label] = ev
        parts = [BriefPart(f"{lead} {topic}: ")]
        for i, ((low, high), same) in enumerate(values.items()):
            if i == MAX_VALUES:
                parts.append(BriefPart(f"; {len(values) - i} other values"))
                break
            if i:
                parts.append(BriefPart("; "))
            # outlets with the same value and the same words are named together
            worded: dict[str, dict[str, Record]] = {}
            for label, ev in same.items():
                worded.setdefault(_clip(self.words(ev)), {})[label] = ev
            for j, (words, group) in enumerate(worded.items()):
                first = next(iter(group.values()))
                parts.extend(
                    (
                        *([BriefPart(", ")] if j else []),
                        *_names(group, "outlets"),
                        BriefPart(" give “" if len(group) > 1 else " gives “"),
                        BriefPart(words, _ev(first)),
                        BriefPart("”"),
                    )
                )
            value = _interval(low, high)
            if value:
                parts.append(BriefPart(f" ({value})"))
        parts.append(BriefPart("."))
        return BriefSentence("differ", tuple(parts), fact_id("figure", fig), "figure")

    def claim_differs(self, claim: Record) -> BriefSentence | None:
        against = [ev for ev in claim.get("contradicted_by") or [] if _ev(ev) is not None]
        keys = {_ev(ev) for ev in against}
        support = [ev for ev in claim.get("support") or [] if _ev(ev) not in keys]
        if not against or not support:
            return None
        one, other = support[0], against[0]
        a, b = self.label(str(one.get("article_id"))), self.label(str(other.get("article_id")))
        if a == b:
            return None
        theirs = _clip(self.words(other))
        return BriefSentence(
            "differ",
            (
                BriefPart(a, _ev(one)),
                BriefPart(" says “"),
                BriefPart(_clip(self.words(one)), _ev(one)),
                BriefPart("”, while "),
                BriefPart(b, _ev(other)),
                BriefPart(" says “"),
                BriefPart(theirs, _ev(other)),
                BriefPart(_close(theirs)),
            ),
            fact_id("claim", claim),
        )

    def single(self, claim: Record) -> BriefSentence | None:
        sides = self.per_outlet(claim.get("support") or [])
        if len(sides) != 1:
            return None
        label, ev = next(iter(sides.items()))
        words = _clip(self.words(ev))
        return BriefSentence(
            "single",
            (
                BriefPart("Only "),
                BriefPart(label, _ev(ev)),
                BriefPart(" reports: “"),
                BriefPart(words, _ev(ev)),
                BriefPart(_close(words)),
            ),
            fact_id("claim", claim),
        )

    # selection ------------------------------------------------------------
    def differences(self) -> list[BriefSentence]:
        out: list[BriefSentence] = []
        named: set[Evidence] = set()
        # conflicts, then figures the outlets give close but different values of ("thousands"
        # / "over 11,000" / "about ten thousand" detained): numbers before contested claims
        for verdict, lead in (
            ("conflict", "Outlets differ on"),
            ("approximate", "Outlets differ slightly on"),
        ):
            for fig in self.ranked("figure", {verdict}):
                sentence = self.figure_differs(fig, lead)
                if sentence is not None and len(out) < MAX_DIFFERENCES:
                    out.append(sentence)
                    named.update(e for r in fig.get("reports") or [] if (e := _ev(r)))
        for claim in self.ranked("claim", {"contested"}):
            if len(out) >= MAX_DIFFERENCES:
                break
            spans = [e for s in claim.get("support") or [] if (e := _ev(s))]
            if any(_holds(span, figure) for span in spans for figure in named):
                continue  # the figure conflict behind it is already named
            sentence = self.claim_differs(claim)
            if sentence is not None:
                out.append(sentence)
        return out

    def singles(self) -> list[BriefSentence]:
        by_outlet: dict[str, list[Record]] = {}
        for claim in self.ranked("claim", {"single_source"}):
            sides = self.per_outlet(claim.get("support") or [])
            if len(sides) == 1:
                by_outlet.setdefault(next(iter(sides)), []).append(claim)
        order = sorted(by_outlet, key=lambda label: -len(by_outlet[label]))
        # the best claim of each outlet, then each outlet's next best, and so on
        out: list[BriefSentence] = []
        depth = max((len(v) for v in by_outlet.values()), default=0)
        for i in range(depth):
            for label in order:
                if i < len(by_outlet[label]):
                    sentence = self.single(by_outlet[label][i])
                    if sentence is not None:
                        out.append(sentence)
        return out

    def build(self) -> list[BriefSentence]:
        agree = [s for c in self.ranked("claim", {"corroborated"}) if (s := self.agree(c))]
        differ = self.differences()
        single = self.singles()
        chosen = [*agree[:1], *differ, *single[:MAX_SINGLE]]
        extra = [*agree[1:], *single[MAX_SINGLE:]]
        while len(chosen) < MIN_SENTENCES and extra:
            chosen.append(extra.pop(0))
        order = {"agree": 0, "differ": 1, "single": 2}
        chosen.sort(key=lambda s: order[s.kind])  # stable: ranks kept within a kind
        return chosen[:MAX_SENTENCES]


def _holds(span: Evidence, inner: Evidence) -> bool:
    return span[0] == inner[0] and span[1] <= inner[1] and inner[2] <= span[2]


def build_brief(
    story: Record, articles: Mapping[str, Record], labels: Mapping[str, str]
) -> list[BriefSentence]:
    """The brief of ``story`` (see the module docstring). ``articles``: id -> dossier
    article record (for the words at each span); ``labels``: id -> source label."""
    return _Brief(story, articles, labels).build()


def brief_record(sentences: Sequence[BriefSentence]) -> list[dict[str, Any]]:
    """The brief as JSON: per sentence its ``kind``, ``text``, ``fact_id`` and ``parts``
    (``text`` plus ``article_id``/``start``/``end`` where it cites a span)."""
    out = []
    for sentence in sentences:
        parts = []
        for part in sentence.parts:
            item: dict[str, Any] = {"text": part.text}
            if part.evidence is not None:
                aid, start, end = part.evidence
                item.update(article_id=aid, start=start, end=end)
            parts.append(item)
        out.append(
            {
                "kind": sentence.kind,
                "text": sentence.text,
                "fact_id": sentence.fact_id,
                "fact_kind": sentence.fact_kind,
                "parts": parts,
            }
        )
    return out
