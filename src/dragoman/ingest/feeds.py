"""RSS and Atom feeds (feedparser): one Article per entry, from its content or summary.

With ``fetch_links`` the page each entry links to is fetched and its main text read
instead; that is the only network access in ingest, and only when asked for.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

from dragoman.errors import InputError
from dragoman.ingest.html import article_from_html, html_to_text
from dragoman.ingest.text import article_from_text
from dragoman.records import Article

__all__ = ["FETCH_TIMEOUT", "fetch", "iter_feed", "looks_like_feed"]

FETCH_TIMEOUT = 20.0
USER_AGENT = "dragoman (news article reader)"


def looks_like_feed(head: bytes) -> bool:
    """Whether the start of a document is an RSS, RDF or Atom feed."""
    head = head[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def fetch(url: str, where: str, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str | None]:
    """GET a page; its bytes and declared charset, or a clear InputError."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read(), response.headers.get_content_charset()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(where, f"cannot fetch {url} ({reason}); check the network, or "
                                f"leave out --fetch-links to use the feed's own text") from exc


def iter_feed(raw: bytes, where: str, *,
              fetch_links: bool = False) -> Iterator[Article | InputError]:
    """The entries of a feed as Articles (errors as values, one per bad entry)."""
    import feedparser

    from dragoman import settings

    entities = raw.count(b"<!ENTITY")
    if entities > settings.get("max_xml_entities"):
        yield InputError(where, f"refused: the feed declares {entities:,} XML entities, above "
                                f"the limit of {settings.get('max_xml_entities'):,} (an entity "
                                f"expansion attack?); raise DRAGOMAN_MAX_XML_ENTITIES if needed")
        return
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        why = parsed.get("bozo_exception") or "no entries"
        yield InputError(where, f"not a readable RSS or Atom feed ({why})")
        return
    feed_title = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, start=1):
        here = f"{where}: entry {n}"
        try:
            yield _entry_article(entry, feed_title, here, fetch_links)
        except InputError as exc:
            yield exc


def _entry_article(entry: Any, feed_title: str | None, where: str,
                   fetch_links: bool) -> Article:
    link = entry.get("link")
    published = _date(entry)
    if fetch_links:
        if not link:
            raise InputError(where, "entry has no link to fetch")
        raw, charset = fetch(link, where)
        article = article_from_html(raw, where=f"{where} ({link})", url=link,
                                    published=published, charset=charset)
        article.title = article.title or entry.get("title")
    else:
        text = _entry_text(entry)
        if not text.strip():
            raise InputError(where, "entry has neither content nor summary text; "
                                    "use --fetch-links to read the linked page")
        article = article_from_text(text, where=where, url=link, title=entry.get("title"),
                                    published=published, source=feed_title)
    article.source = article.source or feed_title
    for key, name in (("author", "author"), ("guid", "id"), ("feed", None)):
        value = feed_title if name is None else entry.get(name)
        if value:
            article.metadata.setdefault(key, value)
    return article


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="")
    if not html.strip():
        html = entry.get("summary", "") or ""
    return html_to_text(html)


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # feedparser's own get() maps keys, with a warning
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None
