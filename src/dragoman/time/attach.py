"""Which phrase of a sentence governs an event: attachment in the dependency tree.

Shared by ``time`` (the time expression an event happened at) and ``places`` (the
place it happened in). Phrases are character spans; the Doc gives the tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

__all__ = ["SPEECH_LEMMAS", "attached", "governor", "pick", "token_at"]

SPEECH_LEMMAS = {"say", "tell", "announce", "report", "state", "add", "claim", "confirm",
                 "deny", "note", "insist", "quote", "write", "declare", "explain", "warn"}

T = TypeVar("T")


def token_at(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic root of the text between two character offsets."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def governor(token: Token) -> Token:
    """The verb (or the sentence root) that ``token`` hangs from."""
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            return token
        if token.head.i == token.i:
            return token
        token = token.head
    return token


def attached(phrase: Token, trigger: Token, max_steps: int = 6) -> int | None:
    """How many steps up the tree ``phrase`` hangs from ``trigger`` (through
    prepositions, nouns, conjunctions, no other verb on the way), or None."""
    token = phrase
    for step in range(max_steps + 1):
        if token.i == trigger.i:
            return step
        if token.head.i == token.i:
            return None
        if token.i != phrase.i and token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            return None
        token = token.head
    return None


def pick(items: Sequence[T], spans: Sequence[tuple[int, int]], doc: Doc, trigger: Token,
         skip_speech: bool = True) -> T | None:
    """The item (a time expression, a place) that governs ``trigger``: one attached to it
    in the tree, else one in the same clause, else one attached to a clause above it
    ("On Monday rebels stormed the town and killed 12") that is not a verb of saying.
    ``spans`` are the items' character offsets."""
    sent: Span = trigger.sent
    local = [(item, tok) for item, (s, e) in zip(items, spans, strict=True)
             if sent.start_char <= s and e <= sent.end_char
             and (tok := token_at(doc, s, e)) is not None]
    if not local:
        return None
    steps = [(depth, abs(tok.i - trigger.i), n) for n, (_, tok) in enumerate(local)
             if (depth := attached(tok, trigger)) is not None]
    if steps:
        return local[min(steps)[2]][0]
    clause = governor(trigger)
    for item, tok in local:
        if governor(tok).i == clause.i:
            return item
    below = [(d, item) for item, tok in local if (d := _under(governor(tok), clause))]
    if below:  # "fired tear gas to disperse marchers in Alexandria"
        return min(below, key=lambda r: r[0])[1]
    above = _clauses_above(clause)
    ranked = [(above[g.i], item) for item, tok in local if (g := governor(tok)).i in above
              and not (skip_speech and g.lemma_ in SPEECH_LEMMAS)]
    return min(ranked, key=lambda r: r[0])[1] if ranked else None


def _under(verb: Token, clause: Token) -> int:
    """How many purpose or manner clauses down from ``clause`` ``verb`` is (0: not)."""
    token = verb
    for distance in (1, 2):
        if token.dep_ not in ("xcomp", "advcl") or token.head.i == token.i:
            return 0
        token = token.head
        if token.i == clause.i:
            return distance
    return 0


_CLAUSE_LINKS = {"conj", "xcomp", "advcl", "ccomp", "pcomp"}


def _clauses_above(verb: Token) -> dict[int, int]:
    """The verbs whose clauses contain ``verb``'s (token index -> distance), following
    coordination and complement links only (not relative clauses)."""
    out: dict[int, int] = {}
    token = verb
    for distance in range(1, 6):
        if token.dep_ not in _CLAUSE_LINKS or token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            out[token.i] = distance
    return out
