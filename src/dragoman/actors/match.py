"""Finding candidate actor mentions ("atoms") in a parsed document.

Atoms come from the dictionary (longest phrase first, over lower-cased tokens) and from
spaCy's named entities where the dictionary is silent. ``resolve`` then joins atoms
into mentions ("Russia's deputy foreign minister Mikhail Bogdanov").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dragoman.actors.dictionary import Agent, Dictionary, Entry
from dragoman.actors.kinds import code_sectors, words

_NER = {"PERSON": "person", "ORG": "organisation"}


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
               lowered: list[str] | None = None) -> list[Atom]:
    """Non-overlapping atoms in token order (people who share a name chosen by ``date``)."""
    if lowered is None:
        lowered = [t.lower_ for t in doc]
    atoms: list[Atom] = []
    n = len(lowered)
    longest, openings = dictionary.longest, dictionary.openings()
    # where a key can begin: the word opens one, or the word and the next do
    starts = [i for i, word in enumerate(lowered) if word in longest and (
        (word,) in openings or (i + 1 < n and (word, lowered[i + 1]) in openings))]
    free = 0  # the first token not inside an atom found
    for i in starts:
        if i >= free:
            atom = _dictionary_atom(doc, lowered, i, dictionary, date)
            if atom is not None:
                atoms.append(atom)
                free = atom.end
    ents = list(doc.ents)
    return _merge_entities(doc, ents, _capitalised_names(doc, ents, atoms))


def _capitalised_names(doc: Doc, ents: list[Span], atoms: list[Atom]) -> list[Atom]:
    """A capitalised institution word after capitalised words is a name the model missed:
    "the Anti-Coup Alliance", "the Transitional Military Council"."""
    covered = {k for a in atoms for k in range(a.start, a.end)}
    in_ents = {k for e in ents for k in range(e.start, e.end)}
    covered |= in_ents
    for atom in atoms:
        agent = atom.agent
        if atom.start in in_ents:
            continue
        if agent is None or agent.kind not in ("organisation", "group", "media"):
            continue
        if not doc[atom.end - 1].text[:1].isupper():
            continue
        k = atom.start
        while k > 0 and k - 1 not in covered and not doc[k - 1].is_sent_end and (
                (doc[k - 1].text[:1].isupper() and doc[k - 1].lower_ not in words()["determiners"])
                or (doc[k - 1].text == "-" and not doc[k - 1].whitespace_)):
            k -= 1
        if k < atom.start and doc[k].is_alpha and not doc[k].is_sent_start:
            atom.start, atom.agent, atom.ner = k, None, "organisation"
    return atoms


def _dictionary_atom(doc: Doc, lowered: list[str], i: int, dictionary: Dictionary,
                     date: str | None) -> Atom | None:
    here = _longest_at(doc, lowered, i, dictionary, date)
    if here is not None and lowered[i] in words()["determiners"] and i + 1 < len(lowered) \
            and lowered[i + 1] in dictionary.longest:
        later = _longest_at(doc, lowered, i + 1, dictionary, date)
        if later is not None and later.end > here.end:
            return later  # "The UN Security Council", not "The UN" + "Security Council"
    return here


def _longest_at(doc: Doc, lowered: list[str], i: int, dictionary: Dictionary,
                date: str | None) -> Atom | None:
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
        if key in phrases and _entry_ok(doc, i, size):
            entry = dictionary.entry_at(key, date)
            if entry is not None and entry.kind == "title":  # "US Defense Secretary"
                sectors = code_sectors(entry.code_at(date) or "") or "GOV"
                return Atom(i, i + size, entry=entry, agent=Agent(" ".join(key), sectors, "person"))
            return Atom(i, i + size, entry=entry, alt_agent=agent)
        if agent is not None and _agent_ok(doc, i, size):
            return Atom(i, i + size, agent=agent)
    return None


def _entry_ok(doc: Doc, i: int, size: int) -> bool:
    """Names must look like names: capitalised, and acronyms such as US or WHO in capitals."""
    first = doc[i]
    if first.lower_ in words()["determiners"] and size > 1:
        first = doc[i + 1]
    text = first.text
    if first.is_lower and text[:1].isalpha():
        return False
    for tok in doc[i + 1:i + size]:  # "a strict Islamic state" is not the Islamic State
        if tok.is_lower and tok.is_alpha and len(tok) > 3 and not tok.is_stop:
            return False
    if size == 1 and first.lower_ in words()["upper_only"]:
        return first.is_upper and len(text) > 1
    return True


def _agent_ok(doc: Doc, i: int, size: int) -> bool:
    last: Token = doc[i + size - 1]
    return last.pos_ in ("NOUN", "PROPN") or (not last.pos_ and last.is_alpha)


def _merge_entities(doc: Doc, ents: list[Span], atoms: list[Atom]) -> list[Atom]:
    """Add PERSON and ORG entities the dictionary missed; names win over places inside them."""
    owner: dict[int, Atom] = {}
    for atom in atoms:
        for k in range(atom.start, atom.end):
            owner[k] = atom
    extra: list[Atom] = []
    for ent in ents:
        kind = _NER.get(ent.label_)
        if kind is None:
            continue
        if kind == "person":
            ent = _hyphenated(doc, ent)
        inside = {id(owner[k]): owner[k] for k in range(ent.start, ent.end) if k in owner}
        if kind == "person" and inside:
            _person_over_dictionary(ent.start, ent.end, list(inside.values()), atoms, extra)
            continue
        if kind == "organisation" and inside and _named_over_places(doc, ent, inside):
            for atom in inside.values():
                atom.end = atom.start  # "Sudanese" inside "Sudanese Professionals Association"
            for k in range(ent.start, ent.end):
                owner.pop(k, None)
        start = ent.start
        while start < ent.end and start in owner:
            start += 1
        if start < ent.end and not any(k in owner for k in range(start, ent.end)):
            start = _skip_determiner(doc, start, ent.end)
            if start < ent.end and any(t.is_alpha for t in doc[start:ent.end]):
                extra.append(Atom(start, ent.end, ner=kind))  # not the "'s" of "Sierra Leone's"
    merged = [a for a in atoms if a.end > a.start] + extra
    merged.sort(key=lambda a: a.start)
    return merged


def _named_over_places(doc: Doc, ent: Span, inside: dict[int, Atom]) -> bool:
    """An organisation's name the dictionary knows only parts of: a demonym or a title word
    among at least two other words ("Sudanese Professionals Association", "Transitional
    Military Council")."""
    if not all(a.is_place or a.agent is not None for a in inside.values()):
        return False
    free = [t for t in ent if not any(a.start <= t.i < a.end for a in inside.values())]
    return sum(t.is_alpha and t.lower_ not in words()["determiners"] for t in free) >= 2


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


def _hyphenated(doc: Doc, ent: Span) -> Span:
    """'Moon Jae' -> 'Moon Jae-in': the model's name stops at a hyphen."""
    end = ent.end
    while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and doc[end + 1].is_alpha):
        end += 2
    return doc[ent.start:end] if end != ent.end else ent


def _skip_determiner(doc: Doc, start: int, end: int) -> int:
    while start < end and doc[start].lower_ in words()["determiners"]:
        start += 1
    return start
