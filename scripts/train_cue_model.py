"""Train the learned cue model of dragoman.statements on the PolNeAR train split.

Reads ../shared/eval/polnear/train in place, parses it, and for every candidate cue
that the lexicon rules leave (:func:`dragoman.statements.learned.candidates`) labels it
by whether its content, as the boundary model shapes it, overlaps a gold attribution's
content (PolNeAR's overlap criterion; the rules' statements, with their boundaries, are
taken out first). A logistic regression over the binary parse features is fitted; the
threshold is the one that maximises overlap F1 together with the rules' own predictions,
on cross-validated probabilities. Writes
src/dragoman/statements/data/cue_model.json (weights rounded, small ones dropped).

    .venv/bin/python scripts/train_cue_model.py [--split ../shared/eval/polnear/train]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

from dragoman import actors, nlp
from dragoman.evaluate.polnear import Tally, overlaps, pred_ranges, read_corpus, score_document
from dragoman.records import Article, Record
from dragoman.statements import assemble, boundaries, cues, learned, reported
from dragoman.statements.view import View

ROOT = Path(__file__).resolve().parents[1]
SPLIT = ROOT.parent / "shared" / "eval" / "polnear" / "train"
OUT = ROOT / "src" / "dragoman" / "statements" / "data" / "cue_model.json"
SOURCE = "PolNeAR train split (Newell et al. 2018)"


def examples(gold_docs, parsed, resolved):
    """(features, label) of every candidate, and the rules' tally."""
    lexicon = cues.load()
    rows, labels, tally = [], [], Tally()
    for gold, doc, found_actors in zip(gold_docs, parsed, resolved, strict=True):
        article = Article(id=gold.name, text=gold.text)
        statements = assemble.extract(doc, article, found_actors, lexicon, use_model=False,
                                      bounds=True)
        score_document(gold, statements, tally,
                       Record(article=article, actors=found_actors, statements=statements))
        open_golds = [g for g in gold.attributions
                      if not any(overlaps(pred_ranges(s), g.content) for s in statements)]
        found = reported.find(doc, lexicon)
        used = {t.i for c in found for t in c.cue} | {t.i for c in found for t in c.consumed}
        taken = [(s.content.start, s.content.end) for s in statements]
        view = View(doc)
        for token, kind, head in learned.candidates(doc, lexicon, used, view):
            span = reported.content_span(head, lexicon.cue_verbs)
            if span is None or any(learned._same(span, t) for t in taken):
                continue
            span = boundaries.choose(view, gold.text, span[0], span[1], [token], "learned",
                                     assemble._para_end(gold.text, span[1]))
            source = learned.source_of(token, view)
            inside = learned.enclosing(token, found)
            rows.append(dict.fromkeys(
                learned.features(token, kind, head, source, lexicon, inside, view=view), 1))
            labels.append(int(any(overlaps([span], g.content) for g in open_golds)))
    return rows, np.array(labels), tally


def best_threshold(prob: np.ndarray, labels: np.ndarray, tally: Tally) -> tuple[float, float]:
    """The threshold with the best overlap F1 for rules and model together."""
    best = (0.5, 0.0)
    for threshold in np.arange(0.2, 0.8, 0.02):
        keep = prob >= threshold
        tp = tally.tp_overlap + int(labels[keep].sum())
        pred = tally.n_pred + int(keep.sum())
        p, r = tp / pred, tp / tally.n_gold
        f1 = 2 * p * r / (p + r)
        if f1 > best[1]:
            best = (round(float(threshold), 2), f1)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", type=Path, default=SPLIT)
    parser.add_argument("--c", type=float, default=0.2, help="inverse regularisation")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    gold_docs = list(read_corpus(args.split))
    parsed = list(nlp.load().pipe([g.text for g in gold_docs], batch_size=nlp.BATCH_SIZE))
    resolved = [actors.resolve(d, Article(id=g.name, text=g.text))
                for d, g in zip(parsed, gold_docs, strict=True)]
    model = fit(gold_docs, parsed, resolved, args.c)
    args.out.write_text(json.dumps(model, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model['weights'])} weights, threshold {model['threshold']})")
    return 0


def fit(gold_docs, parsed, resolved, c: float = 0.2) -> dict:
    rows, labels, tally = examples(gold_docs, parsed, resolved)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(C=c, max_iter=2000)
    prob = cross_val_predict(classifier, x, labels, cv=5, method="predict_proba")[:, 1]
    threshold, f1 = best_threshold(prob, labels, tally)
    print(f"{len(labels)} candidates, {labels.sum()} positive; rules F1 "
          f"{tally.report()['content_f1_overlap']}, with model ~{f1:.4f} at {threshold}",
          file=sys.stderr)
    classifier.fit(x, labels)
    weights = {name: round(float(w), 4) for name, w in
               zip(vectorizer.get_feature_names_out(), classifier.coef_[0], strict=True)
               if abs(w) >= 0.1}
    return {"source": SOURCE, "bias": round(float(classifier.intercept_[0]), 4),
            "threshold": threshold, "weights": weights}


if __name__ == "__main__":
    sys.exit(main())
