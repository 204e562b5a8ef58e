"""Running the rules over a text: candidates, overlap resolution, tense cues, anaphora.

Every rule (see :mod:`.rules_calendar` and :mod:`.rules_relative`) is a compiled regex and
a resolver. All rules run over the text; candidates are taken leftmost first, longest first,
and a candidate overlapping one already taken is dropped. A resolver may reject its match
(returns ``None``: '2024-02-30', '2000 votes'), and the next candidate is tried instead.

Resolution runs in text order so that anaphoric expressions ('the previous year', 'a year
earlier', 'the following day') resolve against the latest date mentioned before them in
the same text, else against the anchor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from tacitus.model import TimeExpr


@dataclass
class Reading:
    """What a resolver makes of one match (the value half of a TimeExpr)."""

    value: str | None
    value_end: str | None = None
    precision: str = "day"
    kind: str = "date"
    mod: str | None = None


class Unanchored(Exception):
    """Raised by :meth:`Context.need_anchor` when a relative expression has no anchor."""

    def __init__(self, reading: Reading):
        self.reading = reading


@dataclass
class Context:
    text: str
    anchor: date | None
    future: bool
    ref: date | None = None  # latest date mentioned (for 'the previous year')
    ref_precision: str = "day"

    def need_anchor(self, precision: str = "day", kind: str = "date", mod: str | None = None) -> date:
        """The anchor; without one the expression is still found, with value None."""
        if self.anchor is None:
            raise Unanchored(Reading(None, None, precision, kind, mod))
        return self.anchor

    def reference(self, precision: str = "day", kind: str = "date") -> tuple[date, str]:
        """The date anaphora resolve against: the latest date mentioned, else the anchor."""
        if self.ref is not None:
            return self.ref, self.ref_precision
        return self.need_anchor(precision, kind), "day"


Resolver = Callable[[re.Match, Context], "Reading | None"]


@dataclass(frozen=True)
class Rule:
    """A regex and its resolver. ``triggers``: lower-case words, one of which must occur in
    the text for the rule to run ('#' stands for any digit); empty means always run."""

    name: str
    pattern: re.Pattern
    resolve: Resolver
    triggers: frozenset[str] = frozenset()
    gate: re.Pattern | None = None  # a cheap regex that must also be found first
    digit_start: bool = False  # the match starts with a digit that must not follow [\w.,$€£#/]
    window: int = 0  # if > 0, every match lies within this many characters of a gate match
    # (digit_start and window are not used together)

    def matches(self, text: str):
        if self.gate is not None:
            gates = list(self.gate.finditer(text))
            if not gates:
                return
            if self.window:
                yield from self._windowed(text, gates)
                return
        for m in self.pattern.finditer(text):
            if self.digit_start and m.start() > 0 and _GLUED.match(text, m.start() - 1):
                continue  # '12024', '$2023', '3.2024': the digits are part of something else
            yield m

    def _windowed(self, text: str, gates: list[re.Match]):
        """Scan only around the gate matches (a long text costs what its windows cost).
        Windows are widened to whitespace so that no word is cut at their edges, and
        overlapping windows are merged."""
        windows: list[list[int]] = []
        for g in gates:
            lo = text.rfind(" ", 0, max(0, g.start() - self.window)) + 1
            hi = text.find(" ", min(len(text), g.end() + self.window))
            hi = len(text) if hi < 0 else hi
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            yield from self.pattern.finditer(text, lo, hi)


_WORD = re.compile(r"[A-Za-z0-9]+")
_DIGIT = re.compile(r"\d")
_GLUED = re.compile(r"[\w.,$€£#/]")


class RuleSet:
    """Rules plus one scan for their trigger words, so that a sentence without a digit,
    month, weekday or time word costs a single regex search, and each rule runs only on
    sentences holding one of its words. Trigger words with a capital ('May') must occur
    capitalised; lower-case ones match in any case."""

    def __init__(self, rules: list[Rule]):
        self.rules = list(rules)
        words = {w for r in self.rules for w in r.triggers}
        self._cased = frozenset(w for w in words if not w.islower())
        self._uncased = frozenset(w for w in words if w.islower())

    def words_in(self, text: str) -> set[str]:
        """The trigger words present ('#' for any digit)."""
        tokens = set(_WORD.findall(text))
        present = (tokens & self._cased) | ({t.lower() for t in tokens} & self._uncased)
        if _DIGIT.search(text):
            present.add("#")
        return present

    def candidates_for(self, text: str) -> list[tuple[int, int, int, re.Match]]:
        present = self.words_in(text)
        candidates: list[tuple[int, int, int, re.Match]] = []
        if not present:
            return candidates
        for index, rule in enumerate(self.rules):
            if rule.triggers and rule.triggers.isdisjoint(present):
                continue
            for m in rule.matches(text):
                start, end = _span(m)
                if end > start:
                    candidates.append((start, -end, index, m))
        candidates.sort(key=lambda c: (c[0], c[1], c[2]))
        return candidates


# Words just before an expression that fix its tense whatever the sentence says.
_PAST_CUE = re.compile(
    r"\b(?:said|told|announced|reported|confirmed|added|stated|wrote|declared|noted|"
    r"met|held|signed|arrived|died|was|were|had)\s+(?:on\s+|last\s+)?$",
    re.IGNORECASE,
)
_FUTURE_CUE = re.compile(r"\b(?:scheduled|planned|slated|set|due|expected)\s+(?:for|on)\s+$", re.IGNORECASE)
_MOD_CUE = re.compile(
    r"\b(since|by|until|till|through|before|after|around|about|circa|approximately|as\s+of)\s+$",
    re.IGNORECASE,
)
_MOD_NAMES = {"till": "until", "through": "until", "about": "approx", "around": "approx",
              "circa": "approx", "approximately": "approx"}
_LOOKBEHIND = 40


def _tense_for(ctx_future: bool, before: str) -> bool:
    if _PAST_CUE.search(before):
        return False
    if _FUTURE_CUE.search(before):
        return True
    return ctx_future


def _mod_for(before: str) -> str | None:
    m = _MOD_CUE.search(before)
    if not m:
        return None
    word = " ".join(m.group(1).lower().split())
    return _MOD_NAMES.get(word, word)


def _span(m: re.Match) -> tuple[int, int]:
    if "t" in m.re.groupindex and m.start("t") >= 0:
        return m.span("t")
    return m.span()


def _update_reference(ctx: Context, reading: Reading) -> None:
    """Dates and ranges (not periods, durations or anniversaries) become the new reference."""
    if reading.kind not in ("date", "range") or reading.value is None:
        return
    parts = reading.value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        ctx.ref = date(year, month, day)
    except ValueError:  # pragma: no cover - resolvers only write ISO values
        return
    ctx.ref_precision = ("year", "month", "day")[len(parts) - 1]


def run_rules(ruleset: RuleSet, text: str, anchor: date | None, future: "bool | Callable[[], bool]",
              offset: int) -> list[TimeExpr]:
    """``future`` may be a function of no arguments, called once if there are candidates."""
    rules = ruleset.rules
    candidates = ruleset.candidates_for(text)
    if not candidates:
        return []
    if callable(future):
        future = bool(future())
    ctx = Context(text=text, anchor=anchor, future=future)
    found: list[TimeExpr] = []
    taken_until = -1
    for start, neg_end, index, m in candidates:
        end = -neg_end
        if start < taken_until:
            continue
        before = text[max(0, start - _LOOKBEHIND):start]
        ctx.future = _tense_for(future, before)
        try:
            reading = rules[index].resolve(m, ctx)
        except Unanchored as missing:
            reading = missing.reading
        if reading is None:
            continue
        if reading.mod is None and reading.kind in ("date", "range", "period"):
            reading.mod = _mod_for(before)
        _update_reference(ctx, reading)
        found.append(
            TimeExpr(
                text=text[start:end],
                start=start + offset,
                end=end + offset,
                value=reading.value,
                value_end=reading.value_end,
                precision=reading.precision,
                kind=reading.kind,
                mod=reading.mod,
            )
        )
        taken_until = end
    return found
