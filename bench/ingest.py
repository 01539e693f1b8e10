"""Ingest benchmark: reading, parsing, extraction and storage on real news.

Usage: python bench/ingest.py [--articles N] [--batch-size B] [--corpus PATH ...]

For the first N articles (default 1,000) of each corpus (default
../shared/corpora/news-10k.jsonl.gz and wire-2k.jsonl.gz) it runs the whole ingest into
a fresh SQLite store and reports articles/s, words/s, the share of time in reading
(JSONL + boilerplate), parsing (spaCy), extraction (dragoman's stages) and storage,
and the peak resident memory. It then measures storage alone: ``Store.add`` on the
records prepared by that run, written again into a fresh store (target >= 2,000
records/s), per wall-clock second and per CPU second of this process (the second is
the fairer figure on a machine busy with other work).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "corpora" / name
           for name in ("news-10k.jsonl.gz", "wire-2k.jsonl.gz")]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def first(path: Path, n: int) -> list:  # type: ignore[type-arg]
    from dragoman.ingest import iter_articles
    from dragoman.records import Article

    items = (a for a in iter_articles([path]) if isinstance(a, Article))
    return list(itertools.islice(items, n))


def run_corpus(path: Path, n: int, batch_size: int, workdir: Path) -> tuple[dict, list]:  # type: ignore[type-arg]
    """Full ingest of the first ``n`` articles; the figures and the records made."""
    from dragoman.store import Store
    from dragoman.store.ingest import ingest

    db = workdir / f"{path.name}.db"
    t0 = time.perf_counter()
    summary = ingest([path], db, batch_size=batch_size, limit=n)
    wall = time.perf_counter() - t0
    secs = summary.seconds
    with Store(db, readonly=True) as store:
        records = list(store.records())
    figures = {
        "corpus": path.name, "articles": summary.read, "stored": summary.stored,
        "near_duplicates": summary.near_duplicates, "duplicates": summary.duplicates,
        "failed": summary.failed, "words": summary.words, "events": summary.events,
        "statements": summary.statements, "actors": summary.actors,
        "seconds": round(wall, 2),
        "articles_per_s": round(summary.stored / wall, 1),
        "words_per_s": round(summary.words / wall),
        "share": {k: round(secs[k] / secs["total"], 3) for k in ("read", "parse", "extract",
                                                                  "store")},
    }
    return figures, records


def storage_alone(records: list, batch_size: int, workdir: Path) -> dict:  # type: ignore[type-arg]
    """``Store.add`` on prepared records into a fresh store, batch by batch."""
    from dragoman.store import Store

    out = {}
    for near in (True, False):
        db = workdir / f"storage-{near}.db"
        with Store(db, dedupe_near=near) as store:
            t0, c0 = time.perf_counter(), time.process_time()
            for i in range(0, len(records), batch_size):
                store.add(records[i:i + batch_size])
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        key = "with_near_duplicate_check" if near else "without_near_duplicate_check"
        out[key] = {"records": len(records), "seconds": round(wall, 3),
                    "records_per_s": round(len(records) / wall),
                    "records_per_cpu_s": round(len(records) / cpu)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--corpus", type=Path, action="append")
    args = parser.parse_args()
    corpora = args.corpus or CORPORA
    missing = [p for p in corpora if not p.exists()]
    if missing:
        sys.exit(f"missing corpus: {', '.join(map(str, missing))}")
    from dragoman import nlp

    t0 = time.perf_counter()
    nlp.load()
    results: dict = {"model_load_s": round(time.perf_counter() - t0, 2), "corpora": []}  # type: ignore[type-arg]
    all_records = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in corpora:
            figures, records = run_corpus(path, args.articles, args.batch_size, Path(tmp))
            results["corpora"].append(figures)
            all_records += records
            print(json.dumps(figures), file=sys.stderr)
        results["storage_alone"] = storage_alone(all_records, args.batch_size, Path(tmp))
    results["peak_rss_mb"] = round(peak_mb())
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
