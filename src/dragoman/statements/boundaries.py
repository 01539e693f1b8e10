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

import bisect
import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from itertools import repeat
from typing import NamedTuple

from spacy.tokens import Token

from dragoman.statements.view import View
from dragoman.statements.weights import EMPTY, Feature, Nested, Table, Templates, name

_CUTS = {",", ";", "—", "–", "-", "--", "(", ":"}
_SPACE = " \t\r\n\xa0"
_STARTS = ("prep", "xcomp", "ccomp", "acl", "oprd")
_ARITY = {"s": 1, "e": 1, "se": 1, "eb": 1, "how": 1, "hs": 2, "he": 2, "f": 1, "l": 1, "a": 1,
          "fs": 2, "ae": 2, "ad": 2, "z": 1, "ze": 2, "ch": 1, "che": 2, "q": 1, "side": 1,
          "sidee": 2, "cl": 2, "cs": 2, "sentend": 1}  # the features that every extent has


class Extent(NamedTuple):
    """A candidate content ``text[start:end]`` and how it was made (a named tuple: made
    by the thousand, cheaper than a frozen dataclass)."""

    start: int
    end: int
    how_start: str
    how_end: str


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    table: Table = field(init=False, repr=False, compare=False)
    singles: tuple[Nested, ...] = field(init=False, repr=False, compare=False)
    rows: dict[tuple[str, str], _Rows] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", Table(self.weights))
        object.__setattr__(self, "rows", {})  # by rule and cue lemma, as they come
        tables = Templates(self.weights, _ARITY).tables
        object.__setattr__(self, "singles", tuple(tables[name] for name in _ARITY))

    def score(self, features: list[str]) -> float:
        return sum(map(self.weights.get, features, repeat(0.0)))

    def score_of(self, features: list[Feature]) -> float:
        """:meth:`score` of features given as tuples (the same float)."""
        return self.table.total(features)


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


def alternatives(view: View, text: str, start: int, end: int, cue: tuple[int, int],
                 para_end: int, others: tuple[int, ...] = ()) -> list[Extent]:
    """Candidate extents for the content ``text[start:end]`` of the cue whose first and
    last tokens are ``cue``; the first is the content as given. No extent runs over the
    cue of another statement (character offsets ``others``) that the given one leaves out."""
    found = [Extent(start, end, "given", "given")]
    first, last = view.tokens(start, end)
    if first > last:
        return found
    idx = view.idx
    cue_start, cue_end = idx[cue[0]], view.ends[cue[1]]
    starts = [(start, "given")]
    if view.dep[first] == "mark" and first + 1 < view.n:
        starts.append((idx[first + 1], "nomark|" + view.lower[first]))
    if cue_end <= start:
        after = view.first_word(cue[1] + 1, end)
        if after is not None:
            starts.append((after, "aftercue"))
    if cue_start >= end:
        opening = view.first_word(view.sentence(first)[0], start)
        if opening is not None and opening < cue_start:
            starts.append((opening, "sentstart"))
    ends = [(end, "given")]
    lower = view.lower
    for i in [i for i in range(first + 1, last + 1) if lower[i] in _CUTS]:
        following = view.dep[i + 1] if i + 1 < view.n else ""
        ends.append((idx[i], "cut" + lower[i] + "|" + following))
    root, dep = view.root(first, last), view.dep
    for child in view.children(root):
        if child < root or view.punct[child]:
            continue  # its right dependents only, no punctuation
        left = view.edges(child)[0]
        if left <= first:
            continue
        ends.append((idx[left], "right|" + dep[child]))
        if dep[child] in _STARTS:
            starts.append((idx[left], "right|" + dep[child]))
            if dep[child] == "prep":
                pobj = next((c for c in view.children(child) if dep[c] in ("pobj", "pcomp")),
                            None)
                if pobj is not None:
                    starts.append((idx[view.edges(pobj)[0]], "pobj|" + view.lower[child]))
    if cue_start < start:
        ends.append((view.ends[view.sentence(last)[1]], "sentend"))
        ends.append((para_end, "paraend"))
    seen = {(start, end)}
    outside = sorted(o for o in others if not start <= o < end)  # cues it must not take
    for s, how_start in starts:
        for e, how_end in ends:
            if how_start != "given" and how_end != "given" and how_end != "sentend":
                continue  # both edges moved: seldom right, and costly to score
            a, b = _trim(text, s, e)
            if b <= a or (a, b) in seen or (a < cue_start < b and not start <= cue_start < end):
                continue
            k = bisect.bisect_left(outside, a)
            if k < len(outside) and outside[k] < b:
                continue
            seen.add((a, b))
            found.append(Extent(a, b, how_start, how_end))
    return found


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n <= 3 else "4" if n <= 7 else \
        "8" if n <= 15 else "16" if n <= 31 else "32"


