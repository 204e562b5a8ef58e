"""Calendar arithmetic for resolving expressions against an anchor date.

Tense conventions (see the package docstring): a past (or present) reading picks the
most recent occurrence on or before the anchor, a future reading the first one on or
after it. Month-day dates without a year ('on March 3') allow :data:`GRACE_DAYS` on the
other side of the anchor before jumping a year, because a story published on 14 May
that mentions 'May 16' in a present-tense sentence means this year's May 16.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

GRACE_DAYS = 7

# ---------------------------------------------------------------- ISO strings


def iso_day(d: date) -> str:
    return d.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_year(year: int) -> str:
    return f"{year:04d}"


# ---------------------------------------------------------------- input dates

_ISO_DASHED = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})|(\d{2})(\d{2})(\d{2})")


def parse_iso_date(s: str) -> date | None:
    """Read an input date: ``YYYY-MM-DD`` (a time part after it is ignored), ``YYYYMMDD``
    or ``YYMMDD`` (``YY`` <= 30 is 20YY, else 19YY).

    Returns ``None`` when ``s`` has none of these shapes. Raises ``ValueError`` naming the
    input when it has the shape of a date that does not exist (``2024-02-30``).
    """
    if not isinstance(s, str):
        raise TypeError(f"parse_iso_date expects a string, got {type(s).__name__}: {s!r}")
    text = s.strip()
    m = _ISO_DASHED.fullmatch(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = _COMPACT.fullmatch(text)
        if not m:
            return None
        if m.group(1):
            year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            yy = int(m.group(4))
            year = 2000 + yy if yy <= 30 else 1900 + yy
            month, day = int(m.group(5)), int(m.group(6))
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a real date: {s!r} (year {year}, month {month}, day {day}: {exc})") from None


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------- months and weeks


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def week_bounds(d: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week holding ``d``."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def weekend(anchor: date, future: bool) -> tuple[date, date]:
    """The Saturday-Sunday pair: the latest one that has begun (past) or the next one that has
    not ended (future). When the anchor is itself a Saturday or Sunday, that weekend."""
    saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
    if future and anchor.weekday() < 5:
        saturday += timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


# ---------------------------------------------------------------- tense-directed resolution


def weekday_date(anchor: date, weekday: int, future: bool, strict: bool = False) -> date:
    """The ``weekday`` (0 = Monday) nearest the anchor in the direction of tense.

    Past: on or before the anchor (the anchor itself when it is that weekday); future: on or
    after it. ``strict`` excludes the anchor ('last Tuesday', 'next Tuesday').
    """
    if future:
        delta = (weekday - anchor.weekday()) % 7
        if strict and delta == 0:
            delta = 7
        return anchor + timedelta(days=delta)
    delta = (anchor.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return anchor - timedelta(days=delta)


def month_day_date(anchor: date, month: int, day: int, future: bool, grace: int = GRACE_DAYS) -> date | None:
    """A month and day without a year: the anchor's year unless tense points across it.

    Past: the most recent such day on or before ``anchor + grace``; future: the first on or
    after ``anchor - grace``. ``None`` when the day never exists (April 31); February 29
    goes to the nearest leap year in the direction of tense.
    """
    step = 1 if future else -1
    year = anchor.year
    for _ in range(10):
        d = safe_date(year, month, day)
        if d is not None:
            if future and d >= anchor - timedelta(days=grace):
                return d
            if not future and d <= anchor + timedelta(days=grace):
                return d
        year += step
    return None


def month_year(anchor: date, month: int, future: bool) -> int:
    """Year of a bare month name: past -> the latest such month that has begun by the anchor;
    future -> the first that has not ended (the anchor's own month in both cases)."""
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def quarter_year(anchor: date, quarter: int, future: bool) -> int:
    """Year of 'the first quarter' etc. by tense: past -> latest such quarter begun by the
    anchor; future -> first such quarter not yet ended."""
    current = (anchor.month - 1) // 3 + 1
    if future:
        return anchor.year if quarter >= current else anchor.year + 1
    return anchor.year if quarter <= current else anchor.year - 1


def thirds(first: int, last: int, part: str) -> tuple[int, int]:
    """Split the inclusive span ``first..last`` into early / mid / late thirds.

    Months (1..12): 1-4, 5-8, 9-12. Days of a month (1..31): 1-10, 11-20, 21-31.
    Years of a decade (0..9): 0-2, 3-6, 7-9. Years of a century: 1-33, 34-67, 68-100.
    """
    n = last - first + 1
    cut1 = first + round(n / 3) - 1
    cut2 = first + round(2 * n / 3) - 1
    if n == 31 or n in (28, 29, 30):  # days of a month: fixed 10 / 10 / rest
        cut1, cut2 = first + 9, first + 19
    if part == "early":
        return first, cut1
    if part == "mid":
        return cut1 + 1, cut2
    return cut2 + 1, last


def shift_date(d: date, unit: str, n: int) -> date:
    """Move ``d`` by ``n`` units: D day, W week, M month, Y year, DE decade, CE century
    (the day is clamped to the month's end: 31 March - 1 month = 29 February)."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    months = n * {"M": 1, "Y": 12, "DE": 120, "CE": 1200}[unit]
    year, month = add_months(d.year, d.month, months)
    return date(year, month, min(d.day, month_end(year, month).day))
