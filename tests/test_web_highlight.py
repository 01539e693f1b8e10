"""Offsets -> escaped, well-formed HTML with nested marks."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from dragoman.web.highlight import Mark, highlight


class _Checker(HTMLParser):
    """Collects the text and checks that every mark opened is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1
        assert self.depth >= 0

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(out: str) -> str:
    checker = _Checker()
    checker.feed(out)
    checker.close()
    assert checker.depth == 0
    assert checker.tags <= {"mark"}
    return "".join(checker.text)


def test_highlight_escapes_text_and_attributes() -> None:
    text = '<script>alert("x")</script> & <b>bold</b>'
    out = highlight(text, [Mark(0, 8, "actor", 'a1"><script>', title="<i>t</i>")])
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert 'data-ref="a1&quot;&gt;&lt;script&gt;"' in out
    assert _check(out) == text


def test_highlight_nests_spans_inside_each_other() -> None:
    text = "Lavrov said talks would go on."
    out = highlight(text, [Mark(12, 29, "content", "s1"), Mark(12, 17, "trigger", "e1"),
                           Mark(0, 6, "actor", "a1")])
    assert out.startswith('<mark class="hl hl-actor" data-ref="a1"')
    assert '<mark class="hl hl-content" data-ref="s1" data-kind="content" title' not in out
    assert out.index('data-ref="s1"') < out.index('data-ref="e1"')
    assert _check(out) == text


def test_highlight_splits_overlapping_spans_into_fragments() -> None:
    text = "abcdefghij"
    out = highlight(text, [Mark(0, 6, "content", "s1"), Mark(4, 9, "actor", "a1")])
    assert out.count('data-ref="a1"') == 2
    assert 'data-fragment="1"' in out
    assert _check(out) == text


def test_highlight_drops_spans_outside_the_text() -> None:
    out = highlight("short", [Mark(3, 99, "actor", "a1"), Mark(-1, 2, "actor", "a2"),
                              Mark(2, 2, "actor", "a3")])
    assert out == "short"


@given(st.text(alphabet="ab<>&\"' \n", max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40),
                          st.sampled_from(["actor", "trigger", "content", "cue"])), max_size=8))
def test_highlight_always_keeps_the_text_and_balances_tags(
        text: str, spans: list[tuple[int, int, str]]) -> None:
    marks = [Mark(min(a, b), max(a, b), kind, f"r{i}") for i, (a, b, kind) in enumerate(spans)]
    out = highlight(text, marks)
    assert _check(out) == text
    assert html.unescape(out.replace("&lt;", "\0")).count("\0") == text.count("<")
