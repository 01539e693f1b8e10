"""Weights looked up by feature tuples give the floats of the feature strings."""

from __future__ import annotations

from dragoman.statements import boundaries, learned
from dragoman.statements.weights import Table, name


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
