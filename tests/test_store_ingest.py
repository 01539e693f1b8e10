"""Ingest: idempotent, resumable after an interruption, errors counted and skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.records import Actor, Article, Mention, Record
from dragoman.store import Store
from dragoman.store.ingest import ingest


def fake_extract(articles: list[Article]) -> list[Record]:
    """One actor per article: the first word (no model needed)."""
    records = []
    for a in articles:
        word = a.text.split()[0]
        records.append(Record(a, actors=[Actor("a1", word, mentions=[Mention(0, len(word),
                                                                              word)])]))
    return records


def corpus(tmp_path: Path, n: int = 10) -> Path:
    path = tmp_path / "news.jsonl"
    rows = [{"id": f"n{i}", "text": f"Story{i} about talks number {i} in city {i * 7}."}
            for i in range(n)]
    rows.append({"id": "dup", "text": rows[0]["text"]})  # exact copy under another id
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    return path


def counts(db: Path) -> tuple[int, int, int]:
    with Store(db, readonly=True) as store:
        c = store.conn
        return (c.execute("SELECT count(*) FROM articles").fetchone()[0],
                c.execute("SELECT count(*) FROM actors").fetchone()[0],
                c.execute("SELECT count(*) FROM mentions").fetchone()[0])


def test_ingest_summary_and_idempotence(tmp_path: Path) -> None:
    src, db = corpus(tmp_path), tmp_path / "s.db"
    first = ingest([src], db, extractor=fake_extract, batch_size=3)
    assert (first.read, first.stored, first.duplicates, first.failed) == (11, 10, 1, 1)
    assert first.actors == 10 and "news.jsonl:12" in first.errors[0]
    second = ingest([src], db, extractor=fake_extract, batch_size=3)
    assert (second.stored, second.skipped, second.duplicates) == (0, 10, 1)
    assert counts(db) == (10, 10, 10)


def test_ingest_resumes_after_an_interruption(tmp_path: Path) -> None:
    src, db = corpus(tmp_path), tmp_path / "s.db"
    calls = {"n": 0}

    def crashing(articles: list[Article]) -> list[Record]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C in the third batch
        return fake_extract(articles)

    with pytest.raises(KeyboardInterrupt):
        ingest([src], db, extractor=crashing, batch_size=3)
    assert counts(db) == (6, 6, 6)  # two whole batches, nothing half-written
    parsed: list[str] = []

    def recording(articles: list[Article]) -> list[Record]:
        parsed.extend(a.id for a in articles)
        return fake_extract(articles)

    again = ingest([src], db, extractor=recording, batch_size=3)
    assert (again.skipped, again.stored) == (6, 4)
    assert parsed == ["n6", "n7", "n8", "n9"]  # stored ones are not parsed again
    assert counts(db) == (10, 10, 10)
    with Store(db) as store:
        assert store.integrity() == "ok"
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids))


def test_ingest_bad_article_does_not_lose_the_batch(tmp_path: Path) -> None:
    src, db = corpus(tmp_path, 4), tmp_path / "s.db"

    def picky(articles: list[Article]) -> list[Record]:
        if any(a.id == "n2" for a in articles):
            raise ValueError("cannot handle n2")
        return fake_extract(articles)

    summary = ingest([src], db, extractor=picky, batch_size=10)
    assert summary.stored == 3 and summary.failed == 2  # n2 and the broken line
    assert any("article n2" in e for e in summary.errors)


def test_ingest_progress_and_errors_reported(tmp_path: Path) -> None:
    src = corpus(tmp_path, 5)
    seen: list[int] = []
    errors: list[str] = []
    ingest([src, tmp_path / "missing.txt"], tmp_path / "s.db", extractor=fake_extract,
           batch_size=2, on_progress=lambda s: seen.append(s.stored),
           on_error=lambda e: errors.append(str(e)))
    assert seen[-1] == 5 and seen == sorted(seen)
    assert len(errors) == 2 and "missing.txt" in errors[1]
