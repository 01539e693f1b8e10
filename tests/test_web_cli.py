"""``dragoman serve``: options, help, and a clean error for a missing store."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dragoman.cli import main


def test_cli_serve_is_registered_with_help() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "127.0.0.1" in result.output  # the default: this machine only


def test_cli_serve_missing_store_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such store" in result.output
    assert "Traceback" not in result.output
