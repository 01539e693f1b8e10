"""The web UI's read-only SQL over the store (schema in ``dragoman/store/schema.sql``).

Every query is parameterised. Aggregates are computed in SQL and the expensive ones are
cached per state of the database file (see :class:`Cache`).

Actors are identified across articles by a *key*: ``CODE|Name`` (``|Name`` when the
actor has no code), e.g. ``RUSGOV|Sergei Lavrov``. A bare code (``RUSGOV``) stands for
every actor coded so, and a bare name (``Sergei Lavrov``) for every actor of that name.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from dragoman.errors import StoreError

__all__ = ["QUADS", "Cache", "EventFilter", "actor_key", "connect", "parse_key"]

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}
# An event's own date, else its article's (looked up only when needed: no join).
EVENT_DATE = "COALESCE(e.date, (SELECT published FROM articles WHERE id = e.article_id))"
# Sorting by date uses the index on events.date: events without a date of their own last.
SORTS = {"date": "e.date", "goldstein": "e.goldstein", "cameo": "e.cameo",
         "plover": "e.plover", "quad": "e.quad_class", "source": "s.name",
         "target": "t.name", "article": "a.title"}


def connect(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the store at ``path``."""
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise StoreError(f"{path}: no such store; create it with `dragoman ingest`")
    conn = sqlite3.connect(f"file:{quote(str(resolved))}?mode=ro", uri=True,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = 1")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def actor_key(code: str | None, name: str | None) -> str:
    return f"{code or ''}|{name or ''}"


def parse_key(key: str) -> tuple[str | None, str | None]:
    """``CODE|Name`` -> (code or None, name); a bare code -> (code, None)."""
    if "|" not in key:
        return key, None
    code, name = key.split("|", 1)
    return code or None, name


def actor_where(key: str, alias: str) -> tuple[str, list[Any]]:
    """A WHERE fragment selecting the actor rows (table alias ``alias``) of a key."""
    code, name = parse_key(key)
    if name is None and not key.isupper():  # a bare name, as typed in a filter
        return f"{alias}.name = ? COLLATE NOCASE", [key]
    if name is None:
        return f"{alias}.code = ?", [code]
    return f"{alias}.code IS ? AND {alias}.name = ?", [code, name]


def involves(key: str, *columns: str) -> tuple[str, list[Any]]:
    """A WHERE fragment: an actor of ``key`` is the event's source or target (``columns``).

    The events are found from the actor's rows (through the index on actors' code or
    name), then each article's few events: no scan of the events table.
    """
    sql, params = _involved_nums(key, columns)
    return f"e.num IN ({sql})", params


def _involved_nums(key: str, columns: tuple[str, ...]) -> tuple[str, list[Any]]:
    frag, params = actor_where(key, "x")
    parts = [f"SELECT v.num FROM actors x JOIN events v ON v.article_id = x.article_id"
             f" AND v.{column} = x.id WHERE {frag}" for column in columns]
    return " UNION ALL ".join(parts), params * len(columns)


def event_nums(conn: sqlite3.Connection, key: str, *columns: str) -> list[int]:
    """The numbers of the events whose ``columns`` (source, target) are an actor of ``key``."""
    sql, params = _involved_nums(key, columns)
    return sorted({r[0] for r in conn.execute(sql, params)})


def rows(conn: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()
         ) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params)]


def with_keys(items: list[dict[str, Any]], *prefixes: str) -> list[dict[str, Any]]:
    """Add ``<prefix>key`` for each ``<prefix>code`` / ``<prefix>name`` pair."""
    for item in items:
        for p in prefixes:
            if item.get(f"{p}name") is not None:
                item[f"{p}key"] = actor_key(item.get(f"{p}code"), item[f"{p}name"])
            else:
                item[f"{p}key"] = None
    return items


