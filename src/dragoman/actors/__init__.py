"""Who the actors are: mentions resolved to coded actors."""

from __future__ import annotations

from dragoman.actors.index import MentionIndex
from dragoman.actors.resolve import resolve

__all__ = ["MentionIndex", "resolve"]
