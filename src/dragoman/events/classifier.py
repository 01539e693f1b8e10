"""A learned PLOVER event-type classifier for sentences whose verb patterns are silent.

A linear model over sparse features (word and character n-grams of the sentence with
the source and target marked, the words between the two actors, the first words after
the source) and, when shipped, static sentence embeddings (model2vec distilled from
all-MiniLM-L6-v2, read with numpy alone). Training uses scikit-learn; prediction needs
numpy and scipy only. The weights are trained by ``scripts/train_classifier.py``.

    >>> from dragoman.events import classifier
    >>> classifier.predict(["Jets bombed the town."], ["Jets"], ["the town"])  # doctest: +SKIP
    [('ASSAULT', 0.83)]
"""

from __future__ import annotations

import collections
import contextlib
import functools
import hashlib
import itertools
import json
import logging
import re
import struct
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

__all__ = ["LABELS", "Model", "available", "load", "predict", "predict_groups", "train", "use"]

DATA = Path(__file__).parent / "data"
WEIGHTS = DATA / "classifier.npz"
EMBEDDINGS = DATA / "classifier_embeddings"
EXTRA = DATA / "classifier_extra.tsv"
# The settings chosen by cross-validation (scripts/train_classifier.py prints the figures).
DEFAULTS: dict[str, Any] = {"c": 1.0, "svm": True, "scale": 4.0, "min_df": 2,
                            "dense_weight": 0.5}
LABELS = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "MOBILIZE",
          "PROTEST", "REJECT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN", "YIELD")

_SKIP = frozenset("""
has have had is was were are be been being will would could should may might can did
does do not also on in at last this that which who yesterday today monday tuesday
wednesday thursday friday saturday sunday early late recently reportedly the an said
says
""".split())  # noqa: SIM905 (a word list)


# --- features -----------------------------------------------------------------------------

