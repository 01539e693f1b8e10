"""WARC files (warcio): the HTML response records of a crawl, one Article each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from dragoman import settings
from dragoman.errors import InputError
from dragoman.ingest.html import article_from_html
from dragoman.records import Article

__all__ = ["iter_warc"]


def iter_warc(stream: IO[bytes], where: str) -> Iterator[Article | InputError]:
    """Articles from the ``response`` records with HTML content (errors as values)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            here = f"{where}: record {n} ({url})"
            status = record.http_headers.get_statuscode()
            if status and not status.startswith("2"):
                continue
            body = record.content_stream().read(settings.get("max_document_bytes") + 1)
            yield from _one(body, here, url, _charset(content_type),
                            record.rec_headers.get_header("WARC-Date"))
    except (ArchiveLoadFailed, OSError, ValueError, AttributeError, TypeError,
            KeyError, IndexError) as exc:  # warcio trips over garbage in several ways
        yield InputError(where, f"not a readable WARC file ({exc})")


def _one(raw: bytes, where: str, url: str | None, charset: str | None,
         crawled: str | None) -> Iterator[Article | InputError]:
    try:
        article = article_from_html(raw, where=where, url=url, charset=charset)
    except InputError as exc:
        yield exc
        return
    if crawled:
        article.metadata.setdefault("crawled", crawled)
    yield article


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
