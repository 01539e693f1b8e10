"""PLOVER event types against the CAMEO-manual examples recoded to PLOVER.

The gold file (``PLOVER_GSR_CAMEO.json``, openeventdata/PLOVER, CC BY-SA 4.0) is a JSON
list of records with ``text``, ``event`` (a PLOVER type), ``source`` and ``target``
(lists of ``actorText``/``code``); a ``DOCUMENT`` record documents the file and is
skipped. Its types follow PLOVER 0.5; dragoman codes PLOVER 2021, so gold types are
mapped to their 2021 names (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE,
FIGHT -> ASSAULT) before comparing. Each sentence runs through the whole pipeline; the
predicted type is that of the first event (in text order) whose source matches the
gold source text, else of the first event. ``accuracy`` counts sentences with no event
as wrong; ``coverage`` is the share of sentences with any event.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from dragoman.errors import EvaluationError
from dragoman.records import Article, Event, Record

__all__ = ["GOLD_TO_2021", "evaluate", "load_gold", "predicted_type", "score"]

GOLD_TO_2021 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                "FIGHT": "ASSAULT"}


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold records that have a text and an event type (DOCUMENT records left out)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: not a readable PLOVER JSON gold file ({exc})") from exc
    if not isinstance(data, list):
        raise EvaluationError(f"{path}: expected a JSON list of PLOVER records")
    rows = [r for r in data if isinstance(r, dict) and r.get("text") and r.get("event")
            and r["event"] != "DOCUMENT"]
    if not rows:
        raise EvaluationError(f"{path}: no records with 'text' and 'event'")
    return rows


def gold_type(row: dict[str, Any]) -> str:
    event = str(row["event"]).upper()
    return GOLD_TO_2021.get(event, event)


def _actor_texts(row: dict[str, Any], key: str) -> list[str]:
    items = row.get(key) or []
    return [str(a.get("actorText", "")).lower() for a in items if isinstance(a, dict)]


def predicted_type(record: Record, row: dict[str, Any]) -> str | None:
    """The PLOVER type dragoman gives the sentence's main event."""
    events = [e for e in record.events if e.plover]
    if not events:
        return None
    sources = _actor_texts(row, "source")

    def rank(e: Event) -> tuple[int, int, float]:
        actor = record.actor(e.source)
        texts = [m.text.lower() for m in actor.mentions] if actor else []
        hit = any(s and (s in t or t in s) for s in sources for t in texts)
        return (0 if hit else 1, e.trigger.start, -e.confidence)

    return min(events, key=rank).plover


def score(rows: list[dict[str, Any]], records: list[Record]) -> dict[str, Any]:
    """Accuracy of predicted PLOVER types against the gold rows (same order)."""
    correct = covered = 0
    misses = []
    confusion: Counter[tuple[str, str]] = Counter()
    for row, record in zip(rows, records, strict=True):
        gold, pred = gold_type(row), predicted_type(record, row)
        covered += pred is not None
        if pred == gold:
            correct += 1
        else:
            confusion[(gold, pred or "-")] += 1
            misses.append({"id": row.get("id"), "text": row["text"], "gold": gold,
                           "predicted": pred})
    n = len(rows)
    return {"n": n, "accuracy": round(correct / n, 4) if n else 0.0,
            "coverage": round(covered / n, 4) if n else 0.0,
            "confusions": [f"{g}->{p}: {c}" for (g, p), c in confusion.most_common(10)],
            "misses": misses}


def evaluate(path: str | Path, model: str | None = None) -> dict[str, Any]:
    """Run the pipeline over the gold sentences and score the PLOVER types."""
    from dragoman.pipeline import extract_batch

    rows = load_gold(path)
    articles = [Article(id=str(r.get("id", n)), text=r["text"], published=r.get("date"))
                for n, r in enumerate(rows)]
    return score(rows, list(extract_batch(articles, model=model)))
