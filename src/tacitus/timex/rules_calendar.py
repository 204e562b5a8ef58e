"""Rules for expressions that name the calendar: dates, month-day ranges, months, years,
decades, centuries and named days.

A date without a year takes its year from the anchor by tense (:func:`.dates.month_day_date`);
everything else here is absolute and resolves without an anchor.
"""
from __future__ import annotations

import re
from datetime import date

from .dates import iso_day, iso_month, iso_year, month_day_date, month_end, month_year, safe_date, thirds
from .engine import Context, Reading, Rule
from .lexicon import holiday_date, lexicon, month_number, parse_ordinal
from .patterns import (
    DAY, DIGIT, HOLIDAY, MONTH, MONTHS, ORD, PART, PARTS, TO, TRIGGERS, WEEKDAY, YEAR, YEAR_CORE,
    MONTH_GATE, compile_rule, day_number, digit_rule,
)

_WD = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"
_YEAR_TAIL = rf"(?:,?\s+(?P<y>{YEAR}))?"
_DAY = rf"{DAY}(?![.,]\d)"


def _month_day(ctx: Context, month: int, day: int, year: str | None) -> date | None:
    if year:
        return safe_date(int(year), month, day)
    ctx.need_anchor("day")
    return month_day_date(ctx.anchor, month, day, ctx.future)


# ---------------------------------------------------------------- numeric dates


def _iso(m: re.Match, ctx: Context) -> Reading | None:
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return Reading(iso_day(d)) if d else None