class _Content(NamedTuple):
    """What the features of every candidate extent of one content share: the given
    extent and its first and last token, the cue's tokens, its lemma, the rule."""

    given: Extent
    first: int
    last: int
    cue: tuple[int, int]
    cue_lemma: str
    how: str


def features(view: View, text: str, extent: Extent, given: Extent, cue: tuple[int, int],
             cue_lemma: str, how: str) -> list[str]:
    """Binary features of one candidate extent of the content of the cue whose first and
    last tokens are ``cue`` (found by the rule ``how``: clause, xcomp, learned, ...)."""
    content = _Content(given, *view.tokens(given.start, given.end), cue, cue_lemma, how)
    return [name(f) for f in _features(view, text, extent, content)]


def _features(view: View, text: str, extent: Extent, content: _Content) -> list[Feature]:
    """:func:`features` of ``extent``, as tuples."""
    how, how_start, how_end, lemma = content.how, extent.how_start, extent.how_end, \
        content.cue_lemma
    (end, pair, word_first, word_last, word_after, dep_after, bucket, change, quotes, side,
     sentend) = _parts(view, text, extent, content)
    rows: list[Feature] = [
        ("s", how_start), ("e", how_end), ("se", pair), ("eb", end),
        ("how", how), ("hs", how, how_start), ("he", how, how_end),
        ("f", word_first), ("l", word_last), ("a", word_after),
        ("fs", word_first, how_start), ("ae", word_after, end),
        ("ad", dep_after, end),
        ("z", bucket), ("ze", bucket, end), ("ch", change),
        ("che", change, how), ("q", quotes), ("side", side),
        ("sidee", side, pair), ("cl", lemma, end),
        ("cs", lemma, how_start),
        ("sentend", sentend),
    ]
    rows.extend(_difference(view, content.given.end, extent, content.cue, "r"))
    rows.extend(_difference(view, content.given.start, extent, content.cue, "l"))
    return rows


def _parts(view: View, text: str, extent: Extent, content: _Content) -> tuple[str, ...]:
    """What the features of ``extent`` are made of, besides the content's own parts and
    the extent's ways: its end's kind, its pair of ways, the words at its first and last
    token and after it, the relation after it, its size bucket, how its size compares with
    the given extent's, its quote-mark parity, its side of the cue, whether it ends a
    sentence."""
    first, last = view.tokens(extent.start, extent.end)
    given_size = max(0, content.last - content.first + 1)
    after = last + 1
    start, stop = extent.start, extent.end
    marks = text.count('"', start, stop) + text.count("“", start, stop) + \
        text.count("”", start, stop)
    size = max(0, last - first + 1)
    change = "same" if size == given_size else "longer" if size > given_size else "shorter"
    cue_at = view.idx[content.cue[0]]
    side = "after" if cue_at < extent.start else "before" if cue_at >= extent.end else "around"
    dep_after = view.dep[after] if after < view.n else "none"
    return (extent.how_end.partition("|")[0], extent.how_start + "/" + extent.how_end,
            view.word(first), view.word(last), view.word(after), dep_after, _bucket(size),
            change, str(marks % 2), side, str(size > 0 and view.ends_sentence(last)))


class _Rows(NamedTuple):
    """What the model holds for one content, looked up once per :func:`choose`: the
    weights and tables of the features keyed by its rule and cue lemma, the weights of
    its size change by kind, the table of the words an extent adds or leaves out."""

    how: float
    hs: Nested
    he: Nested
    cl: Nested
    cs: Nested
    che: dict[str, float]
    table: dict[Feature, float]
    unmoved: tuple[float, float]  # the weights of an unmoved right and left edge


def _rows(content: _Content, model: Model) -> _Rows:
    """The :class:`_Rows` of ``content`` under ``model`` (kept by the model)."""
    key = (content.how, content.cue_lemma)
    found = model.rows.get(key)
    if found is None:
        if len(model.rows) >= _ROWS_KEPT:  # memory stays bounded over long runs
            model.rows.clear()
        found = model.rows[key] = _rows_of(*key, model)
    return found


_ROWS_KEPT = 50_000  # (rule, cue lemma) pairs whose weights a model keeps


def _rows_of(how: str, lemma: str, model: Model) -> _Rows:
    """The :class:`_Rows` of a content found by the rule ``how`` for a cue ``lemma``."""
    (_, _, _, _, how_, hs_, he_, _, _, _, _, _, _, _, _, _, che_, _, _, _, cl_, cs_,
     _) = model.singles
    che = {change: che_.get(change, EMPTY).get(how, 0.0)
           for change in ("same", "longer", "shorter")}
    table = model.table.weights
    return _Rows(how_.get(how, 0.0), hs_.get(how, EMPTY), he_.get(how, EMPTY),
                 cl_.get(lemma, EMPTY), cs_.get(lemma, EMPTY), che, table,
                 (table.get(("r", "none"), 0.0), table.get(("l", "none"), 0.0)))


