"""Statements from parsed sentences, with actors given by hand (the actors stage is
tested apart)."""

from __future__ import annotations

import pytest

from dragoman import statements
from dragoman.records import Actor, Article, Mention, Statement

pytestmark = pytest.mark.slow


def _actor(actor_id: str, text: str, name: str, kind: str, *phrases: str) -> Actor:
    mentions = []
    for phrase in phrases or (name,):
        start = text.index(phrase)
        mentions.append(Mention(start, start + len(phrase), phrase))
    return Actor(id=actor_id, name=name, kind=kind, mentions=mentions)  # type: ignore[arg-type]


def _run(nlp, text: str, actors: list[Actor] | None = None) -> list[Statement]:  # type: ignore[no-untyped-def]
    found = statements.extract(nlp(text), Article(id="t", text=text), actors or [])
    for s in found:
        assert text[s.content.start:s.content.end] == s.content.text
        if s.cue is not None:
            assert text[s.cue.start:s.cue.end] == s.cue.text
        if s.speaker_span is not None:
            assert text[s.speaker_span.start:s.speaker_span.end] == s.speaker_span.text
    return found


def test_extract_direct_quote_with_postposed_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We will rebuild the bridge before the winter comes," the mayor said.'
    (s,) = _run(nlp, text)
    assert s.kind == "direct"
    assert s.content.text == '"We will rebuild the bridge before the winter comes,"'
    assert s.cue is not None and s.cue.text == "said"
    assert s.speaker_text == "the mayor"
    assert s.id == "s1" and s.sentence == 0


def test_extract_split_quote_is_one_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '“The plan is sound,” Jane Porter said. “It will pass next week.”'
    actors = [_actor("a1", text, "Jane Porter", "person")]
    (s,) = _run(nlp, text, actors)
    assert s.kind == "direct"
    assert s.content.text.startswith("“The plan") and s.content.text.endswith("next week.”")
    assert s.speaker == "a1"


def test_extract_quote_over_two_paragraphs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The governor told reporters:\n\n“The first stage of the plan is ready now.\n\n"
            "“The second stage will follow in the spring.”")
    (s,) = _run(nlp, text)
    assert s.kind == "direct"
    assert s.content.text.startswith("“The first") and s.content.text.endswith("spring.”")
    assert s.speaker_text == "The governor"


def test_extract_floating_quote_inherits_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('"We are ready to talk to anyone," said Jane Porter, the union leader.\n\n'
            '"Nobody in this town wants another long strike."')
    actors = [_actor("a1", text, "Jane Porter", "person")]
    first, second = _run(nlp, text, actors)
    assert first.speaker == second.speaker == "a1"
    assert second.cue is None
    assert second.content.text == '"Nobody in this town wants another long strike."'


def test_extract_reported_clause_with_that(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The minister said on Monday that the talks with the rebels had failed."
    (s,) = _run(nlp, text)
    assert s.kind == "indirect"
    assert s.content.text == "that the talks with the rebels had failed"
    assert s.speaker_text == "The minister"


def test_extract_reported_clause_with_postposed_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The talks with the rebels had failed, the minister said."
    (s,) = _run(nlp, text)
    assert s.content.text == "The talks with the rebels had failed"
    assert s.cue is not None and s.cue.text == "said"


def test_extract_partial_quote_is_mixed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The senator said the farm bill had "strong support" from both parties.'
    (s,) = _run(nlp, text)
    assert s.kind == "mixed"
    assert s.content.text == 'the farm bill had "strong support" from both parties'


def test_extract_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "According to the ministry, the convoy reached the border on Tuesday."
    (s,) = _run(nlp, text)
    assert s.cue is not None and s.cue.text == "According to"
    assert s.content.text == "the convoy reached the border on Tuesday"
    assert s.speaker_text == "the ministry"


def test_extract_cue_phrase_in_a_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry said in a statement that the border would stay closed."
    (s,) = _run(nlp, text)
    assert s.cue is not None and s.cue.text == "said in a statement"


def test_extract_agency_chain(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The official Tass news agency quoted deputy foreign minister Ivan Petrov as "
            "saying Moscow would not accept the proposal.")
    actors = [_actor("a1", text, "Tass", "media", "The official Tass news agency"),
              _actor("a2", text, "Ivan Petrov", "person", "deputy foreign minister Ivan Petrov"),
              _actor("a3", text, "Russia", "state", "Moscow")]
    (s,) = _run(nlp, text, actors)
    assert s.speaker == "a2" and s.via == "a1"
    assert s.content.text == "Moscow would not accept the proposal"


def test_extract_according_to_agency_then_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "According to Reuters, the defence minister said the troops would stay."
    actors = [_actor("a1", text, "Reuters", "media"),
              _actor("a2", text, "defence minister", "person")]
    (s,) = _run(nlp, text, actors)
    assert s.speaker == "a2" and s.via == "a1"
    assert s.content.text == "the troops would stay"


def test_extract_state_media_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian state media said the army had retaken the town."
    actors = [_actor("a1", text, "Syrian state media", "media")]
    (s,) = _run(nlp, text, actors)
    assert s.speaker == "a1" and s.via is None


def test_extract_pronoun_speaker_falls_back_to_last_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Ivan Petrov arrived in Geneva on Sunday.\n\n"We came here to listen," he said.'
    actors = [_actor("a1", text, "Ivan Petrov", "person"), _actor("a2", text, "Geneva", "other")]
    (s,) = _run(nlp, text, actors)
    assert s.speaker_text == "he"
    assert s.speaker == "a1"


def test_extract_speech_inside_a_quote_is_not_another_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"I think we will win the vote easily," she said.'
    (s,) = _run(nlp, text)
    assert s.kind == "direct" and s.cue is not None and s.cue.text == "said"


def test_extract_infinitive_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The president urged the council to reject the plan."
    (s,) = _run(nlp, text)
    assert s.content.text == "the council to reject the plan"
    assert s.cue is not None and s.cue.text == "urged"


def test_extract_headline_colon_line(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Jane Porter: The strike will end before the holidays\n\nTalks resumed on Monday."
    (s,) = _run(nlp, text)
    assert s.cue is not None and s.cue.text == ":"
    assert s.speaker_text == "Jane Porter"
    assert s.content.text == "The strike will end before the holidays"


def test_extract_cue_phrase_from_the_lexicon(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The mayor pointed out that the budget had doubled since 2010."
    (s,) = _run(nlp, text)
    assert s.cue is not None and s.cue.text == "pointed out"
    assert s.content.text == "that the budget had doubled since 2010"


def test_extract_raising_verb_keeps_subject_in_content(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The new tariffs seemed to hurt the farmers most."
    (s,) = _run(nlp, text)
    assert s.speaker is None and s.speaker_text is None
    assert [p.text for p in s.parts] == ["The new tariffs", "to hurt the farmers most"]


def test_extract_conjoined_cue_keeps_the_first_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The council said the suspension took effect immediately and warned that the "
            "bloc would impose sanctions.")
    found = _run(nlp, text)
    assert found[0].content.text == "the suspension took effect immediately"
    assert all(s.speaker_text == "The council" for s in found)
