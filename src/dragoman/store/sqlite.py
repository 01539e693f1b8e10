"""The SQLite store: one file, WAL mode, FTS5 over titles and text, idempotent writes.

Storing the same article again changes nothing (rows are keyed by article id); each
:meth:`Store.add` call is one transaction, so an interrupted ingest leaves whole
articles only and resumes by skipping the ids already stored.

Duplicates: an article whose text hashes like a stored one is not stored again (counted
as a duplicate). An article whose MinHash similarity to a stored first copy is above
the threshold (found through the LSH bands kept in the store, :mod:`dragoman.store.near`)
is stored with ``duplicate_of`` pointing at that copy; each of its events
that matches an event of the first copy by (source actor code, target actor code,
CAMEO code) gets ``copy_of`` = that event's number, and the first copy's event counts
``num_articles`` (itself and its copies) and ``num_sources`` (distinct article sources
among them) -- GDELT's NumArticles and NumSources.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from dragoman import settings
from dragoman.errors import StoreError
from dragoman.ingest import dedupe
from dragoman.records import Record
from dragoman.store import migrations, near, query, rows

__all__ = ["AddResult", "Store"]

# columns of the article row that the store fills (the others come from the record)
_STORE_COLUMNS = ("content_hash", "duplicate_of", "similarity", "n_actors", "n_events",
                  "n_statements", "model", "ingested_at")
_COLUMNS = rows.COLUMNS | {"articles": rows.ARTICLE_ROW + _STORE_COLUMNS,
                           "minhashes": ("article_id", "signature")}
# SQLite's least limit on the parameters of one statement is 999
_CHUNK = 900


@dataclass
class AddResult:
    """What one :meth:`Store.add` call did."""

    stored: int = 0
    skipped: int = 0  # already stored (same id)
    duplicates: int = 0  # exact copies of a stored text, not stored again
    near_duplicates: int = 0  # stored, linked to a first copy
    actors: int = 0
    events: int = 0
    statements: int = 0

    def update(self, other: AddResult) -> None:
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)


class Store:
    """A dragoman store in one SQLite file.

    >>> with Store("news.db") as store:  # doctest: +SKIP
    ...     store.add(records)
    ...     store.events(actor="RUS", limit=10)
    """

    def __init__(self, path: str | Path, readonly: bool = False, *, dedupe_near: bool = True,
                 threshold: float = dedupe.THRESHOLD) -> None:
        self.path = str(path)
        self.readonly = readonly
        self.dedupe_near = dedupe_near
        self.threshold = threshold
        self._banded = False  # minhash_bands checked against the threshold's layout
        self.conn = self._connect()

    # -- opening and closing -------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.readonly:
                if not Path(self.path).exists():
                    raise StoreError(f"{self.path}: no such store; create it with "
                                     "`dragoman ingest`")
                uri = f"file:{quote(str(Path(self.path).resolve()))}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                       check_same_thread=False)
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {settings.get('busy_timeout_ms')}")
            self._check_schema(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        return conn

    def _check_schema(self, conn: sqlite3.Connection) -> None:
        if not self.readonly:
            migrations.migrate(conn, self.path)
            if conn.execute("SELECT 1 FROM meta WHERE key = 'created'").fetchone() is None:
                from dragoman import __version__

                conn.executemany("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                                 [("created", _now()), ("dragoman_version", __version__),
                                  ("near_duplicates", dedupe.SIGNATURE)])
            return
        version = migrations.user_version(conn)
        if version != migrations.SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store has schema version {version}, this dragoman "
                             f"reads {migrations.SCHEMA_VERSION}; open it once for writing "
                             f"(e.g. `dragoman ingest`) to upgrade it")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored (a cheap check before parsing)."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def has_text(self, text: str) -> str | None:
        """The id of a stored article with exactly this text, if any."""
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ? LIMIT 1",
                                (dedupe.content_hash(text),)).fetchone()
        return None if row is None else str(row[0])

    def add(self, records: Iterable[Record], *, model: str | None = None) -> AddResult:
        """Store records in one transaction; those already stored are skipped."""
        if self.readonly:
            raise StoreError(f"{self.path}: store is open read-only")
        result = AddResult()
        records = list(records)
        digests = [dedupe.content_hash(r.article.text) for r in records]
        pending = _Pending()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # locked by another writer past the timeout
            raise StoreError(f"{self.path}: cannot write ({exc}); is another ingest "
                             f"writing to this store?") from exc
        try:
            index = self._near_index() if self.dedupe_near else None
            self._stored(records, digests, pending)
            for record, digest in zip(records, digests, strict=True):
                self._add_one(record, digest, model, result, index, pending)
            pending.flush(self.conn)
            if index is not None:
                index.flush()
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # a Ctrl-C right after COMMIT leaves none
                self.conn.execute("ROLLBACK")
            self._banded = False  # a re-banding is rolled back with the batch
            raise
        return result

    def _stored(self, records: list[Record], digests: list[str], pending: _Pending) -> None:
        """Note in ``pending`` the ids and content hashes of the batch that are stored
        already (one query per table column and chunk of the batch, not one per article)."""
        ids = [r.article.id for r in records]
        for column, values, known in (("id", ids, pending.ids),
                                      ("content_hash", digests, pending.hashes)):
            for at in range(0, len(values), _CHUNK):
                chunk = values[at:at + _CHUNK]
                known.update(row[0] for row in self.conn.execute(
                    f"SELECT {column} FROM articles WHERE {column} IN "
                    f"({', '.join('?' * len(chunk))})", chunk))

    def _add_one(self, record: Record, digest: str, model: str | None, result: AddResult,
                 index: near.NearIndex | None, pending: _Pending) -> None:
        article = record.article
        if article.id in pending.ids:
            result.skipped += 1
            return
        if digest in pending.hashes:
            result.duplicates += 1
            return
        pending.ids.add(article.id)
        pending.hashes.add(digest)
        first: tuple[str, float] | None = None
        sig = None
        keys: list[int] = []
        if index is not None:
            sig = dedupe.minhash(article.text)
            keys = index.keys(sig)
            first = index.find(sig, keys)
        self._rows(record, digest, model, first, pending)
        if sig is not None:
            pending.add("minhashes", [(article.id, dedupe.to_bytes(sig))])
            if first is None and index is not None:
                index.add(article.id, sig, keys)
        if first is not None:
            result.near_duplicates += 1
            pending.flush(self.conn)  # the copies' events are matched in SQL
            self._link_copies(article.id, first[0])
        result.stored += 1
        result.actors += len(record.actors)
        result.events += len(record.events)
        result.statements += len(record.statements)

    def _rows(self, record: Record, digest: str, model: str | None,
              first: tuple[str, float] | None, pending: _Pending) -> None:
        parts = rows.record_tuples(record)
        article = parts["article"] + (
            digest, first[0] if first else None, first[1] if first else None,
            len(record.actors), len(record.events), len(record.statements), model, _now())
        pending.add("articles", [article])
        for table in rows.TABLES:
            pending.add(table, parts[table])

    def _link_copies(self, article_id: str, first_id: str) -> None:
        """Point the events of a near copy at the matching events of its first copy."""
        firsts = self.conn.execute(
            "SELECT num, source_code, target_code, cameo FROM event_view "
            "WHERE article_id = ? ORDER BY num", (first_id,)).fetchall()
        by_key: dict[tuple[Any, Any, Any], int] = {}
        for row in firsts:
            by_key.setdefault((row[1], row[2], row[3]), row[0])
        copies = self.conn.execute(
            "SELECT num, source_code, target_code, cameo FROM event_view WHERE article_id = ?",
            (article_id,)).fetchall()
        touched = set()
        for row in copies:
            target = by_key.get((row[1], row[2], row[3]))
            if target is not None:
                self.conn.execute("UPDATE events SET copy_of = ? WHERE num = ?", (target, row[0]))
                touched.add(target)
        for num in touched:
            self.conn.execute(_RECOUNT, {"num": num})

    def _near_index(self) -> near.NearIndex:
        """Near-copy lookup for a batch (inside its transaction: the store's bands are
        re-made first if they were made for a threshold of another layout)."""
        if not self._banded:
            near.match_layout(self.conn, self.threshold)
            self._banded = True
        return near.NearIndex(self.conn, self.threshold)

    # -- reading -------------------------------------------------------------------------

    def record(self, article_id: str) -> Record:
        """The stored record of one article, exactly as it was added."""
        article = self.conn.execute("SELECT * FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
        if article is None:
            raise StoreError(f"{self.path}: no article with id {article_id!r}")

        def fetch(table: str, order: str) -> list[dict[str, Any]]:
            cur = self.conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}",
                                    (article_id,))
            return [dict(r) for r in cur]

        return rows.record_from_rows(
            dict(article), fetch("actors", "rowid"), fetch("mentions", "actor_id, idx"),
            fetch("events", "idx"), fetch("statements", "idx"), fetch("casualties", "idx"))

    def records(self, article_ids: Iterable[str] | None = None) -> Iterator[Record]:
        """Stored records, in the order they were stored (or of the given ids)."""
        if article_ids is None:
            article_ids = [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY num")]
        for article_id in article_ids:
            yield self.record(article_id)

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        """Events with their actors' names and codes; see :func:`query.events`."""
        return query.events(self.conn, **filters)

    def statements(self, **filters: Any) -> list[dict[str, Any]]:
        """Statements with their speakers; see :func:`query.statements`."""
        return query.statements(self.conn, **filters)

    def actors(self, **filters: Any) -> list[dict[str, Any]]:
        """Actors across articles, grouped by code and name; see :func:`query.actors`."""
        return query.actors(self.conn, **filters)

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts and top lists for a summary; see :func:`query.stats`."""
        return query.stats(self.conn, top=top)

    def integrity(self) -> str:
        """``PRAGMA integrity_check``: "ok" when the file is sound."""
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])


class _Pending:
    """Rows of one batch (tuples in the order of the table's columns in ``_COLUMNS``),
    written table by table (one executemany each) at the end; the ids and content hashes
    of the batch's articles stored before it or by it."""

    def __init__(self) -> None:
        self.rows: dict[str, list[rows.Row]] = {}
        self.ids: set[str] = set()
        self.hashes: set[str] = set()

    def add(self, table: str, items: list[rows.Row]) -> None:
        if items:
            self.rows.setdefault(table, []).extend(items)

    def flush(self, conn: sqlite3.Connection) -> None:
        for table, items in self.rows.items():
            _insert_rows(conn, table, items)
        self.rows.clear()


_RECOUNT = """
UPDATE events SET
  num_articles = 1 + (SELECT count(*) FROM events c WHERE c.copy_of = :num),
  num_sources = (SELECT count(DISTINCT coalesce(a.source, '')) FROM events c
                 JOIN articles a ON a.id = c.article_id
                 WHERE c.num = :num OR c.copy_of = :num)
WHERE num = :num
"""


def _insert_rows(conn: sqlite3.Connection, table: str, items: list[rows.Row]) -> None:
    if items:
        conn.executemany(_insert_sql(table), items)


@functools.cache
def _insert_sql(table: str) -> str:
    columns = _COLUMNS[table]
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
