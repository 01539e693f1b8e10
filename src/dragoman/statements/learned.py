"""Learned cues: stances beyond the cue lexicon ("backed X", "wants to ...", "his plan
to ...", "is confident that ...").

Every verb, noun or adjective with a clause, infinitive or object under it is a
candidate; a logistic model over parse features (``data/cue_model.json``, trained on
the PolNeAR train split by ``scripts/train_cue_model.py``) keeps those likely to be
attributions. The content is the clause, infinitive or object; the source the subject
(or the possessor of a noun: "his plan to ...").
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token

from dragoman.statements import reported
from dragoman.statements.cues import Lexicon

_POS = {"VERB", "NOUN", "ADJ", "AUX"}
_CLAUSES = ("ccomp", "xcomp")
_NOUN_CLAUSES = ("acl", "ccomp", "xcomp", "relcl")
_PREPS = {"of", "about", "on", "for", "against", "to", "with", "over", "at", "by"}
_NOUN_PREPS = {"for", "against", "on", "about", "over", "of"}  # "support for X"
_PEOPLE = {"PERSON", "ORG", "NORP", "GPE"}
_TIMES = {"DATE", "TIME"}


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@functools.lru_cache(maxsize=1)
def load() -> Model | None:
    """The shipped model, or None when the data file is absent."""
    path = resources.files("dragoman.statements").joinpath("data/cue_model.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return Model(data["weights"], float(data["bias"]), float(data["threshold"]))


def content_of(token: Token, cues: frozenset[str]) -> tuple[str, Token] | None:
    """What a candidate cue attributes: (kind, head token) or None."""
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        for dep in _CLAUSES:
            child = reported._child(token, (dep,))
            if child is not None and child.i > token.i:
                return dep, child
        obj = reported._child(token, ("dobj",))
        if obj is not None and obj.i > token.i:
            return "dobj", obj
        passive = reported._child(token, ("nsubjpass",))
        if passive is not None and passive.i < token.i and token.pos_ == "VERB":
            return "nsubjpass", passive  # "the plan was backed by ..."
        for child in token.children:
            if child.dep_ == "advcl" and child.i > token.i and any(
                    c.dep_ == "mark" and c.lower_ == "for" for c in child.children):
                return "for", child  # "called for X to ..."
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _PREPS and child.i > token.i:
                pobj = reported._child(child, ("pobj", "pcomp"))
                if pobj is not None and pobj.ent_type_ not in _TIMES:
                    return "prep", pobj
        return None
    for child in token.children:
        if child.dep_ in _NOUN_CLAUSES and child.i > token.i and child.pos_ in ("VERB", "AUX"):
            return "n" + child.dep_, child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _NOUN_PREPS and child.i > token.i:
            pobj = reported._child(child, ("pobj", "pcomp"))
            if pobj is not None:
                return "nprep", pobj
    return None


def source_of(token: Token) -> Token | None:
    """The subject of a verb, the possessor of a noun, the subject of an adjective's verb."""
    if token.pos_ == "NOUN":
        poss = reported._child(token, ("poss",))
        if poss is not None:
            return poss
        if token.dep_ in ("dobj", "attr") and token.head.pos_ in ("VERB", "AUX"):
            return reported.subject_of(token.head)
        return None
    if token.pos_ == "ADJ" and token.dep_ == "acomp":
        return reported.subject_of(token.head)
    return reported.subject_of(token)


def _kind(token: Token | None) -> str:
    if token is None:
        return "none"
    if token.pos_ == "PRON":
        return "pron:" + token.lower_
    if token.ent_type_:
        return "ent:" + token.ent_type_
    return "noun"


