"""Events in the published GDELT 1.0, GDELT 2.0 (events and mentions) and Phoenix layouts.

Tab-separated, no header, columns exactly as listed in ``store/data/*.columns``. One row
per first-copy event with a CAMEO code; copies in near-duplicate articles are counted
in NumArticles/NumSources and, in GDELT 2.0, listed in the mentions table.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dragoman.store.codes import ActorCode, columns, split_code

__all__ = ["write_gdelt1", "write_gdelt2", "write_phoenix"]

_EVENTS = """
SELECT e.*, a.ingested_at, a.url AS article_url, a.source AS article_source,
       a.published AS article_published, length(a.text) AS doc_len
FROM event_view e JOIN articles a ON a.id = e.article_id
WHERE e.cameo IS NOT NULL AND e.cameo != '' {where}
ORDER BY e.num
"""


def _rows(conn: sqlite3.Connection, copies: bool = False) -> Iterator[dict[str, Any]]:
    where = "" if copies else "AND e.copy_of IS NULL"
    for row in conn.execute(_EVENTS.format(where=where)):
        yield dict(row)


def _writer(stream: IO[str]) -> Any:
    return csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                      escapechar=None, quotechar=None)


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else str(value)
    return " ".join(str(value).split())  # no tabs or newlines inside a field


def _date(row: dict[str, Any]) -> dt.date | None:
    for value in (row.get("date"), row.get("article_published"), row.get("published")):
        if value and len(value) >= 10 and value[4] == "-":
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _added(row: dict[str, Any]) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(row["ingested_at"])
    except (KeyError, TypeError, ValueError):
        return dt.datetime.now(dt.UTC)


def _actor_fields(prefix: str, code: ActorCode, name: str | None) -> dict[str, Any]:
    types = [*code.types, "", "", ""]
    religions = [*code.religions, "", ""]
    return {f"{prefix}Code": code.code, f"{prefix}Name": (name or "").upper(),
            f"{prefix}CountryCode": code.country, f"{prefix}KnownGroupCode": code.known_group,
            f"{prefix}EthnicCode": code.ethnic, f"{prefix}Religion1Code": religions[0],
            f"{prefix}Religion2Code": religions[1], f"{prefix}Type1Code": types[0],
            f"{prefix}Type2Code": types[1], f"{prefix}Type3Code": types[2]}


def _geo(row: dict[str, Any]) -> dict[str, Any]:
    if not row.get("location_name") and row.get("lat") is None:
        return {}
    kind = 4 if row.get("lat") is not None else 1 if row.get("location_country") else 4
    return {"ActionGeo_Type": kind, "ActionGeo_FullName": row.get("location_name"),
            "ActionGeo_CountryCode": row.get("location_country"),
            "ActionGeo_Lat": row.get("lat"), "ActionGeo_Long": row.get("lon")}


def gdelt_event(row: dict[str, Any], version: int) -> dict[str, Any]:
    """One event row as GDELT fields by column name."""
    day = _date(row)
    cameo = row["cameo"]
    added = _added(row)
    out: dict[str, Any] = {
        "GLOBALEVENTID": row["num"],
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.year if day else "",
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        "IsRootEvent": 1 if row.get("sentence") == 0 else 0,
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": row.get("quad_class"), "GoldsteinScale": row.get("goldstein"),
        "NumMentions": row.get("num_articles"), "NumSources": row.get("num_sources"),
        "NumArticles": row.get("num_articles"), "AvgTone": "",
        "DATEADDED": added.strftime("%Y%m%d%H%M%S" if version == 2 else "%Y%m%d"),
        "SOURCEURL": row.get("article_url") or row.get("article_source") or row["article_id"],
    }
    out |= _actor_fields("Actor1", split_code(row.get("source_code"),
                                              row.get("source_country")), row.get("source_name"))
    out |= _actor_fields("Actor2", split_code(row.get("target_code"),
                                              row.get("target_country")), row.get("target_name"))
    return out | _geo(row)


def _write(path: Path, names: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = _writer(stream)
        for row in rows:
            writer.writerow([_clean(row.get(name)) for name in names])
            n += 1
    return n


def write_gdelt1(conn: sqlite3.Connection, out: Path) -> dict[str, int]:
    """GDELT 1.0 daily-file layout (58 columns) to the file ``out``."""
    rows = (gdelt_event(r, 1) for r in _rows(conn))
    return {"events": _write(out, columns("gdelt1-events"), rows)}


def write_gdelt2(conn: sqlite3.Connection, out: Path) -> dict[str, int]:
    """GDELT 2.0 event and mentions tables to ``out/dragoman.export.CSV`` and
    ``out/dragoman.mentions.CSV``."""
    events = _write(out / "dragoman.export.CSV", columns("gdelt2-events"),
                    (gdelt_event(r, 2) for r in _rows(conn)))
    mentions = _write(out / "dragoman.mentions.CSV", columns("gdelt2-mentions"),
                      _mentions(conn))
    return {"events": events, "mentions": mentions}


def _mentions(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    first_added = {r[0]: r[1] for r in conn.execute(
        "SELECT e.num, a.ingested_at FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.copy_of IS NULL")}
    for row in _rows(conn, copies=True):
        event = row["copy_of"] or row["num"]
        event_added = _added({"ingested_at": first_added.get(event, row["ingested_at"])})
        yield {
            "GLOBALEVENTID": event,
            "EventTimeDate": event_added.strftime("%Y%m%d%H%M%S"),
            "MentionTimeDate": _added(row).strftime("%Y%m%d%H%M%S"),
            "MentionType": 1,
            "MentionSourceName": row.get("article_source") or "",
            "MentionIdentifier": row.get("article_url") or row["article_id"],
            "SentenceID": (row.get("sentence") or 0) + 1,
            "Actor1CharOffset": _offset(conn, row, row.get("source_id")),
            "Actor2CharOffset": _offset(conn, row, row.get("target_id")),
            "ActionCharOffset": row.get("trigger_start"),
            "InRawText": 1,
            "Confidence": round(100 * (row.get("confidence") or 0)),
            "MentionDocLen": row.get("doc_len"),
        }


def _offset(conn: sqlite3.Connection, row: dict[str, Any], actor_id: str | None) -> int:
    """Where the actor is mentioned nearest the event's trigger, or -1."""
    if not actor_id:
        return -1
    found = conn.execute(
        "SELECT start FROM mentions WHERE article_id = ? AND actor_id = ? "
        "ORDER BY abs(start - ?) LIMIT 1",
        (row["article_id"], actor_id, row.get("trigger_start") or 0)).fetchone()
    return -1 if found is None else int(found[0])