class Cache:
    """Results of expensive queries, recomputed when the database files have changed.

    While an ingest is writing, the files change all the time: a result is then kept
    for ``fresh`` seconds before it is recomputed, so pages stay fast.
    """

    def __init__(self, path: str | Path, fresh: float = 60.0, size: int = 256) -> None:
        self.path = str(path)
        self.fresh = fresh
        self.size = size
        self._lock = threading.Lock()
        self._key_locks: dict[Any, threading.Lock] = {}
        self._values: dict[Any, tuple[tuple[Any, ...], float, Any]] = {}

    def _signature(self) -> tuple[Any, ...]:
        sig: list[tuple[int, int] | None] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.path + suffix)
                sig.append((st.st_mtime_ns, st.st_size))
            except OSError:
                sig.append(None)
        return tuple(sig)

    def _valid(self, key: Any, state: tuple[Any, ...]) -> bool:
        found = self._values.get(key)
        return found is not None and (found[0] == state
                                      or time.monotonic() - found[1] < self.fresh)

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The cached value of ``key``, computing it (once, whatever the threads) if needed."""
        state = self._signature()
        with self._lock:
            if self._valid(key, state):
                return self._values[key][2]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if self._valid(key, state):
                    return self._values[key][2]
            value = compute()
            with self._lock:
                self._values.pop(key, None)
                self._values[key] = (state, time.monotonic(), value)
                while len(self._values) > self.size:  # drop the oldest
                    del self._values[next(iter(self._values))]
        return value


# -- overview -----------------------------------------------------------------------------

def counts(conn: sqlite3.Connection) -> dict[str, int]:
    one = conn.execute(
        "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM events),"
        " (SELECT COUNT(*) FROM statements), (SELECT COUNT(*) FROM casualties),"
        " (SELECT COUNT(*) FROM (SELECT 1 FROM actors NOT INDEXED GROUP BY code, name))"
    ).fetchone()
    return dict(zip(("articles", "events", "statements", "casualties", "actors"), one,
                    strict=True))


def timeline(conn: sqlite3.Connection, where: str = "1", params: list[Any] | None = None
             ) -> list[dict[str, Any]]:
    """Events per month by quad class: ``[{"period": "2020-01", "q1": n, ..., "q4": n}]``."""
    sql = (f"SELECT substr({EVENT_DATE}, 1, 7) AS period,"
           " SUM(e.quad_class = 1) AS q1, SUM(e.quad_class = 2) AS q2,"
           " SUM(e.quad_class = 3) AS q3, SUM(e.quad_class = 4) AS q4,"
           " COUNT(*) AS n, ROUND(AVG(e.goldstein), 2) AS goldstein"
           " FROM events e"
           f" WHERE +e.copy_of IS NULL AND {where} AND period IS NOT NULL"
           " GROUP BY period ORDER BY period")
    return fill_months(rows(conn, sql, params or []))


def fill_months(found: list[dict[str, Any]], most: int = 360) -> list[dict[str, Any]]:
    """Add empty months between the first and the last, so the time axis is even."""
    try:
        months = [int(r["period"][:4]) * 12 + int(r["period"][5:7]) - 1 for r in found]
    except (TypeError, ValueError):
        return found
    if not months or months[-1] - months[0] >= most:
        return found
    by_month = dict(zip(months, found, strict=True))
    empty = {"q1": 0, "q2": 0, "q3": 0, "q4": 0, "n": 0, "goldstein": None}
    return [by_month.get(m, {"period": f"{m // 12:04d}-{m % 12 + 1:02d}", **empty})
            for m in range(months[0], months[-1] + 1)]


def top_actors(conn: sqlite3.Connection, limit: int = -1) -> list[dict[str, Any]]:
    """Actors in the most articles (all of them with the default ``limit``)."""
    found = rows(conn,
                 "SELECT code, name, MAX(kind) AS kind, MAX(country) AS country,"
                 " COUNT(*) AS articles, SUM(n_mentions) AS mentions FROM actors NOT INDEXED"
                 " GROUP BY code, name ORDER BY articles DESC, mentions DESC LIMIT ?", [limit])
    return with_keys(found, "")


def dyads(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every directed dyad with its number of events and mean Goldstein score."""
    found = rows(conn,
                 "SELECT s.code AS source_code, s.name AS source_name,"
                 " t.code AS target_code, t.name AS target_name, COUNT(*) AS events,"
                 " ROUND(AVG(e.goldstein), 2) AS goldstein,"
                 " SUM(e.quad_class IN (1, 2)) AS cooperation,"
                 " SUM(e.quad_class IN (3, 4)) AS conflict"
                 " FROM events e"
                 " JOIN actors s ON s.article_id = e.article_id AND s.id = e.source"
                 " JOIN actors t ON t.article_id = e.article_id AND t.id = e.target"
                 " WHERE +e.copy_of IS NULL"
                 " GROUP BY s.code, s.name, t.code, t.name ORDER BY events DESC")
    return with_keys(found, "source_", "target_")


