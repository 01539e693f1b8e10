"""Readable terminal views of records and reports (rich)."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dragoman.records import Record

console = Console()


def _rows(table: Table, *cells: str) -> None:
    """Add a row of text from articles: brackets are shown, never read as markup."""
    table.add_row(*(escape(c) for c in cells))


def _name(record: Record, actor_id: str | None) -> str:
    actor = record.actor(actor_id)
    if actor is None:
        return "-"
    return f"{actor.name} ({actor.code})" if actor.code else actor.name


def print_record_table(record: Record) -> None:
    """Print one record as tables: actors, events, statements, casualties."""
    a = record.article
    console.rule(f"[bold]{escape(a.title or a.id)}[/] {a.published or ''} "
                 f"{escape(a.dateline or '')}")
    actors = Table("actor", "kind", "code", "role", "mentions", title="Actors")
    for actor in record.actors:
        _rows(actors, actor.name, actor.kind, actor.code or "", actor.role or "",
                       str(len(actor.mentions)))
    console.print(actors)
    events = Table("source", "trigger", "target", "cameo", "plover", "goldstein", "date", "flags",
                   title="Events")
    for e in record.events:
        flags = ", ".join(f for f in ("negated" if e.negated else "",
                                      e.modality if e.modality != "asserted" else "") if f)
        _rows(events, _name(record, e.source), e.trigger.text, _name(record, e.target),
                       e.cameo or "", e.plover or "",
                       f"{e.goldstein:+.1f}" if e.goldstein is not None else "",
                       e.date or "", flags)
    console.print(events)
    statements = Table("speaker", "via", "kind", "content", title="Statements")
    for s in record.statements:
        _rows(statements, s.speaker_text or _name(record, s.speaker), _name(record, s.via)
                           if s.via else "", s.kind, _short(s.content.text))
    console.print(statements)
    if record.casualties:
        casualties = Table("count", "qualifier", "kind", "who", "perpetrator", title="Casualties")
        for c in record.casualties:
            _rows(casualties, str(c.count), c.qualifier or "", c.kind, c.who or "",
                               _name(record, c.perpetrator))
        console.print(casualties)


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_report(report: dict[str, Any], as_json: bool, title: str) -> None:
    """Print an evaluation report: JSON for scripts, a table of figures otherwise."""
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False, default=str))
        return
    table = Table("measure", "value", title=title)
    for key, value in report.items():
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)
    per_label = report.get("per_label")
    if isinstance(per_label, dict):
        labels = Table("label", *next(iter(per_label.values()), {}).keys(), title="Per label")
        for label, row in per_label.items():
            labels.add_row(label, *(f"{v:.3f}" if isinstance(v, float) else str(v)
                                    for v in row.values()))
        console.print(labels)
    agreement = report.get("agreement")
    if isinstance(agreement, dict):
        _print_agreement(agreement)


def _print_agreement(agreement: dict[str, Any]) -> None:
    """The second annotator and dragoman against the first, side by side."""
    sides = [k for k, v in agreement.items() if isinstance(v, dict)]
    table = Table("measure", *sides, title=f"Agreement, on the {agreement.get('n_documents')} "
                  "articles annotated twice (each against the first annotator)")
    for key in agreement[sides[0]]:
        table.add_row(key, *(_cell(agreement[side].get(key)) for side in sides))
    console.print(table)


def _cell(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def print_misses(report: dict[str, Any]) -> None:
    """Print the misses an evaluation collected (``--verbose``)."""
    for miss in report.get("misses", []):
        console.print(miss if isinstance(miss, str) else json.dumps(miss, ensure_ascii=False))
