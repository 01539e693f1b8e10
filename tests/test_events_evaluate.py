"""The PETRARCH-2 and PLOVER scorers on tiny gold files written here, and floors on the
shared gold files (slow; skipped without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.errors import EvaluationError
from dragoman.evaluate import petrarch, plover
from dragoman.records import Actor, Article, Event, Mention, Record, Span

TINY_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
# comment lines as in the real file
<Sentences>
<Sentence category="T" date="20150102" id="T1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USAGOV" targetcode="CHN" />
<Text>
Washington sent its envoy to Beijing.
</Text>
<Parse>
</Parse>
</Sentence>
<Sentence category="T" date="20150103" id="T2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
The weather was mild.
</Text>
<Sentence category="T" date="20150104" id="T3" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="NGAREB" targetcode="NGA" />
<Text>
</Text>
<Parse>
1	Rebels	rebel	NOUN	NNS	_	2	nsubj	_	_
2	attacked	attack	VERB	VBD	_	0	root	_	_
3	Nigeria	Nigeria	PROPN	NNP	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_
</Parse>
</Sentences>
</Validation>
"""


def _record(text: str, codes: list[tuple[str, str | None, str]]) -> Record:
    actors: dict[str, Actor] = {}
    events = []
    for n, (src, tgt, cameo) in enumerate(codes, 1):
        ids = []
        for code in (src, tgt):
            if code is None:
                ids.append(None)
                continue
            actor = actors.setdefault(code, Actor(f"a{len(actors) + 1}", code, code=code,
                                                  mentions=[Mention(0, 1, text[:1])]))
            ids.append(actor.id)
        events.append(Event(f"e{n}", ids[0], ids[1], None, cameo, None, None,
                            Span(0, 1, text[:1]), 0, text))
    return Record(Article("x", text), list(actors.values()), events)


def test_petrarch_load_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.xml"
    path.write_text(TINY_XML, encoding="utf-8")
    rows = petrarch.load_gold(path)
    assert [r["id"] for r in rows] == ["T1", "T2", "T3"]
    assert rows[0]["text"] == "Washington sent its envoy to Beijing."
    assert rows[0]["date"] == "2015-01-02" and rows[0]["codings"] == [("042", "USAGOV", "CHN")]
    assert rows[1]["codings"] == []
    assert rows[2]["text"] == "Rebels attacked Nigeria."  # rebuilt from the parse


def test_petrarch_score_roots_and_codes(tmp_path: Path) -> None:
    path = tmp_path / "gold.xml"
    path.write_text(TINY_XML, encoding="utf-8")
    rows = petrarch.load_gold(path)
    records = [_record("W", [("USAGOV", "CHNGOV", "043")]),
               _record("T", [("GBR", None, "111")]),
               _record("R", [("NGAREB", "NGA", "190")])]
    report = petrarch.score(rows, records)
    assert (report["n"], report["gold_events"], report["predicted_events"]) == (3, 2, 3)
    assert report["root_f1"] == pytest.approx(0.8)  # 2 of 3 predicted, 2 of 2 gold
    assert report["code_f1"] == pytest.approx(0.4)  # 043 is not 042
    assert [m["id"] for m in report["misses"]] == ["T2"]


def test_petrarch_missing_file_is_named_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError):
        petrarch.load_gold(tmp_path / "absent.xml")


def test_plover_score_maps_old_types(tmp_path: Path) -> None:
    gold = [{"id": "DOC", "event": "DOCUMENT", "eventText": "about this file"},
            {"id": "G1", "event": "DEMAND", "text": "Kenya demanded talks.",
             "source": [{"actorText": "Kenya"}]},
            {"id": "G2", "event": "FIGHT", "text": "Rebels fought troops."}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    rows = plover.load_gold(path)
    assert [r["id"] for r in rows] == ["G1", "G2"]
    kenya = Actor("a1", "Kenya", code="KEN", mentions=[Mention(0, 5, "Kenya")])
    first = Record(Article("1", rows[0]["text"]), [kenya], [
        Event("e1", "a1", None, "REQUEST", "100", 3, -5.0, Span(6, 14, "demanded"), 0, "")])
    report = plover.score(rows, [first, Record(Article("2", rows[1]["text"]))])
    assert (report["n"], report["accuracy"], report["coverage"]) == (2, 0.5, 0.5)
    assert report["misses"][0]["gold"] == "ASSAULT"


def test_plover_rejects_non_list(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(EvaluationError):
        plover.load_gold(path)


@pytest.mark.slow
def test_petrarch_evaluate_runs_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "gold.xml"
    path.write_text(TINY_XML, encoding="utf-8")
    report = petrarch.evaluate(path)
    assert report["n"] == 3 and {"root_f1", "code_f1", "precision", "recall"} <= report.keys()


@pytest.mark.slow
def test_petrarch_shared_gold_floor(shared: Path) -> None:
    report = petrarch.evaluate(shared / "eval" / "petrarch" / "PETR2_GSR_validation.xml")
    assert report["n"] == 78
    assert report["root_f1"] >= 0.68  # 0.704 measured


@pytest.mark.slow
def test_plover_shared_gold_floor(shared: Path) -> None:
    report = plover.evaluate(shared / "eval" / "plover" / "PLOVER_GSR_CAMEO.json")
    assert report["n"] == 322
    assert report["accuracy"] >= 0.66  # 0.689 measured


def test_petrarch_triples_fold_reported_event_into_report() -> None:
    text = "Chile said Peru attacked Bolivia."
    actors = [Actor(f"a{n}", c, code=c, mentions=[Mention(0, 1, "C")])
              for n, c in enumerate(("CHL", "PER", "BOL"), 1)]
    said = Event("e1", "a1", "a2", None, "112", None, None, Span(6, 10, "said"), 0, text)
    inner = Event("e2", "a2", "a3", None, "190", None, None, Span(16, 24, "attacked"), 0, text,
                  reporter="a1")
    record = Record(Article("x", text), actors, [said, inner])
    assert petrarch.triples(record) == {("CHL", "PER", "11")}  # as PETRARCH codes it
    alone = Record(Article("x", text), actors, [inner])
    assert petrarch.triples(alone) == {("PER", "BOL", "19")}  # no report coded: kept
