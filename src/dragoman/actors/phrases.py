"""Joining atoms into mention phrases: owner, titles, name.

A phrase is, in token order::

    [the] [modifiers] [OWNER ['s]] [modifiers | qualifier | TITLE]* [of|to|for OWNER] [NAME]

"Russia's U.N. ambassador Vitaly Churkin": owner Russia, qualifier U.N., title
ambassador, name Vitaly Churkin. "Syrian rebels": owner Syria, title rebels. "the
Kremlin": owner only. Each phrase becomes one mention of one actor.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from dragoman.actors.kinds import words
from dragoman.actors.match import Atom
from dragoman.actors.tokens import Tokens

_OBJECT_PREPS = {"of", "for", "from"}  # not "to": an envoy to Khartoum is not Sudan's
_ARTICLES = {"the", "a", "an"}


@dataclass
class Phrase:
    start: int  # token span of the mention, [start, end)
    end: int
    owner: Atom | None = None
    agents: list[Atom] = field(default_factory=list)
    person: Atom | None = None
    qualifiers: list[Atom] = field(default_factory=list)
    modifiers: list[str] = field(default_factory=list)
    role_start: int | None = None
    role_end: int | None = None
    determiner: str | None = None
    conj_agent: Phrase | None = None  # "US and British activists": US takes the activists
    named: Atom | None = None  # an organisation owned by ``owner``: "Egypt's Muslim Brotherhood"
    objects: list[Atom] = field(default_factory=list)  # "spokesman for the opposition"
    objects_from: int | None = None  # where the named objects start ("for the Council")

    @property
    def head(self) -> Atom | None:
        """The atom that names the actor (a person, an org, a country) if there is one."""
        if self.person is not None:
            return self.person
        if self.named is not None:
            return self.named
        if not self.agents:
            return self.owner
        return None

    @property
    def former(self) -> bool:
        return (any(m in words()["former_words"] for m in self.modifiers)
                or any(a.agent is not None and a.agent.sector == "ELI" for a in self.agents))


def build_phrases(t: Tokens, sent: tuple[int, int], atoms: list[Atom]) -> list[Phrase]:
    """The phrases of one sentence (its token range), from its atoms (sorted,
    non-overlapping)."""
    starts = {a.start: a for a in atoms}
    covered = {k for a in atoms for k in range(a.start, a.end)}
    phrases: list[Phrase] = []
    used: set[int] = set()
    for atom in atoms:
        if id(atom) in used:
            continue
        phrase = _grow(t, sent, atom, starts, used, covered)
        phrases.append(phrase)
    _conjoin(t, phrases)
    return phrases


def _grow(t: Tokens, sent: tuple[int, int], first: Atom, starts: dict[int, Atom],
          used: set[int], covered: set[int]) -> Phrase:
    w = words()
    glue = w["role_modifiers"]
    low, sent_end = t.lower, sent[1]
    start = _left_edge(low, sent[0], first.start, glue, covered)
    phrase = Phrase(start, first.end)
    phrase.modifiers = [low[k] for k in range(start, first.start) if low[k] in glue]
    if start < first.start and low[start] in _ARTICLES:
        phrase.determiner = low[start]
    k = _place(phrase, first, t)
    used.add(id(first))
    pending: list[Atom] = []  # qualifiers waiting for a title
    while k < sent_end and phrase.person is None:
        if low[k] in w["owner_glue"] and phrase.owner is not None and not phrase.agents:
            k += 1
            continue
        if low[k] in glue and k not in starts:
            phrase.modifiers.append(low[k])
            k += 1
            continue
        if low[k] in _OBJECT_PREPS and phrase.agents and k == phrase.agents[-1].end:
            obj = _object(t, k, sent_end, starts)
            if obj is None or obj.is_person or (obj.agent and obj.agent.kind == "person"):
                break
            if obj.agent is not None:
                phrase.agents.append(obj)
            elif phrase.owner is None:
                phrase.owner = obj
            else:
                break
            used.add(id(obj))
            used.update(id(a) for j, a in starts.items() if k < j < obj.start)  # "military-"
            phrase.objects.append(obj)
            if obj.agent is None:
                phrase.objects_from = phrase.objects_from or k
            k = phrase.end = obj.end
            continue
        atom = starts.get(k)
        if atom is not None and _foreign(phrase, atom):
            atom.entry, atom.agent = None, atom.alt_agent  # "Rwanda's Senate" is no US Senate
        if atom is not None and _named_after_group(phrase, atom, k):
            phrase.objects.append(atom)  # "the opposition Syrian National Council"
            phrase.objects_from = phrase.objects_from or k
            used.add(id(atom))
            phrase.end = atom.end
            break
        if atom is None or not _accepts(phrase, atom, pending):
            break
        used.add(id(atom))
        if atom.agent is None and not atom.is_person:
            pending.append(atom)
            k = atom.end
            continue
        phrase.qualifiers.extend(pending)
        pending = []
        k = _place(phrase, atom, t)
    if (len(pending) == 1 and not phrase.agents and phrase.owner is not None
            and phrase.owner.is_place):
        phrase.named = pending.pop()
        phrase.end = phrase.named.end
    for atom in pending:  # qualifiers never followed by a title are phrases of their own
        used.discard(id(atom))
    if not phrase.agents and phrase.modifiers:
        phrase.start, phrase.modifiers = first.start, []  # "former" needs a title
        phrase.determiner = None
    outside = not phrase.start <= t.head[phrase.start] < phrase.end
    if phrase.determiner and (phrase.head is not None or outside):
        phrase.start += 1  # "the envoy", but "Syrian National Council", not "the Beijing ..."
    return phrase


def _left_edge(low: list[str], sent_start: int, start: int, glue: frozenset[str],
               covered: set[int]) -> int:
    k = start
    while (k > sent_start and k - 1 not in covered and low[k - 1] in glue
           and low[k - 1] != "-"):
        k -= 1
    if k > sent_start and k - 1 not in covered and low[k - 1] in _ARTICLES:
        k -= 1
    return k


def _place(phrase: Phrase, atom: Atom, t: Tokens) -> int:
    """Put ``atom`` in its slot; return the token after it."""
    if atom.is_person:
        phrase.person = atom
    elif atom.agent is not None:
        if phrase.role_start is None:
            phrase.role_start = _role_start(phrase, atom, t.lower)
        phrase.agents.append(atom)
        phrase.role_end = atom.end
    else:
        phrase.owner = atom
    phrase.end = atom.end
    return atom.end


def _role_start(phrase: Phrase, atom: Atom, low: list[str]) -> int:
    """The role starts after the owner and its 's, including modifiers and qualifiers."""
    k = phrase.owner.end if phrase.owner is not None else phrase.start
    while k < atom.start and (low[k] in _ARTICLES or low[k] in words()["owner_glue"]):
        k += 1
    return k


