"""Direct quotes found over characters: quote marks paired within paragraphs.

Handles curly and straight marks (“ ” ‘ ’ " ' and the doubled '' and `` of some
wires), unbalanced marks, and the newswire convention for quotes that run over
several paragraphs: the closing mark is left out at the end of a paragraph when the
next paragraph opens with a quote mark. Offsets are character offsets into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = " \t\r\n\xa0"
_OPEN_AFTER = _SPACE + "([{—–-/:"  # what may precede an opening mark
_SENTENCE_END = ".!?…"
_MARK = re.compile("''|``|[“„”\"]")
_ROLES = {"''": "either", "``": "open", "“": "open", "„": "open", "”": "close", '"': "either"}
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Quote:
    """A quoted stretch ``text[start:end]``, its marks included when present."""

    start: int
    end: int
    closed: bool = True

    def inner(self, text: str) -> str:
        return text[self.start:self.end].strip(_SPACE + "\"'“”‘’`")

    def words(self, text: str) -> int:
        return len(_WORD.findall(self.inner(text)))

    def is_full(self, text: str) -> bool:
        """Looks like quoted speech rather than a quoted word or title (a 'scare quote')."""
        inner = self.inner(text)
        n = self.words(text)
        if n >= 5:
            return True
        return n >= 2 and inner[:1].isupper() and inner.rstrip(",")[-1:] in _SENTENCE_END


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding white space."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.start(), match.end()
        while start < end and text[start] in _SPACE:
            start += 1
        while end > start and text[end - 1] in _SPACE:
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def find_quotes(text: str) -> list[Quote]:
    """Every quote of ``text`` in order: double-quoted spans, then single-quoted ones
    that lie outside them."""
    paras = paragraphs(text)
    per_para = [_double_quotes(text, start, end) for start, end in paras]
    quotes = _join_paragraphs(text, paras, per_para)
    singles = [q for start, end in paras for q in _single_quotes(text, start, end)]
    quotes.extend(q for q in singles if not any(o.start <= q.start < o.end for o in quotes))
    return sorted(quotes, key=lambda q: q.start)


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(position, length, role) of double quote marks; role: open, close or either."""
    return [(m.start(), len(m.group()), _ROLES[m.group()])
            for m in _MARK.finditer(text, start, end)]


def _double_quotes(text: str, start: int, end: int) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    for pos, length, role in _marks(text, start, end):
        before = text[pos - 1] if pos > start else " "
        if open_at is None:
            if role == "open" or (role == "either" and (before in _OPEN_AFTER or pos == start)):
                open_at = pos
            continue
        after = text[pos + length] if pos + length < end else " "
        if role == "open" and before not in _SPACE and after in _SPACE + ".,;:!?":
            role = "close"  # “...?“ he asked: an opening mark typed for a closing one
        if role == "open" or (role == "either" and before in _SPACE and after not in _SPACE
                              and after not in ".,;:"):
            quotes.append(Quote(open_at, _rstrip(text, open_at, pos), closed=False))
            open_at = pos
            continue
        quotes.append(Quote(open_at, pos + length))
        open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, end, closed=False))
    return quotes


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return end


def _join_paragraphs(text: str, paras: list[tuple[int, int]],
                     per_para: list[list[Quote]]) -> list[Quote]:
    """Join a quote left open at the end of its paragraph with the quote that opens the
    next paragraph (the closing mark is left out when the quote goes on)."""
    result: list[Quote] = []
    carry: Quote | None = None
    for (p_start, p_end), quotes in zip(paras, per_para, strict=True):
        quotes = list(quotes)
        if carry is not None:
            if quotes and quotes[0].start == p_start:
                quotes[0] = Quote(carry.start, quotes[0].end, quotes[0].closed)
            else:
                result.append(carry)
        carry = None
        if quotes and not quotes[-1].closed and quotes[-1].end == p_end:
            carry = quotes.pop()
        result.extend(quotes)
    if carry is not None:
        result.append(carry)
    return result


# The opening mark comes first in the pattern (what follows no word character or
# apostrophe: the look-behind spans the character before it and the mark), so that the
# search skips to the marks instead of trying the look-behind at every character.
_SINGLE = re.compile(r"[‘'](?<![\w’'][‘'])(?=[A-Za-z0-9])"
                     r"(?P<body>[^‘’'\n]*?[\w.,!?])[’'](?![\w’'])")


def _single_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Single-quoted spans (‘...’ or '...') whose marks cannot be apostrophes."""
    quotes = []
    for match in _SINGLE.finditer(text, start, end):
        if match.group(0)[0] == "'" and match.group(0)[-1] == "’":
            continue
        quotes.append(Quote(match.start(), match.end()))
    return quotes
