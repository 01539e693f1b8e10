"""Who the actors are: mentions resolved to coded actors.

``resolve(doc, article)`` returns the actors of a parsed article, each with its kind,
CAMEO-style code (RUSGOV, SYRREB, IGOUNO), role and every mention (names, titles,
descriptions, pronouns) as character offsets. ``MentionIndex(actors).at(start, end)``
maps a stretch of text back to its actor. The dictionaries ship with the package
(converted from the Phoenix dictionaries of PETRARCH-2 plus dragoman's own); add yours
with ``with_dictionaries(paths)`` or the ``DRAGOMAN_ACTOR_DICTS`` environment variable.
"""

from __future__ import annotations

from dragoman.actors.dictionary import default_dictionary, load_dictionaries, with_dictionaries
from dragoman.actors.index import MentionIndex
from dragoman.actors.resolve import resolve

__all__ = ["MentionIndex", "default_dictionary", "load_dictionaries", "resolve",
           "with_dictionaries"]
