"""Learned cues: stances beyond the cue lexicon ("backed X", "wants to ...", "his plan
to ...", "is confident that ...").

Every verb, noun or adjective with a clause, infinitive or object under it is a
candidate; a logistic model over parse features (``data/cue_model.json``, trained on
the PolNeAR train split by ``scripts/train_cue_model.py``) keeps those likely to be
attributions. The content is the clause, infinitive or object; the source the subject
(or the possessor of a noun: "his plan to ...").
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from itertools import compress, repeat
from typing import Any

from spacy.tokens import Doc, Token

from dragoman.statements import reported
from dragoman.statements.cues import Lexicon
from dragoman.statements.view import View
from dragoman.statements.weights import EMPTY, Feature, Table, Templates, name, rows

_POS = {"VERB", "NOUN", "ADJ", "AUX"}
_CLAUSES = ("ccomp", "xcomp")
_NOUN_CLAUSES = ("acl", "ccomp", "xcomp", "relcl")
_PREPS = {"of", "about", "on", "for", "against", "to", "with", "over", "at", "by"}
_NOUN_PREPS = {"for", "against", "on", "about", "over", "of"}  # "support for X"
_PEOPLE = {"PERSON", "ORG", "NORP", "GPE"}
_TIMES = {"DATE", "TIME"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl")
_SUBJECT_SET = frozenset(_SUBJECT_DEPS)
_LEMMA_CHILDREN = ("neg", "aux", "auxpass", "mark")  # relations paired with the cue's lemma
_ARITY = {"l": 1, "p": 1, "t": 1, "d": 1, "k": 1, "lk": 2, "ld": 2, "h": 1, "hd": 1, "s": 1,
          "ls": 2, "ks": 2, "z": 1, "kz": 2, "q": 1, "lex": 1, "hl": 2, "ht": 1, "ent": 1,
          "lsk": 2, "lhs": 2, "hs": 2, "first": 1, "in": 1, "lin": 2, "c": 1, "lc": 2}
_BY_LEMMA = ("l", "lk", "ld", "ls", "lsk", "lhs", "lin", "lc")  # keyed first by the lemma
_BY_KIND = ("k", "ks", "kz", "hs")  # keyed first by the content kind
_TRUTHS = ("q", "lex", "ent", "first")  # their one part is "True" or "False"
_SINGLES = ("p", "t", "d", "h", "hd", "s", "z", "q", "lex", "hl", "ht", "ent", "first", "in",
            "c")


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float
    table: Table = field(init=False, repr=False, compare=False)
    templates: Templates = field(init=False, repr=False, compare=False)
    by_lemma: tuple[dict[str, tuple[Any, ...]], tuple[Any, ...]] = field(
        init=False, repr=False, compare=False)
    by_kind: tuple[dict[str, tuple[Any, ...]], tuple[Any, ...]] = field(
        init=False, repr=False, compare=False)
    singles: tuple[Any, ...] = field(init=False, repr=False, compare=False)
    truths: tuple[tuple[float, float], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        templates = Templates(self.weights, _ARITY)
        object.__setattr__(self, "table", Table(self.weights))
        object.__setattr__(self, "templates", templates)
        object.__setattr__(self, "by_lemma", rows(templates, _BY_LEMMA))
        object.__setattr__(self, "by_kind", rows(templates, _BY_KIND))
        object.__setattr__(self, "singles", tuple(templates.tables[n] for n in _SINGLES))
        object.__setattr__(self, "truths", tuple(
            (templates.tables[n].get("False", 0.0), templates.tables[n].get("True", 0.0))
            for n in _TRUTHS))

    def probability(self, features: list[str]) -> float:
        return self._logistic(sum(map(self.weights.get, features, repeat(0.0))))

    def probability_of_weights(self, weights: list[float]) -> float:
        """:meth:`probability` of features given by their weights, in their order."""
        return self._logistic(sum(weights))

    def probability_of(self, features: list[Feature]) -> float:
        """:meth:`probability` of features given as tuples (the same float)."""
        return self._logistic(self.table.total(features))

    def _logistic(self, total: float) -> float:
        score = self.bias + total
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@functools.lru_cache(maxsize=1)
def load() -> Model | None:
    """The shipped model, or None when the data file is absent."""
    path = resources.files("dragoman.statements").joinpath("data/cue_model.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return Model(data["weights"], float(data["bias"]), float(data["threshold"]))


def content_of(token: Token, cues: frozenset[str], view: View | None = None
               ) -> tuple[str, Token] | None:
    """What a candidate cue attributes: (kind, head token) or None."""
    view = view if view is not None else View(token.doc)
    found = _content_at(view, token.i)
    return (found[0], token.doc[found[1]]) if found is not None else None


def _content_at(view: View, i: int) -> tuple[str, int] | None:
    kids, dep = view.children(i), view.dep
    if view.pos[i] in ("VERB", "AUX", "ADJ"):
        firsts: dict[str, int] = {}  # the first child of each dependency
        for kid in kids:
            firsts.setdefault(dep[kid], kid)
        for wanted in _CLAUSES:
            clause = firsts.get(wanted)
            if clause is not None and clause > i:
                return wanted, clause
        obj = firsts.get("dobj")
        if obj is not None and obj > i:
            return "dobj", obj
        passive = firsts.get("nsubjpass")
        if passive is not None and passive < i and view.pos[i] == "VERB":
            return "nsubjpass", passive  # "the plan was backed by ..."
        for child in kids:
            if dep[child] == "advcl" and child > i and any(
                    dep[c] == "mark" and view.lower[c] == "for" for c in view.children(child)):
                return "for", child  # "called for X to ..."
        for child in kids:
            if dep[child] == "prep" and view.lower[child] in _PREPS and child > i:
                pobj = _first(view, view.children(child), ("pobj", "pcomp"))
                if pobj is not None and view.ent[pobj] not in _TIMES:
                    return "prep", pobj
        return None
    for child in kids:
        if dep[child] in _NOUN_CLAUSES and child > i and view.pos[child] in ("VERB", "AUX"):
            return "n" + dep[child], child
    for child in kids:
        if dep[child] == "prep" and view.lower[child] in _NOUN_PREPS and child > i:
            pobj = _first(view, view.children(child), ("pobj", "pcomp"))
            if pobj is not None:
                return "nprep", pobj
    return None


def _first(view: View, kids: list[int], deps: tuple[str, ...]) -> int | None:
    """The first of ``kids`` with one of ``deps`` (as :func:`reported._child`)."""
    for child in kids:
        if view.dep[child] in deps:
            return child
    return None


def source_of(token: Token, view: View | None = None) -> Token | None:
    """The subject of a verb, the possessor of a noun, the subject of an adjective's verb."""
    view = view if view is not None else View(token.doc)
    found = _source_at(view, token.i)
    return token.doc[found] if found is not None else None


