"""Speed of the events stage alone, after parsing.

Usage: python bench/events.py [--articles N] [--corpus PATH]

Parses the first N articles of ../shared/corpora/news-10k.jsonl.gz (field ``text``)
with dragoman's spaCy pipeline and resolves their actors, then times
``dragoman.events.extract`` alone over the parsed documents and prints sentences/s
(wall clock and process CPU time), events and casualties found. The events stage must
run at >= 500 sentences/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import corpus  # bench/corpus.py, beside this script

CORPUS = corpus.NEWS


def learned_model() -> object | None:
    from dragoman.events import learned

    return learned.classifier()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-classifier", action="store_true",
                        help="Time the patterns alone, without the learned classifier.")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    from dragoman import actors, events, nlp
    from dragoman.events.patterns import load as load_patterns
    from dragoman.ingest import article_from_text

    arts = [article_from_text(t) for t in corpus.texts(args.corpus, args.articles)]
    t0 = time.perf_counter()
    docs = list(nlp.load().pipe((a.text for a in arts), batch_size=32))
    parsed = time.perf_counter() - t0
    prepared = [(d, a, actors.resolve(d, a)) for d, a in zip(docs, arts, strict=True)]
    load_patterns()  # loading the tables once is not part of the per-sentence cost
    if args.no_classifier:
        from dragoman.events import learned

        learned.classifier = lambda: None  # type: ignore[assignment]
    elif (model := learned_model()) is not None:
        model.predict(["warm-up."], ["a"], ["b"])  # loading the model is not per sentence
    sentences = sum(len(list(d.sents)) for d, _, _ in prepared)
    t0, c0 = time.perf_counter(), time.process_time()
    n_events = n_casualties = 0
    for doc, article, found in prepared:
        evs, cas = events.extract(doc, article, found)
        n_events += len(evs)
        n_casualties += len(cas)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"articles {len(prepared)}  sentences {sentences}  parse {parsed:.1f} s")
    print(f"events {n_events}  casualties {n_casualties}  "
          f"({n_events / max(sentences, 1):.2f} events per sentence)")
    print(f"events.extract wall {took:.2f} s  {sentences / took:,.0f} sentences/s")
    print(f"events.extract cpu  {cpu:.2f} s  {sentences / cpu:,.0f} sentences/s "
          "(one core; wall time counts other processes on a shared machine)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
