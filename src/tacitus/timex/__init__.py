"""Temporal expressions found in text and normalised against a publication date.

>>> from datetime import date
from typing import Callable
>>> [(t.text, t.value, t.value_end) for t in find_time_expressions(
...     "The Kremlin said on Tuesday Putin would visit Beijing on May 16-17.", date(2024, 5, 14))]
[('Tuesday', '2024-05-14', None), ('May 16-17', '2024-05-16', '2024-05-17')]

Conventions
-----------
* ``value`` is ISO 8601 at the expression's precision: ``2024-05-16`` (day), ``2024-05``
  (month), ``2024`` (year, decade, century). ``value_end`` closes a range (inclusive).
  Durations use ISO 8601 duration values (``P6Y``, ``P2W``, ``PT24H``).
* ``kind``: ``date`` (a day, month or year), ``range`` (two ends: 'May 16-17', 'last week',
  'in the first quarter', 'late 2023'), ``period`` (a decade, century or fuzzy span: 'the
  1990s', 'the 21st century', 'in recent years'; never an event date), ``duration`` ('a
  six-year term'), ``anniversary`` ('75th anniversary': value is the year commemorated,
  anchor year - 75, and value_end the anchor year).
* ``mod`` is the relation given by the word before: ``since`` ('since 1949'), ``by``,
  ``until``, ``before``, ``after``, ``from``, ``approx`` ('around'); ``recent`` / ``coming``
  for fuzzy periods, whose value is None.
* ``text`` excludes a leading preposition ('in 2023' -> '2023', 'on Tuesday' -> 'Tuesday')
  but keeps 'the' where it belongs to the phrase ('the previous year', 'the 21st century')
  and 'between'/'from' of a range.
* Tense: with ``future=False`` (past or present sentences) a weekday is the latest one on
  or before the anchor (the anchor itself if it is that day); a month name ('in March') is
  the latest one begun by the anchor; 'the first quarter' the latest one begun. With
  ``future=True`` each is the first on or after the anchor. A month and day without a
  year ('on March 3') follows tense too, but stays in the anchor's year when within 7
  days on the other side ('May 16' in a present-tense sentence published on 14 May is
  2024-05-16). The words just before an expression override the sentence's tense: 'said
  on Tuesday' is past, 'scheduled for Friday' is future.
* 'overnight' is the night before the anchor (anchor - 1) in past tense, the anchor in future.
* 'mid-May' is the range 11-20 May; 'early' 1-10, 'late' 21-end. For years: early
  Jan-Apr, mid May-Aug, late Sep-Dec ('late 2023' -> 2023-09..2023-12).
* Weeks are ISO weeks, Monday to Sunday ('last week' is a range of days); 'the weekend'
  is Saturday-Sunday.
* Anaphora ('the previous year', 'a year earlier', 'the following day', 'that year')
  resolve against the latest date mentioned earlier in the same text, else the anchor:
  'in 2023, a 26.3% increase from the previous year' -> 2022.
* Numeric dates are read day first ('14-5-2024', '16.05.2024', '16/05/2024'); month first
  only when day first is impossible ('5/14/2024').
* A bare four-digit number is a year only with a preposition before it ('in 2023', 'since
  1949', 'by 2030', unless a count noun follows: 'by 2000 votes'), as a possessive
  ('2023's'), before an event noun or a capitalised name ('the 2024 election'), in a range
  ('2020-2022') or with a month. '240.1 billion', '26.3%', '1,000 troops' are not dates.
* Without an anchor, relative expressions are still found, with value None.
"""
from __future__ import annotations

from datetime import date

from tacitus.model import TimeExpr

from .dates import parse_iso_date
from .engine import RuleSet, run_rules
from .rules_calendar import RULES as _CALENDAR_RULES
from .rules_parts import RULES as _PART_RULES
from .rules_relative import RULES as _RELATIVE_RULES
from .tense import sentence_is_future

# Order breaks ties between candidates with the same span: the earlier rule wins.
RULES = [*_CALENDAR_RULES, *_PART_RULES, *_RELATIVE_RULES]
_RULESET = RuleSet(RULES)

__all__ = ["find_time_expressions", "parse_iso_date", "sentence_is_future", "RULES"]


def find_time_expressions(
    text: str, anchor: date | None, *, future: bool | Callable[[], bool] = False, offset: int = 0
) -> list[TimeExpr]:
    """Temporal expressions in ``text``, in text order, resolved against ``anchor``.

    ``future``: the sentence is future or planned (see :func:`sentence_is_future`); it
    decides which way weekdays, month names and quarters are read. It may be a function of
    no arguments, called only when the text holds a candidate expression (so that a
    sentence without one costs no reading of its tense). ``offset`` is added to
    the character offsets (pass the sentence's offset in the article).
    """
    if not isinstance(text, str):
        raise TypeError(f"find_time_expressions: text must be a string, got {type(text).__name__}")
    if anchor is not None and not isinstance(anchor, date):
        raise TypeError(f"find_time_expressions: anchor must be a datetime.date or None, got {anchor!r}")
    if hasattr(anchor, "date") and callable(anchor.date):  # a datetime: keep its date
        anchor = anchor.date()
    return run_rules(_RULESET, text, anchor, future, offset)
