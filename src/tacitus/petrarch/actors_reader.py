"""Reader for PETRARCH / TABARI actor dictionaries.

    ISRAEL [ISR]                       a phrase and its code (words joined by '_' or spaces;
    +ISRAELI                           a trailing '_' means "no stemming"), '+' synonyms
    GOLLUM                             a phrase whose codes follow on indented lines,
        [HOB < 950601]                 each restricted by date: '<D' before, '>D' after,
        [HOBGOV 19950601 - 19990815]   'D1-D2' between (dates YYMMDD or YYYYMMDD),
        [HOBREB > 990816]
        [HOB]                          or unrestricted (the default)

The first date-restricted code whose range holds the sentence date wins; otherwise the first
unrestricted code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .common import DictionaryError, iter_lines, normalise_phrase, parse_date

_BRACKET = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class DatedCode:
    code: str
    start: date | None = None  # inclusive
    end: date | None = None  # exclusive ("before")

    def holds_on(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day < self.end)

    @property
    def restricted(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class Actor:
    name: str  # the entry's first phrase, as written
    line: int
    codes: list[DatedCode] = field(default_factory=list)

    def code_on(self, day: date | None) -> str | None:
        """The code in force on `day` (None: the default code)."""
        if day is not None:
            for dated in self.codes:
                if dated.restricted and dated.holds_on(day):
                    return dated.code
        for dated in self.codes:
            if not dated.restricted:
                return dated.code
        return None


@dataclass
class ActorDictionary:
    paths: list[Path] = field(default_factory=list)
    phrases: dict[tuple[str, ...], Actor] = field(default_factory=dict)
    by_first_word: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    longest: int = 0
    warnings: list[str] = field(default_factory=list)  # tolerated oddities (bad dates), kept

    def add(self, phrase: tuple[str, ...], actor: Actor) -> None:
        if not phrase:
            return
        # a later entry with the same words replaces the earlier, as PETRARCH-2 stores them:
        # PRESIDENT_BUSH under George H. W. Bush, then PRESIDENT_BUSH_ under George W. Bush
        known = phrase in self.phrases
        self.phrases[phrase] = actor
        if known:
            return
        self.by_first_word.setdefault(phrase[0], []).append(phrase)
        self.longest = max(self.longest, len(phrase))

    surnames: dict[str, Actor] = field(default_factory=dict)

    def finish(self) -> None:
        """Sort phrases longest first and index people by surname.

        News text names a leader by surname ("Obama", "Putin") once introduced; a person entry
        (a multi-word name with date-restricted codes) is also found by its last word when no
        other entry has that last word.
        """
        for phrases in self.by_first_word.values():
            phrases.sort(key=len, reverse=True)
        owners: dict[str, dict[int, list]] = {}
        for phrase, actor in self.phrases.items():
            if (len(phrase) >= 2 and len(phrase[-1]) >= 4 and phrase[0] != "THE"  # no person
                    and any(c.restricted for c in actor.codes)):  # ('THE ISLAMIC STATE')
                owners.setdefault(phrase[-1], {}).setdefault(id(actor), [actor, 0])[1] += 1
        for word, by_actor in owners.items():
            if (word,) in self.phrases:
                continue
            ranked = sorted(by_actor.values(), key=lambda pair: -pair[1])
            # the one person known by this surname, or the one most often so named
            # (BARACK_OBAMA, MR_OBAMA, PRESIDENT_OBAMA over ALPHONSE_OBAMA)
            if len(ranked) == 1 or ranked[0][1] > sum(count for _, count in ranked[1:]):
                self.surnames[word] = ranked[0][0]


def parse_dated_code(text: str, path: Path, line: int) -> DatedCode:
    """`HOBGOV 19950601 - 19990815`, `HOB < 950601`, `RUSGOV >080508`, `ISR` -> DatedCode."""
    text = text.strip()
    if not text:
        raise DictionaryError(path, line, "empty actor code []")
    code, _, restriction = text.partition(" ")
    if not re.fullmatch(r"[A-Za-z0-9\-+/#~]+", code):
        raise DictionaryError(path, line, f"bad actor code {code!r}")
    restriction = restriction.replace(" ", "")
    if not restriction:
        return DatedCode(code.upper())
    if restriction.startswith("<"):
        return DatedCode(code.upper(), end=parse_date(restriction[1:], path, line))
    if restriction.startswith(">"):
        return DatedCode(code.upper(), start=parse_date(restriction[1:], path, line))
    first, dash, second = restriction.partition("-")
    if not dash:
        raise DictionaryError(path, line, f"bad date restriction {restriction!r} in [{text}]: "
                              "expected '<D', '>D' or 'D1-D2'")
    # an interval holds on both of its end dates ("Upper bound of embedded interval")
    return DatedCode(
        code.upper(), parse_date(first, path, line),
        parse_date(second, path, line) + timedelta(days=1)
    )


def read_actors(paths: list[Path | str] | Path | str, dictionary: ActorDictionary | None = None
                ) -> ActorDictionary:
    """Read one or more actor dictionaries into one ActorDictionary (earlier files win)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = dictionary or ActorDictionary()
    for path in map(Path, paths):
        result.paths.append(path)
        _read_one(path, result)
    result.finish()
    return result


def _read_one(path: Path, result: ActorDictionary, text: str | None = None) -> None:
    current: Actor | None = None
    pending: list[tuple[str, ...]] = []  # phrases of `current`, added once it has codes

    def close() -> None:
        if current is not None and current.codes:
            for phrase in pending:
                result.add(phrase, current)

    for line in iter_lines(path, text):
        stripped = line.text.strip()
        if not stripped:
            continue
        if stripped.count("[") > stripped.count("]"):
            raise DictionaryError(path, line.number, f"'[' without ']' in {stripped!r}")
        if stripped.count("]") > stripped.count("["):  # a stray ']' (typo in Phoenix files)
            result.warnings.append(f"{path}:{line.number}: stray ']' ignored")
            stripped = stripped.replace("]", "") if "[" not in stripped else stripped
        codes = []
        for bracket in _BRACKET.findall(stripped):
            try:
                codes.append(parse_dated_code(bracket, path, line.number))
            except DictionaryError as exc:
                if "date" not in exc.problem:
                    raise
                # the Phoenix files have a few typo'd dates ('9008223', a lone '20121204'):
                # the code cannot be placed in time, so it is skipped, with a warning
                result.warnings.append(f"{exc}; code ignored")
        words = _BRACKET.sub(" ", stripped).strip()
        if words.startswith("+"):
            if current is None:
                raise DictionaryError(path, line.number, f"synonym {words!r} before any actor")
            phrase = normalise_phrase(words[1:])
            if not phrase:
                raise DictionaryError(path, line.number, "empty '+' synonym")
            pending.append(phrase)
            current.codes.extend(codes)
        elif not words:  # a code line for the current actor
            if current is None:
                raise DictionaryError(path, line.number, f"code line {stripped!r} before any actor")
            current.codes.extend(codes)
        else:
            close()
            current = Actor(words, line.number, list(codes))
            pending = [normalise_phrase(words)]
    close()


def read_actors_text(text: str, path: Path | str = "<text>") -> ActorDictionary:
    """Read actors from a string (for tests and small user dictionaries)."""
    result = ActorDictionary(paths=[Path(path)])
    _read_one(Path(path), result, text)
    result.finish()
    return result
