"""Interruptions and concurrent use: kills, Ctrl-C, readers during an ingest, two writers.

A real ``dragoman ingest`` of 120 short articles (the real model: there is no cheap
extraction switch) is killed with SIGKILL at random points and stopped with Ctrl-C, then
run again to completion; the store must hold every article exactly once, each with all
its rows (as many as a clean run stores), and pass ``PRAGMA integrity_check``. While it
writes, ``dragoman query``'s code path and the web app read the same store.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.errors import StoreError
from dragoman.store import Store
from dragoman.store.ingest import ingest, writer_lock

with warnings.catch_warnings():  # starlette asks for httpx2; httpx works the same here
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

N = 120
TABLES = ("actors", "mentions", "events", "statements", "casualties", "timexes")
WHO = ("The foreign minister of France", "Kenyan police", "The UN Secretary-General",
       "Russian troops", "The Prime Minister of India", "Protesters in Chile",
       "The German chancellor", "Iranian officials", "The mayor of Lagos", "NATO")
DID = ("met the president of Brazil in Geneva", "arrested 12 people near Nairobi",
       "condemned the attack on a hospital in Gaza", "shelled a village near Kharkiv",
       "signed a trade deal with Japan", "marched against the government of Peru",
       "promised aid to Ukraine", "threatened sanctions against Israel",
       "visited a flooded market in Accra", "warned Moscow over the missile test")
CLI = [sys.executable, "-m", "dragoman"]


def _corpus(path: Path) -> Path:
    rng = random.Random(42)
    with path.open("w", encoding="utf-8") as out:
        for i in range(N):
            who, did = rng.choice(WHO), rng.choice(DID)
            text = (f"{who} {did} on Monday, officials said in report number {i}. "
                    f"\u201cWe will act,\u201d a spokesman for the group said on day {i}.")
            out.write(json.dumps({"id": f"n{i:03d}", "text": text,
                                  "published": "2024-03-04"}) + "\n")
    return path


def _rows(db: Path) -> dict[str, dict[str, int]]:
    """Rows per article in every record table, read through a read-only connection."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found = {t: dict(conn.execute(f"SELECT article_id, count(*) FROM {t} GROUP BY 1"))
                 for t in TABLES}
        found["articles"] = dict(conn.execute("SELECT id, count(*) FROM articles GROUP BY 1"))
    finally:
        conn.close()
    return found


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def _start(src: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLI, "ingest", str(src), "--db", str(db), "--batch-size", "4"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "200"})


def _read_while_writing(db: Path, proc: subprocess.Popen[str], until: int,
                        reads: dict[str, Any]) -> None:
    """Poll the store with the query code path and the web app until ``until`` articles
    are stored (or the writer ends); every read must succeed."""
    client = None
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        n = _count(db)
        if n >= until:
            return
        if n == 0:
            time.sleep(0.05)
            continue
        with Store(db, readonly=True) as store:
            store.events(limit=20)
            store.statements(limit=20)
            reads["query"] += 1
        if client is None:
            from dragoman.web.app import create_app

            client = TestClient(create_app(db, warm=False))
        for url in ("/events.json", "/search.json?q=minister", "/actors.json"):
            response = client.get(url)
            assert response.status_code == 200, (url, response.text[:300])
            reads["web"] += 1
    assert proc.poll() is None, "the ingest ended before it could be interrupted"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The corpus and what a clean, uninterrupted ingest stores for it."""
    root = tmp_path_factory.mktemp("clean")
    src = _corpus(root / "news.jsonl")
    summary = ingest([src], root / "clean.db", batch_size=16)
    assert summary.stored == N and summary.failed == 0
    return src, _rows(root / "clean.db")


def test_hardening_interrupt_kills_and_ctrl_c_lose_nothing(
        tmp_path: Path, reference: tuple[Path, dict[str, Any]]) -> None:
    src, clean = reference
    db = tmp_path / "news.db"
    rng = random.Random(int(os.environ.get("DRAGOMAN_HARDENING_SEED", "7")))  # long runs vary it
    reads = {"query": 0, "web": 0}
    stored_before = []
    # Ctrl-C first: a clean stop, a message saying how to resume, exit code 130.
    proc = _start(src, db)
    _read_while_writing(db, proc, rng.randint(4, 30), reads)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Interrupted after" in stderr
    assert "run the same command again to resume" in stderr.lower()
    assert "Traceback" not in stderr
    stored_before.append(_count(db))
    # Then SIGKILL at random points, each after a few more batches were stored.
    for _ in range(2):
        proc = _start(src, db)
        _read_while_writing(db, proc, stored_before[-1] + rng.randint(4, 24), reads)
        proc.kill()
        proc.communicate(timeout=60)
        stored_before.append(_count(db))
        assert 0 < stored_before[-1] < N
    final = subprocess.run([*CLI, "ingest", str(src), "--db", str(db), "--json"],
                           capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    summary = json.loads(final.stdout)
    assert summary["skipped"] == stored_before[-1] and summary["failed"] == 0
    assert summary["stored"] == N - stored_before[-1]
    got = _rows(db)
    assert got["articles"] == clean["articles"]  # every article exactly once
    for table in TABLES:  # and each with all its rows, none half-written
        assert got[table] == clean[table], table
    with Store(db, readonly=True) as store:
        assert store.integrity() == "ok"
    assert reads["query"] > 0 and reads["web"] > 0


def test_hardening_interrupt_second_ingest_refuses_clearly(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "The envoy left Paris."}) + "\n")
    with writer_lock(str(db)):
        try:
            runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
        except TypeError:
            runner = CliRunner()
        result = runner.invoke(main, ["ingest", str(src), "--db", str(db)])
        assert result.exit_code == 1
        assert f"another ingest (pid {os.getpid()}) is writing to this store" in result.stderr
        assert "Traceback" not in result.stderr
        with pytest.raises(StoreError, match="another ingest"):
            ingest([src], db, extractor=lambda articles: [])
    # the lock goes with its holder: the next ingest runs
    assert ingest([src], db, extractor=lambda articles: []).read == 1
