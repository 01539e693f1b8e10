"""The actor dictionaries: shipped data files, user PETRARCH files, one phrase table.

Shipped data (``actors/data/``, see ATTRIBUTION there):

- ``phoenix_actors.tsv.gz`` and ``phoenix_agents.tsv``: converted from the Phoenix
  dictionaries of PETRARCH-2 by ``scripts/convert_phoenix.py`` (patterns already
  tokenised and lower-cased);
- ``extra_actors.tsv`` and ``extra_agents.tsv``: dragoman's own additions and
  overrides (metonyms such as "the Kremlin", demonyms, IGOs, role words), raw text.

Actor rows are ``kind<TAB>name<TAB>codes<TAB>patterns`` (codes ``RUSGOV@2006-05-01-``
space-separated, patterns ``|``-separated); agent rows are ``pattern<TAB>sector<TAB>kind``.
Users add dictionaries with :func:`with_dictionaries` (the shipped ones plus theirs, to
pass to ``resolve``), :func:`load_dictionaries` (theirs alone) or the ``DRAGOMAN_ACTOR_DICTS``
environment variable (paths separated by ``os.pathsep``; PETRARCH ``.txt`` files or
dragoman ``.tsv`` files).
"""

from __future__ import annotations

import functools
import gzip
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dragoman.actors import petrarch
from dragoman.actors.kinds import agent_forms, entry_kind, plural, words
from dragoman.actors.petrarch import CodeSpan
from dragoman.errors import InputError

__all__ = ["Agent", "Dictionary", "Entry", "default_dictionary", "load_dictionaries",
           "with_dictionaries"]

ENV_VAR = "DRAGOMAN_ACTOR_DICTS"
_DATA = "dragoman.actors"


class Entry:
    """A named actor: a country, organisation, group or person, with dated codes.

    Codes are parsed when first needed: most of the 27,000 entries are never read.
    """

    __slots__ = ("_codes", "_country", "_raw", "kind", "name", "patterns")

    def __init__(self, kind: str, name: str, codes: list[CodeSpan] | str,
                 patterns: list[str] | None = None) -> None:
        self.kind = kind
        self.name = name
        self.patterns = patterns or []
        self._raw = codes if isinstance(codes, str) else ""
        self._codes = None if isinstance(codes, str) else codes
        self._country: tuple[int, str | None] | None = None  # (codes read, country)

    def __repr__(self) -> str:
        return f"Entry({self.kind!r}, {self.name!r}, {self.codes!r})"

    @property
    def codes(self) -> list[CodeSpan]:
        if self._codes is None:
            self._codes = [CodeSpan.parse(c) for c in self._raw.split()]
        return self._codes

    def code_at(self, date: str | None) -> str | None:
        """The code valid on ``date`` (ISO); undated codes are the fallback."""
        codes = self.codes
        dated = [c for c in codes if c.dated]
        if date:
            for span in dated:
                if span.covers(date):
                    return span.code
        else:  # no date: assume the present, the open-ended code if there is one
            current = [c for c in dated if c.end is None]
            if current:
                return max(current, key=lambda c: c.start or "").code
        plain = [c.code for c in codes if not c.dated]
        if plain:
            return plain[-1] if dated else plain[0]
        return None

    @property
    def country(self) -> str | None:
        """The root of the entry's present code (``RUS``, ``IGO``...): Ukraine is UKR (read
        again when codes were added)."""
        codes = self.codes
        known = self._country
        if known is not None and known[0] == len(codes):
            return known[1]
        code = self.code_at(None) or (codes[-1].code if codes else None)
        root = code[:3] if code else None
        country = root if root != "---" else None
        self._country = (len(codes), country)
        return country


@dataclass(frozen=True)
class Agent:
    """A role or group word: "foreign minister" -> GOV, "rebels" -> REB."""

    pattern: str
    sector: str
    kind: str  # person | group | organisation | media


Tokenize = Callable[[str], str]


