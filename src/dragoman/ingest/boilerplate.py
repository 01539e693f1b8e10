"""Removing boilerplate (copyright footers and the like) and keeping it as metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# "Copyright © 2012 Example.com. All Rights Reserved. | https://example.com/stories/en/123 |"
_FOOTER = re.compile(
    r"^[ \t]*(?:copyright|\(c\)|©)[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_URL = re.compile(r"https?://[^\s|]+")
_OWNER = re.compile(r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\s*)?([^.|\n]+?(?:\.[a-z]{2,})?)\s*[.|]",
                    re.IGNORECASE)


@dataclass
class Cleaned:
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


def strip_boilerplate(text: str) -> Cleaned:
    """Take copyright footers out of ``text``; return the rest and what was removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    metadata: dict[str, Any] = {}
    removed: list[str] = []
    for match in _FOOTER.finditer(text):
        line = match.group(0).strip()
        removed.append(line)
        url = _URL.search(line)
        if url and "url" not in metadata:
            metadata["url"] = url.group(0).rstrip("/.,")
        owner = _OWNER.search(line)
        if owner and "source" not in metadata:
            metadata["source"] = owner.group(1).strip()
    if removed:
        metadata["boilerplate"] = removed
        text = _FOOTER.sub("", text)
    return Cleaned(text=text.strip() + ("\n" if text.strip() else ""), metadata=metadata)