def write_phoenix(conn: sqlite3.Connection, out: Path) -> dict[str, int]:
    """Phoenix layout (26 columns) to the file ``out``."""
    from dragoman import __version__

    copies: dict[int, list[dict[str, Any]]] = {}
    for row in conn.execute("SELECT e.copy_of, a.url, a.source FROM events e JOIN articles a "
                            "ON a.id = e.article_id WHERE e.copy_of IS NOT NULL"):
        copies.setdefault(row[0], []).append(dict(row))
    rows = (_phoenix(r, copies.get(r["num"], []), __version__) for r in _rows(conn))
    return {"events": _write(out, columns("phoenix"), rows)}


def _phoenix(row: dict[str, Any], copies: list[dict[str, Any]], version: str) -> dict[str, Any]:
    day = _date({"date": row.get("article_published"), "published": row.get("date")})
    cameo = row["cameo"]
    quad = row.get("quad_class")
    urls = [u for u in [row.get("article_url"), *(c["url"] for c in copies)] if u]
    sources = [s for s in [row.get("article_source"), *(c["source"] for c in copies)] if s]
    out: dict[str, Any] = {
        "EventID": f"{row['num']}_{version}",
        "Date": day.strftime("%Y%m%d") if day else "",
        "Year": day.year if day else "", "Month": day.month if day else "",
        "Day": day.day if day else "",
        "EventCode": cameo, "EventRootCode": cameo[:2],
        "QuadClass": 0 if cameo[:2] in ("01", "02") else quad,
        "GoldsteinScore": row.get("goldstein"), "Issues": "",
        "Lat": row.get("lat"), "Lon": row.get("lon"), "LocationName": row.get("location_name"),
        "StateName": "", "CountryCode": row.get("location_country"),
        "SentenceID": f"{row['article_id']}_{row.get('sentence') or 0}",
        "URLs": ";".join(dict.fromkeys(urls)), "NewsSources": ";".join(dict.fromkeys(sources)),
    }
    for side, prefix in (("source", "SourceActor"), ("target", "TargetActor")):
        code = split_code(row.get(f"{side}_code"), row.get(f"{side}_country"))
        agent = next((t for t in code.types if t != code.root), "")
        out |= {f"{prefix}Full": code.code, f"{prefix}Entity": code.root,
                f"{prefix}Role": agent,
                f"{prefix}Attribute": ";".join(p for p in code.others if p != agent)}
    return out