class Dictionary:
    """Phrases (tuples of lower-cased tokens) to entries and agents, longest match first.

    A phrase may name an entry and an agent at once ("Congress", "congress"): the matcher
    takes the entry where the text looks like a name. People who share a phrase ("Bush")
    are all kept in ``alternatives`` and chosen by date.
    """

    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], Entry] = {}
        self.agents: dict[tuple[str, ...], Agent] = {}
        self.alternatives: dict[tuple[str, ...], list[Entry]] = {}
        self.pinned: set[tuple[str, ...]] = set()
        self.longest: dict[str, int] = {}
        self.entries: list[Entry] = []
        self._prefixes: tuple[tuple[int, int], set[tuple[str, ...]]] | None = None
        self._followers: tuple[tuple[int, int], dict[str, frozenset[str] | None]] | None = None

    def add_entry(self, entry: Entry, override: bool = False, pin: bool = False) -> None:
        """Add ``entry``'s phrases; a pinned phrase (dragoman's own entries) keeps its
        entry against later ones, where people sharing a name are otherwise all kept."""
        self.entries.append(entry)
        for pattern in entry.patterns:
            key = tuple(pattern.split())
            if not key:
                continue
            known = self.phrases.get(key)
            if known is None or override:
                self.phrases[key] = entry
                self._grow(key)
                if pin:
                    self.pinned.add(key)
            elif key in self.pinned:
                continue
            elif known.kind == "person" and entry.kind == "person" and known is not entry:
                self.alternatives.setdefault(key, [known]).append(entry)

    def add_agent(self, agent: Agent, override: bool = False) -> None:
        if agent.pattern in words()["role_modifiers"]:
            return  # "deputy", "acting": modifiers of a title, not titles
        key = tuple(agent.pattern.split())
        if key and (override or key not in self.agents):
            self.agents[key] = agent
            self._grow(key)

    def _grow(self, key: tuple[str, ...]) -> None:
        if len(key) > self.longest.get(key[0], 0):
            self.longest[key[0]] = len(key)

    def prefixes(self) -> set[tuple[str, ...]]:
        """The leading parts (two words or more) of the longer phrase and agent keys: with
        the keys themselves, a match cannot be longer than the longest of these found at
        a token (built again after additions)."""
        size = (len(self.phrases), len(self.agents))
        if self._prefixes is None or self._prefixes[0] != size:
            found = {key[:n] for keys in (self.phrases, self.agents) for key in keys
                     if len(key) > 2 for n in range(2, len(key))}
            self._prefixes = (size, found)
        return self._prefixes[1]

    def followers(self) -> dict[str, frozenset[str] | None]:
        """Where a phrase or agent key can begin, by its first word: None where the word is
        a key alone, else the words that may follow it (the second words of its keys). No
        match begins at a word unless it is here and, when not None, the next word is in
        its set (built again after additions)."""
        size = (len(self.phrases), len(self.agents))
        if self._followers is None or self._followers[0] != size:
            pairs: dict[str, set[str]] = {}
            alone: set[str] = set()
            for keys in (self.phrases, self.agents):
                for key in keys:
                    if len(key) == 1:
                        alone.add(key[0])
                    else:
                        pairs.setdefault(key[0], set()).add(key[1])
            found: dict[str, frozenset[str] | None] = {
                word: None if word in alone else frozenset(pairs[word])
                for word in alone | pairs.keys() if word in self.longest}
            self._followers = (size, found)
        return self._followers[1]

    def entry_at(self, key: tuple[str, ...], date: str | None) -> Entry | None:
        """The entry a phrase names; among people who share it, the one in office on ``date``."""
        alternatives = self.alternatives.get(key)
        if alternatives is None:
            return self.phrases.get(key)
        return max(alternatives, key=lambda e: _office_score(e, date))

    def extend(self, other: Dictionary) -> None:
        """Add ``other``'s phrases, which take precedence over these."""
        for entry in other.entries:
            self.add_entry(entry, override=True)
        for agent in other.agents.values():
            self.add_agent(agent, override=True)


def _office_score(entry: Entry, date: str | None) -> tuple[int, str]:
    """In office on ``date`` first, then the most recent."""
    code = entry.code_at(date) or ""
    active = any(c.dated and date and c.covers(date) for c in entry.codes)
    latest = max((c.start or "" for c in entry.codes), default="")
    return (2 if active and "ELI" not in code[3:] else 1 if active else 0, latest)


def _open_data(name: str) -> Iterator[str]:
    path = resources.files(_DATA).joinpath("data", name)
    raw = path.read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    for line in raw.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line


def read_actor_rows(lines: Iterable[str], tokenize: Tokenize | None = None) -> Iterator[Entry]:
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        kind, name, codes, patterns = parts[:4]
        phrases = patterns.split("|")
        if tokenize:
            phrases = [tokenize(p) for p in phrases if p.strip()]
        yield Entry(kind, name, codes, phrases)


