"""The plain-list view of a parse says what spaCy's tokens say."""

from __future__ import annotations

import pytest

from dragoman.statements.view import View

TEXTS = ["", " ", "Hello.", 'The minister said on Monday that "talks will resume."\n\n'
         "Reuters reported the Kremlin declined to comment. Officials in Kiev disagreed."]


@pytest.mark.parametrize("text", TEXTS)
def test_view_matches_the_tokens(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    view = View(doc)
    assert view.n == len(doc)
    assert view.sents == [s.start for s in doc.sents]
    assert view.head == [t.head.i for t in doc]
    assert view.dep == [t.dep_ for t in doc] and view.pos == [t.pos_ for t in doc]
    assert view.lower == [t.lower_ for t in doc] and view.tag == [t.tag_ for t in doc]
    assert view.lemma == [t.lemma_.lower() for t in doc]
    assert view.ent == [t.ent_type_ for t in doc]
    assert view.punct == [t.is_punct for t in doc] and view.space == [t.is_space for t in doc]
    assert view.idx == [t.idx for t in doc] and view.ends == [t.idx + len(t) for t in doc]
    assert all(view.children(t.i) == [c.i for c in t.children] for t in doc)
