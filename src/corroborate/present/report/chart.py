"""A small inline SVG: each outlet's version of a figure as an interval on one axis.

Closed intervals are bars, exact values dots, open ends arrows running to the edge of the
axis; approximate values are drawn hollow. Every mark links to the span it came from. All
text is escaped; the SVG needs no external resource.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

LANE = 28
PLOT_W = 420  # the axis
PAD_TOP = 6
AXIS_H = 40  # tick numbers, then the unit on a line of its own (never over a number)
# Generous per-character widths (12px sans labels, 11px monospace values), so the columns
# are wide enough for the text whatever the font: no label or value is ever cut.
LABEL_CHAR_W = 7.4
VALUE_CHAR_W = 7.0
LABEL_MAX = 30  # characters; a longer label is shortened with "…" (full in the tooltip)


@dataclass(frozen=True)
class Interval:
    """One outlet's version of a figure: ``low``/``high`` None for an open end."""

    label: str
    text: str
    low: float | None
    high: float | None
    href: str | None = None
    approximate: bool = False


def fmt_number(value: float) -> str:
    """A bound for people: thousands separated, at most two decimals, no trailing zeros."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def fmt_interval(low: float | None, high: float | None) -> str:
    """``[a, b]``, ``a`` for an exact value, ``[a, ∞)`` / ``(−∞, b]`` for open ends."""
    if low is None and high is None:
        return "?"
    if low is not None and high is not None:
        return fmt_number(low) if low == high else f"[{fmt_number(low)}, {fmt_number(high)}]"
    if low is not None:
        return f"[{fmt_number(low)}, ∞)"
    assert high is not None
    return f"(−∞, {fmt_number(high)}]"


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    ticks = []
    t = first
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _domain(items: Sequence[Interval]) -> tuple[float, float]:
    finite = [v for i in items for v in (i.low, i.high) if v is not None]
    lo, hi = min(finite), max(finite)
    if hi == lo:
        lo, hi = lo - max(abs(lo) * 0.1, 1), hi + max(abs(hi) * 0.1, 1)
    span = hi - lo
    open_high = any(i.high is None for i in items)
    open_low = any(i.low is None for i in items)
    hi += span * (0.25 if open_high else 0.06)
    lo -= span * (0.25 if open_low else 0.06)
    if lo < 0 <= min(finite):
        lo = 0.0
    return lo, hi


def interval_chart(items: Sequence[Interval], unit: str = "") -> Markup:
    """The SVG chart, or empty markup when no interval has a finite bound."""
    items = [i for i in items if i.low is not None or i.high is not None]
    if not items:
        return Markup("")
    lo, hi = _domain(items)
    labels = [_short(i.label) for i in items]
    values = [fmt_interval(i.low, i.high) for i in items]
    label_w = max(80.0, max(len(t) for t in labels) * LABEL_CHAR_W + 16)
    value_w = max(110.0, max(len(v) for v in values) * VALUE_CHAR_W + 20)
    x0, x1 = label_w, label_w + PLOT_W
    width = round(x1 + value_w)

    def x(v: float) -> float:
        return x0 + (v - lo) / (hi - lo) * (x1 - x0)

    height = PAD_TOP + LANE * len(items) + AXIS_H
    axis_y = PAD_TOP + LANE * len(items) + 4
    title = f"Each outlet's value{' (' + unit + ')' if unit else ''} on one axis"
    parts = [
        f'<svg class="chart" role="group" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for t in _nice_ticks(lo, hi):
        tx = x(t)
        parts.append(
            f'<line class="grid" x1="{tx:.1f}" y1="{PAD_TOP}" x2="{tx:.1f}" y2="{axis_y}"/>'
            f'<text class="tick" x="{tx:.1f}" y="{axis_y + 15}" text-anchor="middle">'
            f"{escape(fmt_number(t))}</text>"
        )
    parts.append(f'<line class="axis" x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}"/>')
    if unit:
        parts.append(
            f'<text class="unit" x="{x1:.1f}" y="{axis_y + 31}" text-anchor="end">'
            f"{escape(unit)}</text>"
        )
    for n, item in enumerate(items):
        cy = PAD_TOP + LANE * n + LANE / 2
        mark = _mark(item, x, cy, x0, x1)
        value = escape(values[n])
        body = (
            f'<text class="lane-label" x="{x0 - 8:.1f}" y="{cy + 4:.1f}" text-anchor="end">'
            f"{escape(labels[n])}</text>{mark}"
            f'<text class="lane-value" x="{x1 + 10:.1f}" y="{cy + 4:.1f}">{value}</text>'
        )
        tip = f"<title>{escape(item.label)}: “{escape(item.text)}” = {value}</title>"
        cls = "lane approx" if item.approximate else "lane"
        if item.href:
            parts.append(f'<a class="{cls}" href="#{escape(item.href)}">{tip}{body}</a>')
        else:
            parts.append(f'<g class="{cls}">{tip}{body}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def _mark(item: Interval, x: Callable[[float], float], cy: float, x0: float, x1: float) -> str:
    if item.low is not None and item.high is not None and item.low == item.high:
        return f'<circle class="dot" cx="{x(item.low):.1f}" cy="{cy:.1f}" r="6"/>'
    left = x(item.low) if item.low is not None else x0
    right = x(item.high) if item.high is not None else x1
    out = [
        f'<rect class="bar" x="{left:.1f}" y="{cy - 6:.1f}" width="{max(right - left, 2):.1f}" '
        f'height="12" rx="2"/>'
    ]
    if item.high is None:  # open upwards: arrow head at the right edge
        out.append(
            f'<path class="arrow" d="M{x1 - 9:.1f},{cy - 8:.1f} L{x1 + 1:.1f},{cy:.1f} '
            f'L{x1 - 9:.1f},{cy + 8:.1f} Z"/>'
        )
    if item.low is None:  # open downwards
        out.append(
            f'<path class="arrow" d="M{x0 + 9:.1f},{cy - 8:.1f} L{x0 - 1:.1f},{cy:.1f} '
            f'L{x0 + 9:.1f},{cy + 8:.1f} Z"/>'
        )
    return "".join(out)
