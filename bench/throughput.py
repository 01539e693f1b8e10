"""Throughput: the spaCy pipeline alone against the whole of dragoman, in one run.

Usage: python bench/throughput.py --articles N [--workers W] [--chunk C] [--corpus PATH]

On the first N articles of ../shared/corpora/news-10k.jsonl.gz it measures
(a) the spaCy pipeline alone (the same model and components dragoman uses) and
(b) dragoman from raw text to records in a fresh SQLite store (reading, boilerplate,
near-duplicates, parsing, every extraction stage, storing), prints words/s for both, the
peak resident memory, and ends with the line ``ratio <b/a>``.

With one worker the two are measured in turns, chunk by chunk (C articles of spaCy, the
same C articles through dragoman, the next chunk...), so that both see the same load on
a shared machine, and the final ratio is the one of their CPU seconds. Each side runs in
a process of its own and sees every text once: spaCy parses a text it has seen before
about 14 % faster (its caches of strings, tokens and lemmas are warm), so measuring both
in one process would favour whichever goes second. Both are warmed up first on 10 other
articles: spaCy's model load and dragoman's one-time loading of its dictionaries,
patterns and models are left out of both, and the latter is printed on its own; peak
memory is the dragoman process's. With ``--workers`` > 1 the work happens in other
processes, so the two are measured one after the other and the wall-clock ratio applies.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import corpus  # bench/corpus.py, beside this script
from peaks import Peaks  # bench/peaks.py

CORPUS = corpus.NEWS
WARM_UP = 10


def spacy_alone(texts: list[str], model: str | None) -> tuple[float, float, int]:
    from dragoman import nlp

    pipeline = nlp.load(model)
    start, cpu = time.perf_counter(), time.process_time()
    words = sum(len(doc) for doc in pipeline.pipe(texts, batch_size=nlp.BATCH_SIZE))
    return time.perf_counter() - start, time.process_time() - cpu, words


def dragoman_whole(rows: list[dict[str, str]], model: str | None, workers: int,
                   db: Path, name: str = "articles") -> tuple[float, float, Any]:
    from dragoman.store.ingest import ingest

    src = db.parent / f"{name}.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    start, cpu = time.perf_counter(), time.process_time()
    options = {"workers": workers} if workers > 1 else {}
    summary = ingest([src], db, model=model, **options)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if summary.failed:
        print(f"warning: {summary.failed} articles failed", file=sys.stderr)
    return elapsed, cpu, summary


def _side(kind: str, model: str | None, warm: list[dict[str, str]], tmp: str,
          conn: Connection) -> None:
    """One side of :func:`in_turns`, in a process of its own: warm up, then measure each
    chunk sent until None comes; answers (wall, cpu, words, counts), then its peak memory."""
    db = Path(tmp) / f"{kind}.db"
    if kind == "spacy":
        conn.send(spacy_alone([r["text"] for r in warm], model)[1])
    else:
        conn.send(dragoman_whole(warm, model, 1, Path(tmp) / "warm.db", "warm")[1])
    while (message := conn.recv()) is not None:
        rows, name = message
        if kind == "spacy":
            wall, cpu, words = spacy_alone([r["text"] for r in rows], model)
            conn.send((wall, cpu, words, None))
        else:
            wall, cpu, summary = dragoman_whole(rows, model, 1, db, name)
            conn.send((wall, cpu, 0, (summary.stored, summary.events, summary.statements)))
    conn.send(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def in_turns(rows: list[dict[str, str]], warm: list[dict[str, str]], model: str | None,
             chunk: int, tmp: Path) -> tuple[list[float], list[float], int, tuple[int, int, int],
                                             float, float]:
    """Both measurements chunk by chunk, each side in its own process: ([wall, cpu] of
    spaCy, of dragoman, words, counts, dragoman's warm-up CPU, its peak MiB)."""
    context = multiprocessing.get_context("spawn")
    sides = {}
    for kind in ("spacy", "dragoman"):
        ours, theirs = context.Pipe()
        process = context.Process(target=_side, args=(kind, model, warm, str(tmp), theirs))
        process.start()
        sides[kind] = (process, ours)
    sides["spacy"][1].recv()
    loading = sides["dragoman"][1].recv()
    spacy_t, whole_t, words = [0.0, 0.0], [0.0, 0.0], 0
    counts = [0, 0, 0]
    for n, at in enumerate(range(0, len(rows), chunk)):
        for kind, totals in (("spacy", spacy_t), ("dragoman", whole_t)):
            conn = sides[kind][1]
            conn.send((rows[at:at + chunk], f"chunk{n}"))
            wall, cpu, w, found = conn.recv()
            totals[0] += wall
            totals[1] += cpu
            words += w
            if found is not None:
                counts = [a + b for a, b in zip(counts, found, strict=True)]
    peaks = {}
    for kind, (process, conn) in sides.items():
        conn.send(None)
        peaks[kind] = conn.recv()
        process.join()
    return spacy_t, whole_t, words, (counts[0], counts[1], counts[2]), loading, \
        peaks["dragoman"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--model", default=None)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=25, help="articles per turn (one worker)")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    rows = corpus.rows(args.corpus, args.articles + WARM_UP)
    warm, rows = rows[:WARM_UP], rows[WARM_UP:]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        loading, peak = 0.0, 0.0
        if args.workers > 1:
            spacy_alone([r["text"] for r in warm], args.model)  # load and warm up spaCy
            parse_s, parse_cpu, words = spacy_alone([r["text"] for r in rows], args.model)
            with Peaks() as workers_peak:
                whole_s, whole_cpu, summary = dragoman_whole(rows, args.model, args.workers,
                                                             tmp / "bench.db")
            counts = (summary.stored, summary.events, summary.statements)
        else:
            (parse_s, parse_cpu), (whole_s, whole_cpu), words, counts, loading, peak = \
                in_turns(rows, warm, args.model, args.chunk, tmp)
            print(f"  dragoman's one-time loading and first {WARM_UP} articles: "
                  f"{loading:.2f} s CPU (left out)")
    print(f"  stored {counts[0]} articles, {counts[1]} events, {counts[2]} statements")
    a, b = words / parse_s, words / whole_s
    if args.workers > 1:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {len(rows)}, words {words:,} (spaCy tokens)")
    print(f"spaCy alone      {a:10,.0f} words/s wall   {words / parse_cpu:10,.0f} words/s CPU")
    print(f"dragoman whole   {b:10,.0f} words/s wall   {words / whole_cpu:10,.0f} words/s CPU"
          f"  (workers {args.workers})")
    print(f"peak memory      {peak:10,.0f} MiB ("
          f"{'this process' if args.workers > 1 else 'the dragoman process'})")
    if args.workers > 1:
        print(f"peak memory      {workers_peak.largest:10,.0f} MiB (largest worker process)")
    print(f"wall-clock ratio {b / a:.3f}")
    if args.workers == 1:
        once = max(loading - WARM_UP * whole_cpu / len(rows), 0.0)
        print(f"CPU ratio with the one-time loading ({once:.2f} s) counted: "
              f"{parse_cpu / (whole_cpu + once):.3f}")
    final = b / a if args.workers > 1 else parse_cpu / whole_cpu
    print(f"ratio {final:.3f}")


if __name__ == "__main__":
    main()
