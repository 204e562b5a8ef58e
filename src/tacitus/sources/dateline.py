"""Wire-story datelines: ``WASHINGTON, Feb 23 (Reuters) -``, ``14-5-2024 (MOSCOW)`` ...

``parse_dateline`` looks at the start of the text (or of its second line, when the first
is a headline) and returns a ``Dateline`` with the place (title-cased), the date and
``end``, the offset in the text where the body starts. The text itself is never changed,
so every offset found later stays valid.

Forms understood::

    14-5-2024 (MOSCOW)              day-month-year, place in brackets
    WASHINGTON, Feb 23 (Reuters) -  place, month-day, agency, dash
    BEIJING, March 10 -             place, month-day
    LONDON, 14 May 2024 -           place, day-month-year
    May 14, 2024 --                 date only
    KYIV, Ukraine (AP) —            place, region, agency
    2024-05-14 -                    ISO date
    LONDON (Reuters) -              place, agency

A dateline without a year takes ``default_year``; with ``anchor`` (the publication date)
the year is chosen so the date falls closest to it (a ``Dec 31`` story published on
Jan 2 is from the year before).
"""
from __future__ import annotations

import re
from datetime import date

from tacitus.model import Dateline

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Dates that may follow the place (or open the dateline on their own).
_DATE_FORMS = [
    re.compile(rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
]
_DMY_BRACKET_PLACE = re.compile(
    r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})\s*\((?P<place>[^()\n]{2,40})\)"
)
# An all-capitals place name of up to four words: NEW YORK, ST. PETERSBURG, GUINEA-BISSAU.
_UP = "A-ZÀ-ÖØ-Þ"
_PLACE = re.compile(rf"(?P<place>[{_UP}][{_UP}.'’-]*[{_UP}.](?:[ \t]+[{_UP}][{_UP}.'’-]*){{0,3}})(?![a-zß-ÿ])")
# A region after the place: "Ukraine", "Calif.", "N.Y.", "South Africa".
_REGION = re.compile(r",\s*(?P<region>[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){0,2})")
_AGENCY = re.compile(r"\s*\((?P<agency>[A-Za-z][A-Za-z0-9 .&/'-]{0,30})\)")
_DASH = re.compile(r"\s*(?:-{1,3}|–|—|:)\s*")
_SPACE = re.compile(r"\s*")
_SMALL_WORDS = {"de", "del", "da", "do", "dos", "di", "la", "le", "el", "al", "of", "and", "es", "du", "des"}
# All-capitals openings that are labels, not places.
_NOT_PLACES = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "FACTBOX", "WRAPUP",
               "OPINION", "EDITORIAL", "NEWS", "CORRECTED", "REFILE", "URGENT", "FLASH", "LIVE",
               "VIDEO", "PHOTOS", "WATCH", "EXPLAINER", "INTERVIEW", "COLUMN", "REVIEW", "AP", "AFP"}


def title_place(name: str) -> str:
    """``NEW YORK`` -> ``New York``, ``GUINEA-BISSAU`` -> ``Guinea-Bissau``, ``RIO DE JANEIRO`` -> ``Rio de Janeiro``."""
    words = []
    for i, word in enumerate(name.split()):
        low = word.lower()
        if i > 0 and low in _SMALL_WORDS:
            words.append(low)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in low.split("-")))
    return " ".join(words)


def _make_date(year: int | None, month: int, day: int, default_year: int | None, anchor: date | None) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        if anchor is not None:
            options = []
            for y in (anchor.year - 1, anchor.year, anchor.year + 1):
                try:
                    options.append(date(y, month, day))
                except ValueError:
                    continue
            return min(options, key=lambda d: abs((d - anchor).days)) if options else None
        if default_year is not None:
            return date(default_year, month, day)
    except ValueError:
        return None
    return None


def _date_from(m: re.Match, default_year: int | None, anchor: date | None) -> date | None:
    month_text = m["month"].rstrip(".").lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    if not month:
        return None
    year = int(m["year"]) if m["year"] else None
    return _make_date(year, month, int(m["day"]), default_year, anchor)


def _match_at(text: str, pos: int, default_year: int | None, anchor: date | None) -> Dateline | None:
    m = _DMY_BRACKET_PLACE.match(text, pos)
    if m:
        place = m["place"].strip()
        when = _make_date(int(m["year"]), int(m["month"]), int(m["day"]), None, None)
        end = _SPACE.match(text, m.end()).end()
        dash = _DASH.match(text, m.end())
        if dash:
            end = dash.end()
        return Dateline(text=text[pos:end].strip(), place=title_place(place), date=when, end=end)

    cursor = pos
    place = None
    when = None
    found_date = False
    pm = _PLACE.match(text, cursor)
    if pm and pm["place"].strip(" .") not in _NOT_PLACES and len(pm["place"].replace(" ", "")) >= 3:
        place = title_place(pm["place"].strip())
        cursor = pm.end()
        for form in _DATE_FORMS:
            dm = re.compile(r",?\s*").match(text, cursor)
            dm2 = form.match(text, dm.end())
            if dm2:
                when, found_date, cursor = _date_from(dm2, default_year, anchor), True, dm2.end()
                break
        if not found_date:
            rm = _REGION.match(text, cursor)
            if rm and rm["region"].split()[0].rstrip(".").lower() not in _MONTHS:
                cursor = rm.end()
            for form in _DATE_FORMS:
                dm = re.compile(r",\s*").match(text, cursor)
                dm2 = form.match(text, dm.end()) if dm else None
                if dm2:
                    when, found_date, cursor = _date_from(dm2, default_year, anchor), True, dm2.end()
                    break
    else:
        for form in _DATE_FORMS:
            dm = form.match(text, cursor)
            if dm:
                when, found_date, cursor = _date_from(dm, default_year, anchor), True, dm.end()
                break
        if not found_date:
            return None
    agency = _AGENCY.match(text, cursor)
    if agency:
        cursor = agency.end()
    dash = _DASH.match(text, cursor)
    if dash and dash.group().strip():
        end = dash.end()
    elif agency:
        end = _SPACE.match(text, cursor).end()
    else:
        return None  # a place or a date without an agency or a dash is just the first words
    return Dateline(text=text[pos:end].strip(), place=place, date=when, end=end)


def parse_dateline(
    text: str, default_year: int | None = None, *, anchor: date | None = None
) -> Dateline | None:
    """The dateline at the start of ``text`` (or of its second line), else None."""
    start = len(text) - len(text.lstrip())
    found = _match_at(text, start, default_year, anchor)
    if found:
        return found
    newline = text.find("\n", start)
    if 0 <= newline < 300:
        second = newline + len(text[newline:]) - len(text[newline:].lstrip())
        if second < 500:
            return _match_at(text, second, default_year, anchor)
    return None
