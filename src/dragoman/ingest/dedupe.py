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
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # datasketch pulls in scipy: imported when first needed
    from datasketch import MinHash

__all__ = ["NUM_PERM", "THRESHOLD", "NearDuplicates", "content_hash", "minhash", "shingle_hashes",
           "shingles"]

NUM_PERM = 128
THRESHOLD = 0.7  # estimated Jaccard similarity of 3-word shingles above which texts are copies
SHINGLE = 3
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are read back with it
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


@functools.cache
def _template(num_perm: int) -> MinHash:
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, scheme=SCHEME, hashfunc=int)


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


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash:
    """The MinHash signature of ``text``'s word shingles."""
    template = _template(num_perm)
    from datasketch import MinHash

    sig = MinHash(num_perm=num_perm, scheme=SCHEME, hashfunc=int,
                  permutations=template.permutations)
    sig.update_batch(shingle_hashes(text).tolist())
    return sig


def to_bytes(sig: MinHash) -> bytes:
    """A signature as little-endian uint64 bytes (to store)."""
    return np.asarray(sig.hashvalues, dtype="<u8").tobytes()


def from_bytes(data: bytes) -> MinHash:
    """A signature back from :func:`to_bytes`."""
    values = np.frombuffer(data, dtype="<u8")
    from datasketch import MinHash

    return MinHash(num_perm=len(values), hashvalues=values, scheme=SCHEME)


class NearDuplicates:
    """An LSH index of signatures: which earlier text is a near copy of this one?"""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, key: str, sig: MinHash) -> None:
        """Index ``sig`` under ``key`` (a first copy others may duplicate)."""
        if key in self._sigs:
            return
        self._lsh.insert(key, sig)
        self._sigs[key] = sig
        self._order[key] = len(self._order)

    def find(self, sig: MinHash) -> tuple[str, float] | None:
        """The earliest indexed key whose text is a near copy, with its similarity."""
        best: tuple[str, float] | None = None
        for key in sorted(self._lsh.query(sig), key=self._order.__getitem__):
            score = float(sig.jaccard(self._sigs[key]))
            if score >= self.threshold:
                best = (key, score)
                break
        return best
