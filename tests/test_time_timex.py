"""Time expressions in parsed text, and the dates they give events and casualties."""

from __future__ import annotations

import pytest

from dragoman import time as time_stage
from dragoman.records import Article, Casualty, Event, Record, Span, Timex
from dragoman.time import event_date, find_timexes

pytestmark = pytest.mark.slow

PUBLISHED = "2012-08-29"  # a Wednesday


def _values(nlp, text, published=PUBLISHED):
    return [(t.text, t.value) for t in find_timexes(nlp(text), published)]


def _event(text: str, trigger: str, eid: str = "e1") -> Event:
    start = text.index(trigger)
    return Event(id=eid, source=None, target=None, plover=None, cameo=None, quad_class=None,
                 goldstein=None, trigger=Span(start, start + len(trigger), trigger),
                 sentence=0, evidence=text)


def _record(text: str, published: str | None = PUBLISHED, events=(), casualties=()) -> Record:
    return Record(article=Article(id="t", text=text, published=published),
                  events=list(events), casualties=list(casualties))


def test_timex_tense_decides_the_weekday(nlp):
    past = _values(nlp, "Rebels attacked the town on Monday.")
    future = _values(nlp, "The envoy will visit the town on Monday.")
    assert past == [("Monday", "2012-08-27")]
    assert future == [("Monday", "2012-09-03")]


def test_timex_relative_expressions(nlp):
    text = ("Fighting has continued since mid-March, and two days ago shelling killed 12 people. "
            "Earlier this year the council met in Geneva. It meets again next week.")
    assert _values(nlp, text) == [("mid-March", "2012-03"), ("two days ago", "2012-08-27"),
                                  ("Earlier this year", "2012"), ("next week", "2012-W36")]


def test_timex_year_less_date_across_new_year(nlp):
    assert _values(nlp, "Troops withdrew from the city on Dec. 28.", "2013-01-04") == [
        ("Dec. 28", "2012-12-28")]


def test_timex_offsets_match_text(nlp):
    text = "The talks ended last week, and the ministers now plan to meet daily for a month."
    found = find_timexes(nlp(text), PUBLISHED)
    assert found and all(text[t.start:t.end] == t.text for t in found)
    assert {t.type for t in found} >= {"DATE", "SET", "DURATION"}


def test_timex_accepts_text_and_no_date(nlp):
    found = find_timexes("Talks resumed on Monday after three days of fighting.", None)
    assert [(t.text, t.value) for t in found] == [("Monday", None), ("three days", "P3D")]


def test_timex_skips_ages(nlp):
    assert _values(nlp, "A 6-year-old boy and his 52-year-old father were wounded.") == []


def test_annotate_event_takes_governing_timex(nlp):
    text = "Rebels attacked the town on Monday, officials said on Wednesday."
    attack, said = _event(text, "attacked"), _event(text, "said", "e2")
    record = _record(text, events=[attack, said])
    time_stage.annotate(nlp(text), record)
    assert (attack.date, attack.date_text, attack.date_source) == ("2012-08-27", "Monday", "text")
    assert (said.date, said.date_text) == ("2012-08-29", "Wednesday")
    assert [t.text for t in record.timexes] == ["Monday", "Wednesday"]


def test_annotate_falls_back_to_published(nlp):
    text = "Rebels attacked the town. The army said it would respond."
    attack = _event(text, "attacked")
    record = _record(text, events=[attack])
    time_stage.annotate(nlp(text), record)
    assert (attack.date, attack.date_text, attack.date_source) == (PUBLISHED, None, "published")


def test_annotate_keeps_coarse_values(nlp):
    text = "Troops shelled the border villages last week."
    shelled = _event(text, "shelled")
    record = _record(text, events=[shelled])
    time_stage.annotate(nlp(text), record)
    assert (shelled.date, shelled.date_text) == ("2012-W34", "last week")


def test_annotate_does_not_borrow_the_reporting_date(nlp):
    text = "Israeli jets struck targets in Gaza, the army said on Tuesday."
    struck = _event(text, "struck")
    record = _record(text, events=[struck])
    time_stage.annotate(nlp(text), record)
    assert struck.date_source == "published"


def test_annotate_dates_casualties(nlp):
    text = "At least 12 people were killed on Sunday in the north."
    start = text.index("12 people")
    casualty = Casualty(count=12, qualifier="at least", kind="killed", who="people",
                        span=Span(start, start + 9, "12 people"))
    record = _record(text, casualties=[casualty])
    time_stage.annotate(nlp(text), record)
    assert casualty.date == "2012-08-26"


def test_event_date_values():
    assert event_date("2012-08-27T10:35") == "2012-08-27"
    assert event_date("2012-W35") == "2012-W35"
    assert event_date("PAST_REF") is None
    assert event_date("P3D") is None
    assert event_date(None) is None


def test_timex_round_trips_in_record():
    record = Record(article=Article(id="x", text="Monday"),
                    timexes=[Timex(0, 6, "Monday", "DATE", "2012-08-27")])
    assert Record.from_json(record.to_json()) == record


def test_annotate_after_a_duration(nlp):
    text = "Rebels seized the town on Monday, two days after the army withdrew."
    seized, withdrew = _event(text, "seized"), _event(text, "withdrew", "e2")
    record = _record(text, events=[seized, withdrew])
    time_stage.annotate(nlp(text), record)
    assert seized.date == "2012-08-27"
    assert (withdrew.date, withdrew.date_text) == ("2012-08-25", "two days after")


def test_annotate_ignores_the_dateline_date(nlp):
    text = "BEIRUT, Oct 14 (Reuters) - Gunmen attacked a convoy on Monday."
    attack = _event(text, "attacked")
    record = _record(text, published="2015-10-14", events=[attack])
    time_stage.annotate(nlp(text), record)
    assert (attack.date, attack.date_text) == ("2015-10-12", "Monday")