@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude suffix stemmer: 'attacked', 'attacks', 'attacking' -> 'attack'."""
    for suffix in ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
    return word


def _find(text: str, actor: str | None) -> tuple[int, int]:
    if not actor:
        return -1, -1
    at = text.find(actor)
    if at < 0:
        at = text.lower().find(actor.lower())
    return (at, at + len(actor)) if at >= 0 else (-1, -1)


def _pieces(text: str, source: str | None, target: str | None) -> tuple[str, str, str]:
    """(marked text, words between the actors, words after the source)."""
    s0, s1 = _find(text, source)
    t0, t1 = _find(text, target)
    if t0 >= 0 and s0 >= 0 and t0 < s1 and s0 < t1:  # overlapping: keep the source only
        t0 = t1 = -1
    spans = sorted([(s0, s1, " [SRC] "), (t0, t1, " [TGT] ")], key=lambda x: x[0], reverse=True)
    marked = text
    for start, end, tag in spans:
        if start >= 0:
            closing = tag.replace("[", "[/")
            marked = marked[:start] + tag + marked[start:end] + closing + marked[end:]
    if s0 >= 0 and t0 >= s1:
        between = text[s1:t0]
    elif s0 >= 0 and 0 <= t0 < s0:
        between = text[t1:s0]
    elif s0 >= 0:
        between = text[s1:s1 + 100]
    else:
        between = text
    after = text[s1:s1 + 80] if s0 >= 0 else text[:80]
    return marked, between, after


def _parts(text: str, source: str | None, target: str | None) -> tuple[list[str], list[str]]:
    """(word feature names, words whose character n-grams are features) of one example."""
    words, char_words = _words(text, source, target)
    names = [f"w:{w}" for w in words]
    names += [f"w:{a} {b}" for a, b in itertools.pairwise(words)]
    return names, char_words


def _words(text: str, source: str | None, target: str | None) -> tuple[list[str], list[str]]:
    """(words whose unigrams and bigrams are features, words whose character n-grams are
    features) of one example."""
    marked, between, after = _pieces(text, source, target)
    extra = " ".join("b_" + w for w in _TOKEN.findall(between.lower()))
    extra += " " + " ".join("v_" + _stem(w) for w in _TOKEN.findall(after.lower())
                            if w not in _SKIP)
    combined = f"{marked} ||| {extra}".lower()
    return _TOKEN.findall(combined), combined.split()


def _char_names(word: str) -> list[str]:
    padded = f" {word} "
    return [f"c:{padded[i:i + n]}" for n in range(2, 6) for i in range(len(padded) - n + 1)]


def features(text: str, source: str | None = None, target: str | None = None) -> list[str]:
    """The sparse feature names of one example (with repeats: counts are term frequencies)."""
    names, char_words = _parts(text, source, target)
    return names + [name for word in char_words for name in _char_names(word)]


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


# --- static embeddings (model2vec format, read without model2vec) -------------------------

class Embedder:
    """Mean-pooled static token embeddings with a BERT-uncased WordPiece tokenizer."""

    def __init__(self, vocab: dict[str, int], matrix: np.ndarray) -> None:
        self.vocab = vocab
        self.matrix = matrix
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def from_dir(cls, folder: Path) -> Embedder:
        tok = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
        matrix = _as_float32(_read_safetensors(folder / "model.safetensors"))
        return cls(tok["model"]["vocab"], matrix)

    def _word(self, word: str) -> list[int]:
        ids = self._cache.get(word)
        if ids is not None:
            return ids
        ids, start = [], 0
        while start < len(word):
            end, piece = len(word), None
            while start < end:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                if sub in self.vocab:
                    piece = self.vocab[sub]
                    break
                end -= 1
            if piece is None:
                ids = []
                break
            ids.append(piece)
            start = end
        self._cache[word] = ids
        return ids

    def tokens(self, text: str) -> list[int]:
        text = text.lower()
        if not text.isascii():
            text = unicodedata.normalize("NFD", text).translate(_MARKS)  # accents dropped
        words = _WORDPIECE_WORDS.findall(text)
        pieces = list(map(self._cache.get, words))  # the words met before, at C speed
        for k, ids in enumerate(pieces):
            if ids is None:
                pieces[k] = self._word(words[k])
        return [i for ids in pieces for i in ids]  # type: ignore[union-attr]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised mean embedding per text (a row depends on its text alone, so a
        text met again in ``texts`` is copied, not encoded again)."""
        out = np.zeros((len(texts), self.matrix.shape[1]), dtype=np.float32)
        done: dict[str, int] = {}
        for row, text in enumerate(texts):
            first = done.setdefault(text, row)
            if first != row:
                out[row] = out[first]
                continue
            ids = self.tokens(text)
            if ids:  # mean() and linalg.norm() without their overhead (the same sums)
                vec = np.add.reduce(self.matrix[ids], axis=0) / len(ids)
                out[row] = vec / (np.sqrt(vec.dot(vec)) + 1e-9)
        return out


_WORDPIECE_WORDS = re.compile(r"\w+|[^\w\s]")


class _Marks(dict[int, int | None]):
    """A str.translate table that deletes combining marks (category Mn), filled as
    characters are met."""

    def __missing__(self, char: int) -> int | None:
        value = None if unicodedata.category(chr(char)) == "Mn" else char
        self[char] = value
        return value


_MARKS = _Marks()


def _as_float32(data: np.ndarray) -> np.ndarray:
    """``data.astype(np.float32)``; float16 through a table of all 65,536 values (the
    same conversion, several times faster than numpy's on a large array)."""
    if data.dtype != np.float16:
        return data.astype(np.float32)
    table = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16)
    return table.astype(np.float32)[data.view(np.uint16)]


def _read_safetensors(path: Path) -> np.ndarray:
    raw = path.read_bytes()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    info = header["embeddings"]
    start, end = info["data_offsets"]
    dtype = {"F16": np.float16, "F32": np.float32}[info["dtype"]]
    data = np.frombuffer(raw[8 + size + start:8 + size + end], dtype=dtype)
    return data.reshape(info["shape"])


@functools.lru_cache(maxsize=1)
def _embedder() -> Embedder | None:
    if not (EMBEDDINGS / "model.safetensors").is_file():
        return None
    return Embedder.from_dir(EMBEDDINGS)


def dense(embedder: Embedder, texts: Sequence[str], sources: Sequence[str | None],
          targets: Sequence[str | None]) -> np.ndarray:
    """Embeddings of the whole sentence and of the words between the actors."""
    between = [_pieces(t, s, g)[1] for t, s, g in zip(texts, sources, targets, strict=True)]
    return np.hstack([embedder.encode(texts), embedder.encode(between)])


