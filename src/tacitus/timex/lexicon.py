"""The words temporal expressions are made of, read once from ``data/timex/``.

``words.tsv`` lists month and weekday names, number and ordinal words, units,
count nouns and event nouns; ``holidays.tsv`` lists fixed-date named days. This
module turns them into lookup tables and regex fragments for :mod:`.rules`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tacitus.datafiles import DataFileError, data_path, read_tsv

WORD_TYPES = {"month", "weekday", "number", "ordinal", "unit", "count_noun", "event_noun"}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]          # lower-case name or abbreviation -> 1..12
    weekdays: dict[str, int]        # lower-case name -> 0 (Monday) .. 6
    numbers: dict[str, int]         # cardinal words
    ordinals: dict[str, int]        # ordinal words
    units: dict[str, str]           # day -> D, week -> W ...
    count_nouns: frozenset[str]
    event_nouns: frozenset[str]
    holidays: dict[str, tuple[int, int]]  # name (apostrophe normalised to ') -> (month, day)


def _alternation(words) -> str:
    """Regex alternation, longest first so 'september' wins over 'sep'."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    tables: dict[str, dict[str, str]] = {t: {} for t in WORD_TYPES}
    path = data_path("timex/words.tsv")
    for number, row in read_tsv(path):
        kind = row.get("type", "")
        if kind not in WORD_TYPES:
            raise DataFileError(f"{path}:{number}: unknown type {kind!r}; expected one of {sorted(WORD_TYPES)}")
        tables[kind][row["word"].lower()] = row["value"]
    holidays: dict[str, tuple[int, int]] = {}
    hpath = data_path("timex/holidays.tsv")
    for number, row in read_tsv(hpath):
        try:
            holidays[row["name"].replace("’", "'")] = (int(row["month"]), int(row["day"]))
        except ValueError as exc:
            raise DataFileError(f"{hpath}:{number}: month and day must be numbers: {row}") from exc
    return Lexicon(
        months={w: int(v) for w, v in tables["month"].items()},
        weekdays={w: int(v) for w, v in tables["weekday"].items()},
        numbers={w: int(v) for w, v in tables["number"].items()},
        ordinals={w: int(v) for w, v in tables["ordinal"].items()},
        units=dict(tables["unit"]),
        count_nouns=frozenset(tables["count_noun"]),
        event_nouns=frozenset(tables["event_noun"]),
        holidays=holidays,
    )


# ---------------------------------------------------------------- regex fragments

def month_pattern() -> str:
    """Capitalised month names and abbreviations ('May', 'Sept.'); 'may' the verb is not one."""
    lex = lexicon()
    full = [m.capitalize() for m, n in lex.months.items() if len(m) > 4 or m in ("may", "june", "july")]
    short = [m.capitalize() for m in lex.months if m.capitalize() not in full]
    return rf"(?:{_alternation(full)}|(?:{_alternation(short)})(?:\.(?!\d))?)"


def weekday_pattern() -> str:
    return rf"(?:{_alternation(w.capitalize() for w in lexicon().weekdays)})"


def number_pattern() -> str:
    """A count: digits, 'six', 'seventy-five', 'a', 'a couple of' (case-insensitive use)."""
    lex = lexicon()
    small = [w for w, v in lex.numbers.items() if w not in _TENS]
    tens = _alternation(_TENS)
    units = _alternation(w for w, v in lex.numbers.items() if 1 <= v <= 9 and w not in ("a", "an"))
    return rf"(?:\d{{1,3}}|(?:{tens})(?:-(?:{units}))?|{_alternation(small)})"


def ordinal_pattern() -> str:
    """An ordinal: '21st', '75th', 'twenty-first', 'seventy-fifth', 'hundredth'."""
    lex = lexicon()
    tens = _alternation(_TENS)
    unit_ords = _alternation(w for w, v in lex.ordinals.items() if 1 <= v <= 9)
    return rf"(?:\d{{1,3}}(?:st|nd|rd|th)|(?:{tens})-(?:{unit_ords})|{_alternation(lex.ordinals)})"


def holiday_pattern() -> str:
    names = [re.escape(n).replace("'", "['’]") for n in sorted(lexicon().holidays, key=len, reverse=True)]
    return "(?:" + "|".join(names) + ")"


# ---------------------------------------------------------------- word values

def month_number(word: str) -> int:
    return lexicon().months[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return lexicon().weekdays[word.lower()]


def parse_number(word: str) -> int:
    """'6' -> 6, 'six' -> 6, 'seventy-five' -> 75, 'a couple of' -> 2."""
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    nums = lexicon().numbers
    if w in nums:
        return nums[w]
    tens, _, unit = w.partition("-")
    return nums[tens] + nums[unit]


def parse_ordinal(word: str) -> int:
    """'21st' -> 21, 'twenty-first' -> 21, 'hundredth' -> 100."""
    w = word.lower()
    if w[:1].isdigit():
        return int(w[:-2])
    ords = lexicon().ordinals
    if w in ords:
        return ords[w]
    tens, _, unit = w.partition("-")
    return lexicon().numbers[tens] + ords[unit]


def unit_code(word: str) -> str:
    """'years' -> 'Y', 'centuries' -> 'CE'."""
    w = word.lower()
    units = lexicon().units
    if w in units:
        return units[w]
    if w.endswith("ies") and w[:-3] + "y" in units:
        return units[w[:-3] + "y"]
    return units[w.rstrip("s")]


def holiday_date(name: str) -> tuple[int, int]:
    return lexicon().holidays[name.replace("’", "'")]
