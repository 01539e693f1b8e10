"""Reading a dependency parse: actors of phrases, subjects, objects, clause words.

The parse is read once per document into plain lists (:class:`Parse`) and looked at by
token index: cheaper than a spaCy ``Token`` made on every look.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

import numpy as np
from spacy.attrs import (
    DEP,
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
from spacy.tokens import Doc, Token

from dragoman.actors.index import MentionIndex
from dragoman.events.patterns import Clause
from dragoman.nlp import names

SUBJ = frozenset({"nsubj", "csubj", "expl"})
PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
OBJ = frozenset({"dobj", "obj", "dative"})
OBJECT_SIDE = frozenset({"dobj", "obj", "dative", "prt", "attr", "acomp", "oprd", "xcomp"})
TARGET_PREPS = ("with", "against", "on", "upon", "to", "into", "toward", "towards", "at",
                "between", "from", "over", "for")
MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "appos"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "its", "his", "her", "their"})
DEEP_PREPS = frozenset({"to", "in", "against", "on", "with", "of", "from"})
MAX_WORDS = 40


class Parse:
    """The parse of one document as plain lists, by token index (read once)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        rows = doc.to_array([HEAD, DEP, POS, TAG, LOWER, LEMMA, IDX, LENGTH, IS_PUNCT, IS_SPACE,
                             SENT_START])
        self.n = len(doc)
        strings = doc.vocab.strings
        heads = np.arange(self.n) + rows[:, 0].astype(np.int64)
        self.head: list[int] = heads.tolist()
        self.dep = names(strings, rows[:, 1].tolist())
        self.pos = names(strings, rows[:, 2].tolist())
        self.tag = names(strings, rows[:, 3].tolist())
        self.lower = names(strings, rows[:, 4].tolist())
        self.lemma = names(strings, rows[:, 5].tolist(), lower=True)  # Token.lemma_.lower()
        self.idx: list[int] = rows[:, 6].tolist()
        self.end: list[int] = (rows[:, 6] + rows[:, 7]).tolist()
        kids = [_LEAF] * self.n
        for i, h in enumerate(self.head):
            if h != i:
                if kids[h] is _LEAF:
                    kids[h] = [i]
                else:
                    kids[h].append(i)
        self.kids = kids  # kids[i]: the dependents of token i, in text order
        self.punct: list[bool] = rows[:, 8].astype(bool).tolist()
        self.space: list[bool] = rows[:, 9].astype(bool).tolist()
        marked: list[int] = np.flatnonzero(rows[:, 10] == 1).tolist()  # is_sent_start True
        self.first_marked = bool(marked) and marked[0] == 0
        # the first token of each sentence (the document's first, marked or not)
        self.sents = marked if self.first_marked or not self.n else [0, *marked]

    def root(self, first: int, last: int) -> int:
        """``doc[first:last + 1].root.i``, as spaCy chooses it: a sentence root among the
        tokens, else the first of those whose head lies outside with the fewest steps up
        to its sentence's root (a childless punctuation or space token counting as far)."""
        if first == last:
            return first
        head = self.head
        for i in range(first, last + 1):
            if head[i] == i:
                return i
        best, found = self.n, -1
        for i in range(first, last + 1):
            if first <= head[i] <= last:
                continue
            steps = self._to_root(i)
            if steps < best:
                best, found = steps, i
        return first if found == -1 else found

    def _to_root(self, i: int) -> int:
        """spaCy's ``_count_words_to_root`` with the document's length as its limit."""
        if (self.punct[i] or self.space[i]) and not self.kids[i]:
            return self.n - 1
        head, steps = self.head, 0
        while head[i] != i:
            i = head[i]
            steps += 1
            if steps >= self.n:
                raise RuntimeError("a cycle in the dependency parse")
        return steps

    def token(self, i: int) -> Token:
        """The spaCy token ``i``, where a result needs one."""
        return self.doc[i]

    def children(self, i: int, deps: frozenset[str]) -> list[int]:
        """The dependents of ``i`` whose relation is one of ``deps``."""
        dep = self.dep
        return [c for c in self.kids[i] if dep[c] in deps]

    def subtree(self, i: int, limit: int | None = None) -> list[int]:
        """The first ``limit`` tokens of ``i``'s subtree in ``Token.subtree`` order: the
        left children's subtrees, the token, the right children's subtrees."""
        kids = self.kids
        if not kids[i]:
            return [i] if limit is None or limit > 0 else []
        limit = self.n if limit is None else limit
        out: list[int] = []
        stack = [i]  # a token to expand, or ~token to put out
        while stack and len(out) < limit:
            node = stack.pop()
            below = kids[node] if node >= 0 else None
            if not below:
                out.append(node if node >= 0 else ~node)
                continue
            k = bisect.bisect_left(below, node)  # its left children come first
            stack.extend(reversed(below[k:]))
            stack.append(~node)
            stack.extend(reversed(below[:k]))
        return out


