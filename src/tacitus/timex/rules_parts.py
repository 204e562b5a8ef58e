"""Rules for parts of a year, month or week: quarters, halves, 'early next year',
'the end of May', 'earlier this month'. All resolve to ranges.

Early / mid / late split a year into Jan-Apr, May-Aug, Sep-Dec and a month into days
1-10, 11-20, 21-end; 'the beginning/start', 'the middle' and 'the end of' read the same.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from .dates import iso_day, iso_month, month_end, month_year, quarter_year, thirds, week_bounds
from .engine import Context, Reading, Rule
from .patterns import MONTH, PART, PART_OF, SPAN_PART, YEAR, compile_rule
from .lexicon import month_number
from .rules_calendar import part_of_month

_ORDINAL_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                    "fourth": 4, "4th": 4, "final": 4, "last": 4}
_REL_STEP = {"this": 0, "the": 0, "current": 0, "last": -1, "next": 1}


def _year_of(m: re.Match, ctx: Context, precision: str = "month", kind: str = "range") -> int:
    """The year named by group ``y`` or ``rel`` ('of 2023', 'of last year', 'of the year')."""
    if m["y"]:
        return int(m["y"])
    return ctx.need_anchor(precision, kind).year + _REL_STEP[m["rel"].lower()]


def _month_range(year: int, first: int, last: int) -> Reading:
    return Reading(iso_month(year, first), iso_month(year, last), "month", "range")


def _quarter(m: re.Match, ctx: Context) -> Reading | None:
    q_word = (m["q"] or "").lower()
    if m["qn"]:
        quarter = int(m["qn"])
    elif q_word == "last" and not (m["y"] or m["rel"]):
        return None  # 'last quarter' is the previous quarter (rules_relative)
    else:
        quarter = _ORDINAL_QUARTER[q_word]
    if m["y"] or m["rel"]:
        year = _year_of(m, ctx)
    else:
        year = quarter_year(ctx.need_anchor("month", "range"), quarter, ctx.future)
    first = quarter * 3 - 2
    return _month_range(year, first, first + 2)


def _half(m: re.Match, ctx: Context) -> Reading:
    half = 1 if (m["h"] or "").lower() in ("first", "1st", "1") else 2
    year = _year_of(m, ctx)
    return _month_range(year, 1, 6) if half == 1 else _month_range(year, 7, 12)


def _part_of_relative(m: re.Match, ctx: Context) -> Reading:
    """'early next year', 'the end of last month', 'by the end of the year'."""
    part = PART_OF[m["part"].lower()]
    unit = m["u"].lower()
    anchor = ctx.need_anchor("month" if unit == "year" else "day", "range")
    step = _REL_STEP[m["rel"].lower()]
    if unit == "year":
        first, last = thirds(1, 12, part)
        return _month_range(anchor.year + step, first, last)
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return part_of_month(year, month + 1, part)
    monday, _ = week_bounds(anchor + timedelta(weeks=step))
    first, last = thirds(0, 6, part)
    return Reading(iso_day(monday + timedelta(days=first)), iso_day(monday + timedelta(days=last)), "day", "range")


def _part_of_named(m: re.Match, ctx: Context) -> Reading | None:
    """'the end of May', 'the beginning of 2023', 'the middle of March 2022'."""
    part = PART_OF[m["part"].lower()]
    if m["mo"]:
        month = month_number(m["mo"])
        year = int(m["y"]) if m["y"] else month_year(ctx.need_anchor("day", "range"), month, ctx.future)
        return part_of_month(year, month, part)
    first, last = thirds(1, 12, part)
    return _month_range(int(m["y"]), first, last)


def _earlier_later(m: re.Match, ctx: Context) -> Reading:
    """'earlier this month' -> month start .. anchor; 'later this year' -> anchor month .. December."""
    unit = m["u"].lower()
    anchor = ctx.need_anchor("month" if unit == "year" else "day", "range")
    earlier = m["el"].lower() == "earlier"
    if unit == "year":
        if earlier:
            return _month_range(anchor.year, 1, anchor.month)
        return _month_range(anchor.year, anchor.month, 12)
    if unit == "month":
        first, last = date(anchor.year, anchor.month, 1), month_end(anchor.year, anchor.month)
    else:
        first, last = week_bounds(anchor)
    first, last = (first, anchor) if earlier else (anchor, last)
    if first == last:
        return Reading(iso_day(first))
    return Reading(iso_day(first), iso_day(last), "day", "range")


_OF_YEAR = rf"(?:(?P<y>{YEAR})|(?P<rel>(?i:this|last|next|the|current))\s+(?i:year))"

RULES = [
    Rule("quarter", compile_rule(
        rf"(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))\s+(?i:quarter)(?![-\w])"
        rf"(?:\s+(?i:of)\s+{_OF_YEAR}|,?\s+(?P<y2>{YEAR}))?(?P<qn>)"), None, frozenset({"quarter"})),
    Rule("quarter_q", compile_rule(rf"Q(?P<qn>[1-4])(?:\s+(?i:of\s+)?|['’]?)(?P<y>{YEAR})?(?P<q>)(?P<rel>)"), None, frozenset({"q1", "q2", "q3", "q4"})),
    Rule("year_quarter", compile_rule(rf"(?P<y>{YEAR})\s+Q(?P<qn>[1-4])(?P<q>)(?P<rel>)"), None, frozenset({"q1", "q2", "q3", "q4"})),
    Rule("half", compile_rule(
        rf"(?:(?i:the)\s+)?(?P<h>(?i:first|second|1st|2nd|latter))\s+(?i:half)\s+(?i:of)\s+{_OF_YEAR}"), _half, frozenset({"half"})),
    Rule("half_h", compile_rule(rf"H(?P<h>[12])\s+(?P<y>{YEAR})(?P<rel>)"), _half, frozenset({"h1", "h2"})),
    Rule("part_of_relative", compile_rule(
        rf"(?:(?P<part>{PART})[\s-]+|(?i:the)\s+(?P<part2>{SPAN_PART})\s+(?i:of)\s+)"
        rf"(?P<rel>(?i:this|last|next|the|current))\s+(?P<u>(?i:year|month|week))"), None, frozenset({"year", "month", "week"})),
    Rule("part_of_named", compile_rule(
        rf"(?i:the)\s+(?P<part>{SPAN_PART})\s+(?i:of)\s+(?:(?P<mo>{MONTH})(?:,?\s+(?P<y>{YEAR}))?|(?P<y2>{YEAR}))"), None, frozenset({"beginning", "start", "middle", "end"})),
    Rule("earlier_later", compile_rule(
        r"(?P<el>(?i:earlier|later))\s+(?i:this|in\s+the)\s+(?P<u>(?i:week|month|year))"), _earlier_later, frozenset({"earlier", "later"})),
]


class _Merged:
    """A match whose alternative groups (``y2``, ``part2``) stand in for the main ones."""

    def __init__(self, m: re.Match):
        self._m = m

    def __getitem__(self, name: str):
        value = self._m[name] if name in self._m.re.groupindex else None
        alt = name + "2"
        if value is None and alt in self._m.re.groupindex:
            value = self._m[alt]
        return value or None


def _merged(resolver):
    return lambda m, ctx: resolver(_Merged(m), ctx)


_RESOLVERS = {"quarter": _merged(_quarter), "quarter_q": _merged(_quarter), "year_quarter": _merged(_quarter),
              "part_of_relative": _merged(_part_of_relative), "part_of_named": _merged(_part_of_named)}
RULES = [Rule(r.name, r.pattern, _RESOLVERS.get(r.name, r.resolve), r.triggers, r.gate, r.digit_start) for r in RULES]
