"""Time of the statements stage against the spaCy parse, on real news.

Parses the first N articles of ../shared/corpora/news-10k.jsonl.gz with the default
pipeline, then runs ``statements.extract`` on each parsed article (actors resolved
beforehand, outside the timing) and prints both times and their ratio.

    .venv/bin/python bench/statements.py [--limit 500]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import corpus  # bench/corpus.py, beside this script

from dragoman import actors, nlp, statements
from dragoman.records import Article

CORPUS = corpus.NEWS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    texts = corpus.texts(args.corpus, args.limit)
    pipeline = nlp.load()
    start = time.perf_counter()
    docs = list(pipeline.pipe(texts, batch_size=nlp.BATCH_SIZE))
    parse_s = time.perf_counter() - start
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    resolved = [actors.resolve(d, a) for d, a in zip(docs, articles, strict=True)]
    start = time.perf_counter()
    found = sum(len(statements.extract(d, a, r))
                for d, a, r in zip(docs, articles, resolved, strict=True))
    statements_s = time.perf_counter() - start
    words = sum(len(d) for d in docs)
    print(f"articles {len(texts)}  tokens {words}  statements {found}")
    print(f"parse {parse_s:.1f} s ({words / parse_s:,.0f} tokens/s)")
    print(f"statements {statements_s:.2f} s")
    print(f"ratio statements/parse {statements_s / parse_s:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