def latest_articles(conn: sqlite3.Connection, limit: int = 10) -> list[dict[str, Any]]:
    return rows(conn, "SELECT id, title, source, published, n_events, n_statements"
                      " FROM articles ORDER BY published DESC, num DESC LIMIT ?", [limit])


def network(all_dyads: list[dict[str, Any]], top: int = 40) -> dict[str, Any]:
    """The ``top`` actors by events and the undirected links among them."""
    degree: dict[str, int] = {}
    names: dict[str, tuple[str | None, str]] = {}
    for d in all_dyads:
        for side in ("source_", "target_"):
            degree[d[f"{side}key"]] = degree.get(d[f"{side}key"], 0) + d["events"]
            names[d[f"{side}key"]] = (d[f"{side}code"], d[f"{side}name"])
    keep = set(sorted(degree, key=lambda k: -degree[k])[:top])
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for d in all_dyads:
        a, b = d["source_key"], d["target_key"]
        if a not in keep or b not in keep or a == b:
            continue
        link = links.setdefault(tuple(sorted((a, b))), {"events": 0, "weighted": 0.0,
                                                         "cooperation": 0, "conflict": 0})
        link["events"] += d["events"]
        link["weighted"] += (d["goldstein"] or 0.0) * d["events"]
        link["cooperation"] += d["cooperation"] or 0
        link["conflict"] += d["conflict"] or 0
    nodes = [{"key": k, "code": names[k][0], "name": names[k][1], "events": degree[k]}
             for k in sorted(keep, key=lambda k: -degree[k])]
    edges = [{"a": a, "b": b, "events": v["events"], "cooperation": v["cooperation"],
              "conflict": v["conflict"], "goldstein": round(v["weighted"] / v["events"], 2)}
             for (a, b), v in links.items()]
    return {"nodes": nodes, "edges": edges}


# -- events table -------------------------------------------------------------------------

