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

from spacy.tokens import Doc

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


def extract_casualties(doc: Doc, article: Article, actors: list[Actor],
                       parse: syntax.Parse | None = None) -> list[Casualty]:
    """Every counted casualty mention in ``doc`` (``parse``: ``doc`` read as lists, where
    the caller has it already)."""
    p = parse if parse is not None else syntax.Parse(doc)
    triggers, _, _ = _tables()
    heads = _heads(tuple(triggers))
    found = syntax.Actors(MentionIndex(actors), p)
    out: list[Casualty] = []
    seen: set[tuple[int, str]] = set()
    for i in _possible(p, heads, triggers):  # the cheap test first
        if p.lemma[i] == "toll":
            cas = _toll(p, i, article)
            if cas is not None and (cas.span.start, "killed") not in seen:
                seen.add((cas.span.start, "killed"))
                out.append(cas)
            continue
        kind = _kind(p, i, triggers)
        if kind is None or any(p.dep[c] == "neg" for c in p.kids[i]):
            continue
        cas = _casualty(p, i, kind, article, found)
        if cas is not None and (cas.span.start, kind) not in seen:
            seen.add((cas.span.start, kind))
            out.append(cas)
    return out


_KIND_POS = frozenset({"VERB", "ADJ", "NOUN"})  # as in _kind


def _possible(p: syntax.Parse, heads: frozenset[str], triggers: dict[str, str]) -> list[int]:
    """The tokens that may be "toll" or a trigger (lemma, form or lemma with a particle,
    as :func:`_kind` looks them up)."""
    pos, lemma, lower = p.pos, p.lemma, p.lower
    return [i for i in range(p.n) if lemma[i] == "toll" or (
        pos[i] in _KIND_POS and (lemma[i] in heads or lower[i] in triggers))]


@functools.lru_cache(maxsize=4)
def _heads(keys: tuple[str, ...]) -> frozenset[str]:
    """The trigger keys and every leading part of them before a space: a lemma not among
    these takes no trigger, alone or with a particle."""
    return frozenset([*keys, *(k[:j] for k in keys for j, c in enumerate(k) if c == " ")])


def _kind(p: syntax.Parse, i: int, triggers: dict[str, str]) -> str | None:
    if p.pos[i] not in _KIND_POS:
        return None
    lemma = p.lemma[i]
    for c in p.kids[i]:
        if p.dep[c] == "prt":
            key = f"{lemma} {p.lower[c]}"
            if key in triggers:
                return triggers[key]
    return triggers.get(lemma) or triggers.get(p.lower[i])


def _victim(p: syntax.Parse, i: int) -> int | None:
    head = p.head[i]
    if p.pos[i] in ("ADJ", "NOUN"):
        if _number(p, i) is not None:
            return i  # "14 dead"
        if p.dep[i] in ("amod", "acl") and p.pos[head] in ("NOUN", "NUM", "PROPN"):
            return head
        subs = p.children(i, syntax.SUBJ) or p.children(head, syntax.SUBJ)
        return subs[0] if subs and p.dep[i] in ("acomp", "oprd", "ROOT", "ccomp") else None
    if syntax.is_passive(p, i):
        pas = p.children(i, syntax.PASS_SUBJ)
        if pas:
            return pas[0]
        if p.dep[i] in ("acl", "amod") and p.pos[head] in ("NOUN", "NUM"):
            return head  # "30 protesters arrested in ..."
        return None
    if p.lemma[i] in INTRANSITIVE:
        subs = p.children(i, syntax.SUBJ)
        return subs[0] if subs else None
    objs = p.children(i, syntax.OBJ)
    if objs:
        return objs[0]
    if p.dep[i] in ("acl", "amod") and p.pos[head] in ("NOUN", "NUM") and p.tag[i] == "VBN":
        return head
    return None


