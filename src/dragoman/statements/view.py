"""A parsed document as plain lists, read once: cheaper than spaCy tokens in loops."""

from __future__ import annotations

import bisect

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LENGTH,
    LOWER,
    POS,
    SENT_START,
    TAG,
)
from spacy.tokens import Doc

from dragoman.nlp import names

_WORDS = {"that", "to", "the", "a", "an", "his", "her", "their", "its", "he", "she", "it",
          "they", "if", "whether", "how", "what", "why", "about", "for", "of", "on", "as",
          "which", "who", "where", "when", "while", "but", "and", "because", "in", "with"}


class View:
    """The parse of one document as plain lists (cheaper to read than spaCy tokens)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        rows = doc.to_array([HEAD, DEP, POS, LOWER, IS_PUNCT, IS_SPACE, IDX, LENGTH, SENT_START,
                             ENT_TYPE, LEMMA, TAG])
        strings = doc.vocab.strings
        self.n = len(doc)
        self.head = (np.arange(self.n) + rows[:, 0].astype("int64")).tolist()
        self.dep = names(strings, rows[:, 1].tolist())
        self.pos = names(strings, rows[:, 2].tolist())
        self.lower = names(strings, rows[:, 3].tolist())
        self.punct = rows[:, 4].astype(bool).tolist()
        self.space = rows[:, 5].astype(bool).tolist()
        self.idx = rows[:, 6].tolist()
        self.ends = (rows[:, 6] + rows[:, 7]).tolist()
        self.lemma = names(strings, rows[:, 10].tolist(), lower=True)
        self.ent = names(strings, rows[:, 9].tolist())
        self.tag = names(strings, rows[:, 11].tolist())
        self._children: list[list[int]] | None = None
        self._last_words: list[int] | None = None
        self.sents = np.flatnonzero(rows[:, 8].astype("int64") == 1).tolist()
        if self.n and (not self.sents or self.sents[0] != 0):
            self.sents.insert(0, 0)  # the first token starts a sentence, marked or not

    def children(self, i: int) -> list[int]:
        """The dependents of token ``i``, in text order."""
        if self._children is None:
            kids: list[list[int]] = [[] for _ in range(self.n)]
            for j, h in enumerate(self.head):
                if h != j:
                    kids[h].append(j)
            self._children = kids
        return self._children[i]

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
