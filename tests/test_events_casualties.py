"""Casualty counts, on sentences written for these tests."""

from __future__ import annotations

import pytest

from dragoman.events.casualties import extract_casualties, parse_count
from dragoman.records import Actor, Article, Mention


def test_casualties_parse_count() -> None:
    assert parse_count("2,200") == 2200
    assert parse_count("three") == 3
    assert parse_count("1.5 million") == 1_500_000
    assert parse_count("thousands") == 1000
    assert parse_count("several") is None


def _run(nlp, text: str, actors: list[Actor] | None = None):  # type: ignore[no-untyped-def]
    return extract_casualties(nlp(text), Article(id="t", text=text), actors or [])


@pytest.mark.slow
def test_casualties_killed_with_qualifier(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials say more than 300 people have been killed in the fighting."
    (cas,) = _run(nlp, text)
    assert (cas.count, cas.qualifier, cas.kind, cas.who) == (300, "more than", "killed", "people")
    assert text[cas.span.start:cas.span.end] == cas.span.text
    assert cas.span.text.startswith("more than 300")


@pytest.mark.slow
def test_casualties_wounded_at_least(nlp) -> None:  # type: ignore[no-untyped-def]
    (cas,) = _run(nlp, "At least 14 soldiers were wounded in the blast.")
    assert (cas.count, cas.qualifier, cas.kind, cas.who) == (14, "at least", "wounded", "soldiers")


@pytest.mark.slow
def test_casualties_arrested_with_perpetrator(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Riot police arrested 30 protesters in the capital."
    police = Actor("a1", "Riot police", mentions=[Mention(0, 11, "Riot police")])
    (cas,) = _run(nlp, text, [police])
    assert (cas.count, cas.kind, cas.who, cas.perpetrator) == (30, "arrested", "protesters", "a1")


@pytest.mark.slow
def test_casualties_thousands_displaced(nlp) -> None:  # type: ignore[no-untyped-def]
    (cas,) = _run(nlp, "Thousands of villagers were displaced by the floods.")
    assert (cas.count, cas.qualifier, cas.kind) == (1000, "thousands", "displaced")


@pytest.mark.slow
def test_casualties_no_count_no_record(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _run(nlp, "Nobody was killed, and the talks were not arrested.") == []


@pytest.mark.slow
def test_casualties_death_toll(nlp) -> None:  # type: ignore[no-untyped-def]
    (cas,) = _run(nlp, "The health ministry put the death toll at 61 on Sunday.")
    assert (cas.count, cas.kind) == (61, "killed")
    assert cas.span.text == "death toll at 61"
