"""Regex fragments shared by the rule modules (built once from the lexicon).

Month and weekday names are matched with their capital ('May', not the verb 'may');
other words case-insensitively through ``(?i:...)`` groups.
"""
from __future__ import annotations

import re

from .lexicon import holiday_pattern, month_pattern, number_pattern, ordinal_pattern, weekday_pattern

MONTH = month_pattern()
WEEKDAY = weekday_pattern()
NUM = rf"(?i:{number_pattern()})"
ORD = rf"(?i:{ordinal_pattern()})"
HOLIDAY = holiday_pattern()

# A day of the month: 1-31, optionally '16th'; never part of a longer number.
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
# A four-digit year 1800-2100, not part of a number, an amount or a percentage.
# YEAR_CORE leaves the left edge to the rule (see digit_rule), so that the regex engine can
# jump to digits instead of trying every position.
YEAR_CORE = r"(?:1[89]\d\d|20\d\d|2100)(?![\d%]|[.,]\d)"
YEAR = rf"(?<![\w.,$€£#/]){YEAR_CORE}"
DASH = r"\s*(?:-|–|—)\s*"
TO = r"(?:\s*(?:-|–|—)\s*|\s+(?i:to|through|until|till|and)\s+)"
UNIT = r"(?i:days?|weeks?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?)"
PART = r"(?i:early|mid|late)"
SPAN_PART = r"(?i:beginning|start|middle|end)"  # 'the end of May'
PART_OF = {"beginning": "early", "start": "early", "middle": "mid", "end": "late",
           "early": "early", "mid": "mid", "late": "late"}


def compile_rule(pattern: str) -> re.Pattern:
    """Compile with word boundaries around the whole pattern."""
    return re.compile(rf"(?<![\w]){pattern}(?![\w])")


def digit_rule(pattern: str) -> re.Pattern:
    """Compile a pattern that starts with a digit. Its left edge is checked by the engine
    (``Rule.digit_start``), not by a lookbehind, which would make the regex engine try every
    position of the text instead of jumping to digits (about 15 times slower)."""
    return re.compile(rf"{pattern}(?![\w])")


def day_number(text: str) -> int:
    """'16th' -> 16."""
    return int(re.match(r"\d+", text).group())


# ---------------------------------------------------------------- trigger words (see engine.RuleSet)

def _triggers() -> dict[str, frozenset[str]]:
    from .lexicon import lexicon

    lex = lexicon()
    units = {"day", "week", "month", "year", "decade", "century", "hour", "minute"}
    return {
        "digit": frozenset({"#"}),
        "month": frozenset(m.capitalize() for m in lex.months),  # capitalised: 'May', not 'may'
        "weekday": frozenset(w.capitalize() for w in lex.weekdays),
        "holiday": frozenset(name.split()[0].lower().split("'")[0] for name in lex.holidays),
        "units": frozenset(units | {u + "s" for u in units} | {"centuries"}),
        "unit": frozenset(units),
    }


TRIGGERS = _triggers()
DIGIT = TRIGGERS["digit"]
MONTHS = TRIGGERS["month"]
PARTS = frozenset({"early", "mid", "late"})


# Gates: cheap regexes (a literal or character class first, so the regex engine can skip
# ahead) whose matches every match of a rule lies near (Rule.window).
MONTH_GATE = re.compile(MONTH)
WEEKDAY_GATE = re.compile(WEEKDAY)
