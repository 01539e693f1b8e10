"""Duplicates: exact copies by content hash, near copies (a wire story republished with
a different headline or footer) by MinHash over word shingles.

The store keeps exact duplicates once and links a near-duplicate to its first copy
(``articles.duplicate_of``); see :mod:`dragoman.store.sqlite` for how events of copies
are counted (GDELT's NumArticles and NumSources).
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib

import numpy as np

__all__ = ["NUM_PERM", "THRESHOLD", "NearDuplicates", "band_keys", "content_hash", "from_bytes",
           "lsh_params", "minhash", "shingle_hashes", "shingles", "similarity", "to_bytes"]

NUM_PERM = 128
THRESHOLD = 0.7  # estimated Jaccard similarity of 3-word shingles above which texts are copies
SHINGLE = 3
SCHEME = "affine32"  # datasketch's hashing scheme (MinHash values are computed as it does)
SEED = 1  # datasketch's default seed of the permutations
_MAX32 = np.uint32(0xFFFFFFFF)
# LSH layout (bands, rows per band) for the default threshold, as datasketch 2.0's
# MinHashLSH(threshold=0.7, num_perm=128) computes it (lsh._optimal_param with weights
# 0.5, 0.5): 14 bands of 9 values (126 of the 128 values banded).
_LSH_PARAMS = {(THRESHOLD, NUM_PERM): (14, 9)}
SIGNATURE = f"minhash {NUM_PERM} {SCHEME} crc32-fnv {SHINGLE}-word shingles"  # kept in store meta
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """The exact-duplicate key of a text: sha1 of its UTF-8 bytes (16 hex digits)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The set of lower-cased ``size``-word shingles of ``text`` (the words alone if fewer)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of ``text``'s lower-cased ``size``-word shingles (unique, sorted):
    CRC-32 of each word, combined position by position (vectorised, stable across runs)."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    w = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    if len(w) < size:
        return np.array([zlib.crc32(" ".join(words).encode())], dtype=np.uint64)
    h = np.zeros(len(w) - size + 1, dtype=np.uint64)
    for i in range(size):
        h = (h * np.uint64(0x01000193) + w[i:len(w) - size + 1 + i]) & np.uint64(0xFFFFFFFF)
    return np.unique(h)


def minhash(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature of ``text``'s word shingles (``num_perm`` uint32 values).

    The values are datasketch's (``MinHash(scheme="affine32", hashfunc=int)`` fed
    :func:`shingle_hashes`): each shingle hash is mixed with the MurmurHash3 finalizer,
    then mapped by ``h -> a * h + b mod 2**32`` for each permutation; a signature value
    is the least image. An empty text keeps every value at ``2**32 - 1``.
    """
    a, b = _permutations(num_perm)
    hashes = shingle_hashes(text).astype(np.uint32)
    if not len(hashes):
        return np.full(num_perm, _MAX32, dtype=np.uint32)
    mixed = _fmix32(hashes)[:, np.newaxis]
    return (mixed * a + b).min(axis=0)


@functools.cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The odd multipliers ``a`` and offsets ``b`` of datasketch's affine32 permutations
    (drawn as datasketch draws them, from ``RandomState(1)``)."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (a bijection that spreads the bits), element-wise."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def to_bytes(sig: np.ndarray) -> bytes:
    """A signature as little-endian uint64 bytes (to store)."""
    return np.asarray(sig, dtype="<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A signature back from :func:`to_bytes`."""
    return np.frombuffer(data, dtype="<u8").astype(np.uint32)


def similarity(sig: np.ndarray, other: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal values."""
    return float(np.count_nonzero(sig == other)) / float(len(sig))


@functools.cache
def lsh_params(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """The LSH bands and rows per band datasketch's ``MinHashLSH`` chooses for a
    similarity threshold (the least weighted sum of false positive and negative odds)."""
    if (threshold, num_perm) in _LSH_PARAMS:
        return _LSH_PARAMS[threshold, num_perm]
    from datasketch import MinHashLSH  # pulls in scipy: only for other thresholds

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(sig: np.ndarray, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per LSH band: a hash of the band's number and its ``rows``
    values. Two signatures are near-copy candidates when they share a key."""
    data = np.asarray(sig, dtype="<u4")
    return [int.from_bytes(hashlib.blake2b(
        data[i * rows:(i + 1) * rows].tobytes(), digest_size=8, salt=i.to_bytes(16, "little")
    ).digest(), "little", signed=True) for i in range(bands)]


class NearDuplicates:
    """An in-memory LSH index of signatures: which earlier text is a near copy of this one?

    The same candidates as datasketch's ``MinHashLSH`` (signatures sharing a whole band)
    and the same answer: the earliest added at or above the threshold.
    """

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = lsh_params(threshold, num_perm)
        self._buckets: dict[int, list[str]] = {}
        self._sigs: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def keys(self, sig: np.ndarray) -> list[int]:
        """The band keys of ``sig`` in this index's layout."""
        return band_keys(sig, self.bands, self.rows)

    def add(self, key: str, sig: np.ndarray, keys: list[int] | None = None) -> None:
        """Index ``sig`` under ``key`` (a first copy others may duplicate); ``keys``: its
        band keys when known."""
        if key in self._sigs:
            return
        for band in self.keys(sig) if keys is None else keys:
            self._buckets.setdefault(band, []).append(key)
        self._sigs[key] = sig
        self._order[key] = len(self._order)

    def items(self) -> list[tuple[str, np.ndarray]]:
        """The indexed keys and signatures, in the order they were added."""
        return list(self._sigs.items())

    def find(self, sig: np.ndarray, keys: list[int] | None = None) -> tuple[str, float] | None:
        """The earliest indexed key whose text is a near copy, with its similarity;
        ``keys``: the band keys of ``sig`` when known."""
        keys = self.keys(sig) if keys is None else keys
        candidates = {key for band in keys for key in self._buckets.get(band, ())}
        for key in sorted(candidates, key=self._order.__getitem__):
            score = similarity(sig, self._sigs[key])
            if score >= self.threshold:
                return key, score
        return None
