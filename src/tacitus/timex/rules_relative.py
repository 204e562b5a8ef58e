"""Rules for expressions relative to the anchor ('yesterday', 'on Tuesday', 'last week',
'two days ago'), to the latest date mentioned ('the previous year', 'a year earlier'), and
for spans that are not dates ('a six-year term', '75th anniversary', 'in recent years').
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from .dates import iso_day, iso_month, iso_year, shift_date, week_bounds, weekday_date, weekend
from .engine import Context, Reading, Rule
from .lexicon import parse_number, parse_ordinal, unit_code, weekday_number
from .patterns import NUM, ORD, TRIGGERS, UNIT, WEEKDAY, WEEKDAY_GATE, compile_rule

_PRECISION = {"D": "day", "W": "day", "M": "month", "Y": "year", "DE": "year", "CE": "year"}


def _at_unit(d: date, unit: str) -> Reading:
    """The day, ISO week (as a range), month or year holding ``d``."""
    if unit == "D":
        return Reading(iso_day(d))
    if unit == "W":
        monday, sunday = week_bounds(d)
        return Reading(iso_day(monday), iso_day(sunday), "day", "range")
    if unit == "M":
        return Reading(iso_month(d.year, d.month), precision="month")
    return Reading(iso_year(d.year), precision="year")


# ---------------------------------------------------------------- today, yesterday, weekdays

_DEICTIC_OFFSET = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
                   "today": 0, "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0,
                   "this afternoon": 0, "this evening": 0, "earlier today": 0, "later today": 0}


def _deictic(m: re.Match, ctx: Context) -> Reading:
    anchor = ctx.need_anchor("day")
    word = " ".join(m["w"].lower().split())
    word = re.sub(r" (?:morning|afternoon|evening|night)$", "", word) if word.startswith(("yesterday", "tomorrow")) else word
    if word == "overnight":  # the night before the report, or the coming night
        offset = 0 if ctx.future else -1
    else:
        offset = _DEICTIC_OFFSET[word]
    return Reading(iso_day(anchor + timedelta(days=offset)))


def _weekday(m: re.Match, ctx: Context) -> Reading:
    anchor = ctx.need_anchor("day")
    rel = (m["rel"] or "").lower()
    weekday = weekday_number(m["wd"])
    if rel in ("last", "past"):
        d = weekday_date(anchor, weekday, future=False, strict=True)
    elif rel in ("next", "coming"):
        d = weekday_date(anchor, weekday, future=True, strict=True)
    else:
        d = weekday_date(anchor, weekday, ctx.future)
    return Reading(iso_day(d))


def _weekend(m: re.Match, ctx: Context) -> Reading:
    anchor = ctx.need_anchor("day", "range")
    rel = m["rel"].lower()
    on_weekend = anchor.weekday() >= 5
    if rel in ("last", "past"):
        saturday, sunday = weekend(anchor, future=False)
        if on_weekend:
            saturday, sunday = saturday - timedelta(days=7), sunday - timedelta(days=7)
    elif rel in ("next", "coming"):
        saturday, sunday = weekend(anchor, future=True)
        if on_weekend:
            saturday, sunday = saturday + timedelta(days=7), sunday + timedelta(days=7)
    else:
        saturday, sunday = weekend(anchor, ctx.future)
    return Reading(iso_day(saturday), iso_day(sunday), "day", "range")


# ---------------------------------------------------------------- last week, this year, next month

_STEP = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


def _deictic_unit(m: re.Match, ctx: Context) -> Reading:
    unit = unit_code(m["u"])
    step = _STEP[m["rel"].lower()]
    if unit == "Q":
        return _quarter_of(ctx.need_anchor("month", "range"), step)
    kind = "period" if unit in ("DE", "CE") else ("range" if unit == "W" else "date")
    anchor = ctx.need_anchor(_PRECISION[unit], kind)
    if unit in ("DE", "CE"):
        size = 10 if unit == "DE" else 100
        base = (anchor.year - (0 if unit == "DE" else 1)) // size * size + (0 if unit == "DE" else 1)
        first = base + step * size
        return Reading(iso_year(first), iso_year(first + size - 1), "decade" if unit == "DE" else "century", "period")
    return _at_unit(shift_date(anchor, unit, step), unit)


def _quarter_of(anchor: date, step: int) -> Reading:
    index = anchor.year * 4 + (anchor.month - 1) // 3 + step
    year, quarter = divmod(index, 4)
    first = quarter * 3 + 1
    return Reading(iso_month(year, first), iso_month(year, first + 2), "month", "range")


def _span_back_forward(m: re.Match, ctx: Context) -> Reading:
    """'the past three years', 'the next two weeks': from the anchor back or forward."""
    unit = unit_code(m["u"])
    back = m["rel"].lower() in ("past", "last")
    if unit not in _PRECISION:  # hours and minutes: "in the next 48 hours" spans days
        hours = (parse_number(m["n"]) if m["n"] else 1) * (1 / 60 if unit.startswith("MI") else 1)
        anchor = ctx.need_anchor("day", "range")
        other = shift_date(anchor, "D", (-1 if back else 1) * max(1, -(-int(hours) // 24)))
        first, last = (other, anchor) if back else (anchor, other)
        return Reading(iso_day(first), iso_day(last), "day", "range")
    if m["few"] or (m["n"] is None and m["u"].lower().endswith("s")):
        return Reading(None, None, _PRECISION[unit], "period", "recent" if back else "coming")
    n = parse_number(m["n"]) if m["n"] else 1
    anchor = ctx.need_anchor(_PRECISION[unit], "range")
    other = shift_date(anchor, unit, -n if back else n)
    first, last = (other, anchor) if back else (anchor, other)
    precision = {"D": "day", "W": "day", "M": "month", "Y": "month", "DE": "year", "CE": "year"}[unit]
    fmt = {"day": iso_day, "month": lambda d: iso_month(d.year, d.month), "year": lambda d: iso_year(d.year)}[precision]
    return Reading(fmt(first), fmt(last), precision, "range")


def _anaphoric_unit(m: re.Match, ctx: Context) -> Reading | None:
    """'the previous year', 'the following day', 'that year': against the latest date
    mentioned earlier in the text, else the anchor."""
    rel = (m["rel"] or "same").lower()
    unit = unit_code(m["u"])
    if rel == "next" and unit != "D":
        return None  # 'the next year' reads forward from the anchor (_span_back_forward)
    step = {"previous": -1, "preceding": -1, "prior": -1, "following": 1, "next": 1, "same": 0}[rel]
    ref, ref_precision = ctx.reference(_PRECISION[unit], "range" if unit == "W" else "date")
    finer = {"D": 3, "W": 3, "M": 2, "Y": 1}[unit] > {"day": 3, "month": 2, "year": 1}.get(ref_precision, 3)
    if finer:  # 'the previous month' after 'in 2023': count from the anchor instead
        ref = ctx.need_anchor(_PRECISION[unit])
    return _at_unit(shift_date(ref, unit, step), unit)


def _ago(m: re.Match, ctx: Context) -> Reading:
    """'two days ago' (from the anchor); 'a year earlier' (from the latest date mentioned)."""
    unit = unit_code(m["u"])
    n = parse_number(m["n"])
    direction = 1 if m["dir"].lower() in ("later", "after") else -1
    kind = "range" if unit == "W" else "date"
    if m["dir"].lower() == "ago":
        base = ctx.need_anchor(_PRECISION[unit], kind)
    else:
        base, _ = ctx.reference(_PRECISION[unit], kind)
    return _at_unit(shift_date(base, unit, direction * n), unit)


# ---------------------------------------------------------------- not event dates

_DURATION_UNITS = {"D": ("P{}D", "day", 1), "W": ("P{}W", "week", 1), "M": ("P{}M", "month", 1),
                   "Y": ("P{}Y", "year", 1), "DE": ("P{}Y", "year", 10), "CE": ("P{}Y", "year", 100),
                   "H": ("PT{}H", "hour", 1), "MI": ("PT{}M", "minute", 1)}


def _duration(m: re.Match, ctx: Context) -> Reading:
    """'a six-year term' -> P6Y; 'for three weeks' -> P3W (ISO 8601 durations)."""
    template, precision, factor = _DURATION_UNITS[unit_code(m["u"])]
    return Reading(template.format(parse_number(m["n"]) * factor), None, precision, "duration")


def _anniversary(m: re.Match, ctx: Context) -> Reading | None:
    """'75th anniversary' -> value: the year commemorated (anchor year - 75), value_end: the
    anchor year."""
    if m["ord"]:
        years = parse_ordinal(m["ord"])
    elif m["n"]:
        years = parse_number(m["n"])
    else:
        years = 200 if m["named"].lower().startswith("bi") else 100
    if not 1 <= years <= 1000:
        return None
    anchor = ctx.need_anchor("year", "anniversary")
    return Reading(iso_year(anchor.year - years), iso_year(anchor.year), "year", "anniversary")


def _recent(m: re.Match, ctx: Context) -> Reading:
    return Reading(None, None, _PRECISION[unit_code(m["u"])], "period", "recent")


_DAYPART = r"(?:\s+(?i:morning|afternoon|evening|night))"
_NOT_NAMED_DAY = r"(?<!Super )(?<!Black )(?<!Good )(?<!Ash )(?<!Holy )(?<!Cyber )(?<!Bloody )(?<!Maundy )"
_SINGULAR_UNIT = r"(?i:day|week|month|year|decade|century|hour|minute)"
_UNIT_GATE = re.compile(r"(?i:day|week|month|year|decade|centur|hour|minute|quarter)")
_UNIT_WORDS = frozenset({"week", "month", "year", "quarter", "decade", "century"})

RULES = [
    Rule("deictic", compile_rule(
        r"(?<!USA )(?<!Russia )(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|"
        r"overnight|last\s+night|this\s+(?:morning|afternoon|evening)|earlier\s+today|later\s+today|"
        r"(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?))"),
        _deictic,
        frozenset({"yesterday", "today", "tomorrow", "tonight", "overnight", "night", "morning", "afternoon", "evening"}),
        gate=re.compile(r"(?i:yesterday|today|tomorrow|tonight|overnight|night|morning|afternoon|evening)"), window=30),
    Rule("weekday", compile_rule(
        rf"{_NOT_NAMED_DAY}(?:(?P<rel>(?i:last|next|this|past|coming))\s+)?(?P<wd>{WEEKDAY}){_DAYPART}?"),
        _weekday, TRIGGERS["weekday"], gate=WEEKDAY_GATE, window=20),
    Rule("weekend", compile_rule(r"(?i:(?P<rel>the|this|last|next|that|past|coming)\s+weekend)"),
         _weekend, frozenset({"weekend"})),
    Rule("deictic_unit", compile_rule(
        r"(?P<rel>(?i:last|next|this|current|coming|past))\s+(?P<u>(?i:week|month|year|quarter|decade|century))"),
        _deictic_unit, _UNIT_WORDS, gate=_UNIT_GATE, window=20),
    Rule("span_back_forward", compile_rule(
        rf"(?i:the)\s+(?P<rel>(?i:past|last|next|coming))\s+(?:(?P<few>(?i:few|several|couple\s+of))\s+|(?P<n>{NUM})\s+)?"
        rf"(?P<u>{UNIT})(?!\s+(?i:of)\b)"),
        _span_back_forward, TRIGGERS["units"], gate=_UNIT_GATE, window=40),
    Rule("anaphoric_unit", compile_rule(
        r"(?:(?i:the)\s+(?P<rel>(?i:previous|preceding|prior|following|next|same))|(?i:that))\s+"
        r"(?P<u>(?i:day|week|month|year))"),
        _anaphoric_unit, frozenset({"day", "week", "month", "year"}), gate=_UNIT_GATE, window=30),
    Rule("ago", compile_rule(
        rf"(?P<n>{NUM})\s+(?P<u>{UNIT})\s+(?P<dir>(?i:ago|earlier|later)|(?i:before|after)(?=\s*[,.;)]|$))"),
        _ago, frozenset({"ago", "earlier", "later", "before", "after"}), gate=_UNIT_GATE, window=30),
    Rule("duration_adjective", compile_rule(
        rf"(?P<n>{NUM})-(?P<u>{_SINGULAR_UNIT})(?:-(?i:long))?(?!-(?i:old))"),
        _duration, TRIGGERS["unit"], gate=re.compile(r"-(?i:day|week|month|year|decade|century|hour|minute)"), window=30),
    Rule("duration_for", compile_rule(
        rf"(?i:for|within|lasting|spanning)\s+(?P<t>(?P<n>{NUM})\s+(?P<u>{UNIT}))"),
        _duration, TRIGGERS["units"], gate=_UNIT_GATE, window=40),
    Rule("anniversary", compile_rule(
        rf"(?:(?P<ord>{ORD})|(?P<n>{NUM})-(?i:year))\s+(?i:anniversary)"
        r"|(?P<named>(?i:bicentenary|bicentennial|centenary|centennial))"),
        _anniversary, frozenset({"anniversary", "centenary", "centennial", "bicentenary", "bicentennial"}),
        gate=re.compile(r"(?i:anniversary|centen)"), window=40),
    Rule("recent", compile_rule(r"(?i:recent)\s+(?P<u>(?i:years|months|weeks|days|decades))"),
         _recent, frozenset({"recent"})),
]
