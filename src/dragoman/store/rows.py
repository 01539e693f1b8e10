"""Records to table rows and back, losslessly.

Each part of a record becomes one row whose columns hold the contract's fields; any
field the row has no column for goes, as JSON, into the row's ``extra`` column, so a
field added to the records later survives the trip without a schema change.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from dragoman.records import Record

__all__ = ["COLUMNS", "dumps", "loads", "record_from_rows", "record_rows", "record_tuples"]

ARTICLE_COLUMNS = ("id", "source", "url", "title", "published", "dateline", "language", "text",
                   "metadata")
ACTOR_FIELDS = ("id", "name", "kind", "country", "sector", "code", "role", "source", "mentions")
EVENT_FIELDS = ("id", "source", "target", "plover", "cameo", "quad_class", "goldstein", "negated",
                "modality", "date", "date_text", "date_source", "location", "sentence", "trigger",
                "evidence", "confidence", "plover_mode", "plover_context", "reporter")
STATEMENT_FIELDS = ("id", "speaker", "speaker_text", "kind", "content", "cue", "sentence", "via",
                    "speaker_span")
CASUALTY_FIELDS = ("count", "qualifier", "kind", "who", "perpetrator", "date", "span")
SPAN_FIELDS = ("start", "end", "text")
RECORD_PARTS = ("article", "actors", "events", "statements", "casualties")


_FIELDS: dict[type, tuple[str, ...]] = {}
_PLAIN = frozenset({str, int, float, bool, type(None)})  # returned as they are


def to_dict(obj: Any) -> Any:
    """Like :func:`dataclasses.asdict` (same output) without its deep copies: the rows
    are written at once, so nothing is shared for long. Several times faster."""
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    names = _FIELDS.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(obj):
            if isinstance(obj, list | tuple):
                return cls(to_dict(v) for v in obj)
            if isinstance(obj, dict):
                return {k: to_dict(v) for k, v in obj.items()}
            return obj
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(obj))
    return {name: to_dict(getattr(obj, name)) for name in names}


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True)`` (one encoder made once)."""
    return _ENCODER.encode(value)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _with_extra(row: dict[str, Any], extra: str | None) -> dict[str, Any]:
    if extra:
        row.update(json.loads(extra))
    return row


def _span(span: Any) -> tuple[Any, Any, Any]:
    if span is None:
        return None, None, None
    return span.start, span.end, span.text


def _span_back(start: Any, end: Any, text: Any) -> dict[str, Any] | None:
    return None if start is None else {"start": start, "end": end, "text": text}


def _fields(obj: Any) -> tuple[str, ...]:
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(obj))
    return names


# Columns of each table's rows, in the order of the tuples :func:`record_tuples` makes
# (the article row's store-made columns come from the store: ``Store.add``).
ARTICLE_ROW = (*ARTICLE_COLUMNS, "extra", "record_extra")
COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("article_id", "id", "name", "kind", "country", "sector", "code", "role",
               "origin", "n_mentions", "extra"),
    "mentions": ("article_id", "actor_id", "idx", "start", "end", "text", "extra"),
    "events": ("article_id", "id", "idx", "source", "target", "plover", "cameo", "quad_class",
               "goldstein", "negated", "modality", "date", "date_text", "date_source",
               "location", "location_name", "location_country", "lat", "lon", "sentence",
               "trigger_start", "trigger_end", "trigger_text", "evidence", "confidence",
               "plover_mode", "plover_context", "reporter", "extra"),
    "statements": ("article_id", "id", "idx", "speaker", "speaker_text", "kind",
                   "content_start", "content_end", "content_text", "cue_start", "cue_end",
                   "cue_text", "sentence", "via", "speaker_start", "speaker_end",
                   "speaker_span_text", "extra"),
    "casualties": ("article_id", "idx", "count", "qualifier", "kind", "who", "perpetrator",
                   "date", "span_start", "span_end", "span_text", "extra"),
    "timexes": ("article_id", "idx", "start", "end", "text", "value", "type", "data"),
}
TABLES = tuple(COLUMNS)