def _numeric_dmy(m: re.Match, ctx: Context) -> Reading | None:
    """Day first ('14-5-2024', '16.05.2024', '16/05/2024'); month first only when the
    day-first reading is impossible ('5/14/2024')."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    d = safe_date(y, b, a) or safe_date(y, a, b)
    return Reading(iso_day(d)) if d else None


# ---------------------------------------------------------------- month-day dates and ranges


def _month_day_rule(m: re.Match, ctx: Context) -> Reading | None:
    d = _month_day(ctx, month_number(m["mo"]), day_number(m["d"]), m["y"])
    return Reading(iso_day(d)) if d else None


def _range(ctx: Context, m1: int, d1: int, m2: int, d2: int, year: str | None) -> Reading | None:
    if year:
        y = int(year)
        start_year = y - 1 if (m2, d2) < (m1, d1) else y
        start, end = safe_date(start_year, m1, d1), safe_date(y, m2, d2)
    else:
        start = _month_day(ctx, m1, d1, None)
        if start is None:
            return None
        end = safe_date(start.year, m2, d2)
        if end is not None and end < start:
            end = safe_date(start.year + 1, m2, d2)
    if start is None or end is None or end <= start:
        return None
    return Reading(iso_day(start), iso_day(end), "day", "range")


def _md_range(m: re.Match, ctx: Context) -> Reading | None:
    if m["conj"] and m["conj"].lower() == "and" and not m["pre"]:
        return None
    m1 = month_number(m["mo"])
    m2 = month_number(m["mo2"]) if m["mo2"] else m1
    return _range(ctx, m1, day_number(m["d1"]), m2, day_number(m["d2"]), m["y"])


def _dm_range(m: re.Match, ctx: Context) -> Reading | None:
    m2 = month_number(m["mo"])
    m1 = month_number(m["mo1"]) if m["mo1"] else m2
    return _range(ctx, m1, day_number(m["d1"]), m2, day_number(m["d2"]), m["y"])


# ---------------------------------------------------------------- months


def _month_with_year(m: re.Match, ctx: Context) -> Reading | None:
    month = month_number(m["mo"])
    if m["y"]:
        year = int(m["y"])
    else:
        anchor = ctx.need_anchor("month")
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    part = m.groupdict().get("part")
    if part:
        return part_of_month(year, month, part)
    return Reading(iso_month(year, month), precision="month")


def part_of_month(year: int, month: int, part: str) -> Reading:
    last = month_end(year, month).day
    first_day, last_day = thirds(1, last, part.lower())
    return Reading(iso_day(date(year, month, first_day)), iso_day(date(year, month, last_day)), "day", "range")


def _bare_month(m: re.Match, ctx: Context) -> Reading | None:
    """'in March': past -> the latest March begun by the anchor, future -> the next one."""
    month = month_number(m["mo"])
    anchor = ctx.need_anchor("month")
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past"):  # the latest such month before the anchor's month
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in ("next", "coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = month_year(anchor, month, ctx.future)
    if m["part"]:
        return part_of_month(year, month, m["part"])
    return Reading(iso_month(year, month), precision="month")


def _month_range(m: re.Match, ctx: Context) -> Reading | None:
    if not (m["pre"] or m["y"]) and m["conj"] and m["conj"].strip() not in ("-", "–", "—"):
        return None
    m1, m2 = month_number(m["mo1"]), month_number(m["mo2"])
    if m["y"]:
        y2 = int(m["y"])
        y1 = y2 - 1 if m2 < m1 else y2
    else:
        anchor = ctx.need_anchor("month", "range")
        y1 = month_year(anchor, m1, ctx.future)
        y2 = y1 if m2 > m1 else y1 + 1
    if (y1, m1) >= (y2, m2):
        return None
    return Reading(iso_month(y1, m1), iso_month(y2, m2), "month", "range")


# ---------------------------------------------------------------- years, decades, centuries

_WEAK_PREPS = {"by", "of", "for", "from", "around", "circa", "to"}
_PREP_BEFORE = re.compile(
    r"\b(?P<pre>in|since|by|until|till|through|during|from|before|after|of|for|throughout|circa|around|"
    r"as\s+of|fiscal(?:\s+year)?)\s+(?:the\s+year\s+)?$",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|its|their|his|her|this|that)\s+$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")


def _year(m: re.Match, ctx: Context) -> Reading | None:
    """A bare four-digit number is a year only in context: after a preposition ('in 2023',
    'since 1949'; not 'by 2000 votes'), as a possessive ('2023's'), or between a determiner
    and an event noun or a name ('the 2024 election', 'the 2022 World Cup')."""
    reading = Reading(m["t"], precision="year")
    if m["poss"]:
        return reading
    before = ctx.text[max(0, m.start() - 30):m.start()]
    after = _WORD_AFTER.match(ctx.text, m.end())
    following = after.group(1) if after else ""
    prep = _PREP_BEFORE.search(before)
    if prep:
        if following.lower() in lexicon().count_nouns:
            return None
        weak = prep.group("pre").lower() in _WEAK_PREPS
        if weak and following.islower() and following.endswith("s") and len(following) > 3:
            return None
        return reading
    if following and _DETERMINER_BEFORE.search(before):
        if following.lower() in lexicon().event_nouns or following[0].isupper():
            return reading
    return None


def _year_range(m: re.Match, ctx: Context) -> Reading | None:
    if m["conj"].strip().lower() == "and" and not m.groupdict().get("pre"):
        return None
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if y2 <= y1 or y2 - y1 > 100:
        return None
    return Reading(iso_year(y1), iso_year(y2), "year", "range")


def _year_part(m: re.Match, ctx: Context) -> Reading | None:
    """'late 2023' -> 2023-09..2023-12 (early: Jan-Apr, mid: May-Aug, late: Sep-Dec)."""
    year = int(m["y"])
    first, last = thirds(1, 12, m["part"].lower())
    return Reading(iso_month(year, first), iso_month(year, last), "month", "range")


def _decade(m: re.Match, ctx: Context) -> Reading | None:
    digits = m["dec"] or m["dec2"]
    if len(digits) == 2:  # '90s -> 1990s; '20s -> 2020s
        decade = (1900 if int(digits) > 30 else 2000) + int(digits)
    else:
        decade = int(digits)
    first, last = decade, decade + 9
    if m["part"]:
        first, last = thirds(first, last, m["part"].lower())
    return Reading(iso_year(first), iso_year(last), "decade", "period")


def _century(m: re.Match, ctx: Context) -> Reading | None:
    n = parse_ordinal(m["ord"])
    if not 1 <= n <= 22:
        return None
    first, last = (n - 1) * 100 + 1, n * 100
    if m["part"]:
        first, last = thirds(first, last, m["part"].lower())
    return Reading(iso_year(first), iso_year(last), "century", "period")


def _holiday(m: re.Match, ctx: Context) -> Reading | None:
    month, day = holiday_date(m["h"])
    d = _month_day(ctx, month, day, m["y"])
    return Reading(iso_day(d)) if d else None


_PREP = r"(?i:in|since|by|until|till|through|during|from|before|after|of|for|throughout|circa|around|as\s+of)"
_REL = r"(?i:last|next|this|past|coming)"

RULES = [
    Rule("iso_date", digit_rule(r"(?P<y>\d\d\d\d)(?P<s>[-/])(?P<m>\d\d)(?P=s)(?P<d>\d\d)(?![-/.]\d)"), _iso, DIGIT,
         digit_start=True),
    Rule("numeric_dmy", digit_rule(r"(?P<a>\d\d?)(?P<s>[./-])(?P<b>\d\d?)(?P=s)(?P<y>\d{4})(?![-/.]\d)"), _numeric_dmy,
         DIGIT, digit_start=True),
    Rule("month_day", compile_rule(rf"{_WD}(?P<mo>{MONTH})\s+(?P<d>{_DAY}){_YEAR_TAIL}"), _month_day_rule, MONTHS, gate=MONTH_GATE, window=45),
    Rule("day_month", compile_rule(
        rf"{_WD}(?:(?i:the)\s+)?(?P<d>{_DAY})\s+(?:(?i:of)\s+)?(?P<mo>{MONTH}){_YEAR_TAIL}"), _month_day_rule, MONTHS, gate=MONTH_GATE, window=45),
    Rule("month_day_range", compile_rule(
        rf"(?:(?P<pre>(?i:from|between))\s+)?(?P<mo>{MONTH})\s+(?P<d1>{_DAY})(?P<conj>{TO})"
        rf"(?:(?P<mo2>{MONTH})\s+)?(?P<d2>{_DAY}){_YEAR_TAIL}"), _md_range, MONTHS, gate=MONTH_GATE, window=45),
    Rule("day_month_range", compile_rule(
        rf"(?:(?i:from|between)\s+)?(?:(?i:the)\s+)?(?P<d1>{_DAY})(?:\s+(?:(?i:of)\s+)?(?P<mo1>{MONTH}))?{TO}"
        rf"(?:(?i:the)\s+)?(?P<d2>{_DAY})\s+(?:(?i:of)\s+)?(?P<mo>{MONTH}){_YEAR_TAIL}"), _dm_range, MONTHS, gate=MONTH_GATE, window=45),
    Rule("month_year", compile_rule(
        rf"(?:(?P<part>{PART})[\s-]+)?(?P<mo>{MONTH})\s+(?:(?i:of)\s+)?"
        rf"(?:(?P<y>{YEAR})|(?P<rel>(?i:this|last|next))\s+(?i:year))"), _month_with_year, MONTHS, gate=MONTH_GATE, window=45),
    Rule("month_after_prep", compile_rule(
        rf"{_PREP}\s+(?P<t>(?:(?P<part>{PART})[\s-]+)?(?P<mo>{MONTH}))(?P<rel>)"), _bare_month, MONTHS, gate=MONTH_GATE, window=45),
    Rule("month_relative", compile_rule(
        rf"(?:(?P<rel>{_REL})|(?P<part>{PART}))[\s-]+(?P<mo>{MONTH})"), _bare_month, MONTHS, gate=MONTH_GATE, window=45),
    Rule("month_range", compile_rule(
        rf"(?:(?P<pre>(?i:from|between))\s+)?(?P<mo1>{MONTH})(?P<conj>{TO})(?P<mo2>{MONTH})(?:,?\s+(?P<y>{YEAR}))?"), _month_range, MONTHS, gate=MONTH_GATE, window=45),
    Rule("year", digit_rule(rf"(?P<t>{YEAR_CORE})(?P<poss>['’]s\b)?"), _year, DIGIT, digit_start=True),
    Rule("year_range", digit_rule(rf"(?P<y1>{YEAR_CORE})(?P<conj>{TO})(?P<y2>{YEAR}|\d\d(?!\d))"), _year_range, DIGIT,
         digit_start=True),
    Rule("year_range_prep", compile_rule(
        rf"(?P<pre>(?i:from|between))\s+(?P<y1>{YEAR})(?P<conj>{TO})(?P<y2>{YEAR}|\d\d(?!\d))"), _year_range,
        frozenset({"from", "between"}), gate=re.compile(r"\d\d\d\d"), window=20),
    Rule("year_part", compile_rule(rf"(?P<part>{PART})[\s-]+(?P<y>{YEAR})"), _year_part, PARTS),
    Rule("decade", compile_rule(
        rf"(?:(?i:the)\s+)?(?:(?P<part>{PART})[\s-]+)?(?:(?P<dec>(?:1[89]|20)\d0)|['’](?P<dec2>\d0))s(?!['’\w])"), _decade, DIGIT,
         gate=re.compile(r"\d0s")),
    Rule("century", compile_rule(
        rf"(?:(?i:the)\s+)?(?:(?P<part>{PART})[\s-]+)?(?P<ord>{ORD})[\s-]+(?i:century)"), _century,
        frozenset({"century"}), gate=re.compile(r"(?i:century)"), window=40),
    Rule("holiday", compile_rule(rf"(?P<h>{HOLIDAY})(?:,?\s+(?P<y>{YEAR}))?"), _holiday, TRIGGERS["holiday"],
         gate=re.compile(HOLIDAY), window=10),
]

