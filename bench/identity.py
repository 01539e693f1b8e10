"""Output identity: every record and stored row for the first N news articles, to compare
the output of two versions of dragoman (e.g. before and after a speed change).

Usage: python bench/identity.py --articles N --out FILE.jsonl [--compare OLD.jsonl]

The articles go the way ``dragoman ingest`` takes them (a JSONL source, the reader,
exact and near-duplicate checks, the pipeline, a fresh SQLite store). Each line of
``--out`` holds one stored article: the record as the pipeline produced it and every
row stored for it (the time of storing left out); a last line holds the ingest counts.
With ``--compare`` the new output is checked against an earlier one: the first
differing article and field are printed and the exit status is 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import corpus  # bench/corpus.py, beside this script

TABLES = ("actors", "mentions", "events", "statements", "casualties", "timexes", "minhashes")
VOLATILE = {"ingested_at"}  # columns that differ from run to run by design


def run(rows: list[dict[str, Any]], model: str | None) -> list[dict[str, Any]]:
    """Ingest ``rows`` into a fresh store; one dict per stored article, then the counts."""
    from dragoman import pipeline
    from dragoman.records import to_dict
    from dragoman.store.ingest import ingest

    produced: dict[str, dict[str, Any]] = {}
    original = pipeline.records

    def capturing(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for record in original(*args, **kwargs):
            produced[record.article.id] = to_dict(record)
            yield record

    pipeline.records = capturing  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "articles.jsonl"
            with src.open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row) + "\n")
            db = Path(tmp) / "identity.db"
            summary = ingest([src], db, model=model)
            out = _stored(db, produced)
    finally:
        pipeline.records = original  # type: ignore[assignment]
    counts = {k: v for k, v in summary.as_dict().items() if k not in ("seconds", "words")}
    out.append({"summary": counts})
    return out


def _stored(db: Path, produced: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    out = []
    try:
        for article in conn.execute("SELECT * FROM articles ORDER BY num"):
            aid = article["id"]
            item: dict[str, Any] = {"id": aid, "record": produced.get(aid),
                                    "article": _row(article)}
            for table in TABLES:
                cur = conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY rowid",
                                   (aid,))
                item[table] = [_row(r) for r in cur]
            out.append(item)
    finally:
        conn.close()
    return out


def _row(row: sqlite3.Row) -> dict[str, Any]:
    return {k: (row[k].hex() if isinstance(row[k], bytes) else row[k])
            for k in row.keys() if k not in VOLATILE}  # noqa: SIM118 -- Row iterates values


def first_difference(old: Any, new: Any, path: str = "") -> str | None:
    """The path of the first place where ``old`` and ``new`` differ, or None."""
    if type(old) is not type(new):
        return f"{path or '.'}: {old!r} != {new!r}"
    if isinstance(old, dict):
        for key in list(old) + [k for k in new if k not in old]:
            if key not in old or key not in new:
                return f"{path}.{key}: only in {'new' if key in new else 'old'}"
            found = first_difference(old[key], new[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(old, list):
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        if len(old) != len(new):
            return f"{path}: {len(old)} items != {len(new)} items"
        return None
    return None if old == new else f"{path or '.'}: {old!r} != {new!r}"


def compare(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> int:
    """Print the first difference; the number of differing lines (0 when identical)."""
    differing = 0
    for i in range(max(len(old), len(new))):
        a = old[i] if i < len(old) else None
        b = new[i] if i < len(new) else None
        found = first_difference(a, b)
        if found:
            if not differing:
                label = (a or b or {}).get("id", f"line {i + 1}")
                print(f"first difference: article {label}: {found}")
            differing += 1
    return differing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=corpus.NEWS)
    parser.add_argument("--model", default=None)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, default=None)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    items = run(corpus.rows(args.corpus, args.articles), args.model)
    with args.out.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(items) - 1} stored articles to {args.out}")
    if args.compare is None:
        return
    with args.compare.open(encoding="utf-8") as fh:
        old = [json.loads(line) for line in fh]
    new = [json.loads(json.dumps(item)) for item in items]
    differing = compare(old, new)
    if differing:
        print(f"{differing} of {len(new)} lines differ from {args.compare}")
        sys.exit(1)
    print(f"identical to {args.compare} ({len(new)} lines)")


if __name__ == "__main__":
    main()
