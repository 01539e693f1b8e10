"""Event records from candidates: pairing sources with targets, de-duplication, ids."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

from dragoman.events import codebook
from dragoman.records import Article, Event, Span

__all__ = ["Candidate", "make_event", "pairs", "to_events", "unique"]

SYMMETRIC_ROOTS = frozenset({"03", "04", "06", "19"})
NOT_SYMMETRIC = frozenset({"042", "043"})


@dataclass
class Candidate:
    """An event before ids: what the walkers found in one clause."""

    code: str
    sources: list[str]
    targets: list[str | None]
    trigger: tuple[int, int]
    sentence: int
    negated: bool = False
    modality: str = "asserted"
    reporter: str | None = None
    confidence: float = 0.7
    anchor: int = -1  # token index of the trigger word
    parent: int = -1  # token index of the word it hangs on
    fixed: bool = False  # coded by its construction ("X said Y attacked"): not reviewed
    own: bool = False  # coded by dragoman's own patterns (not the converted dictionary)


def unique(items: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out


def pairs(code: str, sources: list[str], targets: list[str]) -> list[tuple[str, str | None]]:
    """(source, target) pairs: each source with each other target; conjoined sources of a
    symmetric event ("X and Y met") with each other; else the source alone."""
    out: list[tuple[str, str | None]] = []
    symmetric = code[:2] in SYMMETRIC_ROOTS and code[:3] not in NOT_SYMMETRIC
    for s in sources:
        others = [t for t in targets if t != s]
        if not others and not targets and symmetric and len(sources) > 1:
            others = [t for t in sources if t != s]
        if others:
            out.extend((s, t) for t in others)
        else:
            out.append((s, None))
    return out


def to_events(cands: list[Candidate], article: Article, sents: list[SpacySpan]) -> list[Event]:
    events: list[Event] = []
    seen: set[tuple[str, str, str | None, int]] = set()
    aimed = {(c.code[:2], c.sources[0], link) for c in cands if c.targets[0]
             for link in (c.anchor, c.parent) if link >= 0}
    for c in sorted(cands, key=lambda c: (c.trigger[0], -c.confidence)):
        key = (c.code, c.sources[0], c.targets[0], c.sentence)
        vague = c.targets[0] is None and any(
            (c.code[:2], c.sources[0], link) in aimed for link in (c.anchor, c.parent)
            if link >= 0)
        if key in seen or vague:
            continue  # "met X ... to discuss": the aimed event says it all
        seen.add(key)
        sent = sents[c.sentence]  # its text, as the article's characters (no token walk)
        evidence = article.text[sent.start_char:sent.end_char]
        events.append(make_event(f"e{len(events) + 1}", c, article, evidence))
    return events


def make_event(event_id: str, c: Candidate, article: Article, evidence: str) -> Event:
    """An :class:`Event` record from a candidate, filled from the codebook."""
    entry = codebook.lookup(c.code)
    start, end = c.trigger
    return Event(
        id=event_id, source=c.sources[0], target=c.targets[0],
        plover=entry.plover if entry else None, cameo=c.code,
        quad_class=entry.quad_class if entry else None,
        goldstein=entry.goldstein if entry else None,
        trigger=Span(start, end, article.text[start:end]), sentence=c.sentence,
        evidence=evidence, negated=c.negated, modality=c.modality,  # type: ignore[arg-type]
        confidence=round(c.confidence, 3),
        plover_mode=entry.mode if entry else None,
        plover_context=entry.context if entry else None, reporter=c.reporter,
    )
