"""Verb and noun patterns as data, and matching them against a parsed clause.

Two files feed the patterns: ``verbs.json``, converted from PETRARCH's CAMEO verb
dictionary (see scripts/convert_cameo_verbs.py), and ``patterns.tsv``, dragoman's own
additions (nominal events, light verbs, verbs that govern another verb, reporting
verbs, modal auxiliaries) which take precedence. Matching is on word sets: a clause is
described by the words on its subject side, on its object side and under each of its
prepositions (:class:`Clause`); a pattern matches when all its items are found there.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = ["Clause", "Match", "Patterns", "load"]


@dataclass
class Clause:
    """The words around a trigger: subject side, object side, and per preposition."""

    subject: set[str] = field(default_factory=set)
    object: set[str] = field(default_factory=set)
    preps: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    code: str  # "" means the pattern says: no event here
    swap: bool = False  # the subject is the target ("faced criticism")
    specific: bool = False  # a pattern matched, not only the verb's default
    size: int = 0
    own: bool = False  # from dragoman's own patterns, not the converted dictionary
    needs_target: bool = False  # only an event when the target is an actor


# An item: ("w", alternatives) where each alternative is a tuple of word-form sets that
# must all be present; or ("p", prepositions, [word items]).
Item = tuple[Any, ...]


@dataclass
class _Pattern:
    pre: list[Item]
    post: list[Item]
    code: str
    swap: bool
    origin: str = ""  # the only verb (base form) the pattern applies to, if any
    anchor: frozenset[str] = frozenset()  # words one of which must be there (quick reject)
    own: bool = False
    needs_target: bool = False

    @property
    def size(self) -> int:
        return sum(1 + (len(i[2]) if i[0] == "p" else 0) for i in (*self.pre, *self.post))


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class Patterns:
    """All verb and noun patterns; built once by :func:`load`."""

    def __init__(self, converted: dict[str, Any], own: list[list[str]]) -> None:
        self.synsets = {k: [w.split() for w in v] for k, v in converted["synsets"].items()}
        self.verbs: dict[str, tuple[str, str | None, str]] = {
            key: (value[0], value[1], value[2]) for key, value in converted["verbs"].items()}
        self.blocks: dict[str, tuple[str, list[_Pattern]]] = {}  # compiled when first used
        self._raw_blocks: dict[str, Any] = converted["blocks"]
        self.own_verbs: dict[str, list[_Pattern]] = {}
        self.exclusive: set[str] = set()  # verbs whose PETRARCH patterns are ignored
        self.nouns: dict[str, list[_Pattern]] = {}
        self.roles: dict[str, dict[str, str]] = {}
        self.transforms: dict[str, dict[str, str]] = {}
        self._blocks_by_base: dict[tuple[str, str], tuple[str, list[_Pattern]]] = {}
        self._needs_clause: dict[str, bool] = {}
        self._defaults: dict[str, Match] = {}  # a verb's dictionary default, made once
        self._ranked: dict[int, _Ranked] = {}  # by id of a pattern list (kept alive there)
        for row in own:
            self._add_own(row)
        for table in (self.own_verbs, self.nouns):
            for pats in table.values():
                pats.sort(key=lambda p: -p.size)

    # -- building -------------------------------------------------------------------
    def _compile(self, pre: list[Any], post: list[Any], code: str, origin: str = "") -> _Pattern:
        swap = code.startswith("~")
        pat = _Pattern([self._item(i) for i in pre], [self._item(i) for i in post],
                       code.lstrip("~"), swap, origin)
        items = pat.pre + pat.post
        if items:
            pat.anchor = _anchor(items[0])
        return pat

    def _item(self, item: Any) -> Item:
        if isinstance(item, list):
            preps = frozenset(item[0].split("/"))
            return ("p", preps, [self._item(i) for i in item[1:]])
        if item.startswith("&"):
            members = self.synsets.get(item[1:], [[item[1:].lower()]])
            return ("w", [tuple(_forms(w) for w in m) for m in members])
        return ("w", [tuple(_forms(w) for w in item.split())])

    def _add_own(self, row: list[str]) -> None:
        kind, key = row[0], row[1]
        value = row[2] if len(row) > 2 else ""
        pattern = row[3] if len(row) > 3 else ""
        flags = kind[4:] if kind.startswith("verb") else ""
        if "!" in flags:
            self.exclusive.add(key)
        if kind.startswith("verb") or kind == "noun":
            table = self.own_verbs if kind.startswith("verb") else self.nouns
            pre, _, post = pattern.rpartition("*") if "*" in pattern else ("", "", pattern)
            pat = self._compile(parse_side(pre), parse_side(post), value)
            pat.own, pat.needs_target = True, "+" in flags
            table.setdefault(key, []).append(pat)
        elif kind.startswith("transform:"):
            self.transforms.setdefault(kind.split(":", 1)[1], {})[key] = value
        else:
            self.roles.setdefault(kind, {})[key] = value

    # -- matching -------------------------------------------------------------------
    def role(self, kind: str, word: str) -> str | None:
        """The role of a word in a small table: kind "head", "speech", "light", "aux"."""
        table = self.roles.get(kind)
        return table.get(word) if table is not None else None

    def is_verb(self, keys: Iterable[str]) -> str | None:
        """The first of ``keys`` (lemma, form, "lemma particle") that names a known verb."""
        for key in keys:
            if key in self.own_verbs or key in self.verbs:
                return key
        return None

    def verb(self, key: str, clause: Clause) -> Match | None:
        """The best code for verb ``key`` in ``clause``: own patterns, then PETRARCH's."""
        best = self._best(self.own_verbs.get(key, []), clause)
        if best is not None and (best.specific or key not in self.verbs or key in self.exclusive):
            return best
        if key in self.verbs:
            block, override, base = self.verbs[key]
            default, pats = self._block_for(block, base)
            found = self._best(pats, clause)
            if found is not None and found.specific and (best is None or found.size > best.size):
                return found
            if best is not None:
                return best
            made = self._defaults.get(key)
            if made is None:
                code = override if override is not None else default
                # a synonym that only inherits its block's code ("hear" in CONSIDER) is
                # trusted only with a target; the block's own verb and verbs coded one by
                # one ("DENOUNCE", "DEMONSTRATE [141]") are trusted alone
                loose = override is None and base.replace(" ", "_").upper() != block
                made = self._defaults[key] = Match(code.lstrip("~"), code.startswith("~"),
                                                   False, 0, needs_target=loose)
            return made
        return best

    def needs_clause(self, key: str) -> bool:
        """Whether some pattern of verb ``key`` looks at the words of its clause (else
        :meth:`verb` gives the same answer for any clause)."""
        found = self._needs_clause.get(key)
        if found is None:
            pats = list(self.own_verbs.get(key, ()))
            if key in self.verbs:
                block, _, base = self.verbs[key]
                pats += self._block_for(block, base)[1]
            found = self._needs_clause[key] = any(p.pre or p.post for p in pats)
        return found

    def _block(self, name: str) -> tuple[str, list[_Pattern]]:
        """A block's default code and its patterns, most specific first (compiled once)."""
        found = self.blocks.get(name)
        if found is None:
            if name not in self._raw_blocks:
                return "", []
            block = self._raw_blocks[name]
            pats = [self._compile(pre, post, code, origin)
                    for pre, post, code, origin in block["patterns"]]
            found = self.blocks[name] = (block["code"], sorted(pats, key=lambda p: -p.size))
        return found

    def _block_for(self, block: str, base: str) -> tuple[str, list[_Pattern]]:
        """A block's default code and the patterns that apply to verb ``base`` (cached)."""
        found = self._blocks_by_base.get((block, base))
        if found is None:
            default, pats = self._block(block)
            found = (default, [p for p in pats if p.origin in ("", base)])
            self._blocks_by_base[(block, base)] = found
        return found

    def noun(self, key: str, clause: Clause) -> Match | None:
        """The code of an event noun (``talks``, ``crackdown``) in ``clause``, if any."""
        pats = self.nouns.get(key)
        return self._best(pats, clause) if pats else None

    def _best(self, patterns: list[_Pattern], clause: Clause) -> Match | None:
        """The first of ``patterns`` (most specific first) that matches ``clause``, else
        their default (indexed by anchor word once per list)."""
        if not patterns:
            return None
        ranked = self._ranked.get(id(patterns))
        if ranked is None:
            ranked = self._ranked[id(patterns)] = _Ranked(patterns)
        return ranked.best(clause)

    def transform(self, kind: str, code: str) -> str | None:
        """Recode ``code`` by a table (intent, threaten, reject): longest prefix wins."""
        table = self.transforms.get(kind, {})
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                value = table[code[:n]]
                return code if value == code[:n] else value or None  # "13 -> 13": keep
        return None


