"""Finding the actor that a stretch of text refers to, by character offsets."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from dragoman.records import Actor


class MentionIndex:
    """All mentions of all actors of one article, searchable by character offset.

    Stages after ``actors`` use this to turn a token or phrase into an actor id
    without sharing anything but the records.
    """

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors = {a.id: a for a in actors}
        spans = sorted(
            (m.start, m.end, a.id) for a in self.actors.values() for m in a.mentions
        )
        self._starts = [s for s, _, _ in spans]
        self._spans = spans
        self._longest = max((e - s for s, e, _ in spans), default=0)

    def at(self, start: int, end: int) -> Actor | None:
        """The actor whose mention overlaps [start, end) most (ties: the longest mention)."""
        best: tuple[int, int, str] | None = None
        spans, horizon = self._spans, start - self._longest
        # Walk back from the last mention starting before `end`; no mention starting
        # at or before `horizon` can reach `start`. Ties go to the earliest mention.
        for i in range(bisect.bisect_left(self._starts, end) - 1, -1, -1):
            s, e, actor_id = spans[i]
            if s <= horizon:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (best is None or (overlap, e - s) >= best[:2]):
                best = (overlap, e - s, actor_id)
        return self.actors[best[2]] if best else None

    def within(self, start: int, end: int) -> list[Actor]:
        """Actors with a mention inside [start, end), in text order, each once."""
        seen: dict[str, Actor] = {}
        lo = bisect.bisect_left(self._starts, start)
        for s, e, actor_id in self._spans[lo:]:
            if s >= end:
                break
            if e <= end:
                seen.setdefault(actor_id, self.actors[actor_id])
        return list(seen.values())