def _source_at(view: View, i: int) -> int | None:
    """:func:`source_of` token ``i``."""
    pos, dep, up = view.pos[i], view.dep[i], view.head[i]
    if pos == "NOUN":
        poss = _first(view, view.children(i), ("poss",))
        if poss is not None:
            return poss
        if dep in ("dobj", "attr") and view.pos[up] in ("VERB", "AUX"):
            return reported.subject_at(view, up)
        return None
    if pos == "ADJ" and dep == "acomp":
        return reported.subject_at(view, up)
    return reported.subject_at(view, i)


def _kind(view: View, source: int | None) -> str:
    if source is None:
        return "none"
    if view.pos[source] == "PRON":
        return "pron:" + view.lower[source]
    if view.ent[source]:
        return "ent:" + view.ent[source]
    return "noun"


def features(token: Token, kind: str, head: Token, source: Token | None,
             lexicon: Lexicon, inside: str = "none", quoted: bool | None = None,
             first: bool | None = None, view: View | None = None) -> list[str]:
    """Binary features of one candidate; ``inside`` is how the rule candidate whose
    content holds it was found ("none" when none)."""
    view = view if view is not None else View(token.doc)
    quoted = _in_quote(token) if quoted is None else quoted
    first = token.sent.start == 0 if first is None else first
    return [name(f) for f in _features_at(view, token.i, kind, head.i,
                                           source.i if source is not None else None,
                                           lexicon, inside, quoted, first)]


