"""Train dragoman's PLOVER event classifier and print its cross-validated scores.

Reads the gold files in place (never copies their sentences), writes the weights to
src/dragoman/events/data/classifier.npz.

    .venv/bin/python scripts/train_classifier.py --cv 5           # CV figures only
    .venv/bin/python scripts/train_classifier.py --cv 5 --save    # and write the weights

Training data: the PLV train split, the PLOVER gold-standard CAMEO-manual examples
(older PLOVER types mapped to the 15 PLV types) and the sentences written for dragoman in
src/dragoman/events/data/classifier_extra.tsv.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dragoman.events import classifier

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PLV = SHARED / "eval" / "plv" / "plv_train.csv"
GSR = SHARED / "eval" / "plover" / "PLOVER_GSR_CAMEO.json"
# PLOVER 0.5 types of the CAMEO-manual examples -> the 15 PLV types.
GSR_TYPES = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE",
             "INVESTIGATE": "ACCUSE", "RETREAT": "YIELD", "CONCEDE": "YIELD"}


@dataclass
class Examples:
    texts: list[str]
    labels: list[str]
    sources: list[str | None]
    targets: list[str | None]

    def __add__(self, other: Examples) -> Examples:
        return Examples(self.texts + other.texts, self.labels + other.labels,
                        self.sources + other.sources, self.targets + other.targets)

    def take(self, rows: np.ndarray) -> Examples:
        return Examples([self.texts[i] for i in rows], [self.labels[i] for i in rows],
                        [self.sources[i] for i in rows], [self.targets[i] for i in rows])


def read_plv(path: Path = PLV) -> Examples:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return Examples([r["text"] for r in rows], [r["label"] for r in rows],
                    [r["source"] or None for r in rows], [r["target"] or None for r in rows])


def read_gsr(path: Path = GSR) -> Examples:
    out = Examples([], [], [], [])
    for item in json.loads(path.read_text(encoding="utf-8")):
        label = GSR_TYPES.get(item.get("event", ""), item.get("event", ""))
        if label not in classifier.LABELS or not item.get("text"):
            continue
        out.texts.append(item["text"])
        out.labels.append(label)
        out.sources.append(_first_actor(item.get("source")))
        out.targets.append(_first_actor(item.get("target")))
    return out


def _first_actor(actors: list[dict[str, str]] | None) -> str | None:
    if isinstance(actors, list) and actors and isinstance(actors[0], dict):
        return actors[0].get("actorText")
    return None


def read_extra() -> Examples:
    return Examples(*classifier.extra_examples())


def fit(data: Examples, **params: Any) -> classifier.Model:
    return classifier.train(data.texts, data.labels, data.sources, data.targets, **params)


def cross_validate(plv: Examples, extra: Examples, folds: int, seed: int = 0,
                   **params: Any) -> dict[str, float | list[float]]:
    """Macro-F1 over stratified folds of ``plv``; ``extra`` is added to every training fold."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    gold = np.array(plv.labels)
    pred = np.empty(len(gold), dtype=object)
    scores = []
    split = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train_rows, test_rows in split.split(plv.texts, gold):
        model = fit(plv.take(train_rows) + extra, **params)
        test = plv.take(test_rows)
        with classifier.use(model):
            got = [label for label, _ in classifier.predict(test.texts, test.sources,
                                                              test.targets)]
        pred[test_rows] = got
        scores.append(float(f1_score(gold[test_rows], got, average="macro")))
    return {"macro_f1": float(f1_score(gold, pred, average="macro")),
            "accuracy": float(np.mean(pred == gold)), "folds": scores,
            "fold_sd": statistics.stdev(scores) if len(scores) > 1 else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", type=int, default=5, help="folds (0: skip)")
    parser.add_argument("--save", action="store_true", help="write the weights")
    defaults = classifier.DEFAULTS
    parser.add_argument("--c", type=float, default=defaults["c"], help="regularisation C")
    parser.add_argument("--dense", type=float, default=defaults["dense_weight"],
                        help="weight of the sentence-embedding block (0: none)")
    parser.add_argument("--logistic", action="store_true", help="logistic regression, not SVM")
    parser.add_argument("--scale", type=float, default=defaults["scale"],
                        help="SVM score scale before the softmax")
    parser.add_argument("--min-df", type=int, default=defaults["min_df"])
    parser.add_argument("--no-gsr", action="store_true")
    parser.add_argument("--no-extra", action="store_true")
    args = parser.parse_args(argv)
    plv = read_plv()
    extra = Examples([], [], [], [])
    if not args.no_gsr:
        extra = extra + read_gsr()
    if not args.no_extra:
        extra = extra + read_extra()
    params = {"c": args.c, "dense_weight": args.dense, "svm": not args.logistic,
              "scale": args.scale, "min_df": args.min_df}
    if args.cv:
        started = time.perf_counter()
        result = cross_validate(plv, extra, args.cv, **params)
        folds = " ".join(f"{s:.3f}" for s in result["folds"])  # type: ignore[union-attr]
        print(f"{args.cv}-fold CV on PLV train ({len(plv.texts)} sentences, +{len(extra.texts)} "
              f"extra in each training fold), {params}: macro-F1 {result['macro_f1']:.3f} "
              f"(folds {folds}; sd {result['fold_sd']:.3f}), accuracy {result['accuracy']:.3f}"
              f" [{time.perf_counter() - started:.0f}s]")
    if args.save:
        model = fit(plv + extra, **params)
        model.meta = {"trained_on": len(plv.texts) + len(extra.texts), **params,
                      "training_digests": sorted({classifier.digest(t) for t in plv.texts})}
        model.save(classifier.WEIGHTS)
        print(f"wrote {classifier.WEIGHTS} ({classifier.WEIGHTS.stat().st_size / 1e6:.1f} MB, "
              f"{len(model.vocab)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
