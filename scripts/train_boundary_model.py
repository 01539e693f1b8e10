"""Train the content-boundary model of dragoman.statements on the PolNeAR train split.

Reads ../shared/eval/polnear/train in place, parses it, drafts the statements (rules and
the learned cue model), and lists the candidate extents of every reported content
(:func:`dragoman.statements.boundaries.alternatives`). An extent is a positive example
when it equals a gold content once both are trimmed as the evaluator trims them (exact
match); contents with no positive extent are left out. A logistic regression over the
differences of binary features between a right and a wrong extent of the same content
(a pairwise ranking) gives the weights; the best scored extent is chosen. Writes
src/dragoman/statements/data/boundary_model.json (weights rounded, small ones dropped).

    .venv/bin/python scripts/train_boundary_model.py [--split ../shared/eval/polnear/train]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from dragoman import nlp
from dragoman.evaluate.polnear import read_corpus, trimmed_extent
from dragoman.statements import assemble, boundaries, cues

ROOT = Path(__file__).resolve().parents[1]
SPLIT = ROOT.parent / "shared" / "eval" / "polnear" / "train"
OUT = ROOT / "src" / "dragoman" / "statements" / "data" / "boundary_model.json"
SOURCE = "PolNeAR train split (Newell et al. 2018)"


def examples(gold_docs, parsed):
    """(features, label, group) of every candidate extent of contents that have a
    positive one, and how many contents the given extent already gets right."""
    lexicon = cues.load()
    rows, labels, groups = [], [], []
    group = given_right = 0
    for gold, doc in zip(gold_docs, parsed, strict=True):
        text = gold.text
        targets = {trimmed_extent(text, g.content) for g in gold.attributions}
        view = boundaries.View(doc)
        drafts = assemble.draft(doc, text, lexicon)
        others = assemble.cue_positions(drafts)
        for item in drafts:
            if not assemble.reshapable(item) or item.candidate is None:
                continue
            cue = (item.candidate.cue[0].i, item.candidate.cue[-1].i)
            found = boundaries.alternatives(view, text, item.start, item.end, cue,
                                            assemble._para_end(text, item.end), others)
            good = [trimmed_extent(text, [(x.start, x.end)]) in targets for x in found]
            if not any(good) or len(found) == 1:
                continue
            group += 1
            given_right += good[0]
            lemma = item.candidate.cue[0].lemma_.lower()
            for extent, label in zip(found, good, strict=True):
                rows.append(dict.fromkeys(boundaries.features(
                    view, text, extent, found[0], cue, lemma, item.candidate.how), 1))
                labels.append(int(label))
                groups.append(group)
    return rows, np.array(labels), np.array(groups), given_right


def chosen_right(prob: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> int:
    """How many groups have a positive extent scored highest."""
    right, start = 0, 0
    for end in range(1, len(groups) + 1):
        if end == len(groups) or groups[end] != groups[start]:
            right += int(labels[start + int(np.argmax(prob[start:end]))])
            start = end
    return right


def pairs(index: np.ndarray, labels: np.ndarray, groups: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    """(right, wrong) row pairs: the first right extent of each content against each
    wrong one of the same content."""
    right, wrong = [], []
    start = 0
    for end in range(1, len(index) + 1):
        if end == len(index) or groups[index[end]] != groups[index[start]]:
            block = index[start:end]
            good = [i for i in block if labels[i]]
            if good:
                bad = [i for i in block if not labels[i]]
                right.extend([good[0]] * len(bad))
                wrong.extend(bad)
            start = end
    return np.array(right, dtype=int), np.array(wrong, dtype=int)


def fit_pairs(x, labels: np.ndarray, groups: np.ndarray, index: np.ndarray,
              c: float) -> np.ndarray:
    """Weights of a logistic regression on feature differences of (right, wrong) pairs,
    so that the right extent of a content scores above the wrong ones."""
    right, wrong = pairs(index, labels, groups)
    diff = x[right] - x[wrong]
    rows = sp.vstack([diff, -diff])
    target = np.r_[np.ones(len(right)), np.zeros(len(right))]
    classifier = LogisticRegression(C=c, max_iter=3000, fit_intercept=False)
    return classifier.fit(rows, target).coef_[0]


def fit(gold_docs, parsed, c: float = 0.3) -> dict:
    rows, labels, groups, given_right = examples(gold_docs, parsed)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows).tocsr()
    right = 0
    for train, test in GroupKFold(5).split(x, labels, groups):
        weights = fit_pairs(x, labels, groups, train, c)
        right += chosen_right(x[test] @ weights, labels[test], groups[test])
    n = int(groups.max()) if len(groups) else 0
    print(f"{n} contents with a right extent among {len(labels)} candidates; given extent "
          f"right {given_right}, model's choice right {right} (cross-validated)",
          file=sys.stderr)
    weights = fit_pairs(x, labels, groups, np.arange(len(labels)), c)
    kept = {name: round(float(w), 3) for name, w in
            zip(vectorizer.get_feature_names_out(), weights, strict=True) if abs(w) >= 0.05}
    return {"source": SOURCE, "weights": kept}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", type=Path, default=SPLIT)
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    gold_docs = list(read_corpus(args.split))
    parsed = list(nlp.load().pipe([g.text for g in gold_docs], batch_size=nlp.BATCH_SIZE))
    model = fit(gold_docs, parsed, args.c)
    args.out.write_text(json.dumps(model, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model['weights'])} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