@dataclass
class EventFilter:
    """The filters of the events table, from query parameters."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    plover: str | None = None
    cameo: str | None = None
    quad: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    article: str | None = None

    dyad: tuple[str, str] | None = None
    # Event numbers already known for (actor key, *columns), e.g. from a cache.
    known: dict[tuple[str, ...], list[int]] = field(default_factory=dict)

    def actor_parts(self) -> list[tuple[str, ...]]:
        """(actor key, *columns) for each actor filter."""
        parts = [(self.source, "source"), (self.target, "target"),
                 (self.actor, "source", "target")]
        return [p for p in parts if p[0]]  # type: ignore[misc]

    def dyad_parts(self) -> list[tuple[str, ...]]:
        if not self.dyad:
            return []
        a, b = self.dyad
        return [(a, "source"), (b, "target"), (b, "source"), (a, "target")]

    def _involves(self, key: str, *columns: str) -> tuple[str, list[Any]]:
        if (key, *columns) in self.known:
            return ("e.num IN (SELECT value FROM json_each(?))",
                    [json.dumps(self.known[(key, *columns)])])
        return involves(key, *columns)

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause over ``events e`` (no other table needed), and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for key, *columns in self.actor_parts():
            frag, p = self._involves(key, *columns)
            clauses.append(frag)
            params += p
        if self.dyad:
            a, b = self.dyad
            parts = [self._involves(k, c) for k, c in ((a, "source"), (b, "target"),
                                                        (b, "source"), (a, "target"))]
            (ab, ba) = (f"{parts[0][0]} AND {parts[1][0]}", f"{parts[2][0]} AND {parts[3][0]}")
            clauses.append(f"(({ab}) OR ({ba}))")
            params += [p for part in parts for p in part[1]]
        simple = [("e.plover = ?", self.plover), ("e.quad_class = ?", self.quad),
                  ("e.article_id = ?", self.article)]
        for clause, value in simple:
            if value not in (None, ""):
                clauses.append(clause)
                params.append(value)
        if self.cameo:  # a prefix, as a range the index on events.cameo can serve
            clauses.append("e.cameo >= ? AND e.cameo < ?")
            params += [self.cameo, self.cameo + "\uffff"]
        if self.date_from or self.date_to:
            low, high = self.date_from or "", _date_end(self.date_to) or "\uffff"
            # the event's own date through the index, else its article's date
            clauses.append(f"((e.date >= ? AND e.date <= ?) OR (e.date IS NULL"
                           f" AND {EVENT_DATE} >= ? AND {EVENT_DATE} <= ?))")
            params += [low, high, low, high]
        return " AND ".join(clauses) or "1", params


def _date_end(value: str | None) -> str | None:
    """'2020-03' includes every day of March: compare against '2020-03\uffff'."""
    return None if not value else value + "\uffff"


EVENT_COLUMNS = (
    "e.num, e.article_id, e.id, e.plover, e.cameo, e.quad_class, e.goldstein, e.negated,"
    f" e.modality, {EVENT_DATE} AS date, e.date_text, e.location_name, e.trigger_text,"
    " e.evidence, e.confidence, e.num_articles, e.copy_of,"
    " e.source AS source_id, s.name AS source_name, s.code AS source_code,"
    " e.target AS target_id, t.name AS target_name, t.code AS target_code,"
    " a.title AS article_title, a.source AS article_source, a.published")
EVENT_FROM = (
    "FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN actors s ON s.article_id = e.article_id AND s.id = e.source"
    " LEFT JOIN actors t ON t.article_id = e.article_id AND t.id = e.target")


def events(conn: sqlite3.Connection, flt: EventFilter, *, sort: str = "date",
           desc: bool = True, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of events matching ``flt``, and how many match in all."""
    where, params = flt.where()
    order = SORTS.get(sort, SORTS["date"])
    direction = "DESC" if desc else "ASC"
    # Find the page's events with the one join the sort needs, then fetch their rows.
    join = {"s": "LEFT JOIN actors s ON s.article_id = e.article_id AND s.id = e.source",
            "t": "LEFT JOIN actors t ON t.article_id = e.article_id AND t.id = e.target",
            "a": "JOIN articles a ON a.id = e.article_id"}.get(order[0], "")
    # An actor filter is costly: count in the same statement as the page.
    counted = "e.num IN (" in where
    page = (f"SELECT e.num{', COUNT(*) OVER () AS total' if counted else ''}"
            f" FROM events e {join} WHERE {where}"
            f" ORDER BY {order} {direction}, e.num {direction} LIMIT ? OFFSET ?")
    nums = conn.execute(page, [*params, limit, offset]).fetchall()
    if counted and nums:
        total = nums[0][1]
    else:
        total = conn.execute(f"SELECT COUNT(*) FROM events e WHERE {where}", params).fetchone()[0]
    marks = ", ".join("?" * len(nums))
    found = rows(conn, f"SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE e.num IN ({marks})"
                       f" ORDER BY {order} {direction}, e.num {direction}", [n[0] for n in nums])
    return with_keys(found, "source_", "target_"), int(total)


