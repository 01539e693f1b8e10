"""When things happened: datelines, time expressions, event dates.

``annotate(doc, record)`` finds the article's time expressions (``record.timexes``) and
gives each event and casualty the value of the expression that governs it in its
sentence ("clashes erupted on Monday"), else the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
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
    record.timexes = find_timexes(doc, published, record.article.text)
    after = _dateline_end(record.article.text)
    datable = [t for t in record.timexes if event_date(t.value) is not None and t.start >= after]
    spans = [(t.start, t.end) for t in datable]
    for event in record.events:
        timex = _governing(doc, datable, spans, event.trigger.start, event.trigger.end)
        shifted = _after_before(doc, record.timexes, datable, spans, event.trigger)
        if shifted is not None:
            event.date, event.date_text, event.date_source = shifted[0], shifted[1], "text"
        elif timex is not None:
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


def _after_before(doc: Any, timexes: list[Timex], datable: list[Timex],
                  spans: list[tuple[int, int]], trigger_span: Any) -> tuple[str, str] | None:
    """"three days after security forces broke up the camp": the date of the main
    clause moved back (after) or forward (before) by the duration."""
    trigger = token_at(doc, trigger_span.start, trigger_span.end)
    if trigger is None or trigger.dep_ != "advcl":
        return None
    marks = [c for c in trigger.children if c.dep_ == "mark" and c.lower_ in ("after", "before")]
    if not marks:
        return None
    offset = next((t for t in timexes if t.type == "DURATION" and t.value and any(
        c.dep_ == "npadvmod" and t.start <= c.idx < t.end for c in trigger.children)), None)
    head = trigger.head
    base = _governing(doc, datable, spans, head.idx, head.idx + len(head))
    if offset is None or base is None or not _DAY.match(base.value or ""):
        return None
    m = re.fullmatch(r"P(\d+)([DW])", offset.value or "")
    if not m:
        return None
    days = int(m[1]) * (7 if m[2] == "W" else 1) * (-1 if marks[0].lower_ == "after" else 1)
    day = date.fromisoformat(base.value[:10]) + timedelta(days=days)  # type: ignore[index]
    return day.isoformat(), doc.text[offset.start:marks[0].idx + len(marks[0])]


def _dateline_end(text: str) -> int:
    """Where the text after a leading dateline starts (0 without one): the dateline's
    own date is the report's date, not the events'."""
    stripped = text.lstrip()
    found = parse_dateline(stripped.split("\n", 1)[0])
    return found.end + len(text) - len(stripped) if found else 0


def _governing(doc: Any, timexes: list[Timex], spans: list[tuple[int, int]], start: int,
               end: int) -> Timex | None:
    if not timexes:
        return None
    trigger = token_at(doc, start, end)
    if trigger is None:
        return None
    return pick(timexes, spans, doc, trigger)
