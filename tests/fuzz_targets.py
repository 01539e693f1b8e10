"""Fuzz targets shared by the property tests (few, short examples) and ``bench/fuzz.py``
(long runs): one per reader, one for ``dragoman.extract``, one for the store.

Each target takes generated input and checks the contract: readers return Articles or
InputError values and raise nothing but DragomanError; ``extract`` raises nothing but
DragomanError, every offset slices ``article.text`` to its span, and the JSON round trip
is exact.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from dragoman.errors import DragomanError, InputError
from dragoman.ingest.readers import _read_bytes
from dragoman.ingest.tables import FieldMap
from dragoman.records import Article, Record

# -- generators ------------------------------------------------------------------------

WORDS = ["the", "minister", "said", "Russia", "met", "envoy", "in", "Paris", "on", "Monday",
         "police", "arrested", "20", "protesters", "\u00e9t\u00e9",
         "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u56fd", "UN", "NATO", "Mr.", "Dr.", "U.S.",
         "--", "(AP)", "\u2014"]
QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "`"]
BRACKETS = ["(", ")", "[", "]", "{", "}", "<", ">", "<b>", "</p>", "&amp;", "&#x0;"]
SPACES = [" ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028", "\u200b", "\u3000", "\x0b"]
token = st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTES), st.sampled_from(BRACKETS),
                  st.sampled_from(SPACES), st.text(max_size=6), st.sampled_from([".", ",", ":"]))
texts = st.lists(token, max_size=40).map("".join)


@st.composite
def html_pages(draw: Any) -> bytes:
    body = draw(texts)
    head = draw(st.sampled_from(["", "<!doctype html>", '<meta charset="utf-8">',
                                 '<meta charset="bogus-9">', "<html><head><title>"]))
    wrap = draw(st.sampled_from(["<p>{}</p>", "<div>{}", "<article><p>{}</article>", "{}",
                                 "<script>{}</script>", "<table><tr><td>{}"]))
    enc = draw(st.sampled_from(["utf-8", "cp1252", "utf-16"]))
    return (head + "<body>" + wrap.format(body)).encode(enc, "replace")


@st.composite
def feeds(draw: Any) -> bytes:
    items = "".join(
        f"<item><title>{draw(texts)}</title><description>{draw(texts)}</description>"
        f"<pubDate>{draw(st.sampled_from(['Mon, 04 Mar 2024 10:00:00 GMT', 'yesterday', '']))}"
        f"</pubDate></item>" for _ in range(draw(st.integers(0, 3))))
    kind = draw(st.sampled_from(["rss", "atom"]))
    if kind == "atom":
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom">{items.replace("item", "entry")}</feed>'
    else:
        doc = f"<rss><channel>{items}</channel></rss>"
    prefix = draw(st.sampled_from(["", '<?xml version="1.0"?>',
                                   '<!DOCTYPE r [<!ENTITY a "&#38;#60;">]>']))
    return (prefix + doc).encode("utf-8", "surrogatepass")


@st.composite
def warcs(draw: Any) -> bytes:
    page = draw(html_pages())
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    length = draw(st.one_of(st.just(len(http)), st.integers(0, len(http) + 50)))
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/\r\n"
            b"Content-Length: " + str(length).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")


@st.composite
def jsonl(draw: Any) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        row = draw(st.dictionaries(st.sampled_from(["id", "text", "published", "title", "x"]),
                                   st.one_of(texts, st.integers(), st.none(), st.floats(),
                                             st.lists(st.integers(), max_size=2)), max_size=5))
        line = json.dumps(row)
        if draw(st.booleans()):
            line = line[: draw(st.integers(0, len(line)))]
        lines.append(line)
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def csvs(draw: Any) -> bytes:
    rows = ["id,text,published"]
    for _ in range(draw(st.integers(0, 4))):
        cells = draw(st.lists(st.one_of(texts, st.sampled_from(['"', '""', ",", ";", "\t"])),
                              max_size=5))
        rows.append(",".join(cells))
    return "\n".join(rows).encode("utf-8", "surrogatepass")


@st.composite
def zips(draw: Any) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", draw(texts))
        archive.writestr("b.jsonl", draw(jsonl()))
    raw = buffer.getvalue()
    return raw[: draw(st.integers(0, len(raw)))] if draw(st.booleans()) else raw


def mixed(structured: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Well-formed-ish input, raw bytes, or the input with bytes flipped or cut."""
    def mutate(raw: bytes, cut: int, flip: int, byte: int) -> bytes:
        raw = raw[: max(cut, len(raw) // 2)] if cut else raw
        if raw and flip:
            i = flip % len(raw)
            raw = raw[:i] + bytes([byte]) + raw[i + 1:]
        return raw

    mutated = st.builds(mutate, structured, st.integers(0, 500), st.integers(0, 10_000),
                        st.integers(0, 255))
    return st.one_of(structured, mutated, st.binary(max_size=400))


# -- targets ---------------------------------------------------------------------------

def read(raw: bytes, kind: str | None) -> list[Article | InputError]:
    """Run one reader over bytes; only DragomanError may escape (and it is re-raised)."""
    if kind == "zip":
        import tempfile
        from pathlib import Path

        from dragoman.ingest.readers import iter_articles

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "fuzz.zip"
            path.write_bytes(raw)
            items = list(iter_articles([path]))
    else:
        items = list(_read_bytes(raw, "fuzz", kind, FieldMap(), False))
    for item in items:
        assert isinstance(item, Article | InputError), type(item)
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip()
            item.text.encode("utf-8")  # no lone surrogates: the store could not hold them
        else:
            assert "\n" not in str(item)
    return items


READERS: dict[str, tuple[str | None, st.SearchStrategy[bytes]]] = {
    "text": ("text", mixed(texts.map(lambda t: t.encode("utf-8", "surrogatepass")))),
    "html": ("html", mixed(html_pages())),
    "feed": ("feed", mixed(feeds())),
    "warc": ("warc", mixed(warcs())),
    "jsonl": ("jsonl", mixed(jsonl())),
    "csv": ("csv", mixed(csvs())),
    "parquet": ("parquet", st.binary(max_size=300).map(lambda b: b"PAR1" + b)),
    "zip": ("zip", mixed(zips())),
    "sniffed": (None, mixed(st.one_of(html_pages(), feeds(), jsonl(), warcs()))),
}


def check_record(record: Record) -> None:
    """Every offset slices the text to its span; the JSON round trip is exact."""
    text = record.article.text
    spans: list[Any] = []
    for actor in record.actors:
        spans += actor.mentions
    for event in record.events:
        spans.append(event.trigger)
    for statement in record.statements:
        spans += [statement.content, statement.cue, *getattr(statement, "parts", [])]
    for casualty in record.casualties:
        spans.append(casualty.span)
    spans += record.timexes
    for span in spans:
        if span is not None:
            assert 0 <= span.start <= span.end <= len(text), span
            assert text[span.start:span.end] == span.text, span
    again = Record.from_json(record.to_json())
    assert again == record
    assert again.to_json() == record.to_json()


def extract(text: str) -> Record | None:
    """``dragoman.extract`` over one text: a Record (checked) or a DragomanError."""
    from dragoman import extract as run

    try:
        record = run(text)
    except DragomanError:
        return None
    check_record(record)
    return record


TARGETS: dict[str, tuple[Callable[[Any], Any], st.SearchStrategy[Any]]] = {
    **{name: ((lambda raw, kind=kind: read(raw, kind)), strategy)
       for name, (kind, strategy) in READERS.items()},
    "extract": (extract, texts),
}
