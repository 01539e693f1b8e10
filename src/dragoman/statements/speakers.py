"""Speakers: the words that name who speaks, the actor they refer to, and chains
through intermediaries (agencies, state media)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Token

from dragoman.actors import MentionIndex
from dragoman.records import Actor, Span
from dragoman.statements.cues import Lexicon

_PERSONAL = {"he", "she", "him", "her"}
_PRONOUNS = _PERSONAL | {"they", "we", "i", "it", "you"}
_CORE = {"compound", "amod", "nmod", "det", "poss", "nummod", "case"}
_NP_CUT = {"relcl", "punct", "cc", "conj", "advcl", "acl"}


@dataclass
class Speaker:
    actor: str | None
    text: str
    span: Span


def noun_phrase(token: Token) -> tuple[int, int]:
    """Token range [first, last] of the phrase headed by ``token``, without relative
    clauses and trailing punctuation ("John Smith, a spokesman for X")."""
    if token.lower_ in _PRONOUNS:
        return token.i, token.i
    first, last = token.left_edge.i, token.i
    for child in token.rights:
        if child.dep_ in _NP_CUT and child.dep_ != "punct":
            break
        if child.dep_ != "punct":
            last = child.right_edge.i
    doc = token.doc
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return first, last


def core(token: Token) -> tuple[int, int]:
    """Character span of the head noun with the words before it ("deputy foreign minister
    Mikhail Bogdanov", "the official SANA news agency"): where actor mentions are."""
    first = token.i
    for left in sorted(token.lefts, key=lambda t: -t.i):
        if left.right_edge.i != first - 1 or left.dep_ not in _CORE:
            break
        first = left.left_edge.i
    doc = token.doc
    return doc[first].idx, token.idx + len(token)


class Resolver:
    """Maps speaker tokens to actors of one article, remembering recent speakers so that
    a pronoun without an actor mention goes to the last compatible person speaker."""

    def __init__(self, text: str, actors: list[Actor], lexicon: Lexicon) -> None:
        self.text = text
        self.index = MentionIndex(actors)
        self.lexicon = lexicon
        self._spoken: list[tuple[int, str]] = []  # (char position, person actor id)
        persons = sorted((m.start, a.id) for a in actors if a.kind == "person" for m in a.mentions)
        self._person_starts = [s for s, _ in persons]
        self._persons = persons

    def speaker(self, token: Token | None) -> Speaker | None:
        """The speaker named by ``token`` (the head of the subject or of "according to X")."""
        if token is None:
            return None
        first, last = noun_phrase(token)
        doc = token.doc
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        actor = self.index.at(*core(token))
        if actor is None and token.lower_ in _PERSONAL:
            actor_id = self._last_person(token.idx)
        else:
            actor_id = actor.id if actor is not None else None
        return Speaker(actor_id, self.text[start:end], Span(start, end, self.text[start:end]))

    def spoke(self, position: int, actor_id: str | None) -> None:
        """Remember that ``actor_id`` spoke at ``position`` (statements come in text order)."""
        actor = self.index.actors.get(actor_id or "")
        if actor is not None and actor.kind == "person":
            self._spoken.append((position, actor.id))

    def _last_person(self, position: int) -> str | None:
        spoken = [a for p, a in self._spoken if p < position]
        if spoken:
            return spoken[-1]
        i = bisect.bisect_left(self._person_starts, position)
        return self._persons[i - 1][1] if i else None

    def is_media(self, token: Token) -> bool:
        """Whether the phrase headed by ``token`` names a news medium."""
        actor = self.index.at(*core(token))
        if actor is not None and actor.kind == "media":
            return True
        first, last = noun_phrase(token)
        return any(t.lower_ in self.lexicon.media for t in token.doc[first:last + 1])