def _number(p: syntax.Parse, i: int) -> int | None:
    """The token that carries the count of a victim phrase."""
    if p.pos[i] == "NUM" or p.lower[i] in VAGUE:
        return i
    for c in p.kids[i]:
        if p.dep[c] == "nummod" or (p.pos[c] == "NUM" and p.dep[c] in ("amod", "quantmod")):
            return c
    return None


def _count_text(p: syntax.Parse, num: int) -> str:
    parts = [t for t in p.subtree(num) if p.pos[t] == "NUM" or p.lower[t] in VAGUE]
    if not parts:
        return p.token(num).text
    return p.doc[parts[0]:parts[-1] + 1].text


def _casualty(p: syntax.Parse, i: int, kind: str, article: Article,
              actors: syntax.Actors) -> Casualty | None:
    victim = _victim(p, i)
    if victim is None:
        return None
    num: int | None
    above = p.head[victim]
    if p.lower[above] == "of" and p.lower[p.head[above]] in VAGUE:
        num = p.head[above]  # "thousands of people"
    else:
        num = _number(p, victim)
    if num is None:
        return None
    count = parse_count(_count_text(p, num))
    if count is None:
        return None
    qualifier, qstart = _qualifier(p, num, article.text)
    who = None if victim == num or p.pos[victim] == "NUM" else p.token(victim).text
    start = min(qstart, p.idx[num], p.idx[victim], p.idx[i])
    end = max(p.end[victim], p.end[i], p.end[num])
    if qualifier is None and p.lower[num] in VAGUE:
        qualifier = p.lower[num]
    return Casualty(count=count, qualifier=qualifier, kind=kind, who=who,  # type: ignore[arg-type]
                    span=Span(start, end, article.text[start:end]),
                    perpetrator=_perpetrator(p, i, victim, actors))


def _toll(p: syntax.Parse, i: int, article: Article) -> Casualty | None:
    """"the death toll rose to 46", "put the death toll at 46", "a death toll of 46"."""
    if not any(p.lower[c] == "death" for c in p.kids[i]):
        return None
    places = [i, p.head[i]] if p.head[i] != i else [i]
    for owner in places:
        for prep in p.kids[owner]:
            if p.dep[prep] == "prep" and p.lower[prep] in ("at", "to", "of", "above"):
                num = syntax.pobj(p, prep)
                if num is not None and (p.pos[num] == "NUM" or _number(p, num) is not None):
                    num = num if p.pos[num] == "NUM" else _number(p, num)
                    return _toll_record(p, i, num, article)  # type: ignore[arg-type]
        for c in p.kids[owner]:
            if p.dep[c] in ("attr", "dobj") and p.pos[c] == "NUM" and c != i:
                return _toll_record(p, i, c, article)
    return None


def _toll_record(p: syntax.Parse, toll: int, num: int, article: Article) -> Casualty | None:
    count = parse_count(_count_text(p, num))
    if count is None:
        return None
    qualifier, qstart = _qualifier(p, num, article.text)
    death = min(p.idx[c] for c in p.kids[toll] if p.lower[c] == "death")
    start, end = min(death, qstart), max(p.end[num], p.end[toll])
    return Casualty(count=count, qualifier=qualifier, kind="killed", who=None,
                    span=Span(start, end, article.text[start:end]))


def _qualifier(p: syntax.Parse, num: int, text: str) -> tuple[str | None, int]:
    _, _, quals = _tables()
    at = p.idx[num]
    window = text[max(0, at - 24):at].lower()
    for q in quals:
        if window.endswith(q + " "):
            return q, at - len(q) - 1
    return None, at


def _perpetrator(p: syntax.Parse, i: int, victim: int, actors: syntax.Actors) -> str | None:
    if p.lemma[i] in INTRANSITIVE:
        return None
    if syntax.is_passive(p, i):
        cands = syntax.agents(p, i)
    else:
        cands = [s for s in syntax.subjects(p, i) if s != victim]
    for c in cands:
        found = actors.of(c)
        if found:
            return found
    return None
