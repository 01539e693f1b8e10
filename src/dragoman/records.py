"""The records every stage of dragoman shares, and their JSON round trip.

Field names follow the record contract in DESIGN.md; fields may be added, never
renamed. Every offset is a character offset into ``Article.text``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

__all__ = [
    "Actor",
    "Article",
    "Casualty",
    "Event",
    "Location",
    "Mention",
    "Record",
    "Span",
    "Statement",
    "Timex",
    "from_dict",
    "to_dict",
]

ActorKind = Literal["person", "state", "organisation", "group", "media", "other"]
Modality = Literal["asserted", "intended", "hypothetical", "threatened", "reported"]
StatementKind = Literal["direct", "indirect", "mixed"]
CasualtyKind = Literal["killed", "wounded", "arrested", "displaced"]


@dataclass
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class Mention(Span):
    """One place where an actor is named or referred to."""


@dataclass
class Actor:
    id: str
    name: str
    kind: ActorKind = "other"
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    source: str | None = None  # where the coding came from: dictionary, title, context


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Event:
    id: str
    source: str | None
    target: str | None
    plover: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    trigger: Span
    sentence: int
    evidence: str
    negated: bool = False
    modality: Modality = "asserted"
    date: str | None = None
    date_text: str | None = None
    date_source: Literal["text", "published", "none"] = "none"
    location: Location | None = None
    confidence: float = 1.0
    plover_mode: str | None = None
    plover_context: str | None = None
    reporter: str | None = None  # actor id of who reported the event, when inside speech


@dataclass
class Statement:
    id: str
    speaker: str | None
    speaker_text: str | None
    kind: StatementKind
    content: Span
    cue: Span | None
    sentence: int
    via: str | None = None
    speaker_span: Span | None = None  # where the speaker is written (speaker_text's offsets)
    parts: list[Span] = field(default_factory=list)  # quoted pieces, when split by the cue


@dataclass
class Casualty:
    count: int | None
    qualifier: str | None
    kind: CasualtyKind
    who: str | None
    span: Span
    perpetrator: str | None = None
    date: str | None = None


@dataclass
class Timex(Span):
    """A time expression: type DATE|TIME|DURATION|SET, value in TimeML (ISO 8601) form."""

    type: str = "DATE"
    value: str | None = None


@dataclass
class Article:
    id: str
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    dateline: str | None = None
    language: str = "en"
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class Record:
    """Everything dragoman extracted from one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(to_dict(self), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return from_dict(cls, data)

    @classmethod
    def from_json(cls, text: str) -> Record:
        return from_dict(cls, json.loads(text))

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None


def to_dict(obj: Any) -> dict[str, Any]:
    """A record as plain JSON-ready data (dicts, lists, str, numbers, None)."""
    return dataclasses.asdict(obj)


T = TypeVar("T")


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record dataclass from :func:`to_dict` output; unknown keys are kept out."""
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(args[0], value) if len(args) == 1 else value
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, v) for v in value]
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_dict(hint, value)
    return value
