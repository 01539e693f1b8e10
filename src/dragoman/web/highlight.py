"""Character offsets -> escaped HTML with nested ``<mark>`` elements.

Every piece of article text is escaped; spans may nest or overlap. Overlapping spans
are split so the result is always well-formed HTML: a span cut by another is closed
and reopened, each fragment carrying the same ``data-ref`` so the browser highlights
them together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

__all__ = ["Mark", "highlight"]

# When two spans share both ends, the wider concept wraps the narrower one.
_KIND_ORDER = {"content": 0, "cue": 1, "casualty": 2, "trigger": 3, "actor": 4}


@dataclass(frozen=True)
class Mark:
    """One highlighted stretch of text: ``kind`` names the CSS class, ``ref`` the record."""

    start: int
    end: int
    kind: str
    ref: str
    title: str | None = None
    attrs: tuple[tuple[str, str], ...] = field(default=())


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """The text as HTML, each mark wrapped in ``<mark class="hl hl-KIND" data-ref=REF>``.

    Marks outside the text or empty are dropped; the text between marks is escaped.
    """
    valid = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)),
        key=lambda m: (m.start, -m.end, _KIND_ORDER.get(m.kind, 9), m.ref),
    )
    points = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    starts: dict[int, list[Mark]] = {}
    for mark in valid:
        starts.setdefault(mark.start, []).append(mark)
    out: list[str] = []
    stack: list[Mark] = []
    for here, nxt in zip(points, [*points[1:], None], strict=True):
        _close_ending(stack, here, out)
        for mark in starts.get(here, ()):
            out.append(_open(mark))
            stack.append(mark)
        if nxt is not None:
            out.append(escape(text[here:nxt], quote=False))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _close_ending(stack: list[Mark], here: int, out: list[str]) -> None:
    """Close every open mark that ends here, reopening the inner ones that go on."""
    if not any(m.end == here for m in stack):
        return
    deepest = min(i for i, m in enumerate(stack) if m.end == here)
    reopen = [m for m in stack[deepest:] if m.end != here]
    out.extend("</mark>" for _ in stack[deepest:])
    del stack[deepest:]
    for mark in reopen:
        out.append(_open(mark, fragment=True))
        stack.append(mark)


def _open(mark: Mark, fragment: bool = False) -> str:
    attrs = [("class", f"hl hl-{mark.kind}"), ("data-ref", mark.ref), ("data-kind", mark.kind)]
    if mark.title:
        attrs.append(("title", mark.title))
    if fragment:
        attrs.append(("data-fragment", "1"))
    attrs.extend(mark.attrs)
    inner = " ".join(f'{name}="{escape(value)}"' for name, value in attrs)
    return f"<mark {inner}>"
