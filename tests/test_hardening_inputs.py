"""Hostile inputs, file by file: each gives one error naming the file, the run goes on.

Every hostile file is made here, in tmp_path; no binary fixture is committed.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from dragoman import settings
from dragoman.cli import main
from dragoman.errors import DragomanError, InputError
from dragoman.ingest.readers import iter_articles
from dragoman.records import Article
from dragoman.store import Store

GOOD = ("The foreign minister of Ghana met the president of Togo in Lome on Monday. "
        "\u201cWe agreed to keep talking,\u201d the minister said.")
TEXT = "Caf\u00e9 talks: the Spanish envoy met the na\u00efve mayor of Sevilla on Tuesday."


def _laughs(levels: int) -> str:
    decls = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels))
    return (f'<?xml version="1.0"?><!DOCTYPE rss [{decls}]><rss><channel><item>'
            f"<title>&lol{levels - 1};</title><description>&lol{levels - 1};</description>"
            f"</item></channel></rss>")


def _warc(length: int, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/a\r\n"
            b"WARC-Date: 2024-01-02T00:00:00Z\r\nContent-Length: " + str(length).encode()
            + b"\r\n\r\n" + http + b"\r\n\r\n")


def _gz_truncated() -> bytes:
    packed = gzip.compress(b"".join(json.dumps({"id": f"g{i}", "text": f"{GOOD} {i}"}).encode()
                                    + b"\n" for i in range(200)))
    return packed[: len(packed) // 2]


PAGE = f"<html><body><article><p>{TEXT} The two sides discussed trade.</p></article></body></html>"

# name -> (bytes, expected: "error" | "article" | "mixed")
HOSTILE: dict[str, tuple[bytes, str]] = {
    "binary.txt": (random.Random(7).randbytes(6000), "error"),
    "binary.html": (b"\x89PNG\r\n\x1a\n" + random.Random(8).randbytes(3000), "error"),
    "empty.txt": (b"", "error"),
    "blank.txt": (b" \n\t\n  ", "error"),
    "empty.html": (b"", "error"),
    "empty.xml": (b"", "error"),
    "empty.warc": (b"", "article-free"),
    "nul.txt": (b"The minister\x00 met the envoy.\x00" * 20, "error"),
    "utf16-bom.txt": (TEXT.encode("utf-16"), "article"),
    "utf16-le.txt": (TEXT.encode("utf-16-le"), "article"),
    "utf16-be.txt": (TEXT.encode("utf-16-be"), "article"),
    "cp1252.html": (f"<html><body><p>{TEXT} \u2018Quoted\u2019 \u2014 talks went on.</p>"
                    f"</body></html>".encode("cp1252"), "article"),
    "latin1.txt": ((TEXT + " Se\u00f1or \u00bfqu\u00e9?\n") .encode("latin-1") * 3, "article"),
    "truncated.jsonl.gz": (_gz_truncated(), "mixed"),
    "malformed.html": (b"<html><body><div><p>The minister <b>met <i>the envoy</p></div>"
                       b"<table><tr><td>in Paris on Monday</body><<<>>>&&&", "any"),
    "broken-entities.xml": (b'<?xml version="1.0"?><rss><channel><item><title>A &bogus; B'
                            b"</title><description>The minister &amp met &#xZZ; the envoy "
                            b"&</description></item></channel></rss>", "any"),
    "laughs.xml": (_laughs(10).encode(), "any"),
    "laughs-wide.xml": (_laughs(80).encode(), "error"),
    "long-length.warc": (_warc(99_999, PAGE.encode()), "any"),
    "short-length.warc": (_warc(20, PAGE.encode()), "any"),
    "garbage.warc": (b"WARC/1.0\r\nContent-Length: abc\r\n\r\nxyz", "any"),
    "ragged.csv": (f'id,text,published\n1,"{GOOD}",2024-01-01\n2\n3,"{TEXT}",2024-01-02,x,y\n'
                   f'"4,"unterminated\n'.encode(), "mixed"),
    "badline.jsonl": (json.dumps({"id": "j1", "text": GOOD}).encode() + b"\n{bad json\n[1,2]\n"
                      + b'{"id": "j2", "text": 42}\n' + b'{"id": "j3", "text": null}\n'
                      + json.dumps({"id": "j4", "text": TEXT}).encode() + b"\n", "mixed"),
    "not-parquet.parquet": (b"PAR1 but not really", "error"),
    "broken.zip": (b"PK\x03\x04 not a zip", "error"),
}


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name][0])
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hardening_inputs_hostile_file_gives_errors_as_values(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name)
    items = list(iter_articles([path]))  # must not raise
    expected = HOSTILE[name][1]
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert len(errors) + len(articles) == len(items)
    for error in errors:
        assert str(path) in str(error) and "\n" not in str(error)
    for article in articles:
        assert article.text.strip()
    if expected == "error":
        assert errors and not articles
    elif expected == "article":
        assert articles and not errors
    elif expected == "mixed":
        assert errors and articles
    elif expected == "article-free":
        assert not articles


def test_hardening_inputs_error_names_the_line(tmp_path: Path) -> None:
    items = list(iter_articles([_write(tmp_path, "badline.jsonl")]))
    where = [e.where for e in items if isinstance(e, InputError)]
    assert where == [f"{tmp_path / 'badline.jsonl'}:{n}" for n in (2, 3, 4, 5)]
    ragged = list(iter_articles([_write(tmp_path, "ragged.csv")]))
    assert any(isinstance(e, InputError) and e.where.endswith("ragged.csv:3") for e in ragged)


def test_hardening_inputs_utf16_and_legacy_encodings_decode(tmp_path: Path) -> None:
    for name in ("utf16-bom.txt", "utf16-le.txt", "utf16-be.txt", "latin1.txt"):
        (article,) = iter_articles([_write(tmp_path, name)])
        assert isinstance(article, Article) and "Caf\u00e9" in article.text, name
    (page,) = iter_articles([_write(tmp_path, "cp1252.html")])
    assert isinstance(page, Article) and "\u2018Quoted\u2019" in page.text


def test_hardening_inputs_billion_laughs_not_expanded(tmp_path: Path) -> None:
    items = list(iter_articles([_write(tmp_path, "laughs.xml")]))
    for item in items:
        assert isinstance(item, InputError) or len(item.text) < 10_000
    (refused,) = iter_articles([_write(tmp_path, "laughs-wide.xml")])
    assert isinstance(refused, InputError) and "DRAGOMAN_MAX_XML_ENTITIES" in str(refused)


def test_hardening_inputs_50mb_single_line_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The minister met the envoy, " * (50_000_000 // 28))
    (item,) = iter_articles([path])
    assert isinstance(item, InputError) and str(path) in str(item)
    assert "too long" in item.why and "DRAGOMAN_MAX_ARTICLE_CHARS" in item.why


def test_hardening_inputs_limits_from_the_environment(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "short", "text": "The envoy left."}) + "\n"
                    + json.dumps({"id": "long", "text": GOOD * 5}) + "\n")
    monkeypatch.setenv("DRAGOMAN_MAX_ARTICLE_CHARS", "200")
    short, long = iter_articles([rows])
    assert isinstance(short, Article)
    assert isinstance(long, InputError) and long.where == f"{rows}:2"
    monkeypatch.setenv("DRAGOMAN_MAX_DOCUMENT_BYTES", "10")
    (page,) = iter_articles([_write(tmp_path, "cp1252.html")])
    assert isinstance(page, InputError) and "bytes" in page.why
    monkeypatch.setenv("DRAGOMAN_MAX_ARTICLE_CHARS", "lots")
    with pytest.raises(DragomanError, match="DRAGOMAN_MAX_ARTICLE_CHARS"):
        settings.get("max_article_chars")


def test_hardening_inputs_settings_table_documents_every_limit() -> None:
    table = settings.table()
    for setting in settings.SETTINGS.values():
        assert setting.env in table and setting.help
    reliability = Path(__file__).resolve().parent.parent / "RELIABILITY.md"
    text = reliability.read_text(encoding="utf-8")
    assert all(s.env in text for s in settings.SETTINGS.values())


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()


def test_hardening_inputs_cli_goes_on_and_counts_failures(tmp_path: Path) -> None:
    bad = [str(_write(tmp_path, n)) for n in ("binary.txt", "empty.txt", "laughs-wide.xml",
                                              "badline.jsonl", "garbage.warc")]
    good = tmp_path / "good.txt"
    good.write_text("Chinese envoys visited Nairobi on Friday to discuss a loan.\n",
                    encoding="utf-8")
    db = tmp_path / "news.db"
    result = _runner().invoke(main, ["ingest", *bad, str(good), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["stored"] == 3 and summary["failed"] == len(summary["errors"]) >= 7
    assert "Traceback" not in result.stdout + result.stderr
    for name in bad[:3]:
        assert any(e.startswith(name) for e in summary["errors"]), name
    with Store(db, readonly=True) as store:
        assert len(store) == 3 and store.integrity() == "ok"
    strict = _runner().invoke(main, ["ingest", bad[0], str(good), "--db", str(db), "--strict"])
    assert strict.exit_code == 1 and "Traceback" not in strict.output


def test_hardening_inputs_cli_fails_when_nothing_was_read(tmp_path: Path) -> None:
    result = _runner().invoke(main, ["ingest", str(_write(tmp_path, "binary.txt")),
                                     str(tmp_path / "missing.txt"), "--db",
                                     str(tmp_path / "n.db")])
    assert result.exit_code == 1
    assert "binary.txt" in result.stderr and "missing.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert os.path.exists(tmp_path / "n.db")


def test_hardening_inputs_compressed_single_line_bomb_is_bounded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAGOMAN_MAX_DOCUMENT_BYTES", "100000")
    path = tmp_path / "bomb.jsonl.gz"
    good = json.dumps({"id": "ok", "text": GOOD}).encode() + b"\n"
    path.write_bytes(gzip.compress(b'{"text": "' + b"a" * 3_000_000 + b'"}\n' + good))
    bomb, article = iter_articles([path])
    assert isinstance(bomb, InputError) and bomb.where == f"{path}:1"
    assert isinstance(article, Article) and article.id == "ok"
    csv_bomb = tmp_path / "bomb.csv.gz"
    csv_bomb.write_bytes(gzip.compress(b"id,text\n1," + b"b" * 3_000_000 + b"\n"))
    (refused,) = iter_articles([csv_bomb])
    assert isinstance(refused, InputError) and "too long" in refused.why


def test_hardening_inputs_fuzz_findings_stay_fixed(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a-locked.txt", GOOD)
        archive.writestr("b-open.txt", TEXT)
    raw = bytearray(path.read_bytes())  # the first member's method becomes 99 (AES)
    central = raw.index(b"PK\x01\x02")
    raw[8:10] = raw[central + 10:central + 12] = (99).to_bytes(2, "little")
    path.write_bytes(bytes(raw))
    locked_error, article = iter_articles([path])
    assert isinstance(locked_error, InputError) and locked_error.where == f"{path}!a-locked.txt"
    assert isinstance(article, Article) and "Sevilla" in article.text
    warc = tmp_path / "headless.warc"
    warc.write_bytes(b"WARC/1.0\nWARC-Type:response")
    (error,) = iter_articles([warc])
    assert isinstance(error, InputError) and str(warc) in str(error)
    nameless = tmp_path / "nameless.zip"  # a central directory entry with an empty name
    nameless.write_bytes(b"PK\x01\x02" + bytes(29) + b"\x01" + bytes(70) + b"PK\x05\x06"
                         + bytes(8) + b"h" + bytes(9))
    assert all(isinstance(i, InputError) for i in iter_articles([nameless]))


def test_hardening_inputs_error_messages_escape_control_characters() -> None:
    error = InputError("news\n\x1b[31mred.zip!a.txt", "bad \x1b[2J byte")
    assert error.where == "news\n\x1b[31mred.zip!a.txt"  # kept as given
    assert "\n" not in str(error) and "\x1b" not in str(error)
    assert str(error).startswith("news\\n\\x1b[31mred.zip!a.txt: bad ")


def test_hardening_inputs_brackets_are_text_not_terminal_markup(tmp_path: Path) -> None:
    folder = tmp_path / "[/]odd[i]"
    folder.mkdir(parents=True)  # "[" and "]odd[i]": the path reads "[/]odd[i]"
    src = folder / "news.jsonl"
    quote = "We will never give up [the fight] [/] now"
    src.write_text(json.dumps({"id": "q1", "text": f"\u201c{quote},\u201d the Kenyan foreign "
                                                   f"minister said on Monday."}) + "\n{bad\n")
    db = folder / "news.db"
    ingested = _runner().invoke(main, ["ingest", str(src), "--db", str(db)])
    assert ingested.exit_code == 0, ingested.output
    assert f"Error: {src}:2" in ingested.stderr and "Traceback" not in ingested.stderr
    for command in (["statements"], ["stats"], ["query", "--text", "fight"]):
        shown = _runner().invoke(main, [*command, "--db", str(db)], env={"COLUMNS": "250"})
        assert shown.exit_code == 0, (command, shown.output)
    said = _runner().invoke(main, ["statements", "--db", str(db)], env={"COLUMNS": "250"})
    assert all(part in said.stdout for part in ("[the", "fight]", "[/]"))  # may wrap
