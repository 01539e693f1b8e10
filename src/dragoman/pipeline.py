"""Article -> Record: the stages in order, in batches, the spaCy pipeline loaded once."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

from dragoman import actors, events, nlp, parts, places, statements, time
from dragoman.events.syntax import Parse
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
    yield from records(articles, model=model, batch_size=batch_size, n_process=n_process)


def records(articles: Iterable[Article], *, model: str | None = None,
            batch_size: int = nlp.BATCH_SIZE, n_process: int = 1,
            timings: dict[str, float] | None = None) -> Iterator[Record]:
    """Records of parsed and analysed articles, in input order.

    Articles longer than :data:`dragoman.parts.PART_CHARS` are parsed in parts (bounded
    memory) and their records merged. ``timings["extract"]`` accumulates the seconds
    spent after parsing, when given.
    """
    import time as clock

    pending: list[tuple[int, int, Record]] = []
    sentences = 0
    pairs = nlp.load(model).pipe(_parts(articles), as_tuples=True, batch_size=batch_size,
                                 n_process=n_process)
    for doc, (article, index, count, offset, sub) in pairs:
        started = clock.perf_counter()
        done: Record | None = analyse(doc, sub)
        if count > 1 and done is not None:
            pending.append((offset, sentences, done))
            sentences += sum(1 for _ in doc.sents)
            done = parts.merge(article, pending) if index == count - 1 else None
            if done is not None:
                pending, sentences = [], 0
        if timings is not None:
            timings["extract"] = timings.get("extract", 0.0) + clock.perf_counter() - started
        if done is not None:
            yield done


def _parts(articles: Iterable[Article]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    for article in articles:
        pieces = parts.split_text(article.text)
        if len(pieces) == 1:
            yield article.text, (article, 0, 1, 0, article)
            continue
        for index, (offset, text) in enumerate(pieces):
            sub = parts.part_article(article, index, text)
            yield text, (article, index, len(pieces), offset, sub)


def analyse(doc: Doc, article: Article) -> Record:
    """Run every stage after parsing on one parsed article."""
    record = Record(article=article)
    parse = Parse(doc)  # the parse as lists, read once for actors, events and statements
    record.actors = actors.resolve(doc, article, parse=parse)
    record.events, record.casualties = events.extract(doc, article, record.actors, parse)
    record.statements = statements.extract(doc, article, record.actors, parse)
    time.annotate(doc, record)
    places.annotate(doc, record)
    return record


def _as_article(item: str | Article, options: dict[str, Any]) -> Article:
    if isinstance(item, Article):
        return item
    return article_from_text(item, **{k: v for k, v in options.items() if v is not None})
