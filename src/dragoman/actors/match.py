"""Finding candidate actor mentions ("atoms") in a parsed document.

Atoms come from the dictionary (longest phrase first, over lower-cased tokens) and from
spaCy's named entities where the dictionary is silent. ``resolve`` then joins atoms
into mentions ("Russia's deputy foreign minister Mikhail Bogdanov").
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from spacy.tokens import Doc

from dragoman.actors.dictionary import Agent, Dictionary, Entry
from dragoman.actors.kinds import code_sectors, words
from dragoman.actors.tokens import Tokens

_NER = {"PERSON": "person", "ORG": "organisation"}

Entity = tuple[int, int, str]  # a named entity: start and end token, label


@dataclass
class Atom:
    """A stretch of tokens [start, end) that names an actor or a role."""

    start: int
    end: int
    entry: Entry | None = None
    agent: Agent | None = None
    ner: str | None = None  # "person" or "organisation" for entities not in the dictionary
    alt_agent: Agent | None = None  # the same words as a title: "Senate" in "Rwanda's Senate"

    @property
    def is_person(self) -> bool:
        return self.ner == "person" or (self.entry is not None and self.entry.kind == "person")

    @property
    def is_place(self) -> bool:
        return self.entry is not None and self.entry.kind == "state"


def find_atoms(doc: Doc, dictionary: Dictionary, date: str | None = None,
               tokens: Tokens | None = None) -> list[Atom]:
    """Non-overlapping atoms in token order (people who share a name chosen by ``date``);
    ``tokens``: the document read as lists (read here when not given)."""
    if tokens is None:
        from dragoman.events.syntax import Parse  # events reads actors: imported late
        tokens = Tokens(Parse(doc))
    t = tokens
    atoms: list[Atom] = []
    free = 0  # the first token not inside an atom found
    for i in _openings(t, dictionary):
        if i >= free:
            atom = _dictionary_atom(t, i, dictionary, date)
            if atom is not None:
                atoms.append(atom)
                free = atom.end
    ents = t.entities()
    return _merge_entities(t, ents, _capitalised_names(t, ents, atoms))


def _openings(t: Tokens, dictionary: Dictionary) -> list[int]:
    """Where a key can begin: the word opens one, or the word and the next do (the words
    that open none are passed over without a Python step each)."""
    follow, lowered, n = dictionary.followers(), t.lower, t.n
    return [i for i in compress(range(n), map(follow.__contains__, lowered))
            if (f := follow[lowered[i]]) is None or (i + 1 < n and lowered[i + 1] in f)]


def _capitalised_names(t: Tokens, ents: list[Entity], atoms: list[Atom]) -> list[Atom]:
    """A capitalised institution word after capitalised words is a name the model missed:
    "the Anti-Coup Alliance", "the Transitional Military Council"."""
    covered = {k for a in atoms for k in range(a.start, a.end)}
    in_ents = {k for start, end, _ in ents for k in range(start, end)}
    covered |= in_ents
    word, lower, determiners = t.word, t.lower, words()["determiners"]
    for atom in atoms:
        agent = atom.agent
        if atom.start in in_ents:
            continue
        if agent is None or agent.kind not in ("organisation", "group", "media"):
            continue
        if not word(atom.end - 1)[:1].isupper():
            continue
        k = atom.start
        while k > 0 and k - 1 not in covered and not t.is_sent_end(k - 1) and (
                (word(k - 1)[:1].isupper() and lower[k - 1] not in determiners)
                or (word(k - 1) == "-" and not t.space[k - 1])):
            k -= 1
        if k < atom.start and t.alpha[k] and not t.is_sent_start(k):
            atom.start, atom.agent, atom.ner = k, None, "organisation"
    return atoms


def _dictionary_atom(t: Tokens, i: int, dictionary: Dictionary,
                     date: str | None) -> Atom | None:
    lowered = t.lower
    here = _longest_at(t, i, dictionary, date)
    if here is not None and lowered[i] in words()["determiners"] and i + 1 < len(lowered) \
            and lowered[i + 1] in dictionary.longest:
        later = _longest_at(t, i + 1, dictionary, date)
        if later is not None and later.end > here.end:
            return later  # "The UN Security Council", not "The UN" + "Security Council"
    return here


def _longest_at(t: Tokens, i: int, dictionary: Dictionary, date: str | None) -> Atom | None:
    lowered = t.lower
    top = min(dictionary.longest[lowered[i]], len(lowered) - i)
    phrases, agents = dictionary.phrases, dictionary.agents
    prefixes, reach = dictionary.prefixes(), 1
    while reach < top:  # no key is longer than the longest key or prefix of one found here
        key = tuple(lowered[i:i + reach + 1])
        if key not in prefixes and key not in phrases and key not in agents:
            break
        reach += 1
    for size in range(reach, 0, -1):
        key = tuple(lowered[i:i + size])
        agent = agents.get(key)
        if key in phrases and _entry_ok(t, i, size):
            entry = dictionary.entry_at(key, date)
            if entry is not None and entry.kind == "title":  # "US Defense Secretary"
                sectors = code_sectors(entry.code_at(date) or "") or "GOV"
                return Atom(i, i + size, entry=entry, agent=Agent(" ".join(key), sectors, "person"))
            return Atom(i, i + size, entry=entry, alt_agent=agent)
        if agent is not None and _agent_ok(t, i + size - 1):
            return Atom(i, i + size, agent=agent)
    return None


def _entry_ok(t: Tokens, i: int, size: int) -> bool:
    """Names must look like names: capitalised, and acronyms such as US or WHO in capitals."""
    first = i
    if t.lower[i] in words()["determiners"] and size > 1:
        first = i + 1
    text = t.word(first)
    if t.is_lower[first] and text[:1].isalpha():
        return False
    for k in range(i + 1, i + size):  # "a strict Islamic state" is not the Islamic State
        if t.is_lower[k] and t.alpha[k] and len(t.word(k)) > 3 and not t.stop[k]:
            return False
    if size == 1 and t.lower[first] in words()["upper_only"]:
        return bool(t.is_upper[first]) and len(text) > 1
    return True


def _agent_ok(t: Tokens, last: int) -> bool:
    pos = t.pos[last]
    return pos in ("NOUN", "PROPN") or (not pos and bool(t.alpha[last]))


def _merge_entities(t: Tokens, ents: list[Entity], atoms: list[Atom]) -> list[Atom]:
    """Add PERSON and ORG entities the dictionary missed; names win over places inside them."""
    owner: dict[int, Atom] = {}
    for atom in atoms:
        for k in range(atom.start, atom.end):
            owner[k] = atom
    extra: list[Atom] = []
    for ent_start, ent_end, label in ents:
        kind = _NER.get(label)
        if kind is None:
            continue
        if kind == "person":
            ent_end = _hyphenated(t, ent_end)
        inside = {id(owner[k]): owner[k] for k in range(ent_start, ent_end) if k in owner}
        if kind == "person" and inside:
            _person_over_dictionary(ent_start, ent_end, list(inside.values()), atoms, extra)
            continue
        if kind == "organisation" and inside and _named_over_places(t, ent_start, ent_end,
                                                                    inside):
            for atom in inside.values():
                atom.end = atom.start  # "Sudanese" inside "Sudanese Professionals Association"
            for k in range(ent_start, ent_end):
                owner.pop(k, None)
        start = ent_start
        while start < ent_end and start in owner:
            start += 1
        if start < ent_end and not any(k in owner for k in range(start, ent_end)):
            start = _skip_determiner(t, start, ent_end)
            if start < ent_end and any(t.alpha[start:ent_end]):
                extra.append(Atom(start, ent_end, ner=kind))  # not the "'s" of "Sierra Leone's"
    merged = [a for a in atoms if a.end > a.start] + extra
    merged.sort(key=lambda a: a.start)
    return merged


def _named_over_places(t: Tokens, start: int, end: int, inside: dict[int, Atom]) -> bool:
    """An organisation's name the dictionary knows only parts of: a demonym or a title word
    among at least two other words ("Sudanese Professionals Association", "Transitional
    Military Council")."""
    if not all(a.is_place or a.agent is not None for a in inside.values()):
        return False
    free = [k for k in range(start, end) if not any(a.start <= k < a.end for a in inside.values())]
    determiners = words()["determiners"]
    return sum(bool(t.alpha[k]) and t.lower[k] not in determiners for k in free) >= 2


def _person_over_dictionary(start: int, end: int, inside: list[Atom], atoms: list[Atom],
                            extra: list[Atom]) -> None:
    """A PERSON entity over dictionary atoms: the dictionary's person, else a new person."""
    if any(a.is_person for a in inside):
        return
    if any(a.entry is not None and (a.start < start or a.end > end) for a in inside):
        return  # the dictionary's name is longer than the model's: "Glorbo Pax"
    named = [a for a in inside if a.entry is not None and a.entry.kind == "organisation"
             and a.start == start and a.end == end]
    if named:  # entries such as a leader listed under his government's code
        named[0].ner = "person"
        return
    if len(inside) == 1 and inside[0].start == start and inside[0].end == end:
        return  # a country the model took for a person
    titles = [a for a in inside if a.agent is not None and a.start == start]
    cut = titles[-1].end if titles else start
    if cut >= end:
        return
    for atom in inside:
        if atom.start >= cut:
            atom.end = atom.start  # emptied: dropped by the caller
    extra.append(Atom(cut, end, ner="person"))


def _hyphenated(t: Tokens, end: int) -> int:
    """The end of a PERSON entity: 'Moon Jae' -> 'Moon Jae-in' (the model's name stops at
    a hyphen)."""
    while (end + 1 < t.n and t.word(end) == "-" and not t.space[end - 1]
           and not t.space[end] and t.alpha[end + 1]):
        end += 2
    return end


def _skip_determiner(t: Tokens, start: int, end: int) -> int:
    while start < end and t.lower[start] in words()["determiners"]:
        start += 1
    return start
