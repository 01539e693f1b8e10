"""In-document coreference, rule-based: mentions chained into actors.

- the same dictionary entry, country or coded group is one actor ("Syrian rebels",
  later "the rebels");
- a surname or shorter name joins the person named in full before ("Assad" ->
  "Bashar al-Assad"), and so does a bare surname the parser missed;
- appositions join ("Mikhail Bogdanov, Russia's deputy foreign minister");
- a definite description joins the most recent actor with that title or head word
  ("the envoy", "the minister", "the agency");
- he/she/his/her join the most recent person; it/its the most recent organisation or
  state of this or the previous sentence; they/them/their the most recent group.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from itertools import compress
from typing import TYPE_CHECKING

from dragoman.actors.kinds import anaphors, combine, split_code, title_groups, words
from dragoman.actors.tokens import Tokens
from dragoman.records import Actor, Article, Mention

if TYPE_CHECKING:
    from dragoman.actors.resolve import Coded

_PARTICLES = {"al", "el", "bin", "ibn", "de", "van", "von", "da", "mr", "mrs", "ms", "dr", "-"}
_SPLIT = re.compile(r"[\s\-‐]+")
_LOOKBACK = 3  # sentences a pronoun or description may reach back
_FEMININE = {"she", "her", "hers", "herself"}
_NOBODY = {"no", "neither"}
_DEMONSTRATIVES = {"the", "this", "that", "these", "those"}


@dataclass
class Chain:
    name: str
    kind: str
    code: str | None
    role: str | None
    source: str
    named: bool
    context_country: bool
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, sentence
    heads: set[str] = field(default_factory=set)
    country: str | None = None  # without a code: "Anti-Coup Alliance" (EGY)
    gender: str | None = None  # "m" or "f", from a first name, an honorific or a title

    def absorb(self, c: Coded) -> None:
        """Take what ``c`` knows that this chain does not."""
        if c.named and (not self.named or len(c.name) > len(self.name)) and c.kind == self.kind:
            self.name, self.named = c.name, True
        if c.kind == "person" and self.kind != "person" and c.named:
            self.kind, self.name, self.named = "person", c.name, True
        if c.code and (not self.code or (self.context_country and not c.context_country)
                       or (c.source == "dictionary" and self.source != "dictionary")):
            self.code, self.context_country = c.code, c.context_country
            self.source = c.source
        self.role = self.role or c.role
        self.country = self.country or c.guessed_country
        if c.head:
            self.heads.add(c.head)


class Chains:
    """Collects coded mentions in text order and chains them into actors."""

    def __init__(self, tokens: Tokens, article: Article) -> None:
        self.t = tokens
        self.lowered = tokens.lower
        # each token's first character and the character after it
        self.starts, self.ends = tokens.idx, tokens.end
        self.article = article
        self.chains: list[Chain] = []
        self.keys: dict[tuple[str, ...], Chain] = {}
        self.here: list[tuple[Chain, int, int, int, str]] = []  # + root head, root dep
        self.sentence = -1

    def add(self, c: Coded, sentence: int) -> None:
        if sentence != self.sentence:
            self.here, self.sentence = [], sentence
        if not c.named and c.start > 0 and self.lowered[c.start - 1] in _NOBODY:
            return  # "no group has claimed it": nobody
        if c.context_country:
            self._owned_by_antecedent(c, sentence)
        root = self.t.root(c.start, c.end)
        chain = self._appositive(c, root) or self._find(c, root, sentence)
        if chain is None and c.source == "anaphor":
            return  # "the agency" with nothing to refer to
        key = _key(c)
        if chain is None:
            chain = Chain(c.name, c.kind, c.code, c.role, c.source, c.named, c.context_country)
            self.chains.append(chain)
        if key is not None:
            self.keys.setdefault(key, chain)
        chain.absorb(c)
        if chain.kind == "person" and chain.gender is None:
            before = self.lowered[c.start - 1] if c.start > 0 else ""
            chain.gender = _gender([before, *_name_tokens(c.name), *(c.role or "").split()])
        chain.spans.append((c.start, c.end, sentence))
        chain.spans.extend((s, e, sentence) for s, e in c.inner)
        self.here.append((chain, c.start, c.end, self.t.head[root], self.t.dep[root]))

    def _owned_by_antecedent(self, c: Coded, sentence: int) -> None:
        """"alliance officials" after NATO: the officials are NATO's, not the country's
        the article is most about."""
        first = c.start + (1 if self.lowered[c.start] in ("the", "a", "an") else 0)
        word = self.lowered[first] if first < c.end - 1 else ""
        kinds = anaphors().get(word)
        if not kinds or word == c.head:
            return
        for chain in reversed(self.chains):
            if chain.spans and sentence - chain.spans[-1][2] > _LOOKBACK * 3:
                continue
            if chain.kind in kinds and chain.code and (
                    word in chain.heads or word in chain.name.lower().split() or chain.named):
                c.code = combine(chain.code, c.sector) or chain.code
                c.context_country = False
                chain.heads.add(word)  # "the alliance" later is the same one
                return

    def _appositive(self, c: Coded, root: int) -> Chain | None:
        """'Mikhail Bogdanov, Russia's deputy foreign minister': one person; "the force
        known as UNIFIL": one force (``root``: the root of the mention's tokens)."""
        t = self.t
        naming = _named_as(t, root)
        if naming is not None and c.kind != "person":
            for chain, start, end, _, _ in reversed(self.here):
                if start <= naming < end and chain.kind != "person":
                    return chain
        appos = t.dep[root] == "appos"
        for chain, start, end, head, dep in reversed(self.here):
            linked = ((appos and start <= t.head[root] < end)
                      or (dep == "appos" and c.start <= head < c.end))
            if not linked:
                continue
            if "person" not in (c.kind, chain.kind) or (
                    c.named and chain.named and c.name.lower() != chain.name.lower()):
                return None
            return chain
        return None

    def _find(self, c: Coded, root: int, sentence: int) -> Chain | None:
        if c.source == "anaphor":
            t = self.t
            definite = c.determiner == "the" or any(
                t.dep[d] in ("det", "poss") and t.lower[d] in _DEMONSTRATIVES for d in t.kids[root])
            return self._antecedent(c, sentence) if definite else None
        key = _key(c)
        if key is not None and key in self.keys:
            return self.keys[key]
        if c.named and (c.kind == "person" or c.source == "ner"):
            return self._by_name(c.name)
        if not c.named and c.determiner != "a" and c.head:
            return self._by_description(c, sentence)
        return None

    def _by_name(self, name: str) -> Chain | None:
        tokens = _name_tokens(name)
        if not tokens:
            return None
        firsts = []
        for chain in reversed(self.chains):
            if chain.kind == "person" and chain.named:
                other = _name_tokens(chain.name)
                if other and tokens[-1] == other[-1] and (set(tokens) <= set(other)
                                                          or set(other) <= set(tokens)):
                    return chain
                if len(tokens) == 1 and len(other) > 1 and tokens[0] == other[0]:
                    firsts.append(chain)  # "Abiy" for Abiy Ahmed, when only one is called so
        return firsts[0] if len(firsts) == 1 else None

    def _antecedent(self, c: Coded, sentence: int) -> Chain | None:
        """'the agency': the last actor called so, else the last of a kind it may refer to."""
        kinds = anaphors().get(c.head or "", [c.kind])
        recent = [ch for ch in reversed(self.chains)
                  if ch.spans and sentence - ch.spans[-1][2] <= _LOOKBACK * 3 and ch.kind in kinds]
        for chain in recent:
            if c.head in chain.heads:
                return chain
        for chain in recent:
            if c.head in chain.name.lower().split():
                return chain
        return recent[0] if recent else None

    def _by_description(self, c: Coded, sentence: int) -> Chain | None:
        same = title_groups().get(c.head or "", frozenset([c.head]))
        for chain in reversed(self.chains):
            if chain.spans and sentence - chain.spans[-1][2] > _LOOKBACK * 3:
                continue
            if c.kind != chain.kind or not same & chain.heads:
                continue  # "soldiers" are not "the force" they serve in
            if _compatible(c, chain):
                return chain
        if c.kind == "person" and c.determiner == "the":
            return self._salient_official(c, sentence)
        return None

    def _salient_official(self, c: Coded, sentence: int) -> Chain | None:
        """'the envoy' with no envoy before: the most mentioned titled person of late."""
        recent = [ch for ch in reversed(self.chains)
                  if ch.kind == "person" and ch.named and ch.role and ch.spans
                  and sentence - ch.spans[-1][2] <= _LOOKBACK and _compatible(c, ch)
                  and split_code(ch.code)[1] == split_code(c.code)[1]]
        if not recent:
            return None
        return max(recent, key=lambda ch: len({s for s, _, _ in ch.spans}))

    def actors(self) -> list[Actor]:
        """The chains as actors (ids in order of first mention), pronouns and surnames added."""
        self._add_bare_mentions()
        chains = sorted((ch for ch in self.chains if ch.spans), key=lambda ch: min(ch.spans)[0])
        text = self.article.text
        out = []
        for n, chain in enumerate(chains, 1):
            country, sector = split_code(chain.code)
            country = country or chain.country
            mentions = []
            for start, end, _ in sorted(set(chain.spans)):
                first, last = self.starts[start], self.ends[end - 1]
                mentions.append(Mention(first, last, text[first:last]))
            out.append(Actor(id=f"a{n}", name=chain.name, kind=chain.kind,  # type: ignore[arg-type]
                             country=country, sector=sector, code=chain.code, role=chain.role,
                             mentions=mentions, source=chain.source))
        return out

    def _add_bare_mentions(self) -> None:
        """Pronouns and bare surnames outside every mention."""
        covered = {k for ch in self.chains for s, e, _ in ch.spans for k in range(s, e)}
        order = sorted(((s, e, sent, ch) for ch in self.chains for s, e, sent in ch.spans),
                       key=lambda t: t[:3])
        starts = [s for s, _, _, _ in order]
        surnames, firsts, halves = self._surnames(), self._first_names(), self._halves()
        w = words()
        wanted = (surnames.keys() | firsts.keys() | halves.keys() | w["person_pronouns"]
                  | w["thing_pronouns"] | w["plural_pronouns"])
        t = self.t
        sent_starts = [s for s, _ in t.sentences]
        lowered = self.lowered
        for i in compress(range(len(lowered)), map(wanted.__contains__, lowered)):
            if i in covered:
                continue
            low = lowered[i]
            sentence = bisect.bisect_right(sent_starts, i) - 1
            target: Chain | None = None
            if low in halves and _half_of_country(t, i):
                target = halves[low]  # "the North" after "North Korea"
            elif low in surnames and t.word(i)[:1].isupper():
                target = surnames[low]
            elif low in firsts and _standalone_name(t, i):
                target = firsts[low]
            elif low in w["person_pronouns"]:
                gender = "f" if low in _FEMININE else "m"
                target = _recent(t, order, starts, i, sentence, {"person"}, _LOOKBACK, gender)
                if target is not None:
                    target.gender = target.gender or gender
            elif low in w["thing_pronouns"] and _referential(t, i):
                target = _recent(t, order, starts, i, sentence,
                                 {"organisation", "state", "media"}, 1)
            elif low in w["plural_pronouns"]:
                target = _recent(t, order, starts, i, sentence, {"group"}, 1)
            if target is not None:
                target.spans.append((i, i + 1, sentence))

    def _halves(self) -> dict[str, Chain]:
        """"north" / "south" for the one state named "North ..." / "South ..." here."""
        found: dict[str, Chain | None] = {}
        for chain in self.chains:
            first = chain.name.split()[0].lower() if chain.name else ""
            if chain.kind == "state" and first in ("north", "south") and " " in chain.name:
                found[first] = chain if found.get(first, chain) is chain else None
        return {k: v for k, v in found.items() if v is not None}

    def _first_names(self) -> dict[str, Chain]:
        """First names of the people named in full, when only one person has it ("Abiy")."""
        found: dict[str, Chain | None] = {}
        for chain in self.chains:
            if chain.kind == "person" and chain.named:
                tokens = _name_tokens(chain.name)
                if len(tokens) > 1 and len(tokens[0]) > 2:
                    first = tokens[0]
                    found[first] = chain if found.get(first, chain) is chain else None
        return {k: v for k, v in found.items() if v is not None}

    def _surnames(self) -> dict[str, Chain]:
        found: dict[str, Chain | None] = {}
        for chain in self.chains:
            if chain.kind == "person" and chain.named:
                tokens = _name_tokens(chain.name)
                if len(tokens) > 1 and len(tokens[-1]) > 2:
                    last = tokens[-1]
                    found[last] = chain if found.get(last, chain) is chain else None
        return {k: v for k, v in found.items() if v is not None}


