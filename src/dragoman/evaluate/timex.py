"""Time expressions against TimeBank/AQUAINT gold (TempEval-3 style scores).

Each line of the gold file is a JSON object with ``text``, ``published`` and ``timex``
(a list of ``start``, ``end``, ``text``, ``type``, ``value``). Detection is scored with
relaxed matching (spans overlap, one to one); a value counts only on a matched span:
value precision = correct values / predicted, value recall = correct values / gold.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dragoman.errors import EvaluationError
from dragoman.records import Timex

__all__ = ["evaluate", "score"]


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold documents of a JSONL file; EvaluationError when it is not one."""
    rows = []
    try:
        with open(path, encoding="utf-8") as handle:
            for n, line in enumerate(handle, 1):
                if line.strip():
                    row = json.loads(line)
                    if "text" not in row or "timex" not in row:
                        raise EvaluationError(f"{path}:{n}: needs 'text' and 'timex' fields")
                    rows.append(row)
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: not a readable JSONL gold file ({exc})") from exc
    return rows


def evaluate(path: str | Path, model: str | None = None) -> dict[str, Any]:
    """Span and value precision/recall/F1 of :func:`find_timexes` on a gold file."""
    from dragoman import nlp
    from dragoman.time.timex import find_timexes

    rows = load_gold(path)
    docs = nlp.load(model).pipe((r["text"] for r in rows), batch_size=32)
    predicted = [find_timexes(doc, row.get("published"))
                 for doc, row in zip(docs, rows, strict=True)]
    return score(rows, predicted)


def score(rows: list[dict[str, Any]], predicted: list[list[Timex]]) -> dict[str, Any]:
    """Scores of predicted timexes against the gold rows (same order)."""
    n_gold = n_pred = span_ok = value_ok = 0
    misses: list[dict[str, Any]] = []
    for row, preds in zip(rows, predicted, strict=True):
        gold = row["timex"]
        n_gold += len(gold)
        n_pred += len(preds)
        pairs = _match(gold, preds)
        span_ok += len(pairs)
        for g, p in pairs:
            if p.value == g["value"]:
                value_ok += 1
            else:
                misses.append({"id": row.get("id"), "published": row.get("published"),
                               "text": g["text"], "gold": g["value"], "predicted": p.value,
                               "predicted_text": p.text})
        matched = {id(g) for g, _ in pairs}
        misses += [{"id": row.get("id"), "text": g["text"], "gold": g["value"], "predicted": None}
                   for g in gold if id(g) not in matched]
        matched_p = {id(p) for _, p in pairs}
        misses += [{"id": row.get("id"), "text": None, "gold": None, "predicted": p.value,
                    "predicted_text": p.text} for p in preds if id(p) not in matched_p]
    report: dict[str, Any] = {"n_docs": len(rows), "n_gold": n_gold, "n_pred": n_pred}
    report |= _prf("span", span_ok, n_pred, n_gold)
    report |= _prf("value", value_ok, n_pred, n_gold)
    report["misses"] = misses
    return report


def _match(gold: list[dict[str, Any]], preds: list[Timex]) -> list[tuple[dict[str, Any], Timex]]:
    """One-to-one pairs of overlapping spans, the largest overlaps first."""
    options = []
    for g in gold:
        for p in preds:
            overlap = min(g["end"], p.end) - max(g["start"], p.start)
            if overlap > 0:
                options.append((-overlap, g["start"], p.start, g, p))
    options.sort(key=lambda o: o[:3])
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, _, g, p in options:
        if id(g) not in used_g and id(p) not in used_p:
            used_g.add(id(g))
            used_p.add(id(p))
            pairs.append((g, p))
    return pairs


def _prf(name: str, correct: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{name}_precision": round(p, 4), f"{name}_recall": round(r, 4),
            f"{name}_f1": round(f, 4)}
