"""Extraction on several processes and on a Dask LocalCluster equals the single run."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.distributed import extract_dask, partitions, write_parquet
from dragoman.ingest import article_from_text
from dragoman.parallel import extract_parallel
from dragoman.pipeline import extract_batch

TEXTS = [
    "MOSCOW, April 1, 2013 (Reuters) - Russia condemned the attack on its embassy in Kiev.",
    "CAIRO, Jan 4 (AFP) - Egyptian police arrested 30 protesters in central Cairo on Friday.",
    "BEIJING, June 12 (Xinhua) - China accused the Philippines of provoking tensions.",
    "WASHINGTON (Reuters) - The United States urged Iran to resume talks, officials said.",
    "DAMASCUS, Aug 29 (AFP) - Syrian troops shelled rebel positions near Homs on Tuesday.",
]


def _articles() -> list:  # type: ignore[type-arg]
    dates = ["2013-04-01", "2014-01-04", "2012-06-12", "2014-11-24", "2012-08-29"]
    return [article_from_text(t, published=d) for t, d in zip(TEXTS, dates, strict=True)]


def _key(records):  # type: ignore[no-untyped-def]
    return sorted(r.to_json() for r in records)


def test_parallel_partitions_have_stable_ids() -> None:
    first = [pid for pid, _ in partitions(_articles(), 2)]
    again = [pid for pid, _ in partitions(_articles(), 2)]
    assert first == again and len(set(first)) == 3


@pytest.mark.slow
def test_parallel_two_processes_equal_one() -> None:
    single = list(extract_batch(_articles()))
    multi = list(extract_parallel(_articles(), workers=2, chunk_size=2))
    assert [r.article.id for r in multi] == [r.article.id for r in single]  # input order kept
    assert _key(multi) == _key(single)


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    """One LocalCluster with two worker processes for the Dask tests."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", host="127.0.0.1") as local:
        yield local.scheduler_address


@pytest.mark.slow
def test_parallel_dask_local_cluster_equals_single_run(tmp_path: Path, cluster: str) -> None:
    single = list(extract_batch(_articles()))
    dask = list(extract_dask(_articles(), cluster, partition_size=2))
    assert _key(dask) == _key(single)

    out = tmp_path / "parquet"
    summary = write_parquet(_articles(), cluster, out, partition_size=2)
    assert (summary.partitions, summary.done, summary.failed) == (3, 3, [])
    assert (out / "events").is_dir() and list((out / "articles").glob("month=2013-04/*.parquet"))
    import pyarrow.dataset as ds

    articles = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    assert sorted(articles.column("id").to_pylist()) == sorted(r.article.id for r in single)
    rerun = write_parquet(_articles(), cluster, out, partition_size=2)
    assert (rerun.skipped, rerun.done) == (3, 0)


@pytest.mark.slow
def test_parallel_dask_local_address_starts_a_cluster() -> None:
    records = list(extract_dask(_articles()[:2], "local:1", partition_size=1))
    assert len(records) == 2


@pytest.mark.slow
def test_parallel_ingest_with_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    import json

    from dragoman.store import Store
    from dragoman.store.ingest import ingest

    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS), encoding="utf-8")
    one = ingest([src], tmp_path / "one.db", batch_size=2)
    two = ingest([src], tmp_path / "two.db", batch_size=2, workers=2)
    assert (two.stored, two.events, two.statements, two.failed) == (
        one.stored, one.events, one.statements, 0)
    with Store(tmp_path / "one.db") as a, Store(tmp_path / "two.db") as b:
        ids = [json.loads(line)["text"] for line in src.read_text().splitlines()]
        assert len(ids) == one.stored
        for record_id in (r["id"] for r in a.conn.execute("SELECT id FROM articles")):
            assert a.record(record_id) == b.record(record_id)
    again = ingest([src], tmp_path / "two.db", workers=2)
    assert (again.stored, again.skipped) == (0, len(TEXTS))
