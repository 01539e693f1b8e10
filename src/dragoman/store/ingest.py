"""Sources -> articles -> records -> store, in batches, resumable.

Articles already stored (same id) or exactly duplicating a stored text are skipped
before parsing, so re-running an interrupted ingest only parses what is missing.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dragoman.collector import batch_mode
from dragoman.errors import DragomanError, InputError, StoreError
from dragoman.ingest import dedupe
from dragoman.ingest.readers import iter_articles
from dragoman.ingest.tables import FieldMap
from dragoman.records import Article, Record
from dragoman.store.sqlite import AddResult, Store

__all__ = ["IngestInterrupted", "IngestSummary", "ingest", "writer_lock"]

logger = logging.getLogger("dragoman")

Extractor = Callable[[list[Article]], list[Record]]


@dataclass
class IngestSummary:
    """What an ingest did; ``seconds`` splits the time by stage."""

    read: int = 0  # articles read from the sources
    stored: int = 0
    skipped: int = 0  # already in the store
    duplicates: int = 0  # exact copies of an article stored or read before
    near_duplicates: int = 0  # stored, linked to a first copy
    failed: int = 0  # inputs or articles that could not be read or processed
    actors: int = 0
    events: int = 0
    statements: int = 0
    words: int = 0  # words in the articles parsed
    errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: {
        "read": 0.0, "parse": 0.0, "extract": 0.0, "store": 0.0, "total": 0.0})

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["seconds"] = {k: round(v, 3) for k, v in self.seconds.items()}
        return data

    def _add(self, result: AddResult) -> None:
        self.stored += result.stored
        self.skipped += result.skipped
        self.duplicates += result.duplicates
        self.near_duplicates += result.near_duplicates
        self.actors += result.actors
        self.events += result.events
        self.statements += result.statements


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C during an ingest: every batch committed so far is whole; ``summary`` says
    how far it got. Running the same ingest again resumes (stored ids are skipped)."""

    def __init__(self, summary: IngestSummary) -> None:
        super().__init__(f"interrupted after {summary.stored:,} articles stored")
        self.summary = summary


@contextmanager
def writer_lock(path: str) -> Iterator[None]:
    """One ingest per store at a time: an advisory lock on ``<store>.lock`` holding the
    writer's pid. The kernel drops it when the process ends, even when killed, so a
    crashed ingest never leaves a stale lock. A second ingest refuses with StoreError."""
    try:
        import fcntl
    except ImportError:  # not POSIX: SQLite's own locking still keeps writes whole
        yield
        return
    lock_path = f"{path}.lock"
    Path(lock_path).parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 -- held for the whole ingest
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            pid = handle.read().strip() or "?"
            raise StoreError(f"{path}: another ingest (pid {pid}) is writing to this store; "
                             f"wait for it to finish, or ingest into another --db") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


def ingest(sources: Iterable[str | Path], store: Store | str | Path, *,
           model: str | None = None, batch_size: int = 64, fetch_links: bool = False,
           extractor: Extractor | None = None, limit: int | None = None,
           fields: FieldMap | None = None, workers: int = 1, dask: str | None = None,
           on_progress: Callable[[IngestSummary], None] | None = None,
           on_error: Callable[[InputError | DragomanError], None] | None = None,
           **mapping: str | None) -> IngestSummary:
    """Read ``sources``, extract records and add them to ``store`` batch by batch.

    Each batch is one transaction; input errors are counted (and passed to
    ``on_error``) and the rest goes on. ``extractor`` replaces the NLP pipeline
    (a function from a list of Articles to their Records), e.g. in tests. ``limit``
    stops after reading that many articles. ``fields`` (or ``text_field=...`` style
    ``mapping`` options) name the columns of tabular sources. ``workers`` > 1 extracts
    on that many local processes, ``dask`` (a scheduler address or ``local:N``) on a
    Dask cluster; either way this process stays the single writer to the store.
    """
    own = not isinstance(store, Store)
    path = store.path if isinstance(store, Store) else str(store)
    with ExitStack() as stack:
        if path != ":memory:":
            stack.enter_context(writer_lock(path))
        stack.enter_context(batch_mode())  # fewer garbage-collector passes (collector.py)
        db = store if isinstance(store, Store) else Store(store)
        return _ingest(sources, db, own, model=model, batch_size=batch_size,
                       fetch_links=fetch_links, extractor=extractor, limit=limit,
                       fields=fields, workers=workers, dask=dask, on_progress=on_progress,
                       on_error=on_error, **mapping)


def _ingest(sources: Iterable[str | Path], db: Store, own: bool, *, model: str | None,
            batch_size: int, fetch_links: bool, extractor: Extractor | None,
            limit: int | None, fields: FieldMap | None, workers: int, dask: str | None,
            on_progress: Callable[[IngestSummary], None] | None,
            on_error: Callable[[InputError | DragomanError], None] | None,
            **mapping: str | None) -> IngestSummary:
    summary = IngestSummary()
    started = time.perf_counter()
    run = _Run(db, summary, extractor, model, on_error)
    try:
        batch: list[Article] = []
        fields = fields or FieldMap.from_options(**mapping)
        items = iter_articles(sources, fetch_links=fetch_links, fields=fields)
        if workers > 1 or dask:
            run.stream(run.fresh(items, limit), batch_size, workers, dask, on_progress)
            return summary
        for article in run.fresh(items, limit):
            batch.append(article)
            if len(batch) >= batch_size:
                run.flush(batch)
                batch = []
                if on_progress:
                    on_progress(summary)
        run.flush(batch)
    except IngestInterrupted:
        raise
    except KeyboardInterrupt as exc:
        raise IngestInterrupted(summary) from exc
    finally:
        summary.seconds["total"] = time.perf_counter() - started
        if own:
            db.close()
    if on_progress:
        on_progress(summary)
    return summary


