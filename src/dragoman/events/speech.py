"""Reported speech: who reports a clause ("X said ...", "according to X", "quoted X as")."""

from __future__ import annotations

from dragoman.events import syntax
from dragoman.events.patterns import Patterns

__all__ = ["reporter", "speech_verb"]


def reporter(p: syntax.Parse, top: int, patterns: Patterns, actors: syntax.Actors
             ) -> tuple[str | None, int | None]:
    """Who reports the clause headed by token ``top`` (actor id, reporting word), if anyone."""
    h = top
    while p.dep[h] == "conj" and p.head[h] != h:
        h = p.head[h]
    for c in p.kids[h]:
        if p.dep[c] == "prep" and p.lower[c] == "according":
            for to in p.kids[c]:
                o = syntax.pobj(p, to) if p.lower[to] == "to" else None
                if o is not None and actors.of(o):
                    return actors.of(o), c
    said = speech_verb(p, h, patterns)
    if said is None:
        return None, None
    subs = p.children(said, syntax.SUBJ)
    if subs:
        return actors.of(subs[0]), said
    if p.lemma[p.head[said]] == "quote":
        objs = syntax.objects(p, p.head[said])
        return (actors.of(objs[0]) if objs else None), said
    return None, said


def speech_verb(p: syntax.Parse, h: int, patterns: Patterns) -> int | None:
    """The reporting verb whose complement ``h`` is, or that hangs on ``h``."""
    if p.dep[h] in ("ccomp", "parataxis") and patterns.role("speech", p.lemma[p.head[h]]):
        return p.head[h]
    for c in p.kids[h]:
        if p.dep[c] in ("parataxis", "ccomp") and patterns.role("speech", p.lemma[c]):
            return c
    return None
