"""The shared corpora the benchmarks read in place (``../shared/corpora``)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NEWS = CORPORA / "news-10k.jsonl.gz"
WIRE = CORPORA / "wire-2k.jsonl.gz"


def rows(path: Path, n: int) -> list[dict[str, Any]]:
    """The first ``n`` rows of a gzipped JSONL corpus that have a non-empty ``text``."""
    out: list[dict[str, Any]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= n:
                break
            row = json.loads(line)
            if (row.get("text") or "").strip():
                out.append(row)
    return out


def texts(path: Path, n: int) -> list[str]:
    """The texts of :func:`rows`."""
    return [row["text"] for row in rows(path, n)]
