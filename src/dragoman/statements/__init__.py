"""Who said what: direct, indirect and mixed speech with resolved speakers.

``extract(doc, article, actors)`` finds direct quotes over the characters of
``article.text`` (:mod:`.quotes`), cues and their content clauses in the parse
(:mod:`.reported`, with the cue lexicon of :mod:`.cues`), and resolves speakers and
intermediaries to actors (:mod:`.speakers`); :mod:`.assemble` puts them together.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dragoman.events.syntax import Parse
from dragoman.records import Actor, Article, Statement
from dragoman.statements import assemble, cues

__all__ = ["extract"]


def extract(doc: Doc, article: Article, actors: list[Actor],
            parse: Parse | None = None) -> list[Statement]:
    """Statements in ``doc`` (the parse of ``article.text``), in text order; ``parse`` is
    ``doc`` read into lists, when the caller has read it already."""
    return assemble.extract(doc, article, actors, cues.load(), parse=parse)
