"""Extraction on a Dask cluster: partitions of articles, retried, resumable.

``extract_dask`` sends partitions of articles to the workers (each loads the spaCy
pipeline once, on first use) and yields records as partitions finish, for the single
SQLite writer. ``write_parquet`` instead has each worker write its partition straight
into a Parquet dataset partitioned by publication month, with a marker per finished
partition, so a rerun skips what is done.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from dragoman.errors import DragomanError
from dragoman.records import Article, Record

__all__ = ["DaskSummary", "client_for", "extract_dask", "write_parquet"]

logger = logging.getLogger("dragoman")
PARTITION = 64
RETRIES = 2
TABLES = ("articles", "actors", "mentions", "events", "statements", "casualties")


@dataclass
class DaskSummary:
    partitions: int = 0
    done: int = 0
    skipped: int = 0  # finished by an earlier run
    failed: list[str] = field(default_factory=list)  # partition ids, with the error
    records: int = 0


@contextmanager
def client_for(address: str) -> Iterator[Any]:
    """A Dask client for ``address``, or ``local:N`` for a LocalCluster of N processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise DragomanError("Dask is not installed: pip install 'dask[distributed]'") from exc
    if address.startswith("local"):
        n = int(address.partition(":")[2] or 2)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=":0", host="127.0.0.1")
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout=30)
    except OSError as exc:
        raise DragomanError(f"cannot reach the Dask scheduler at {address} ({exc})") from exc
    try:
        yield client
    finally:
        client.close()


def partitions(articles: Iterable[Article],
               size: int = PARTITION) -> Iterator[tuple[str, list[Article]]]:
    """(partition id, articles): the id is a hash of the article ids, stable across runs."""
    it = iter(articles)
    while chunk := list(islice(it, size)):
        digest = hashlib.sha1("\n".join(a.id for a in chunk).encode()).hexdigest()[:16]
        yield digest, chunk


def _extract_partition(articles: list[Article], model: str | None) -> list[Record]:
    from dragoman.pipeline import extract_batch

    return list(extract_batch(articles, model=model))


def _failed(summary: DaskSummary, pid: str, future: Any) -> None:
    summary.failed.append(f"{pid}: {future.exception()!r}")
    logger.warning("partition %s failed after %d retries", pid, RETRIES)


def _windowed(client: Any, jobs: Iterator[tuple[str, Any]], summary: DaskSummary,
              window: int) -> Iterator[tuple[str, Any]]:
    """Submit jobs (pid, function args) keeping at most ``window`` in flight; yield
    (pid, result) as they finish. Inputs are read lazily, so memory stays bounded."""
    from dask.distributed import as_completed

    pending = as_completed()
    pids: dict[Any, str] = {}

    def submit(n: int) -> None:
        for pid, args in islice(jobs, n):
            future = client.submit(*args, key=f"dragoman-{pid}", retries=RETRIES, pure=False)
            pids[future] = pid
            pending.add(future)
            summary.partitions += 1

    submit(window)
    for future in pending:
        pid = pids.pop(future)
        if future.status == "finished":
            yield pid, future.result()
        else:
            _failed(summary, pid, future)
        future.release()
        submit(1)


def _window(client: Any) -> int:
    return 2 * max(1, len(client.scheduler_info().get("workers", {})))


def extract_dask(articles: Iterable[Article], address: str, *, model: str | None = None,
                 partition_size: int = PARTITION, summary: DaskSummary | None = None,
                 ) -> Iterator[Record]:
    """Records for ``articles``, extracted on the cluster, as partitions finish."""
    summary = summary if summary is not None else DaskSummary()
    with client_for(address) as client:
        jobs = ((pid, (_extract_partition, chunk, model))
                for pid, chunk in partitions(articles, partition_size))
        for _pid, records in _windowed(client, jobs, summary, _window(client)):
            summary.done += 1
            summary.records += len(records)
            yield from records


def _write_partition(articles: list[Article], model: str | None, out: str, pid: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dragoman.store.rows import record_rows

    records = _extract_partition(articles, model)
    tables: dict[str, dict[str, list[dict[str, Any]]]] = {t: {} for t in TABLES}
    for record in records:
        month = (record.article.published or "")[:7] or "unknown"
        parts = record_rows(record)
        tables["articles"].setdefault(month, []).append(parts["article"])
        for name in TABLES[1:]:
            tables[name].setdefault(month, []).extend(parts[name])
    root = Path(out)
    for name, by_month in tables.items():
        for month, rows in by_month.items():
            if rows:
                folder = root / name / f"month={month}"
                folder.mkdir(parents=True, exist_ok=True)
                pq.write_table(pa.Table.from_pylist(rows), folder / f"part-{pid}.parquet")
    done = root / "_partitions"
    done.mkdir(parents=True, exist_ok=True)
    (done / pid).write_text(str(len(records)))
    return len(records)


def write_parquet(articles: Iterable[Article], address: str, out: str | Path, *,
                  model: str | None = None, partition_size: int = PARTITION) -> DaskSummary:
    """Extract on the cluster into a Parquet dataset under ``out``, one folder per table,
    partitioned by publication month (``events/month=2012-08/part-<id>.parquet``).

    Partitions finished by an earlier run (a marker in ``out/_partitions``) are skipped.
    """
    out = Path(out)
    summary = DaskSummary()

    def jobs() -> Iterator[tuple[str, Any]]:
        for pid, chunk in partitions(articles, partition_size):
            if (out / "_partitions" / pid).exists():
                summary.skipped += 1
                continue
            yield pid, (_write_partition, chunk, model, str(out), pid)

    with client_for(address) as client:
        for _pid, n in _windowed(client, jobs(), summary, _window(client)):
            summary.done += 1
            summary.records += n
    summary.partitions += summary.skipped
    return summary
