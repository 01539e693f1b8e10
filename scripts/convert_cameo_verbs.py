"""Build ``src/dragoman/events/data/verbs.json`` from PETRARCH's CAMEO verb dictionary.

Usage: python scripts/convert_cameo_verbs.py [SHARED_DIR]

Reads ``dictionaries/CAMEO.2.0.txt`` (Open Event Data Alliance, MIT licence) and keeps
what dependency matching needs: synonym sets, verbs (lemma or "lemma particle") with
their block, and each block's default code and patterns. A pattern is
``[pre, post, code]``: ``pre`` words on the subject side, ``post`` items on the object
side, each a word, a ``&SET`` name, or a list ``[prep, word...]`` for a prepositional
phrase; a fourth field names the verb the pattern was written for (from its comment),
and the pattern then applies to that verb only. Verbs map to [block, code or null,
base form]. Codes written ``[:X]`` (the verb's subject is the target) become ``"~X"``;
``[---]`` (no event) becomes ``""``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dragoman" / "events" / "data" / "verbs.json"
ATTRIBUTION = ("Converted from CAMEO.2.0.txt, the PETRARCH CAMEO verb pattern dictionary "
               "(github openeventdata/petrarch2), Copyright (c) 2015 Open Event Data "
               "Alliance, MIT licence; by scripts/convert_cameo_verbs.py.")


def code_of(text: str) -> str:
    """'[042:043]' -> '042'; '[:173]' -> '~173'; '[---]' -> ''."""
    text = text.strip("[] ")
    if text.startswith("---"):
        return ""
    first, _, second = text.partition(":")
    if first:
        return first
    return "~" + second if second else ""


def word(token: str) -> str:
    token = token.strip().rstrip("_").lower().replace("_", " ")
    return token


def parse_side(text: str) -> list[Any]:
    """Pattern words -> items: 'word', '&SET', or ['prep', items...]."""
    items: list[Any] = []
    for m in re.finditer(r"\(([^)]*)\)|\{([^}]*)\}|(\S+)", text):
        if m.group(1) is not None:
            tokens = m.group(1).replace("{", " ").replace("}", " ").split()
            inner = [w for w in (_item(t) for t in tokens) if w]
            if inner:
                items.append(inner)
        elif m.group(2) is not None:
            items.extend(w for w in (_item(t) for t in m.group(2).split()) if w)
        else:
            w = _item(m.group(3))
            if w:
                items.append(w)
    return items


def _item(token: str) -> str:
    if token in {"$", "+", "^", "%", "|"} or not token.strip():
        return ""
    token = token.strip("$+^%|")
    if token.startswith("&"):
        return "&" + token[1:].upper().rstrip("_")
    return word(token)


def parse(path: Path) -> dict[str, Any]:
    synsets: dict[str, list[str]] = {}
    verbs: dict[str, list[str]] = {}
    blocks: dict[str, dict[str, Any]] = {}
    section, current_set, block = "", "", ""
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
        elif raw.startswith("######## TRANSFORMATIONS"):
            break
        if not line.strip():
            continue
        if section != "verbs":
            if line.startswith("&"):
                current_set = line[1:].strip().upper().rstrip("_")
                synsets[current_set] = []
            elif line.startswith("+") and current_set:
                synsets[current_set].append(word(line[1:]))
            continue
        m = re.match(r"^---\s+(\S+)\s+(\[[^\]]*\])\s+---", line)
        if m:
            block = m.group(1)
            blocks[block] = {"code": code_of(m.group(2)), "patterns": []}
            continue
        if line.startswith("-"):
            m = re.match(r"^-\s*(.*?)\*(.*?)(\[[^\]]*\])", line)
            if m and block:
                blocks[block]["patterns"].append(
                    [parse_side(m.group(1)), parse_side(m.group(2)), code_of(m.group(3)),
                     _origin(raw)])
            continue
        _read_verb(line, block, verbs)
    _settle_origins(verbs, blocks)
    return {"attribution": ATTRIBUTION, "synsets": synsets, "verbs": verbs, "blocks": blocks}


def _settle_origins(verbs: dict[str, list[Any]], blocks: dict[str, dict[str, Any]]) -> None:
    """Origins become base forms; a one-word origin the block lacks ("urge") joins it."""
    for name, block in blocks.items():
        for pattern in block["patterns"]:
            origin = pattern[3]
            if origin in verbs and verbs[origin][0] == name:
                pattern[3] = verbs[origin][2]
            elif origin and " " not in origin and origin not in verbs:
                verbs[origin] = [name, None, origin]
            else:
                pattern[3] = ""


def _origin(raw: str) -> str:
    """The verb a pattern was written for, from its comment ("# RUSH" -> "rush")."""
    comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
    first = re.split(r"[\s,]+", comment)[0] if comment else ""
    return first.lower().replace("_", " ") if re.fullmatch(r"[A-Z][A-Z_\-]+", first) else ""


def _read_verb(line: str, block: str, verbs: dict[str, list[str]]) -> None:
    m = re.match(r"^\s*(\+?)([A-Z0-9_'\-/]+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line)
    if not m or not block:
        return
    name = m.group(2)
    parts = [p.lower() for p in name.split("_") if p]
    if not parts or "and" in parts[1:] or "or" in parts[1:]:
        return
    key = " ".join(parts)
    code = code_of(m.group(4)) if m.group(4) else None
    verbs.setdefault(key, [block, code, key])
    for form in (m.group(3) or "").strip("{} ").split():
        fparts = [p.lower() for p in form.lstrip("+").split("_") if p]
        if fparts:
            verbs.setdefault(" ".join(fparts), [block, code, key])


def main(shared: Path) -> None:
    data = parse(shared / "dictionaries" / "CAMEO.2.0.txt")
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    n = sum(len(b["patterns"]) for b in data["blocks"].values())
    print(f"wrote {len(data['verbs'])} verbs, {len(data['blocks'])} blocks, {n} patterns to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
