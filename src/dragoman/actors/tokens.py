"""The parsed document as the actors stage reads it: plain lists by token index.

The shared :class:`dragoman.events.syntax.Parse` gives heads, relations, tags, words and
offsets; the few columns only actors read (spelling, trailing space, a word's lexical
flags, sentence starts) are read here once, with one ``doc.to_array``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import (
    ENT_IOB,
    ENT_TYPE,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_UPPER,
    SENT_START,
    SPACY,
)
from spacy.tokens import Doc

from dragoman.nlp import names

if TYPE_CHECKING:
    from dragoman.events.syntax import Parse


class Tokens:
    """One document's tokens as lists (``Token`` attributes by index), read once."""

    def __init__(self, parse: Parse, chars: str | None = None) -> None:
        doc: Doc = parse.doc
        self.doc = doc
        self.n = n = parse.n
        self.head, self.dep, self.pos, self.tag = parse.head, parse.dep, parse.pos, parse.tag
        self.lower, self.lemma, self.kids = parse.lower, parse.lemma, parse.kids
        self.idx, self.end = parse.idx, parse.end  # each token's first character, the one after
        rows = doc.to_array([SPACY, IS_ALPHA, IS_LOWER, IS_UPPER, IS_STOP, IS_PUNCT, IS_SPACE,
                             SENT_START, ENT_IOB, ENT_TYPE])
        bare = np.maximum(rows[:, 5], rows[:, 6])  # punctuation or space: a root last
        (self.space, self.alpha, self.is_lower, self.is_upper, self.stop,
         self._bare) = np.column_stack([rows[:, :5], bare]).T.tolist()
        # space: 1 where whitespace follows (``Token.whitespace_``)
        starts = np.flatnonzero(rows[:, 7] == 1).tolist()  # ``Token.is_sent_start`` is True
        self._sent_starts = set(starts)
        if n and (not starts or starts[0] != 0):
            starts.insert(0, 0)  # a document's first sentence starts at its first token
        self.sentences = list(zip(starts, [*starts[1:], n], strict=True))
        self._rows = rows
        # the document's text when it is the article's (token texts sliced from it)
        self.chars = chars if chars is not None and n and len(chars) == (
            self.end[-1] + (1 if self.space[-1] else 0)) else None

    def word(self, i: int) -> str:
        """``doc[i].text``."""
        if self.chars is not None:
            return self.chars[self.idx[i]:self.end[i]]
        return str(self.doc[i].text)

    def is_sent_start(self, i: int) -> bool:
        """``Token.is_sent_start`` (truth value)."""
        return i in self._sent_starts

    def is_sent_end(self, i: int) -> bool:
        """``Token.is_sent_end`` (truth value)."""
        return i + 1 == self.n or i + 1 in self._sent_starts

    def entities(self) -> list[tuple[int, int, str]]:
        """``doc.ents`` as (start, end, label): an entity runs from a B token with a type
        through the I tokens after it."""
        iob, kind = self._rows[:, 8], self._rows[:, 9]
        begins = np.flatnonzero((iob == 3) & (kind != 0))
        stops = np.append(np.flatnonzero(iob != 1), self.n)
        ends = stops[np.searchsorted(stops, begins, side="right")]
        labels = names(self.doc.vocab.strings, kind[begins].tolist())
        return [(s, e, label) for s, e, label in zip(begins.tolist(), ends.tolist(), labels,
                                                      strict=True) if label]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        if start >= end:
            return ""
        if self.chars is not None:
            return self.chars[self.idx[start]:self.end[end - 1]]
        return str(self.doc[start:end].text)

    def root(self, start: int, end: int) -> int:
        """``doc[start:end].root.i``, as spaCy chooses it: a sentence root inside the
        range, else the token with its head outside that is nearest the sentence root
        (a childless punctuation or space token last), the first such on ties."""
        if end - start == 1:
            return start
        head = self.head
        for i in range(start, end):
            if head[i] == i:
                return i
        best, found = self.n, -1
        for i in range(start, end):
            if start <= head[i] < end:
                continue
            steps = self._to_root(i)
            if steps < best:
                best, found = steps, i
        return start if found == -1 else found

    def _to_root(self, i: int) -> int:
        """spaCy's ``_count_words_to_root`` with the document's length as its limit."""
        if self._bare[i] and not self.kids[i]:
            return self.n - 1
        head, steps = self.head, 0
        while head[i] != i:
            i = head[i]
            steps += 1
            if steps >= self.n:
                raise RuntimeError("a cycle in the dependency parse")
        return steps
