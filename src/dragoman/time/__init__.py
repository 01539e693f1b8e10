"""When things happened: datelines, time expressions, event dates.

``annotate(doc, record)`` finds the article's time expressions (``record.timexes``) and
gives each event and casualty the value of the expression that governs it in its
sentence ("clashes erupted on Monday"), else the publication date.
"""

from __future__ import annotations

import re
from typing import Any

from dragoman.records import Record, Timex
from dragoman.time.attach import pick, token_at
from dragoman.time.dateline import apply_dateline, parse_dateline
from dragoman.time.normalise import normalise
from dragoman.time.timex import find_timexes

__all__ = [
    "annotate",
    "apply_dateline",
    "event_date",
    "find_timexes",
    "normalise",
    "parse_dateline",
]

_DAY = re.compile(r"^\d{4}-\d\d-\d\d")


def annotate(doc: Any, record: Record) -> None:
    """Fill ``record.timexes`` and the ``date``/``date_text``/``date_source`` of each
    event and the ``date`` of each casualty."""
    published = record.article.published
    record.timexes = find_timexes(doc, published)
    datable = [t for t in record.timexes if event_date(t.value) is not None]
    spans = [(t.start, t.end) for t in datable]
    for event in record.events:
        timex = _governing(doc, datable, spans, event.trigger.start, event.trigger.end)
        if timex is not None:
            event.date, event.date_text, event.date_source = event_date(timex.value), \
                timex.text, "text"
        elif event.date is None and published:
            event.date, event.date_source = published[:10], "published"
    for casualty in record.casualties:
        timex = _governing(doc, datable, spans, casualty.span.start, casualty.span.end)
        if timex is not None:
            casualty.date = event_date(timex.value)
        elif casualty.date is None and published:
            casualty.date = published[:10]


def event_date(value: str | None) -> str | None:
    """The date an event gets from a time expression's value: the ISO day of a day or
    time ("2012-08-27T10:00" -> "2012-08-27"), coarser values as they are ("2012-W35",
    "2012-03"), nothing for durations, sets and PAST_REF-like values."""
    if not value or not value[:1].isdigit() or value.startswith("P"):
        return None
    if _DAY.match(value):
        return value[:10]
    return value


def _governing(doc: Any, timexes: list[Timex], spans: list[tuple[int, int]], start: int,
               end: int) -> Timex | None:
    if not timexes:
        return None
    trigger = token_at(doc, start, end)
    if trigger is None:
        return None
    return pick(timexes, spans, doc, trigger)
