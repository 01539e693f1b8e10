"""Golden files: what must and must not be extracted from each example article.

Format (``examples/articles/<name>.expected.json``)::

    {"published": "2012-08-29",
     "must":     {"article": {...}, "actors": [...], "events": [...], ...},
     "must_not": {"actors": [...], ...}}

A ``must`` item passes when some record of its kind matches every key it gives;
a ``must_not`` item fails when any record does. Actor references (``source``,
``target``, ``speaker``, ``via``, ``perpetrator``) match the referenced actor's code,
country, name or any mention text, case-insensitively; ``null`` means no actor.
``cameo`` matches as a prefix; ``trigger``, ``content``, ``who`` and ``date_text``
as a case-insensitive substring of the span text; ``location`` matches the location's
name or country; anything else by equality (``role``, ``name``, ``mention`` ignore case).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dragoman.records import Actor, Record

KINDS = ("actors", "events", "statements", "casualties")
ACTOR_REFS = {"source", "target", "speaker", "via", "perpetrator"}
SPAN_FIELDS = {"trigger": "trigger", "content": "content", "who": None, "date_text": None,
               "cue": "cue", "span": "span"}


def load_expected(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _actor_matches(actor: Actor | None, wanted: Any) -> bool:
    if wanted is None:
        return actor is None
    if actor is None:
        return False
    names = {actor.code, actor.country, actor.name, *(m.text for m in actor.mentions)}
    return _fold(wanted) in {_fold(n) for n in names if n}


def _text_of(obj: Any, key: str) -> str | None:
    value = getattr(obj, key, None)
    if value is None:
        return None
    return value if isinstance(value, str) else getattr(value, "text", None)


def _matches_key(kind: str, obj: Any, key: str, wanted: Any, record: Record) -> bool:
    if kind == "actors":
        if key == "mention":
            return any(_fold(m.text) == _fold(wanted) for m in obj.mentions)
        if key in ("name", "role"):
            return _fold(getattr(obj, key)) == _fold(wanted)
        return bool(getattr(obj, key, None) == wanted)
    if key in ACTOR_REFS:
        return _actor_matches(record.actor(getattr(obj, key, None)), wanted)
    if key == "cameo":
        code = obj.cameo or ""
        return code.startswith(wanted) if wanted is not None else obj.cameo is None
    if key in SPAN_FIELDS:
        text = _text_of(obj, key)
        return text is not None and _fold(wanted) in _fold(text)
    if key == "location":
        loc = obj.location
        if wanted is None:
            return loc is None
        return loc is not None and _fold(wanted) in {_fold(loc.name), _fold(loc.country)}
    return bool(getattr(obj, key, None) == wanted)


def match_item(kind: str, item: dict[str, Any], record: Record) -> bool:
    """Whether some record of ``kind`` matches every key of ``item``."""
    if kind == "article":
        return all(getattr(record.article, k, None) == v for k, v in item.items())
    return any(
        all(_matches_key(kind, obj, k, v, record) for k, v in item.items())
        for obj in getattr(record, kind)
    )


def check(record: Record, expected: dict[str, Any], kinds: tuple[str, ...] | None = None) -> list[str]:
    """Human-readable failures of ``record`` against an expected file."""
    kinds = kinds or ("article", *KINDS)
    failures = []
    must = expected.get("must", {})
    for kind in kinds:
        items = must.get(kind)
        if kind == "article" and items:
            items = [items]
        for item in items or []:
            if not match_item(kind, item, record):
                failures.append(f"missing {kind}: {json.dumps(item, ensure_ascii=False)}")
        for item in expected.get("must_not", {}).get(kind, []):
            if match_item(kind, item, record):
                failures.append(f"unwanted {kind}: {json.dumps(item, ensure_ascii=False)}")
    return failures


def spans(record: Record) -> list[tuple[str, int, int, str]]:
    """Every (what, start, end, text) span in a record, for offset checks."""
    out = [(f"mention of {a.name}", m.start, m.end, m.text) for a in record.actors for m in a.mentions]
    out += [("trigger", e.trigger.start, e.trigger.end, e.trigger.text) for e in record.events]
    for s in record.statements:
        out.append(("content", s.content.start, s.content.end, s.content.text))
        if s.cue:
            out.append(("cue", s.cue.start, s.cue.end, s.cue.text))
    out += [("casualty", c.span.start, c.span.end, c.span.text) for c in record.casualties]
    for t in getattr(record, "timexes", None) or []:
        out.append(("timex", t.start, t.end, t.text))
    return out
