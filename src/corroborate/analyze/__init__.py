"""analyze stage: one article in, one :class:`~corroborate.types.Analysis` out.

``analyze_article``/``analyze_articles`` are loaded on first use (PEP 562) so that importing
one extractor module (``corroborate.analyze.entities``) does not import the whole stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corroborate.analyze.events import extract_events
    from corroborate.analyze.pipeline import analyze_article, analyze_articles

__all__ = ["analyze_article", "analyze_articles", "extract_events"]


def __getattr__(name: str) -> Any:
    if name in ("analyze_article", "analyze_articles"):
        from corroborate.analyze import pipeline

        return getattr(pipeline, name)
    if name == "extract_events":
        from corroborate.analyze.events import extract_events

        return extract_events
    raise AttributeError(f"module 'corroborate.analyze' has no attribute {name!r}")
