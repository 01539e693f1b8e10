"""Speed of the PLOVER event classifier on one core (sentences per second).

    .venv/bin/python bench/classifier.py [N]

Uses sentences written here (repeated with varied actors), not the gold data; prints the
load time, then sentences/s with and without actor texts. CV figures: scripts/train_classifier.py.
"""

from __future__ import annotations

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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    started = time.perf_counter()
    if not classifier.available():
        sys.exit("no classifier weights: run scripts/train_classifier.py --save")
    classifier.predict(["Warm-up."])
    print(f"load: {time.perf_counter() - started:.2f}s")
    texts, sources, targets = sentences(n)
    for name, args in (("with actors", (texts, sources, targets)), ("sentence only", (texts,))):
        started = time.perf_counter()
        classifier.predict(*args)  # type: ignore[arg-type]
        took = time.perf_counter() - started
        print(f"{name}: {n} sentences in {took:.2f}s = {n / took:,.0f} sentences/s")


if __name__ == "__main__":
    main()