def _named_after_group(phrase: Phrase, atom: Atom, k: int) -> bool:
    """A named organisation right after a group title: the group's name."""
    if not phrase.agents or atom.entry is None or atom.is_place or atom.is_person:
        return False
    last = phrase.agents[-1]
    return last.end == k and last.agent is not None and (
        last.agent.kind in ("organisation", "group") or _ends_with_group(last))


def _ends_with_group(atom: Atom) -> bool:
    pattern = atom.agent.pattern if atom.agent is not None else ""
    return pattern.split()[-1:] in (["opposition"], ["rebels"], ["movement"], ["group"])


def _foreign(phrase: Phrase, atom: Atom) -> bool:
    """An entry of another country after a country owner, whose words are also a title."""
    owner = phrase.owner
    if atom.alt_agent is None or atom.entry is None or owner is None or not owner.is_place:
        return False
    return owner.entry is not None and atom.entry.country != owner.entry.country


def _accepts(phrase: Phrase, atom: Atom, pending: list[Atom]) -> bool:
    if atom.is_person:
        return bool(phrase.agents) or (phrase.owner is not None and phrase.owner.is_place)
    if atom.agent is not None:
        return True
    if atom.is_place:
        return False  # one country per phrase; "the US-Russia talks" are two
    if phrase.agents:
        return False
    return phrase.owner is not None and not pending


def _object(t: Tokens, k: int, sent_end: int, starts: dict[int, Atom]) -> Atom | None:
    """The atom after 'of', 'for' or 'from' (an article and two adjectives may come first)."""
    j = k + 1
    if j < sent_end and t.lower[j] in _ARTICLES:
        j += 1
    for _ in range(2):
        if j + 2 < sent_end and t.word(j + 1) == "-" and not t.space[j] and (
                t.tag[j + 2] in ("VBN", "VBG", "JJ")):
            j += 3  # "from military-ruled Myanmar": the compound modifies Myanmar
        elif j < sent_end and j not in starts and t.pos[j] == "ADJ":
            j += 1
    return starts.get(j)


def _conjoin(t: Tokens, phrases: list[Phrase]) -> None:
    """'US and British activists': the bare country before the conjunction shares the title."""
    for left, right in itertools.pairwise(phrases):
        if left.agents or left.person or left.owner is None or not left.owner.is_place:
            continue
        if not right.agents or right.person or right.owner is None or not right.owner.is_place:
            continue
        gap = t.lower[left.end:right.start]
        if gap and all(g in {"and", ",", "or", "&"} for g in gap) and set(gap) - {","}:
            left.conj_agent = right
