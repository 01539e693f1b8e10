"""Who did what to whom: events coded in CAMEO and PLOVER, and casualties."""

from __future__ import annotations

from spacy.tokens import Doc

from dragoman.events.casualties import extract_casualties
from dragoman.events.extract import extract_events
from dragoman.events.syntax import Parse
from dragoman.records import Actor, Article, Casualty, Event

__all__ = ["extract"]


def extract(doc: Doc, article: Article, actors: list[Actor],
            parse: Parse | None = None) -> tuple[list[Event], list[Casualty]]:
    """Events and casualties in ``doc`` (a parse of ``article.text``); ``parse`` is
    ``doc`` read into lists, when the caller has read it already."""
    parse = parse if parse is not None else Parse(doc)  # read once for both
    events = extract_events(doc, article, actors, parse=parse)
    casualties = extract_casualties(doc, article, actors, parse=parse)
    return events, casualties
