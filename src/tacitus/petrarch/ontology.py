"""PETRARCH-2's internal coding ontology (PICO), used to negate event codes.

The ontology file maps each CAMEO code to a number built from hexadecimal parts:

    050:0x0080#DiplomaticCoop          cooperate diplomatically
    110:0x1007f#0xFFFF+0x0080#0x7000   disapprove = +0xFFFF on top of 'cooperate' (0x0080)
    121:-0xFFFF+0x0070                 reject = -0xFFFF on top of 'cooperate materially'

PETRARCH-2 negates a verb ("did not clash", "will not wire tap") by moving its code by 0xFFFF:
a code built on +0xFFFF loses it (did not disapprove -> cooperated), a code built on -0xFFFF
loses it (did not reject X -> X), any other code gains -0xFFFF (did not X -> rejected X).
The result is mapped back to the CAMEO code with that number; when no code has exactly
that number, the lowest hexadecimal digits are cleared one at a time until one does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .common import DictionaryError

_FLIP = 0xFFFF
_TERM = re.compile(r"\s*([+-]?)\s*(0x[0-9a-fA-F]+)\s*")
_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*(.*)$")


def parse_value(text: str) -> int | None:
    """'-0xFFFF+0x2040+0x300' -> its integer value; None when it is not such a sum."""
    text = text.strip()
    if not text:
        return None
    total, position = 0, 0
    for match in _TERM.finditer(text):
        if match.start() != position:
            return None
        value = int(match.group(2), 16)
        total += -value if match.group(1) == "-" else value
        position = match.end()
    return total if position == len(text) else None


@dataclass
class CodingOntology:
    """CAMEO code <-> PICO number, read from a PETRARCH internal coding ontology file."""

    path: Path
    values: dict[str, int] = field(default_factory=dict)  # CAMEO code -> number
    codes: dict[int, str] = field(default_factory=dict)  # number -> first CAMEO code with it

    def negate(self, code: str) -> str | None:
        """The CAMEO code of the negated event, or None when `code` is not in the ontology."""
        value = self.values.get(code)
        if value is None:
            return None
        if value >= _FLIP:
            flipped = value - _FLIP  # "did not disapprove" -> cooperated
        elif value < 0:
            flipped = value + _FLIP  # "did not reject X" -> X
        else:
            flipped = value - _FLIP  # "did not X" -> rejected X
        return self._nearest(flipped)

    def combine(self, upper: str, lower: str) -> str | None:
        """The code of an act nested under a statement, appeal or intent, as PETRARCH-2 adds
        their numbers: 'wants to help X' (030 over 070) -> 033, intend to aid. None when the
        upper code is not of that kind, the lower one is, or the sum names no code."""
        up, low = self.values.get(upper), self.values.get(lower)
        if up is None or low is None or not 0x1000 <= up < _FLIP or not 0 < low < 0x1000:
            return None
        return self.codes.get(up + low)

    def _nearest(self, value: int) -> str | None:
        base = 0
        if value < 0:
            base, value = -_FLIP, value + _FLIP
        elif value >= _FLIP:
            base, value = _FLIP, value - _FLIP
        for mask in (0xFFFFF, 0xFFFF0, 0xFFF00, 0xFF000, 0):
            found = self.codes.get(base + (value & mask))
            if found is not None:
                return found
        return None


def read_ontology(path: Path | str) -> CodingOntology:
    """Read `code:value[#alternative...]#comment` lines; `#` lines are comments."""
    path = Path(path)
    ontology = CodingOntology(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        match = _LINE.match(line)
        if not match:
            continue
        code, rest = match.group(1), match.group(2)
        value = parse_value(rest.split("#", 1)[0])
        if value is None:
            raise DictionaryError(path, number, f"bad ontology value for {code}: {rest!r}")
        ontology.values[code] = value
        ontology.codes.setdefault(value, code)
    if not ontology.values:
        raise DictionaryError(path, 0, "no 'code:value' lines: not a coding ontology")
    return ontology

