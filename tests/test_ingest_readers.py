"""Every reader on small files written here: text, HTML, feeds, WARC, tables, archives."""

from __future__ import annotations

import bz2
import gzip
import http.server
import io
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dragoman.errors import InputError
from dragoman.ingest import FieldMap, iter_articles
from dragoman.ingest.html import article_from_html, decode_html, html_to_text
from dragoman.ingest.readers import kind_of, walk
from dragoman.records import Article

BODY = ("Delegations from both governments met in Geneva on Tuesday to resume talks over "
        "the disputed border, officials said.")
BODY2 = ("The foreign minister said the meeting had been constructive and that another "
         "round would follow next month in the same city.")
PAGE = f"""<html><head><meta charset="utf-8"><title>Border talks resume | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2023-04-05T10:00:00Z">
<link rel="canonical" href="https://planet.example/world/border-talks"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Border talks resume</h1><p>{BODY}</p><p>{BODY2}</p></article>
<footer>Contact us | Privacy policy</footer></body></html>"""
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Planet World</title><link>https://planet.example</link>
<item><title>Border talks resume</title><link>https://planet.example/a1</link>
<guid>planet-a1</guid><pubDate>Wed, 05 Apr 2023 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;{BODY2}&lt;/p&gt;</description></item>
<item><title>Empty entry</title><link>https://planet.example/a2</link></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet Atom</title><id>urn:planet</id>
<updated>2023-04-06T00:00:00Z</updated>
<entry><title>Ministers meet</title><id>urn:planet:2</id>
<link href="https://planet.example/b2"/><published>2023-04-06T08:00:00Z</published>
<summary>short summary</summary>
<content type="html">&lt;p&gt;{BODY2}&lt;/p&gt;</content></entry></feed>"""


def articles(items: list[Article | InputError]) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [e for e in items if isinstance(e, InputError)]


def read(*sources: str | Path, **mapping: str) -> list[Article | InputError]:
    return list(iter_articles(sources, **mapping))


def test_readers_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"{BODY}\n\nCopyright 2023 Planet Media. All rights reserved.\n")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == BODY + "\n"
    assert article.source == "Planet Media"


def test_readers_legacy_encoded_text(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    text = "Le ministre a déclaré à Genève que les négociations reprendraient bientôt. " * 3
    path.write_bytes(text.encode("cp1252"))
    (article,) = articles(read(path))
    assert "déclaré à Genève" in article.text


def test_readers_html_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    (article,) = read(path)
    assert isinstance(article, Article)
    assert BODY in article.text and BODY2 in article.text
    assert "Privacy policy" not in article.text and "Home" not in article.text
    assert article.title == "Border talks resume"
    assert article.published == "2023-04-05"
    assert article.url == "https://planet.example/world/border-talks"
    assert article.source == "Daily Planet"
    assert article.metadata["author"] == "Jane Roe"


def test_readers_html_legacy_charset() -> None:
    page = PAGE.replace("utf-8", "iso-8859-1").replace("Geneva", "Genève")
    article = article_from_html(page.encode("cp1252"), where="legacy.html")
    assert "Genève" in article.text
    plain = f"<p>{BODY.replace('Geneva', 'Genève')}</p>"
    assert decode_html(plain.encode("cp1252"), "x") == plain


def test_readers_html_without_text_is_an_error() -> None:
    with pytest.raises(InputError, match=r"empty\.html"):
        article_from_html(b"<html><body><script>x()</script></body></html>", where="empty.html")


def test_readers_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>One <b>two</b>.</p><p>Three<br>four</p>") == "One two.\nThree\nfour"


def test_readers_rss_entries(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS)
    items = read(path)
    (article,) = articles(items)
    assert article.text == f"{BODY}\n{BODY2}\n"
    assert article.title == "Border talks resume"
    assert article.url == "https://planet.example/a1"
    assert article.published == "2023-04-05"
    assert article.source == "Planet World"
    assert article.metadata["guid"] == "planet-a1"
    (error,) = errors(items)
    assert "feed.rss: entry 2" in str(error) and "--fetch-links" in str(error)


def test_readers_atom_prefers_content_over_summary(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM)
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == BODY2 + "\n"
    assert article.published == "2023-04-06"
    assert article.source == "Planet Atom"


@pytest.fixture
def page_server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_readers_feed_fetch_links(tmp_path: Path, page_server: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS.replace("https://planet.example/a1", f"{page_server}/a1")
                    .replace("https://planet.example/a2", f"{page_server}/a2"))
    items = list(iter_articles([path], fetch_links=True))
    pages = articles(items)
    assert len(pages) == 2 and not errors(items)
    assert BODY2 in pages[0].text
    assert pages[0].url == f"{page_server}/a1"


def test_readers_feed_fetch_links_unreachable_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS.replace("https://planet.example/a1", "http://127.0.0.1:9/a1"))
    items = list(iter_articles([path], fetch_links=True))
    message = str(errors(items)[0])
    assert "cannot fetch http://127.0.0.1:9/a1" in message and "--fetch-links" in message


def _warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    """A small WARC file written by hand (one gzip member per record for .gz)."""
    with path.open("wb") as stream:
        for n, (url, content_type, body) in enumerate(pages):
            http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
                    f"WARC-Date: 2023-04-05T10:00:0{n}Z\r\n"
                    f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{n}>\r\n"
                    f"Content-Type: application/http; msgtype=response\r\n"
                    f"Content-Length: {len(http)}\r\n\r\n").encode()
            record = head + http + b"\r\n\r\n"
            stream.write(gzip.compress(record) if path.suffix == ".gz" else record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_readers_warc_html_responses(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    legacy = PAGE.replace("Geneva", "Genève").replace('charset="utf-8"', "")
    _warc(path, [("https://planet.example/p1", "text/html; charset=utf-8", PAGE.encode()),
                 ("https://planet.example/logo.png", "image/png", b"\x89PNG"),
                 ("https://planet.example/p2", "text/html; charset=windows-1252",
                  legacy.encode("cp1252"))])
    found = read(path)
    assert [a.url for a in articles(found)] == ["https://planet.example/p1",
                                                "https://planet.example/p2"]
    assert "Genève" in articles(found)[1].text
    assert "crawled" in articles(found)[0].metadata


ROWS = [
    {"id": "n1", "body": BODY, "date": "2023-04-05T10:00:00", "headline": "Talks",
     "link": "https://x.example/1", "outlet": "X News", "topic": "world"},
    {"id": "n2", "body": BODY2, "date": "5 April 2023", "headline": "Minister",
     "link": "", "outlet": "Y Post", "topic": "politics"},
]
MAPPING = {"text_field": "body", "date_field": "date", "title_field": "headline",
           "url_field": "link", "source_field": "outlet"}


def _check_rows(found: list[Article | InputError]) -> None:
    got = articles(found)
    assert [a.id for a in got] == ["n1", "n2"]
    assert got[0].published == "2023-04-05" and got[1].published == "2023-04-05"
    assert got[0].title == "Talks" and got[0].url == "https://x.example/1"
    assert got[1].url is None and got[1].source == "Y Post"
    assert got[0].metadata["topic"] == "world"
    assert got[0].text == BODY + "\n"


def test_readers_jsonl_with_mapping_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [json.dumps(ROWS[0]), "{not json", json.dumps({"id": "n9"}), json.dumps(ROWS[1])]
    path.write_text("\n".join(lines) + "\n")
    found = read(path, **MAPPING)
    _check_rows(found)
    messages = [str(e) for e in errors(found)]
    assert messages[0].startswith(f"{path}:2: not valid JSON")
    assert messages[1].startswith(f"{path}:3: no 'body' field") and "--text-field" in messages[1]


def test_readers_jsonl_default_fields(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({"id": 7, "text": BODY, "published": "2020-01-02"}) + "\n")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert (article.id, article.published) == ("7", "2020-01-02")


def test_readers_csv_with_mapping(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "news.csv"
    with path.open("w", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    _check_rows(read(path, **MAPPING))


def test_readers_parquet_with_mapping(tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(ROWS), path)
    _check_rows(read(path, **MAPPING))


def test_readers_field_map_from_options() -> None:
    fields = FieldMap.from_options(text_field="body", id_field=None)
    assert (fields.text, fields.id, fields.date) == ("body", "id", "published")


def test_readers_compressed_and_zip(tmp_path: Path) -> None:
    line = (json.dumps(ROWS[0]) + "\n").encode()
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(line))
    (tmp_path / "b.txt.bz2").write_bytes(bz2.compress(BODY2.encode()))
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as archive:
        archive.writestr("inner/page.html", PAGE)
        archive.writestr("inner/notes.md", "not read")
        archive.writestr("inner/more.txt.gz", gzip.compress(b"A third story about talks."))
    found = read(tmp_path / "a.jsonl.gz", tmp_path / "b.txt.bz2", tmp_path / "c.zip", **MAPPING)
    got = articles(found)
    assert not errors(found)
    assert [a.text.split()[0] for a in got] == ["Delegations", "The", "A", "Delegations"]


def test_readers_directory_walk_is_sorted_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(BODY2)
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "a.expected.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "README.md").write_text("readme")
    assert [p.name for p in walk(tmp_path)] == ["a.txt", "two.txt"]
    assert [a.text for a in articles(read(tmp_path))] == [BODY + "\n", BODY2 + "\n"]


def test_readers_kind_of_names() -> None:
    assert kind_of("x.jsonl.gz") == "jsonl"
    assert kind_of("x.warc.gz") == "warc"
    assert kind_of("x.HTM") == "html"
    assert kind_of("x.expected.json") is None


def test_readers_stdin_sniffs_the_format(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(RSS.encode())

    monkeypatch.setattr("sys.stdin", Stdin)
    (article,) = articles(read("-"))
    assert article.title == "Border talks resume"


def test_readers_bad_file_is_an_error_value_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bad.txt.gz").write_bytes(b"this is not gzip")
    (tmp_path / "good.txt").write_text(BODY)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    found = read(tmp_path / "bad.txt.gz", tmp_path / "missing.txt", tmp_path / "binary.txt",
                 tmp_path / "good.txt")
    assert [type(x).__name__ for x in found] == ["InputError"] * 3 + ["Article"]
    names = [e.where for e in errors(found)]
    assert names == [str(tmp_path / n) for n in ("bad.txt.gz", "missing.txt", "binary.txt")]
