"""The record survives JSON exactly; field names follow the contract; helpers behave.

The hypothesis strategies are derived from the dataclasses' type hints, so a field
added to any record is generated (and round-tripped) without touching this file.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any, Literal

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

# Any unicode except lone surrogates (which no decoded text file can hold).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)


def strategy_for(hint: Any) -> st.SearchStrategy[Any]:
    """A hypothesis strategy for values of a record field's type hint."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(strategy_for(a) for a in args))
    if origin is Literal:
        return st.sampled_from(args)
    if origin is list:
        return st.lists(strategy_for(args[0]), max_size=2)
    if origin is dict:
        return st.dictionaries(strategy_for(args[0]), JSON_VALUES, max_size=3)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        fields = {f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(hint)}
        return st.builds(hint, **fields)
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: TEXT,
        int: st.integers(min_value=-(2**63), max_value=2**63),
        float: st.floats(allow_nan=False, allow_infinity=False),
        bool: st.booleans(),
        type(None): st.none(),
        Any: JSON_VALUES,
    }
    return simple[hint]


records = strategy_for(Record)


@settings(max_examples=80, deadline=None)
@given(records)
def test_records_json_round_trip_is_exact(record: Record) -> None:
    text = record.to_json()
    again = Record.from_json(text)
    assert again == record
    assert again.to_json() == text
    assert Record.from_dict(json.loads(json.dumps(record.to_dict()))) == record


def test_records_strategy_fills_every_field_of_every_record_class() -> None:
    seen: set[str] = set()

    @settings(max_examples=150, deadline=None, derandomize=True)  # the same examples each run
    @given(records)
    def collect(record: Record) -> None:
        for kind in ("actors", "events", "statements", "casualties", "timexes"):
            for obj in getattr(record, kind):
                seen.update(f"{type(obj).__name__}.{f.name}" for f in dataclasses.fields(obj)
                            if getattr(obj, f.name) not in (None, [], {}))

    collect()
    for cls in (Actor, Event, Statement, Casualty, Timex):
        for f in dataclasses.fields(cls):
            assert f"{cls.__name__}.{f.name}" in seen, f"{cls.__name__}.{f.name} never generated"


def test_records_nested_classes_survive_by_type() -> None:
    actor = Actor("a1", "Sergei Lavrov", "person", "RUS", "GOV", "RUSGOV", "foreign minister",
                  [Mention(0, 6, "Lavrov")])
    event = Event("e1", "a1", None, "CONSULT", "041", 1, 1.0, Span(7, 13, "phoned"), 0,
                  "Lavrov phoned.", location=Location("Moscow", "RUS", 55.75, 37.62))
    record = Record(Article("x", "Lavrov phoned."), [actor], [event],
                    timexes=[Timex(0, 6, "Lavrov", "DATE", None)])
    again = Record.from_json(record.to_json())
    assert type(again.actors[0].mentions[0]) is Mention
    assert type(again.events[0].trigger) is Span
    assert type(again.events[0].location) is Location
    assert type(again.timexes[0]) is Timex
    assert again == record


def test_records_json_keeps_unicode_readable() -> None:
    text = "«Нет», — сказал Лавров. 外交部 “quoted” 🇸🇾"
    record = Record(Article("x", text, dateline="Москва"))
    assert text in record.to_json()
    assert Record.from_json(record.to_json()).article.text == text


def test_records_from_dict_ignores_unknown_keys() -> None:
    data = Record(Article("x", "Russia")).to_dict()
    data["future_field"] = 1
    data["article"]["future_field"] = "y"
    assert Record.from_dict(data) == Record(Article("x", "Russia"))


def test_records_field_names_follow_the_contract() -> None:
    record = Record(Article("x", "Russia met Syria."))
    data = record.to_dict()
    assert set(data) >= {"article", "actors", "events", "statements", "casualties"}
    assert set(data["article"]) >= {"id", "source", "url", "title", "published", "dateline",
                                    "text", "language"}
    names = {cls: {f.name for f in dataclasses.fields(cls)}
             for cls in (Actor, Event, Statement, Casualty)}
    assert names[Actor] >= {"id", "name", "kind", "country", "sector", "code", "role", "mentions"}
    assert names[Event] >= {
        "id", "source", "target", "plover", "cameo", "quad_class", "goldstein", "negated",
        "modality", "date", "date_text", "location", "sentence", "trigger", "evidence",
        "confidence"}
    assert names[Statement] >= {"id", "speaker", "speaker_text", "kind", "content", "cue",
                                "via", "sentence"}
    assert names[Casualty] >= {"count", "qualifier", "kind", "who", "perpetrator", "date", "span"}


def test_records_actor_lookup_by_id() -> None:
    a = Actor("a1", "Russia", "state", "RUS", None, "RUS")
    record = Record(Article("x", "Russia"), actors=[a])
    assert record.actor("a1") is a
    assert record.actor("a9") is None
    assert record.actor(None) is None