def read_agent_rows(lines: Iterable[str], tokenize: Tokenize | None = None) -> Iterator[Agent]:
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        sector, kind = parts[1].strip(), parts[2].strip()
        if not tokenize:
            yield Agent(parts[0], sector, kind)
            continue
        yield Agent(tokenize(parts[0]), sector, kind)
        *rest, last = parts[0].split()
        many = " ".join([*rest, plural(last)])
        yield Agent(tokenize(many), sector, "group" if kind == "person" else kind)


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], Any]:
    import spacy

    return spacy.blank("en").tokenizer


_SIMPLE = re.compile(r"(?<=[a-z])(-)(?=[a-z])|('s|’s)$|(?<=s)(')$|(,)")


def simple_tokens(text: str) -> str:
    """A quick stand-in for :func:`tokenize_phrase` on plain names (the shipped extras).

    Splits words, hyphens between letters, a final 's or s', and commas; a test checks it
    agrees with spaCy on every shipped pattern.
    """
    out = []
    for word in text.lower().split():
        out.append(_SIMPLE.sub(lambda m: f" {m.group(0)} ", word))
    return " ".join(" ".join(out).split())


def tokenize_phrase(text: str) -> str:
    """A phrase as dragoman matches it: spaCy's English tokens, lower-cased, space-joined."""
    return " ".join(t.lower_ for t in _tokenizer()(" ".join(text.split())) if not t.is_space)


@functools.lru_cache(maxsize=1)
def default_dictionary() -> Dictionary:
    """The shipped dictionaries plus those named in ``DRAGOMAN_ACTOR_DICTS`` (loaded once)."""
    base = Dictionary()
    for entry in read_actor_rows(_open_data("extra_actors.tsv"), tokenize=simple_tokens):
        base.add_entry(entry, pin=True)
    for agent in read_agent_rows(_open_data("extra_agents.tsv"), tokenize=simple_tokens):
        base.add_agent(agent)
    for entry in read_actor_rows(_open_data("phoenix_actors.tsv.gz")):
        base.add_entry(entry)
    for agent in read_agent_rows(_open_data("phoenix_agents.tsv")):
        base.add_agent(agent)
    extra = os.environ.get(ENV_VAR, "")
    paths = [p for p in extra.split(os.pathsep) if p.strip()]
    if paths:
        base.extend(load_dictionaries(paths))
    return base


@functools.lru_cache(maxsize=8)
def with_dictionaries(*paths: str | Path) -> Dictionary:
    """The default dictionary extended with user files (theirs win); loaded once per paths.

    Pass the result to ``resolve(doc, article, dictionary=...)``.
    """
    merged = Dictionary()
    merged.extend(default_dictionary())
    merged.extend(load_dictionaries(paths))
    return merged


def load_dictionaries(paths: Iterable[str | Path]) -> Dictionary:
    """Read user dictionaries: PETRARCH actor or agent files, or dragoman TSV files.

    A PETRARCH file whose entries carry ``[~SECTOR]`` codes is read as an agents file.
    """
    out = Dictionary()
    for path in paths:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(str(path), f"cannot read actor dictionary ({exc.strerror})") from exc
        lines = text.splitlines()
        if path.suffix == ".tsv":
            rows = [ln for ln in lines if ln and not ln.startswith("#")]
            if rows and len(rows[0].split("\t")) == 3:
                for agent in read_agent_rows(rows, tokenize=tokenize_phrase):
                    out.add_agent(agent)
            else:
                for entry in read_actor_rows(rows, tokenize=tokenize_phrase):
                    out.add_entry(entry)
        elif "[~" in text:
            for agent in agents_from_petrarch(petrarch.parse_agents(lines)):
                out.add_agent(agent)
        else:
            for entry in entries_from_petrarch(petrarch.parse_actors(lines)):
                out.add_entry(entry)
    return out


def entries_from_petrarch(raw: Iterable[petrarch.RawEntry]) -> Iterator[Entry]:
    """PETRARCH entries as dictionary entries (kind guessed from the codes and comment)."""
    for item in raw:
        if not item.codes:
            continue
        phrases = [item.name, *item.synonyms]
        patterns = list(dict.fromkeys(tokenize_phrase(p) for p in phrases if p))
        yield Entry(entry_kind(item), item.name.title(), item.codes, patterns)


def agents_from_petrarch(raw: Iterable[petrarch.RawAgent]) -> Iterator[Agent]:
    """PETRARCH agents with their plural forms."""
    for item in raw:
        for phrase, kind in agent_forms(item):
            yield Agent(tokenize_phrase(phrase), item.sector, kind)
