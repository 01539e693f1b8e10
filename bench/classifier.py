"""Speed of the PLOVER event classifier on one core (sentences per second).

    .venv/bin/python bench/classifier.py [N] [../shared/corpora/news-10k.jsonl.gz]

Uses sentences written here (repeated with varied actors), or the first N sentences of a
news corpus (JSON lines with a "text" field, read in place; every word unseen, so the
per-word caches start cold); prints the load time, then sentences/s with and without actor
texts. CV figures: scripts/train_classifier.py.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time

from dragoman.events import classifier

TEMPLATES = [
    ("{a} jets bombed positions held by {b} near the border on Tuesday, killing 12 people.",
     "{a} jets", "{b}"),
    ("The foreign minister of {a} met his counterpart from {b} in Geneva for talks on trade.",
     "The foreign minister of {a}", "his counterpart from {b}"),
    ("Thousands of protesters marched in {a} against the new law passed by {b}.",
     "Thousands of protesters", "{b}"),
    ("{a} accused {b} of violating the ceasefire agreement signed last year in Doha.",
     "{a}", "{b}"),
]
NAMES = ["Russia", "Ukraine", "Kenya", "Chile", "the government", "rebel forces", "Japan"]


def sentences(n: int) -> tuple[list[str], list[str | None], list[str | None]]:
    texts, sources, targets = [], [], []
    for i in range(n):
        text, source, target = TEMPLATES[i % len(TEMPLATES)]
        a, b = NAMES[i % len(NAMES)], NAMES[(i * 3 + 1) % len(NAMES)]
        texts.append(text.format(a=a, b=b))
        sources.append(source.format(a=a, b=b))
        targets.append(target.format(a=a, b=b))
    return texts, sources, targets


def corpus_sentences(path: str, n: int) -> tuple[list[str], list[str | None],
                                                 list[str | None]]:
    """The first ``n`` sentences of a corpus; first and last capitalised words as actors."""
    texts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            texts += [s for s in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"])
                      if 40 < len(s) < 400]
            if len(texts) >= n:
                break
    names = [re.findall(r"\b[A-Z][a-z]+\b", t) or [None] for t in texts[:n]]
    return texts[:n], [m[0] for m in names], [m[-1] for m in names]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    started = time.perf_counter()
    if not classifier.available():
        sys.exit("no classifier weights: run scripts/train_classifier.py --save")
    classifier.predict(["Warm-up."])
    print(f"load: {time.perf_counter() - started:.2f}s")
    texts, sources, targets = (corpus_sentences(sys.argv[2], n) if len(sys.argv) > 2
                               else sentences(n))
    for name, args in (("with actors", (texts, sources, targets)), ("sentence only", (texts,))):
        started = time.perf_counter()
        classifier.predict(*args)  # type: ignore[arg-type]
        took = time.perf_counter() - started
        print(f"{name}: {n} sentences in {took:.2f}s = {n / took:,.0f} sentences/s")


if __name__ == "__main__":
    main()
