"""Near-duplicate stories: MinHash over word 5-gram shingles, indexed with MinHashLSH.

The same wire story republished with a new headline, an extra closing sentence or a
different site's boilerplate shares most of its 5-word sequences with the original;
a different story on the same topic shares few. ``signature`` returns bytes so a store
can persist it and rebuild the index later with ``load``.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.hashfunc import sha1_hash32

# Persisted signatures are only comparable within one permutation scheme and seed.
SCHEME = "affine32"
SEED = 1

SHINGLE_WORDS = 5


@lru_cache(maxsize=16)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows for the threshold (datasketch integrates for them: slow, so once)."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, num_perm, 0.5, 0.5)
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The word ``size``-grams of the normalised text (NFKC, case-folded, words only)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """An index of story signatures that answers "is this a near-duplicate of one I have?".

    ``threshold`` is the estimated Jaccard similarity of shingle sets above which two
    texts are duplicates. Texts without words are never indexed nor duplicates.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=_lsh_params(threshold, num_perm))
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._signatures

    def _minhash(self, text: str) -> MinHash | None:
        grams = shingles(text)
        if not grams:
            return None
        mh = MinHash(num_perm=self.num_perm, seed=SEED, hashfunc=sha1_hash32, scheme=SCHEME)
        mh.update_batch(list(grams))
        return mh

    def signature(self, text: str) -> bytes:
        """The MinHash of ``text`` as bytes (``num_perm`` little-endian uint64); empty for no words."""
        mh = self._minhash(text)
        return b"" if mh is None else mh.hashvalues.astype("<u8").tobytes()

    def _from_signature(self, signature: bytes) -> MinHash | None:
        if not signature:
            return None
        if len(signature) != 8 * self.num_perm:
            raise ValueError(
                f"signature has {len(signature)} bytes; this index (num_perm={self.num_perm}) expects {8 * self.num_perm}"
            )
        values = np.frombuffer(signature, dtype="<u8").astype(np.uint64)
        return MinHash(num_perm=self.num_perm, seed=SEED, hashvalues=values, hashfunc=sha1_hash32, scheme=SCHEME)

    def _as_minhash(self, text_or_signature: str | bytes) -> MinHash | None:
        if isinstance(text_or_signature, (bytes, bytearray, memoryview)):
            return self._from_signature(bytes(text_or_signature))
        return self._minhash(text_or_signature)

    def find(self, text_or_signature: str | bytes) -> str | None:
        """The indexed doc_id most similar to the text (at or above threshold), else None."""
        mh = self._as_minhash(text_or_signature)
        return None if mh is None else self._best_match(mh)

    def _best_match(self, mh: MinHash, exclude: str | None = None) -> str | None:
        best, best_score = None, -1.0
        for candidate in self._lsh.query(mh):
            if candidate == exclude:
                continue
            score = mh.jaccard(self._signatures[candidate])
            if score >= self.threshold and (score > best_score or (score == best_score and candidate < best)):
                best, best_score = candidate, score
        return best

    def add(self, doc_id: str, text_or_signature: str | bytes) -> str | None:
        """Index ``doc_id``; return the doc_id it near-duplicates (it is then not indexed), else None.

        Adding a doc_id that is already indexed changes nothing and returns None.
        """
        if doc_id in self._signatures:
            return None
        mh = self._as_minhash(text_or_signature)
        if mh is None:
            return None
        original = self._best_match(mh)
        if original is not None:
            return original
        self._insert(doc_id, mh)
        return None

    def load(self, pairs: Iterable[tuple[str, bytes]]) -> int:
        """Rebuild from stored ``(doc_id, signature)`` pairs without duplicate checks; returns how many were added."""
        added = 0
        for doc_id, signature in pairs:
            mh = self._from_signature(bytes(signature))
            if mh is None or doc_id in self._signatures:
                continue
            self._insert(doc_id, mh)
            added += 1
        return added

    def _insert(self, doc_id: str, mh: MinHash) -> None:
        self._lsh.insert(doc_id, mh)
        self._signatures[doc_id] = mh
