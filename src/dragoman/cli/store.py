"""``dragoman ingest``, ``query``, ``statements``, ``stats``, ``export``: the store commands."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dragoman.store import Store

err = Console(stderr=True)
out = Console()

_MAPPING = (("text", "text"), ("id", "id"), ("date", "published"), ("title", "title"),
            ("url", "url"), ("source", "source"))


def mapping_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--text-field, --id-field... for JSONL, CSV and Parquet sources."""
    for name, default in reversed(_MAPPING):
        func = click.option(f"--{name}-field", metavar="COLUMN",
                            help=f"Column holding the article {name} (default: {default}).")(func)
    return func


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", "db", required=True, type=click.Path(dir_okay=False),
                        help="The store: an SQLite file.")(func)


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                        default="table", show_default=True, help="Output format.")(func)


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", "db", type=click.Path(dir_okay=False),
              help="The store: an SQLite file (needed unless --out-parquet is given).")
@click.option("--model", metavar="NAME", help="spaCy pipeline to use.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1),
              help="Extract on N local processes (this one stays the only writer).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Extract on a Dask cluster: a scheduler address, or local:N for a "
                   "LocalCluster of N processes.")
@click.option("--out-parquet", type=click.Path(file_okay=False),
              help="With --dask: workers write a Parquet dataset here, partitioned by "
                   "publication month, instead of the store.")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1),
              help="Articles per batch (one transaction each).")
@click.option("--limit", type=click.IntRange(1), help="Stop after reading N articles.")
@click.option("--fetch-links", is_flag=True,
              help="For feeds: fetch each entry's linked page (needs the network).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any input failed.")
@mapping_options
def ingest_cmd(sources: tuple[str, ...], db: str | None, model: str | None, workers: int,
               dask_address: str | None, out_parquet: str | None, batch_size: int,
               limit: int | None, fetch_links: bool, as_json: bool, strict: bool,
               **mapping: str | None) -> None:
    """Read SOURCES, extract records and add them to the store --db.

    SOURCES are files (.txt, .html, .xml/.rss/.atom feeds, .warc, .jsonl, .csv,
    .parquet, also .gz/.bz2/.zip), directories (walked recursively), `-` for
    standard input, or http(s) URLs. Articles already stored are skipped, so an
    interrupted run resumes where it stopped.

    \b
    Example:
      dragoman ingest examples/articles --db news.db
      dragoman ingest corpus.jsonl.gz --db news.db --text-field body --date-field date
      dragoman ingest corpus.jsonl.gz --db news.db --workers 2
      dragoman ingest corpus/ --dask local:4 --out-parquet corpus-parquet/
    """
    if out_parquet:
        _ingest_parquet(sources, dask_address, out_parquet, model, limit, as_json, strict,
                        mapping)
        return
    if not db:
        raise click.UsageError("give the store with --db FILE (or --dask ... --out-parquet DIR)")
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from dragoman.ingest import FieldMap
    from dragoman.store.ingest import IngestInterrupted, ingest

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("ingesting")

        def show(s: Any) -> None:
            progress.update(task, description=(
                f"articles {s.read:,} · stored {s.stored:,} · events {s.events:,} · "
                f"statements {s.statements:,} · failed {s.failed:,}"))

        def error(exc: Exception) -> None:
            progress.console.print(f"[red]Error:[/] {escape(str(exc))}", markup=True,
                                   highlight=False,
                                   soft_wrap=True)

        try:
            summary = ingest(sources, db, model=model, batch_size=batch_size, limit=limit,
                             workers=workers, dask=dask_address,
                             fetch_links=fetch_links, on_progress=show, on_error=error,
                             fields=FieldMap.from_options(**mapping))
        except IngestInterrupted as stop:
            progress.stop()
            s = stop.summary
            err.print(f"Interrupted after {s.stored:,} articles stored ({s.read:,} read, "
                      f"{s.failed:,} failed); every stored article is complete. Run the "
                      f"same command again to resume.", highlight=False, soft_wrap=True)
            sys.exit(130)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=2))
    else:
        _print_summary(summary.as_dict(), db)
    if summary.failed and (strict or (not summary.stored and not summary.skipped)):
        sys.exit(1)


def _ingest_parquet(sources: tuple[str, ...], dask_address: str | None, out_dir: str,
                    model: str | None, limit: int | None, as_json: bool, strict: bool,
                    mapping: dict[str, str | None]) -> None:
    """Workers extract and write Parquet; this process only reads the inputs."""
    from itertools import islice

    from dragoman.distributed import write_parquet
    from dragoman.errors import InputError
    from dragoman.ingest import FieldMap
    from dragoman.ingest.readers import iter_articles

    if not dask_address:
        raise click.UsageError("--out-parquet needs --dask ADDRESS (or --dask local:N)")
    failed: list[str] = []

    def articles() -> Any:
        items = iter_articles(sources, fields=FieldMap.from_options(**mapping))
        for item in items:
            if isinstance(item, InputError):
                failed.append(str(item))
                err.print(f"[red]Error:[/] {escape(str(item))}", highlight=False, soft_wrap=True)
                continue
            yield item

    summary = write_parquet(islice(articles(), limit), dask_address, out_dir, model=model)
    data = {"partitions": summary.partitions, "done": summary.done,
            "skipped": summary.skipped, "records": summary.records,
            "failed_partitions": summary.failed, "failed_inputs": len(failed), "out": out_dir}
    if as_json:
        click.echo(json.dumps(data, indent=2))
    else:
        for key, value in data.items():
            shown = len(value) if isinstance(value, list) else value
            out.print(f"{key.replace('_', ' '):>18}  {shown}")
    if (failed or summary.failed) and strict:
        sys.exit(1)