def _compatible(c: Coded, chain: Chain) -> bool:
    if c.context_country or not c.code or not chain.code:
        return True
    return split_code(c.code)[0] == split_code(chain.code)[0]


def _key(c: Coded) -> tuple[str, ...] | None:
    if c.kind == "person":
        if c.entry_key:
            return ("entry", c.entry_key)
        return ("person", c.name.lower()) if c.named else None
    if c.kind == "state" and c.code:
        return ("state", c.code)
    if c.entry_key:
        return ("entry", c.entry_key)
    if c.named:
        return ("name", c.name.lower())
    if c.code:
        return ("code", c.code, c.kind)
    return ("desc", c.name.lower())


def _name_tokens(name: str) -> list[str]:
    return list(_name_parts(name))


@functools.lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple[str, ...]:
    """The words of a name that tell people apart (lower case, no particles), once per name."""
    words = _SPLIT.split(name.lower().replace(".", ""))
    return tuple(t for t in words if t and t not in _PARTICLES)


def _gender(tokens: list[str]) -> str | None:
    """'m' or 'f' from the first known word among an honorific, the name and the title."""
    w = words()
    for token in tokens:
        token = token.lower().rstrip(".")
        if token in w["male_words"]:
            return "m"
        if token in w["female_words"]:
            return "f"
    return None


