"""The cue lexicon (``data/cues.tsv``): speech verbs, cue phrases, media words."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from dragoman.errors import InputError

_KINDS = ("verb", "xverb", "objcomp", "object", "vprep", "raising", "phrase", "prep", "media",
          "noun")


@dataclass(frozen=True)
class Lexicon:
    """Cue words by kind; see the header of ``data/cues.tsv``."""

    verbs: frozenset[str]
    xverbs: frozenset[str]
    objcomps: frozenset[str]
    objects: frozenset[str]
    vpreps: frozenset[tuple[str, str]]
    phrases: tuple[tuple[str, ...], ...]
    preps: tuple[tuple[str, ...], ...]
    media: frozenset[str]
    statement_nouns: frozenset[str]
    raising: frozenset[str]
    phrase_words: frozenset[str] = frozenset()  # every word of every phrase
    cue_verbs: frozenset[str] = frozenset()  # every verb lemma above
    # word -> (phrase, where the word is in it), longest phrases first
    phrase_index: Mapping[str, tuple[tuple[tuple[str, ...], int], ...]] = field(
        default_factory=dict, hash=False, compare=False)


def parse(text: str, where: str = "cues") -> Lexicon:
    """A lexicon from the lines of a cues file."""
    entries: dict[str, list[str]] = {kind: [] for kind in _KINDS}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, entry = line.partition("\t")
        if kind not in entries or not entry.strip():
            raise InputError(f"{where}:{number}", f"expected KIND<TAB>ENTRY with KIND in {_KINDS}")
        entries[kind].append(entry.strip().lower())
    phrases = tuple(sorted({tuple(p.split()) for p in entries["phrase"]}, key=len, reverse=True))
    return Lexicon(
        verbs=frozenset(entries["verb"]),
        xverbs=frozenset(entries["xverb"]),
        objcomps=frozenset(entries["objcomp"]),
        objects=frozenset(entries["object"]),
        vpreps=frozenset(_pair(p) for p in entries["vprep"]),
        phrases=phrases,
        preps=tuple(tuple(p.split()) for p in entries["prep"]),
        media=frozenset(entries["media"]),
        statement_nouns=frozenset(entries["noun"]),
        raising=frozenset(entries["raising"]),
        phrase_words=frozenset(w for p in entries["phrase"] for w in p.split()),
        cue_verbs=frozenset(entries["verb"] + entries["xverb"] + entries["objcomp"]
                            + entries["object"] + [_pair(p)[0] for p in entries["vprep"]]),
        phrase_index=_index(phrases),
    )


def _index(phrases: tuple[tuple[str, ...], ...]
           ) -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    """For each word, the phrases it is in and where, in the order of ``phrases``."""
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase in phrases:
        for offset, word in enumerate(phrase):
            index.setdefault(word, []).append((phrase, offset))
    return {word: tuple(found) for word, found in index.items()}


def _pair(entry: str) -> tuple[str, str]:
    verb, _, prep = entry.partition(" ")
    return verb, prep


@functools.lru_cache(maxsize=4)
def load(path: str | None = None) -> Lexicon:
    """The shipped cue lexicon, or one read from ``path``."""
    if path is not None:
        return parse(Path(path).read_text(encoding="utf-8"), path)
    text = resources.files("dragoman.statements").joinpath("data/cues.tsv").read_text("utf-8")
    return parse(text, "cues.tsv")
