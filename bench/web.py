"""Time every page of the web UI over a store: median of several requests per page.

Goal: every page under 300 ms (median) with 10,000 articles.

Usage:
  # over an existing store (e.g. built with the full pipeline from the 10k corpus:
  #   dragoman ingest ../shared/corpora/news-10k.jsonl.gz --db news10k.db   (hours on 2 cores)
  # or a slice of it: zcat ../shared/corpora/news-10k.jsonl.gz | head -1000 > news1k.jsonl
  #   && dragoman ingest news1k.jsonl --db news1k.db)
  python bench/web.py --db news10k.db
  # over a synthetic store of hand-made records (the query side at scale, no NLP):
  python bench/web.py --synthetic 10000 --events-per-article 10 --db bench/out/synthetic.db
  # over a real store scaled up: copies of its records (new ids, dates shifted by a year
  # per round) until there are N articles, so text lengths and record shapes stay real:
  python bench/web.py --replicate news300.db 10000 --db bench/out/replicated.db

The first request of a page fills the overview cache; it is shown as "first".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def build_synthetic(db: Path, n: int, per_article: int) -> None:
    from dragoman.web.sample import sample_records, write_store

    low, high = max(1, per_article // 2), per_article + per_article // 2
    start = time.perf_counter()
    stored = write_store(db, sample_records(n, seed=1, sentences=(low, high),
                                            extra_actors=max(50, n // 20)), batch=1000)
    print(f"built {db}: {stored} synthetic articles in {time.perf_counter() - start:.0f} s",
          file=sys.stderr)


def build_replicated(db: Path, source: Path, n: int) -> None:
    import dataclasses
    import itertools

    from dragoman.store import Store
    from dragoman.web.sample import write_store

    start = time.perf_counter()
    with Store(source, readonly=True) as src:
        originals = list(src.records())

    def copies() -> Any:
        for i, record in enumerate(itertools.islice(itertools.cycle(originals), n)):
            round_ = i // len(originals)
            art = record.article
            year = int(art.published[:4]) - round_ % 10 if art.published else None
            yield dataclasses.replace(record, article=dataclasses.replace(
                art, id=f"{art.id}-{round_}", text=art.text + "\n" * round_,
                published=f"{year:04d}{art.published[4:]}" if art.published else None))

    stored = write_store(db, copies(), batch=1000)
    print(f"built {db}: {stored} articles from {len(originals)} in {source}"
          f" in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def pages(client: Any) -> list[str]:
    """Every page, with parameters taken from what the store holds."""
    overview = client.get("/index.json").json()
    actor = overview["top_actors"][0]["key"] if overview["top_actors"] else "X|X"
    code = actor.split("|")[0] or "X"
    dyad = overview["top_dyads"][0] if overview["top_dyads"] else None
    busiest = client.get("/events.json?sort=date").json()["events"]
    article = busiest[0]["article_id"] if busiest else "none"
    word = "minister"
    a = quote(actor, safe="|")
    urls = ["/", "/index.json", f"/search?q={word}", f"/search?q={word}&event=ASSAULT",
            "/search?q=%22foreign+minister%22&from=2019-06-01&to=2020-06-01",
            "/articles", "/articles?page=200", f"/articles?actor={a}",
            f"/articles/{quote(article)}", f"/articles/{quote(article)}.json",
            "/actors", "/actors?q=min", f"/actors/{a}", f"/actors/{code}",
            "/events", "/events?quad=4&sort=goldstein&order=asc", f"/events?actor={a}",
            "/events?cameo=04&from=2019-03&to=2019-09", "/events?page=500",
            "/events.csv?quad=4&from=2020-01&to=2020-01", "/network", "/network?top=150"]
    if dyad:
        urls.append("/dyads/" + quote(dyad["source_key"], safe="|") + "/"
                    + quote(dyad["target_key"], safe="|"))
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "synthetic.db")
    parser.add_argument("--synthetic", type=int, metavar="N",
                        help="first build a store of N synthetic articles at --db (if absent)")
    parser.add_argument("--events-per-article", type=int, default=10)
    parser.add_argument("--replicate", nargs=2, metavar=("STORE", "N"),
                        help="first build a store of N articles at --db from STORE's records")
    parser.add_argument("--repeat", type=int, default=7, help="requests per page")
    args = parser.parse_args()
    if args.synthetic and not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build_synthetic(args.db, args.synthetic, args.events_per_article)
    if args.replicate and not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build_replicated(args.db, Path(args.replicate[0]), int(args.replicate[1]))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2")
        from fastapi.testclient import TestClient

    from dragoman.web.app import create_app

    scout = TestClient(create_app(args.db))
    counts = scout.get("/index.json").json()["counts"]
    print(f"store {args.db}: {counts['articles']:,} articles, {counts['events']:,} events, "
          f"{counts['statements']:,} statements, {counts['actors']:,} distinct actors")
    urls = pages(scout)
    client = TestClient(create_app(args.db))  # its own cache, cold
    print(f"{'page':<62} {'status':>6} {'first':>8} {'median':>8} {'max':>8} {'KB':>7}")
    slow = 0
    for url in urls:
        times = []
        status, size = 0, 0
        for _ in range(args.repeat + 1):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            status, size = response.status_code, len(response.content)
        median = statistics.median(times[1:])
        slow += median > 300
        print(f"{url[:62]:<62} {status:>6} {times[0]:>7.0f}ms {median:>7.0f}ms "
              f"{max(times[1:]):>7.0f}ms {size / 1024:>7.0f}")
    print(f"{slow} page(s) over 300 ms median")


if __name__ == "__main__":
    main()
