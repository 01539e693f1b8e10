"""Very long articles are analysed in parts and put back together exactly."""

from __future__ import annotations

import pytest

from dragoman import parts
from dragoman.ingest import article_from_text
from dragoman.pipeline import extract_batch
from tests import golden

PARAGRAPH = ("Russia condemned the attack on its embassy in Kiev on Monday. "
             "\"This is unacceptable,\" Foreign Minister Sergei Lavrov told reporters. "
             "Police arrested 30 protesters in central Cairo, the interior ministry said.\n\n")


def test_parts_split_text_covers_the_text_at_paragraph_breaks() -> None:
    text = PARAGRAPH * 50
    pieces = parts.split_text(text, limit=1000)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    assert all(text[off:off + len(p)] == p for off, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])


def test_parts_split_text_without_breaks_still_bounded() -> None:
    text = "word " * 1000 + "x" * 3000
    pieces = parts.split_text(text, limit=700)
    assert "".join(p for _, p in pieces) == text and all(len(p) <= 700 for _, p in pieces)


@pytest.mark.slow
def test_parts_long_article_offsets_map_back(monkeypatch: pytest.MonkeyPatch) -> None:
    article = article_from_text(PARAGRAPH * 6, published="2014-03-03")
    (whole,) = extract_batch([article])
    monkeypatch.setattr(parts, "PART_CHARS", 500)
    (split,) = extract_batch([article])
    assert split.article == article
    for what, start, end, text in golden.spans(split):
        assert article.text[start:end] == text, what
    ids = {a.id for a in split.actors}
    assert all(e.source in ids for e in split.events if e.source)
    assert all(s.speaker in ids for s in split.statements if s.speaker)
    assert len(split.events) == len(whole.events)
    assert len(split.statements) == len(whole.statements)
    assert len({a.id for a in split.actors}) == len(split.actors)
