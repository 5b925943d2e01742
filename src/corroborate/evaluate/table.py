"""The harness's result rows: one measured value beside its same-run baseline and target."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Row:
    """One line of the quality table.

    ``ours`` is the product's value; ``baseline`` the plain method's on the same texts in the
    same run (None where the measure has none); ``target`` is the issue's target in words
    (e.g. ``">= baseline + 0.04"``), ``met`` whether the value reaches it (None: no target).
    """

    measure: str
    corpus: str
    metric: str
    ours: float | None
    baseline: float | None = None
    target: str | None = None
    met: bool | None = None
    note: str = ""


@dataclass(frozen=True)
class Section:
    """The rows of one measure, plus what the run cost and how big the data was."""

    name: str
    rows: tuple[Row, ...]
    info: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON for ``bench/results/quality.json``."""
        return {"name": self.name, "rows": [asdict(r) for r in self.rows], "info": self.info}
