"""Reported speech: who reports a clause ("X said ...", "according to X", "quoted X as")."""

from __future__ import annotations

from spacy.tokens import Token

from dragoman.events import syntax
from dragoman.events.patterns import Patterns

__all__ = ["reporter", "speech_verb"]


def reporter(top: Token, patterns: Patterns, actors: syntax.Actors
             ) -> tuple[str | None, Token | None]:
    """Who reports the clause headed by ``top`` (actor id, reporting word), if anyone."""
    h = top
    while h.dep_ == "conj" and h.head is not h:
        h = h.head
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ == "according":
            for to in c.children:
                p = syntax.pobj(to) if to.lower_ == "to" else None
                if p is not None and actors.of(p):
                    return actors.of(p), c
    said = speech_verb(h, patterns)
    if said is None:
        return None, None
    subs = syntax.children(said, syntax.SUBJ)
    if subs:
        return actors.of(subs[0]), said
    if said.head.lemma_.lower() == "quote":
        objs = syntax.objects(said.head)
        return (actors.of(objs[0]) if objs else None), said
    return None, said


def speech_verb(h: Token, patterns: Patterns) -> Token | None:
    """The reporting verb whose complement ``h`` is, or that hangs on ``h``."""
    if h.dep_ in ("ccomp", "parataxis") and patterns.role("speech", h.head.lemma_.lower()):
        return h.head
    for c in h.children:
        if c.dep_ in ("parataxis", "ccomp") and patterns.role("speech", c.lemma_.lower()):
            return c
    return None
