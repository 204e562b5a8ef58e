"""Per-document columns of token attributes, read once instead of once per rule.

Rules that scan every word of a sentence ("is this a trigger?", "is this a reporting
verb?") would otherwise build a spaCy Token object per word per rule; most words fail
the first test, so reading the part of speech, dependency and lemma from arrays built
once per document skips that cost. Tokens are still made for the words a rule keeps.
Whatever changes a parsed document must call ``forget_words`` on it.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import DEP, LEMMA, POS
from spacy.tokens import Doc


@dataclass(frozen=True)
class Words:
    """``pos[i]``, ``dep[i]`` and ``lemma[i]`` (lower-cased) of token ``i`` of a document."""

    pos: list[str]
    dep: list[str]
    lemma: list[str]


_last: tuple[Doc, Words] | None = None  # the document coded now; rules ask for it many times


def words_of(doc: Doc) -> Words:
    """The columns of ``doc``, built on the first call for that document."""
    global _last
    last = _last  # read once: another thread may code another document
    if last is not None and last[0] is doc:
        return last[1]
    strings = doc.vocab.strings
    rows = doc.to_array([POS, DEP, LEMMA]).tolist() if len(doc) else []
    words = Words(
        pos=[strings[int(p)] if p else "" for p, _, _ in rows],
        dep=[strings[int(d)] if d else "" for _, d, _ in rows],
        lemma=[strings[int(l)].lower() if l else "" for _, _, l in rows],
    )
    _last = (doc, words)
    return words


def forget_words(doc: Doc) -> None:
    """Drop the columns of ``doc``: call after changing its parse (a re-read headline)."""
    global _last
    if _last is not None and _last[0] is doc:
        _last = None
