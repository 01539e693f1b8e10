"""Dragoman's limits, in one table; each can be overridden by an environment variable.

``DRAGOMAN_<NAME>`` (e.g. ``DRAGOMAN_MAX_ARTICLE_CHARS=2000000``) replaces a default;
:func:`get` reads the environment each time, so a test or a long-running process can
change a limit without restarting. RELIABILITY.md lists the table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from dragoman.errors import DragomanError

__all__ = ["SETTINGS", "Setting", "get", "table"]


@dataclass(frozen=True)
class Setting:
    """One limit: its name, default value and what it bounds."""

    name: str
    default: int
    help: str

    @property
    def env(self) -> str:
        return f"DRAGOMAN_{self.name.upper()}"


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("max_article_chars", 1_000_000,
            "Longest article text read, in characters; a longer article is refused with "
            "an error naming it, and the run goes on. Articles up to this length are "
            "parsed in parts of at most 100,000 characters (dragoman.parts), so the "
            "parser's memory stays bounded."),
    Setting("max_document_bytes", 200_000_000,
            "Largest single document (text, HTML page, feed, CSV file, WARC record body) "
            "read into memory, in bytes; a larger one is refused with an error."),
    Setting("max_xml_entities", 50,
            "Most entity declarations (<!ENTITY ...>) a feed's DTD may hold; a feed with "
            "more is refused (billion-laughs guard, besides expat's own)."),
    Setting("busy_timeout_ms", 10_000,
            "How long a store connection waits for another one's lock, in milliseconds."),
)}


def get(name: str) -> int:
    """The value of a setting: ``DRAGOMAN_<NAME>`` if set, else its default."""
    setting = SETTINGS[name]
    raw = os.environ.get(setting.env)
    if raw is None or not raw.strip():
        return setting.default
    try:
        value = int(raw.replace("_", "").strip())
    except ValueError:
        raise DragomanError(f"{setting.env}={raw!r} is not a whole number; "
                            f"unset it or give e.g. {setting.default}") from None
    if value < 0:
        raise DragomanError(f"{setting.env}={raw!r} must not be negative")
    return value


def table() -> str:
    """The settings as a Markdown table (for RELIABILITY.md)."""
    lines = ["| setting | environment | default | what it bounds |", "|---|---|---|---|"]
    lines += [f"| `{s.name}` | `{s.env}` | {s.default:,} | {s.help} |" for s in SETTINGS.values()]
    return "\n".join(lines)
