"""Reported speech from the dependency parse: cue verbs, their content clauses and
subjects ("X said on Monday that ...", "..., X said", "according to X, ...",
"X urged Y to ...", "A quoted B as saying ...")."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress

from spacy.tokens import Doc, Token

from dragoman.statements.cues import Lexicon
from dragoman.statements.view import View

_TRIM_PUNCT = {",", ".", ";", ":", "—", "–", "-", "--", "...", "…", "(", ")"}
_QUOTE_MARKS = {'"', "“", "”", "'", "‘", "’", "''", "``"}
_COLON_PREFIX = 4  # most words before the colon of "Name: what they said"
_NESTABLE = {"object", "prep", "xcomp", "objcomp"}  # content kinds left out inside another's
_AFTERTHOUGHTS = {"appos"}  # ", a reference to ..." (not advcl: PolNeAR keeps ", because ...")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_VERBS = {"VERB", "AUX"}
_OPENERS = {"according", "in"}  # "according to X", "in the words of X"


@dataclass
class Candidate:
    """A cue found in the parse, with what it attributes and who to."""

    cue: list[Token]
    content: tuple[int, int] | None
    subject: Token | None = None
    via: Token | None = None
    how: str = "clause"  # clause | xcomp | objcomp | object | prep | raising | according | ...
    consumed: list[Token] = field(default_factory=list)
    pieces: list[tuple[int, int]] = field(default_factory=list)  # when content is split

    @property
    def head(self) -> Token:
        return self.cue[0]


def find(doc: Doc, lexicon: Lexicon, view: View | None = None) -> list[Candidate]:
    """Cue candidates of ``doc`` in text order; a token cues at most once."""
    view = view if view is not None else View(doc)
    found: list[Candidate] = []
    used: set[int] = set()
    for i in _cue_words(view, lexicon):
        if i in used:
            continue
        candidate = _candidate(doc[i], lexicon, view)
        if candidate is None or not candidate.cue:  # a cue phrase can come out empty
            continue
        found.append(candidate)
        used.update(t.i for t in candidate.cue)
        used.update(t.i for t in candidate.consumed)
    found.extend(_colon_lines(doc, view))
    return [c for c in found if c.how not in _NESTABLE or not _nested(c, found)]


def _cue_words(view: View, lexicon: Lexicon) -> list[int]:
    """The tokens that may open a cue, in text order: "according", "in", and verbs that
    are cue verbs or words of cue phrases (the tokens sifted in C, the verbs in Python)."""
    lower, lemma, everyone = view.lower, view.lemma, range(view.n)
    verbs, phrase_words = lexicon.cue_verbs, lexicon.phrase_words
    found = [i for i in compress(everyone, map(_VERBS.__contains__, view.pos))
             if lemma[i] in verbs or lower[i] in phrase_words]
    openers = list(compress(everyone, map(_OPENERS.__contains__, lower)))
    return sorted({*found, *openers}) if openers else found


def _colon_lines(doc: Doc, view: View) -> list[Candidate]:
    """Headline and interview lines "Name: what they said" ("Poll: Sanders leads")."""
    found = []
    for start in view.sents:
        before = start - 1  # a token's own white space is at most one space: "\n" is a token
        if before >= 0 and "\n" not in view.lower[before] and not view.space[before]:
            continue  # only lines that open a paragraph
        last = view.sentence(start)[1]
        at = next((i for i in range(start, min(start + _COLON_PREFIX + 1, last + 1))
                   if view.lower[i] == ":"), None)
        if at is None or at == start or at >= last:
            continue
        sent, colon = doc[start:last + 1], doc[at]
        prefix = doc[sent.start:colon.i]
        if (not prefix[0].is_title and not prefix[0].is_upper) or any(
                t.pos_ in ("VERB", "AUX") or t.is_space for t in prefix):
            continue
        end = sent.end - 1
        span = _extent(colon.i + 1, end, view)
        if span is not None:
            found.append(Candidate([colon], span, prefix.root, how="colon"))
    return found


def _nested(candidate: Candidate, found: list[Candidate]) -> bool:
    """Whether the cue lies in another cue's content ("urged X to reject Y")."""
    at = candidate.head.idx
    return any(o.content is not None and o.content[0] <= at < o.content[1]
               for o in found if o is not candidate)


