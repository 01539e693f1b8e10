"""Where things happened: the place the sentence gives, else the dateline's.

``annotate(doc, record)`` gives each event the place attached to its trigger or clause
by a preposition ("clashes in south Lebanon", "an attack near Aleppo"), else the
dateline's place, resolved by the gazetteer to a name, a country (ISO alpha-3) and
coordinates. Ambiguous names prefer the countries of the article's actors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import numpy as np
from spacy import symbols
from spacy.attrs import DEP, ENT_TYPE, LOWER, POS
from spacy.tokens import Doc, Span

from dragoman.places.gazetteer import Gazetteer, Place, load
from dragoman.records import Location, Record
from dragoman.time.attach import pick, token_at

__all__ = ["annotate", "place_phrases", "resolve"]

LOCATIVE = {"in", "near", "at", "outside", "inside", "across", "throughout", "around", "into",
            "on", "off", "along", "within", "between", "from", "over", "to", "toward",
            "towards", "through", "nearby", "north", "south", "east", "west", "onto", "of"}
PLACE_LABELS = ("GPE", "LOC", "FAC")


def annotate(doc: Doc, record: Record, gazetteer: Gazetteer | None = None) -> None:
    """Give each event a :class:`~dragoman.records.Location`: the sentence's place,
    else the dateline's; unresolvable names keep the name without coordinates."""
    if not record.events:
        return
    gaz = gazetteer or load()
    prefer = _preferred(record)
    dateline = _dateline_location(record, gaz, prefer)
    if dateline is not None and dateline.country:
        prefer[dateline.country] = max(prefer.get(dateline.country, 0.0), 0.5)
    phrases = [(p, resolve(p.text, gaz, prefer)) for p in place_phrases(doc, gaz)]
    phrases += _capitals(doc, gaz, prefer, dateline)
    phrases.sort(key=lambda item: item[0].start)
    spans = [(p.start_char, p.end_char) for p, _ in phrases]
    for event in record.events:
        trigger = token_at(doc, event.trigger.start, event.trigger.end)
        found = pick(phrases, spans, doc, trigger) if trigger is not None and phrases else None
        if found is not None:
            event.location = found[1]
        elif event.location is None and dateline is not None:
            event.location = dateline


def place_phrases(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Span]:
    """Place entities that follow a locative preposition ("in Damascus", "near the
    Syrian border town of Aleppo"), with a direction word kept ("south Lebanon").
    With a gazetteer, proper names the model labelled otherwise (or not at all) count
    too when the gazetteer knows them as a country, state or sizeable city."""
    out = []
    for ent in doc.ents:
        if not _locative(ent):
            continue
        if ent.label_ in PLACE_LABELS or (
                gazetteer is not None and ent.label_ in _MAYBE_LABELS and _known(ent, gazetteer)):
            out.append(_with_direction(ent))
    if gazetteer is not None:
        out += _unlabelled(doc, gazetteer)
    return sorted(out, key=lambda s: s.start)


