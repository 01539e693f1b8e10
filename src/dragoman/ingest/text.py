"""Plain text in, a cleaned Article out."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dragoman.errors import InputError
from dragoman.ingest.boilerplate import strip_boilerplate
from dragoman.records import Article


def article_id(text: str) -> str:
    """A stable id from the content, so the same article always gets the same id."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_from_text(text: str, *, id: str | None = None, source: str | None = None,
                      url: str | None = None, title: str | None = None,
                      published: str | None = None, where: str | None = None) -> Article:
    """Build an Article from raw text: boilerplate out, dateline and metadata kept.

    Refuses (InputError naming ``where``) a text longer than the ``max_article_chars``
    setting, and one with no text left.
    """
    check_length(text, where or id or "article")
    cleaned = strip_boilerplate(text)
    if not cleaned.text.strip():
        raise InputError(where or id or "article", "no text (empty, or only boilerplate)")
    meta = cleaned.metadata
    article = Article(
        id=id or article_id(cleaned.text),
        text=cleaned.text,
        source=source or meta.get("source"),
        url=url or meta.get("url"),
        title=title,
        published=published,
        metadata={k: v for k, v in meta.items() if k not in ("source", "url")},
    )
    from dragoman.time.dateline import apply_dateline

    apply_dateline(article)
    return article


def check_length(text: str | bytes, where: str, setting: str = "max_article_chars") -> None:
    """Refuse a text (or document) longer than a limit of :mod:`dragoman.settings`."""
    from dragoman import settings

    limit = settings.get(setting)
    if len(text) > limit:
        unit = "characters" if isinstance(text, str) else "bytes"
        raise InputError(where, f"too long: {len(text):,} {unit}, above the limit of "
                                f"{limit:,} (raise it with {settings.SETTINGS[setting].env})")


def read_text_file(path: str | Path, **options: str | None) -> Article:
    """Read a UTF-8 (or legacy-encoded) text file into an Article."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror})") from exc
    return article_from_text(decode_bytes(raw, str(path)), where=str(path), **options)


def decode_bytes(raw: bytes, where: str) -> str:
    """Decode bytes as UTF-8, else guess the encoding; refuse binary data."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _utf16_without_bom(raw)
        if text is not None:
            return text
        raise InputError(where, "looks like a binary file, not text; "
                                "pass a text, HTML or feed file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        raise InputError(where, "cannot detect the text encoding; convert the file to UTF-8")
    for match in matches:  # as clean as the best: windows-1252, the commonest legacy encoding
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.005:
            return str(match)
    return str(best)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: NULs in every other byte of mostly ASCII."""
    head = raw[:4096]
    half = max(1, len(head) // 2)
    even, odd = head[0::2].count(0) / half, head[1::2].count(0) / half
    codec = "utf-16-le" if odd > 0.5 > even * 10 else "utf-16-be" if even > 0.5 > odd * 10 else None
    if codec is None or len(raw) % 2:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text
