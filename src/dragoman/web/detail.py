"""Queries behind the article, actor and dyad pages."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from dragoman.web.highlight import Mark, highlight
from dragoman.web.queries import (
    QUADS,
    EventFilter,
    actor_key,
    actor_where,
    events,
    involves,
    rows,
    timeline,
    with_keys,
)

__all__ = ["actor", "article", "dyad"]


# -- article ------------------------------------------------------------------------------

def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """An article, its records, and its text as highlighted HTML; None if not stored."""
    found = rows(conn, "SELECT id, title, source, url, published, dateline, language, text,"
                       " metadata, duplicate_of, similarity, model, ingested_at"
                       " FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    art = found[0]
    art["metadata"] = json.loads(art["metadata"] or "{}")
    actors = _actors(conn, article_id)
    names = {a["id"]: a for a in actors}
    evts = rows(conn, "SELECT id, source, target, plover, cameo, quad_class, goldstein, negated,"
                      " modality, date, date_text, location_name, location_country, sentence,"
                      " trigger_start, trigger_end, trigger_text, evidence, confidence"
                      " FROM events WHERE article_id = ? ORDER BY idx", [article_id])
    stmts = rows(conn, "SELECT id, speaker, speaker_text, kind, content_start, content_end,"
                       " content_text, cue_start, cue_end, cue_text, sentence, via"
                       " FROM statements WHERE article_id = ? ORDER BY idx", [article_id])
    cas = rows(conn, "SELECT idx, count, qualifier, kind, who, perpetrator, date, span_start,"
                     " span_end, span_text FROM casualties WHERE article_id = ? ORDER BY idx",
               [article_id])
    for e in evts:
        e["negated"] = bool(e["negated"])
        e["quad_name"] = QUADS.get(e["quad_class"] or 0)
        _attach(e, names, "source", "target")
    for s in stmts:
        _attach(s, names, "speaker", "via")
    for i, c in enumerate(cas):
        c["id"] = f"c{i + 1}"
        _attach(c, names, "perpetrator")
    marks = _marks(actors, evts, stmts, cas)
    return {"article": art, "actors": actors, "events": evts, "statements": stmts,
            "casualties": cas, "html": highlight(art["text"], marks)}


def _actors(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    actors = rows(conn, "SELECT id, name, kind, country, sector, code, role, origin, n_mentions"
                        " FROM actors WHERE article_id = ? ORDER BY n_mentions DESC, id",
                  [article_id])
    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in conn.execute("SELECT actor_id, start, end, text FROM mentions"
                          " WHERE article_id = ? ORDER BY start", [article_id]):
        mentions.setdefault(m["actor_id"], []).append(
            {"start": m["start"], "end": m["end"], "text": m["text"]})
    for a in actors:
        a["key"] = actor_key(a["code"], a["name"])
        a["mentions"] = mentions.get(a["id"], [])
    return actors


def _attach(item: dict[str, Any], names: dict[str, dict[str, Any]], *fields: str) -> None:
    """Add ``<field>_name`` and ``<field>_key`` for each actor-id field."""
    for f in fields:
        actor = names.get(item.get(f) or "")
        item[f"{f}_name"] = actor["name"] if actor else None
        item[f"{f}_key"] = actor["key"] if actor else None


def _marks(actors: list[dict[str, Any]], evts: list[dict[str, Any]],
           stmts: list[dict[str, Any]], cas: list[dict[str, Any]]) -> list[Mark]:
    marks: list[Mark] = []
    for a in actors:
        label = f"{a['name']} ({a['code']})" if a["code"] else a["name"]
        marks += [Mark(m["start"], m["end"], "actor", a["id"], label) for m in a["mentions"]]
    for e in evts:
        if e["trigger_start"] is not None:
            label = f"{e['plover'] or ''} {e['cameo'] or ''}".strip()
            marks.append(Mark(e["trigger_start"], e["trigger_end"], "trigger", e["id"], label))
    for s in stmts:
        if s["content_start"] is not None:
            marks.append(Mark(s["content_start"], s["content_end"], "content", s["id"],
                              f"{s['kind']} quote"))
        if s["cue_start"] is not None:
            marks.append(Mark(s["cue_start"], s["cue_end"], "cue", s["id"], "cue"))
    for c in cas:
        if c["span_start"] is not None:
            marks.append(Mark(c["span_start"], c["span_end"], "casualty", c["id"], c["kind"]))
    return marks


# -- actor --------------------------------------------------------------------------------

def actor(conn: sqlite3.Connection, key: str, *, limit: int = 25) -> dict[str, Any] | None:
    """Everything the store holds about the actor of ``key``; None if unknown."""
    where, params = actor_where(key, "ac")
    names = rows(conn, f"SELECT name, code, COUNT(*) AS articles FROM actors ac WHERE {where}"
                       " GROUP BY name, code ORDER BY articles DESC LIMIT 20", params)
    if not names:
        return None
    profile = rows(conn, f"SELECT kind, country, sector, COUNT(*) AS n FROM actors ac"
                         f" WHERE {where} GROUP BY kind, country, sector ORDER BY n DESC"
                         " LIMIT 5", params)
    roles = rows(conn, f"SELECT role, COUNT(*) AS n FROM actors ac WHERE {where}"
                       " AND role IS NOT NULL GROUP BY role ORDER BY n DESC LIMIT 10", params)
    mentions = rows(conn, "SELECT m.text, COUNT(*) AS n FROM mentions m JOIN actors ac"
                          " ON ac.article_id = m.article_id AND ac.id = m.actor_id"
                          f" WHERE {where} GROUP BY m.text ORDER BY n DESC LIMIT 15", params)
    as_source, n_source = events(conn, EventFilter(source=key), limit=limit)
    as_target, n_target = events(conn, EventFilter(target=key), limit=limit)
    return {
        "key": key, "name": names[0]["name"] if "|" in key else key, "code": names[0]["code"],
        "articles": sum(n["articles"] for n in names), "names": with_keys(names, ""),
        "profile": profile[0] if profile else {}, "profiles": profile, "roles": roles,
        "mentions": mentions, "statements": _statements(conn, key, limit),
        "events_as_source": as_source, "n_as_source": n_source,
        "events_as_target": as_target, "n_as_target": n_target,
        "timeline": timeline(conn, *EventFilter(actor=key).where()),
        "partners": partners(conn, key),
    }


def _statements(conn: sqlite3.Connection, key: str, limit: int) -> list[dict[str, Any]]:
    where, params = actor_where(key, "ac")
    return rows(conn, "SELECT st.article_id, st.id, st.kind, st.content_text, st.cue_text,"
                      " st.speaker_text, a.title, a.published, a.source"
                      " FROM statements st JOIN actors ac"
                      " ON ac.article_id = st.article_id AND ac.id = st.speaker"
                      f" JOIN articles a ON a.id = st.article_id WHERE {where}"
                      " ORDER BY a.published DESC, st.article_id, st.idx LIMIT ?",
                [*params, limit])


def partners(conn: sqlite3.Connection, key: str, limit: int = 15) -> list[dict[str, Any]]:
    """The actors ``key`` has most events with, in either direction."""
    as_src, p_src = involves(key, "source")
    as_tgt, p_tgt = involves(key, "target")
    sql = ("SELECT code, name, COUNT(*) AS events, ROUND(AVG(goldstein), 2) AS goldstein,"
           " SUM(quad_class IN (1, 2)) AS cooperation, SUM(quad_class IN (3, 4)) AS conflict"
           " FROM (SELECT o.code, o.name, e.goldstein, e.quad_class FROM events e"
           " JOIN actors o ON o.article_id = e.article_id AND o.id = e.target"
           f" WHERE {as_src}"
           " UNION ALL SELECT o.code, o.name, e.goldstein, e.quad_class FROM events e"
           " JOIN actors o ON o.article_id = e.article_id AND o.id = e.source"
           f" WHERE {as_tgt})"
           " GROUP BY code, name ORDER BY events DESC LIMIT ?")
    return with_keys(rows(conn, sql, [*p_src, *p_tgt, limit]), "")


# -- dyad ---------------------------------------------------------------------------------

def dyad(conn: sqlite3.Connection, a: str, b: str, *, limit: int = 200) -> dict[str, Any]:
    """The events between two actors, either way, and their Goldstein score by month."""
    flt = EventFilter(dyad=(a, b))
    found, total = events(conn, flt, limit=limit)
    directions = []
    for src, tgt in ((a, b), (b, a)):
        where, params = EventFilter(source=src, target=tgt).where()
        row = conn.execute("SELECT COUNT(*), ROUND(AVG(e.goldstein), 2) FROM events e"
                           f" WHERE {where}", params).fetchone()
        directions.append({"source": src, "target": tgt, "events": row[0], "goldstein": row[1]})
    return {"a": a, "b": b, "a_name": _label(a), "b_name": _label(b), "events": found,
            "total": total, "directions": directions, "timeline": timeline(conn, *flt.where())}


def _label(key: str) -> str:
    code, name = key.split("|", 1) if "|" in key else (key, None)
    return name or code or key
