"""Time of the statements stage against the spaCy parse, on real news.

Parses the first N articles of ../shared/corpora/news-10k.jsonl.gz with the default
pipeline and runs ``statements.extract`` on each parsed article (actors resolved
beforehand, outside the timing). The two are measured in turns, chunk by chunk, in CPU
time of this process, so both see the same load on a shared machine; both are warmed up
on the first articles first (model loading is left out of both). Prints both times and
their ratio.

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
WARM_UP = 10  # articles read before the timing starts
CHUNK = 25  # articles per turn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    texts = corpus.texts(args.corpus, args.limit + WARM_UP)
    warm, texts = texts[:WARM_UP], texts[WARM_UP:]
    pipeline = nlp.load()
    for i, doc in enumerate(pipeline.pipe(warm, batch_size=nlp.BATCH_SIZE)):
        article = Article(id=f"warm{i}", text=warm[i])
        statements.extract(doc, article, actors.resolve(doc, article))
    parse_s = statements_s = 0.0
    words = found = 0
    for at in range(0, len(texts), CHUNK):
        chunk = texts[at:at + CHUNK]
        start = time.process_time()
        parsed = list(pipeline.pipe(chunk, batch_size=nlp.BATCH_SIZE))
        parse_s += time.process_time() - start
        articles = [Article(id=str(at + i), text=t) for i, t in enumerate(chunk)]
        resolved = [actors.resolve(d, a) for d, a in zip(parsed, articles, strict=True)]
        start = time.process_time()
        found += sum(len(statements.extract(d, a, r))
                     for d, a, r in zip(parsed, articles, resolved, strict=True))
        statements_s += time.process_time() - start
        words += sum(len(d) for d in parsed)
    print(f"articles {len(texts)}  tokens {words}  statements {found}")
    print(f"parse {parse_s:.1f} s CPU ({words / parse_s:,.0f} tokens/s)")
    print(f"statements {statements_s:.2f} s CPU")
    print(f"ratio statements/parse {statements_s / parse_s:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
