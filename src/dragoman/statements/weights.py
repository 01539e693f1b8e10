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
from typing import Any

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


Nested = dict[str, Any]  # a part -> a weight, or the Nested of the next part
EMPTY: Nested = {}  # what a missing first part finds: read it, never change it


class Templates:
    """The same weights as nested dicts, one per feature name ("template"):
    ``tables[name][part]`` is the weight of a one-part feature, ``tables[name][a][b]``
    that of a two-part one. Looking up plain strings that are already at hand (their
    hashes cached) costs less than building and hashing a tuple; a scorer that looks
    up its features' weights this way and sums them in the order of its features gives
    the float of :meth:`Table.total`.

    ``arity`` gives the number of parts of every name the model's features use (each
    name gets a table, empty when no weight has that name); a key is entered under
    every way of cutting it into that many parts at its bars, as in :class:`Table`.
    """

    def __init__(self, weights: dict[str, float], arity: dict[str, int]) -> None:
        self.arity = arity
        self.tables: dict[str, Nested] = {feature: {} for feature in arity}
        for key, weight in weights.items():
            head, equals, rest = key.partition("=")
            parts = arity.get(head)
            if not equals or parts is None:
                continue
            for cut in _cuts(rest):
                if len(cut) == parts:
                    _enter(self.tables[head], cut, weight)


def _enter(table: Nested, parts: tuple[str, ...], weight: float) -> None:
    """Put ``weight`` at ``table[parts[0]][parts[1]]...``."""
    for part in parts[:-1]:
        table = table.setdefault(part, {})
    table[parts[-1]] = weight


def rows(templates: Templates, names: tuple[str, ...]) -> tuple[dict[str, tuple[Any, ...]],
                                                                tuple[Any, ...]]:
    """The tables of ``names`` that share their first part (the cue's lemma, say), read
    with one look-up: for each first part, the tuple of what each table holds for it
    (a weight or a table of second parts), and the tuple for a first part none holds."""
    tables = [templates.tables[name] for name in names]
    missing = tuple(EMPTY if templates.arity[name] > 1 else 0.0 for name in names)
    firsts = {first for table in tables for first in table}
    return {first: tuple(table.get(first, none) for table, none in zip(tables, missing,
                                                                        strict=True))
            for first in firsts}, missing

