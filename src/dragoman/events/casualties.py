"""Casualty counts: "more than 2,200 people have been killed", "30 protesters arrested".

A casualty is a trigger word (killed, wounded, arrested, displaced and their kin, from
``data/casualties.tsv``) with a counted victim phrase: the passive subject, the object,
the subject of "die"/"flee", or a number the trigger word hangs on ("14 dead"). The
perpetrator is the actor of the ``by`` phrase or of the active subject.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import numpy as np
from spacy import symbols
from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from dragoman.actors.index import MentionIndex
from dragoman.events import syntax
from dragoman.records import Actor, Article, Casualty, Span

__all__ = ["extract_casualties", "parse_count"]

INTRANSITIVE = frozenset({"die", "flee"})
VAGUE = frozenset({"dozens", "scores", "tens", "hundreds", "thousands", "millions"})


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, int], tuple[str, ...]]:
    text = resources.files("dragoman.events").joinpath("data", "casualties.tsv").read_text(
        encoding="utf-8")
    triggers: dict[str, str] = {}
    numbers: dict[str, int] = {}
    quals: list[str] = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, value, key = line.split("\t")
        if kind == "trigger":
            triggers[key] = value
        elif kind == "number":
            numbers[key] = int(value)
        else:
            quals.append(key)
    return triggers, numbers, tuple(sorted(quals, key=len, reverse=True))


def parse_count(text: str) -> int | None:
    """'2,200' -> 2200, 'three' -> 3, '1.5 million' -> 1500000, 'thousands' -> 1000."""
    _, numbers, _ = _tables()
    t = text.lower().strip()
    if t in numbers:
        return numbers[t]
    m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(million|thousand|hundred|billion))?", t)
    if not m:
        parts = t.split()
        if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
            return numbers[parts[0]] * numbers[parts[1]]
        return None
    value = float(m.group(1).replace(",", ""))
    if m.group(2):
        value *= numbers[m.group(2)]
    return int(value)


def extract_casualties(doc: Doc, article: Article, actors: list[Actor]) -> list[Casualty]:
    """Every counted casualty mention in ``doc``."""
    triggers, _, _ = _tables()
    heads = _heads(tuple(triggers))
    found = syntax.Actors(MentionIndex(actors))
    out: list[Casualty] = []
    seen: set[tuple[int, str]] = set()
    for i in _possible(doc, heads, triggers):  # the cheap test first, on id arrays
        tok = doc[i]
        if tok.lemma_.lower() == "toll":
            cas = _toll(tok, article)
            if cas is not None and (cas.span.start, "killed") not in seen:
                seen.add((cas.span.start, "killed"))
                out.append(cas)
            continue
        kind = _kind(tok, triggers)
        if kind is None or any(c.dep_ == "neg" for c in tok.children):
            continue
        cas = _casualty(tok, kind, article, found)
        if cas is not None and (cas.span.start, kind) not in seen:
            seen.add((cas.span.start, kind))
            out.append(cas)
    return out


_KIND_POS = np.array([symbols.VERB, symbols.ADJ, symbols.NOUN], dtype=np.uint64)  # as in _kind


def _possible(doc: Doc, heads: frozenset[str], triggers: dict[str, str]) -> list[int]:
    """The tokens that may be "toll" or a trigger (lemma, form or lemma with a particle,
    as :func:`_kind` looks them up), each distinct word tested once, no Token made."""
    table = doc.to_array([POS, LEMMA, LOWER])
    strings = doc.vocab.strings
    lemmas = {h: strings[h].lower() for h in np.unique(table[:, 1]).tolist()}
    tolls = [h for h, lemma in lemmas.items() if lemma == "toll"]
    known = [h for h, lemma in lemmas.items() if lemma in heads]
    forms = [h for h in np.unique(table[:, 2]).tolist() if strings[h] in triggers]
    mask = np.isin(table[:, 0], _KIND_POS) & (
        np.isin(table[:, 1], np.array(known, dtype=np.uint64))
        | np.isin(table[:, 2], np.array(forms, dtype=np.uint64)))
    mask |= np.isin(table[:, 1], np.array(tolls, dtype=np.uint64))
    return np.flatnonzero(mask).tolist()


@functools.lru_cache(maxsize=4)
def _heads(keys: tuple[str, ...]) -> frozenset[str]:
    """The trigger keys and every leading part of them before a space: a lemma not among
    these takes no trigger, alone or with a particle."""
    return frozenset([*keys, *(k[:j] for k in keys for j, c in enumerate(k) if c == " ")])


def _kind(tok: Token, triggers: dict[str, str]) -> str | None:
    if tok.pos_ not in ("VERB", "ADJ", "NOUN"):
        return None
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "prt":
            key = f"{lemma} {c.lower_}"
            if key in triggers:
                return triggers[key]
    return triggers.get(lemma) or triggers.get(tok.lower_)


def _victim(tok: Token) -> Token | None:
    if tok.pos_ in ("ADJ", "NOUN"):
        if _number(tok) is not None:
            return tok  # "14 dead"
        head = tok.head
        if tok.dep_ in ("amod", "acl") and head.pos_ in ("NOUN", "NUM", "PROPN"):
            return head
        subs = syntax.children(tok, syntax.SUBJ) or syntax.children(head, syntax.SUBJ)
        return subs[0] if subs and tok.dep_ in ("acomp", "oprd", "ROOT", "ccomp") else None
    if syntax.is_passive(tok):
        pas = syntax.children(tok, syntax.PASS_SUBJ)
        if pas:
            return pas[0]
        if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "NUM"):
            return tok.head  # "30 protesters arrested in ..."
        return None
    if tok.lemma_.lower() in INTRANSITIVE:
        subs = syntax.children(tok, syntax.SUBJ)
        return subs[0] if subs else None
    objs = syntax.children(tok, syntax.OBJ)
    if objs:
        return objs[0]
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "NUM") and tok.tag_ == "VBN":
        return tok.head
    return None


def _number(tok: Token) -> Token | None:
    """The token that carries the count of a victim phrase."""
    if tok.pos_ == "NUM" or tok.lower_ in VAGUE:
        return tok
    for c in tok.children:
        if c.dep_ == "nummod" or (c.pos_ == "NUM" and c.dep_ in ("amod", "quantmod")):
            return c
    for c in tok.children:  # "thousands of people"
        if c.dep_ == "prep" and c.lower_ == "of":
            return None
    return None


def _count_text(num: Token) -> str:
    parts = [t for t in num.subtree if t.pos_ == "NUM" or t.lower_ in VAGUE]
    if not parts:
        return num.text
    return num.doc[parts[0].i:parts[-1].i + 1].text


def _casualty(tok: Token, kind: str, article: Article, actors: syntax.Actors) -> Casualty | None:
    victim = _victim(tok)
    if victim is None:
        return None
    num: Token | None
    if victim.head.lower_ == "of" and victim.head.head.lower_ in VAGUE:
        num = victim.head.head  # "thousands of people"
    else:
        num = _number(victim)
    if num is None:
        return None
    count = parse_count(_count_text(num))
    if count is None:
        return None
    qualifier, qstart = _qualifier(num, article.text)
    who = None if victim is num or victim.pos_ == "NUM" else victim.text
    start = min(qstart, num.idx, victim.idx, tok.idx)
    end = max(victim.idx + len(victim), tok.idx + len(tok), num.idx + len(num))
    if qualifier is None and num.lower_ in VAGUE:
        qualifier = num.lower_
    return Casualty(count=count, qualifier=qualifier, kind=kind, who=who,  # type: ignore[arg-type]
                    span=Span(start, end, article.text[start:end]),
                    perpetrator=_perpetrator(tok, victim, actors))


def _toll(tok: Token, article: Article) -> Casualty | None:
    """"the death toll rose to 46", "put the death toll at 46", "a death toll of 46"."""
    if not any(c.lower_ == "death" for c in tok.children):
        return None
    places = [tok, tok.head] if tok.head is not tok else [tok]
    for owner in places:
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in ("at", "to", "of", "above"):
                num = syntax.pobj(prep)
                if num is not None and (num.pos_ == "NUM" or _number(num) is not None):
                    num = num if num.pos_ == "NUM" else _number(num)
                    return _toll_record(tok, num, article)  # type: ignore[arg-type]
        for c in owner.children:
            if c.dep_ in ("attr", "dobj") and c.pos_ == "NUM" and c is not tok:
                return _toll_record(tok, c, article)
    return None


def _toll_record(toll: Token, num: Token, article: Article) -> Casualty | None:
    count = parse_count(_count_text(num))
    if count is None:
        return None
    qualifier, qstart = _qualifier(num, article.text)
    death = min(c.idx for c in toll.children if c.lower_ == "death")
    start, end = min(death, qstart), max(num.idx + len(num), toll.idx + len(toll))
    return Casualty(count=count, qualifier=qualifier, kind="killed", who=None,
                    span=Span(start, end, article.text[start:end]))


def _qualifier(num: Token, text: str) -> tuple[str | None, int]:
    _, _, quals = _tables()
    window = text[max(0, num.idx - 24):num.idx].lower()
    for q in quals:
        if window.endswith(q + " "):
            return q, num.idx - len(q) - 1
    return None, num.idx


def _perpetrator(tok: Token, victim: Token, actors: syntax.Actors) -> str | None:
    if tok.lemma_.lower() in INTRANSITIVE:
        return None
    if syntax.is_passive(tok):
        cands = syntax.agents(tok)
    else:
        cands = [s for s in syntax.subjects(tok) if s.i != victim.i]
    for c in cands:
        found = actors.of(c)
        if found:
            return found
    return None
