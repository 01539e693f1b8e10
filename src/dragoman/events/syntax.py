"""Reading a dependency parse: actors of phrases, subjects, objects, clause words."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from dragoman.actors.index import MentionIndex
from dragoman.events.patterns import Clause

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


class Actors:
    """Actor ids of tokens and phrases, through the article's :class:`MentionIndex`."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self._cache: dict[int, str | None] = {}

    def of(self, tok: Token) -> str | None:
        """The actor a noun phrase headed by ``tok`` refers to, or None."""
        if tok.i in self._cache:
            return self._cache[tok.i]
        self._cache[tok.i] = None  # guards against cycles
        found = self._lookup(tok)
        self._cache[tok.i] = found
        return found

    def _lookup(self, tok: Token) -> str | None:
        actor = self.index.at(tok.idx, tok.idx + len(tok))
        if actor is not None:
            return actor.id
        for child in tok.children:
            if child.dep_ in MODIFIERS and child.i < tok.i:
                found = self.of(child)
                if found:
                    return found
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.of(pobj)
        return None

    def all_of(self, tok: Token) -> list[str]:
        """Every actor of a phrase: "US and British activists" gives two."""
        found = self.of(tok)
        for child in tok.children:
            if child.dep_ in MODIFIERS and child.i < tok.i and self.of(child):
                group = [a for c in conjuncts(child) for a in [self.of(c)] if a]
                if len(group) > 1 or not found:
                    return list(dict.fromkeys(([found] if found else []) + group))
        return [found] if found else []

    def deep(self, tok: Token) -> str | None:
        """The actor of a phrase, or of a place or party one preposition below it
        ("travel to Tunisia", "the unrest in Iran")."""
        found = self.of(tok)
        if found:
            return found
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in DEEP_PREPS:
                p = pobj(child)
                if p is not None and self.of(p):
                    return self.of(p)
        return None


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Britain, France and Germany"); a list
    parsed as apposition plus conjunction ("the US, Russia, and Switzerland") counts."""
    out = [tok, *tok.conjuncts]
    if tok.pos_ == "PROPN":
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.conjuncts:
                out += [c, *c.conjuncts]
    return out


def children(tok: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def objects(verb: Token) -> list[Token]:
    """Direct and indirect objects; a dative "to X" stands for X."""
    out = []
    for c in verb.children:
        if c.dep_ in OBJ:
            if c.pos_ == "ADP":
                p = pobj(c)
                if p is not None:
                    out.append(p)
            else:
                out.append(c)
    return out


def pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def agents(verb: Token) -> list[Token]:
    """The ``by`` phrase of a passive verb."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "agent":
            p = pobj(c)
            if p is not None:
                out.extend(conjuncts(p))
    return out


def is_passive(verb: Token) -> bool:
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "men sought by police"; but "ministers, meeting ..., threatened to suspend"
        # is a misparsed main verb: a passive participle takes no object or complement
        return not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in verb.children)
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def subjects(verb: Token) -> list[Token]:
    """The doers of ``verb``: its subject, or one it shares with the verb it hangs on."""
    if is_passive(verb):
        return agents(verb)
    subs = children(verb, SUBJ)
    if subs:
        sub = subs[0]
        if sub.lower_ in RELATIVE and verb.dep_ == "relcl":
            sub = verb.head
        return conjuncts(sub)
    dep, head = verb.dep_, verb.head
    if head is verb:
        return []
    if dep == "xcomp":
        objs = objects(head)
        if objs:
            return conjuncts(objs[0])
        pas = children(head, PASS_SUBJ)  # "Obama is scheduled to attend"
        return conjuncts(pas[0]) if pas else subjects(head)
    if dep in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return subjects(head)
    if dep == "acomp":  # "Norway is willing to send": willing -> is -> Norway
        return subjects(head)
    clause_on_noun = dep == "relcl" or (dep == "acl" and verb.tag_ in ("VBG", "VBN"))
    if clause_on_noun and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return conjuncts(head)
    return []


def targets(verb: Token, skip: int | None = None, has_actor: Callable[[Token], bool] = bool,
            preps: tuple[str, ...] = TARGET_PREPS) -> list[Token]:
    """Whom ``verb`` is done to: passive subject, direct object, or the first target
    preposition whose object ``has_actor``."""
    if is_passive(verb):
        pas = children(verb, PASS_SUBJ)
        if pas:
            return conjuncts(pas[0])
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return conjuncts(verb.head)
        return []
    out = [t for o in objects(verb) if o.i != skip for t in conjuncts(o)]
    if out:
        return out
    found = {c.lower_: c for c in verb.children if c.dep_ == "prep"}
    for word in preps:
        if word in found:
            p = pobj(found[word])
            if p is not None and has_actor(p):
                return conjuncts(p)
    return []


def words(tok: Token, into: set[str], limit: int = MAX_WORDS) -> set[str]:
    """Lower-case forms and lemmas of ``tok``'s subtree (at most ``limit`` tokens)."""
    for n, t in enumerate(tok.subtree):
        if n >= limit:
            break
        into.add(t.lower_)
        into.add(t.lemma_.lower())
    return into


def clause(verb: Token) -> Clause:
    """The words around ``verb`` that patterns are matched against (for a passive, the
    patient is on the object side and the ``by`` phrase on the subject side)."""
    cl = Clause()
    for c in verb.children:
        dep = c.dep_
        if dep in PASS_SUBJ:
            words(c, cl.object, 12)
        elif dep in SUBJ:
            words(c, cl.subject, 12)
        elif dep in OBJECT_SIDE:
            words(c, cl.object)
            if dep in OBJ:
                _preps(c, cl)
        elif dep in ("prep", "agent"):
            _prep(c, cl)
            if dep == "agent":  # the doer of a passive is its logical subject
                words(c, cl.subject, 12)
    return cl


def noun_clause(noun: Token) -> Clause:
    """Words around an event noun: modifiers as subject side, its preposition phrases."""
    cl = Clause()
    for c in noun.children:
        if c.dep_ in MODIFIERS or c.dep_ == "det":
            words(c, cl.subject, 8)
    _preps(noun, cl)
    return cl


def _preps(tok: Token, cl: Clause) -> None:
    for c in tok.children:
        if c.dep_ == "prep":
            _prep(c, cl)


def _prep(prep: Token, cl: Clause) -> None:
    key = "by" if prep.dep_ == "agent" else prep.lower_
    bag = cl.preps.setdefault(key, set())
    for c in prep.children:
        words(c, bag)
    cl.object.update(bag)