def _score(view: View, text: str, extent: Extent, content: _Content, model: Model,
           rows: _Rows | None = None) -> float:
    """:meth:`Model.score` of the features of ``extent`` (:func:`_features`, in the same
    order), their weights looked up in the model's :class:`Templates` and, for the
    features of the words an extent adds or leaves out, in its :class:`Table`: keep the
    two in step. ``rows``: :func:`_rows` of the content, when worked out already."""
    rows = rows if rows is not None else _rows(content, model)
    how_start, how_end = extent.how_start, extent.how_end
    (end, pair, word_first, word_last, word_after, dep_after, bucket, change, quotes, side,
     sentend) = _parts(view, text, extent, content)
    (s_, e_, se_, eb_, _, _, _, f_, l_, a_, fs_, ae_, ad_, z_, ze_, ch_, _, q_, side_,
     sidee_, _, _, sentend_) = model.singles
    weights: list[float] = [
        s_.get(how_start, 0.0), e_.get(how_end, 0.0), se_.get(pair, 0.0), eb_.get(end, 0.0),
        rows.how, rows.hs.get(how_start, 0.0), rows.he.get(how_end, 0.0),
        f_.get(word_first, 0.0), l_.get(word_last, 0.0), a_.get(word_after, 0.0),
        fs_.get(word_first, EMPTY).get(how_start, 0.0),
        ae_.get(word_after, EMPTY).get(end, 0.0), ad_.get(dep_after, EMPTY).get(end, 0.0),
        z_.get(bucket, 0.0), ze_.get(bucket, EMPTY).get(end, 0.0), ch_.get(change, 0.0),
        rows.che[change], q_.get(quotes, 0.0), side_.get(side, 0.0),
        sidee_.get(side, EMPTY).get(pair, 0.0), rows.cl.get(end, 0.0),
        rows.cs.get(how_start, 0.0), sentend_.get(sentend, 0.0),
    ]
    get, given = rows.table.get, content.given
    if extent.end == given.end:  # what _difference gives an edge left where it was
        weights.append(rows.unmoved[0])
    else:
        for row in _difference(view, given.end, extent, content.cue, "r"):
            weights.append(get(row, 0.0))
    if extent.start == given.start:
        weights.append(rows.unmoved[1])
    else:
        for row in _difference(view, given.start, extent, content.cue, "l"):
            weights.append(get(row, 0.0))
    return sum(weights)


def _difference(view: View, edge: int, extent: Extent, cue: tuple[int, int],
                side: str) -> list[Feature]:
    """Features of the words that one extent has and the given one has not (or the
    reverse) at one side: their top dependencies and where these hang (on the cue,
    inside the extent, elsewhere). ``edge`` is the given extent's edge on that side."""
    if side == "l":
        start, end = min(extent.start, edge), max(extent.start, edge)
        sign = "+" if extent.start < edge else "-"
    else:
        start, end = min(extent.end, edge), max(extent.end, edge)
        sign = "+" if extent.end > edge else "-"
    if start == end:
        return [(side, "none")]
    low, high = view.tokens(start, end)
    if low > high:
        return [(side + sign, "empty")]
    named = side + sign
    rows: list[Feature] = [(named + "f", view.word(low)), (named + "n", _bucket(high - low + 1))]
    idx, head, dep, punct = view.idx, view.head, view.dep, view.punct
    deps = named + "d"
    for i in range(low, high + 1):
        h = head[i]
        if (low <= h <= high and h != i) or punct[i]:
            continue
        where = "cue" if cue[0] <= h <= cue[1] else "in" if extent.start <= idx[h] < extent.end \
            else "out"
        rows.append((deps, dep[i], where))
    return rows


def choose(view: View, text: str, start: int, end: int, cue: list[Token], how: str,
           para_end: int, model: Model | None = None,
           others: tuple[int, ...] = ()) -> tuple[int, int]:
    """The extent the model scores highest for the content ``text[start:end]``."""
    model = model if model is not None else load()
    if model is None:
        return start, end
    span = (cue[0].i, cue[-1].i)
    found = alternatives(view, text, start, end, span, para_end, others)
    if len(found) == 1:
        return start, end
    content = _Content(found[0], *view.tokens(start, end), span, cue[0].lemma_.lower(), how)
    rows = _rows(content, model)
    best = max(found, key=lambda x: _score(view, text, x, content, model, rows))
    return best.start, best.end