class _Run:
    """The state of one ingest: what was seen, the pipeline, the timers."""

    def __init__(self, store: Store, summary: IngestSummary, extractor: Extractor | None,
                 model: str | None, on_error: Callable[[Any], None] | None) -> None:
        self.store = store
        self.summary = summary
        self.extractor = extractor
        self.model = model
        self.on_error = on_error
        self.seen_ids: set[str] = set()
        self.seen_hashes: set[str] = set()

    def fail(self, error: InputError | DragomanError) -> None:
        self.summary.failed += 1
        self.summary.errors.append(str(error))
        logger.warning("%s", error)
        if self.on_error:
            self.on_error(error)

    def fresh(self, items: Iterator[Article | InputError],
              limit: int | None = None) -> Iterator[Article]:
        """The articles not stored yet (nor seen earlier in this run)."""
        s = self.summary
        while limit is None or s.read < limit:
            t0 = time.perf_counter()
            item = next(items, None)
            s.seconds["read"] += time.perf_counter() - t0
            if item is None:
                return
            if isinstance(item, InputError):
                self.fail(item)
                continue
            s.read += 1
            digest = dedupe.content_hash(item.text)
            if item.id in self.seen_ids or self.store.has(item.id):
                s.skipped += 1
            elif digest in self.seen_hashes or self.store.has_text(item.text):
                s.duplicates += 1
            else:
                self.seen_ids.add(item.id)
                self.seen_hashes.add(digest)
                yield item

    def flush(self, batch: list[Article]) -> None:
        if not batch:
            return
        records = self.extract(batch)
        t0 = time.perf_counter()
        result = self.store.add(records, model=self.model_name())
        self.summary.seconds["store"] += time.perf_counter() - t0
        self.summary._add(result)

    def stream(self, articles: Iterator[Article], batch_size: int, workers: int,
               dask: str | None, on_progress: Callable[[IngestSummary], None] | None) -> None:
        """Extract on other processes (local or Dask); store here, batch by batch."""
        from dragoman.parallel import Failure, extract_parallel

        def counted() -> Iterator[Article]:
            for article in articles:
                self.summary.words += len(article.text.split())
                yield article

        if dask:
            from dragoman.distributed import DaskSummary, extract_dask

            dask_summary = DaskSummary()
            results: Iterator[Record | Failure] = extract_dask(
                counted(), dask, model=self.model, summary=dask_summary)
        else:
            results = extract_parallel(counted(), workers=workers, model=self.model)
        batch: list[Record] = []
        t0 = time.perf_counter()
        for item in results:
            if isinstance(item, Failure):
                self.fail(InputError(f"article {item.article_id}",
                                     f"extraction failed ({item.error})"))
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                self.summary.seconds["extract"] += time.perf_counter() - t0
                self.store_batch(batch)
                batch = []
                t0 = time.perf_counter()
                if on_progress:
                    on_progress(self.summary)
        self.summary.seconds["extract"] += time.perf_counter() - t0
        self.store_batch(batch)
        if dask:
            for failed in dask_summary.failed:
                self.fail(DragomanError(f"Dask partition {failed}"))

    def store_batch(self, records: list[Record]) -> None:
        if not records:
            return
        t0 = time.perf_counter()
        result = self.store.add(records, model=self.model_name())
        self.summary.seconds["store"] += time.perf_counter() - t0
        self.summary._add(result)

    def model_name(self) -> str | None:
        if self.extractor is not None:
            return self.model
        from dragoman import nlp

        return self.model or nlp.default_model()

    def extract(self, batch: list[Article]) -> list[Record]:
        """Records for a batch; when the batch fails, article by article."""
        self.summary.words += sum(len(a.text.split()) for a in batch)
        try:
            return self._extract(batch)
        except DragomanError:
            raise
        except Exception:  # one bad article must not lose the batch: retry one by one
            pass
        records = []
        for article in batch:
            try:
                records += self._extract([article])
            except Exception as exc:  # reported as a failed article, the run goes on
                self.fail(InputError(f"article {article.id}", f"extraction failed ({exc!r})"))
        return records

    def _extract(self, batch: list[Article]) -> list[Record]:
        if self.extractor is not None:
            t0 = time.perf_counter()
            records = list(self.extractor(batch))
            self.summary.seconds["extract"] += time.perf_counter() - t0
            return records
        from dragoman import pipeline

        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        records = list(pipeline.records(batch, model=self.model, timings=timings))
        spent = time.perf_counter() - t0
        self.summary.seconds["parse"] += spent - timings.get("extract", 0.0)
        self.summary.seconds["extract"] += timings.get("extract", 0.0)
        return records
