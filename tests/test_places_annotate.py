"""Event locations: the sentence's place, else the dateline's."""

from __future__ import annotations

import pytest

from dragoman import places
from dragoman.records import Actor, Article, Event, Location, Record, Span
from tests.test_places_gazetteer import small_gazetteer

pytestmark = pytest.mark.slow


def _event(text: str, trigger: str, eid: str = "e1") -> Event:
    start = text.index(trigger)
    return Event(id=eid, source=None, target=None, plover=None, cameo=None, quad_class=None,
                 goldstein=None, trigger=Span(start, start + len(trigger), trigger),
                 sentence=0, evidence=text)


def _annotate(nlp, text, triggers, dateline=None, actors=()):
    record = Record(article=Article(id="t", text=text, dateline=dateline),
                    actors=list(actors), events=[_event(text, t, f"e{i}")
                                                  for i, t in enumerate(triggers)])
    places.annotate(nlp(text), record, small_gazetteer())
    return [e.location for e in record.events]


def test_places_sentence_place_wins(nlp):
    text = "Israeli jets struck targets in south Lebanon on Monday."
    (loc,) = _annotate(nlp, text, ["struck"], dateline="Damascus")
    assert loc == Location("south Lebanon", "LBN", 33.87, 35.53)


def test_places_dateline_when_sentence_has_none(nlp):
    text = "Syria accused Israel of violating the ceasefire."
    (loc,) = _annotate(nlp, text, ["accused"], dateline="Damascus")
    assert loc == Location("Damascus", "SYR", 33.51, 36.29)


def test_places_subjects_are_not_places(nlp):
    text = "Lebanon accused Libya of violating the agreement."
    (loc,) = _annotate(nlp, text, ["accused"])
    assert loc is None


def test_places_ambiguous_names_follow_the_actors(nlp):
    text = "Gunmen attacked a checkpoint in Tripoli."
    lebanese = Actor(id="a1", name="Lebanon", kind="state", country="LBN")
    (plain,) = _annotate(nlp, text, ["attacked"])
    (preferred,) = _annotate(nlp, text, ["attacked"], actors=[lebanese])
    assert plain.country == "LBY"
    assert preferred.country == "LBN"


def test_places_unknown_place_keeps_name(nlp):
    text = "Rebels attacked a convoy in Kandahar."
    (loc,) = _annotate(nlp, text, ["attacked"])
    assert loc == Location("Kandahar")


def test_places_resolve_with_real_gazetteer():
    loc = places.resolve("Aleppo")
    assert (loc.name, loc.country) == ("Aleppo", "SYR")
    assert loc.lat is not None and loc.lon is not None


def test_places_the_capital_is_the_capital_named_before(nlp):
    from dragoman.places.gazetteer import Gazetteer, Place

    places_ = [Place("Ukraine", "UKR", 49.0, 32.8, "country"),
               Place("Kyiv", "UKR", 50.45, 30.52, "city", 2_900_000)]
    gaz = Gazetteer({"ukraine": (0,), "kyiv": (1,), "kiev": (1,)}, [tuple(p) for p in places_],
                    {"UKR": "Kyiv"})
    text = "The president fled Kiev after police fired on protesters in the capital."
    event = _event(text, "fired")
    record = Record(article=Article(id="t", text=text), events=[event])
    places.annotate(nlp(text), record, gaz)
    assert event.location == Location("Kiev", "UKR", 50.45, 30.52)


def test_places_purpose_clause_place_over_clause_above(nlp):
    text = ("Police detained ten men in Damascus and fired tear gas to disperse marchers "
            "in Beirut, the ministry said.")
    (loc,) = _annotate(nlp, text, ["fired"])
    assert loc is not None and loc.name == "Beirut"