# --- the model ------------------------------------------------------------------------------

@dataclass
class Model:
    """A trained linear classifier: feature vocabulary, idf, weights; optional dense part."""

    labels: list[str]
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_features + n_dense, n_labels)
    intercept: np.ndarray
    dense_weight: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    def sparse(self, texts: Sequence[str], sources: Sequence[str | None],
               targets: Sequence[str | None]) -> sp.csr_matrix:
        return _sparse(self.vocab, self.idf, texts, sources, targets)

    def matrix(self, texts: Sequence[str], sources: Sequence[str | None],
               targets: Sequence[str | None], embedder: Embedder | None) -> sp.csr_matrix:
        x = self.sparse(texts, sources, targets)
        if self.dense_weight and embedder is not None:
            d = dense(embedder, texts, sources, targets) * self.dense_weight
            x = sp.hstack([x, sp.csr_matrix(d)]).tocsr()
        elif self.dense_weight:
            x = sp.hstack([x, sp.csr_matrix((x.shape[0], self.coef.shape[0] - x.shape[1]))])
        return x.tocsr()

    def proba(self, texts: Sequence[str], sources: Sequence[str | None],
              targets: Sequence[str | None]) -> np.ndarray:
        return self.probas([(texts, sources, targets)])[0]

    def probas(self, groups: Sequence[Examples]) -> list[np.ndarray]:
        """:meth:`proba` of each group of examples. The features of all groups are made
        and the sparse product taken at once (its rows are independent of each other);
        the dense product group by group, as BLAS sums in an order (so to the last bit)
        that depends on the shape of the product."""
        texts = [t for g in groups for t in g[0]]
        sources = [s for g in groups for s in g[1]]
        targets = [t for g in groups for t in g[2]]
        x = self.sparse(texts, sources, targets)  # the dense block is added apart: no hstack
        scores = np.asarray(x @ self._coef64()[:x.shape[1]]) + self.intercept
        embedder = _embedder() if self.dense_weight else None
        d = None if embedder is None else dense(embedder, texts, sources, targets)
        out = []
        for rows in _slices([len(g[0]) for g in groups]):
            part = scores[rows]
            if d is not None:
                part += (d[rows] * self.dense_weight) @ self.coef[x.shape[1]:]
            part -= part.max(axis=1, keepdims=True)
            exp = np.exp(part)
            out.append(exp / exp.sum(axis=1, keepdims=True))
        return out

    def _coef64(self) -> np.ndarray:
        """``coef`` as float64, made once: the sparse product would convert it on every
        call (same values, so the same scores)."""
        cached = self.__dict__.get("_coef64_cache")
        if cached is None or cached[0] is not self.coef:
            cached = self.__dict__["_coef64_cache"] = (self.coef, self.coef.astype(np.float64))
        return cached[1]

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, labels=np.array(self.labels), vocab=np.array(list(self.vocab)),
            idf=self.idf.astype(np.float32), coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            dense_weight=np.array(self.dense_weight), meta=np.array(json.dumps(self.meta)))

    @classmethod
    def read(cls, path: Path) -> Model:
        with np.load(path, allow_pickle=False) as z:
            names = [str(v) for v in z["vocab"]]
            return cls(labels=[str(v) for v in z["labels"]],
                       vocab={name: i for i, name in enumerate(names)},
                       idf=z["idf"], coef=z["coef"].astype(np.float32), intercept=z["intercept"],
                       dense_weight=float(z["dense_weight"]), meta=json.loads(str(z["meta"])))


Examples = tuple[Sequence[str], Sequence[str | None], Sequence[str | None]]  # texts, actors


def _slices(sizes: Sequence[int]) -> Iterator[slice]:
    """Consecutive slices of the given sizes."""
    start = 0
    for size in sizes:
        yield slice(start, start + size)
        start += size


