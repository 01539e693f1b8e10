"""A parsed document as plain lists, read once: cheaper than spaCy tokens in loops.

The columns that events read too (heads, relations, tags, words, offsets, dependents)
come from the article's :class:`dragoman.events.syntax.Parse`; a :class:`View` reads only
what statements add to them.
"""

from __future__ import annotations

import bisect

from spacy.attrs import ENT_TYPE
from spacy.tokens import Doc

from dragoman.events.syntax import Parse
from dragoman.nlp import names

_WORDS = {"that", "to", "the", "a", "an", "his", "her", "their", "its", "he", "she", "it",
          "they", "if", "whether", "how", "what", "why", "about", "for", "of", "on", "as",
          "which", "who", "where", "when", "while", "but", "and", "because", "in", "with"}


class View:
    """The parse of one document as plain lists (cheaper to read than spaCy tokens)."""

    def __init__(self, doc: Doc, parse: Parse | None = None) -> None:
        """The view of ``doc``, on ``parse`` (its :class:`Parse`) when one is at hand."""
        parse = parse if parse is not None else Parse(doc)
        self.doc = doc
        self.parse = parse
        self.n = parse.n
        self.head, self.dep, self.pos, self.tag = parse.head, parse.dep, parse.pos, parse.tag
        self.lower, self.lemma = parse.lower, parse.lemma
        self.idx, self.ends = parse.idx, parse.end
        self.punct, self.space, self.sents = parse.punct, parse.space, parse.sents
        self.root = parse.root  # Span.root of tokens first to last
        self.ent = names(doc.vocab.strings, doc.to_array(ENT_TYPE).tolist())
        self._last_words: list[int] | None = None
        self._edges: dict[int, tuple[int, int]] = {}

    def children(self, i: int) -> list[int]:
        """The dependents of token ``i``, in text order (the parse's own list: read it,
        never change it)."""
        return self.parse.kids[i]

    def edges(self, i: int) -> tuple[int, int]:
        """The first and last token of token ``i``'s subtree, as spaCy has them (read
        once per token: on a non-projective parse they can differ from the subtree's
        least and greatest index, and what spaCy says is what counts)."""
        found = self._edges.get(i)
        if found is None:
            token = self.doc[i]
            found = self._edges[i] = (token.left_edge.i, token.right_edge.i)
        return found

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """First and last token of the characters ``start:end`` (partly covered included)."""
        return bisect.bisect_right(self.ends, start), bisect.bisect_left(self.idx, end) - 1

    def sentence(self, i: int) -> tuple[int, int]:
        """First and last token of the sentence of token ``i``."""
        k = bisect.bisect_right(self.sents, i)
        return self.sents[k - 1], (self.sents[k] - 1 if k < len(self.sents) else self.n - 1)

    def word(self, i: int) -> str:
        if i < 0 or i >= self.n:
            return "none"
        lower = self.lower[i]
        if lower in _WORDS:
            return lower
        return "punct:" + lower if self.punct[i] else self.pos[i]

    def ends_sentence(self, i: int) -> bool:
        """Whether nothing but punctuation follows token ``i`` in its sentence."""
        if self._last_words is None:
            last_words = []
            bounds = [*self.sents[1:], self.n]
            for first, end in zip(self.sents, bounds, strict=True):
                j = end - 1
                while j > first and self.punct[j]:
                    j -= 1
                last_words.append(j)
            self._last_words = last_words
        return i >= self._last_words[bisect.bisect_right(self.sents, i) - 1]

    def first_word(self, i: int, limit: int) -> int | None:
        """Character offset of the first word at or after token ``i`` (before ``limit``)."""
        while i < self.n and (self.punct[i] or self.space[i]):
            i += 1
        return self.idx[i] if i < self.n and self.idx[i] < limit else None
