"""``dragoman eval``: score dragoman against public gold data."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import click

from dragoman.cli.output import print_misses, print_report

_JSON = click.option("--json", "as_json", is_flag=True, help="Print a JSON object for scripts.")
_VERBOSE = click.option("--verbose", "-v", is_flag=True, help="Also print what was missed.")
_MODEL = click.option("--model", metavar="NAME", help="spaCy pipeline to use.")


@click.group("eval")
def eval_group() -> None:
    """Score dragoman against public gold data (PLV, PETRARCH, PLOVER, PolNeAR, TimeBank).

    \b
    Example:
      dragoman eval plv ../shared/eval/plv/plv_train.csv --given-actors --json
    """


def _run(module: str, title: str, path: str, as_json: bool, verbose: bool, **kwargs: Any) -> None:
    evaluate: Callable[..., dict[str, Any]] = importlib.import_module(
        f"dragoman.evaluate.{module}").evaluate
    report = evaluate(path, **kwargs)
    if not verbose:
        report.pop("misses", None)
    print_report(report, as_json, title)
    if verbose and not as_json:
        print_misses(report)


@eval_group.command("actors")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_JSON
@_VERBOSE
@_MODEL
def eval_actors(path: str, as_json: bool, verbose: bool, model: str | None) -> None:
    """Actor codes against PETRARCH-2's gold validation sentences.

    \b
    Example:
      dragoman eval actors ../shared/eval/petrarch/PETR2_GSR_validation.xml --json
    """
    _run("actors", "Actors (PETR2 gold)", path, as_json, verbose, model=model)


@eval_group.command("plv")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--given-actors", is_flag=True,
              help="Give the gold source and target, as the published benchmark does.")
@click.option("--folds", type=int, default=0,
              help="Cross-validate the classifier over N folds of PATH (0: the shipped model).")
@_JSON
@_VERBOSE
@_MODEL
def eval_plv(path: str, given_actors: bool, folds: int, as_json: bool, verbose: bool,
             model: str | None) -> None:
    """PLOVER event types on the PLV benchmark (macro-F1 over 15 types).

    \b
    Example:
      dragoman eval plv ../shared/eval/plv/plv_train.csv --given-actors --folds 5 --json
    """
    _run("plv", "PLV", path, as_json, verbose, given_actors=given_actors, folds=folds, model=model)


@eval_group.command("petrarch")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_JSON
@_VERBOSE
@_MODEL
def eval_petrarch(path: str, as_json: bool, verbose: bool, model: str | None) -> None:
    """(source, target, CAMEO) triples against PETRARCH-2's gold validation set.

    \b
    Example:
      dragoman eval petrarch ../shared/eval/petrarch/PETR2_GSR_validation.xml --json
    """
    _run("petrarch", "PETRARCH-2 gold", path, as_json, verbose, model=model)


@eval_group.command("plover")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_JSON
@_VERBOSE
@_MODEL
def eval_plover(path: str, as_json: bool, verbose: bool, model: str | None) -> None:
    """PLOVER type accuracy on the CAMEO-manual examples.

    \b
    Example:
      dragoman eval plover ../shared/eval/plover/PLOVER_GSR_CAMEO.json --json
    """
    _run("plover", "PLOVER (CAMEO manual)", path, as_json, verbose, model=model)


@eval_group.command("polnear")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@_JSON
@_VERBOSE
@_MODEL
def eval_polnear(path: str, as_json: bool, verbose: bool, model: str | None) -> None:
    """Quotes and their sources against PolNeAR's attribution annotations.

    \b
    Example:
      dragoman eval polnear ../shared/eval/polnear/dev --json
    """
    _run("polnear", "PolNeAR", path, as_json, verbose, model=model)


@eval_group.command("timex")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_JSON
@_VERBOSE
def eval_timex(path: str, as_json: bool, verbose: bool) -> None:
    """Time expressions against TimeBank/AQUAINT (span F1 and value F1).

    \b
    Example:
      dragoman eval timex ../shared/eval/timebank/timebank-aquaint.jsonl --json
    """
    _run("timex", "TimeBank/AQUAINT", path, as_json, verbose)
