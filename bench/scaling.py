"""Scaling on one machine: dragoman with one process against ``--workers W``, end to end.

Usage: python bench/scaling.py [--articles N (1000)] [--workers W] [--rounds R] [--corpus PATH]

Ingests the first N articles of ../shared/corpora/news-10k.jsonl.gz into a fresh SQLite
store, once with one process and once with W worker processes (and the single writer),
R rounds alternating, each run in a fresh process of its own, so that both sides pay
the same loading of spaCy and of dragoman's data (the workers load theirs in parallel).
Prints words/s (wall clock) of each run, the largest worker's peak memory, and ends with
``speed-up <median of W workers / median of one process>``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

import corpus  # bench/corpus.py, beside this script
from peaks import Peaks  # bench/peaks.py


def _run(rows: list[dict[str, str]], workers: int, tmp: str, conn: Connection) -> None:
    """One ingest in this fresh process: answers (wall seconds, stored, words)."""
    from dragoman.store.ingest import ingest

    src = Path(tmp) / "articles.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = Path(tmp) / f"w{workers}-{time.monotonic_ns()}.db"
    start = time.perf_counter()
    summary = ingest([src], db, **({"workers": workers} if workers > 1 else {}))
    conn.send((time.perf_counter() - start, summary.stored, summary.words))


def timed(rows: list[dict[str, str]], workers: int, tmp: Path) -> tuple[float, int, int, float]:
    """(wall seconds, stored, words, largest descendant's peak MiB) of one fresh run."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    with Peaks() as peaks:
        process = context.Process(target=_run, args=(rows, workers, str(tmp), theirs))
        process.start()
        wall, stored, words = ours.recv()
        process.join()
    return wall, stored, words, peaks.largest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=corpus.NEWS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    rows = corpus.rows(args.corpus, args.articles)
    rates: dict[int, list[float]] = {1: [], args.workers: []}
    with tempfile.TemporaryDirectory() as name:
        for n in range(args.rounds):
            for workers in (1, args.workers):
                wall, stored, words, peak = timed(rows, workers, Path(name))
                rates[workers].append(words / wall)
                print(f"round {n + 1}, {workers} process{'es' if workers > 1 else ''}: "
                      f"{stored} articles, {words:,} words in {wall:.1f} s = "
                      f"{words / wall:,.0f} words/s; peak {peak:,.0f} MiB (largest process)",
                      flush=True)
    one, many = statistics.median(rates[1]), statistics.median(rates[args.workers])
    print(f"medians: 1 process {one:,.0f} words/s, {args.workers} workers {many:,.0f} words/s")
    print(f"speed-up {many / one:.2f}")


if __name__ == "__main__":
    main()
