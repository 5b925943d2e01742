"""Hand-made story entities and figure groups for claim tests (no cross-article linker needed)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from unidecode import unidecode

from corroborate.types import AnalyzedArticle, FigureGroup, FigureReport, StoryEntity


def _key(name: str, type_: str) -> str:
    tokens = unidecode(name).lower().replace("the ", "").split()
    if type_ == "PERSON" and tokens:
        return f"PERSON:{tokens[-1]}"
    return f"{type_}:{' '.join(tokens)}"


def story_entities(docs: Sequence[AnalyzedArticle]) -> tuple[StoryEntity, ...]:
    """Local entities merged by a naive key: a person's surname, otherwise the name."""
    groups: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for doc in docs:
        for ent in doc.analysis.entities:
            groups[_key(ent.name, ent.type)].append((doc.article.id, ent.id, ent.name))
    return tuple(
        StoryEntity(
            id=f"E{n}",
            name=max((m[2] for m in members), key=len),
            type=key.split(":", 1)[0],
            local_ids=tuple((a, e) for a, e, _ in members),
        )
        for n, (key, members) in enumerate(sorted(groups.items()))
    )


def figure_groups(docs: Sequence[AnalyzedArticle]) -> tuple[FigureGroup, ...]:
    """Figures grouped by (predicate, unit) across >= 2 articles; conflict when intervals differ
    and do not overlap, agree when equal, approximate otherwise."""
    buckets: dict[tuple[str, str], list[FigureReport]] = defaultdict(list)
    for doc in docs:
        for fig in doc.analysis.figures:
            if fig.predicate:
                buckets[(fig.predicate, fig.unit)].append(
                    FigureReport(doc.article.id, fig.text, fig.low, fig.high, fig.start, fig.end)
                )
    out: list[FigureGroup] = []
    for (predicate, unit), reports in sorted(buckets.items()):
        if len({r.article_id for r in reports}) < 2:
            continue
        lows = [r.low if r.low is not None else float("-inf") for r in reports]
        highs = [r.high if r.high is not None else float("inf") for r in reports]
        if len({(r.low, r.high) for r in reports}) == 1:
            verdict = "agree"
        elif max(lows) > min(highs):
            verdict = "conflict"
        else:
            verdict = "approximate"
        out.append(
            FigureGroup(
                id=f"F{len(out)}",
                measure=f"{predicate} {unit}",
                subject=None,
                unit=unit,
                verdict=verdict,  # type: ignore[arg-type]
                reports=tuple(reports),
            )
        )
    return tuple(out)
