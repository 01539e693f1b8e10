"""Resolving mentions to coded actors: ``resolve(doc, article) -> list[Actor]``.

Mentions come from the dictionaries and spaCy's entities (``match``), are joined into
phrases with their owner and titles (``phrases``), coded here, and chained within the
document (``coref``). Codes follow CAMEO/Phoenix: a country or IGO root and sectors
(RUSGOV, SYRREB, IGOUNO, USAMIL). Dated dictionary codes are read at the article's
publication date; "former" titles give the Phoenix elite sector ELI.

Where no owner names the country, a titled person takes the country of the actors
named before it in the sentence (else in the sentence before); a group or institution
("police", "the interim government") the country the article is most about.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dragoman.actors.coref import Chains
from dragoman.actors.dictionary import Dictionary, default_dictionary
from dragoman.actors.kinds import REGIONS, combine, sectors_of, split_code, words
from dragoman.actors.match import Atom, find_atoms
from dragoman.actors.phrases import Phrase, build_phrases
from dragoman.actors.tokens import Tokens
from dragoman.records import Actor, Article

if TYPE_CHECKING:
    from dragoman.events.syntax import Parse

__all__ = ["Coded", "resolve"]

_NOT_COUNTRIES = {"IGO", "NGO", "IMG", "MNC", "INT", "UIS", *REGIONS}


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
    guessed_country: str | None = None  # a country without a code ("Anti-Coup Alliance")
    inner: list[tuple[int, int]] = field(default_factory=list)  # the name inside the phrase

    @property
    def country(self) -> str | None:
        return split_code(self.code)[0] or self.guessed_country

    @property
    def sector(self) -> str | None:
        return split_code(self.code)[1]


@dataclass
class Context:
    """What a phrase may take its country from."""

    dictionary: Dictionary
    date: str | None
    article: str | None  # the country the article is most about
    before: list[str]  # countries named earlier in the sentence (non-locative), in order
    previous: str | None  # the first country named in the sentence before

    def person(self) -> str | None:
        if self.before:
            return self.before[-1]
        return self.previous or self.article


def resolve(doc: Doc, article: Article, dictionary: Dictionary | None = None,
            parse: Parse | None = None) -> list[Actor]:
    """The actors of one parsed article, each with all its mentions; ``parse``: the
    document's parse as lists, when the caller has read it (else read here)."""
    dictionary = dictionary or default_dictionary()
    date = (article.published or "")[:10] or None
    if parse is None:
        from dragoman.events.syntax import Parse  # events reads actors: imported late
        parse = Parse(doc)
    t = Tokens(parse, article.text)
    atoms = find_atoms(doc, dictionary, date, t)
    return _resolve(t, article, dictionary, date, atoms, Chains(t, article))


def _resolve(t: Tokens, article: Article, dictionary: Dictionary, date: str | None,
             atoms: list[Atom], chains: Chains) -> list[Actor]:
    """:func:`resolve` once the parse is read: phrases sentence by sentence, chained."""
    dominant = dominant_country(atoms, article, dictionary)
    i, previous = 0, None
    for index, sent in enumerate(t.sentences):
        j = i
        while j < len(atoms) and atoms[j].start < sent[1]:
            j += 1
        named = actor_countries(t, atoms[i:j])
        for phrase in build_phrases(t, sent, atoms[i:j]):
            before = [c for k, c in named if k < phrase.start]
            context = Context(dictionary, date, dominant, before, previous)
            for coded in code_phrase(t, phrase, context):
                chains.add(coded, index)
        previous = named[0][1] if named else previous
        i = j
    return chains.actors()


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


def actor_countries(t: Tokens, atoms: list[Atom]) -> list[tuple[int, str]]:
    """(token, country) of the dictionary atoms of a sentence that name an actor, not a
    place ("in Damascus" is left out)."""
    preps = words()["locative_preps"]
    out = []
    for atom in atoms:
        country = atom.entry.country if atom.entry is not None else None
        if not country or country in _NOT_COUNTRIES:
            continue
        tok = atom.end - 1
        if atom.is_place and t.dep[tok] == "pobj" and t.lower[t.head[tok]] in preps:
            continue
        out.append((atom.start, country))
    return out


def code_phrase(t: Tokens, p: Phrase, ctx: Context) -> list[Coded]:
    """The coded mention(s) of a phrase, in text order."""
    out: list[Coded] = []
    apart = [a for a in p.objects if a.agent is None]  # "for the Syrian National Council"
    if p.objects_from is not None:
        p.end = p.objects_from
    if _owner_apart(p):
        assert p.owner is not None
        owner = Phrase(p.owner.start, p.owner.end, owner=p.owner)
        out.append(_code_named(t, owner, p.owner, ctx))
        p.start = p.role_start if p.role_start is not None else p.owner.end
    if p.person is not None:
        out.append(_code_person(t, p, ctx))
    elif p.named is not None:
        out.append(_code_named(t, p, p.named, ctx))
    elif p.agents:
        if _predicative(t, p):
            return out  # "run for president", "as minister": no one in particular
        out.append(_code_agent(t, p, ctx))
    elif p.owner is not None:
        out.append(_code_named(t, p, p.owner, ctx))
    if p.conj_agent is not None and out and not p.agents and p.person is None:
        out[-1] = _share_title(t, p, p.conj_agent, ctx)
    for atom in apart:
        out.append(_code_named(t, Phrase(atom.start, atom.end, owner=atom), atom, ctx))
    return out