def _forms(word: str) -> frozenset[str]:
    return frozenset({word, singular(word)})


def _anchor(item: Item) -> frozenset[str]:
    if item[0] == "p":
        return frozenset(item[1])
    return frozenset().union(*(alt[0] for alt in item[1] if alt))


def _has(item: Item, words: set[str], clause: Clause) -> bool:
    if item[0] == "p":
        for prep in item[1]:
            inner = clause.preps.get(prep)
            if inner is not None and all(_has(i, inner, clause) for i in item[2]):
                return True
        return False
    return any(all(not forms.isdisjoint(words) for forms in alt) for alt in item[1])


class _Ranked:
    """A list of patterns, most specific first: its default (the first without items)
    and, per anchor word, the positions of the patterns that word lets through."""

    def __init__(self, patterns: list[_Pattern]) -> None:
        self.patterns = patterns
        first = next((p for p in patterns if not p.pre and not p.post), None)
        self.default = None if first is None else Match(
            first.code, first.swap, False, 0, first.own, first.needs_target)
        self.by_word: dict[str, list[int]] = {}
        self.matches: dict[int, Match] = {}  # by pattern position, made when first matched
        for k, pat in enumerate(patterns):
            if pat.pre or pat.post:
                for word in pat.anchor:
                    self.by_word.setdefault(word, []).append(k)

    def best(self, clause: Clause) -> Match | None:
        """The first pattern whose items are all in ``clause``, else the default: the
        same as trying every pattern in order, only those with an anchor word seen."""
        by_word = self.by_word
        if not by_word:
            return self.default  # no pattern with items: nothing to look for
        words = by_word.keys()  # the set operations below run over the smaller side
        seen = (words & clause.subject) | (words & clause.object) | (words & clause.preps.keys())
        tried = sorted({k for word in seen for k in by_word[word]})
        for k in tried:
            pat = self.patterns[k]
            if all(_has(i, clause.subject, clause) for i in pat.pre) and all(
                    _has(i, clause.object, clause) for i in pat.post):
                made = self.matches.get(k)
                if made is None:
                    made = self.matches[k] = Match(pat.code, pat.swap, True, pat.size, pat.own,
                                                   pat.needs_target)
                return made
        return self.default


def parse_side(text: str) -> list[Any]:
    """'(with leaders) &MILITARY' -> [['with', 'leaders'], '&MILITARY']."""
    items: list[Any] = []
    for m in re.finditer(r"\(([^)]*)\)|(\S+)", text):
        if m.group(1) is not None:
            items.append([w.lower() if not w.startswith("&") else w for w in m.group(1).split()])
        else:
            w = m.group(2)
            items.append(w if w.startswith("&") else w.lower().replace("_", " "))
    return items


def _read(name: str) -> str:
    return resources.files("dragoman.events").joinpath("data", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def load() -> Patterns:
    """The patterns, read once per process."""
    converted = json.loads(_read("verbs.json"))
    own = [line.split("\t") for line in _read("patterns.tsv").splitlines()
           if line.strip() and not line.startswith("#")]
    return Patterns(converted, [[c.strip() for c in row] for row in own])