def _candidate(token: Token, lexicon: Lexicon, view: View) -> Candidate | None:
    i = token.i
    lower = view.lower[i]
    if lower == "according" or (lower == "in" and _next_words(view, i, 3) == (
            "the", "words", "of")):
        return _according(token, view)
    if view.pos[i] not in _VERBS:
        return None
    lemma = view.lemma[i]
    if lemma not in lexicon.cue_verbs:
        clause = _child(token, ("ccomp",), view) if lower in lexicon.phrase_words else None
        if clause is None or len(cue_tokens(token, lexicon, view)) < 2:
            return None  # "made clear that ...", "pointed out that ..."
        return Candidate(cue_tokens(token, lexicon, view),
                         content_span(clause, lexicon.cue_verbs, view), subject_of(token, view))
    if lemma == "quote":
        quoted = _quote_as(token, view)
        if quoted is not None:
            return quoted
    clause = _child(token, ("ccomp",), view) if lemma in lexicon.verbs else None
    if clause is not None:
        return Candidate(cue_tokens(token, lexicon, view),
                         content_span(clause, lexicon.cue_verbs, view), subject_of(token, view))
    clause = _statement_clause(token, lexicon, view) if lemma in lexicon.verbs else None
    if clause is not None:  # "said in a statement that ..." parsed with the clause on the noun
        return Candidate(cue_tokens(token, lexicon, view),
                         content_span(clause, lexicon.cue_verbs, view), subject_of(token, view))
    if view.dep[i] == "parataxis" and lemma in lexicon.verbs and \
            subject_at(view, i) is not None:
        return _parenthetical(token, lexicon, view)
    return _object_candidate(token, lemma, lexicon, view)


def _object_candidate(token: Token, lemma: str, lexicon: Lexicon,
                      view: View) -> Candidate | None:
    """Content that is not a clause: object and complement ("urged X to ...", "called X a
    liar"), infinitive ("vowed to ..."), prepositional object ("accused ... of X"), or
    object ("endorsed X")."""
    obj = _child(token, ("dobj",), view)
    dep, kids = view.dep, view.children(token.i)
    if lemma in lexicon.objcomps and obj is not None:
        comps = [c for c in kids if dep[c] in ("oprd", "xcomp", "ccomp") and c > obj.i]
        if comps:
            span = _extent(view.edges(obj.i)[0], view.edges(comps[-1])[1], view)
            return Candidate(cue_tokens(token, lexicon, view), span, subject_of(token, view),
                             how="objcomp")
    xcomp = _child(token, ("xcomp",), view)
    if lemma in lexicon.xverbs and xcomp is not None:
        raised = _child(token, ("nsubj", "nsubjpass"), view)
        if raised is not None and raised.i < token.i and (
                lemma in lexicon.raising or _child(token, ("auxpass",), view) is not None):
            return _raising(token, raised, xcomp, lexicon, view)
        return Candidate(cue_tokens(token, lexicon, view), content_span(xcomp, view=view),
                         subject_of(token, view), how="xcomp")
    for prep in kids:
        if dep[prep] == "prep" and (lemma, view.lower[prep]) in lexicon.vpreps:
            pobj = next((c for c in view.children(prep) if dep[c] in ("pobj", "pcomp")), None)
            if pobj is not None:
                first = view.edges(obj.i if obj is not None and obj.i < prep else pobj)[0]
                span = _extent(first, view.edges(pobj)[1], view)  # "accused [him of lying]"
                return Candidate(cue_tokens(token, lexicon, view), span, subject_of(token, view),
                                 how="prep")
    if lemma in lexicon.objects and obj is not None:
        return Candidate(cue_tokens(token, lexicon, view), content_span(obj, view=view),
                         subject_of(token, view), how="object")
    return None


def _raising(token: Token, subject: Token, xcomp: Token, lexicon: Lexicon,
             view: View) -> Candidate:
    """"X seems to ...", "X is expected to ...": X and the infinitive are the content, and
    no one is named as the source."""
    first = _extent(subject.left_edge.i, subject.right_edge.i, view)
    second = content_span(xcomp, view=view)
    pieces = [p for p in (first, second) if p is not None]
    span = (pieces[0][0], pieces[-1][1]) if pieces else None
    return Candidate(cue_tokens(token, lexicon, view), span, None, how="raising", pieces=pieces)


