"""Speakers: the words that name who speaks, the actor they refer to, and chains
through intermediaries (agencies, state media)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Token

from dragoman.actors import MentionIndex
from dragoman.records import Actor, Span
from dragoman.statements.cues import Lexicon
from dragoman.statements.view import View

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


def phrase_at(view: View, i: int) -> tuple[int, int]:
    """:func:`noun_phrase` of token ``i``, read from the view."""
    if view.lower[i] in _PRONOUNS:
        return i, i
    dep, punct, space = view.dep, view.punct, view.space
    first, last = view.edges(i)[0], i
    for child in view.children(i):
        if child < i:
            continue  # its right dependents only
        if dep[child] in _NP_CUT and dep[child] != "punct":
            break
        if dep[child] != "punct":
            last = view.edges(child)[1]
    while first < last and (punct[first] or space[first]):
        first += 1
    while last > first and (punct[last] or space[last]):
        last -= 1
    return first, last


def core_at(view: View, i: int) -> tuple[int, int]:
    """:func:`core` of token ``i``, read from the view."""
    first = i
    for left in reversed([c for c in view.children(i) if c < i]):  # nearest first
        left_edge, right_edge = view.edges(left)
        if right_edge != first - 1 or view.dep[left] not in _CORE:
            break
        first = left_edge
    return view.idx[first], view.ends[i]


class Resolver:
    """Maps speaker tokens to actors of one article, remembering recent speakers so that
    a pronoun without an actor mention goes to the last compatible person speaker."""

    def __init__(self, text: str, actors: list[Actor], lexicon: Lexicon,
                 view: View | None = None) -> None:
        """``view``: the article's :class:`View`, read instead of spaCy tokens."""
        self.text = text
        self.view = view
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
        view = self._view(token)
        first, last = phrase_at(view, token.i)
        start, end = view.idx[first], view.ends[last]
        actor = self.index.at(*core_at(view, token.i))
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
        view = self._view(token)
        actor = self.index.at(*core_at(view, token.i))
        if actor is not None and actor.kind == "media":
            return True
        first, last = phrase_at(view, token.i)
        return not self.lexicon.media.isdisjoint(view.lower[first:last + 1])

    def _view(self, token: Token) -> View:
        """The view of ``token``'s document (the article's, when given)."""
        return self.view if self.view is not None else View(token.doc)
