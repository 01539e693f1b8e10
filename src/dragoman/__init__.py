"""dragoman: news articles to checkable records of who did what to whom, who said
what, and who the actors are."""

from __future__ import annotations

import logging

from dragoman.pipeline import extract, extract_batch
from dragoman.records import Actor, Article, Casualty, Event, Record, Span, Statement
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