def _statement_clause(token: Token, lexicon: Lexicon, view: View) -> Token | None:
    """The "that" clause of "said in a statement that ...", hung on the noun."""
    dep, lower = view.dep, view.lower
    for prep in view.children(token.i):
        if dep[prep] == "prep" and lower[prep] == "in":
            pobj = _first_at(view, view.children(prep), "pobj")
            if pobj is None or view.lemma[pobj] not in lexicon.statement_nouns:
                continue
            clause = next((c for c in view.children(pobj) if dep[c] in ("acl", "ccomp", "relcl")),
                          None)
            if clause is not None and any(dep[c] == "mark" and lower[c] == "that"
                                          for c in view.children(clause)):
                return token.doc[clause]
    return None


def _next_words(view: View, i: int, n: int) -> tuple[str, ...]:
    """The lower-case forms of the (at most) ``n`` tokens after token ``i``."""
    return tuple(view.lower[i + 1:i + 1 + n])


def _child(token: Token, deps: tuple[str, ...], view: View | None = None) -> Token | None:
    """The first dependent of ``token`` with one of ``deps`` (read from ``view``, the
    document's view, when given: no spaCy token made for the others)."""
    if view is None:
        return next((child for child in token.children if child.dep_ in deps), None)
    dep = view.dep
    for child in view.children(token.i):
        if dep[child] in deps:
            return token.doc[child]
    return None


def cue_tokens(token: Token, lexicon: Lexicon, view: View | None = None) -> list[Token]:
    """The cue verb, or the cue phrase around it ("pointed out", "said in a statement")."""
    view = view if view is not None else View(token.doc)
    return [token.doc[i] for i in _cue_at(view, token.i, lexicon)]


def _cue_at(view: View, i: int, lexicon: Lexicon) -> list[int]:
    """:func:`cue_tokens` of token ``i``, by index."""
    lower = view.lower
    for phrase, offset in lexicon.phrase_index.get(lower[i], ()):
        first = i - offset
        words = lower[max(0, first):first + len(phrase)]
        if first >= 0 and len(words) == len(phrase) and all(
                t == w for t, w in zip(words, phrase, strict=True)):
            return list(range(first, first + len(phrase)))
    cue = [i]
    for child in view.children(i):
        if view.dep[child] == "prep" and lower[child] == "in" and child > i:
            pobj = _first_at(view, view.children(child), "pobj")
            if pobj is not None and view.lemma[pobj] in lexicon.statement_nouns:
                cue.extend(range(child, pobj + 1))
    return cue


def _stray(view: View, i: int) -> bool:
    """A conjoined verb with no subject of its own (nor an infinitive marker)."""
    return not any(view.dep[c] in ("nsubj", "nsubjpass", "aux", "mark")
                   for c in view.children(i))


def subject_of(token: Token, view: View | None = None) -> Token | None:
    """Who does the verb (:func:`subject_at`, for a spaCy token)."""
    view = view if view is not None else View(token.doc)
    found = subject_at(view, token.i)
    return token.doc[found] if found is not None else None


def subject_at(view: View, i: int) -> int | None:
    """Who does verb ``i``: its subject, the agent of a passive, or the subject it shares
    with the verb it hangs on (conjunctions, "went on to say", "..., saying")."""
    dep, head = view.dep, view.head
    kids = view.children(i)
    for child in kids:
        if dep[child] in ("nsubj", "csubj"):
            if view.tag[child] in ("WP", "WDT") and dep[i] == "relcl":
                return head[i]
            return child
    agent = _first_at(view, kids, "agent")
    if agent is not None:
        pobj = _first_at(view, view.children(agent), "pobj")
        if pobj is not None:
            return pobj
    up = head[i]
    if dep[i] == "conj" and dep[up] == "ccomp" and not any(
            dep[c] in ("nsubj", "nsubjpass", "aux", "mark") for c in kids):
        return subject_at(view, head[up])  # "X said A and warned B", misparsed
    if dep[i] in ("conj", "xcomp", "advcl") and up != i:
        if dep[i] == "advcl" and view.tag[i] != "VBG":
            return None
        return subject_at(view, up)
    return None


def _first_at(view: View, kids: list[int], dep: str) -> int | None:
    """The first of ``kids`` whose relation is ``dep``."""
    for child in kids:
        if view.dep[child] == dep:
            return child
    return None


