"""The PLV scorer: reading the CSV, scoring, picking the event, cross-validation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dragoman.errors import EvaluationError
from dragoman.evaluate import plv
from dragoman.records import Actor, Article, Event, Mention, Record, Span

ROWS = [
    ("Government troops shelled rebel villages in the north.", "ASSAULT",
     "Government troops", "rebel villages"),
    ("Warplanes bombed an arms depot outside the port city.", "ASSAULT", "Warplanes",
     "an arms depot"),
    ("Rebels attacked an army checkpoint, killing six soldiers.", "ASSAULT", "Rebels",
     "an army checkpoint"),
    ("The Dutch prime minister met the Belgian king in Brussels.", "CONSULT",
     "The Dutch prime minister", "the Belgian king"),
    ("Officials from Nepal held talks with Indian diplomats on the water treaty.", "CONSULT",
     "Officials from Nepal", "Indian diplomats"),
    ("The UN envoy will visit Kabul next week for talks with the Taliban.", "CONSULT",
     "The UN envoy", "the Taliban"),
]


def _write(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["text", "label", "meta", "context", "source", "target"])
        for text, label, source, target in rows:
            out.writerow([text, label, "test", "", source, target])
    return path


def test_plv_load_gold_reads_rows(tmp_path: Path) -> None:
    rows = plv.load_gold(_write(tmp_path / "t.csv", ROWS))
    assert len(rows) == 6
    assert rows[0] == plv.Row(ROWS[0][0], "ASSAULT", "Government troops", "rebel villages",
                              "test")


def test_plv_load_gold_rejects_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="missing columns"):
        plv.load_gold(bad)
    with pytest.raises(EvaluationError):
        plv.load_gold(tmp_path / "absent.csv")


def test_plv_score_per_label_and_misses() -> None:
    rows = [plv.Row("a", "ASSAULT", None, None), plv.Row("b", "ASSAULT", None, None),
            plv.Row("c", "CONSULT", None, None), plv.Row("d", "CONSULT", None, None)]
    report = plv.score(rows, ["ASSAULT", "CONSULT", "CONSULT", None])
    assert report["n"] == 4
    assert report["accuracy"] == 0.5
    assert report["coverage"] == 0.75
    assert report["per_label"]["ASSAULT"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667,
                                              "support": 2}
    assert report["per_label"]["CONSULT"]["precision"] == 0.5
    assert report["macro_f1"] == pytest.approx((0.6667 + 0.5) / 2, abs=1e-3)
    assert [m["text"] for m in report["misses"]] == ["b", "d"]


def test_plv_evaluate_given_actors_shipped_model(tmp_path: Path) -> None:
    report = plv.evaluate(_write(tmp_path / "t.csv", ROWS), given_actors=True)
    assert report["n"] == 6
    assert report["model"] == "shipped"
    assert report["accuracy"] >= 5 / 6
    assert set(report["per_label"]) == {"ASSAULT", "CONSULT"}
    assert "note" not in report  # not the training file


def test_plv_evaluate_given_actors_folds(tmp_path: Path) -> None:
    report = plv.evaluate(_write(tmp_path / "t.csv", ROWS), given_actors=True, folds=2)
    assert report["n"] == 6
    assert report["model"].startswith("2-fold")
    assert 0.0 <= report["macro_f1"] <= 1.0


def test_plv_evaluate_rejects_one_fold(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError):
        plv.evaluate(_write(tmp_path / "t.csv", ROWS), given_actors=True, folds=1)


def _record() -> Record:
    text = "Rebels attacked an army checkpoint and the army met the envoy."
    def actor(aid: str, name: str) -> Actor:
        start = text.index(name)
        return Actor(id=aid, name=name,
                     mentions=[Mention(start, start + len(name), name)])
    def event(eid: str, source: str, target: str, plover: str, trigger: str) -> Event:
        start = text.index(trigger)
        return Event(id=eid, source=source, target=target, plover=plover, cameo=None,
                     quad_class=None, goldstein=None,
                     trigger=Span(start, start + len(trigger), trigger), sentence=0,
                     evidence=text)
    return Record(
        article=Article(id="1", text=text),
        actors=[actor("a1", "Rebels"), actor("a2", "army checkpoint"), actor("a3", "envoy")],
        events=[event("e1", "a1", "a2", "ASSAULT", "attacked"),
                event("e2", "a2", "a3", "CONSULT", "met")])


def test_plv_pick_event_by_actor_overlap() -> None:
    record = _record()
    row = plv.Row(record.article.text, "ASSAULT", "Rebels", "an army checkpoint")
    assert plv.pick_event(record, row).id == "e1"  # type: ignore[union-attr]
    row = plv.Row(record.article.text, "CONSULT", "the army", "the envoy")
    assert plv.pick_event(record, row).id == "e2"  # type: ignore[union-attr]
    assert plv.pick_event(record, plv.Row(record.article.text, "X", "Nobody", None)) is None


@pytest.mark.slow
def test_plv_evaluate_with_the_pipeline(tmp_path: Path) -> None:
    report = plv.evaluate(_write(tmp_path / "t.csv", ROWS[:3]))
    assert report["setting"] == "actors found by dragoman"
    assert report["n"] == 3
    assert 0.0 <= report["accuracy"] <= 1.0


@pytest.mark.slow
@pytest.mark.shared
def test_plv_cross_validated_floor(shared: Path) -> None:
    path = shared / "eval" / "plv" / "plv_train.csv"
    if not path.is_file():
        pytest.skip("PLV train split absent")
    report = plv.evaluate(path, given_actors=True, folds=3)
    assert report["n"] == 1050
    assert report["macro_f1"] >= 0.74  # 0.766 measured (5 folds with the extra data: 0.80)


@pytest.mark.slow
@pytest.mark.shared
def test_plv_in_sample_note(shared: Path) -> None:
    path = shared / "eval" / "plv" / "plv_train.csv"
    if not path.is_file():
        pytest.skip("PLV train split absent")
    assert "in-sample" in plv.evaluate(path, given_actors=True)["note"]
