"""One entry point for every source: files, directories, archives, standard input, URLs.

:func:`iter_articles` yields Articles and, for anything it cannot read, an
:class:`~dragoman.errors.InputError` value naming the file (and line or record), so one
bad input does not stop the rest.
"""

from __future__ import annotations

import bz2
import gzip
import io
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from dragoman import settings
from dragoman.errors import InputError
from dragoman.ingest import feeds, tables, warc
from dragoman.ingest.html import article_from_html
from dragoman.ingest.tables import FieldMap
from dragoman.ingest.text import article_from_text, check_length, decode_bytes
from dragoman.records import Article

__all__ = ["KINDS", "Item", "iter_articles", "kind_of", "walk"]

Item = Article | InputError

# file extension -> reader kind
KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
         ".xml": "feed", ".rss": "feed", ".atom": "feed", ".warc": "warc", ".arc": "warc",
         ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
         ".parquet": "parquet"}
COMPRESSED = {".gz": gzip.open, ".bz2": bz2.open}
WALKED = (*KINDS, ".zip")
# what zipfile, gzip and bz2 raise on corrupt, encrypted or unsupported archives
_ARCHIVE_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error, RuntimeError,
                   NotImplementedError, ValueError, IndexError)


def iter_articles(sources: Iterable[str | Path], *, fields: FieldMap | None = None,
                  fetch_links: bool = False, **mapping: str | None) -> Iterator[Item]:
    """Articles from files, directories (walked recursively, sorted), ``.gz``/``.bz2``/
    ``.zip`` archives, ``-`` (standard input) and http(s) URLs of pages or feeds.

    ``mapping`` takes ``text_field``, ``id_field``, ``date_field``, ``title_field``,
    ``url_field`` and ``source_field`` for tabular sources.
    """
    fields = fields or FieldMap.from_options(**mapping)
    for source in sources:
        name = str(source)
        if name == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), "<stdin>", None, fields, fetch_links)
        elif name.startswith(("http://", "https://")):
            yield from _read_url(name, fields, fetch_links)
        elif Path(name).is_dir():
            for path in walk(Path(name)):
                yield from _read_path(path, fields, fetch_links)
        elif Path(name).exists():
            yield from _read_path(Path(name), fields, fetch_links)
        else:
            yield InputError(name, "no such file or directory")


def walk(root: Path) -> Iterator[Path]:
    """Readable files under ``root``, recursively, in sorted order; hidden ones skipped."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if kind_of(path.name) is not None or path.suffix.lower() == ".zip":
            yield path


def kind_of(name: str) -> str | None:
    """The reader kind for a file name (``.gz``/``.bz2`` looked through), or None."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] == ".warc":
        return "warc"
    return KINDS.get(suffixes[-1]) if suffixes else None


def _read_path(path: Path, fields: FieldMap, fetch_links: bool) -> Iterator[Item]:
    where = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip":
            yield from _read_zip(path, fields, fetch_links)
            return
        opener: Callable[..., IO[bytes]] = COMPRESSED.get(suffix, open)  # type: ignore[assignment]
        with opener(path, "rb") as stream:
            yield from _read_stream(stream, where, kind_of(path.name), fields, fetch_links)
    except _ARCHIVE_ERRORS as exc:
        yield InputError(where, f"cannot read file ({getattr(exc, 'strerror', None) or exc})")


def _read_zip(path: Path, fields: FieldMap, fetch_links: bool) -> Iterator[Item]:
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            name = info.filename
            if (not name or info.is_dir() or Path(name).name.startswith(".")
                    or kind_of(name) is None):
                continue
            where = f"{path}!{name}"
            try:  # one unreadable member (encrypted, unknown method, corrupt) is one error
                with archive.open(info) as member:
                    stream: IO[bytes] = member
                    if Path(name).suffix.lower() in COMPRESSED:
                        stream = COMPRESSED[Path(name).suffix.lower()](member, "rb")  # type: ignore[operator]
                    yield from _read_stream(stream, where, kind_of(name), fields, fetch_links)
            except _ARCHIVE_ERRORS as exc:
                yield InputError(where, f"cannot read archive member ({exc})")


def _read_stream(stream: IO[bytes], where: str, kind: str | None, fields: FieldMap,
                 fetch_links: bool) -> Iterator[Item]:
    if kind == "jsonl":
        yield from tables.iter_jsonl(stream, where, fields)
    elif kind == "csv":
        yield from tables.iter_csv(stream, where, fields)
    elif kind == "warc":
        yield from warc.iter_warc(stream, where)
    elif kind == "parquet":
        data = stream if stream.seekable() else io.BytesIO(stream.read())
        yield from tables.iter_parquet(data, where, fields)
    else:
        raw = stream.read(settings.get("max_document_bytes") + 1)
        yield from _read_bytes(raw, where, kind, fields, fetch_links)


def _read_bytes(raw: bytes, where: str, kind: str | None, fields: FieldMap,
                fetch_links: bool, url: str | None = None,
                charset: str | None = None) -> Iterator[Item]:
    """A whole document in memory: the kind from the name, else sniffed from the bytes."""
    kind = kind or _sniff(raw)
    try:
        check_length(raw, where, "max_document_bytes")
    except InputError as exc:
        yield exc
        return
    if kind in ("jsonl", "csv", "warc", "parquet"):
        yield from _read_stream(io.BytesIO(raw), where, kind, fields, fetch_links)
        return
    try:
        if kind == "feed" or (kind == "html" and feeds.looks_like_feed(raw)):
            yield from feeds.iter_feed(raw, where, fetch_links=fetch_links)
        elif kind == "html":
            yield article_from_html(raw, where=where, url=url, charset=charset)
        else:
            yield article_from_text(decode_bytes(raw, where), where=where)
    except InputError as exc:
        yield exc


def _sniff(raw: bytes) -> str:
    head = raw[:2048].lstrip().lower()
    if feeds.looks_like_feed(head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"par1"):
        return "parquet"
    if raw[:2] == b"\x1f\x8b":
        return _sniff_gzip(raw)
    return "text"


def _sniff_gzip(raw: bytes) -> str:
    try:
        inner = gzip.decompress(raw)[:2048].lstrip().lower()
    except (OSError, EOFError):
        return "text"
    return "warc" if inner.startswith(b"warc/") else "jsonl" if inner.startswith(b"{") else "text"


def _read_url(url: str, fields: FieldMap, fetch_links: bool) -> Iterator[Item]:
    try:
        raw, charset = feeds.fetch(url, url)
    except InputError as exc:
        yield exc
        return
    if raw[:2] == b"\x1f\x8b" and _sniff_gzip(raw) != "warc":
        raw = gzip.decompress(raw)
    kind = kind_of(url.split("?", 1)[0]) or _sniff(raw)
    yield from _read_bytes(raw, url, kind, fields, fetch_links, url=url, charset=charset)