def features(token: Token, kind: str, head: Token, source: Token | None,
             lexicon: Lexicon, inside: str = "none", quoted: bool | None = None,
             first: bool | None = None) -> list[str]:
    """Binary features of one candidate; ``inside`` is how the rule candidate whose
    content holds it was found ("none" when none)."""
    lemma = token.lemma_.lower()
    children = sorted({c.dep_ for c in token.children})
    quoted = _in_quote(token) if quoted is None else quoted
    first = token.sent.start == 0 if first is None else first
    size = head.right_edge.i - head.left_edge.i + 1
    bucket = "s" if size < 4 else "m" if size < 12 else "l"
    src = _kind(source)
    return [
        "l=" + lemma, "p=" + token.pos_, "t=" + token.tag_, "d=" + token.dep_,
        "k=" + kind, "lk=" + lemma + "|" + kind, "ld=" + lemma + "|" + token.dep_,
        "h=" + token.head.lemma_.lower(), "hd=" + token.head.dep_,
        "s=" + src, "ls=" + lemma + "|" + ("none" if source is None else "some"),
        "ks=" + kind + "|" + src.split(":")[0], "z=" + bucket, "kz=" + kind + "|" + bucket,
        "q=" + str(quoted), "lex=" + str(lemma in lexicon.cue_verbs),
        "hl=" + head.lemma_.lower() + "|" + kind, "ht=" + head.tag_,
        "ent=" + str(source is not None and source.ent_type_ in _PEOPLE),
        "lsk=" + lemma + "|" + src.split(":")[0], "lhs=" + lemma + "|" + str(_has_subject(head)),
        "hs=" + kind + "|" + str(_has_subject(head)), "first=" + str(first),
        "in=" + inside, "lin=" + lemma + "|" + str(inside != "none"),
        *("c=" + c for c in children),
        *("lc=" + lemma + "|" + c for c in children if c in ("neg", "aux", "auxpass", "mark")),
    ]


def _has_subject(head: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children)


def quote_parity(doc: Doc) -> list[bool]:
    """For each token, whether an odd number of quote marks precede it in its sentence
    (what :func:`_in_quote` says, for a whole document at once)."""
    parity, odd = [], False
    for token in doc:
        if token.is_sent_start:
            odd = False
        parity.append(odd)
        if token.text in reported._QUOTE_MARKS:
            odd = not odd
    return parity


def _in_quote(token: Token) -> bool:
    sent = token.sent
    marks = sum(1 for t in sent[: token.i - sent.start] if t.text in reported._QUOTE_MARKS)
    return marks % 2 == 1


def candidates(doc: Doc, lexicon: Lexicon, used: set[int]) -> list[tuple[Token, str, Token]]:
    """(cue, content kind, content head) for every token that could be a cue."""
    found = []
    for token in doc:
        if token.i in used or token.pos_ not in _POS:
            continue
        content = content_of(token, lexicon.cue_verbs)
        if content is not None:
            found.append((token, content[0], content[1]))
    return found


def find(doc: Doc, lexicon: Lexicon, found: list[reported.Candidate],
         model: Model | None = None) -> list[reported.Candidate]:
    """Candidates the model keeps, beside ``found`` (whose cues and contents are left out)."""
    model = model if model is not None else load()
    if model is None:
        return []
    used = {t.i for c in found for t in c.cue} | {t.i for c in found for t in c.consumed}
    quoted = quote_parity(doc)
    first_end = next(iter(doc.sents)).end if len(doc) else 0
    taken = [c.content for c in found if c.content is not None]
    extra = []
    for token, kind, head in candidates(doc, lexicon, used):
        source = source_of(token)
        inside = enclosing(token, found)
        if inside in reported._NESTABLE:
            continue  # "urged X to reject Y": one attribution, as the rules have it
        found_features = features(token, kind, head, source, lexicon, inside,
                                  quoted[token.i], token.i < first_end)
        if model.probability(found_features) < model.threshold:
            continue
        span = reported.content_span(head, lexicon.cue_verbs)
        if span is None or any(_same(span, t) for t in taken):
            continue
        extra.append(reported.Candidate([token], span, source, how="learned"))
        taken.append(span)
    return extra


def enclosing(token: Token, found: list[reported.Candidate]) -> str:
    """How the rule candidate whose content holds ``token`` was found, or "none"."""
    at = token.idx
    for candidate in found:
        if candidate.content is not None and candidate.content[0] <= at < candidate.content[1]:
            return candidate.how
    return "none"


def _same(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and 2 * shared >= a[1] - a[0] and 2 * shared >= b[1] - b[0]