def _print_summary(data: dict[str, Any], db: str) -> None:
    table = Table("", "count", title=f"Ingested into {escape(db)}", show_header=False)
    for key in ("read", "stored", "skipped", "duplicates", "near_duplicates", "failed",
                "actors", "events", "statements", "words"):
        table.add_row(key.replace("_", " "), f"{data[key]:,}")
    total = data["seconds"]["total"]
    table.add_row("seconds", f"{total:.1f}")
    out.print(table)


@click.command("query")
@db_option
@click.option("--actor", metavar="CODE|NAME", help="Source or target: code prefix or name.")
@click.option("--source", "source_actor", metavar="CODE|NAME", help="Source actor only.")
@click.option("--target", "target_actor", metavar="CODE|NAME", help="Target actor only.")
@click.option("--type", "plover", metavar="PLOVER", help="PLOVER event type, e.g. CONSULT.")
@click.option("--cameo", metavar="CODE", help="CAMEO code or prefix, e.g. 19.")
@click.option("--since", metavar="DATE", help="Events on or after DATE (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Events on or before DATE.")
@click.option("--text", metavar="WORDS", help="Articles containing all these words.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0))
@format_option
def query_cmd(db: str, actor: str | None, source_actor: str | None, target_actor: str | None,
              plover: str | None, cameo: str | None, since: str | None, until: str | None,
              text: str | None, limit: int, fmt: str) -> None:
    """Find events in the store --db.

    \b
    Example:
      dragoman query --db news.db --actor RUS --type CONSULT --since 2019-01-01
      dragoman query --db news.db --cameo 19 --text "border clash" --format json
    """
    with Store(db, readonly=True) as store:
        rows = store.events(actor=actor, source=source_actor, target=target_actor,
                            plover=plover, cameo=cameo, since=since, until=until, text=text,
                            limit=limit or None)
    columns = ("date", "published", "source_name", "source_code", "trigger_text", "target_name",
               "target_code", "cameo", "plover", "goldstein", "article_id")
    _emit(rows, fmt, columns, "Events")


@click.command("statements")
@db_option
@click.option("--speaker", metavar="NAME", help="Speaker name, cited text or actor code.")
@click.option("--text", metavar="WORDS", help="Articles containing all these words.")
@click.option("--since", metavar="DATE", help="Articles published on or after DATE.")
@click.option("--until", metavar="DATE", help="Articles published on or before DATE.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0))
@format_option
def statements_cmd(db: str, speaker: str | None, text: str | None, since: str | None,
                   until: str | None, limit: int, fmt: str) -> None:
    """Find statements (who said what) in the store --db.

    \b
    Example:
      dragoman statements --db news.db --speaker Lavrov --format json
    """
    with Store(db, readonly=True) as store:
        rows = store.statements(speaker=speaker, text=text, since=since, until=until,
                                limit=limit or None)
    columns = ("published", "speaker_name", "speaker_text", "speaker_code", "kind",
               "content_text", "article_id")
    _emit(rows, fmt, columns, "Statements")


def _emit(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...], title: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(columns),
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(*columns, title=f"{title} ({len(rows)})")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        out.print(table)


def _cell(value: Any, width: int = 80) -> str:
    text = "" if value is None else " ".join(str(value).split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return escape(text)  # "[the minister]" in a quote is text, not rich markup


@click.command("stats")
@db_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats_cmd(db: str, top: int, as_json: bool) -> None:
    """Summarise the store --db: articles, top actors, events by type, speakers.

    \b
    Example:
      dragoman stats --db news.db
      dragoman stats --db news.db --json --top 20
    """
    with Store(db, readonly=True) as store:
        data = store.stats(top=top)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    counts = Table("", "count", title=escape(db), show_header=False)
    for key in ("articles", "near_duplicates", "sources", "actors", "distinct_actors",
                "distinct_codes", "events", "statements", "casualties"):
        counts.add_row(key.replace("_", " "), f"{data[key]:,}")
    counts.add_row("published", f"{data['first_published'] or '?'} – "
                                f"{data['last_published'] or '?'}")
    out.print(counts)
    _table("Top actors", data["top_actors"], ("name", "code", "articles", "mentions"))
    _table("Events by PLOVER type", data["events_by_plover"], ("plover", "events"))
    _table("Quad classes", data["quad_classes"], ("quad_class", "name", "events"))
    _table("Top speakers", data["top_speakers"], ("speaker", "code", "statements"))


def _table(title: str, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    if not rows:
        table.add_row(*(["(none)"] + [""] * (len(columns) - 1)))
    out.print(table)


@click.command("export")
@db_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["jsonl", "csv", "parquet", "gdelt1", "gdelt2", "phoenix"]),
              help="jsonl: records (a file); csv, parquet: one table per kind (a directory); "
                   "gdelt1, phoenix: tab-separated event file; gdelt2: events and mentions "
                   "(a directory).")
@click.option("--out", "out_path", required=True, type=click.Path(), help="File or directory.")
def export_cmd(db: str, fmt: str, out_path: str) -> None:
    """Export the store --db to other tools' formats.

    \b
    Example:
      dragoman export --db news.db --format gdelt1 --out events.tsv
      dragoman export --db news.db --format parquet --out news-parquet/
    """
    from dragoman.store.export import export

    with Store(db, readonly=True) as store:
        counts = export(store, fmt, out_path)
    click.echo(", ".join(f"{k}: {v:,}" for k, v in counts.items()) + f" -> {out_path}",
               err=True)


def register(main: click.Group) -> None:
    """Add the store commands to the ``dragoman`` group."""
    for command in (ingest_cmd, query_cmd, statements_cmd, stats_cmd, export_cmd):
        main.add_command(command)
