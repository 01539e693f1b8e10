"""MentionIndex finds the actor a character span refers to."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.actors.index import MentionIndex
from dragoman.records import Actor, Mention


def _brute(actors: list[Actor], start: int, end: int) -> str | None:
    best: tuple[int, int, int] | None = None
    found = None
    for actor in actors:
        for m in actor.mentions:
            overlap = min(m.end, end) - max(m.start, start)
            key = (overlap, m.end - m.start, -m.start)
            if overlap > 0 and (best is None or key > best):
                best, found = key, actor.id
    return found


mentions = st.builds(lambda s, n: Mention(s, s + n, "x"), st.integers(0, 200), st.integers(1, 30))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(mentions, min_size=1, max_size=4), max_size=6),
       st.integers(0, 220), st.integers(1, 40))
def test_index_at_finds_the_best_overlap(groups: list[list[Mention]], start: int, n: int) -> None:
    # Mentions of different actors do not share a start here, so the answer is unique.
    seen: set[int] = set()
    actors = []
    for i, group in enumerate(groups):
        kept = [m for m in group if m.start not in seen]
        seen.update(m.start for m in kept)
        if kept:
            actors.append(Actor(f"a{i}", f"n{i}", mentions=kept))
    got = MentionIndex(actors).at(start, start + n)
    want = _brute(actors, start, start + n)
    if want is None:
        assert got is None
    else:
        assert got is not None
        best = max(((min(m.end, start + n) - max(m.start, start), m.end - m.start)
                    for m in got.mentions), default=(0, 0))
        want_actor = next(a for a in actors if a.id == want)
        want_best = max((min(m.end, start + n) - max(m.start, start), m.end - m.start)
                        for m in want_actor.mentions)
        assert best == want_best


def test_index_within_lists_each_actor_once_in_order() -> None:
    a = Actor("a1", "Russia", mentions=[Mention(0, 6, "Russia"), Mention(20, 26, "Russia")])
    b = Actor("a2", "Syria", mentions=[Mention(10, 15, "Syria")])
    index = MentionIndex([a, b])
    assert [x.id for x in index.within(0, 30)] == ["a1", "a2"]
    assert index.at(11, 12) is b and index.at(100, 101) is None
