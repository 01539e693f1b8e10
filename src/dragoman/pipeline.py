"""Article -> Record: the stages in order, in batches, the spaCy pipeline loaded once."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

from dragoman import actors, events, nlp, places, statements, time
from dragoman.ingest import article_from_text
from dragoman.records import Article, Record

logger = logging.getLogger("dragoman")
logger.addHandler(logging.NullHandler())


def extract(text_or_article: str | Article, *, model: str | None = None, **options: Any) -> Record:
    """Extract the record of one article (raw text or an :class:`Article`).

    Keyword options (``published``, ``source``, ``url``, ``title``, ``id``) fill the
    article's metadata when ``text_or_article`` is raw text.
    """
    return next(iter(extract_batch([text_or_article], model=model, **options)))


def extract_batch(items: Iterable[str | Article], *, model: str | None = None,
                  batch_size: int = nlp.BATCH_SIZE, n_process: int = 1,
                  **options: Any) -> Iterator[Record]:
    """Extract records from many articles, parsing them in batches."""
    articles = (_as_article(item, options) for item in items)
    pairs = nlp.load(model).pipe(
        ((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size,
        n_process=n_process,
    )
    for doc, article in pairs:
        yield analyse(doc, article)


def analyse(doc: Doc, article: Article) -> Record:
    """Run every stage after parsing on one parsed article."""
    record = Record(article=article)
    record.actors = actors.resolve(doc, article)
    record.events, record.casualties = events.extract(doc, article, record.actors)
    record.statements = statements.extract(doc, article, record.actors)
    time.annotate(doc, record)
    places.annotate(doc, record)
    return record


def _as_article(item: str | Article, options: dict[str, Any]) -> Article:
    if isinstance(item, Article):
        return item
    return article_from_text(item, **{k: v for k, v in options.items() if v is not None})
