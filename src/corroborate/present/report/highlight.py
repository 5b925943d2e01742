"""An article's cleaned text as HTML with its evidence spans highlighted.

Every span becomes ``<span class="hl hl-KIND" id="a-<article>-<start>-<end>">``. Spans that
cover the same characters are merged into one element (their kinds and labels joined).
Nested spans nest; a span that *crosses* another (starts inside it, ends after it) is
split: its first piece carries the id, the later pieces carry ``data-part-of="<id>"`` so the
page can highlight them too. Every text segment is HTML-escaped on its own, so the markup
is valid whatever the text holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from corroborate.present.report.anchors import span_id

#: Kinds in nesting order for spans of equal extent (outermost first).
KIND_ORDER = ("claim", "quote", "date", "figure", "mention")


@dataclass
class HighlightSpan:
    """One highlighted span of an article (kinds and labels merged for equal extents)."""

    start: int
    end: int
    anchor: str
    kinds: set[str] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)
    extra_classes: set[str] = field(default_factory=set)

    def classes(self) -> str:
        """CSS classes: ``hl`` plus one ``hl-KIND`` per kind, in a stable order."""
        kinds = [f"hl-{k}" for k in KIND_ORDER if k in self.kinds]
        kinds += sorted(f"hl-{k}" for k in self.kinds if k not in KIND_ORDER)
        return " ".join(["hl", *kinds, *sorted(self.extra_classes)])

    def title(self) -> str:
        """Tooltip text: the labels, one per line, without repeats."""
        return "\n".join(dict.fromkeys(self.labels))


class SpanSet:
    """The spans to highlight in one article, keyed by extent."""

    def __init__(self, article_id: str, text_length: int) -> None:
        self.article_id = article_id
        self.length = text_length
        self._spans: dict[tuple[int, int], HighlightSpan] = {}

    def add(self, start: object, end: object, kind: str, label: str = "") -> str | None:
        """Add a span (merged with an equal one); return its anchor id, or None when the
        offsets are not a non-empty range inside the text."""
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
            return None
        if start < 0 or end > self.length or start >= end:
            return None
        key = (start, end)
        span = self._spans.get(key)
        if span is None:
            span = HighlightSpan(start, end, span_id(self.article_id, start, end))
            self._spans[key] = span
        span.kinds.add(kind)
        if label:
            span.labels.append(label)
        return span.anchor

    def anchor(self, start: object, end: object) -> str | None:
        """The anchor id of an added span, or None."""
        if not isinstance(start, int) or not isinstance(end, int):
            return None
        span = self._spans.get((start, end))
        return span.anchor if span else None

    def spans(self) -> list[HighlightSpan]:
        """All spans, in document order (outer before inner at equal starts)."""
        return sorted(self._spans.values(), key=_order)

    def __len__(self) -> int:
        return len(self._spans)


def _order(span: HighlightSpan) -> tuple[int, int, int]:
    rank = min((KIND_ORDER.index(k) for k in span.kinds if k in KIND_ORDER), default=99)
    return (span.start, -span.end, rank)


def _open(span: HighlightSpan, first: bool) -> str:
    title = span.title()
    title_attr = f' title="{escape(title)}"' if title else ""
    if first:
        return f'<span class="{span.classes()}" id="{span.anchor}"{title_attr}>'
    return f'<span class="{span.classes()} hl-cont" data-part-of="{span.anchor}"{title_attr}>'


def highlight(text: str, spans: Iterable[HighlightSpan]) -> tuple[Markup, list[str]]:
    """``text`` as escaped HTML with ``spans`` wrapped; also the anchors of split spans.

    Spans outside the text or empty are ignored. The result is always well nested.
    """
    ordered = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)),
        key=_order,
    )
    starting: dict[int, list[HighlightSpan]] = defaultdict(list)
    for span in ordered:
        starting[span.start].append(span)
    bounds = sorted({0, len(text)} | {s.start for s in ordered} | {s.end for s in ordered})
    out: list[str] = []
    stack: list[HighlightSpan] = []
    split: list[str] = []
    pos = 0
    for b in bounds:
        if b > pos:
            out.append(str(escape(text[pos:b])))
            pos = b
        ending = [i for i, s in enumerate(stack) if s.end <= b]
        if ending:
            i = ending[0]
            popped = stack[i:]
            del stack[i:]
            out.append("</span>" * len(popped))
            for s in popped:
                if s.end > b:  # crossed by a span that ends here: continue in a new piece
                    stack.append(s)
                    out.append(_open(s, first=False))
                    if s.anchor not in split:
                        split.append(s.anchor)
        for s in starting.get(b, []):
            stack.append(s)
            out.append(_open(s, first=True))
    out.append("</span>" * len(stack))
    return Markup("".join(out)), split
