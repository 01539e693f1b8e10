"""``dragoman extract`` from the command line (click's CliRunner, in process)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.records import Record
from tests import golden

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SHORT = "MOSCOW, April 1, 2013 (Reuters) - Russia condemned the attack on its embassy in Kiev.\n"


def _runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


def _assert_offsets_slice(record: Record) -> None:
    for where, start, end, text in golden.spans(record):
        assert record.article.text[start:end] == text, f"{where} [{start}:{end}]"


@pytest.mark.slow
def test_cli_extract_jsonl_one_object_per_file_with_true_offsets() -> None:
    files = [EXAMPLES / "syria-talks.txt", EXAMPLES / "lavrov-un.txt"]
    result = _runner().invoke(main, ["extract", *map(str, files), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(files)
    for line, path in zip(lines, files, strict=True):
        data = json.loads(line)
        assert set(data) >= {"article", "actors", "events", "statements", "casualties"}
        record = Record.from_dict(data)
        assert record.article.text.split("\n", 1)[0] in path.read_text(encoding="utf-8")
        _assert_offsets_slice(record)


@pytest.mark.slow
def test_cli_extract_reads_stdin_with_published_date() -> None:
    result = _runner().invoke(main, ["extract", "-", "--published", "2013-04-01"], input=SHORT)
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.strip().splitlines()
    record = Record.from_json(line)
    assert record.article.published == "2013-04-01"
    assert record.article.dateline == "Moscow"
    _assert_offsets_slice(record)


@pytest.mark.slow
def test_cli_extract_table_format() -> None:
    result = _runner().invoke(main, ["extract", str(EXAMPLES / "syria-talks.txt"),
                                     "--format", "table"])
    assert result.exit_code == 0, result.stderr
    assert "Actors" in result.stdout and "Events" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_cli_extract_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    result = _runner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:") and "nope.txt" in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_extract_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = _runner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "binary" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_extract_help_shows_an_example() -> None:
    result = _runner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "dragoman extract" in result.stdout


def test_cli_help_examples_name_files_that_exist() -> None:
    for args in (["--help"], ["extract", "--help"]):
        text = _runner().invoke(main, args).stdout
        for path in re.findall(r"examples/articles/[\w.-]+\.txt", text):
            assert (ROOT / path).exists(), f"`dragoman {' '.join(args)}` names missing {path}"


def test_cli_every_command_has_help_with_an_example() -> None:
    def walk(group, prefix=()):  # type: ignore[no-untyped-def]
        for name, command in group.commands.items():
            yield (*prefix, name), command
            if hasattr(command, "commands"):
                yield from walk(command, (*prefix, name))

    for path, _command in walk(main):
        result = _runner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, f"dragoman {' '.join(path)} --help has no example"


@pytest.mark.slow
def test_cli_extract_table_shows_brackets_as_text() -> None:
    text = 'MOSCOW (Reuters) - "We reject [the fight] and [/] too," Sergei Lavrov said.\n'
    result = _runner().invoke(main, ["extract", "-", "--format", "table"], input=text)
    assert result.exit_code == 0, result.output
    assert "[the fight]" in " ".join(result.stdout.split())
