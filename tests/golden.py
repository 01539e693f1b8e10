"""Golden files: what must and must not be extracted from each example article.

Format (``examples/articles/<name>.expected.json``)::

    {"published": "2012-08-29",
     "must":     {"article": {...}, "actors": [...], "events": [...], ...},
     "must_not": {"actors": [...], ...}}

A ``must`` item passes when some record of its kind matches every key it gives;
a ``must_not`` item fails when any record does (so ``{}`` forbids every record of
that kind). Actor references (``source``, ``target``, ``speaker``, ``via``,
``perpetrator``) match the referenced actor's code, country, name or any mention
text, case-insensitively; ``null`` means no actor. ``cameo`` matches as a prefix;
``trigger``, ``content``, ``who``, ``date_text`` (and a timex's ``text``) as a
case-insensitive substring of the record's text; ``location`` matches the location's
name (case-insensitive) or country; actors' ``name``, ``mention`` and ``role`` ignore
case; anything else matches by equality. ``article`` keys equal ``record.article``'s
fields. ``published`` at top level is the publication date given to extraction.

Pure functions, no model: ``load_expected``, ``match_item``, ``check``, ``spans``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dragoman.records import (
    Actor,
    Article,
    Casualty,
    Event,
    Record,
    Span,
    Statement,
    Timex,
)

KINDS = ("actors", "events", "statements", "casualties", "timexes")
ACTOR_REFS = frozenset({"source", "target", "speaker", "via", "perpetrator"})
SUBSTRING_KEYS = frozenset({"trigger", "content", "who", "date_text", "cue", "text"})
ACTOR_KEYS = frozenset({"name", "mention", "code", "country", "sector", "kind", "role"})
CASEFOLD_ACTOR_KEYS = frozenset({"name", "role"})
_CLASSES: dict[str, type] = {"article": Article, "actors": Actor, "events": Event,
                             "statements": Statement, "casualties": Casualty, "timexes": Timex}


class GoldenFormatError(ValueError):
    """An expected file names a kind or key the matcher does not know."""


def load_expected(path: str | Path) -> dict[str, Any]:
    """Read and validate one ``<name>.expected.json``."""
    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    problems = validate(data)
    if problems:
        raise GoldenFormatError(f"{path}: " + "; ".join(problems))
    return data


def validate(expected: dict[str, Any]) -> list[str]:
    """Unknown sections, kinds or keys (a misspelt key would never match)."""
    problems = [f"unknown top-level key {k!r}" for k in expected
                if k not in ("published", "must", "must_not")]
    for section in ("must", "must_not"):
        for kind, items in expected.get(section, {}).items():
            if kind == "article":
                problems += [f"{section}.article: unknown key {k!r}" for k in items
                             if k not in _field_names("article")]
                continue
            if kind not in KINDS:
                problems.append(f"{section}: unknown kind {kind!r}")
                continue
            allowed = _allowed_keys(kind)
            for item in items:
                problems += [f"{section}.{kind}: unknown key {k!r}" for k in item
                             if k not in allowed]
    return problems


def _field_names(kind: str) -> set[str]:
    return {f.name for f in dataclasses.fields(_CLASSES[kind])}


def _allowed_keys(kind: str) -> set[str]:
    if kind == "actors":
        return set(ACTOR_KEYS)
    return _field_names(kind)


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _actor_matches(actor: Actor | None, wanted: Any) -> bool:
    if wanted is None:
        return actor is None
    if actor is None:
        return False
    names = {actor.code, actor.country, actor.name, *(m.text for m in actor.mentions)}
    return _fold(wanted) in {_fold(n) for n in names if n}


def _text_of(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else None


def _actor_key(actor: Actor, key: str, wanted: Any) -> bool:
    if key == "mention":
        return any(_fold(m.text) == _fold(wanted) for m in actor.mentions)
    value = getattr(actor, key)
    if key in CASEFOLD_ACTOR_KEYS:
        return _fold(value) == _fold(wanted)
    return bool(value == wanted)


def _matches_key(kind: str, obj: Any, key: str, wanted: Any, record: Record) -> bool:
    if kind == "actors":
        return _actor_key(obj, key, wanted)
    value = getattr(obj, key)
    if key in ACTOR_REFS:
        return _actor_matches(record.actor(value), wanted)
    if wanted is None:
        return value is None
    if key == "cameo":
        return isinstance(value, str) and value.startswith(wanted)
    if key in SUBSTRING_KEYS:
        text = _text_of(value)
        return text is not None and _fold(wanted) in _fold(text)
    if key == "location":
        return value is not None and _fold(wanted) in {_fold(value.name), _fold(value.country)}
    return bool(value == wanted)


def match_item(kind: str, item: dict[str, Any], record: Record) -> bool:
    """Whether some record of ``kind`` matches every key of ``item``."""
    if kind == "article":
        return all(getattr(record.article, k) == v for k, v in item.items())
    return any(
        all(_matches_key(kind, obj, k, v, record) for k, v in item.items())
        for obj in getattr(record, kind)
    )


def check(record: Record, expected: dict[str, Any],
          kinds: tuple[str, ...] | None = None) -> list[str]:
    """Human-readable failures of ``record`` against an expected file."""
    failures = []
    for kind in kinds or ("article", *KINDS):
        must = expected.get("must", {}).get(kind) or []
        for item in [must] if isinstance(must, dict) else must:
            if not match_item(kind, item, record):
                failures.append(f"missing {kind}: {_show(item)}{_near(kind, item, record)}")
        for item in expected.get("must_not", {}).get(kind, []):
            if match_item(kind, item, record):
                failures.append(f"unwanted {kind}: {_show(item)}")
    return failures


def _show(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False)


def _near(kind: str, item: dict[str, Any], record: Record) -> str:
    """The record of ``kind`` that matches most keys of ``item``, to make a miss readable."""
    if kind == "article":
        found = {k: getattr(record.article, k) for k in item}
        return f" (got {_show(found)})"
    best, best_score = None, 0
    for obj in getattr(record, kind):
        score = sum(_matches_key(kind, obj, k, v, record) for k, v in item.items())
        if score > best_score:
            best, best_score = obj, score
    if best is None:
        return ""
    wrong = [k for k, v in item.items() if not _matches_key(kind, best, k, v, record)]
    return f" (nearest differs in {', '.join(wrong)}: {_summary(kind, best, record)})"


def _summary(kind: str, obj: Any, record: Record) -> str:
    if kind == "actors":
        return f"{obj.name} {obj.code or ''} {obj.country or ''} {obj.role or ''}".strip()
    fields = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in ACTOR_REFS:
            actor = record.actor(value)
            value = actor.name if actor else None
        elif isinstance(value, Span):
            value = value.text
        elif dataclasses.is_dataclass(value):
            value = getattr(value, "name", None)
        if f.name not in ("evidence", "id", "sentence"):
            fields[f.name] = value
    return _show(fields)


def spans(record: Record) -> list[tuple[str, int, int, str]]:
    """Every (where, start, end, text) span anywhere in a record, for offset checks."""
    return list(_walk(record, "record"))


def _walk(obj: Any, where: str) -> Iterator[tuple[str, int, int, str]]:
    if isinstance(obj, Span):
        yield where, obj.start, obj.end, obj.text
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _walk(getattr(obj, f.name), f"{where}.{f.name}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _walk(value, f"{where}[{i}]")