def _features_at(view: View, i: int, kind: str, h: int, at: int | None, lexicon: Lexicon,
                 inside: str, quoted: bool, first: bool) -> list[Feature]:
    """:func:`features` of cue ``i`` with content head ``h`` and source ``at``, as tuples."""
    up, dep, lemma = view.head[i], view.dep, view.lemma[i]
    children, subject, bucket, src, src_kind = _parts_at(view, i, h, at)
    return [
        ("l", lemma), ("p", view.pos[i]), ("t", view.tag[i]), ("d", dep[i]),
        ("k", kind), ("lk", lemma, kind), ("ld", lemma, dep[i]),
        ("h", view.lemma[up]), ("hd", dep[up]),
        ("s", src), ("ls", lemma, "none" if at is None else "some"),
        ("ks", kind, src_kind), ("z", bucket), ("kz", kind, bucket),
        ("q", str(quoted)), ("lex", str(lemma in lexicon.cue_verbs)),
        ("hl", view.lemma[h], kind), ("ht", view.tag[h]),
        ("ent", str(at is not None and view.ent[at] in _PEOPLE)),
        ("lsk", lemma, src_kind), ("lhs", lemma, subject),
        ("hs", kind, subject), ("first", str(first)),
        ("in", inside), ("lin", lemma, str(inside != "none")),
        *(("c", c) for c in children),
        *(("lc", lemma, c) for c in children if c in _LEMMA_CHILDREN),
    ]


def _parts_at(view: View, i: int, h: int, at: int | None) -> tuple[list[str], str, str, str,
                                                                   str]:
    """What several features of cue ``i`` (content head ``h``, source ``at``) are made
    of: the cue's dependency relations, whether the head has a subject, the head's size
    bucket, the source's kind and its first part."""
    dep = view.dep
    kids = view.children(i)
    children = [dep[kids[0]]] if len(kids) == 1 else sorted({dep[c] for c in kids})
    subject = str(not _SUBJECT_SET.isdisjoint(map(dep.__getitem__, view.children(h))))
    left, right = view.edges(h)
    size = right - left + 1
    bucket = "s" if size < 4 else "m" if size < 12 else "l"
    src = _kind(view, at)
    return children, subject, bucket, src, src.partition(":")[0]


def _weights_at(view: View, i: int, kind: str, h: int, at: int | None, lexicon: Lexicon,
                inside: str, quoted: bool, first: bool, model: Model) -> list[float]:
    """The model's weights of :func:`_features_at` (the same candidate), in the same
    order, looked up in its :class:`Templates` (no feature tuples built): keep the two
    in step."""
    up, dep, lemma = view.head[i], view.dep, view.lemma[i]
    children, subject, bucket, src, src_kind = _parts_at(view, i, h, at)
    table, missing = model.by_lemma
    w_l, lk, ld, ls, lsk, lhs, lin, lc = table.get(lemma, missing)
    table, missing = model.by_kind
    w_k, ks, kz, hs = table.get(kind, missing)
    p_, t_, d_, h_, hd_, s_, z_, _, _, hl_, ht_, _, _, in_, c_ = model.singles
    q_, lex_, ent_, first_ = model.truths  # weights indexed by a bool
    weights: list[float] = [
        w_l, p_.get(view.pos[i], 0.0), t_.get(view.tag[i], 0.0), d_.get(dep[i], 0.0), w_k,
        lk.get(kind, 0.0), ld.get(dep[i], 0.0), h_.get(view.lemma[up], 0.0),
        hd_.get(dep[up], 0.0), s_.get(src, 0.0), ls.get("none" if at is None else "some", 0.0),
        ks.get(src_kind, 0.0), z_.get(bucket, 0.0), kz.get(bucket, 0.0),
        q_[quoted], lex_[lemma in lexicon.cue_verbs],
        hl_.get(view.lemma[h], EMPTY).get(kind, 0.0), ht_.get(view.tag[h], 0.0),
        ent_[at is not None and view.ent[at] in _PEOPLE],
        lsk.get(src_kind, 0.0), lhs.get(subject, 0.0), hs.get(subject, 0.0),
        first_[first], in_.get(inside, 0.0), lin.get(str(inside != "none"), 0.0),
    ]
    weights.extend(map(c_.get, children, repeat(0.0)))
    for c in children:
        if c in _LEMMA_CHILDREN:
            weights.append(lc.get(c, 0.0))
    return weights


def quote_parity(doc: Doc, view: View | None = None) -> list[bool]:
    """For each token, whether an odd number of quote marks precede it in its sentence
    (what :func:`_in_quote` says, for a whole document at once)."""
    view = view if view is not None else View(doc)
    parity = [False] * view.n
    quote_marks = reported._QUOTE_MARKS
    marks = list(compress(range(view.n), map(quote_marks.__contains__, view.lower)))
    if not marks:
        return parity
    for start, end in zip(view.sents, [*view.sents[1:], view.n], strict=True):
        inside = marks[bisect.bisect_left(marks, start):bisect.bisect_left(marks, end)]
        for k in range(0, len(inside), 2):  # after an opening mark, up to its closing one
            first = inside[k] + 1
            last = inside[k + 1] + 1 if k + 1 < len(inside) else end
            parity[first:last] = [True] * (last - first)
    return parity