_LEAF: list[int] = []  # the dependents of every token without any (never added to)


class Actors:
    """Actor ids of tokens and phrases, through the article's :class:`MentionIndex`."""

    def __init__(self, index: MentionIndex, parse: Parse) -> None:
        self.index = index
        self.p = parse
        self._cache: dict[int, str | None] = {}

    def of(self, i: int) -> str | None:
        """The actor a noun phrase headed by token ``i`` refers to, or None."""
        if i in self._cache:
            return self._cache[i]
        self._cache[i] = None  # guards against cycles
        found = self._lookup(i)
        self._cache[i] = found
        return found

    def _lookup(self, i: int) -> str | None:
        p = self.p
        actor = self.index.at(p.idx[i], p.end[i])
        if actor is not None:
            return actor.id
        for c in p.kids[i]:
            if p.dep[c] in MODIFIERS and c < i:
                found = self.of(c)
                if found:
                    return found
        for c in p.kids[i]:
            if p.dep[c] == "prep" and p.lower[c] in ("of", "from"):
                for g in p.kids[c]:
                    if p.dep[g] == "pobj":
                        return self.of(g)
        return None

    def all_of(self, i: int) -> list[str]:
        """Every actor of a phrase: "US and British activists" gives two."""
        p = self.p
        found = self.of(i)
        for c in p.kids[i]:
            if p.dep[c] in MODIFIERS and c < i and self.of(c):
                group = [a for k in conjuncts(p, c) for a in [self.of(k)] if a]
                if len(group) > 1 or not found:
                    return list(dict.fromkeys(([found] if found else []) + group))
        return [found] if found else []

    def deep(self, i: int) -> str | None:
        """The actor of a phrase, or of a place or party one preposition below it
        ("travel to Tunisia", "the unrest in Iran")."""
        found = self.of(i)
        if found:
            return found
        p = self.p
        for c in p.kids[i]:
            if p.dep[c] == "prep" and p.lower[c] in DEEP_PREPS:
                o = pobj(p, c)
                if o is not None and self.of(o):
                    return self.of(o)
        return None


def conjuncts(p: Parse, i: int) -> list[int]:
    """``i`` and the tokens coordinated with it ("Britain, France and Germany"); a list
    parsed as apposition plus conjunction ("the US, Russia, and Switzerland") counts."""
    out = [i, *coordinated(p, i)]
    if p.pos[i] == "PROPN":
        for c in p.kids[i]:
            if p.dep[c] == "appos" and p.pos[c] == "PROPN":
                more = coordinated(p, c)
                if more:
                    out += [c, *more]
    return out


def coordinated(p: Parse, i: int) -> list[int]:
    """The tokens coordinated with ``i``, without it (as ``Token.conjuncts``)."""
    start = i
    while start != p.head[start] and p.dep[start] == "conj":
        start = p.head[start]
    queue = [start]
    for word in queue:
        queue.extend(c for c in p.kids[word] if c > word and p.dep[c] == "conj")
    return [w for w in queue if w != i]


def objects(p: Parse, verb: int) -> list[int]:
    """Direct and indirect objects; a dative "to X" stands for X."""
    out = []
    for c in p.kids[verb]:
        if p.dep[c] in OBJ:
            if p.pos[c] == "ADP":
                o = pobj(p, c)
                if o is not None:
                    out.append(o)
            else:
                out.append(c)
    return out


def pobj(p: Parse, prep: int) -> int | None:
    for c in p.kids[prep]:
        if p.dep[c] in ("pobj", "pcomp"):
            return c
    return None


def agents(p: Parse, verb: int) -> list[int]:
    """The ``by`` phrase of a passive verb."""
    out: list[int] = []
    for c in p.kids[verb]:
        if p.dep[c] == "agent":
            o = pobj(p, c)
            if o is not None:
                out.extend(conjuncts(p, o))
    return out


def is_passive(p: Parse, verb: int) -> bool:
    dep = p.dep
    if dep[verb] == "acl" and p.tag[verb] == "VBN":
        # "men sought by police"; but "ministers, meeting ..., threatened to suspend"
        # is a misparsed main verb: a passive participle takes no object or complement
        return not any(dep[c] in ("dobj", "xcomp", "ccomp") for c in p.kids[verb])
    return any(dep[c] in PASS_SUBJ or dep[c] == "auxpass" for c in p.kids[verb])


