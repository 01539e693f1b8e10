"""Near-duplicate lookup in the store: the LSH bands of first copies, kept in SQLite.

Each first copy (an article stored with ``duplicate_of`` NULL and a MinHash signature)
has one ``minhash_bands`` row per LSH band, keyed by :func:`dedupe.band_keys`. A lookup
reads the stored signatures of the articles sharing a band with the new one (one indexed
query) and compares them; opening a store costs nothing, however many it holds.

The layout (bands, rows per band) follows the store's threshold as datasketch's
``MinHashLSH`` would choose it; ``meta.near_bands`` records it when it is not the
default's, and a store opened with a threshold of another layout is re-banded once.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable

import numpy as np

from dragoman.ingest import dedupe

__all__ = ["NearIndex", "band_all", "layout", "match_layout", "rebuild"]

_INSERT = ("INSERT OR IGNORE INTO minhash_bands (band_key, article_num) "
           "SELECT ?, num FROM articles WHERE id = ?")


class NearIndex:
    """Near-copy lookup for one :meth:`Store.add` batch: first copies stored before it
    (their bands in SQLite) and those of the batch itself (in memory until :meth:`flush`).
    The store's bands must be in the threshold's layout (:func:`match_layout`).
    """

    def __init__(self, conn: sqlite3.Connection, threshold: float) -> None:
        self.conn = conn
        self.threshold = threshold
        self._batch = dedupe.NearDuplicates(threshold)
        self._keys: dict[str, list[int]] = {}  # band keys of the batch's first copies

    def keys(self, sig: np.ndarray) -> list[int]:
        """The band keys of ``sig`` (to pass to :meth:`find` and :meth:`add`)."""
        return self._batch.keys(sig)

    def find(self, sig: np.ndarray, keys: list[int]) -> tuple[str, float] | None:
        """The earliest first copy ``sig`` (band ``keys``) is a near copy of, with its
        similarity: a stored one before one of this batch (stored ones have the lower
        numbers)."""
        for article_id, blob in self.conn.execute(_candidates(len(keys)), keys):
            score = dedupe.similarity(sig, dedupe.from_bytes(blob))
            if score >= self.threshold:
                return str(article_id), score
        return self._batch.find(sig, keys)

    def add(self, article_id: str, sig: np.ndarray, keys: list[int]) -> None:
        """Index a first copy of this batch (its article row is written later)."""
        self._batch.add(article_id, sig, keys)
        self._keys.setdefault(article_id, keys)

    def flush(self) -> None:
        """Write the band rows of this batch's first copies: after their article rows, in
        the batch's transaction (a rolled back batch leaves none)."""
        self.conn.executemany(_INSERT, [(key, article_id) for article_id, keys in self._keys.items()
                                        for key in keys])
        self._batch = dedupe.NearDuplicates(self.threshold)
        self._keys = {}


@functools.cache
def _candidates(n_keys: int) -> str:
    """SQL: id and signature of the first copies sharing one of ``n_keys`` band keys."""
    return ("SELECT a.id, m.signature FROM articles a JOIN minhashes m ON m.article_id = a.id "
            "WHERE a.num IN (SELECT article_num FROM minhash_bands WHERE band_key IN "
            f"({', '.join('?' * n_keys)})) ORDER BY a.num")


def match_layout(conn: sqlite3.Connection, threshold: float) -> None:
    """Re-band the store if its bands were made for a threshold of another layout."""
    wanted = dedupe.lsh_params(threshold)
    if layout(conn) != wanted:
        rebuild(conn, *wanted)


def layout(conn: sqlite3.Connection) -> tuple[int, int]:
    """The (bands, rows) of the store's ``minhash_bands``."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'near_bands'").fetchone()
    if row is None:
        return dedupe.lsh_params()
    bands, rows = map(int, str(row[0]).split())
    return bands, rows


def band_all(conn: sqlite3.Connection) -> None:
    """Band every first copy with a signature comparable with new ones (the schema
    version 4 upgrade; signatures made another way stay unbanded, as they were unused)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'near_duplicates'").fetchone()
    if row is not None and row[0] != dedupe.SIGNATURE:
        return
    _band(conn, conn.execute(
        "SELECT a.num, m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id "
        "WHERE a.duplicate_of IS NULL").fetchall(), *layout(conn))


def rebuild(conn: sqlite3.Connection, bands: int, rows: int) -> None:
    """Re-band the banded first copies in another layout and record it in ``meta``."""
    banded = conn.execute(
        "SELECT a.num, m.signature FROM articles a JOIN minhashes m ON m.article_id = a.id "
        "WHERE a.num IN (SELECT article_num FROM minhash_bands)").fetchall()
    conn.execute("DELETE FROM minhash_bands")
    _band(conn, banded, bands, rows)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('near_bands', ?)",
                 (f"{bands} {rows}",))


def _band(conn: sqlite3.Connection, signatures: Iterable[tuple[int, bytes]], bands: int,
          rows: int) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands (band_key, article_num) VALUES (?, ?)",
        ((key, num) for num, blob in signatures
         for key in dedupe.band_keys(dedupe.from_bytes(blob), bands, rows)))
