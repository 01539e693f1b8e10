"""Removing boilerplate and keeping it as metadata.

Copyright footers, wire slugs, bylines, share/follow lines, "Related:" link lists,
photo captions, reporting credits and end marks are whole lines matched by the rules
in ``data/boilerplate.toml``; they leave the text and go to ``metadata[<key>]`` (and all
of them, in order, to ``metadata["boilerplate"]``). The url and publisher named in a
copyright footer become ``metadata["url"]`` and ``metadata["source"]``; a byline's
names become ``metadata["author"]``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = ["Cleaned", "Rule", "rules", "strip_boilerplate"]

_URL = re.compile(r"https?://[^\s|]+")
_OWNER = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\s*)?([^.|\n]+?(?:\.[a-z]{2,})?)\s*[.|]",
    re.IGNORECASE)
_BYLINE_NAMES = re.compile(r"^\s*by\s+(.+?)\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-•*–—>]|\d+[.)])\s+")
_BLOCK_LINE_MAX = 160


@dataclass
class Cleaned:
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    key: str
    pattern: re.Pattern[str]
    where: str = "any"  # any | head | tail
    block: bool = False


@functools.cache
def rules() -> tuple[tuple[Rule, ...], int, int]:
    """The boilerplate rules, and how many lines count as head and tail."""
    raw = resources.files("dragoman.ingest").joinpath("data/boilerplate.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    out = []
    for item in data["rule"]:
        flags = 0 if item.get("case") else re.IGNORECASE
        out.append(Rule(item["key"], re.compile(item["pattern"], flags),
                        item.get("where", "any"), bool(item.get("block", False))))
    return tuple(out), int(data["head_lines"]), int(data["tail_lines"])


def strip_boilerplate(text: str) -> Cleaned:
    """Take boilerplate lines out of ``text``; return the rest and what was removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    found = _classify(lines)
    metadata: dict[str, Any] = {}
    kept: list[str] = []
    for i, line in enumerate(lines):
        key = found.get(i)
        if key is None:
            kept.append(line)
            continue
        metadata.setdefault(key, []).append(line.strip())
        metadata.setdefault("boilerplate", []).append(line.strip())
    _derive(metadata)
    body = _squeeze("\n".join(kept)).strip()
    return Cleaned(text=body + ("\n" if body else ""), metadata=metadata)


def _classify(lines: list[str]) -> dict[int, str]:
    """Line index -> rule key for every boilerplate line."""
    all_rules, head_n, tail_n = rules()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    head, tail = set(filled[:head_n]), set(filled[-tail_n:])
    found: dict[int, str] = {}
    i = 0
    while i < len(lines):
        rule = _match(lines[i], i, all_rules, head, tail) if lines[i].strip() else None
        if rule is None:
            i += 1
            continue
        found[i] = rule.key
        i += 1
        if rule.block:
            while i < len(lines) and _block_line(lines[i]):
                found[i] = rule.key
                i += 1
    return found


def _match(line: str, i: int, all_rules: tuple[Rule, ...], head: set[int],
           tail: set[int]) -> Rule | None:
    for rule in all_rules:
        if rule.where == "head" and i not in head:
            continue
        if rule.where == "tail" and i not in tail:
            continue
        if rule.pattern.fullmatch(line):
            return rule
    return None


def _block_line(line: str) -> bool:
    """A link title or bullet under a "Related:" heading (not a paragraph)."""
    stripped = line.strip()
    if not stripped or len(stripped) > _BLOCK_LINE_MAX:
        return False
    return bool(_BULLET.match(line)) or not stripped.endswith((".", "?", "!", '"', "”"))


def _derive(metadata: dict[str, Any]) -> None:
    for line in metadata.get("copyright", []):
        url = _URL.search(line)
        if url and "url" not in metadata:
            metadata["url"] = url.group(0).rstrip("/.,")
        owner = _OWNER.search(line)
        if owner and "source" not in metadata:
            metadata["source"] = owner.group(1).strip()
    for line in metadata.get("byline", []):
        names = _BYLINE_NAMES.match(line)
        if names and "author" not in metadata:
            metadata["author"] = names.group(1)


def _squeeze(text: str) -> str:
    """At most one blank line in a row where lines were taken out."""
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
