"""Where the patterns are silent: ask the learned PLOVER classifier, if one is installed.

``dragoman.events.classifier`` (a separate module) exposes ``available()`` and
``predict(sentences, sources, targets) -> [(plover_type, probability)]``. This module
collects, per article, the clauses with an actor as subject and another as target but
no coded verb, asks the classifier once for all of them, and keeps the confident
answers as events coded with the PLOVER type's default CAMEO code.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from dragoman.events import codebook

__all__ = ["Silent", "classifier", "classify"]

logger = logging.getLogger("dragoman.events")
THRESHOLD = 0.85  # it sees only clauses the patterns left silent: be sure
CONFIDENCE_SCALE = 0.8  # a learned guess counts for less than a pattern


@dataclass
class Silent:
    """A clause the patterns did not code: its verb, sentence, doer and target."""

    verb: Token
    sentence_index: int
    sentence: str
    source: str
    target: str | None
    source_text: str
    target_text: str | None


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
    out = []
    for s, (plover, prob) in zip(silent, answers, strict=False):
        code = codebook.default_cameo(plover) if plover and prob >= THRESHOLD else None
        if code:
            out.append((s, code, round(prob * CONFIDENCE_SCALE, 3)))
    return out
