"""Event coding against PETRARCH-2's gold validation sentences (CAMEO triples).

The gold file (``PETR2_GSR_validation.xml``, openeventdata/UniversalPetrarch) lists
``<Sentence>`` records, each followed by its ``<EventCoding eventcode= sourcecode=
targetcode=>`` lines (or ``noevents="True"``) and its ``<Text>``. The file is not
well-formed XML, so it is read record by record. Each sentence is run through the
whole pipeline; predictions and gold are compared as sets of (source country, target
country, CAMEO root) triples per sentence, and again with the full CAMEO code. A
country is the first three letters of an actor code ("IRQGOVMIL" -> "IRQ",
"IGOUNO" -> "IGO"), else the actor's country, else "---".

PETRARCH-2 codes a report of an act by the report ("The US claimed that ISIL had
attacked Iraq" is one event, USA accuses ISIL), not the act inside it. Dragoman keeps
both, the inner event carrying its ``reporter``; to compare like with like, an event
whose reporter is the source of another event in the same sentence is left out here.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from dragoman.errors import EvaluationError
from dragoman.records import Actor, Article, Record

__all__ = ["evaluate", "load_gold", "score", "triples"]

_RECORD = re.compile(r"<Sentence\s([^>]*?)/?>(.*?)(?=<Sentence\s|</Sentences>|\Z)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\s([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)

Triple = tuple[str, str, str]


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Sentences with ``id``, ``date`` (ISO), ``text`` and ``codings`` (code, src, tgt)."""
    try:
        data = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read the gold file ({exc})") from exc
    rows: list[dict[str, Any]] = []
    for m in _RECORD.finditer(data):
        attrs = dict(_ATTR.findall(m.group(1)))
        text = _TEXT.search(m.group(2))
        if text is None:
            continue
        codings = []
        for c in _CODING.finditer(m.group(2)):
            ca = dict(_ATTR.findall(c.group(1)))
            if "eventcode" in ca:
                codings.append((ca["eventcode"], ca.get("sourcecode", "---"),
                                ca.get("targetcode", "---")))
        date = attrs.get("date", "")
        sentence = _clean(text.group(1)) or _from_parse(m.group(2))
        rows.append({"id": attrs.get("id", str(len(rows))), "text": sentence,
                     "date": f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None,
                     "codings": codings})
    if not rows:
        raise EvaluationError(f"{path}: no <Sentence> records with <Text> found")
    return rows


def _from_parse(record: str) -> str:
    """The sentence rebuilt from its CoNLL-U parse, for records whose <Text> is empty."""
    parse = _PARSE.search(record)
    out = []
    for line in (parse.group(1) if parse else "").splitlines():
        cols = line.split("\t")
        if len(cols) >= 10 and cols[0].isdigit():
            out.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    return "".join(out).strip()


def _clean(text: str) -> str:
    return " ".join(html.unescape(text).split())


def country(code: str | None) -> str:
    return code[:3].upper() if code and len(code) >= 3 else "---"


def _actor_country(actor: Actor | None) -> str:
    if actor is None:
        return "---"
    if actor.code:
        return country(actor.code)
    return actor.country or "---"


def triples(record: Record, depth: int | None = 2) -> set[Triple]:
    """The (source country, target country, code) triples of a record's events."""
    out = set()
    reporting = {(e.sentence, e.source) for e in record.events if e.reporter is None}
    for e in record.events:
        if not e.cameo or (e.reporter and (e.sentence, e.reporter) in reporting):
            continue
        code = e.cameo[:depth] if depth else e.cameo
        out.add((_actor_country(record.actor(e.source)),
                 _actor_country(record.actor(e.target)), code))
    return out


def _gold_triples(codings: list[tuple[str, str, str]], depth: int | None) -> set[Triple]:
    return {(country(s), country(t), c[:depth] if depth else c) for c, s, t in codings}


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(rows: list[dict[str, Any]], records: list[Record]) -> dict[str, Any]:
    """Precision, recall and F1 of predicted triples against the gold rows (same order)."""
    counts = {2: [0, 0, 0], None: [0, 0, 0]}  # tp, predicted, gold
    misses = []
    for row, record in zip(rows, records, strict=False):
        for depth, c in counts.items():
            gold, pred = _gold_triples(row["codings"], depth), triples(record, depth)
            c[0] += len(gold & pred)
            c[1] += len(pred)
            c[2] += len(gold)
            if depth == 2 and gold != pred:
                misses.append({"id": row["id"], "text": row["text"],
                               "gold": sorted("-".join(t) for t in gold),
                               "predicted": sorted("-".join(t) for t in pred)})
    p, r, f = _prf(*counts[2])
    cp, cr, cf = _prf(*counts[None])
    return {"n": len(rows), "gold_events": counts[2][2], "predicted_events": counts[2][1],
            "precision": round(p, 4), "recall": round(r, 4), "root_f1": round(f, 4),
            "code_precision": round(cp, 4), "code_recall": round(cr, 4),
            "code_f1": round(cf, 4), "misses": misses}


def evaluate(path: str | Path, model: str | None = None) -> dict[str, Any]:
    """Run the pipeline over the gold sentences and score its events."""
    from dragoman.pipeline import extract_batch

    rows = load_gold(path)
    articles = [Article(id=r["id"], text=r["text"], published=r["date"]) for r in rows]
    records = list(extract_batch(articles, model=model))
    return score(rows, records)
