"""Weights looked up by feature tuples, or template by template, give the floats of the
feature strings."""

from __future__ import annotations

import pytest

from dragoman.statements import boundaries, cues, learned, reported
from dragoman.statements.view import View
from dragoman.statements.weights import Table, Templates, name


def test_table_finds_parts_that_hold_bars() -> None:
    weights = {"fs=punct:|||nomark|that": 1.5, "e=cut,|nsubj": -0.25, "l=a|b": 2.0}
    table = Table(weights)
    features = [("fs", "punct:|", "nomark|that"), ("e", "cut,|nsubj"), ("l", "a|b"),
                ("fs", "punct:", "||nomark|that"), ("l", "a", "b"), ("e", "cut,")]
    assert table.total(features) == sum(weights.get(name(f), 0.0) for f in features)
    assert [table.weights.get(f) for f in features[3:]] == [1.5, 2.0, None]


def test_models_score_tuples_as_strings() -> None:
    cut = boundaries.Model({"eb=cut,": 5.0, "se=given/cut,|nsubj": 0.5})
    features = [("eb", "cut,"), ("se", "given/cut,|nsubj"), ("q", "0")]
    assert cut.score_of(features) == cut.score([name(f) for f in features])
    cue = learned.Model({"lk=back|dobj": 1.25, "l=back": 0.5}, -1.0, 0.5)
    features = [("l", "back"), ("lk", "back", "dobj"), ("lk", "back|dobj")]
    assert cue.probability_of(features) == cue.probability([name(f) for f in features])


_TEXT = ("The mayor said on Monday that the new budget, which raises taxes on tobacco, "
         "would pass. \"It is a good plan,\" she told reporters. Critics urged the council to "
         "reject it, arguing it hurts the poor; his plan to cut spending was backed by unions.")


def test_templates_hold_every_cut_of_a_key() -> None:
    templates = Templates({"cs=:|pobj|about": 1.5, "l=a|b": 2.0, "zz=x": 1.0},
                          {"cs": 2, "l": 1, "q": 1})
    assert templates.tables["cs"][":"]["pobj|about"] == 1.5
    assert templates.tables["cs"][":|pobj"]["about"] == 1.5
    assert templates.tables["l"] == {"a|b": 2.0}
    assert templates.tables["q"] == {} and "zz" not in templates.tables


@pytest.mark.slow
def test_cue_weights_give_the_float_of_the_feature_strings(nlp) -> None:  # type: ignore[no-untyped-def]
    model, lexicon = learned.load(), cues.load()
    assert model is not None
    view = View(nlp(_TEXT))
    quoted = learned.quote_parity(view.doc, view)
    scored = 0
    for i, kind, h in learned._candidates_at(view, set()):
        source = learned._source_at(view, i)
        for inside, first in (("none", True), ("clause", False)):
            args = (view, i, kind, h, source, lexicon, inside, quoted[i], first)
            strings = [name(f) for f in learned._features_at(*args)]
            weights = learned._weights_at(*args, model)
            assert model.probability_of_weights(weights) == model.probability(strings)
            scored += 1
    assert scored >= 6


@pytest.mark.slow
def test_extent_scores_give_the_float_of_the_feature_strings(nlp) -> None:  # type: ignore[no-untyped-def]
    model = boundaries.load()
    assert model is not None
    doc = nlp(_TEXT)
    view = View(doc)
    scored = 0
    for candidate in reported.find(doc, cues.load(), view):
        if candidate.content is None:
            continue
        start, end = candidate.content
        cue = (candidate.cue[0].i, candidate.cue[-1].i)
        found = boundaries.alternatives(view, _TEXT, start, end, cue, len(_TEXT))
        for how in ("clause", "learned"):
            content = boundaries._Content(found[0], *view.tokens(start, end), cue,
                                          candidate.head.lemma_.lower(), how)
            for extent in found:
                strings = [name(f) for f in boundaries._features(view, _TEXT, extent, content)]
                assert boundaries._score(view, _TEXT, extent, content, model) == \
                    model.score(strings)
                scored += 1
    assert scored >= 10
