"""Where dragoman's own time goes: CPU seconds per stage of one ingest.

Usage: python bench/stages.py [--articles N] [--corpus PATH]

Ingests the first N articles of ../shared/corpora/news-10k.jsonl.gz into a fresh SQLite
store, as bench/throughput.py does, with each stage after the parse (actors, events,
statements, time, places) and the store's ``add`` timed in CPU time of this process.
The rest is the parse, reading and deduplication. Loading models and data files counts
in the stage that first needs them, as it does in a real run.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import corpus  # bench/corpus.py, beside this script

STAGES = ("actors", "events", "statements", "time", "places")


def timed(spent: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - start
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=corpus.NEWS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    from dragoman import nlp, pipeline
    from dragoman.store import sqlite
    from dragoman.store.ingest import ingest

    rows = corpus.rows(args.corpus, args.articles)
    spent: dict[str, float] = {}
    entry = {"actors": "resolve", "events": "extract", "statements": "extract",
             "time": "annotate", "places": "annotate"}
    for stage in STAGES:
        module = getattr(pipeline, stage)
        setattr(module, entry[stage], timed(spent, stage, getattr(module, entry[stage])))
    sqlite.Store.add = timed(spent, "store", sqlite.Store.add)  # type: ignore[method-assign]
    list(nlp.load().pipe([r["text"] for r in rows[:10]]))  # load and warm up spaCy only
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        start = time.process_time()
        ingest([src], Path(tmp) / "stages.db")
        total = time.process_time() - start
    own = sum(spent.values())
    print(f"articles {len(rows)}, CPU seconds: total {total:.2f}, "
          f"parse and reading {total - own:.2f}, dragoman's stages {own:.2f}")
    for name in (*STAGES, "store"):
        seconds = spent.get(name, 0.0)
        print(f"  {name:<11} {seconds:6.2f}  ({100 * seconds / own:4.1f} %)")


if __name__ == "__main__":
    main()
