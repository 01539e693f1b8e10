"""``dragoman ingest``, ``query``, ``statements``, ``stats`` and ``export`` via CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.store import Store
from tests.test_store_sqlite import sample_records

COMMANDS = ("ingest", "query", "statements", "stats", "export")
STORY1 = ("MOSCOW, June 4, 2019 (AFP) - Russian Foreign Minister Sergei Lavrov met Chinese "
          "Foreign Minister Wang Yi in Moscow on Tuesday. \"We will keep talking,\" Lavrov "
          "told reporters.\n")
STORY2 = ("CAIRO, May 2, 2019 (Reuters) - Egyptian police arrested 20 protesters in Cairo on "
          "Thursday, the interior ministry said.\n")


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.add(sample_records())
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_store_help_has_an_example(command: str) -> None:
    result = _runner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


@pytest.mark.slow
def test_cli_store_ingest_then_query(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "moscow.txt").write_text(STORY1)
    (folder / "cairo.txt").write_text(STORY2)
    (folder / "cairo.expected.json").write_text("{}")
    (folder / "broken.jsonl").write_text("{not json\n")
    db = tmp_path / "news.db"
    runner = _runner()
    result = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["stored"], summary["failed"]) == (2, 2, 1)
    assert "broken.jsonl:1" in result.stderr
    again = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "--json", "--strict"])
    assert again.exit_code == 1
    assert json.loads(again.stdout)["skipped"] == 2
    stats = json.loads(runner.invoke(main, ["stats", "--db", str(db), "--json"]).stdout)
    assert stats["articles"] == 2 and stats["actors"] > 0
    assert stats["events"] == summary["events"]
    with Store(db, readonly=True) as store:
        record = store.record(store.has_text(STORY1) or "")
    for actor in record.actors:
        for m in actor.mentions:
            assert record.article.text[m.start:m.end] == m.text


def test_cli_store_query_json(db: Path) -> None:
    result = _runner().invoke(main, ["query", "--db", str(db), "--actor", "RUS", "--format",
                                     "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert len(events) == 2
    assert {"source_name", "source_code", "target_name", "target_code", "article_id", "date",
            "cameo", "plover"} <= set(events[0])
    assert events[0]["source_name"] == "Sergei Lavrov"


def test_cli_store_query_filters_and_formats(db: Path) -> None:
    runner = _runner()
    none = runner.invoke(main, ["query", "--db", str(db), "--cameo", "19", "--format", "json"])
    assert json.loads(none.stdout) == []
    table = runner.invoke(main, ["query", "--db", str(db), "--type", "CONSULT", "--since",
                                 "2019-01-01", "--text", "spokeswoman"])
    assert table.exit_code == 0 and "Events (1)" in table.stdout
    as_csv = runner.invoke(main, ["query", "--db", str(db), "--format", "csv"])
    assert as_csv.stdout.splitlines()[0].startswith("num,article_id,id,")
    assert len(as_csv.stdout.splitlines()) == 3


def test_cli_store_statements(db: Path) -> None:
    result = _runner().invoke(main, ["statements", "--db", str(db), "--speaker", "Lavrov",
                                     "--format", "json"])
    rows = json.loads(result.stdout)
    assert len(rows) == 2 and rows[0]["speaker_name"] == "Sergei Lavrov"


def test_cli_store_stats_readable(db: Path) -> None:
    result = _runner().invoke(main, ["stats", "--db", str(db)])
    assert result.exit_code == 0
    for heading in ("Top actors", "PLOVER", "Quad classes", "Top speakers"):
        assert heading in result.stdout
    assert "CONSULT" in result.stdout


def test_cli_store_export(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = _runner().invoke(main, ["export", "--db", str(db), "--format", "gdelt1", "--out",
                                     str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()[0].split("\t")) == 58


def test_cli_store_missing_db_is_one_line_error(tmp_path: Path) -> None:
    result = _runner().invoke(main, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "no such store" in result.stderr
    assert "Traceback" not in result.stderr
