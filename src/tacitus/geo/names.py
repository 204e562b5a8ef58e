"""Place-name keys: one spelling-insensitive form for every name the gazetteer knows.

``name_key("Rostov-on-Don") == name_key("rostov on don")``, ``name_key("Sana'a") ==
name_key("Sanaa")``, ``name_key("Kharkiv Oblast") == name_key("Kharkiv region")``.
The build tool and the resolver both use these functions, so the keys stored in the
gazetteer table and the keys of a query always agree.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that name a first-level unit after its proper name ("Kursk Oblast", "Idlib province").
# They all become "region" in a key, so any of them finds the same unit.
REGION_WORDS = frozenset(
    {"region", "oblast", "province", "governorate", "krai", "kray", "prefecture", "state", "territory"}
)
REGION = "region"
_APOSTROPHES = "'’‘`´ʼʻ"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_SEPARATORS_RE = re.compile(r"[\s\-‐‑–—,/()\[\]\"“”]+")
_WORD_REWRITES = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents: ``"Zürich"`` -> ``"zurich"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_key(name: str) -> str:
    """The lookup key of a place name (see the module docstring); ``""`` for a blank name."""
    if not isinstance(name, str):
        raise TypeError(f"place name must be a str, got {type(name).__name__}: {name!r}")
    return _key_of(name)


@lru_cache(maxsize=65536)  # news repeats its place names: each is folded once per process
def _key_of(name: str) -> str:
    text = _APOSTROPHE_RE.sub("", fold(name)).replace(".", "")
    words = _SEPARATORS_RE.sub(" ", text).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    words = [_WORD_REWRITES.get(w, w) for w in words]
    if len(words) > 1 and words[-1] in REGION_WORDS:
        words[-1] = REGION
    return " ".join(words)


def strip_region_word(key: str) -> str | None:
    """``"kursk region"`` -> ``"kursk"``; ``None`` when the key has no trailing region word."""
    head, _, last = key.rpartition(" ")
    return head if head and last == REGION else None
