"""The TimeBank/AQUAINT scorer: relaxed span matching, values on matched spans."""

from __future__ import annotations

import json

import pytest

from dragoman.errors import EvaluationError
from dragoman.evaluate.timex import evaluate, load_gold, score
from dragoman.records import Timex

TEXT = "Talks ended on Monday and resume next week for three days."


def _gold(text: str, value: str, kind: str = "DATE") -> dict:
    start = TEXT.index(text)
    return {"start": start, "end": start + len(text), "text": text, "type": kind, "value": value}


def _pred(text: str, value: str | None, kind: str = "DATE") -> Timex:
    start = TEXT.index(text)
    return Timex(start, start + len(text), text, kind, value)


ROW = {"id": "d1", "text": TEXT, "published": "2012-08-29",
       "timex": [_gold("Monday", "2012-08-27"), _gold("next week", "2012-W36"),
                 _gold("three days", "P3D", "DURATION")]}


def test_evaluate_timex_scores_spans_and_values():
    preds = [_pred("on Monday", "2012-08-27"), _pred("week", "2012-W35"),
             _pred("resume", "PRESENT_REF")]
    report = score([ROW], [preds])
    assert (report["n_gold"], report["n_pred"]) == (3, 3)
    assert report["span_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["span_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["value_precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert report["value_recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert report["value_f1"] == pytest.approx(1 / 3, abs=1e-4)
    kinds = {(m["gold"], m["predicted"]) for m in report["misses"]}
    assert ("2012-W36", "2012-W35") in kinds and ("P3D", None) in kinds
    assert (None, "PRESENT_REF") in kinds


def test_evaluate_timex_matches_one_to_one():
    preds = [_pred("Monday", "2012-08-27"), _pred("Monday", "2012-08-27")]
    report = score([ROW], [preds])
    assert report["span_precision"] == 0.5


def test_evaluate_timex_empty_is_zero():
    report = score([{**ROW, "timex": []}], [[]])
    assert report["span_f1"] == 0.0 and report["value_f1"] == 0.0


def test_evaluate_timex_rejects_bad_files(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError):
        load_gold(bad)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(EvaluationError):
        load_gold(broken)


@pytest.mark.slow
def test_evaluate_timex_end_to_end(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(ROW) + "\n", encoding="utf-8")
    report = evaluate(path)
    assert report["n_gold"] == 3
    assert report["value_f1"] == 1.0


@pytest.mark.slow
@pytest.mark.shared
def test_evaluate_timex_on_timebank_sample(shared, tmp_path):
    gold = shared / "eval" / "timebank" / "timebank-aquaint.jsonl"
    if not gold.is_file():
        pytest.skip("TimeBank gold absent")
    sample = tmp_path / "sample.jsonl"
    lines = gold.read_text(encoding="utf-8").splitlines()[:12]
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = evaluate(sample)
    assert report["span_f1"] > 0.8
    assert report["value_f1"] > 0.65
