"""Actor resolution against the spaCy pipeline it runs after, in one run.

Usage: python bench/actors.py [--articles N] [--corpus PATH]

On the first N (default 500) articles of ../shared/corpora/news-10k.jsonl.gz it
measures the dictionary load (first call), the spaCy parse of all articles
(``nlp.pipe``, the pipeline dragoman uses) and ``actors.resolve`` on the parsed docs,
then prints both times, the ratio resolve/parse, and a few counts. Times are CPU
seconds of this process (``time.process_time``), so other load on the machine does not
skew the ratio; parsing runs in this process (``n_process=1``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import corpus  # bench/corpus.py, beside this script

CORPUS = corpus.NEWS


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    from dragoman import nlp
    from dragoman.actors import resolve
    from dragoman.actors.dictionary import default_dictionary
    from dragoman.records import Article

    rows = corpus.rows(args.corpus, args.articles)
    pipeline = nlp.load()
    t0 = time.process_time()
    dictionary = default_dictionary()
    load_s = time.process_time() - t0

    t0 = time.process_time()
    docs = list(pipeline.pipe((r["text"] for r in rows), batch_size=nlp.BATCH_SIZE))
    parse_s = time.process_time() - t0
    words = sum(len(d) for d in docs)

    t0 = time.process_time()
    actors = mentions = 0
    for row, doc in zip(rows, docs, strict=True):
        article = Article(id=str(row.get("id", "")), text=row["text"],
                          published=(row.get("published") or None))
        found = resolve(doc, article, dictionary)
        actors += len(found)
        mentions += sum(len(a.mentions) for a in found)
    resolve_s = time.process_time() - t0

    print(f"articles {len(rows)}  tokens {words}")
    print(f"dictionary load {load_s:.2f} s ({len(dictionary.phrases)} names, "
          f"{len(dictionary.agents)} titles)")
    print(f"parse   {parse_s:.2f} s  ({words / parse_s:,.0f} tokens/s)")
    print(f"resolve {resolve_s:.2f} s  ({words / resolve_s:,.0f} tokens/s)")
    print(f"actors {actors}  mentions {mentions}")
    print(f"ratio {resolve_s / parse_s:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
