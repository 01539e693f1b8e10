"""Throughput: the spaCy pipeline alone against the whole of dragoman, in one run.

Usage: python bench/throughput.py --articles N [--workers W] [--chunk C] [--corpus PATH]

On the first N articles of ../shared/corpora/news-10k.jsonl.gz it measures
(a) the spaCy pipeline alone (the same model and components dragoman uses) and
(b) dragoman from raw text to records in a fresh SQLite store (reading, boilerplate,
near-duplicates, parsing, every extraction stage, storing), prints words/s for both, the
peak resident memory, and ends with the line ``ratio <b/a>``.

With one worker the two are measured in turns, chunk by chunk (C articles of spaCy, the
same C articles through dragoman, the next chunk...), so that both see the same load on
a shared machine, and the final ratio is the one of this process's CPU seconds. Both are
warmed up first on 10 articles: spaCy's model load and dragoman's one-time loading of
its dictionaries, patterns and models are left out of both, and the latter is printed on
its own. With ``--workers`` > 1 the work happens in other processes, so the two are
measured one after the other and the wall-clock ratio applies.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import corpus  # bench/corpus.py, beside this script

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


def in_turns(rows: list[dict[str, str]], model: str | None, chunk: int,
             tmp: Path) -> tuple[list[float], list[float], int, tuple[int, int, int]]:
    """Both measurements chunk by chunk: ([wall, cpu] of spaCy, of dragoman, words, counts)."""
    spacy_t, whole_t, words = [0.0, 0.0], [0.0, 0.0], 0
    stored = events = statements = 0
    db = tmp / "bench.db"
    for n, at in enumerate(range(0, len(rows), chunk)):
        part = rows[at:at + chunk]
        wall, cpu, w = spacy_alone([r["text"] for r in part], model)
        spacy_t[0] += wall
        spacy_t[1] += cpu
        words += w
        wall, cpu, summary = dragoman_whole(part, model, 1, db, f"chunk{n}")
        whole_t[0] += wall
        whole_t[1] += cpu
        stored += summary.stored
        events += summary.events
        statements += summary.statements
    return spacy_t, whole_t, words, (stored, events, statements)


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
        spacy_alone([r["text"] for r in warm], args.model)  # load and warm up spaCy
        loading = 0.0
        if args.workers > 1:
            parse_s, parse_cpu, words = spacy_alone([r["text"] for r in rows], args.model)
            whole_s, whole_cpu, summary = dragoman_whole(rows, args.model, args.workers,
                                                         tmp / "bench.db")
            counts = (summary.stored, summary.events, summary.statements)
        else:
            _, loading, _ = dragoman_whole(warm, args.model, 1, tmp / "warm.db", "warm")
            print(f"  dragoman's one-time loading and first {WARM_UP} articles: "
                  f"{loading:.2f} s CPU (left out)")
            (parse_s, parse_cpu), (whole_s, whole_cpu), words, counts = in_turns(
                rows, args.model, args.chunk, tmp)
    print(f"  stored {counts[0]} articles, {counts[1]} events, {counts[2]} statements")
    a, b = words / parse_s, words / whole_s
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {len(rows)}, words {words:,} (spaCy tokens)")
    print(f"spaCy alone      {a:10,.0f} words/s wall   {words / parse_cpu:10,.0f} words/s CPU")
    print(f"dragoman whole   {b:10,.0f} words/s wall   {words / whole_cpu:10,.0f} words/s CPU"
          f"  (workers {args.workers})")
    print(f"peak memory      {peak:10,.0f} MiB (this process)")
    if args.workers > 1:
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory      {child:10,.0f} MiB (largest worker process)")
    print(f"wall-clock ratio {b / a:.3f}")
    if args.workers == 1:
        once = max(loading - WARM_UP * whole_cpu / len(rows), 0.0)
        print(f"CPU ratio with the one-time loading ({once:.2f} s) counted: "
              f"{parse_cpu / (whole_cpu + once):.3f}")
    final = b / a if args.workers > 1 else parse_cpu / whole_cpu
    print(f"ratio {final:.3f}")


if __name__ == "__main__":
    main()
