"""Queries over a store: events, statements, actors, and summary figures."""

from __future__ import annotations

import sqlite3
from typing import Any

__all__ = ["actors", "events", "statements", "stats"]

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                4: "material conflict"}


def _fts(text: str) -> str:
    """User words as an FTS5 query: every word must occur (quoted, so no syntax errors)."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"' for w in words)


def events(conn: sqlite3.Connection, *, actor: str | None = None, source: str | None = None,
           target: str | None = None, plover: str | None = None, cameo: str | None = None,
           since: str | None = None, until: str | None = None, text: str | None = None,
           article_id: str | None = None, include_copies: bool = True,
           limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Events with their actors, newest first.

    ``actor`` matches a source or target by code prefix (``RUS`` finds ``RUSGOV``) or
    name (case-insensitive substring); ``cameo`` matches a code prefix (``19`` finds
    ``190``-``196``); ``since``/``until`` bound the event date (else the article's
    publication date); ``text`` is words the article must contain (full-text search).
    """
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("source", source), ("target", target), ("actor", actor)):
        if value:
            sides = ("source", "target") if column == "actor" else (column,)
            where.append("(" + " OR ".join(
                f"{s}_code LIKE ? OR lower({s}_name) LIKE ?" for s in sides) + ")")
            for _ in sides:
                params += [value.upper() + "%", f"%{value.lower()}%"]
    if plover:
        where.append("upper(plover) = ?")
        params.append(plover.upper())
    if cameo:
        where.append("cameo LIKE ?")
        params.append(cameo + "%")
    if since:
        where.append("coalesce(date, published) >= ?")
        params.append(since)
    if until:
        where.append("substr(coalesce(date, published), 1, ?) <= ?")
        params += [len(until), until]
    if article_id:
        where.append("article_id = ?")
        params.append(article_id)
    if not include_copies:
        where.append("copy_of IS NULL")
    rows = _select(conn, "event_view", where, params, text,
                   "coalesce(date, published) DESC, num", limit, offset)
    return [_event(row) for row in rows]


def _event(row: dict[str, Any]) -> dict[str, Any]:
    row["negated"] = bool(row["negated"])
    return row


def statements(conn: sqlite3.Connection, *, speaker: str | None = None,
               text: str | None = None, since: str | None = None, until: str | None = None,
               article_id: str | None = None, limit: int | None = 100,
               offset: int = 0) -> list[dict[str, Any]]:
    """Statements with their speakers; ``speaker`` matches name, cited text or code."""
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append("(lower(speaker_name) LIKE ? OR lower(speaker_text) LIKE ? "
                     "OR speaker_code LIKE ?)")
        params += [f"%{speaker.lower()}%", f"%{speaker.lower()}%", speaker.upper() + "%"]
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("substr(published, 1, ?) <= ?")
        params += [len(until), until]
    if article_id:
        where.append("article_id = ?")
        params.append(article_id)
    return _select(conn, "statement_view", where, params, text,
                   "published DESC, article_id, content_start", limit, offset)


def _select(conn: sqlite3.Connection, view: str, where: list[str], params: list[Any],
            text: str | None, order: str, limit: int | None,
            offset: int) -> list[dict[str, Any]]:
    """Rows of ``view`` matching ``where`` (and, with ``text``, articles containing those
    words), ordered and paged. ``view`` and ``order`` are ours, never user input."""
    if text:
        where.append("article_id IN (SELECT a.id FROM articles a JOIN articles_fts f "
                     "ON f.rowid = a.num WHERE articles_fts MATCH ?)")
        params.append(_fts(text))
    sql = f"SELECT * FROM {view}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [dict(r) for r in conn.execute(sql, params)]


def actors(conn: sqlite3.Connection, *, name: str | None = None, code: str | None = None,
           limit: int | None = 100) -> list[dict[str, Any]]:
    """Actors across articles, one row per (code, name), most mentioned first."""
    where: list[str] = []
    params: list[Any] = []
    if name:
        where.append("lower(name) LIKE ?")
        params.append(f"%{name.lower()}%")
    if code:
        where.append("code LIKE ?")
        params.append(code.upper() + "%")
    sql = ("SELECT code, name, kind, country, sector, count(DISTINCT article_id) AS articles, "
           "sum(n_mentions) AS mentions FROM actors")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " GROUP BY code, name ORDER BY mentions DESC, articles DESC, name"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [dict(r) for r in conn.execute(sql, params)]


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0] or 0)


def _pairs(conn: sqlite3.Connection, sql: str, *params: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params)]


def stats(conn: sqlite3.Connection, top: int = 10) -> dict[str, Any]:
    """Summary figures: counts, top actors, events by PLOVER type and quad class, speakers."""
    quads = _pairs(conn, "SELECT quad_class, count(*) AS events FROM events "
                         "GROUP BY quad_class ORDER BY quad_class")
    for row in quads:
        row["name"] = QUAD_CLASSES.get(row["quad_class"], "uncoded")
    return {
        "articles": _count(conn, "SELECT count(*) FROM articles"),
        "near_duplicates": _count(conn, "SELECT count(*) FROM articles "
                                        "WHERE duplicate_of IS NOT NULL"),
        "sources": _count(conn, "SELECT count(DISTINCT source) FROM articles"),
        "first_published": conn.execute("SELECT min(published) FROM articles").fetchone()[0],
        "last_published": conn.execute("SELECT max(published) FROM articles").fetchone()[0],
        "actors": _count(conn, "SELECT count(*) FROM actors"),
        "distinct_actors": _count(conn, "SELECT count(*) FROM (SELECT DISTINCT name, code "
                                        "FROM actors)"),
        "distinct_codes": _count(conn, "SELECT count(DISTINCT code) FROM actors"),
        "events": _count(conn, "SELECT count(*) FROM events"),
        "statements": _count(conn, "SELECT count(*) FROM statements"),
        "casualties": _count(conn, "SELECT count(*) FROM casualties"),
        "top_actors": _pairs(conn, "SELECT name, code, count(DISTINCT article_id) AS articles, "
                                   "sum(n_mentions) AS mentions FROM actors GROUP BY name, "
                                   "code ORDER BY mentions DESC, articles DESC, name LIMIT ?",
                               top),
        "events_by_plover": _pairs(conn, "SELECT coalesce(plover, 'uncoded') AS plover, "
                                         "count(*) AS events FROM events GROUP BY plover "
                                         "ORDER BY events DESC, plover"),
        "quad_classes": quads,
        "top_speakers": _pairs(conn, "SELECT coalesce(speaker_name, speaker_text, 'unknown') "
                                     "AS speaker, speaker_code AS code, count(*) AS statements "
                                     "FROM statement_view GROUP BY 1 ORDER BY statements DESC, "
                                     "speaker LIMIT ?", top),
    }