def _recent(t: Tokens, order: list[tuple[int, int, int, Chain]], starts: list[int], i: int,
            sentence: int, kinds: set[str], lookback: int,
            gender: str | None = None) -> Chain | None:
    """The antecedent of a pronoun at token ``i``: the nearest subject among the actors of
    this or the previous sentence, else the nearest actor of a fitting kind."""
    k = bisect.bisect_left(starts, i)
    nearest = None
    for start, end, sent, chain in reversed(order[max(0, k - 40):k]):
        if sentence - sent > lookback:
            break
        if end > i or chain.kind not in kinds or (gender and chain.gender not in (None, gender)):
            continue
        if sentence - sent <= 1 and t.dep[t.root(start, end)] in ("nsubj", "nsubjpass"):
            return chain
        if nearest is None:
            nearest = chain
    return nearest


def _named_as(t: Tokens, name: int) -> int | None:
    """The noun a name is given to: "the force known as UNIFIL" -> force."""
    prep = t.head[name]
    if t.dep[name] != "pobj" or t.lower[prep] != "as":
        return None
    verb = t.head[prep]
    if t.lemma[verb] not in ("know", "call", "name") or t.dep[verb] != "acl":
        return None
    return t.head[verb]


def _half_of_country(t: Tokens, i: int) -> bool:
    """"the North" standing alone: capitalised, after "the", not the start of a name."""
    return (t.word(i) in ("North", "South") and i > 0 and t.lower[i - 1] == "the"
            and (i + 1 == t.n or not t.word(i + 1)[:1].isupper()))


def _standalone_name(t: Tokens, i: int) -> bool:
    """A capitalised proper noun standing alone, not part of a longer name."""
    if not t.word(i)[:1].isupper() or t.pos[i] != "PROPN":
        return False
    return not ((i > 0 and t.pos[i - 1] == "PROPN") or (i + 1 < t.n and t.pos[i + 1] == "PROPN"))


def _referential(t: Tokens, i: int) -> bool:
    """'it said' yes; 'it is likely that', 'it rained' no."""
    dep = t.dep[i]
    if dep == "expl":
        return False
    if dep in ("nsubj", "nsubjpass"):  # the lemma as spaCy writes it (not lower-cased)
        return t.doc[t.head[i]].lemma_ not in words()["expletive_heads"]
    return dep == "poss" or t.lower[i] == "its"