def _in_quote(token: Token) -> bool:
    sent = token.sent
    marks = sum(1 for t in sent[: token.i - sent.start] if t.text in reported._QUOTE_MARKS)
    return marks % 2 == 1


def candidates(doc: Doc, lexicon: Lexicon, used: set[int],
               view: View | None = None) -> list[tuple[Token, str, Token]]:
    """(cue, content kind, content head) for every token that could be a cue."""
    view = view if view is not None else View(doc)
    return [(doc[i], kind, doc[h]) for i, kind, h in _candidates_at(view, used)]


def _candidates_at(view: View, used: set[int]) -> list[tuple[int, str, int]]:
    """:func:`candidates` by token index."""
    found = []
    kids = view.parse.kids
    for i in compress(range(view.n), map(_POS.__contains__, view.pos)):
        if not kids[i] or i in used:
            continue  # a token with no dependents has no content
        content = _content_at(view, i)
        if content is not None:
            found.append((i, content[0], content[1]))
    return found


def find(doc: Doc, lexicon: Lexicon, found: list[reported.Candidate],
         model: Model | None = None, view: View | None = None) -> list[reported.Candidate]:
    """Candidates the model keeps, beside ``found`` (whose cues and contents are left out)."""
    model = model if model is not None else load()
    if model is None:
        return []
    used = {t.i for c in found for t in c.cue} | {t.i for c in found for t in c.consumed}
    view = view if view is not None else View(doc)
    quoted = quote_parity(doc, view)
    first_end = view.sentence(0)[1] + 1 if len(doc) else 0
    taken = [c.content for c in found if c.content is not None]
    enclosing = _Enclosing(_contents(found))
    extra = []
    for i, kind, h in _candidates_at(view, used):
        inside = enclosing.at(view.idx[i])
        if inside in reported._NESTABLE:
            continue  # "urged X to reject Y": one attribution, as the rules have it
        source = _source_at(view, i)
        weights = _weights_at(view, i, kind, h, source, lexicon, inside, quoted[i],
                              i < first_end, model)
        if model.probability_of_weights(weights) < model.threshold:
            continue
        span = reported.content_span(doc[h], lexicon.cue_verbs, view)
        if span is None or _repeats(span, taken):
            continue
        extra.append(reported.Candidate([doc[i]], span, doc[source] if source is not None
                                        else None, how="learned"))
        taken.append(span)
    return extra


def enclosing(token: Token, found: list[reported.Candidate]) -> str:
    """How the rule candidate whose content holds ``token`` was found, or "none"."""
    return _enclosing_at(token.idx, _contents(found))


def _contents(found: list[reported.Candidate]) -> list[tuple[int, int, str]]:
    """(start, end, how) of the candidates' contents, in their order."""
    return [(c.content[0], c.content[1], c.how) for c in found if c.content is not None]


def _enclosing_at(at: int, contents: list[tuple[int, int, str]]) -> str:
    for start, end, how in contents:
        if start <= at < end:
            return how
    return "none"


class _Enclosing:
    """:func:`_enclosing_at` of some contents for many characters: the contents' edges
    cut the text into pieces that the same contents hold, each looked at once."""

    def __init__(self, contents: list[tuple[int, int, str]]) -> None:
        self.edges = sorted({at for start, end, _ in contents for at in (start, end)})
        self.hows = [_enclosing_at(at, contents) for at in self.edges]

    def at(self, at: int) -> str:
        """How the first content that holds the character ``at`` was found, or "none"."""
        k = bisect.bisect_right(self.edges, at) - 1
        return self.hows[k] if k >= 0 else "none"


def _repeats(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Whether ``span`` is :func:`_same` as any of ``taken`` (the test written out)."""
    start, end = span
    for other_start, other_end in taken:
        shared = min(end, other_end) - max(start, other_start)
        if shared > 0 and 2 * shared >= end - start and 2 * shared >= other_end - other_start:
            return True
    return False


def _same(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and 2 * shared >= a[1] - a[0] and 2 * shared >= b[1] - b[0]
