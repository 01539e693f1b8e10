"""Schema versions: a fresh store gets ``schema.sql``; an older one is brought up to date.

The version lives in ``PRAGMA user_version`` (and ``meta.schema_version``). To change the
schema: edit ``schema.sql`` (additively, or dropping an index that another one makes
redundant), bump :data:`SCHEMA_VERSION` and add the SQL that takes a store of the
previous version to the new one to :data:`MIGRATIONS`; a step that must also compute
rows (fill a new table from existing ones) adds a function to :data:`MIGRATIONS_PY`, run
after the step's SQL in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from importlib import resources

from dragoman.errors import StoreError
from dragoman.store import near

SCHEMA_VERSION = 5

# version -> SQL that upgrades a store of version - 1 to it.
MIGRATIONS: dict[int, str] = {
    2: """
    ALTER TABLE events ADD COLUMN plover_mode TEXT;
    ALTER TABLE events ADD COLUMN plover_context TEXT;
    ALTER TABLE events ADD COLUMN reporter TEXT;
    ALTER TABLE statements ADD COLUMN speaker_start INTEGER;
    ALTER TABLE statements ADD COLUMN speaker_end INTEGER;
    ALTER TABLE statements ADD COLUMN speaker_span_text TEXT;
    """,
    3: """
    CREATE INDEX IF NOT EXISTS actors_code_name ON actors (code, name);
    CREATE INDEX IF NOT EXISTS events_article_source ON events (article_id, source);
    CREATE INDEX IF NOT EXISTS events_article_target ON events (article_id, target);
    """,
    4: """
    CREATE TABLE IF NOT EXISTS minhash_bands (
        band_key    INTEGER NOT NULL,
        article_num INTEGER NOT NULL,
        PRIMARY KEY (band_key, article_num)
    ) WITHOUT ROWID;
    """,
    # actors_code_name (code, name) serves every lookup by code: one index less to write
    5: """
    DROP INDEX IF EXISTS actors_code;
    """,
}

# version -> Python run after that version's SQL (same connection and transaction).
MIGRATIONS_PY: dict[int, Callable[[sqlite3.Connection], None]] = {
    4: near.band_all,  # the LSH bands of the first copies stored so far
}


def schema_sql() -> str:
    return resources.files("dragoman.store").joinpath("schema.sql").read_text("utf-8")


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Create or upgrade the schema in ``conn`` (autocommit mode); return the version."""
    version = user_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: store has schema version {version}, newer than this "
                         f"dragoman knows ({SCHEMA_VERSION}); upgrade dragoman")
    if version == SCHEMA_VERSION:
        return version
    conn.execute("BEGIN IMMEDIATE")
    try:
        if version == 0:
            for statement in _statements(schema_sql()):
                conn.execute(statement)
        else:
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _statements(MIGRATIONS[step]):
                    conn.execute(statement)
                if step in MIGRATIONS_PY:
                    MIGRATIONS_PY[step](conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                     (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers hold inner semicolons)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