class _Index:
    """Feature name -> column, with the character n-gram columns of each word cached."""

    LIMIT = 500_000  # words whose n-gram columns are kept

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.chars: dict[str, np.ndarray] = {}
        self.is_char = np.array([name.startswith("c:") for name in vocab], dtype=bool)
        self.grams = {name[2:]: col for name, col in vocab.items() if name.startswith("c:")}
        # "w:word" and "w:word word" by the words alone: a unigram has no space, a bigram one
        self.words = {name[2:]: col for name, col in vocab.items() if name.startswith("w:")}
        self.packed = _Packed.of(self.grams)

    def char_columns(self, word: str) -> np.ndarray:
        cols = self.chars.get(word)
        if cols is None:
            cols = _char_columns(self.grams, word)
            if len(self.chars) < self.LIMIT:
                self.chars[word] = cols
        return cols

    def fresh(self, words: list[str]) -> list[np.ndarray]:
        """The character n-gram columns of each of ``words`` (distinct, not cached), looked
        up together where the vocabulary allows it."""
        found = self.packed.columns(words) if self.packed is not None else None
        return found if found is not None else [_char_columns(self.grams, w) for w in words]

    def columns(self, text: str, source: str | None, target: str | None) -> np.ndarray:
        """The columns of one example's features, a column once per occurrence (the same
        as looking up each name of :func:`features`)."""
        return self.rows([text], [source], [target])[0]

    def rows(self, texts: Sequence[str], sources: Sequence[str | None],
             targets: Sequence[str | None]) -> list[np.ndarray]:
        """:meth:`columns` of each example (the words not met before looked up at once)."""
        parts = [_words(t, s, g) for t, s, g in zip(texts, sources, targets, strict=True)]
        known = self.chars
        new = list(dict.fromkeys(w for _, chars in parts for w in chars if w not in known))
        table: Mapping[str, np.ndarray] = known
        if new:
            fresh = dict(zip(new, self.fresh(new), strict=True))
            if len(known) < self.LIMIT:
                known.update(fresh)
            else:
                table = collections.ChainMap(fresh, known)
        get = self.words.get
        out = []
        for words, char_words in parts:
            found = [c for c in map(get, words) if c is not None]
            found += [c for c in map(get, map(" ".join, itertools.pairwise(words)))
                      if c is not None]
            out.append(np.concatenate([np.array(found, dtype=np.int32),
                                       *map(table.__getitem__, char_words)]))
        return out


def _char_columns(grams: dict[str, int], word: str) -> np.ndarray:
    """The columns of the character n-grams of ``word`` (padded with a space each side)."""
    padded, get = f" {word} ", grams.get
    found = map(get, map(padded.__getitem__, _gram_slices(len(padded))))
    return np.array([c for c in found if c is not None], dtype=np.int32)


class _Packed:
    """The character n-grams of the vocabulary as integers (up to five 8-bit character
    numbers), to look up the n-grams of many words with a few array operations."""

    def __init__(self, ids: np.ndarray, codes: np.ndarray, cols: np.ndarray) -> None:
        self.ids = ids  # code point -> character number (0: not in any n-gram)
        self.codes = codes  # sorted
        self.cols = cols  # the column of each code

    @classmethod
    def of(cls, grams: dict[str, int]) -> _Packed | None:
        """The packed n-grams, or None where they do not fit (then words go one by one)."""
        alphabet = sorted(set("".join(grams)))
        if not grams or len(alphabet) > 255 or any(not 2 <= len(g) <= 5 for g in grams):
            return None
        number = {ch: k + 1 for k, ch in enumerate(alphabet)}
        ids = np.zeros(ord(alphabet[-1]) + 2, dtype=np.int64)  # the last entry stays 0
        ids[[ord(ch) for ch in alphabet]] = list(number.values())
        codes = np.array([sum(number[ch] << (8 * (4 - k)) for k, ch in enumerate(g))
                          for g in grams], dtype=np.int64)
        order = np.argsort(codes)
        return cls(ids, codes[order], np.array(list(grams.values()), dtype=np.int32)[order])

    def columns(self, words: list[str]) -> list[np.ndarray] | None:
        """:func:`_char_columns` of each word (in another order within a word), or None
        for text that cannot be read as code points."""
        if not words:
            return []
        padded = "".join([f" {w} " for w in words])  # the padded words back to back
        try:
            points = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:  # a lone surrogate
            return None
        chars = self.ids[np.minimum(points, len(self.ids) - 1)]
        sizes = np.array([len(w) + 2 for w in words], dtype=np.int64)
        owner = np.repeat(np.arange(len(words)), sizes)  # the word of each position
        ends = np.repeat(np.cumsum(sizes), sizes)  # where that word's padding ends
        unknown = np.concatenate([[0], np.cumsum(chars == 0)])  # characters in no n-gram
        size = len(chars)
        code = np.zeros(size, dtype=np.int64)
        owners, cols = [], []
        for n in range(1, 6):
            m = size - n + 1  # the number of positions an n-gram can start at
            if m <= 0:
                break
            code = code[:m] | (chars[n - 1:] << (8 * (5 - n)))
            if n == 1:
                continue
            inside = (np.arange(m) + n <= ends[:m]) & (unknown[n:] == unknown[:m])
            wanted = code[inside]
            at = np.minimum(np.searchsorted(self.codes, wanted), len(self.codes) - 1)
            hit = self.codes[at] == wanted
            owners.append(owner[:m][inside][hit])
            cols.append(self.cols[at[hit]])
        every = np.concatenate(owners)
        found = np.concatenate(cols)[np.argsort(every, kind="stable")]
        bounds = np.cumsum(np.bincount(every, minlength=len(words))).tolist()
        return [found[a:b] for a, b in zip([0, *bounds], bounds, strict=False)]


