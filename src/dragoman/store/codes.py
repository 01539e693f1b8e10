"""Published column layouts (GDELT, Phoenix) and the parts of CAMEO actor codes."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources

__all__ = ["ActorCode", "columns", "split_code"]


@functools.cache
def columns(name: str) -> tuple[str, ...]:
    """Column names of a layout in ``store/data/<name>.columns`` (gdelt1-events...)."""
    text = resources.files("dragoman.store").joinpath(f"data/{name}.columns").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


@functools.cache
def _parts() -> dict[str, frozenset[str]]:
    raw = resources.files("dragoman.store").joinpath("data/cameo-actor-codes.toml")
    data = tomllib.loads(raw.read_text("utf-8"))
    return {k: frozenset(v) for k, v in data.items()}


@dataclass
class ActorCode:
    """A CAMEO actor code split into GDELT's and Phoenix's columns."""

    code: str = ""
    root: str = ""  # country code, or IGO/NGO/IMG/MNC...
    country: str = ""
    known_group: str = ""
    ethnic: str = ""
    religions: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # every part after the root


def split_code(code: str | None, country: str | None = None) -> ActorCode:
    """Split ``RUSGOVMIL`` into country RUS and types GOV, MIL; ``IGOUNO`` into IGO, UNO."""
    if not code:
        return ActorCode(country=country or "")
    parts = _parts()
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    out = ActorCode(code=code, root=chunks[0], others=chunks[1:])
    if chunks[0] in parts["international"]:
        out.types.append(chunks[0])
    else:
        out.country = chunks[0]
    for chunk in chunks[1:]:
        if chunk in parts["religions"]:
            out.religions.append(chunk)
        elif chunk in parts["types"]:
            out.types.append(chunk)
        elif not out.known_group:
            out.known_group = chunk
    if not out.country and country:
        out.country = country
    return out
