"""``dragoman extract`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from tests import golden

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
SHORT = "MOSCOW, April 1, 2013 (Reuters) - Russia condemned the attack on its embassy in Kiev.\n"


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()


@pytest.mark.slow
def test_cli_extract_jsonl_offsets_slice_text() -> None:
    files = sorted(EXAMPLES.glob("*.txt"))[:2]
    result = _runner().invoke(main, ["extract", *map(str, files), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(files)
    for line in lines:
        data = json.loads(line)
        assert set(data) >= {"article", "actors", "events", "statements", "casualties"}
        record = golden.Record.from_dict(data)
        for what, start, end, text in golden.spans(record):
            assert record.article.text[start:end] == text, what


@pytest.mark.slow
def test_cli_extract_reads_stdin_with_published_date() -> None:
    result = _runner().invoke(main, ["extract", "-", "--published", "2013-04-01"], input=SHORT)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["article"]["published"] == "2013-04-01"
    assert data["article"]["dateline"] == "Moscow"


@pytest.mark.slow
def test_cli_extract_table_format() -> None:
    result = _runner().invoke(main, ["extract", "-", "--format", "table"], input=SHORT)
    assert result.exit_code == 0, result.output
    assert "Actors" in result.stdout and "Events" in result.stdout


def test_cli_extract_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    result = _runner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr
    assert "nope.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_extract_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = _runner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert "binary" in result.stderr and "Traceback" not in result.stderr


def test_cli_extract_help_shows_an_example() -> None:
    result = _runner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_cli_every_command_has_help_with_an_example() -> None:
    def walk(group, prefix=()):  # type: ignore[no-untyped-def]
        for name, command in group.commands.items():
            yield (*prefix, name), command
            if hasattr(command, "commands"):
                yield from walk(command, (*prefix, name))

    for path, _command in walk(main):
        result = _runner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.output, f"dragoman {' '.join(path)} --help has no example"
