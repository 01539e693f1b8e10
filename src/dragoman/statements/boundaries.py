"""Learned content boundaries: where reported content starts and ends.

The parse gives a clause, object or infinitive for each cue; how much of the sentence
around it counts as the content is a matter of convention (PolNeAR keeps what follows
the clause up to the end of the sentence, leaves out ", which ..." after an object,
starts "praised X for Y" at Y, ...). For each content, :func:`alternatives` lists a few
candidate extents from the parse: the clause itself, cut before a comma, dash or right
dependent of its head, started after the cue or at a right dependent, run on to the end
of the sentence or paragraph. A logistic model over their features
(``data/boundary_model.json``, trained on the PolNeAR train split by
``scripts/train_boundary_model.py``) picks one.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token

_CUTS = {",", ";", "—", "–", "-", "--", "(", ":"}
_SPACE = " \t\r\n\xa0"
_QUOTES = set("\"“”‘’'`")
_STARTS = ("prep", "xcomp", "ccomp", "acl", "oprd")
_WORDS = {"that", "to", "the", "a", "an", "his", "her", "their", "its", "he", "she", "it",
          "they", "if", "whether", "how", "what", "why", "about", "for", "of", "on", "as",
          "which", "who", "where", "when", "while", "but", "and", "because", "in", "with"}


@dataclass(frozen=True)
class Extent:
    """A candidate content ``text[start:end]`` and how it was made."""

    start: int
    end: int
    how_start: str
    how_end: str


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]

    def score(self, features: list[str]) -> float:
        return sum(self.weights.get(f, 0.0) for f in features)


@functools.lru_cache(maxsize=1)
def load() -> Model | None:
    """The shipped model, or None when the data file is absent."""
    path = resources.files("dragoman.statements").joinpath("data/boundary_model.json")
    if not path.is_file():
        return None
    return Model(json.loads(path.read_text("utf-8"))["weights"])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE + ".,;:":
        end -= 1
    return start, end


def _first_after(doc: Doc, i: int, limit: int) -> int | None:
    """Character offset of the first word at or after token ``i`` (before ``limit``)."""
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return doc[i].idx if i < len(doc) and doc[i].idx < limit else None


def alternatives(doc: Doc, text: str, start: int, end: int, cue: list[Token],
                 para_end: int) -> list[Extent]:
    """Candidate extents for the content ``text[start:end]`` of ``cue``; the first is
    the content as given."""
    found = [Extent(start, end, "given", "given")]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return found
    cue_start, cue_end = cue[0].idx, cue[-1].idx + len(cue[-1])
    starts = [(start, "given")]
    first = span[0]
    if first.dep_ == "mark" and first.i + 1 < len(doc):
        starts.append((doc[first.i + 1].idx, "nomark|" + first.lower_))
    if cue_end <= start:
        after = _first_after(doc, cue[-1].i + 1, end)
        if after is not None:
            starts.append((after, "aftercue"))
    if cue_start >= end:
        opening = _first_after(doc, span[0].sent.start, start)
        if opening is not None and opening < cue_start:
            starts.append((opening, "sentstart"))
    ends = [(end, "given")]
    for token in span[1:]:
        if token.text in _CUTS:
            following = doc[token.i + 1].dep_ if token.i + 1 < len(doc) else ""
            ends.append((token.idx, "cut" + token.text + "|" + following))
    root = span.root
    for child in root.rights:
        if child.is_punct or child.left_edge.i <= span.start:
            continue
        ends.append((child.left_edge.idx, "right|" + child.dep_))
        if child.dep_ in _STARTS:
            starts.append((child.left_edge.idx, "right|" + child.dep_))
            if child.dep_ == "prep":
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    starts.append((pobj.left_edge.idx, "pobj|" + child.lower_))
    if cue_start < start:
        ends.append((span[-1].sent.end_char, "sentend"))
        ends.append((para_end, "paraend"))
    seen = {(start, end)}
    for s, how_start in starts:
        for e, how_end in ends:
            a, b = _trim(text, s, e)
            if b <= a or (a, b) in seen or (a < cue_start < b and not start <= cue_start < end):
                continue
            seen.add((a, b))
            found.append(Extent(a, b, how_start, how_end))
    return found


def _word(token: Token | None) -> str:
    if token is None:
        return "none"
    if token.lower_ in _WORDS:
        return token.lower_
    return token.pos_ if not token.is_punct else "punct:" + token.text


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n <= 3 else "4" if n <= 7 else \
        "8" if n <= 15 else "16" if n <= 31 else "32"


def features(doc: Doc, text: str, extent: Extent, given: Extent, cue: list[Token],
             how: str) -> list[str]:
    """Binary features of one candidate extent of the content of ``cue`` (found by the
    rule ``how``: clause, xcomp, learned, ...)."""
    span = doc.char_span(extent.start, extent.end, alignment_mode="expand")
    first = span[0] if span is not None and len(span) else None
    last = span[-1] if span is not None and len(span) else None
    after = doc[last.i + 1] if last is not None and last.i + 1 < len(doc) else None
    cue_lemma = cue[0].lemma_.lower()
    inner = text[extent.start:extent.end]
    marks = sum(1 for c in inner if c in _QUOTES and c not in "'’")
    size = len(span) if span is not None else 0
    given_size = len(doc.char_span(given.start, given.end, alignment_mode="expand") or ())
    change = "same" if size == given_size else "longer" if size > given_size else "shorter"
    side = "after" if cue[0].idx < extent.start else "before" if cue[0].idx >= extent.end \
        else "around"
    end = extent.how_end.split("|")[0]
    pair = extent.how_start + "/" + extent.how_end
    rows = [
        "s=" + extent.how_start, "e=" + extent.how_end, "se=" + pair, "eb=" + end,
        "how=" + how, "hs=" + how + "|" + extent.how_start, "he=" + how + "|" + extent.how_end,
        "f=" + _word(first), "l=" + _word(last), "a=" + _word(after),
        "fs=" + _word(first) + "|" + extent.how_start, "ae=" + _word(after) + "|" + end,
        "ad=" + (after.dep_ if after is not None else "none") + "|" + end,
        "z=" + _bucket(size), "ze=" + _bucket(size) + "|" + end, "ch=" + change,
        "che=" + change + "|" + how, "q=" + str(marks % 2), "side=" + side,
        "sidee=" + side + "|" + pair, "cl=" + cue_lemma + "|" + end,
        "cs=" + cue_lemma + "|" + extent.how_start,
        "sentend=" + str(last is not None and _ends_sentence(last)),
    ]
    rows.extend(_difference(doc, given.end, extent.end, extent, cue, "r"))
    rows.extend(_difference(doc, extent.start, given.start, extent, cue, "l"))
    return rows


def _ends_sentence(token: Token) -> bool:
    """Whether nothing but punctuation follows ``token`` in its sentence."""
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and doc[i].is_punct and not doc[i].is_sent_start:
        i += 1
    return i == len(doc) or doc[i].is_sent_start


def _difference(doc: Doc, a: int, b: int, extent: Extent, cue: list[Token],
                side: str) -> list[str]:
    """Features of the words between characters ``a`` and ``b`` that one extent has
    and the given one has not (or the reverse): their top dependencies and where
    these hang (on the cue, inside the extent, elsewhere)."""
    if a == b:
        return [side + "=none"]
    sign = "+" if a < b else "-"
    low, high = min(a, b), max(a, b)
    words = doc.char_span(low, high, alignment_mode="expand")
    if words is None or not len(words):
        return [side + sign + "=empty"]
    cue_ids = {t.i for t in cue}
    rows = [side + sign + "f=" + _word(words[0]), side + sign + "n=" + _bucket(len(words))]
    for token in words:
        if words.start <= token.head.i < words.end and token.head is not token:
            continue
        if token.is_punct:
            continue
        head = token.head
        where = "cue" if head.i in cue_ids else "in" if extent.start <= head.idx < extent.end \
            else "out"
        rows.append(side + sign + "d=" + token.dep_ + "|" + where)
    return rows


def choose(doc: Doc, text: str, start: int, end: int, cue: list[Token], how: str,
           para_end: int, model: Model | None = None) -> tuple[int, int]:
    """The extent the model scores highest for the content ``text[start:end]``."""
    model = model if model is not None else load()
    if model is None:
        return start, end
    found = alternatives(doc, text, start, end, cue, para_end)
    if len(found) == 1:
        return start, end
    given = found[0]
    best = max(found, key=lambda x: model.score(features(doc, text, x, given, cue, how)))
    return best.start, best.end
