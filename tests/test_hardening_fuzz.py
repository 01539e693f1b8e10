"""Property tests: every reader over generated and mangled bytes, and ``dragoman.extract``
over random text (few, short examples here; ``bench/fuzz.py`` runs the same targets for
longer)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzz_targets as fuzz

QUICK = settings(max_examples=25, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("name", sorted(fuzz.READERS))
def test_hardening_fuzz_reader_yields_articles_or_errors(name: str) -> None:
    kind, strategy = fuzz.READERS[name]

    @QUICK
    @given(strategy)
    def check(raw: bytes) -> None:
        fuzz.read(raw, kind)

    check()


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(fuzz.texts)
def test_hardening_fuzz_extract_offsets_and_round_trip(text: str) -> None:
    fuzz.extract(text)


@pytest.mark.parametrize("text", [
    "", " ", "\u201c", "\u201d\u201c\"'", "((((", "<script>", "\u2028\u2029\u200b",
    "\u00ab Le ministre \u00bb a dit \u201cnon\u201d. \u201e", "Mr. . . said: \u2018\u2019",
    "\"He said \"she said 'no' \" said they\"", "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85",
    "U.S.-Russia talks (in Geneva [Switzerland]) {failed}\u3000\u3002",
])
def test_hardening_fuzz_extract_odd_texts(text: str) -> None:
    fuzz.extract(text)


@QUICK
@given(st.text(max_size=300))
def test_hardening_fuzz_jsonl_text_field_survives_the_store(text: str) -> None:
    import json

    items = fuzz.read((json.dumps({"id": "a", "text": text}) + "\n").encode(), "jsonl")
    assert len(items) == 1