Row = tuple[Any, ...]


Extra = Callable[[Any], "str | None"]


def _extra(known: tuple[str, ...]) -> Extra:
    """A function giving the ``extra`` JSON of an object whose fields beyond ``known``
    have no column: None when its class has no such field, one cached text when they are
    all empty lists (as ``Statement.parts`` nearly always is), else their JSON."""
    entries: dict[type, tuple[tuple[str, ...], str]] = {}

    def extra(obj: Any) -> str | None:
        entry = entries.get(type(obj))
        if entry is None:
            names = _extra_names(obj, known)
            entry = entries[type(obj)] = names, dumps({n: [] for n in names})
        names, empty = entry
        if not names:
            return None
        values = [getattr(obj, n) for n in names]
        if all(type(v) is list and not v for v in values):
            return empty
        return dumps({n: to_dict(v) for n, v in zip(names, values, strict=True)})

    return extra


_EXTRA_NAMES: dict[tuple[type, tuple[str, ...]], tuple[str, ...]] = {}


def _extra_names(obj: Any, known: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of ``obj`` not in ``known`` (those without a column)."""
    key = (type(obj), known)
    names = _EXTRA_NAMES.get(key)
    if names is None:
        names = _EXTRA_NAMES[key] = tuple(n for n in _fields(obj) if n not in known)
    return names


_article_extra = _extra(ARTICLE_COLUMNS)
_record_extra = _extra(RECORD_PARTS)
_actor_extra = _extra(ACTOR_FIELDS)
_span_extra = _extra(SPAN_FIELDS)
_event_extra = _extra(EVENT_FIELDS)
_statement_extra = _extra(STATEMENT_FIELDS)
_casualty_extra = _extra(CASUALTY_FIELDS)


def record_rows(record: Record) -> dict[str, Any]:
    """The rows of one record as dicts, by table name (``article`` is one dict, others
    lists); the dict form of :func:`record_tuples`."""
    parts = record_tuples(record)
    out: dict[str, Any] = {"article": dict(zip(ARTICLE_ROW, parts["article"], strict=True))}
    for table in TABLES:
        columns = COLUMNS[table]
        out[table] = [dict(zip(columns, row, strict=True)) for row in parts[table]]
    return out


def record_tuples(record: Record) -> dict[str, Any]:
    """The rows of one record by table name, as tuples in :data:`COLUMNS` order
    (``article`` is one tuple in :data:`ARTICLE_ROW` order, the others lists).

    Reads the record's attributes directly (no intermediate dict of the whole record);
    fields without a column go through :func:`to_dict` into ``extra``.
    """
    art = record.article
    aid = art.id
    timexes = to_dict(getattr(record, "timexes", None) or [])
    timex_rows = [_timex_row(aid, i, t) for i, t in enumerate(timexes) if isinstance(t, dict)]
    article = (aid, art.source, art.url, art.title, art.published, art.dateline, art.language,
               art.text, dumps(to_dict(art.metadata)), _article_extra(art),
               _record_extra(record))
    return {
        "article": article,
        "actors": [_actor_row(aid, a) for a in record.actors],
        "mentions": [(aid, a.id, i, m.start, m.end, m.text, _span_extra(m))
                     for a in record.actors for i, m in enumerate(a.mentions)],
        "events": [_event_row(aid, i, e) for i, e in enumerate(record.events)],
        "statements": [_statement_row(aid, i, s) for i, s in enumerate(record.statements)],
        "casualties": [_casualty_row(aid, i, c) for i, c in enumerate(record.casualties)],
        "timexes": timex_rows,
    }


def _actor_row(aid: str, a: Any) -> Row:
    return (aid, a.id, a.name, a.kind, a.country, a.sector, a.code, a.role, a.source,
            len(a.mentions), _actor_extra(a))


def _event_row(aid: str, idx: int, e: Any) -> Row:
    loc = e.location
    start, end, text = _span(e.trigger)
    return (aid, e.id, idx, e.source, e.target, e.plover, e.cameo, e.quad_class, e.goldstein,
            int(bool(e.negated)), e.modality, e.date, e.date_text, e.date_source,
            None if loc is None else dumps(to_dict(loc)), getattr(loc, "name", None),
            getattr(loc, "country", None), getattr(loc, "lat", None), getattr(loc, "lon", None),
            e.sentence, start, end, text, e.evidence, e.confidence,
            getattr(e, "plover_mode", None), getattr(e, "plover_context", None),
            getattr(e, "reporter", None), _event_extra(e))


def _statement_row(aid: str, idx: int, s: Any) -> Row:
    c_start, c_end, c_text = _span(s.content)
    q_start, q_end, q_text = _span(s.cue)
    p_start, p_end, p_text = _span(getattr(s, "speaker_span", None))
    return (aid, s.id, idx, s.speaker, s.speaker_text, s.kind, c_start, c_end, c_text,
            q_start, q_end, q_text, s.sentence, s.via, p_start, p_end, p_text,
            _statement_extra(s))


def _casualty_row(aid: str, idx: int, c: Any) -> Row:
    start, end, text = _span(c.span)
    return (aid, idx, c.count, c.qualifier, c.kind, c.who, c.perpetrator, c.date, start, end,
            text, _casualty_extra(c))


def _timex_row(aid: str, idx: int, t: dict[str, Any]) -> Row:
    span: dict[str, Any] = t["span"] if isinstance(t.get("span"), dict) else t
    return (aid, idx, span.get("start"), span.get("end"), span.get("text"), t.get("value"),
            t.get("type") or t.get("kind"), dumps(t))


def record_from_rows(article: dict[str, Any], actors: list[dict[str, Any]],
                     mentions: list[dict[str, Any]], events: list[dict[str, Any]],
                     statements: list[dict[str, Any]],
                     casualties: list[dict[str, Any]]) -> Record:
    """Rebuild the record from its rows (as dicts, in stored order)."""
    art = {k: article[k] for k in ARTICLE_COLUMNS}
    art["metadata"] = json.loads(article["metadata"])
    data: dict[str, Any] = {"article": _with_extra(art, article["extra"])}
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        by_actor.setdefault(m["actor_id"], []).append(_with_extra(
            {"start": m["start"], "end": m["end"], "text": m["text"]}, m["extra"]))
    data["actors"] = [_with_extra(
        {"id": a["id"], "name": a["name"], "kind": a["kind"], "country": a["country"],
         "sector": a["sector"], "code": a["code"], "role": a["role"], "source": a["origin"],
         "mentions": by_actor.get(a["id"], [])}, a["extra"]) for a in actors]
    data["events"] = [_event_back(e) for e in events]
    data["statements"] = [_with_extra(
        {"id": s["id"], "speaker": s["speaker"], "speaker_text": s["speaker_text"],
         "kind": s["kind"], "sentence": s["sentence"], "via": s["via"],
         "content": _span_back(s["content_start"], s["content_end"], s["content_text"]),
         "cue": _span_back(s["cue_start"], s["cue_end"], s["cue_text"]),
         "speaker_span": _span_back(s["speaker_start"], s["speaker_end"],
                                    s["speaker_span_text"])}, s["extra"])
        for s in statements]
    data["casualties"] = [_with_extra(
        {"count": c["count"], "qualifier": c["qualifier"], "kind": c["kind"], "who": c["who"],
         "perpetrator": c["perpetrator"], "date": c["date"],
         "span": _span_back(c["span_start"], c["span_end"], c["span_text"])}, c["extra"])
        for c in casualties]
    data.update(loads(article["record_extra"]) or {})
    return Record.from_dict(data)


def _event_back(e: dict[str, Any]) -> dict[str, Any]:
    row = {k: e[k] for k in EVENT_FIELDS if k not in ("location", "trigger", "negated")}
    row["negated"] = bool(e["negated"])
    row["location"] = loads(e["location"])
    row["trigger"] = _span_back(e["trigger_start"], e["trigger_end"], e["trigger_text"])
    return _with_extra(row, e["extra"])

