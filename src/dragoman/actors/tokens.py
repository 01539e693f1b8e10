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
    IS_STOP,
    IS_UPPER,
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
        self.root_of = parse.root  # Span.root of tokens first to last
        rows = doc.to_array([SPACY, IS_ALPHA, IS_LOWER, IS_UPPER, IS_STOP, ENT_IOB, ENT_TYPE])
        # space: 1 where whitespace follows (``Token.whitespace_``)
        self.space, self.alpha, self.is_lower, self.is_upper, self.stop = rows[:, :5].T.tolist()
        starts = parse.sents
        # where ``Token.is_sent_start`` is True (the first token only when marked)
        self._sent_starts = set(starts if parse.first_marked else starts[1:])
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
        iob, kind = self._rows[:, 5], self._rows[:, 6]
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
        """``doc[start:end].root.i``."""
        return self.root_of(start, end - 1)
