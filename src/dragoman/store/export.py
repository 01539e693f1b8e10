"""Exports of a store: JSONL records, CSV and Parquet tables, GDELT and Phoenix files.

- ``jsonl``: one full record per line per article (``Record.to_json``), a file.
- ``csv``, ``parquet``: a directory with one table per kind (articles, actors, mentions,
  events, statements, casualties, timexes); events and statements carry their actors'
  names and codes. Parquet files read with pandas, DuckDB, Spark or pyarrow.
- ``gdelt1``, ``phoenix``: a tab-separated file in the published layout, no header.
- ``gdelt2``: a directory with the event and mentions tables.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dragoman.errors import StoreError
from dragoman.store import gdelt
from dragoman.store.sqlite import Store

__all__ = ["FORMATS", "TABLES", "export"]

# table in the export -> what it is read from
TABLES = {
    "articles": "SELECT num, id, content_hash, source, url, title, published, dateline, "
                "language, text, metadata, duplicate_of, similarity, extra, record_extra, "
                "n_actors, n_events, n_statements, model, ingested_at FROM articles ORDER BY num",
    "actors": "SELECT * FROM actors ORDER BY article_id, rowid",
    "mentions": "SELECT * FROM mentions ORDER BY article_id, actor_id, idx",
    "events": "SELECT v.*, e.idx, e.date_text, e.date_source, e.extra FROM event_view v "
              "JOIN events e ON e.num = v.num ORDER BY v.num",
    "statements": "SELECT v.*, s.idx, s.cue_start, s.cue_end, s.extra FROM statement_view v "
                  "JOIN statements s ON s.article_id = v.article_id AND s.id = v.id "
                  "ORDER BY v.article_id, s.idx",
    "casualties": "SELECT * FROM casualties ORDER BY article_id, idx",
    "timexes": "SELECT * FROM timexes ORDER BY article_id, idx",
}
CHUNK = 10_000


def export(store: Store, fmt: str, out: str | Path) -> dict[str, int]:
    """Write ``store`` in format ``fmt`` to ``out``; return rows written per table."""
    writer = FORMATS.get(fmt)
    if writer is None:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writer(store, Path(out))


def _jsonl(store: Store, out: Path) -> dict[str, int]:
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as stream:
        for record in store.records():
            stream.write(record.to_json() + "\n")
            n += 1
    return {"records": n}


def _csv(store: Store, out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, sql in TABLES.items():
        cur = store.conn.execute(sql)
        with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow([d[0] for d in cur.description])
            n = 0
            while rows := cur.fetchmany(CHUNK):
                writer.writerows(tuple(r) for r in rows)
                n += len(rows)
        counts[name] = n
    return counts


def _parquet(store: Store, out: Path) -> dict[str, int]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    types = _declared_types(store.conn)
    counts = {}
    for name, sql in TABLES.items():
        cur = store.conn.execute(sql)
        names = [d[0] for d in cur.description]
        schema = pa.schema([(c, _arrow_type(types, c)) for c in names])
        n = 0
        with pq.ParquetWriter(out / f"{name}.parquet", schema) as writer:
            while rows := cur.fetchmany(CHUNK):
                columns = list(zip(*(tuple(r) for r in rows), strict=True))
                writer.write_table(pa.Table.from_arrays(
                    [pa.array(col, type=schema.field(i).type) for i, col in enumerate(columns)],
                    schema=schema))
                n += len(rows)
        counts[name] = n
    return counts


_NUMERIC = {"INTEGER": "int64", "REAL": "float64", "BLOB": "binary"}


def _arrow_type(types: dict[str, str], column: str) -> Any:
    import pyarrow as pa

    name = _NUMERIC.get(types.get(column) or "TEXT", "string")
    return getattr(pa, name)()


def _declared_types(conn: sqlite3.Connection) -> dict[str, str]:
    """Column name -> declared SQLite type across the store's tables and views."""
    types: dict[str, str] = {}
    for source in ("articles", "actors", "mentions", "statements", "casualties", "timexes",
                   "events", "event_view", "statement_view"):
        for row in conn.execute(f"PRAGMA table_info({source})"):
            declared = (row[2] or "").upper()
            if declared:
                types.setdefault(row[1], declared)
    types["num"] = "INTEGER"
    return types


def _gdelt1(store: Store, out: Path) -> dict[str, int]:
    return gdelt.write_gdelt1(store.conn, out)


def _gdelt2(store: Store, out: Path) -> dict[str, int]:
    return gdelt.write_gdelt2(store.conn, out)


def _phoenix(store: Store, out: Path) -> dict[str, int]:
    return gdelt.write_phoenix(store.conn, out)


FORMATS: dict[str, Callable[[Store, Path], dict[str, int]]] = {
    "jsonl": _jsonl, "csv": _csv, "parquet": _parquet, "gdelt1": _gdelt1, "gdelt2": _gdelt2,
    "phoenix": _phoenix,
}