def _predicative(t: Tokens, p: Phrase) -> bool:
    """A bare singular title with no owner ("for president"), not an apposition."""
    head = p.agents[-1]
    if p.owner is not None or p.qualifiers or p.objects or p.determiner or p.modifiers:
        return False
    if head.agent is None or head.agent.kind != "person":
        return False
    last = head.end - 1
    return t.tag[last] == "NN" and bool(t.is_lower[last]) and t.dep[last] not in ("appos", "nsubj")


def _owner_apart(p: Phrase) -> bool:
    """'Arab League Secretary-General Nabil Elaraby': the League is an actor of its own."""
    if p.owner is None or p.owner.is_place or not p.agents:
        return False
    head = p.agents[-1].agent
    return p.person is not None or (head is not None and head.kind in ("person", "group"))


def _entry_code(atom: Atom | None, date: str | None) -> str | None:
    if atom is None or atom.entry is None:
        return None
    return atom.entry.code_at(date) or atom.entry.country


def _root(p: Phrase, ctx: Context, person: bool) -> tuple[str | None, bool]:
    """The code an owner, a qualifier ("UN envoy") or the context gives: (code, guessed)."""
    titles = [a for a in p.agents if a.entry is not None]  # "US Defense Secretary"
    for atom in [p.owner, *p.qualifiers, *p.objects, *titles]:
        code = _entry_code(atom, ctx.date)
        if code:
            return code, False
    return (ctx.person() if person else ctx.article), True


def _sector(p: Phrase, root: str | None) -> str | None:
    """The sector of the titles: the first that is not generic ("army spokesman": MIL)."""
    if p.former:
        return "ELI"
    generic = words()["generic_titles"]
    sectors = [(a.agent.sector, a.agent.pattern in generic) for a in p.agents
               if a.agent is not None and a.agent.sector != "-"]
    specific = [s for s, g in sectors if not g]
    if specific:
        return specific[0]
    if root and (sectors_of(root) or root[:3] in ("IGO", "NGO", "IMG", "MNC")):
        return None  # "White House spokesman": the White House's code says it
    return sectors[0][0] if sectors else None


def role_text(t: Tokens, p: Phrase) -> str | None:
    """The title as written, lower-cased except acronyms: "deputy foreign minister"."""
    if p.role_start is None or p.role_end is None:
        return None
    out: list[str] = []
    for k in range(p.role_start, min(p.role_end, t.n)):
        lower, text = t.lower[k], t.word(k)
        if lower == "for" and out:
            break  # "spokesman for the opposition": the role is spokesman
        word = text if (t.is_upper[k] and len(text) > 1) or "." in text else lower
        out.append(word + " " if t.space[k] else word)
    return "".join(out).strip() or None


def _head(t: Tokens, p: Phrase) -> str | None:
    titles = [a for a in p.agents if a not in p.objects]
    return t.lemma[titles[-1].end - 1] if titles else None


def _inner(t: Tokens, p: Phrase, atom: Atom) -> list[tuple[int, int]]:
    """The name inside a longer mention, and "Kremlin" inside "the Kremlin"."""
    spans = []
    start = atom.start
    if atom.end - start > 1 and t.lower[start] in words()["determiners"]:
        start += 1
    if (start, atom.end) != (p.start, p.end):
        spans.append((start, atom.end))
    return spans


def _code_person(t: Tokens, p: Phrase, ctx: Context) -> Coded:
    atom = p.person
    assert atom is not None
    name = t.span_text(atom.start, atom.end)
    role, head, inner = role_text(t, p), _head(t, p), _inner(t, p, atom)[:1]
    if atom.entry is not None:
        return Coded(p.start, p.end, name, "person", _known_person_code(p, atom, ctx), role,
                     "dictionary", entry_key=atom.entry.name, named=True, head=head, inner=inner)
    root, guessed = _root(p, ctx, person=True)
    if not p.agents and p.owner is None:
        root, guessed = None, False
    sector = _sector(p, root)
    code = combine(root or ("---" if sector else None), sector)
    return Coded(p.start, p.end, name, "person", code, role, "title" if p.agents else "ner",
                 named=True, head=head, context_country=guessed, inner=inner)


