"""The garbage collector's threshold during an ingest: raised inside, restored after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from dragoman import collector


@pytest.fixture
def thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_collector_batch_mode_raises_and_restores(thresholds: None) -> None:
    gc.set_threshold(700, 10, 10)
    with collector.batch_mode():
        assert gc.get_threshold() == (collector.YOUNG, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_collector_batch_mode_keeps_a_higher_or_zero_threshold(thresholds: None) -> None:
    for young in (0, 5 * collector.YOUNG):
        gc.set_threshold(young, 10, 10)
        with collector.batch_mode():
            assert gc.get_threshold() == (young, 10, 10)


def test_collector_ingest_restores_threshold(tmp_path, thresholds: None) -> None:  # type: ignore[no-untyped-def]
    from dragoman.records import Record
    from dragoman.store.ingest import ingest

    src = tmp_path / "a.txt"
    src.write_text("Canada praised Peru on Monday.", encoding="utf-8")
    seen = []

    def extractor(batch):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold()[0])
        return [Record(article=a) for a in batch]

    gc.set_threshold(700, 10, 10)
    ingest([src], tmp_path / "s.db", extractor=extractor)
    assert seen == [collector.YOUNG]
    assert gc.get_threshold() == (700, 10, 10)
