"""Resolving named-entity mentions to actors (first version: entities, no dictionary)."""

from __future__ import annotations

from spacy.tokens import Doc

from dragoman.records import Actor, Article, Mention

_KINDS = {"PERSON": "person", "GPE": "state", "NORP": "state", "ORG": "organisation"}


def resolve(doc: Doc, article: Article) -> list[Actor]:
    """One actor per distinct named person, state or organisation in ``doc``."""
    actors: dict[str, Actor] = {}
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        key = ent.text.lower()
        actor = actors.get(key)
        if actor is None:
            actor = Actor(id=f"a{len(actors) + 1}", name=ent.text, kind=kind)  # type: ignore[arg-type]
            actors[key] = actor
        actor.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
    return list(actors.values())
