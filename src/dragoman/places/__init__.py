"""Where things happened: places in the sentence, else the dateline."""

from __future__ import annotations

from typing import Any

from dragoman.records import Location, Record

__all__ = ["annotate"]


def annotate(doc: Any, record: Record) -> None:
    """Give each event without a location the dateline's place."""
    if not record.article.dateline:
        return
    for event in record.events:
        if event.location is None:
            event.location = Location(name=record.article.dateline)
