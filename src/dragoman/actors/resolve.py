"""Resolving mentions to coded actors: ``resolve(doc, article) -> list[Actor]``.

Mentions come from the dictionaries and spaCy's entities (``match``), are joined into
phrases with their owner and titles (``phrases``), coded here, and chained within the
document (``coref``). Codes follow CAMEO/Phoenix: a country or IGO root and sectors
(RUSGOV, SYRREB, IGOUNO, USAMIL). Dated dictionary codes are read at the article's
publication date; "former" titles give the Phoenix elite sector ELI.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from dragoman.actors.coref import Chains
from dragoman.actors.dictionary import Dictionary, default_dictionary
from dragoman.actors.kinds import combine, sectors_of, split_code, words
from dragoman.actors.match import Atom, find_atoms
from dragoman.actors.phrases import Phrase, build_phrases
from dragoman.records import Actor, Article

__all__ = ["Coded", "resolve"]

_NOT_COUNTRIES = {"IGO", "NGO", "IMG", "MNC", "INT", "UIS"}


@dataclass
class Coded:
    """One mention phrase, coded: what ``coref`` chains into actors."""

    start: int  # token span
    end: int
    name: str
    kind: str
    code: str | None
    role: str | None = None
    source: str = "dictionary"
    entry_key: str | None = None  # the dictionary entry, for identity
    named: bool = False  # a proper name (not a description)
    head: str | None = None  # the title's head word: "envoy", "agency"
    determiner: str | None = None
    context_country: bool = False  # the country was guessed from the article

    @property
    def country(self) -> str | None:
        return split_code(self.code)[0]

    @property
    def sector(self) -> str | None:
        return split_code(self.code)[1]


def resolve(doc: Doc, article: Article, dictionary: Dictionary | None = None) -> list[Actor]:
    """The actors of one parsed article, each with all its mentions."""
    dictionary = dictionary or default_dictionary()
    date = (article.published or "")[:10] or None
    atoms = find_atoms(doc, dictionary, date)
    context = dominant_country(atoms, article, dictionary)
    chains = Chains(doc, article)
    i = 0
    for index, sent in enumerate(doc.sents):
        j = i
        while j < len(atoms) and atoms[j].start < sent.end:
            j += 1
        here = sentence_country(doc, atoms[i:j], context)
        for phrase in build_phrases(doc, sent, atoms[i:j]):
            for coded in code_phrase(doc, phrase, date, here):
                chains.add(coded, index)
        i = j
    return chains.actors()


def sentence_country(doc: Doc, atoms: list[Atom], context: str | None) -> str | None:
    """The country a sentence is about: a country named in it as an actor, not as a place
    ("in Damascus"); else the article's."""
    preps = words()["locative_preps"]
    found = []
    for atom in atoms:
        country = atom.entry.country if atom.entry is not None else None
        if not country or country in _NOT_COUNTRIES:
            continue
        tok = doc[atom.end - 1]
        if atom.is_place and tok.dep_ == "pobj" and tok.head.lower_ in preps:
            continue
        found.append(country)
    if not found:
        return context
    return context if context in found else found[0]


def dominant_country(atoms: list[Atom], article: Article, dictionary: Dictionary) -> str | None:
    """The country the article is most about: most mentioned, the dateline breaking ties."""
    counts: Counter[str] = Counter()
    for atom in atoms:
        country = atom.entry.country if atom.entry is not None else None
        if country and country not in _NOT_COUNTRIES:
            counts[country] += 2 if atom.is_place else 1
    if article.dateline:
        hit = dictionary.phrases.get(tuple(article.dateline.lower().split()))
        if hit is not None and hit.kind == "state" and hit.country:
            counts[hit.country] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def code_phrase(doc: Doc, p: Phrase, date: str | None, context: str | None) -> list[Coded]:
    """The coded mention(s) of a phrase (two for "US and British activists")."""
    if p.person is not None:
        out = [_code_person(doc, p, date, context)]
    elif p.named is not None:
        out = [_code_named(doc, p, p.named, date)]
    elif p.agents:
        out = [_code_agent(doc, p, date, context)]
    else:
        out = [_code_named(doc, p, p.owner, date)] if p.owner is not None else []
    if p.conj_agent is not None and out:
        out[0] = _share_title(doc, p, p.conj_agent, date)
    return out


def _text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _entry_code(atom: Atom | None, date: str | None) -> str | None:
    if atom is None or atom.entry is None:
        return None
    return atom.entry.code_at(date) or atom.entry.country


