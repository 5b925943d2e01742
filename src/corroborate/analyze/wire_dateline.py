"""Wire datelines: "MARLOWE, Ore. (KXRT) — A man was shot ..." opens a report with the place
it was filed from (in capitals, with an optional state or country) and the agency or
station that filed it, in brackets, before a dash. The entity stage reads the place as a
place and drops the agency (docs/entities.md §1); the timeline's descriptions leave the
dateline out. 458 of the 3,015 GVC dev texts open with one (ECB+ dev: none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["WireDateline", "wire_dateline"]

_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*)"
    r"(?P<state>, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?"
    r" ?\((?P<agency>[^()\n]{2,40})\) ?(?:--?|–|—) ?",
    re.MULTILINE,
)
#: Characters from the start of a text within which a dateline may open a line (a headline
#: or a photo credit line may come first).
DATELINE_REACH = 400


@dataclass(frozen=True)
class WireDateline:
    """Character spans of a dateline's parts; ``state`` is empty when there is none and
    ``end`` is where the report's own words begin."""

    place: tuple[int, int]
    state: tuple[int, int]
    agency: tuple[int, int]
    end: int


def wire_dateline(text: str) -> WireDateline | None:
    """The wire dateline opening a line near the start of ``text`` ("ELMWOOD, Vt. (AP) --
    ", "ST. ALBAN (KXRT/AP) — "), if any."""
    m = _WIRE_DATELINE.search(text[:DATELINE_REACH])
    if m is None:
        return None
    state = m.span("state") if m.group("state") else (m.end("place"), m.end("place"))
    return WireDateline(m.span("place"), state, m.span("agency"), m.end())
