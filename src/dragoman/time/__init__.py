"""When things happened: datelines, time expressions, event dates."""

from __future__ import annotations

from dragoman.time.dateline import apply_dateline, parse_dateline

__all__ = ["annotate", "apply_dateline", "parse_dateline"]


def annotate(doc: object, record: object) -> None:
    """Give each event and casualty a date: the governing time expression, else the
    publication date."""
    from dragoman.records import Record

    assert isinstance(record, Record)
    published = record.article.published
    for event in record.events:
        if event.date is None and published:
            event.date = published
            event.date_source = "published"
    for casualty in record.casualties:
        if casualty.date is None and published:
            casualty.date = published
