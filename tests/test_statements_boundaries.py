"""Content boundaries: candidate extents, the model's choice, repeated contents, and the
cue model's passive and 'called for' contents."""

from __future__ import annotations

import pytest

from dragoman.statements import assemble, boundaries, cues, learned, reported

pytestmark = pytest.mark.slow

_RELATIVE = "The mayor praised the new budget, which raises taxes on tobacco."
_OBJECT = "the new budget, which raises taxes on tobacco"


def _extents(nlp, text: str, cue: str, content: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    token = next(t for t in doc if t.text == cue)
    start = text.index(content)
    found = boundaries.alternatives(boundaries.View(doc), text, start, start + len(content),
                                    (token.i, token.i), len(text))
    return doc, token, found


def test_boundaries_alternatives_start_with_the_given_extent(nlp) -> None:  # type: ignore[no-untyped-def]
    _, _, found = _extents(nlp, _RELATIVE, "praised", _OBJECT)
    assert (found[0].how_start, found[0].how_end) == ("given", "given")
    texts = [_RELATIVE[x.start:x.end] for x in found]
    assert "the new budget" in texts
    assert len(set(texts)) == len(texts)


def test_boundaries_choose_follows_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    content = "the new budget, which raises taxes on tobacco"
    doc, token, _ = _extents(nlp, _RELATIVE, "praised", content)
    start = _RELATIVE.index(content)
    cut = boundaries.Model({"eb=cut,": 5.0})
    view = boundaries.View(doc)
    chosen = boundaries.choose(view, _RELATIVE, start, start + len(content), [token], "object",
                               len(_RELATIVE), cut)
    assert _RELATIVE[chosen[0]:chosen[1]] == "the new budget"
    kept = boundaries.choose(view, _RELATIVE, start, start + len(content), [token], "object",
                             len(_RELATIVE), boundaries.Model({}))
    assert kept == (start, start + len(content))


def test_boundaries_alternatives_drop_a_leading_complementiser(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The minister said that the border would stay closed."
    _, _, found = _extents(nlp, text, "said", "that the border would stay closed")
    assert "the border would stay closed" in [text[x.start:x.end] for x in found]


def test_boundaries_model_loads() -> None:
    model = boundaries.load()
    assert model is not None and model.weights


def test_assemble_drops_a_content_repeated_by_a_nested_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The senator said they fear the deal will fail."
    doc = nlp(text)
    said, fear = doc[2], doc[4]
    outer = assemble.Draft(text.index("they"), len(text) - 1, "indirect",
                           reported.Candidate([said], None))
    inner = assemble.Draft(text.index("the deal"), len(text) - 1, "indirect",
                           reported.Candidate([fear], None))
    assert assemble._without_repeats([outer, inner]) == [outer]


def test_learned_content_of_passive_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The proposal was backed by the union.")
    kind, head = learned.content_of(doc[3], cues.load().cue_verbs) or ("", None)
    assert kind == "nsubjpass" and head is not None and head.text == "proposal"
    source = learned.source_of(doc[3])
    assert source is not None and source.text == "union"


def test_learned_content_of_called_for(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The senator called for the president to resign.")
    kind, head = learned.content_of(doc[2], cues.load().cue_verbs) or ("", None)
    assert kind == "for" and head is not None and head.text == "resign"


def test_boundaries_alternatives_stop_before_another_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The board said the plant would close and warned that jobs would go."
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    start, end = text.index("the plant"), text.index(" and warned")
    view = boundaries.View(doc)
    free = boundaries.alternatives(view, text, start, end, (said.i, said.i), len(text))
    assert any("warned" in text[x.start:x.end] for x in free)
    blocked = boundaries.alternatives(view, text, start, end, (said.i, said.i), len(text),
                                      (text.index("warned"),))
    assert not any("warned" in text[x.start:x.end] for x in blocked)
