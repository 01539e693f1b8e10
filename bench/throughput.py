"""Throughput: the spaCy pipeline alone against the whole of dragoman, in one run.

Usage: python bench/throughput.py --articles N [--workers W] [--corpus PATH]

On the first N articles of ../shared/corpora/news-10k.jsonl.gz it measures
(a) the spaCy pipeline alone (the same model and components dragoman uses) and
(b) dragoman from raw text to records in a fresh SQLite store (reading, boilerplate,
parsing, every extraction stage, storing), prints words/s for both, the peak resident
memory, and ends with the line ``ratio <b/a>``.

Both wall-clock and CPU-time rates are printed. The final ratio is the CPU-time one
(this process's CPU seconds), which stays meaningful on a shared, busy machine; with
``--workers`` > 1 the work happens in other processes, so the wall-clock ratio applies.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import corpus  # bench/corpus.py, beside this script

CORPUS = corpus.NEWS


def spacy_alone(texts: list[str], model: str | None) -> tuple[float, float, int]:
    from dragoman import nlp

    pipeline = nlp.load(model)
    start, cpu = time.perf_counter(), time.process_time()
    words = sum(len(doc) for doc in pipeline.pipe(texts, batch_size=nlp.BATCH_SIZE))
    return time.perf_counter() - start, time.process_time() - cpu, words


def dragoman_whole(rows: list[dict[str, str]], model: str | None,
                   workers: int) -> tuple[float, float]:
    from dragoman.store.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row) + "\n")
        start, cpu = time.perf_counter(), time.process_time()
        options = {"workers": workers} if workers > 1 else {}
        summary = ingest([src], Path(tmp) / "bench.db", model=model, **options)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        if summary.failed:
            print(f"warning: {summary.failed} articles failed", file=sys.stderr)
        print(f"  stored {summary.stored} articles, {summary.events} events, "
              f"{summary.statements} statements")
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--model", default=None)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    rows = corpus.rows(args.corpus, args.articles)
    texts = [r["text"] for r in rows]
    spacy_alone(texts[:10], args.model)  # load and warm up
    parse_s, parse_cpu, words = spacy_alone(texts, args.model)
    whole_s, whole_cpu = dragoman_whole(rows, args.model, args.workers)
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
    final = b / a if args.workers > 1 else parse_cpu / whole_cpu
    print(f"ratio {final:.3f}")


if __name__ == "__main__":
    main()
