"""Python's cyclic garbage collector during long runs: fewer passes over data loaded once.

Each article makes tens of thousands of short-lived containers (spans, token lists,
candidates, rows). With CPython's default young-generation threshold (700 allocations)
many of them are still alive at a young pass and get promoted; every ~75,000 promoted
objects force a full pass over everything in memory, the actor dictionaries, patterns
and classifier vocabulary loaded once included (about 300,000 objects, 0.1 s a pass,
several passes per hundred articles). With a larger threshold an article's objects are
freed before a pass sees them, and full passes become rare.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["YOUNG", "batch_mode", "set_batch_threshold"]

YOUNG = 10_000  # container allocations between young passes (CPython's default: 700)


def set_batch_threshold() -> tuple[int, int, int]:
    """Raise the young threshold to at least :data:`YOUNG` (0, collection off, stays 0);
    the thresholds before, for :func:`gc.set_threshold`."""
    before = gc.get_threshold()
    if before[0]:
        gc.set_threshold(max(before[0], YOUNG), *before[1:])
    return before


@contextmanager
def batch_mode() -> Iterator[None]:
    """The young threshold raised (:func:`set_batch_threshold`) inside the block only."""
    before = set_batch_threshold()
    try:
        yield
    finally:
        gc.set_threshold(*before)
