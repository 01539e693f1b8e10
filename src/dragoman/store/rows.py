"""Records to table rows and back, losslessly.

Each part of a record becomes one row whose columns hold the contract's fields; any
field the row has no column for goes, as JSON, into the row's ``extra`` column, so a
field added to the records later survives the trip without a schema change.
"""

from __future__ import annotations

import json
from typing import Any

from dragoman.records import Record, to_dict

__all__ = ["dumps", "loads", "record_from_rows", "record_rows"]

ARTICLE_COLUMNS = ("id", "source", "url", "title", "published", "dateline", "language", "text",
                   "metadata")
ACTOR_FIELDS = ("id", "name", "kind", "country", "sector", "code", "role", "source", "mentions")
EVENT_FIELDS = ("id", "source", "target", "plover", "cameo", "quad_class", "goldstein", "negated",
                "modality", "date", "date_text", "date_source", "location", "sentence", "trigger",
                "evidence", "confidence")
STATEMENT_FIELDS = ("id", "speaker", "speaker_text", "kind", "content", "cue", "sentence", "via")
CASUALTY_FIELDS = ("count", "qualifier", "kind", "who", "perpetrator", "date", "span")
SPAN_FIELDS = ("start", "end", "text")
RECORD_PARTS = ("article", "actors", "events", "statements", "casualties")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _extra(data: dict[str, Any], known: tuple[str, ...]) -> str | None:
    rest = {k: v for k, v in data.items() if k not in known}
    return dumps(rest) if rest else None


def _with_extra(row: dict[str, Any], extra: str | None) -> dict[str, Any]:
    if extra:
        row.update(json.loads(extra))
    return row


def _span(span: dict[str, Any] | None) -> tuple[Any, Any, Any]:
    if span is None:
        return None, None, None
    return span["start"], span["end"], span["text"]


def _span_back(start: Any, end: Any, text: Any) -> dict[str, Any] | None:
    return None if start is None else {"start": start, "end": end, "text": text}


def record_rows(record: Record) -> dict[str, Any]:
    """The rows of one record, by table name (``article`` is one dict, others lists)."""
    data = to_dict(record)
    art = data["article"]
    aid = art["id"]
    article = {k: art[k] for k in ARTICLE_COLUMNS}
    article["metadata"] = dumps(art["metadata"])
    article["extra"] = _extra(art, ARTICLE_COLUMNS)
    article["record_extra"] = _extra(data, RECORD_PARTS)
    return {
        "article": article,
        "actors": [_actor_row(aid, a) for a in data["actors"]],
        "mentions": [_mention_row(aid, a["id"], i, m)
                     for a in data["actors"] for i, m in enumerate(a["mentions"])],
        "events": [_event_row(aid, i, e) for i, e in enumerate(data["events"])],
        "statements": [_statement_row(aid, i, s) for i, s in enumerate(data["statements"])],
        "casualties": [_casualty_row(aid, i, c) for i, c in enumerate(data["casualties"])],
        "timexes": [_timex_row(aid, i, t) for i, t in enumerate(data.get("timexes") or [])
                    if isinstance(t, dict)],
    }


def _actor_row(aid: str, a: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": aid, "id": a["id"], "name": a["name"], "kind": a["kind"],
            "country": a["country"], "sector": a["sector"], "code": a["code"],
            "role": a["role"], "origin": a["source"], "n_mentions": len(a["mentions"]),
            "extra": _extra(a, ACTOR_FIELDS)}


def _mention_row(aid: str, actor_id: str, idx: int, m: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": aid, "actor_id": actor_id, "idx": idx, "start": m["start"],
            "end": m["end"], "text": m["text"], "extra": _extra(m, SPAN_FIELDS)}


def _event_row(aid: str, idx: int, e: dict[str, Any]) -> dict[str, Any]:
    loc = e["location"] or {}
    start, end, text = _span(e["trigger"])
    return {"article_id": aid, "id": e["id"], "idx": idx, "source": e["source"],
            "target": e["target"], "plover": e["plover"], "cameo": e["cameo"],
            "quad_class": e["quad_class"], "goldstein": e["goldstein"],
            "negated": int(bool(e["negated"])), "modality": e["modality"], "date": e["date"],
            "date_text": e["date_text"], "date_source": e["date_source"],
            "location": None if e["location"] is None else dumps(e["location"]),
            "location_name": loc.get("name"), "location_country": loc.get("country"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "sentence": e["sentence"],
            "trigger_start": start, "trigger_end": end, "trigger_text": text,
            "evidence": e["evidence"], "confidence": e["confidence"],
            "extra": _extra(e, EVENT_FIELDS)}


def _statement_row(aid: str, idx: int, s: dict[str, Any]) -> dict[str, Any]:
    c_start, c_end, c_text = _span(s["content"])
    q_start, q_end, q_text = _span(s["cue"])
    return {"article_id": aid, "id": s["id"], "idx": idx, "speaker": s["speaker"],
            "speaker_text": s["speaker_text"], "kind": s["kind"], "content_start": c_start,
            "content_end": c_end, "content_text": c_text, "cue_start": q_start,
            "cue_end": q_end, "cue_text": q_text, "sentence": s["sentence"], "via": s["via"],
            "extra": _extra(s, STATEMENT_FIELDS)}


def _casualty_row(aid: str, idx: int, c: dict[str, Any]) -> dict[str, Any]:
    start, end, text = _span(c["span"])
    return {"article_id": aid, "idx": idx, "count": c["count"], "qualifier": c["qualifier"],
            "kind": c["kind"], "who": c["who"], "perpetrator": c["perpetrator"],
            "date": c["date"], "span_start": start, "span_end": end, "span_text": text,
            "extra": _extra(c, CASUALTY_FIELDS)}


def _timex_row(aid: str, idx: int, t: dict[str, Any]) -> dict[str, Any]:
    span = t.get("span") if isinstance(t.get("span"), dict) else t
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
         "cue": _span_back(s["cue_start"], s["cue_end"], s["cue_text"])}, s["extra"])
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

