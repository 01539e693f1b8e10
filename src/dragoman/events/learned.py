"""Where the patterns are silent: ask the learned PLOVER classifier, if one is installed.

``dragoman.events.classifier`` (a separate module) exposes ``available()`` and
``predict(sentences, sources, targets) -> [(plover_type, probability)]``. This module
collects, per article, the clauses with an actor as subject and another as target but
no coded verb, asks the classifier once for all of them, and keeps the confident
answers as events coded with the PLOVER type's default CAMEO code. It also reviews the
events generic patterns coded between two actors: where the classifier is sure of another
PLOVER type, that type's default CAMEO code replaces the pattern's.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dragoman.events import codebook

__all__ = ["Check", "Silent", "ask", "classifier", "classify", "review"]

logger = logging.getLogger("dragoman.events")
THRESHOLD = 0.7  # it sees only clauses the patterns left silent: be sure
CONFIDENCE_SCALE = 0.8  # a learned guess counts for less than a pattern
# a generic pattern's type yields to a classifier this sure of another type: a default
# of the converted dictionary readily, one of dragoman's own patterns less readily
OVERRIDE = 0.6
OVERRIDE_OWN = 0.85
# older PLOVER names the classifier's labels share a type with
SAME_TYPE = {"CONCEDE": "YIELD", "RETREAT": "YIELD", "FIGHT": "ASSAULT",
             "DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST"}


@dataclass
class Silent:
    """A clause the patterns did not code: its verb, sentence, doer and target."""

    verb: int  # token index
    sentence_index: int
    sentence: str
    source: str
    target: str | None
    source_text: str
    target_text: str | None


@dataclass
class Check:
    """A clause a generic pattern coded, with both actors: the classifier may recode it."""

    sentence: str
    source_text: str
    target_text: str
    plover: str | None
    own: bool = False  # the pattern is one of dragoman's own


Answer = tuple[str, float]  # a PLOVER type and its probability


def ask(checks: list[Check], silent: list[Silent], model: Any
        ) -> tuple[list[str | None], list[tuple[Silent, str, float]]]:
    """:func:`review` of ``checks`` and :func:`classify` of ``silent`` with one pass of
    the classifier ``model`` (the answers are those of two separate calls)."""
    groups = [([c.sentence for c in checks], [c.source_text for c in checks],
               [c.target_text for c in checks]),
              ([s.sentence for s in silent], [s.source_text for s in silent],
               [s.target_text for s in silent])]
    try:
        many = getattr(model, "predict_groups", None)
        if many is not None:
            checked, found = many(groups)
        else:  # a classifier with predict alone
            checked, found = (model.predict(*g) if g[0] else [] for g in groups)
    except Exception:
        logger.warning("events classifier failed", exc_info=True)
        return [None] * len(checks), []
    return recodes(checks, checked), confident(silent, found)


def review(checks: list[Check], predict: Callable[..., list[Answer]]) -> list[str | None]:
    """Per check, the CAMEO code of the classifier's PLOVER type where it is sure and
    disagrees with the pattern's type, else None (the pattern's code stands)."""
    if not checks:
        return []
    try:
        answers = predict([c.sentence for c in checks], [c.source_text for c in checks],
                          [c.target_text for c in checks])
    except Exception:
        logger.warning("events classifier failed", exc_info=True)
        return [None] * len(checks)
    return recodes(checks, answers)


def recodes(checks: list[Check], answers: list[Answer]) -> list[str | None]:
    """:func:`review`'s verdicts from the classifier's answers."""
    if not checks:
        return []
    out: list[str | None] = []
    for c, (plover, prob) in zip(checks, answers, strict=False):
        agrees = _type(plover) == _type(c.plover)
        sure = prob >= (OVERRIDE_OWN if c.own else OVERRIDE)
        out.append(codebook.default_cameo(plover) if plover and sure and not agrees else None)
    return out + [None] * (len(checks) - len(out))


def _type(plover: str | None) -> str:
    name = (plover or "").upper()
    return SAME_TYPE.get(name, name)


def classifier() -> Any | None:
    """The classifier module when it is importable and has a model, else None."""
    try:
        module = importlib.import_module("dragoman.events.classifier")
    except ImportError:
        return None
    except Exception:  # a half-written module must not break extraction
        logger.warning("events classifier cannot be imported", exc_info=True)
        return None
    try:
        return module if module.available() else None
    except Exception:  # a broken model must not break extraction
        logger.warning("events classifier unavailable", exc_info=True)
        return None


def classify(silent: list[Silent], predict: Callable[..., list[tuple[str, float]]]
             ) -> list[tuple[Silent, str, float]]:
    """(clause, CAMEO code, confidence) for the clauses the classifier is sure of."""
    if not silent:
        return []
    try:
        answers = predict([s.sentence for s in silent], [s.source_text for s in silent],
                          [s.target_text for s in silent])
    except Exception:
        logger.warning("events classifier failed", exc_info=True)
        return []
    return confident(silent, answers)


def confident(silent: list[Silent], answers: list[Answer]) -> list[tuple[Silent, str, float]]:
    """:func:`classify`'s events from the classifier's answers."""
    out = []
    for s, (plover, prob) in zip(silent, answers, strict=False):
        code = codebook.default_cameo(plover) if plover and prob >= THRESHOLD else None
        if code:
            out.append((s, code, round(prob * CONFIDENCE_SCALE, 3)))
    return out
