"""Shared pieces of the PETRARCH dictionary readers: the error type, comment stripping, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

_XML_COMMENT = re.compile(r"<!--.*?-->")


class DictionaryError(ValueError):
    """A line of a PETRARCH dictionary that cannot be read.

    The message names the file, the 1-based line number and what is wrong.
    """

    def __init__(self, path: Path | str, line: int, problem: str):
        self.path = Path(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path}:{line}: {problem}")


@dataclass(frozen=True)
class SourceLine:
    """One non-empty dictionary line with its comments removed."""

    number: int
    text: str  # comment-free, right-stripped; leading whitespace kept
    raw: str


def iter_lines(path: Path, text: str | None = None) -> Iterator[SourceLine]:
    """Yield the lines of a dictionary file with `#` and `<!-- -->` comments removed.

    Multi-line `<!-- ... -->` blocks are skipped as PETRARCH does. Blank lines are yielded with
    empty text so that readers that use blank lines as separators can see them.
    """
    if text is None:
        text = path.read_text(encoding="utf-8", errors="replace")
    in_block = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_block:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3:]
            in_block = False
        line = _XML_COMMENT.sub("", line)
        start = line.find("<!")
        if start >= 0:  # an XML-ish comment opening here ("<!--" or the sloppy "<! --")
            if "-->" not in line[start:]:
                in_block = True
            line = line[:start]
        hash_at = _comment_start(line)
        if hash_at >= 0:
            line = line[:hash_at]
        yield SourceLine(number, line.rstrip(), raw)


def _comment_start(line: str) -> int:
    """Index of the `#` starting a comment; a `#` inside `[...]` (the code `[###]`) is not one."""
    depth = 0
    for index, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return index
    return -1


def parse_date(text: str, path: Path, line: int) -> date:
    """Read a PETRARCH date: YYYYMMDD, or YYMMDD with YY <= 30 meaning 20YY."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise DictionaryError(path, line, f"bad date {text!r}: expected YYMMDD or YYYYMMDD")
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{2000 + year if year <= 30 else 1900 + year}{digits[2:]}"
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise DictionaryError(path, line, f"bad date {text!r}: {exc}") from None


def parse_record_date(text: str) -> date:
    """The date of a suite record (YYYYMMDD, or YYMMDD as PETRARCH reads it)."""
    return parse_date(text, Path("<record>"), 0)


def normalise_phrase(text: str) -> tuple[str, ...]:
    """Split a dictionary phrase (`PRIME_MINISTER`, `GAZA CITY`) into upper-case words.

    A trailing underscore (PETRARCH's "no stemming" mark) is dropped.
    """
    words = text.replace("_", " ").upper().split()
    return tuple(words)