def content_span(head: Token, cues: frozenset[str] = frozenset(),
                 view: View | None = None) -> tuple[int, int] | None:
    """Characters of the clause under ``head``, trimmed of edge punctuation, and without
    what follows a comma after the clause proper (", noting that ...", ", though ...",
    ", a reference to ..."), nor a cue verb joined to it without a subject of its own
    ("said the talks failed and warned that ...": the parse often hangs "warned" there)."""
    view = view if view is not None else View(head.doc)
    last = head.right_edge.i
    doc, dep, i = head.doc, view.dep, head.i
    for child in view.children(i):
        if child < i:
            continue  # the clause's right dependents only
        if dep[child] in _AFTERTHOUGHTS and child > 0:
            left = doc[child].left_edge.i
            if view.lower[left - 1] == ",":
                last = left - 2
                break
        if dep[child] == "conj" and view.lemma[child] in cues and _stray(view, child):
            last = doc[child].left_edge.i - 1
            break
    return _extent(head.left_edge.i, max(last, i), view)


def _extent(first: int, last: int, view: View) -> tuple[int, int] | None:
    """Characters of tokens ``first`` to ``last``, trimmed (see :func:`_trimmable`)."""
    while first <= last and _trimmable(view, first, True, first, last):
        first += 1
    while last >= first and _trimmable(view, last, False, first, last):
        last -= 1
    if first > last:
        return None
    return view.idx[first], view.ends[last]


def _trimmable(view: View, i: int, leading: bool, first: int, last: int) -> bool:
    """Whether token ``i``, at the edge of tokens ``first`` to ``last``, is left out."""
    lower = view.lower[i]
    if view.space[i] or lower in _TRIM_PUNCT:
        return True
    if leading and view.dep[i] == "cc" and i == view.doc[i].sent.start:
        return True  # "And ...", "But ..." opening the sentence
    if not leading and view.dep[i] == "cc":
        return True  # "... and" left before a cut
    if lower in _QUOTE_MARKS:
        marks = sum(1 for k in range(first, last + 1) if view.lower[k] in _QUOTE_MARKS)
        return marks % 2 == 1  # an unpaired mark at the edge
    return False


def _according(token: Token, view: View) -> Candidate | None:
    """"according to X, C" / "C, according to X" / "in the words of X"."""
    doc = token.doc
    to: Token | None = token
    if token.lower_ == "according":
        to = next((c for c in token.children if c.dep_ == "prep"), None)
    if to is None:
        return None
    pobj = _child(to, ("pobj",))
    if pobj is None and token.lower_ == "in":
        of = next((c for c in doc[token.i:token.i + 4] if c.lower_ == "of"), None)
        pobj = _child(of, ("pobj",)) if of is not None else None
    if pobj is None:
        return None
    phrase_first, phrase_last = token.i, pobj.right_edge.i
    clause = token.head if token.head is not token else None
    if clause is None:
        return None
    sent = token.sent
    first, last = clause.left_edge.i, clause.right_edge.i
    first, last = max(first, sent.start), min(last, sent.end - 1)
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if phrase_first <= first:
        first = phrase_last + 1
    elif phrase_last >= last:
        last = phrase_first - 1
    span = _extent(first, last, view)
    cue = list(doc[token.i:to.i + 1]) if token.lower_ == "according" else list(doc[token.i:pobj.i])
    return Candidate(cue, span, pobj, how="according")


def _quote_as(token: Token, view: View) -> Candidate | None:
    """"A quoted B as saying C" (speaker B via A) and "B was quoted as saying C"."""
    as_prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if as_prep is None:
        return None
    saying = next((c for c in as_prep.children if c.lemma_.lower() == "say"), None)
    if saying is None:
        return None
    clause = _child(saying, ("ccomp", "xcomp"))
    span = content_span(clause, view=view) if clause is not None else None
    quoted = _child(token, ("dobj", "nsubjpass"))
    via = _child(token, ("nsubj",))
    agent = _child(token, ("agent",))
    if agent is not None:
        via = _child(agent, ("pobj",))
    cue = list(token.doc[token.i:saying.i + 1])
    return Candidate(cue, span, quoted, via=via, how="quote-as", consumed=[saying])


def _parenthetical(token: Token, lexicon: Lexicon, view: View) -> Candidate | None:
    """"C1, X said, C2" and "C, X said" parsed with the cue as parataxis of C."""
    head = token.head
    first, last = head.left_edge.i, head.right_edge.i
    cue_first, cue_last = token.left_edge.i, token.right_edge.i
    if cue_last >= last:
        last = cue_first - 1
    elif cue_first <= first:
        first = cue_last + 1
    span = _extent(first, last, view)
    return Candidate(cue_tokens(token, lexicon, view), span, subject_of(token, view))
