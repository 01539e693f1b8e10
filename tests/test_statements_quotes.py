"""Direct quotes over characters (no model needed)."""

from __future__ import annotations

from dragoman.statements.cues import load, parse
from dragoman.statements.quotes import Quote, find_quotes, paragraphs


def _texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_quotes_curly_and_straight_pairs() -> None:
    text = 'He said “we will stay” and then "we may go" before noon.'
    assert _texts(text) == ["“we will stay”", '"we may go"']


def test_quotes_doubled_apostrophes_as_marks() -> None:
    text = "The mayor said ''the bridge will open in May,'' to applause."
    assert _texts(text) == ["''the bridge will open in May,''"]


def test_quotes_single_marks_are_not_apostrophes() -> None:
    text = "The workers' union called it ‘a fair deal’ and the boss's office agreed."
    assert _texts(text) == ["‘a fair deal’"]


def test_quotes_single_inside_double_are_part_of_it() -> None:
    text = "“They told us ‘go home’ and we did,” she said."
    assert _texts(text) == ["“They told us ‘go home’ and we did,”"]


def test_quotes_paragraph_continuation_without_closing_mark() -> None:
    text = "She said:\n\n“The first part is ready.\n\n“The second part comes in spring.”\n\nEnd."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start:quotes[0].end].startswith("“The first")
    assert text[quotes[0].start:quotes[0].end].endswith("spring.”")


def test_quotes_unclosed_at_paragraph_end_stops_there() -> None:
    text = "“The vote was rigged from the start, he claimed\n\nThe count went on."
    (quote,) = find_quotes(text)
    assert not quote.closed
    assert text[quote.start:quote.end] == "“The vote was rigged from the start, he claimed"


def test_quotes_reopened_mark_closes_the_previous_quote() -> None:
    text = "“Is this the end?“ he asked."
    (quote,) = find_quotes(text)
    assert text[quote.start:quote.end] == "“Is this the end?“"


def test_quotes_full_versus_scare_quotes() -> None:
    text = 'They called the plan "reckless" but "We will win this fight next year," she said.'
    quotes = find_quotes(text)
    assert [q.is_full(text) for q in quotes] == [False, True]
    assert Quote(0, 7).words("“Stop.”") == 1


def test_quotes_paragraphs_skip_blank_lines() -> None:
    text = "One.\n\n  Two.  \n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two."]


def test_cues_lexicon_loads_every_kind() -> None:
    lexicon = load()
    assert {"say", "tell", "warn", "deny"} <= lexicon.verbs
    assert ("according", "to") in lexicon.preps
    assert "agency" in lexicon.media
    assert "say" in lexicon.cue_verbs


def test_cues_parse_rejects_unknown_kind() -> None:
    import pytest

    from dragoman.errors import InputError

    with pytest.raises(InputError):
        parse("adverb\treportedly\n")
    assert parse("# comment\nverb\tsay\n").verbs == frozenset({"say"})
