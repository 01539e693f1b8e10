"""Statements against PolNeAR's hand-annotated attributions (brat standoff).

Layout of a PolNeAR split folder::

    DIR/text/<name>.txt                    the article, as annotated
    DIR/attributions/<name>_<annotator>.ann brat standoff, one file per annotator

An ``.ann`` file holds text-bound spans (``T3<TAB>Content 226 297;300 310<TAB>text``:
labels Source, Cue, Content, Attribution, Attribution-no-source, Discuss, Discard; a
span may have several ``;``-separated fragments) and events that tie them into one
attribution (``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``, sometimes with a
second ``Content2`` part, or ``Attribution-no-source`` and no Source). Every event with
a Content is one gold attribution; Discuss and Discard spans are ignored. A few
articles were annotated by several annotators: the first annotation file in name order
is used, so every text counts once.

Scoring, one-to-one (greedy, largest overlap first):

* overlap match: the predicted content and the gold content (all its fragments) share
  at least half of the characters of each; a predicted statement whose quote is split
  by its attribution counts with its quoted ``parts`` only, like the gold fragments;
* exact match: the two extents (first to last character) are equal once both are
  trimmed of white space, quote marks and the punctuation .,;: at either end.
  PolNeAR keeps the quote marks and the comma or full stop inside them for direct
  quotes (``"We will win,"``) and leaves the sentence's final full stop out of
  reported content; annotators are not consistent about either, so neither decides
  a match. A quote split by its attribution (``"A," she said. "B."``) is one gold
  content of two fragments; its extent runs from the first to the last quote mark.
* source accuracy, over overlap-matched pairs whose gold attribution has a Source:
  the predicted speaker's written span, or any mention of the speaker actor,
  overlaps the gold Source; cue accuracy likewise with the predicted cue.

Agreement: where a split has articles that two annotators annotated, the report's
``agreement`` object scores the second annotator against the first with the same
scorer (``annotators``), beside dragoman on the same articles (``dragoman``): the
ceiling that the annotation itself sets on any system's figures.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dragoman.errors import EvaluationError
from dragoman.records import Article, Record, Statement

logger = logging.getLogger("dragoman")

Ranges = list[tuple[int, int]]
_TRIM = " \t\r\n\xa0\"'“”‘’`.,;:"
_MAX_MISSES = 300


@dataclass
class GoldAttribution:
    """One annotated attribution: content, and the source and cue where given."""

    content: Ranges
    source: Ranges = field(default_factory=list)
    cue: Ranges = field(default_factory=list)


@dataclass
class GoldDocument:
    name: str
    text: str
    attributions: list[GoldAttribution]
    # Another annotator's attributions of the same text, where there is one.
    second: list[GoldAttribution] | None = None


def read_ann(text: str) -> list[GoldAttribution]:
    """Gold attributions of one brat ``.ann`` file's content."""
    spans: dict[str, Ranges] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            _label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = [
                    (int(a), int(b)) for a, b in (frag.split() for frag in offsets.split(";"))
                ]
            except ValueError:
                logger.warning("bad span line skipped: %r", line)
        elif parts[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    golds = []
    for args in events:
        content = [r for role in ("Content", "Content2") for r in spans.get(args.get(role, ""), [])]
        if not content:
            continue
        golds.append(GoldAttribution(
            content=sorted(content),
            source=spans.get(args.get("Source", ""), []),
            cue=spans.get(args.get("Cue", ""), []),
        ))
    return golds


def read_corpus(path: str | Path, limit: int | None = None) -> Iterator[GoldDocument]:
    """The annotated documents of a PolNeAR split folder, in name order."""
    root = Path(path)
    texts, anns = root / "text", root / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise EvaluationError(f"{root} has no text/ and attributions/ folders (a PolNeAR split)")
    chosen: dict[str, list[Path]] = {}
    for ann in sorted(anns.glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    count = 0
    for name, files in chosen.items():
        txt = texts / f"{name}.txt"
        if not txt.exists():
            logger.warning("no text for %s", files[0].name)
            continue
        if limit is not None and count >= limit:
            return
        count += 1
        second = read_ann(files[1].read_text(encoding="utf-8")) if len(files) > 1 else None
        yield GoldDocument(name, txt.read_text(encoding="utf-8"),
                           read_ann(files[0].read_text(encoding="utf-8")), second)


def _size(ranges: Ranges) -> int:
    return sum(b - a for a, b in ranges)


def shared_chars(a: Ranges, b: Ranges) -> int:
    """How many characters two sets of ranges have in common."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def overlaps(pred: Ranges, gold: Ranges) -> bool:
    """The overlap criterion: shared characters are at least half of each side."""
    shared = shared_chars(pred, gold)
    return shared > 0 and 2 * shared >= _size(pred) and 2 * shared >= _size(gold)


def trimmed_extent(text: str, ranges: Ranges) -> tuple[int, int]:
    """First to last character of ``ranges``, without quote marks, spaces and .,;: at the ends."""
    start, end = ranges[0][0], ranges[-1][1]
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def exact(text: str, pred: Ranges, gold: Ranges) -> bool:
    return trimmed_extent(text, pred) == trimmed_extent(text, gold)


def match(pairs: list[tuple[int, int, int]]) -> dict[int, int]:
    """One-to-one matching from (score, pred, gold) candidates, best score first."""
    used_gold: set[int] = set()
    result: dict[int, int] = {}
    for _, p, g in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if p not in result and g not in used_gold:
            result[p] = g
            used_gold.add(g)
    return result


def pred_ranges(statement: Statement) -> Ranges:
    """The predicted content: its quoted parts when a quote is split by its cue."""
    if statement.parts:
        return [(p.start, p.end) for p in statement.parts]
    return [(statement.content.start, statement.content.end)]


def speaker_ranges(statement: Statement, record: Record | None) -> Ranges:
    """Where the predicted speaker is written: its span, and its actor's mentions."""
    ranges = []
    if statement.speaker_span is not None:
        ranges.append((statement.speaker_span.start, statement.speaker_span.end))
    actor = record.actor(statement.speaker) if record is not None else None
    if actor is not None:
        ranges.extend((m.start, m.end) for m in actor.mentions)
    return ranges


@dataclass
class Tally:
    """Counts summed over documents."""

    n_gold: int = 0
    n_pred: int = 0
    tp_overlap: int = 0
    tp_exact: int = 0
    source_total: int = 0
    source_right: int = 0
    cue_total: int = 0
    cue_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        p_o, r_o = _ratio(self.tp_overlap, self.n_pred), _ratio(self.tp_overlap, self.n_gold)
        p_e, r_e = _ratio(self.tp_exact, self.n_pred), _ratio(self.tp_exact, self.n_gold)
        return {
            "content_f1_overlap": _f1(p_o, r_o),
            "content_f1_exact": _f1(p_e, r_e),
            "content_precision_overlap": p_o,
            "content_recall_overlap": r_o,
            "content_precision_exact": p_e,
            "content_recall_exact": r_e,
            "source_accuracy": _ratio(self.source_right, self.source_total),
            "cue_accuracy": _ratio(self.cue_right, self.cue_total),
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "misses": self.misses,
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score_document(doc: GoldDocument, statements: list[Statement], tally: Tally,
                   record: Record | None = None) -> None:
    """Add one document's counts (and a sample of its misses) to ``tally``."""
    found = [GoldAttribution(pred_ranges(s), speaker_ranges(s, record),
                             [(s.cue.start, s.cue.end)] if s.cue else [])
             for s in statements]
    over = _score(doc.text, doc.attributions, found, tally)
    _collect_misses(doc, statements, over, tally)


def score_annotation(doc: GoldDocument, other: list[GoldAttribution], tally: Tally) -> None:
    """Add the counts of another annotator's attributions of ``doc`` to ``tally``."""
    _score(doc.text, doc.attributions, other, tally)


def _score(text: str, golds: list[GoldAttribution], found: list[GoldAttribution],
           tally: Tally) -> dict[int, int]:
    """Count ``found`` (contents, with the speaker's and cue's ranges) against ``golds``;
    returns the overlap matching, found index -> gold index."""
    tally.n_gold += len(golds)
    tally.n_pred += len(found)
    over = match([(shared_chars(f.content, g.content), i, j) for i, f in enumerate(found)
                  for j, g in enumerate(golds) if overlaps(f.content, g.content)])
    ex = match([(1, i, j) for i, f in enumerate(found) for j, g in enumerate(golds)
                if exact(text, f.content, g.content)])
    tally.tp_overlap += len(over)
    tally.tp_exact += len(ex)
    for i, j in over.items():
        gold, item = golds[j], found[i]
        if gold.source:
            tally.source_total += 1
            tally.source_right += shared_chars(item.source, gold.source) > 0
        if gold.cue:
            tally.cue_total += 1
            tally.cue_right += shared_chars(item.cue, gold.cue) > 0
    return over


def _collect_misses(doc: GoldDocument, statements: list[Statement], over: dict[int, int],
                    tally: Tally) -> None:
    matched_gold = set(over.values())
    for j, gold in enumerate(doc.attributions):
        if j not in matched_gold and len(tally.misses) < _MAX_MISSES:
            tally.misses.append({"doc": doc.name, "miss": "not found",
                                 "content": _show(doc.text, gold.content),
                                 "cue": _show(doc.text, gold.cue)})
    for i, statement in enumerate(statements):
        if i not in over and len(tally.misses) < _MAX_MISSES:
            tally.misses.append({"doc": doc.name, "miss": "spurious",
                                 "content": statement.content.text,
                                 "cue": statement.cue.text if statement.cue else ""})


def _show(text: str, ranges: Ranges) -> str:
    return " | ".join(text[a:b] for a, b in ranges)


def evaluate(path: str | Path, model: str | None = None, limit: int | None = None,
             **_: Any) -> dict[str, Any]:
    """Score the statements stage on a PolNeAR split folder (``DIR/text``, ``DIR/attributions``).

    ``limit`` scores only the first N documents, for quick runs.
    """
    from dragoman.pipeline import extract_batch

    docs = list(read_corpus(path, limit=limit))
    if not docs:
        raise EvaluationError(f"no annotated documents under {path}")
    # Articles are built from the raw text so that offsets equal PolNeAR's.
    articles = [Article(id=d.name, text=d.text) for d in docs]
    tally, doubled, annotators = Tally(), Tally(), Tally()
    for doc, record in zip(docs, extract_batch(articles, model=model), strict=True):
        score_document(doc, record.statements, tally, record)
        if doc.second is not None:
            score_document(doc, record.statements, doubled, record)
            score_annotation(doc, doc.second, annotators)
    report = tally.report()
    report["n_documents"] = len(docs)
    report["agreement"] = _agreement(docs, annotators, doubled)
    return report


_AGREEMENT_KEYS = ("content_f1_overlap", "content_f1_exact", "source_accuracy",
                   "cue_accuracy", "n_gold", "n_pred")


def _agreement(docs: list[GoldDocument], annotators: Tally, system: Tally
               ) -> dict[str, Any] | None:
    """The second annotator and dragoman, each against the first, on the articles
    that two annotators annotated (None when there are none)."""
    n = sum(doc.second is not None for doc in docs)
    if not n:
        return None
    human, ours = annotators.report(), system.report()
    return {"n_documents": n,
            "annotators": {k: human[k] for k in _AGREEMENT_KEYS},
            "dragoman": {k: ours[k] for k in _AGREEMENT_KEYS}}
