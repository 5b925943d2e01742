"""link stage: cross-article linking (story clustering; entity resolution to come)."""

from corroborate.link.stories import StoryIndex, bcubed, cluster

__all__ = ["StoryIndex", "bcubed", "cluster"]
