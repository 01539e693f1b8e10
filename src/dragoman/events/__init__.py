"""Who did what to whom: events coded in CAMEO and PLOVER, and casualties."""

from __future__ import annotations

from spacy.tokens import Doc

from dragoman.records import Actor, Article, Casualty, Event

__all__ = ["extract"]


def extract(doc: Doc, article: Article, actors: list[Actor]) -> tuple[list[Event], list[Casualty]]:
    """Events and casualties in ``doc``."""
    return [], []
