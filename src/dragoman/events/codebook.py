"""The CAMEO codebook as data: names, Goldstein scores, quad classes, PLOVER mapping.

``lookup("042")`` gives the :class:`Entry` of a code; codes that the table lacks fall
back to their parent ("0423" -> "042" -> "04"). ``default_cameo("CONSULT")`` gives the
CAMEO code to use when only a PLOVER type is known.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

__all__ = ["Entry", "default_cameo", "entries", "lookup"]


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    goldstein: float | None
    quad_class: int
    plover: str | None
    mode: str | None
    context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


def _rows(name: str) -> list[list[str]]:
    text = resources.files("dragoman.events").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]  # header


@functools.lru_cache(maxsize=1)
def entries() -> dict[str, Entry]:
    """Every CAMEO code of the codebook, by code."""
    table: dict[str, Entry] = {}
    for row in _rows("codebook.tsv"):
        row += [""] * (7 - len(row))
        code, name, goldstein, quad, plover, mode, context = row[:7]
        table[code] = Entry(code, name, float(goldstein) if goldstein else None, int(quad),
                            plover or None, mode or None, context or None)
    return table


def lookup(cameo: str) -> Entry | None:
    """The entry of a CAMEO code, or of its nearest parent; None for unknown roots."""
    table = entries()
    code = cameo.strip()
    while code:
        if code in table:
            return table[code]
        code = code[:-1] if len(code) > 2 else ""
    return None


@functools.lru_cache(maxsize=1)
def _defaults() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("plover_defaults.tsv")}


def default_cameo(plover: str) -> str | None:
    """The CAMEO code that stands for a PLOVER type (older type names accepted)."""
    return _defaults().get(plover.upper())
