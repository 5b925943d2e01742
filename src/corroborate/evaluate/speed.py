"""The speed baseline: spaCy's own ``nlp.pipe`` over the same texts, same process count."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Wall seconds and articles per second of one timed pass."""

    articles: int
    wall_s: float

    @property
    def rate(self) -> float:
        """Articles per second."""
        return self.articles / self.wall_s if self.wall_s > 0 else 0.0


def spacy_pipe(texts: Sequence[str], processes: int) -> Timing:
    """Parse ``texts`` with the product's spaCy model through ``nlp.pipe`` (full pipeline,
    ``n_process=processes``), counting the model load as the product's run counts its own."""
    from corroborate.analyze.nlp import load_nlp

    start = time.perf_counter()
    nlp = load_nlp()
    for _ in nlp.pipe(texts, batch_size=32, n_process=processes):
        pass
    return Timing(len(texts), time.perf_counter() - start)
