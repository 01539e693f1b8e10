"""HTML pages to Articles with trafilatura: main text, title, date, author, url, site."""

from __future__ import annotations

import re
from typing import Any

from dragoman.errors import InputError
from dragoman.ingest.text import article_from_text, check_length, decode_bytes
from dragoman.records import Article

__all__ = ["article_from_html", "decode_html", "html_to_text"]

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "section", "article", "pre", "ul", "ol", "table", "figure")


def decode_html(raw: bytes, where: str, charset: str | None = None) -> str:
    """Decode a page: the HTTP or ``<meta>`` charset if it works, else detection."""
    declared = charset
    if declared is None:
        found = _META_CHARSET.search(raw[:4096])
        declared = found.group(1).decode("ascii", "replace") if found else None
    if declared:
        try:
            text = raw.decode(_codec(declared))
            return text[1:] if text.startswith("\ufeff") else text
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(raw, where)


def _codec(name: str) -> str:
    # Browsers read pages labelled latin-1 as windows-1252 (WHATWG encoding standard).
    name = name.lower()
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name


def article_from_html(html: str | bytes, *, where: str = "<html>", url: str | None = None,
                      id: str | None = None, published: str | None = None,
                      source: str | None = None, charset: str | None = None) -> Article:
    """The main text and metadata of one HTML page as an Article."""
    from trafilatura import bare_extraction

    check_length(html, where, "max_document_bytes")
    if isinstance(html, bytes):
        html = decode_html(html, where, charset)
    doc: Any = bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                          include_tables=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise InputError(where, "no article text found in the page (is it an index or "
                                "a script-only page?)")
    text = _without_title(doc.text, doc.title)
    article = article_from_text(text, where=where, id=id, url=url or doc.url, title=doc.title,
                                published=published or doc.date,
                                source=source or doc.sitename or doc.hostname)
    for key in ("author", "sitename", "hostname", "description"):
        value = getattr(doc, key, None)
        if value:
            article.metadata.setdefault(key, value)
    categories = getattr(doc, "categories", None)
    if categories:
        article.metadata["categories"] = list(categories)
    return article


def _without_title(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; the title field has it."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and first.strip() == title.strip():
        return rest
    return text


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry), paragraphs on their own lines."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several kinds on broken markup
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
