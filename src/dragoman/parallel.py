"""Extraction on several processes of one machine, with one writer downstream.

Each worker process loads the spaCy pipeline once and turns chunks of articles into
records; the caller (the single writer to the store) receives them in input order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from dragoman.records import Article, Record

__all__ = ["Failure", "extract_parallel"]

CHUNK = 8  # articles per task: small enough to balance, big enough to batch the parser


@dataclass
class Failure:
    """An article whose extraction raised; the run goes on without it."""

    article_id: str
    error: str


def _init(model: str | None) -> None:
    from dragoman import nlp
    from dragoman.collector import set_batch_threshold

    nlp.load(model)
    set_batch_threshold()  # a worker process does nothing else: for its whole life


def _work(args: tuple[list[Article], str | None]) -> list[Record | Failure]:
    from dragoman.pipeline import extract_batch

    articles, model = args
    try:
        return list(extract_batch(articles, model=model))
    except Exception:  # isolate the article that fails; keep the others
        out: list[Record | Failure] = []
        for article in articles:
            try:
                out.extend(extract_batch([article], model=model))
            except Exception as exc:  # reported to the writer as a failure
                out.append(Failure(article.id, repr(exc)))
        return out


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_parallel(articles: Iterable[Article], *, workers: int = 2, model: str | None = None,
                     chunk_size: int = CHUNK) -> Iterator[Record | Failure]:
    """Records for ``articles`` (in their order), extracted on ``workers`` processes.

    Articles are read lazily, so inputs of any size stream through bounded memory.
    """
    ctx = multiprocessing.get_context("forkserver")
    with ctx.Pool(workers, initializer=_init, initargs=(model,)) as pool:
        tasks = ((chunk, model) for chunk in _chunks(articles, chunk_size))
        for results in pool.imap(_work, tasks, chunksize=1):
            yield from results
