"""compare stage: figures, quotes, claims, coverage and the timeline of one story.

``build_story`` (``compare.story``) runs them in order and ``story_to_dossier`` writes the
story's dossier entry. They are imported lazily so that ``compare.timeline`` can be used
without the other cross-article modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corroborate.compare.timeline import build_timeline

if TYPE_CHECKING:
    from corroborate.compare.story import build_story, story_to_dossier

__all__ = ["build_story", "build_timeline", "story_to_dossier"]


def __getattr__(name: str) -> Any:
    if name in {"build_story", "story_to_dossier"}:
        from corroborate.compare import story

        return getattr(story, name)
    raise AttributeError(f"module 'corroborate.compare' has no attribute {name!r}")
