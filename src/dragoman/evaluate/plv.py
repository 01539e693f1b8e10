"""PLOVER event types on the PLV benchmark (macro-F1 over its 15 types).

The gold file is a CSV with columns ``text,label,meta,context,source,target``: one news
sentence, its PLOVER type and the text of its source and target actors (the PLV set,
github yibo-hu-lab/event-coding-reliability). Two settings:

- ``given_actors``: the gold source and target texts are given to the event classifier,
  as the published benchmark does;
- otherwise dragoman finds the actors itself: each sentence runs through the whole
  pipeline and the event whose source and target mentions best overlap the gold actor
  texts decides the type (no such event counts as wrong).

``folds=0`` scores the shipped classifier (in-sample when the file is its training
file); ``folds=N`` retrains the classifier on N-1 stratified folds of the file (fixed
seed) and scores the held-out fold, for every fold.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dragoman.errors import EvaluationError
from dragoman.events import classifier
from dragoman.records import Article, Event, Record

__all__ = ["Row", "evaluate", "load_gold", "pick_event", "score"]

COLUMNS = ("text", "label", "source", "target")
# PLV predates PLOVER 2021's split of YIELD into CONCEDE and RETREAT.
TO_PLV = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
SEED = 0


@dataclass(frozen=True)
class Row:
    text: str
    label: str
    source: str | None
    target: str | None
    meta: str = ""


def load_gold(path: str | Path) -> list[Row]:
    """The labelled sentences of a PLV CSV file."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise EvaluationError(f"{path}: not a PLV CSV file (missing columns "
                                      f"{', '.join(missing)}; expected {','.join(COLUMNS)})")
            rows = [Row(r["text"], r["label"].strip().upper(), r["source"] or None,
                        r["target"] or None, r.get("meta") or "") for r in reader if r["text"]]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError(f"{path}: cannot read the PLV CSV file ({exc})") from exc
    if not rows:
        raise EvaluationError(f"{path}: no labelled sentences")
    return rows


def evaluate(path: str | Path, given_actors: bool = False, folds: int = 0,
             model: str | None = None) -> dict[str, Any]:
    """Score dragoman's PLOVER types on a PLV file; ``model`` names the spaCy pipeline."""
    rows = load_gold(path)
    if folds == 1 or folds < 0:
        raise EvaluationError(f"--folds must be 0 or at least 2, not {folds}")
    if folds == 0 and not classifier.available():
        raise EvaluationError("the event classifier's weights are missing; "
                              "train them with scripts/train_classifier.py --save")
    predicted: list[str | None] = [None] * len(rows)
    for test, context in _splits(rows, folds):
        with context:
            part = [rows[i] for i in test]
            got = _given(part) if given_actors else _pipeline(part, model)
        for i, label in zip(test, got, strict=True):
            predicted[i] = label
    report = score(rows, predicted)
    report["setting"] = ("given actors" if given_actors else "actors found by dragoman")
    report["model"] = f"{folds}-fold cross-validation on this file" if folds else "shipped"
    if not folds and _in_sample(rows):
        report["note"] = "in-sample: this file is the classifier's training data"
    return report


def _splits(rows: list[Row], folds: int) -> Iterator[tuple[list[int], Any]]:
    """(test row indices, context manager setting the model) for each fold."""
    if not folds:
        yield list(range(len(rows))), nullcontext()
        return
    from sklearn.model_selection import StratifiedKFold

    labels = [r.label for r in rows]
    split = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    for train, test in split.split(np.zeros(len(rows)), labels):
        part = [rows[i] for i in train]
        fitted = classifier.train_default([r.text for r in part], [r.label for r in part],
                                          [r.source for r in part], [r.target for r in part])
        yield [int(i) for i in test], classifier.use(fitted)


def _given(rows: list[Row]) -> list[str | None]:
    got = classifier.predict([r.text for r in rows], [r.source for r in rows],
                             [r.target for r in rows])
    return [label or None for label, _ in got]


def _pipeline(rows: list[Row], model: str | None) -> list[str | None]:
    from dragoman.pipeline import extract_batch

    articles = [Article(id=str(n), text=r.text) for n, r in enumerate(rows)]
    records = extract_batch(articles, model=model)
    return [_plover(pick_event(record, row)) for record, row in zip(records, rows, strict=True)]


def _plover(event: Event | None) -> str | None:
    if event is None or not event.plover:
        return None
    return TO_PLV.get(event.plover, event.plover)


def pick_event(record: Record, row: Row) -> Event | None:
    """The event whose actors' mentions best overlap the gold source and target texts."""
    text = record.article.text
    gold = [_span(text, row.source), _span(text, row.target)]
    best, best_score = None, 0.0
    for event in record.events:
        if not event.plover:
            continue
        overlap = sum(_overlap(record, actor_id, span)
                      for actor_id, span in zip((event.source, event.target), gold, strict=True))
        if overlap > best_score or (overlap == best_score and best is not None
                                    and overlap and event.confidence > best.confidence):
            best, best_score = event, overlap
    return best


def _span(text: str, actor: str | None) -> tuple[int, int] | None:
    if not actor:
        return None
    at = text.find(actor)
    if at < 0:
        at = text.lower().find(actor.lower())
    return (at, at + len(actor)) if at >= 0 else None


def _overlap(record: Record, actor_id: str | None, span: tuple[int, int] | None) -> float:
    """The share of the gold span covered by one of the actor's mentions (0 to 1)."""
    actor = record.actor(actor_id)
    if actor is None or span is None:
        return 0.0
    start, end = span
    covered = max((min(end, m.end) - max(start, m.start) for m in actor.mentions), default=0)
    return max(covered, 0) / max(end - start, 1)


def score(rows: list[Row], predicted: list[str | None]) -> dict[str, Any]:
    """Macro-F1, accuracy and per-label figures of ``predicted`` against the rows' labels."""
    labels = sorted({r.label for r in rows})
    per_label = {label: _label_scores(rows, predicted, label) for label in labels}
    correct = sum(r.label == p for r, p in zip(rows, predicted, strict=True))
    misses = [{"text": r.text, "gold": r.label, "predicted": p, "source": r.source,
               "target": r.target} for r, p in zip(rows, predicted, strict=True) if r.label != p]
    n = len(rows)
    return {"n": n, "macro_f1": round(float(np.mean([s["f1"] for s in per_label.values()])), 4),
            "accuracy": round(correct / n, 4), "coverage": round(
                sum(p is not None for p in predicted) / n, 4),
            "per_label": per_label, "misses": misses}


def _label_scores(rows: list[Row], predicted: list[str | None], label: str) -> dict[str, Any]:
    gold = [r.label == label for r in rows]
    pred = [p == label for p in predicted]
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    precision = tp / sum(pred) if sum(pred) else 0.0
    recall = tp / sum(gold) if sum(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "support": sum(gold)}


def _in_sample(rows: list[Row]) -> bool:
    model = classifier.load()
    seen = set(model.meta.get("training_digests", [])) if model is not None else set()
    return bool(seen) and sum(classifier.digest(r.text) in seen for r in rows) > len(rows) / 2
