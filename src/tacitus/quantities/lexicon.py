"""The word lists behind quantity extraction, read once from ``tacitus/data/quantities/``.

Each file is a TSV with a commented header that says what its columns mean; a reviewer can
add a currency, a unit or a casualty verb there without reading Python.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tacitus.datafiles import DataFileError, data_path, read_tsv

DATA_DIR = "quantities"


@dataclass(frozen=True)
class QuantityLexicon:
    currency_prefix: dict[str, str]  # "$" -> USD, "us$" -> USD
    currency_suffix: dict[tuple[str, ...], str]  # ("us", "dollars") -> USD
    scales: dict[str, float]
    number_words: dict[str, tuple[float, str]]  # word -> (value, kind)
    units: dict[tuple[str, ...], str]
    percent_markers: dict[tuple[str, ...], str]
    people: dict[str, tuple[str | None, bool]]  # lemma -> (category, is_actor)
    casualty_words: dict[str, tuple[str, str]]  # lemma -> (slot, category)
    change_words: dict[str, str]  # lemma -> up/down
    attribution_verbs: frozenset[str]
    level_verbs: frozenset[str]

    @property
    def max_suffix_words(self) -> int:
        return max(len(k) for k in (*self.currency_suffix, *self.units, *self.percent_markers))


def _rows(name: str, base: Path | None = None):
    path = (base / name) if base else data_path(f"{DATA_DIR}/{name}")
    for number, row in read_tsv(path):
        yield path, number, row


def _number(path: Path, number: int, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise DataFileError(f"{path}:{number}: '{text}' is not a number") from None


def load_lexicon(base: Path | None = None) -> QuantityLexicon:
    """Read every quantities data file (from ``base`` if given, else the package data)."""
    prefix: dict[str, str] = {}
    suffix: dict[tuple[str, ...], str] = {}
    for path, number, row in _rows("currencies.tsv", base):
        form, iso, position = row["form"].lower(), row["iso"].upper(), row["position"]
        if position not in ("prefix", "suffix", "both"):
            raise DataFileError(f"{path}:{number}: position '{position}' is not prefix/suffix/both")
        if position in ("prefix", "both"):
            prefix[form] = iso
        if position in ("suffix", "both"):
            suffix[tuple(form.split())] = iso
    scales = {row["word"].lower(): _number(p, n, row["multiplier"]) for p, n, row in _rows("scales.tsv", base)}
    number_words: dict[str, tuple[float, str]] = {}
    for path, number, row in _rows("number_words.tsv", base):
        if row["kind"] not in ("exact", "vague", "fraction", "multiple"):
            raise DataFileError(f"{path}:{number}: kind '{row['kind']}' is unknown")
        number_words[row["word"].lower()] = (_number(path, number, row["value"]), row["kind"])
    units = {tuple(r["form"].lower().split()): r["unit"] for _, _, r in _rows("units.tsv", base)}
    percent = {tuple(r["form"].lower().split()): r["unit"] for _, _, r in _rows("percent_markers.tsv", base)}
    people = {
        r["noun"].lower(): (None if r["category"] in ("", "-") else r["category"], r["role"] == "actor")
        for _, _, r in _rows("people.tsv", base)
    }
    casualty: dict[str, tuple[str, str]] = {}
    for path, number, row in _rows("casualty_words.tsv", base):
        if row["slot"] not in ("object", "subject", "adjective"):
            raise DataFileError(f"{path}:{number}: slot '{row['slot']}' is not object/subject/adjective")
        casualty[row["lemma"].lower()] = (row["slot"], row["category"])
    change: dict[str, str] = {}
    for path, number, row in _rows("change_words.tsv", base):
        if row["direction"] not in ("up", "down"):
            raise DataFileError(f"{path}:{number}: direction '{row['direction']}' is not up/down")
        change[row["lemma"].lower()] = row["direction"]
    verbs = frozenset(r["lemma"].lower() for _, _, r in _rows("attribution.tsv", base))
    levels = frozenset(r["lemma"].lower() for _, _, r in _rows("level_verbs.tsv", base))
    return QuantityLexicon(
        prefix, suffix, scales, number_words, units, percent, people, casualty, change, verbs, levels
    )


@lru_cache(maxsize=1)
def lexicon() -> QuantityLexicon:
    """The package's lexicon, loaded once per process."""
    return load_lexicon()
