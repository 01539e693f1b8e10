"""Actor codes against PETRARCH-2's gold validation sentences.

Each sentence of ``PETR2_GSR_validation.xml`` (read by
:func:`dragoman.evaluate.petrarch.load_gold`) lists its gold event codings; every
distinct source and target code of a sentence is one gold actor. The sentence is parsed
and resolved with its date as the publication date, and each gold actor is scored
against the codes of the actors dragoman resolved in that sentence (wherever they are):

- ``code_accuracy``: some resolved actor has exactly the gold code. A gold code with an
  unknown country ("---REB") matches an actor with the same sectors and any country;
- ``country_accuracy``: some resolved actor's code starts with the gold code's first three
  letters (a country, or IGO/IMG/NGO for international actors); gold codes without a
  country ("---REB") are left out of this score (``n_country`` counts the rest);
- ``root_accuracy``: the gold code's root and first sector ("IRQGOV" for "IRQGOVMIL")
  match the start of some resolved code (or the whole code when it has no sector).

The score measures recall of the gold actors, not precision: extra actors (places,
people the gold does not code) cost nothing. ``misses`` lists the sentence, the gold
code and the codes resolved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dragoman import nlp
from dragoman.actors import resolve
from dragoman.evaluate.petrarch import load_gold
from dragoman.records import Actor, Article

__all__ = ["evaluate", "gold_actors", "matches"]


def gold_actors(codings: list[tuple[str, str, str]]) -> list[str]:
    """The distinct source and target codes of a sentence's codings, in order."""
    codes: dict[str, None] = {}
    for _, source, target in codings:
        for code in (source, target):
            if code and code.strip("-"):
                codes[code] = None
    return list(codes)


def matches(gold: str, codes: list[str]) -> dict[str, bool]:
    """Which levels of ``gold`` some code in ``codes`` matches: code, country, root."""
    if gold.startswith("---"):
        return {"code": any(c[3:] == gold[3:] for c in codes), "country": False,
                "root": any(c[3:6] == gold[3:6] for c in codes)}
    root = gold[:6] if len(gold) > 3 else gold
    return {"code": gold in codes, "country": any(c[:3] == gold[:3] for c in codes),
            "root": any(c.startswith(root) for c in codes)}


def evaluate(path: str | Path, model: str | None = None, **_: Any) -> dict[str, Any]:
    """Score resolved actor codes against the gold codes of ``path``."""
    gold = [row for row in load_gold(path) if row["text"].strip()]
    pipeline = nlp.load(model)
    totals = {"code": 0, "country": 0, "root": 0}
    n = n_country = 0
    misses = []
    texts = [row["text"] for row in gold]
    for row, doc in zip(gold, pipeline.pipe(texts), strict=True):
        actors = resolve(doc, Article(id=row["id"], text=row["text"], published=row["date"]))
        codes = [a.code for a in actors if a.code]
        for code in gold_actors(row["codings"]):
            hit = matches(code, codes)
            n += 1
            n_country += not code.startswith("---")
            for level in totals:
                totals[level] += hit[level]
            if not hit["code"]:
                misses.append({"id": row["id"], "sentence": row["text"], "gold": code,
                               "resolved": [_describe(a) for a in actors]})
    return {
        "n": n,
        "n_country": n_country,
        "code_accuracy": round(totals["code"] / n, 4) if n else 0.0,
        "country_accuracy": round(totals["country"] / n_country, 4) if n_country else 0.0,
        "root_accuracy": round(totals["root"] / n, 4) if n else 0.0,
        "sentences": len(gold),
        "misses": misses,
    }


def _describe(actor: Actor) -> str:
    text = actor.mentions[0].text if actor.mentions else actor.name
    return f"{actor.code or '-'} ({text})"
