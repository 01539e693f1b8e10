"""Queries behind the article, actor and dyad pages."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from dragoman.web.highlight import Mark, highlight
from dragoman.web.queries import (
    EVENT_COLUMNS,
    EVENT_FROM,
    QUADS,
    EventFilter,
    actor_key,
    actor_where,
    events,
    fill_months,
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
    seen = [tuple(r) for r in conn.execute(
        f"SELECT name, code, kind, country, sector, role, article_id FROM actors ac WHERE {where}",
        params)]
    if not seen:
        return None
    names = [{"name": n, "code": c, "articles": k}
             for (n, c), k in Counter((r[0], r[1]) for r in seen).most_common(20)]
    profile = [{"kind": kd, "country": co, "sector": se, "n": k}
               for (kd, co, se), k in Counter(r[2:5] for r in seen).most_common(5)]
    roles = [{"role": role, "n": k}
             for role, k in Counter(r[5] for r in seen if r[5]).most_common(10)]
    articles = len({r[6] for r in seen})
    mentions = rows(conn, "SELECT m.text, COUNT(*) AS n FROM mentions m JOIN actors ac"
                          " ON ac.article_id = m.article_id AND ac.id = m.actor_id"
                          f" WHERE {where} GROUP BY m.text ORDER BY n DESC LIMIT 15", params)
    involved = _involved(conn, key)
    by_role = {role: [r for r in involved if r[0] == role] for role in ("source", "target")}
    return {
        "key": key, "name": names[0]["name"] if "|" in key else key, "code": names[0]["code"],
        "articles": articles, "names": with_keys(names, ""),
        "profile": profile[0] if profile else {}, "profiles": profile, "roles": roles,
        "mentions": mentions, "statements": _statements(conn, key, limit),
        "events_as_source": _latest(conn, by_role["source"], limit),
        "n_as_source": len(by_role["source"]),
        "events_as_target": _latest(conn, by_role["target"], limit),
        "n_as_target": len(by_role["target"]),
        "timeline": _timeline(involved), "partners": _partners(involved),
        "_nums": {(role,): sorted({r[1] for r in by_role[role]}) for role in by_role}
        | {("source", "target"): sorted({r[1] for r in involved})},
    }


# role, num, date, quad class, Goldstein, copy_of, the other actor's code and name
Involved = tuple[str, int, str | None, int | None, float | None, int | None, str | None,
                 str | None]


def _involved(conn: sqlite3.Connection, key: str) -> list[Involved]:
    """Every event of the actor, in one pass from its rows in ``actors``."""
    frag, params = actor_where(key, "x")
    date = "COALESCE(v.date, (SELECT published FROM articles WHERE id = v.article_id))"
    parts = [f"SELECT '{role}', v.num, {date}, v.quad_class, v.goldstein, v.copy_of, o.code,"
             f" o.name FROM actors x JOIN events v ON v.article_id = x.article_id"
             f" AND v.{role} = x.id LEFT JOIN actors o ON o.article_id = v.article_id"
             f" AND o.id = v.{other} WHERE {frag}"
             for role, other in (("source", "target"), ("target", "source"))]
    return [tuple(r) for r in conn.execute(" UNION ALL ".join(parts), params * 2)]


def _latest(conn: sqlite3.Connection, involved: list[Involved], limit: int
            ) -> list[dict[str, Any]]:
    """The full rows of the latest ``limit`` of these events."""
    latest = sorted(involved, key=lambda r: (r[2] or "", r[1]), reverse=True)[:limit]
    if not latest:
        return []
    marks = ", ".join("?" * len(latest))
    found = rows(conn, f"SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE e.num IN ({marks})",
                 [r[1] for r in latest])
    order = {r[1]: i for i, r in enumerate(latest)}
    return with_keys(sorted(found, key=lambda e: order[e["num"]]), "source_", "target_")


def _timeline(involved: list[Involved]) -> list[dict[str, Any]]:
    """Events per month by quad class, each event once (copies of events left out)."""
    months: dict[str, dict[str, Any]] = {}
    seen: set[int] = set()
    for _, num, date, quad, goldstein, copy_of, _, _ in involved:
        if num in seen or copy_of is not None or not date:
            continue
        seen.add(num)
        m = months.setdefault(date[:7], {"period": date[:7], "q1": 0, "q2": 0, "q3": 0,
                                         "q4": 0, "n": 0, "total": 0.0, "scored": 0})
        m["n"] += 1
        if quad in (1, 2, 3, 4):
            m[f"q{quad}"] += 1
        if goldstein is not None:
            m["total"] += goldstein
            m["scored"] += 1
    for m in months.values():
        m["goldstein"] = round(m.pop("total") / m["scored"], 2) if m["scored"] else None
        del m["scored"]
    return fill_months([months[k] for k in sorted(months)])


def _partners(involved: list[Involved], limit: int = 15) -> list[dict[str, Any]]:
    """The actors most often on the other side of the actor's events."""
    found: dict[tuple[str | None, str], dict[str, Any]] = {}
    for _, _, _, quad, goldstein, _, code, name in involved:
        if name is None:
            continue
        p = found.setdefault((code, name), {"code": code, "name": name, "events": 0,
                                            "total": 0.0, "cooperation": 0, "conflict": 0})
        p["events"] += 1
        p["total"] += goldstein or 0.0
        p["cooperation"] += quad in (1, 2)
        p["conflict"] += quad in (3, 4)
    top = sorted(found.values(), key=lambda p: -p["events"])[:limit]
    for p in top:
        p["goldstein"] = round(p.pop("total") / p["events"], 2)
    return with_keys(top, "")


def _statements(conn: sqlite3.Connection, key: str, limit: int) -> list[dict[str, Any]]:
    where, params = actor_where(key, "ac")
    return rows(conn, "SELECT st.article_id, st.id, st.kind, st.content_text, st.cue_text,"
                      " st.speaker_text, a.title, a.published, a.source"
                      " FROM statements st JOIN actors ac"
                      " ON ac.article_id = st.article_id AND ac.id = st.speaker"
                      f" JOIN articles a ON a.id = st.article_id WHERE {where}"
                      " ORDER BY a.published DESC, st.article_id, st.idx LIMIT ?",
                [*params, limit])


# -- dyad ---------------------------------------------------------------------------------

def dyad(conn: sqlite3.Connection, a: str, b: str, *, limit: int = 200,
         known: dict[tuple[str, ...], list[int]] | None = None) -> dict[str, Any]:
    """The events between two actors, either way, and their Goldstein score by month.

    ``known`` holds event numbers already found for (actor key, column), as
    :attr:`EventFilter.known` does.
    """
    flt = EventFilter(dyad=(a, b), known=known or {})
    found, total = events(conn, flt, limit=limit)
    directions = []
    for src, tgt in ((a, b), (b, a)):
        where, params = EventFilter(source=src, target=tgt, known=known or {}).where()
        row = conn.execute("SELECT COUNT(*), ROUND(AVG(e.goldstein), 2) FROM events e"
                           f" WHERE {where}", params).fetchone()
        directions.append({"source": src, "target": tgt, "events": row[0], "goldstein": row[1]})
    return {"a": a, "b": b, "a_name": _label(a), "b_name": _label(b), "events": found,
            "total": total, "directions": directions, "timeline": timeline(conn, *flt.where())}


def _label(key: str) -> str:
    code, name = key.split("|", 1) if "|" in key else (key, None)
    return name or code or key
