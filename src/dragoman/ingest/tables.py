"""Tabular sources (JSONL, CSV, Parquet): one Article per row, via a column mapping."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from dragoman import settings
from dragoman.errors import InputError
from dragoman.ingest.text import article_from_text, check_length, decode_bytes
from dragoman.records import Article

__all__ = ["FieldMap", "iter_csv", "iter_jsonl", "iter_parquet", "row_article"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class FieldMap:
    """Which column holds which article field (``--text-field`` and friends)."""

    text: str = "text"
    id: str = "id"
    date: str = "published"
    title: str = "title"
    url: str = "url"
    source: str = "source"

    @classmethod
    def from_options(cls, **options: str | None) -> FieldMap:
        """From ``text_field=...`` style options; None keeps the default."""
        names = {k.removesuffix("_field"): v for k, v in options.items() if v}
        return cls(**{k: v for k, v in names.items() if k in cls.__dataclass_fields__})


def row_article(row: dict[str, Any], fields: FieldMap, where: str) -> Article:
    """One row as an Article; other columns go to ``metadata``."""
    if not isinstance(row, dict):
        raise InputError(where, f"expected an object, got {type(row).__name__}")
    text = row.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        if fields.text not in row:
            cols = ", ".join(sorted(map(str, row))[:12])
            raise InputError(where, f"no {fields.text!r} field (columns: {cols}); "
                                    f"name the text column with --text-field")
        raise InputError(where, f"empty {fields.text!r} field")
    ident = row.get(fields.id)
    published, raw_date = _date(row.get(fields.date))
    article = article_from_text(
        text, where=where, id=str(ident) if ident not in (None, "") else None,
        source=_str(row.get(fields.source)), url=_str(row.get(fields.url)),
        title=_str(row.get(fields.title)), published=published)
    used = {fields.text, fields.id, fields.date, fields.title, fields.url, fields.source}
    for key, value in row.items():
        if key not in used and value not in (None, ""):
            article.metadata.setdefault(str(key), _jsonable(value))
    if raw_date is not None:
        article.metadata["published_raw"] = raw_date
    return article


def _str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _date(value: Any) -> tuple[str | None, str | None]:
    """An ISO date from a date column, and the raw value when it could not be read."""
    if value in (None, ""):
        return None, None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10], None
    text = str(value).strip()
    if _ISO_DATE.match(text):
        return text[:10], None
    try:
        from dateutil import parser

        return parser.parse(text).date().isoformat(), None
    except (ValueError, OverflowError, ImportError):
        return None, text


def _jsonable(value: Any) -> Any:
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return str(value)


def iter_jsonl(stream: IO[bytes], where: str, fields: FieldMap) -> Iterator[Article | InputError]:
    """One Article per JSON line; a bad line is an error naming its line number."""
    for n, line in enumerate(_lines(stream), start=1):
        if not line.strip():
            continue
        here = f"{where}:{n}"
        if line is _TOO_LONG:
            yield InputError(here, f"line longer than {settings.get('max_document_bytes'):,} "
                                   f"bytes, skipped (raise DRAGOMAN_MAX_DOCUMENT_BYTES)")
            continue
        try:
            row = json.loads(line)
            if b"\\ud" in line.lower():  # escaped lone surrogates: no store can hold them
                row = _no_surrogates(row)
        except ValueError as exc:
            yield InputError(here, f"not valid JSON ({exc})")
            continue
        try:
            yield row_article(row, fields, here)
        except InputError as exc:
            yield exc


_TOO_LONG = b"\0too long\0"


def _lines(stream: IO[bytes]) -> Iterator[bytes]:
    """The lines of a stream, none held longer than ``max_document_bytes`` (a longer one
    comes out as ``_TOO_LONG`` after being skipped chunk by chunk)."""
    limit = settings.get("max_document_bytes")
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield _TOO_LONG
            continue
        yield line


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value: Any) -> Any:
    """Lone UTF-16 surrogates (from ``"\\ud800"`` in JSON) replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_surrogates(v) for v in value]
    return value


def iter_csv(stream: IO[bytes], where: str, fields: FieldMap) -> Iterator[Article | InputError]:
    """One Article per CSV row (header row first); the delimiter is sniffed."""
    raw = stream.read(settings.get("max_document_bytes") + 1)
    try:
        check_length(raw, where, "max_document_bytes")
        text = decode_bytes(raw, where)
    except InputError as exc:
        yield exc
        return
    csv.field_size_limit(sys.maxsize)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        for n, row in enumerate(reader, start=2):
            try:
                yield row_article(row, fields, f"{where}:{n}")
            except InputError as exc:
                yield exc
    except csv.Error as exc:
        yield InputError(f"{where}:{reader.line_num}", f"malformed CSV ({exc})")


def iter_parquet(stream: IO[bytes], where: str, fields: FieldMap) -> Iterator[Article | InputError]:
    """One Article per Parquet row, read in record batches."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(stream)
        batches = table.iter_batches(batch_size=1024)
        n = 0
        for batch in batches:
            for row in batch.to_pylist():
                n += 1
                try:
                    yield row_article(row, fields, f"{where}: row {n}")
                except InputError as exc:
                    yield exc
    except (pa.ArrowException, OSError) as exc:
        yield InputError(where, f"not a readable Parquet file ({exc})")