def _root(p: Phrase, date: str | None, context: str | None) -> tuple[str | None, bool]:
    """The code an owner, a qualifier ("UN envoy") or the article gives: (code, guessed)."""
    if p.owner is not None:
        return _entry_code(p.owner, date), False
    for atom in p.qualifiers:
        code = _entry_code(atom, date)
        if code:
            return code, False
    return context, True


def _sector(p: Phrase) -> str | None:
    if p.former:
        return "ELI"
    for atom in p.agents:  # the first title with a sector: "army spokesman" is MIL
        if atom.agent is not None and atom.agent.sector != "-":
            return atom.agent.sector
    return None


def role_text(doc: Doc, p: Phrase) -> str | None:
    """The title as written, lower-cased except acronyms: "deputy foreign minister"."""
    if p.role_start is None or p.role_end is None:
        return None
    tokens = doc[p.role_start:p.role_end]
    out = []
    for tok in tokens:
        word = tok.text if (tok.is_upper and len(tok.text) > 1) or "." in tok.text else tok.lower_
        out.append(word + tok.whitespace_)
    return "".join(out).strip() or None


def _code_person(doc: Doc, p: Phrase, date: str | None, context: str | None) -> Coded:
    atom = p.person
    assert atom is not None
    name = _text(doc, atom.start, atom.end)
    role = role_text(doc, p)
    head = doc[p.agents[-1].end - 1].lemma_.lower() if p.agents else None
    if atom.entry is not None:
        code = atom.entry.code_at(date) or atom.entry.country
        if p.former and code and "GOV" in sectors_of(code):
            code = code[:3] + "ELI"
        return Coded(p.start, p.end, name, "person", code, role, "dictionary",
                     entry_key=atom.entry.name, named=True, head=head)
    root, guessed = _root(p, date, context)
    if not p.agents and p.owner is None:
        root, guessed = None, False
    code = combine(root, _sector(p))
    return Coded(p.start, p.end, name, "person", code, role, "title" if p.agents else "ner",
                 named=True, head=head, context_country=guessed)


def _code_named(doc: Doc, p: Phrase, atom: Atom | None, date: str | None) -> Coded:
    assert atom is not None
    text = _text(doc, atom.start, atom.end)
    if atom.entry is not None:
        entry = atom.entry
        code = entry.code_at(date) or entry.country
        kind = "person" if atom.is_person else entry.kind
        name = text if kind == "person" else entry.name
        return Coded(p.start, p.end, name, kind, code, None, "dictionary",
                     entry_key=entry.name, named=True, determiner=p.determiner)
    owner_code = _entry_code(p.owner, date) if p.owner is not atom else None
    return Coded(p.start, p.end, text, atom.ner or "organisation", owner_code, None, "ner",
                 named=True, determiner=p.determiner)


def _code_agent(doc: Doc, p: Phrase, date: str | None, context: str | None) -> Coded:
    head_agent = p.agents[-1].agent
    assert head_agent is not None
    kind = head_agent.kind
    sector = _sector(p)
    owner = p.owner
    if (owner is not None and owner.entry is not None and kind != "person" and sector
            and sector[:3] in sectors_of(owner.entry.code_at(date))):
        return _code_named(doc, p, owner, date)  # "the official SANA news agency" is SANA
    root, guessed = _root(p, date, context)
    start = p.start + (1 if p.determiner else 0)
    name = _text(doc, start, p.end)
    head = doc[p.agents[-1].end - 1].lemma_.lower()
    if sector is None and p.owner is None and not p.qualifiers:
        return Coded(p.start, p.end, name, kind, None, None, "anaphor", head=head,
                     determiner=p.determiner)
    code = combine(root, sector) if root else None
    return Coded(p.start, p.end, name, kind, code, role_text(doc, p) if kind == "person" else None,
                 "context" if guessed and code else "title", head=head,
                 determiner=p.determiner, context_country=guessed)


def _share_title(doc: Doc, p: Phrase, right: Phrase, date: str | None) -> Coded:
    """'US' in 'US and British activists': the US's activists."""
    head_agent = right.agents[-1].agent
    assert head_agent is not None and p.owner is not None
    code = combine(_entry_code(p.owner, date), _sector(right))
    name = f"{_text(doc, p.start, p.end)} {_text(doc, right.agents[0].start, right.agents[-1].end)}"
    return Coded(p.start, p.end, name, head_agent.kind, code, None, "title",
                 head=doc[right.agents[-1].end - 1].lemma_.lower())
