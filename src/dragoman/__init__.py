"""dragoman: news articles to checkable records of who did what to whom, who said
what, and who the actors are."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from dragoman.records import Actor, Article, Casualty, Event, Record, Span, Statement

if TYPE_CHECKING:
    from dragoman.pipeline import extract, extract_batch
    from dragoman.store import Store

__version__ = "0.1.0"
__all__ = [
    "Actor",
    "Article",
    "Casualty",
    "Event",
    "Record",
    "Span",
    "Statement",
    "Store",
    "extract",
    "extract_batch",
]

logging.getLogger("dragoman").addHandler(logging.NullHandler())

# spaCy takes seconds to import: load the pipeline and the store only when used, so
# commands that need neither (`dragoman --help`, `dragoman serve`) start at once.
_LAZY = {"extract": "dragoman.pipeline", "extract_batch": "dragoman.pipeline",
         "Store": "dragoman.store"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dragoman' has no attribute {name!r}")
