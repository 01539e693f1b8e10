"""The ``dragoman`` command: one thin command per library entry point."""

from __future__ import annotations

import sys

import click

from dragoman import __version__
from dragoman.errors import DragomanError


class _Group(click.Group):
    """Turns dragoman's own errors into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DragomanError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dragoman")
def main() -> None:
    """Turn news articles into records of who did what to whom, who said what,
    and who the actors are.

    \b
    Example:
      dragoman extract examples/articles/*.txt --format table
      dragoman ingest examples/articles --db news.db && dragoman stats --db news.db
    """


def _register() -> None:
    from dragoman.cli import evaluate, extract

    main.add_command(extract.extract_cmd)
    main.add_command(evaluate.eval_group)
    for module in ("store", "web"):
        try:
            mod = __import__(f"dragoman.cli.{module}", fromlist=["register"])
        except ModuleNotFoundError:
            continue
        mod.register(main)


_register()
