"""The record survives JSON exactly; offsets and helpers behave."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.records import (
    Actor,
    Article,
    Casualty,
    Event,
    Location,
    Mention,
    Record,
    Span,
    Statement,
    Timex,
)

text = st.text(max_size=40)
opt_text = st.none() | text
ids = st.text(alphabet="ae0123456789", min_size=1, max_size=4)
ints = st.integers(min_value=0, max_value=10**6)
floats = st.floats(allow_nan=False, allow_infinity=False, width=64)
spans = st.builds(Span, ints, ints, text)
mentions = st.builds(Mention, ints, ints, text)
locations = st.builds(Location, text, opt_text, st.none() | floats, st.none() | floats)

actors = st.builds(
    Actor, id=ids, name=text,
    kind=st.sampled_from(["person", "state", "organisation", "group", "media", "other"]),
    country=opt_text, sector=opt_text, code=opt_text, role=opt_text,
    mentions=st.lists(mentions, max_size=3),
)
events = st.builds(
    Event, id=ids, source=st.none() | ids, target=st.none() | ids, plover=opt_text,
    cameo=opt_text, quad_class=st.none() | st.integers(1, 4), goldstein=st.none() | floats,
    trigger=spans, sentence=ints, evidence=text, negated=st.booleans(),
    modality=st.sampled_from(["asserted", "intended", "hypothetical", "threatened", "reported"]),
    date=opt_text, date_text=opt_text, location=st.none() | locations, confidence=floats,
)
statements = st.builds(
    Statement, id=ids, speaker=st.none() | ids, speaker_text=opt_text,
    kind=st.sampled_from(["direct", "indirect", "mixed"]), content=spans,
    cue=st.none() | spans, sentence=ints, via=st.none() | ids,
)
casualties = st.builds(
    Casualty, count=st.none() | ints, qualifier=opt_text,
    kind=st.sampled_from(["killed", "wounded", "arrested", "displaced"]), who=opt_text,
    span=spans, perpetrator=st.none() | ids, date=opt_text,
)
articles = st.builds(
    Article, id=ids, text=st.text(max_size=200), source=opt_text, url=opt_text, title=opt_text,
    published=opt_text, dateline=opt_text,
    metadata=st.dictionaries(st.text(max_size=8), st.none() | text | ints | st.lists(text, max_size=2),
                             max_size=3),
)
records = st.builds(
    Record, article=articles, actors=st.lists(actors, max_size=3),
    events=st.lists(events, max_size=3), statements=st.lists(statements, max_size=3),
    casualties=st.lists(casualties, max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(records)
def test_records_json_round_trip_is_exact(record: Record) -> None:
    assert Record.from_json(record.to_json()) == record
    assert Record.from_dict(json.loads(json.dumps(record.to_dict()))) == record


def test_records_field_names_follow_the_contract() -> None:
    record = Record(Article("x", "Russia met Syria."))
    data = record.to_dict()
    assert set(data) >= {"article", "actors", "events", "statements", "casualties"}
    assert set(data["article"]) >= {"id", "source", "url", "title", "published", "dateline",
                                    "text", "language"}
    event = Event("e1", "a1", None, "CONSULT", "040", 1, 1.0, Span(7, 10, "met"), 0, "x")
    assert set(json.loads(json.dumps(event.__dict__, default=vars))) >= {
        "id", "source", "target", "plover", "cameo", "quad_class", "goldstein", "negated",
        "modality", "date", "date_text", "location", "sentence", "trigger", "evidence",
        "confidence"}


def test_records_actor_lookup_by_id() -> None:
    a = Actor("a1", "Russia", "state", "RUS", None, "RUS")
    record = Record(Article("x", "Russia"), actors=[a])
    assert record.actor("a1") is a
    assert record.actor("a9") is None
    assert record.actor(None) is None


def test_records_timex_round_trip() -> None:
    record = Record(Article("x", "on Monday"))
    record.timexes = [Timex(0, 9, "on Monday", "DATE", "2012-08-27")]
    assert Record.from_json(record.to_json()) == record
