"""Very long articles, in parts: split at paragraph boundaries, parsed and analysed part
by part in bounded memory, and put back together with offsets mapped to the whole text.

spaCy's parser needs temporary memory in proportion to the length of a text (about
1 GB per 100,000 characters), so an article longer than :data:`PART_CHARS` is cut into
parts no longer than that, at the last paragraph (else line, else sentence, else space)
boundary before the limit. Coreference does not cross parts; actors with the same name,
code and kind in several parts become one actor.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from dragoman.records import Actor, Article, Record, Span

__all__ = ["PART_CHARS", "merge", "split_text"]

PART_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))


def split_text(text: str, limit: int = PART_CHARS) -> list[tuple[int, str]]:
    """(offset, part) pairs covering ``text`` in order, each part at most ``limit`` long."""
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = limit
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > limit // 2]
            if ends:
                cut = ends[-1]
                break
        parts.append((start, text[start:start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def part_article(article: Article, index: int, text: str) -> Article:
    """The article of one part: same metadata, the part's text."""
    return dataclasses.replace(article, text=text, id=f"{article.id}#{index}")


def _shift(obj: Any, offset: int) -> None:
    """Move every span inside ``obj`` (a record part) by ``offset`` characters."""
    if isinstance(obj, Span):
        obj.start += offset
        obj.end += offset
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            _shift(getattr(obj, f.name), offset)
    elif isinstance(obj, list):
        for item in obj:
            _shift(item, offset)


_REFS = {"events": ("source", "target", "reporter"), "statements": ("speaker", "via"),
         "casualties": ("perpetrator",)}


def merge(article: Article, parts: list[tuple[int, int, Record]]) -> Record:
    """One record for ``article`` from its parts' records: (offset, sentences before the
    part, record) in text order."""
    whole = Record(article=article)
    by_key: dict[tuple[str, str | None, str], Actor] = {}
    for offset, sentences, record in parts:
        ids: dict[str, str] = {}
        for actor in record.actors:
            _shift(actor.mentions, offset)
            key = (actor.name, actor.code, actor.kind)
            if key in by_key:
                by_key[key].mentions.extend(actor.mentions)
            else:
                by_key[key] = actor
                actor_id = f"a{len(whole.actors) + 1}"
                ids[actor.id], actor.id = actor_id, actor_id
                whole.actors.append(actor)
                continue
            ids[actor.id] = by_key[key].id
        for kind, refs in _REFS.items():
            for item in getattr(record, kind):
                _shift(item, offset)
                for ref in refs:
                    if getattr(item, ref, None) is not None:
                        setattr(item, ref, ids.get(getattr(item, ref)))
                if hasattr(item, "sentence"):
                    item.sentence += sentences
                if hasattr(item, "id"):
                    item.id = f"{kind[0]}{len(getattr(whole, kind)) + 1}"
                getattr(whole, kind).append(item)
        _shift(record.timexes, offset)
        whole.timexes.extend(record.timexes)
    for actor in whole.actors:
        actor.mentions.sort(key=lambda m: (m.start, m.end))
    return whole
