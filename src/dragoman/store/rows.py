"""Records to table rows and back, losslessly.

Each part of a record becomes one row whose columns hold the contract's fields; any
field the row has no column for goes, as JSON, into the row's ``extra`` column, so a
field added to the records later survives the trip without a schema change.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from dragoman.records import Record

__all__ = ["dumps", "loads", "record_from_rows", "record_rows"]

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


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


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


_EXTRA: dict[tuple[type, tuple[str, ...]], tuple[str, ...]] = {}


def _extra_of(obj: Any, known: tuple[str, ...]) -> str | None:
    """JSON of the fields of ``obj`` that have no column (None when there are none)."""
    key = (type(obj), known)
    names = _EXTRA.get(key)
    if names is None:
        names = _EXTRA[key] = tuple(n for n in _fields(obj) if n not in known)
    if not names:
        return None
    rest = {n: to_dict(getattr(obj, n)) for n in names}
    return dumps(rest)


def record_rows(record: Record) -> dict[str, Any]:
    """The rows of one record, by table name (``article`` is one dict, others lists).

    Reads the record's attributes directly (no intermediate dict of the whole record);
    fields without a column go through :func:`to_dict` into ``extra``.
    """
    art = record.article
    aid = art.id
    article = {k: getattr(art, k) for k in ARTICLE_COLUMNS}
    article["metadata"] = dumps(to_dict(art.metadata))
    article["extra"] = _extra_of(art, ARTICLE_COLUMNS)
    article["record_extra"] = _extra_of(record, RECORD_PARTS)
    timexes = getattr(record, "timexes", None) or []
    return {
        "article": article,
        "actors": [_actor_row(aid, a) for a in record.actors],
        "mentions": [_mention_row(aid, a.id, i, m)
                     for a in record.actors for i, m in enumerate(a.mentions)],
        "events": [_event_row(aid, i, e) for i, e in enumerate(record.events)],
        "statements": [_statement_row(aid, i, s) for i, s in enumerate(record.statements)],
        "casualties": [_casualty_row(aid, i, c) for i, c in enumerate(record.casualties)],
        "timexes": [_timex_row(aid, i, t) for i, t in enumerate(to_dict(timexes))
                    if isinstance(t, dict)],
    }


def _actor_row(aid: str, a: Any) -> dict[str, Any]:
    return {"article_id": aid, "id": a.id, "name": a.name, "kind": a.kind,
            "country": a.country, "sector": a.sector, "code": a.code,
            "role": a.role, "origin": a.source, "n_mentions": len(a.mentions),
            "extra": _extra_of(a, ACTOR_FIELDS)}


def _mention_row(aid: str, actor_id: str, idx: int, m: Any) -> dict[str, Any]:
    return {"article_id": aid, "actor_id": actor_id, "idx": idx, "start": m.start,
            "end": m.end, "text": m.text, "extra": _extra_of(m, SPAN_FIELDS)}


def _event_row(aid: str, idx: int, e: Any) -> dict[str, Any]:
    loc = e.location
    start, end, text = _span(e.trigger)
    return {"article_id": aid, "id": e.id, "idx": idx, "source": e.source,
            "target": e.target, "plover": e.plover, "cameo": e.cameo,
            "quad_class": e.quad_class, "goldstein": e.goldstein,
            "negated": int(bool(e.negated)), "modality": e.modality, "date": e.date,
            "date_text": e.date_text, "date_source": e.date_source,
            "location": None if loc is None else dumps(to_dict(loc)),
            "location_name": getattr(loc, "name", None),
            "location_country": getattr(loc, "country", None),
            "lat": getattr(loc, "lat", None), "lon": getattr(loc, "lon", None),
            "sentence": e.sentence, "trigger_start": start, "trigger_end": end,
            "trigger_text": text, "evidence": e.evidence, "confidence": e.confidence,
            "plover_mode": getattr(e, "plover_mode", None),
            "plover_context": getattr(e, "plover_context", None),
            "reporter": getattr(e, "reporter", None), "extra": _extra_of(e, EVENT_FIELDS)}


def _statement_row(aid: str, idx: int, s: Any) -> dict[str, Any]:
    c_start, c_end, c_text = _span(s.content)
    q_start, q_end, q_text = _span(s.cue)
    p_start, p_end, p_text = _span(getattr(s, "speaker_span", None))
    return {"article_id": aid, "id": s.id, "idx": idx, "speaker": s.speaker,
            "speaker_text": s.speaker_text, "kind": s.kind, "content_start": c_start,
            "content_end": c_end, "content_text": c_text, "cue_start": q_start,
            "cue_end": q_end, "cue_text": q_text, "sentence": s.sentence, "via": s.via,
            "speaker_start": p_start, "speaker_end": p_end, "speaker_span_text": p_text,
            "extra": _extra_of(s, STATEMENT_FIELDS)}


def _casualty_row(aid: str, idx: int, c: Any) -> dict[str, Any]:
    start, end, text = _span(c.span)
    return {"article_id": aid, "idx": idx, "count": c.count, "qualifier": c.qualifier,
            "kind": c.kind, "who": c.who, "perpetrator": c.perpetrator,
            "date": c.date, "span_start": start, "span_end": end, "span_text": text,
            "extra": _extra_of(c, CASUALTY_FIELDS)}


def _timex_row(aid: str, idx: int, t: dict[str, Any]) -> dict[str, Any]:
    span: dict[str, Any] = t["span"] if isinstance(t.get("span"), dict) else t
    return {"article_id": aid, "idx": idx, "start": span.get("start"), "end": span.get("end"),
            "text": span.get("text"), "value": t.get("value"),
            "type": t.get("type") or t.get("kind"), "data": dumps(t)}


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