def iter_events(conn: sqlite3.Connection, flt: EventFilter, sort: str = "date",
                desc: bool = True) -> Iterator[dict[str, Any]]:
    """Every event matching ``flt`` (for CSV export), one at a time."""
    where, params = flt.where()
    order = SORTS.get(sort, SORTS["date"])
    direction = "DESC" if desc else "ASC"
    cursor = conn.execute(f"SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE {where}"
                          f" ORDER BY {order} {direction}, e.num {direction}", params)
    for row in cursor:
        yield dict(row)


def event_types(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL ORDER BY plover")]


def sources(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY source")]


# -- articles and search ------------------------------------------------------------------

@dataclass
class ArticleFilter:
    """Full-text query and filters over articles, from query parameters."""

    q: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    actor: str | None = None
    event: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        simple = [("a.published >= ?", self.date_from),
                  ("a.published <= ?", _date_end(self.date_to)), ("a.source = ?", self.source)]
        for clause, value in simple:
            if value:
                clauses.append(clause)
                params.append(value)
        if self.actor:
            frag, p = actor_where(self.actor, "x")
            clauses.append(f"a.id IN (SELECT x.article_id FROM actors x WHERE {frag})")
            params += p
        if self.event:
            clauses.append("a.id IN (SELECT y.article_id FROM events y"
                           " WHERE y.plover = ? OR (y.cameo >= ? AND y.cameo < ?))")
            params += [self.event, self.event, self.event + "\uffff"]
        return " AND ".join(clauses) or "1", params


def fts_query(text: str) -> str:
    """User words -> a safe FTS5 query: each word or "phrase" quoted, ``OR`` kept, ``*`` prefix."""
    terms: list[str] = []
    for i, part in enumerate(text.split('"')):
        if i % 2:  # inside quotes: a phrase
            if part.strip():
                terms.append('"' + part.strip() + '"')
            continue
        for word in part.split():
            if word == "OR" and terms:
                terms.append("OR")
            elif word.strip("*"):
                star = "*" if word.endswith("*") else ""
                terms.append('"' + word.strip("*").replace('"', "") + '"' + star)
    while terms and terms[-1] == "OR":
        terms.pop()
    return " ".join(terms)


def articles(conn: sqlite3.Connection, flt: ArticleFilter, *, limit: int = 20,
             offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of articles matching ``flt`` (best matches first when searching).

    The page is found first (with the count in the same statement), then only its rows
    are read and, when searching, only their snippets made.
    """
    where, params = flt.where()
    columns = ("a.num, a.id, a.title, a.source, a.published, a.url, a.n_events,"
               " a.n_statements, a.n_actors, a.duplicate_of")
    match = fts_query(flt.q or "")
    if match:
        base = ("FROM articles_fts JOIN articles a ON a.num = articles_fts.rowid"
                " WHERE articles_fts MATCH ?")
        order, params = "rank", [match, *params]
    else:
        base, order = "FROM articles a WHERE 1", "a.published DESC, a.num DESC"
    page = conn.execute(f"SELECT a.num, COUNT(*) OVER () {base} AND {where}"
                        f" ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    if page:
        total = page[0][1]
    else:
        total = conn.execute(f"SELECT COUNT(*) {base} AND {where}", params).fetchone()[0]
    nums = [r[0] for r in page]
    marks = ", ".join("?" * len(nums))
    snippet = ("snippet(articles_fts, 1, char(2), char(3), '…', 24)" if match
               else "substr(a.text, 1, 240)")
    found = rows(conn, f"SELECT {columns}, {snippet} AS snippet {base} AND a.num IN ({marks})",
                 [*([match] if match else []), *nums])
    position = {num: i for i, num in enumerate(nums)}
    return sorted(found, key=lambda r: position[r["num"]]), int(total)
