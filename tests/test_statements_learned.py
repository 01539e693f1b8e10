"""The learned cue model: loading, scoring, and the candidates it adds."""

from __future__ import annotations

from dragoman.statements import cues, learned


def test_learned_model_loads_with_threshold() -> None:
    model = learned.load()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert model.weights


def test_learned_probability_is_logistic() -> None:
    model = learned.Model({"a": 2.0}, 0.0, 0.5)
    assert model.probability([]) == 0.5
    assert model.probability(["a"]) > 0.85
    assert model.probability(["unknown"]) == 0.5


def test_learned_find_adds_object_of_stance_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The union backed the new trade agreement on Tuesday.")
    model = learned.Model({"l=back": 5.0}, -2.0, 0.5)
    found = learned.find(doc, cues.load(), [], model)
    assert [c.head.text for c in found] == ["backed"]
    start, end = found[0].content
    assert doc.text[start:end] == "the new trade agreement"
    assert found[0].subject is not None and found[0].subject.text == "union"


def test_learned_find_noun_with_possessor(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Her plan to raise the minimum wage drew criticism.")
    model = learned.Model({"l=plan": 5.0}, -2.0, 0.5)
    found = learned.find(doc, cues.load(), [], model)
    assert [c.head.text for c in found] == ["plan"]
    assert found[0].subject is not None and found[0].subject.lower_ == "her"


def test_learned_find_skips_below_threshold(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The union backed the new trade agreement on Tuesday.")
    assert learned.find(doc, cues.load(), [], learned.Model({}, -5.0, 0.5)) == []