@functools.cache
def _gram_slices(size: int) -> tuple[slice, ...]:
    """The slices that cut the character 2- to 5-grams of a padded word of ``size``
    characters (made once per size, not per word)."""
    return tuple(slice(i, i + n) for n in range(2, 6) for i in range(size - n + 1))


_INDEXES: dict[int, _Index] = {}


def _index(vocab: dict[str, int]) -> _Index:
    index = _INDEXES.get(id(vocab))
    if index is None or index.vocab is not vocab:
        index = _INDEXES[id(vocab)] = _Index(vocab)
    return index


def _sparse(vocab: dict[str, int], idf: np.ndarray, texts: Sequence[str],
            sources: Sequence[str | None], targets: Sequence[str | None]) -> sp.csr_matrix:
    """Sublinear tf-idf over the feature vocabulary; word and character blocks of each row
    L2-normalised apart."""
    index = _index(vocab)
    rows = index.rows(texts, sources, targets)
    width = len(idf)
    kind = np.int32 if (len(rows) + 1) * width < 2**31 else np.int64  # a faster sort
    lengths = [len(r) for r in rows]
    cols: np.ndarray = (np.concatenate(rows).astype(kind, copy=False) if rows
                        else np.zeros(0, dtype=kind))
    # Each (row, column) once with its count, in row then column order: the canonical
    # CSR layout, made with one sort instead of a matrix and its sum_duplicates.
    ids: np.ndarray = np.repeat(np.arange(len(rows), dtype=kind), lengths)  # row of each
    keys, tf = _counts(ids * width + cols)
    row, indices = np.divmod(keys, width)
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=len(rows)), out=indptr[1:])
    data = (1.0 + np.log(tf.astype(np.float64))) * idf[indices]
    # Norms of the character and the word block of each row, from the non-zeros only
    # (no vocabulary-sized work per call).
    is_char = index.is_char[indices]
    squares = data ** 2
    norms = [np.sqrt(np.bincount(row[m], weights=squares[m], minlength=len(rows)))
             for m in (is_char, ~is_char)]
    denom = np.where(is_char, norms[0][row], norms[1][row])
    data = data / np.where(denom > 0, denom, 1.0)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))


