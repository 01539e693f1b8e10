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
         skip_speech: bool = True, nearest: bool = True) -> T | None:
    """The item (a time expression, a place) that governs ``trigger``: one attached to it
    in the tree, else one in the same clause, else the nearest in its sentence that
    does not hang from a verb of saying. ``spans`` are the items' character offsets."""
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
    if not nearest:
        return None
    ranked = sorted(local, key=lambda it: abs(it[1].i - trigger.i))
    for item, tok in ranked:
        verb = governor(tok)
        if skip_speech and verb.lemma_ in SPEECH_LEMMAS and trigger.lemma_ not in SPEECH_LEMMAS:
            continue
        return item
    return None