_MAYBE_LABELS = {"LANGUAGE", "PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
_MIN_POPULATION = 50_000


def _known(span: Span, gazetteer: Gazetteer) -> bool:
    place = gazetteer.lookup(span.text)
    return place is not None and (place.kind != "city" or place.population >= _MIN_POPULATION)


def _unlabelled(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    out = []
    table = doc.to_array([POS, ENT_TYPE, DEP])  # the test below, on ids: no Token each
    maybe = ((table[:, 0] == symbols.PROPN) & (table[:, 1] == 0)
             & (table[:, 2] == doc.vocab.strings["pobj"]))
    for i in np.flatnonzero(maybe).tolist():
        token = doc[i]
        if token.pos_ != "PROPN" or token.ent_type_ or token.dep_ != "pobj":
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        span = doc[start:token.i + 1]
        if _locative(span) and _known(span, gazetteer):
            out.append(_with_direction(span))
    return out


def _locative(ent: Span) -> bool:
    token = ent.root
    for _ in range(4):
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in LOCATIVE:
            return head.lower_ != "of" or _place_noun(head.head)
        if token.dep_ in ("compound", "appos", "conj", "nmod", "amod", "pobj", "npadvmod") \
                and head.i != token.i:
            token = head
            continue
        return False
    return False


def _place_noun(token: Any) -> bool:
    """"the town of X", "the province of X", "the outskirts of X"."""
    return token.lemma_ in {"town", "city", "village", "province", "region", "outskirts",
                            "capital", "district", "area", "border", "port", "state",
                            "county", "suburb", "centre", "center", "north", "south", "east",
                            "west", "part"}


def _with_direction(ent: Span) -> Span:
    from dragoman.places.gazetteer import _directions

    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in _directions():
        return doc[ent.start - 1:ent.end]
    return ent


def resolve(name: str, gazetteer: Gazetteer | None = None,
            prefer: Mapping[str, float] | None = None) -> Location:
    """A place name as a Location; unknown names keep the name only. ``prefer`` weighs
    the countries the article is about (alpha-3 -> 0..1) for ambiguous names."""
    gaz = gazetteer or load()
    place = gaz.lookup(name, prefer or {})
    if place is None:
        return Location(name=name.strip())
    return _location(place, name)


def _location(place: Place, text: str) -> Location:
    """The place under the name the article gives it ("Kiev", "south Lebanon")."""
    name = text.strip()
    name = name[4:] if name.lower().startswith("the ") else name
    return Location(name=name, country=place.country, lat=place.lat, lon=place.lon)


def _capitals(doc: Doc, gaz: Gazetteer, prefer: Mapping[str, float],
              dateline: Location | None) -> list[tuple[Span, Location]]:
    """"in the capital": the capital named last before it, else the dateline's place
    when it is a capital, else the capital of the country the article is most about."""
    out = []
    capital = doc.vocab.strings["capital"]
    for i in (doc.to_array(LOWER) == capital).nonzero()[0].tolist():  # without a Token each
        token = doc[i]
        if token.lower_ != "capital" or not any(c.lower_ == "the" for c in token.children):
            continue
        if not (_locative(doc[token.i:token.i + 1]) or (
                token.dep_ == "poss" and _locative(doc[token.head.i:token.head.i + 1]))):
            continue
        location = _named_capital(doc, token, gaz) or _dateline_capital(dateline, gaz)
        if location is None and prefer:
            country, weight = max(prefer.items(), key=lambda cw: cw[1])
            city = gaz.capitals.get(country)
            if city and weight >= 0.5:
                location = resolve(city, gaz, {country: 1.0})
        if location is not None:
            out.append((doc[token.i:token.i + 1], location))
    return out


def _named_capital(doc: Doc, token: Any, gaz: Gazetteer) -> Location | None:
    names = [e for e in doc.ents if e.end <= token.i
             and (e.label_ in PLACE_LABELS or e.label_ in _MAYBE_LABELS)]
    for ent in reversed(names):
        if token.sent.start - ent.sent.start > 5:
            break
        place = gaz.lookup(ent.text)
        if place is not None and gaz.is_capital(place):
            return _location(place, ent.text)
    return None


def _dateline_capital(dateline: Location | None, gaz: Gazetteer) -> Location | None:
    if dateline is None:
        return None
    place = gaz.lookup(dateline.name, {dateline.country: 1.0} if dateline.country else {})
    return dateline if place is not None and gaz.is_capital(place) else None


def _preferred(record: Record) -> dict[str, float]:
    """The countries the article is about, weighted by their actors' share of mentions."""
    counts: Counter[str] = Counter()
    for actor in record.actors:
        if actor.country:
            counts[actor.country] += max(1, len(actor.mentions))
    total = sum(counts.values())
    return {c: n / total for c, n in counts.most_common(5)} if total else {}


def _dateline_location(record: Record, gaz: Gazetteer,
                       prefer: Mapping[str, float]) -> Location | None:
    article = record.article
    if not article.dateline:
        return None
    region = article.metadata.get("dateline_region")
    hint = dict(prefer)
    if region:
        country = gaz.lookup(str(region))
        if country is not None and country.country:
            hint = {country.country: 1.0}
    return resolve(article.dateline, gaz, hint)