def subjects(p: Parse, verb: int) -> list[int]:
    """The doers of ``verb``: its subject, or one it shares with the verb it hangs on."""
    if is_passive(p, verb):
        return agents(p, verb)
    subs = p.children(verb, SUBJ)
    if subs:
        sub = subs[0]
        if p.lower[sub] in RELATIVE and p.dep[verb] == "relcl":
            sub = p.head[verb]
        return conjuncts(p, sub)
    dep, head = p.dep[verb], p.head[verb]
    if head == verb:
        return []
    verbal = p.pos[head] in ("VERB", "AUX")
    if dep == "xcomp":
        objs = objects(p, head)
        if objs:
            return conjuncts(p, objs[0])
        pas = p.children(head, PASS_SUBJ)  # "Obama is scheduled to attend"
        return conjuncts(p, pas[0]) if pas else subjects(p, head)
    if dep == "conj" and verbal and not _coordinated(p, verb):
        return []  # "jailed X for helping militants join": a misparse, no shared subject
    if dep in ("conj", "advcl") and verbal:
        return subjects(p, head)
    if dep == "acomp":  # "Norway is willing to send": willing -> is -> Norway
        return subjects(p, head)
    clause_on_noun = dep == "relcl" or (dep == "acl" and p.tag[verb] in ("VBG", "VBN"))
    if clause_on_noun and p.pos[head] in ("NOUN", "PROPN", "PRON"):
        return conjuncts(p, head)
    return []


def _coordinated(p: Parse, conj: int) -> bool:
    """Whether a conjunction or comma joins ``conj`` to the verb it hangs on."""
    head = p.head[conj]
    return any(p.dep[c] in ("cc", "punct") and head < c < conj for c in p.kids[head]) or any(
        p.dep[c] in ("cc", "preconj") for c in p.kids[conj])


def targets(p: Parse, verb: int, skip: int | None, has_actor: Callable[[int], bool],
            preps: tuple[str, ...] = TARGET_PREPS) -> list[int]:
    """Whom ``verb`` is done to: passive subject, direct object, or the first target
    preposition whose object ``has_actor``."""
    if is_passive(p, verb):
        pas = p.children(verb, PASS_SUBJ)
        if pas:
            return conjuncts(p, pas[0])
        if p.dep[verb] in ("acl", "relcl") and p.pos[p.head[verb]] in ("NOUN", "PROPN"):
            return conjuncts(p, p.head[verb])
        return []
    out = [t for o in objects(p, verb) if o != skip for t in conjuncts(p, o)]
    if out:
        return out
    found = {p.lower[c]: c for c in p.kids[verb] if p.dep[c] == "prep"}
    for word in preps:
        if word in found:
            o = pobj(p, found[word])
            if o is not None and has_actor(o):
                return conjuncts(p, o)
    return []


def words(p: Parse, i: int, into: set[str], limit: int = MAX_WORDS) -> set[str]:
    """Lower-case forms and lemmas of ``i``'s subtree (at most ``limit`` tokens)."""
    lower, lemma = p.lower, p.lemma
    for t in p.subtree(i, limit):
        into.add(lower[t])
        into.add(lemma[t])
    return into


def clause(p: Parse, verb: int) -> Clause:
    """The words around ``verb`` that patterns are matched against (for a passive, the
    patient is on the object side and the ``by`` phrase on the subject side)."""
    cl = Clause()
    for c in p.kids[verb]:
        dep = p.dep[c]
        if dep in PASS_SUBJ:
            words(p, c, cl.object, 12)
        elif dep in SUBJ:
            words(p, c, cl.subject, 12)
        elif dep in OBJECT_SIDE:
            words(p, c, cl.object)
            if dep in OBJ:
                _preps(p, c, cl)
        elif dep in ("prep", "agent"):
            _prep(p, c, cl)
            if dep == "agent":  # the doer of a passive is its logical subject
                words(p, c, cl.subject, 12)
    return cl


def noun_clause(p: Parse, noun: int) -> Clause:
    """Words around an event noun: modifiers as subject side, its preposition phrases."""
    cl = Clause()
    for c in p.kids[noun]:
        if p.dep[c] in MODIFIERS or p.dep[c] == "det":
            words(p, c, cl.subject, 8)
    _preps(p, noun, cl)
    return cl


def _preps(p: Parse, i: int, cl: Clause) -> None:
    for c in p.kids[i]:
        if p.dep[c] == "prep":
            _prep(p, c, cl)


def _prep(p: Parse, prep: int, cl: Clause) -> None:
    key = "by" if p.dep[prep] == "agent" else p.lower[prep]
    bag = cl.preps.setdefault(key, set())
    for c in p.kids[prep]:
        _phrase_words(p, c, bag)
    cl.object.update(bag)


def _phrase_words(p: Parse, i: int, into: set[str]) -> None:
    """Words of a preposition's object, without the phrases nested in it ("at the start
    of a trip": start, not trip)."""
    stack, n = [i], 0
    while stack and n < MAX_WORDS:
        t, n = stack.pop(), n + 1
        into.add(p.lower[t])
        into.add(p.lemma[t])
        stack.extend(c for c in p.kids[t] if p.dep[c] not in ("prep", "acl", "relcl"))