def _counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)`` with less overhead (``keys`` is sorted in
    place)."""
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return keys[starts], np.diff(starts, append=len(keys))


def train(texts: Sequence[str], labels: Sequence[str], sources: Sequence[str | None],
          targets: Sequence[str | None], *, c: float = 10.0, min_df: int = 2,
          dense_weight: float = 0.0, weights: Sequence[float] | None = None,
          svm: bool = False, scale: float = 1.0) -> Model:
    """Fit a model (needs scikit-learn, a development dependency of this step only)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    df: dict[str, int] = {}
    for text, source, target in zip(texts, sources, targets, strict=True):
        for name in set(features(text, source, target)):
            df[name] = df.get(name, 0) + 1
    names = sorted(name for name, n in df.items() if n >= min_df)
    vocab = {name: i for i, name in enumerate(names)}
    idf = np.log((1 + len(texts)) / (1 + np.array([df[n] for n in names], dtype=np.float64))) + 1
    model = Model(labels=[], vocab=vocab, idf=idf, coef=np.zeros((0, 0)),
                  intercept=np.zeros(0), dense_weight=dense_weight)
    embedder = _embedder() if dense_weight else None
    x = model.matrix(texts, sources, targets, embedder)
    if svm:
        clf: Any = LinearSVC(C=c, class_weight="balanced")
    else:
        clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    clf.fit(x, list(labels), sample_weight=None if weights is None else np.asarray(weights))
    model.labels = [str(v) for v in clf.classes_]
    scale = scale if svm else 1.0  # SVM margins need scaling to serve as logits
    model.coef = (clf.coef_.T * scale).astype(np.float32)
    model.intercept = (clf.intercept_ * scale).astype(np.float32)
    return model


def digest(text: str) -> str:
    """A short fingerprint of a training sentence (to tell in-sample scores)."""
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=6).hexdigest()


def extra_examples() -> tuple[list[str], list[str], list[str | None], list[str | None]]:
    """The example sentences written for dragoman: (texts, labels, sources, targets)."""
    texts, labels, sources, targets = [], [], [], []
    for line in EXTRA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, source, target, text = line.split("\t")
            texts.append(text)
            labels.append(label)
            sources.append(source or None)
            targets.append(target or None)
    return texts, labels, sources, targets


def train_default(texts: Sequence[str], labels: Sequence[str], sources: Sequence[str | None],
                  targets: Sequence[str | None]) -> Model:
    """Train with the shipped model's settings, adding dragoman's own example sentences."""
    more = extra_examples()
    return train([*texts, *more[0]], [*labels, *more[1]], [*sources, *more[2]],
                 [*targets, *more[3]], **DEFAULTS)


# --- the public API --------------------------------------------------------------------------

_override: list[Model] = []


@functools.lru_cache(maxsize=1)
def _shipped() -> Model | None:
    if not WEIGHTS.is_file():
        return None
    try:
        return Model.read(WEIGHTS)
    except (OSError, ValueError, KeyError) as err:
        logger.warning("could not read %s: %s", WEIGHTS, err)
        return None


def load() -> Model | None:
    """The model in use: one set by :func:`use`, else the shipped weights (read once)."""
    return _override[-1] if _override else _shipped()


def available() -> bool:
    """Whether a model (shipped weights, or one set with :func:`use`) can be used."""
    return load() is not None


@contextlib.contextmanager
def use(model: Model) -> Iterator[Model]:
    """Use ``model`` instead of the shipped weights inside a ``with`` block."""
    _override.append(model)
    try:
        yield model
    finally:
        _override.remove(model)


def predict(sentences: list[str], sources: list[str | None] | None = None,
            targets: list[str | None] | None = None) -> list[tuple[str, float]]:
    """The PLOVER type and its probability for each sentence, given its actors' texts.

    Without a model (see :func:`available`) every answer is ``("", 0.0)``.
    """
    model = load()
    if model is None:
        return [("", 0.0)] * len(sentences)
    if not sentences:
        return []
    sources = sources if sources is not None else [None] * len(sentences)
    targets = targets if targets is not None else [None] * len(sentences)
    return predict_groups([(sentences, sources, targets)])[0]


def predict_groups(groups: Sequence[Examples]) -> list[list[tuple[str, float]]]:
    """:func:`predict` for several groups of (sentences, sources, targets) with one pass
    of the model: each group's answers are those :func:`predict` gives it alone."""
    model = load()
    if model is None:
        return [[("", 0.0)] * len(g[0]) for g in groups]
    asked = [g for g in groups if len(g[0])]
    answers = iter(model.probas(asked) if asked else [])
    out: list[list[tuple[str, float]]] = []
    for g in groups:
        if not len(g[0]):
            out.append([])
            continue
        proba = next(answers)
        best = proba.argmax(axis=1)
        out.append([(model.labels[i], float(proba[row, i])) for row, i in enumerate(best)])
    return out
