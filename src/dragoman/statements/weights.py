"""Feature weights looked up by the parts of a feature, without building its string.

The learned models key their weights by strings ``name=part|part...`` ("lk=say|ccomp").
Building and hashing such a string for every feature of every candidate costs more
than the rest of the scoring; a :class:`Table` holds the same weights keyed by the
tuple ``(name, part, part, ...)``. A part may itself hold a "|" ("nomark|that",
"punct:|"), so a key is entered under every way of cutting it at its bars: the tuple
of any parts whose string is a key finds that key's weight, and no other tuple finds
anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations, pairwise, repeat

Feature = tuple[str, ...]  # (name, part, ...): the feature "name=part|..."
_MOST_PARTS = 3  # no feature has more parts than this


def name(feature: Feature) -> str:
    """The string of a feature, as the weights are keyed."""
    return feature[0] + "=" + "|".join(feature[1:])


def _cuts(rest: str) -> Iterator[tuple[str, ...]]:
    """Every way of cutting ``rest`` into at most ``_MOST_PARTS`` parts at its bars."""
    bars = [i for i, c in enumerate(rest) if c == "|"]
    for n in range(min(len(bars), _MOST_PARTS - 1) + 1):
        for chosen in combinations(bars, n):
            edges = [-1, *chosen, len(rest)]
            yield tuple(rest[a + 1:b] for a, b in pairwise(edges))


class Table:
    """Weights keyed by feature tuples; see the module's docstring."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights: dict[Feature, float] = {}
        for key, weight in weights.items():
            head, equals, rest = key.partition("=")
            if equals:
                for parts in _cuts(rest):
                    self.weights[(head, *parts)] = weight

    def total(self, features: Iterable[Feature]) -> float:
        """The sum of the weights of ``features`` in their order (0.0 for unknown ones),
        as ``sum`` over the weights of their strings gives it."""
        return sum(map(self.weights.get, features, repeat(0.0)))