def _known_person_code(p: Phrase, atom: Atom, ctx: Context) -> str | None:
    """A dictionary person's code. Untitled: the dictionary's code on the date. Titled in
    the text ("Prime Minister Tammam Salam"): the owner's or the dictionary's root with the
    title's sector, so a dictionary older than the article does not hide a new office;
    "former" titles give ELI."""
    assert atom.entry is not None
    code = atom.entry.code_at(ctx.date) or atom.entry.country
    if not p.agents and not p.former:
        return code
    if code and code.endswith("ELI") and ctx.date and any(
            c.dated and c.end and c.end <= ctx.date for c in atom.entry.codes):
        return code  # "long-time ruler Omar al-Bashir" after his term ended: a former one
    root = code_root(code)
    if p.owner is not None or p.qualifiers or p.objects:
        owned, guessed = _root(p, ctx, person=True)
        root = root if guessed else owned
    return combine(root, _sector(p, root))


def code_root(code: str | None) -> str | None:
    """A code without its sectors: RUSGOVMIL -> RUS; IGOUNOMIL -> IGOUNO."""
    if not code:
        return None
    if code[:3] not in _NOT_COUNTRIES:
        return code[:3]
    k = 3
    while k + 3 <= len(code) and not sectors_of(code[:3] + code[k:k + 3]):
        k += 3
    return code[:k]


def _code_named(t: Tokens, p: Phrase, atom: Atom | None, ctx: Context) -> Coded:
    assert atom is not None
    text = t.span_text(atom.start, atom.end)
    inner = _inner(t, p, atom)
    if atom.entry is not None:
        entry = atom.entry
        code = entry.code_at(ctx.date) or entry.country
        kind = "person" if atom.is_person else entry.kind
        name = text if kind == "person" else entry.name
        return Coded(p.start, p.end, name, kind, code, None, "dictionary",
                     entry_key=entry.name, named=True, inner=inner)
    if p.owner is not None and p.owner is not atom:
        return Coded(p.start, p.end, text, atom.ner or "organisation",
                     _entry_code(p.owner, ctx.date), None, "ner", named=True, inner=inner)
    return _code_unknown_org(t, p, atom, ctx, inner)


def _code_unknown_org(t: Tokens, p: Phrase, atom: Atom, ctx: Context,
                      inner: list[tuple[int, int]]) -> Coded:
    """An organisation the dictionary does not know: its country from a demonym in its
    name ("Sudanese Professionals Association"), or from the article when its name has a
    title word ("Transitional Military Council")."""
    dictionary = ctx.dictionary
    words_in = t.lower[atom.start:atom.end]
    country, sector, titled = None, None, False
    for k, word in enumerate(words_in):
        entry = dictionary.phrases.get((word,))
        if entry is not None and entry.kind == "state" and country is None:
            country = entry.country
        agent = dictionary.agents.get((word,)) or dictionary.agents.get(tuple(words_in[k:k + 2]))
        if agent is not None:
            titled = True
            if agent.sector != "-" and sector is None:
                sector = agent.sector
    guessed = country is None and titled
    country = country or (ctx.article if titled else None)
    code = combine(country, sector) if sector else None
    return Coded(p.start, p.end, t.span_text(atom.start, atom.end), atom.ner or "organisation",
                 code, None, "ner", named=True, inner=inner, context_country=guessed,
                 guessed_country=country)


def _code_agent(t: Tokens, p: Phrase, ctx: Context) -> Coded:
    head_agent = p.agents[-1].agent
    assert head_agent is not None
    kind = head_agent.kind
    owner = p.owner
    root, guessed = _root(p, ctx, person=kind == "person")
    sector = _sector(p, None if guessed else root)
    for named in (owner, *p.qualifiers):  # "(North Korea's) official KCNA news agency"
        if (named is not None and named.entry is not None and kind != "person" and sector
                and sector[:3] in sectors_of(named.entry.code_at(ctx.date))):
            return _code_named(t, p, named, ctx)  # "the official SANA news agency" is SANA
    name = t.span_text(p.start + (1 if t.lower[p.start] == p.determiner else 0), p.end)
    head = _head(t, p)
    if sector is None and p.owner is None and not p.qualifiers:
        return Coded(p.start, p.end, name, kind, None, None, "anaphor", head=head,
                     determiner=p.determiner)
    code = combine(root or "---", sector)  # no country known: "---REB", as PETRARCH writes
    return Coded(p.start, p.end, name, kind, code, role_text(t, p) if kind == "person" else None,
                 "context" if guessed and root else "title", head=head,
                 determiner=p.determiner, context_country=guessed)


def _share_title(t: Tokens, p: Phrase, right: Phrase, ctx: Context) -> Coded:
    """'US' in 'US and British activists': the US's activists."""
    head_agent = right.agents[-1].agent
    assert head_agent is not None and p.owner is not None
    root = _entry_code(p.owner, ctx.date)
    code = combine(root, _sector(right, root))
    titles = t.span_text(right.agents[0].start, right.agents[-1].end)
    name = f"{t.span_text(p.start, p.end)} {titles}"
    return Coded(p.start, p.end, name, head_agent.kind, code, None, "title", head=_head(t, right))
