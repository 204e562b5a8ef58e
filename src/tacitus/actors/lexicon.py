"""The actor lexicon: every name Tacitus knows, read from ``data/actors/*.tsv``.

Each phrase becomes an :class:`Entry` (what it names, its CAMEO code, when that
code applies). The files are meant for review by political scientists; their
header comments explain the conventions (codes, case rules, dates).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..datafiles import DataFileError, data_path, read_tsv


@dataclass(frozen=True)
class Entry:
    """One phrase and what it stands for."""

    phrase: str
    code: str
    country: str | None
    role: str | None
    name: str | None
    kind: str  # country, adjective, capital, metonym, region, igo, group, person, role, title
    start: date | None = None
    end: date | None = None
    is_place_name: bool = False
    source: str = ""

    @property
    def exact_case(self) -> bool:
        """Aliases with no lower-case letter (US, UK, NATO) match only as written."""
        return not any(c.islower() for c in self.phrase)

    def active(self, on: date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass
class ActorLexicon:
    entries: list[Entry] = field(default_factory=list)
    role_words: dict[str, tuple[str, str]] = field(default_factory=dict)  # lower phrase -> (role, use)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # cues.tsv: cue -> lower-case words
    iso3_codes: dict[str, str] = field(default_factory=dict)  # ISO 3166 alpha-3 -> CAMEO country code
    _spellings: dict[str, list[Entry]] | None = field(default=None, repr=False)
    _misspellings: dict[str, Entry | None] = field(default_factory=dict, repr=False)

    def spelling_index(self) -> dict[str, list[Entry]]:
        """Country names and demonyms of one word (five letters or more) under each form with one
        letter dropped, for finding misspellings ("Ethopia", "Quatar"); built once."""
        if self._spellings is None:
            index: dict[str, list[Entry]] = {}
            for e in self.entries:
                word = e.phrase.lower()
                if e.kind in ("country", "adjective") and len(word) >= 5 and word.isalpha() and not e.exact_case:
                    for form in {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}:
                        index.setdefault(form, []).append(e)
            self._spellings = index
        return self._spellings

    def misspelt_country(self, word: str) -> Entry | None:
        """The one country or demonym the lower-case ``word`` is a one-letter misspelling of (same
        first and last letter, not the name itself), else None; remembered per word."""
        if word in self._misspellings:
            return self._misspellings[word]
        index = self.spelling_index()
        found = {e.country: e for form in {word, *(word[:k] + word[k + 1:] for k in range(len(word)))}
                 for e in index.get(form, ()) if e.phrase.lower() != word and e.phrase[0].lower() == word[0]
                 and e.phrase[-1].lower() == word[-1]}
        entry = next(iter(found.values())) if len(found) == 1 else None
        if len(self._misspellings) < 100_000:
            self._misspellings[word] = entry
        return entry

    def cue(self, name: str) -> frozenset[str]:
        """The words of one cue in ``cues.tsv`` (empty when no file defines it)."""
        return self.cues.get(name, frozenset())

    def role_use(self, phrase: str) -> str:
        """How a role word is used (noun, title, both, owned, head); "" if it is none."""
        return self.role_words.get(phrase.lower(), ("", ""))[1]

    def add(self, entry: Entry) -> None:
        if entry.phrase.strip():
            self.entries.append(entry)


def entry_in_force(entries: list[Entry], on: date | None) -> Entry:
    """Of one phrase's entries, the one in force on ``on`` (a leader's term, a group's code then);
    out of office, a person keeps only their country."""
    active = [e for e in entries if e.active(on)]
    if active:
        return max(active, key=lambda e: (e.kind != "role", e.start or date.min))
    undated = [e for e in entries if e.start is None and e.end is None]
    if undated:
        return undated[0]
    if on is None:
        return max(entries, key=lambda e: e.start or date.min)
    # nearest term before (else after) the date; a person out of office keeps their country only
    before = [e for e in entries if e.start and e.start <= on]
    e = max(before, key=lambda e: e.start) if before else min(entries, key=lambda e: e.start or date.max)
    if e.kind == "person":
        return Entry(e.phrase, e.country or "---", e.country, None, e.name, "person", e.start, e.end, source=e.source)
    return e


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _date(path: Path, number: int, value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(f"{path}:{number}: {value!r} is not a YYYY-MM-DD date") from None


def _code_parts(code: str) -> tuple[str | None, str | None]:
    country = code[:3] if code[:3] != "---" else None
    role = code[3:6] or None
    return country, role


def _load_countries(lex: ActorLexicon, path: Path) -> None:
    for number, row in read_tsv(path):
        code, name = row["code"], row["name"]
        if not code:
            raise DataFileError(f"{path}:{number}: a country needs a code")
        country = code[:3]
        if row.get("iso3") and len(code) == 3:
            lex.iso3_codes.setdefault(row["iso3"], code)
        for phrase in [name, *_split(row.get("aliases", ""))]:
            lex.add(Entry(phrase, code, country, None, name, "country", is_place_name=True, source=path.name))
        for phrase in _split(row.get("adjectives", "")):
            lex.add(Entry(phrase, code, country, None, name, "adjective", source=path.name))
        for phrase in _split(row.get("capitals", "")):
            lex.add(Entry(phrase, code, country, None, name, "capital", is_place_name=True, source=path.name))


def _load_regions(lex: ActorLexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        code, name = row["code"], row["name"]
        for phrase in [name, *_split(row.get("aliases", ""))]:
            lex.add(Entry(phrase, code, code, None, name, "region", source=path.name))
        for phrase in _split(row.get("adjectives", "")):
            lex.add(Entry(phrase, code, code, None, name, "adjective", source=path.name))


def _load_igos(lex: ActorLexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        code, name = row["code"], row["name"]
        for phrase in [name, *_split(row.get("aliases", ""))]:
            lex.add(Entry(phrase, code, code[:3], None, name, "igo", source=path.name))


def _load_dated(lex: ActorLexicon, path: Path, kind: str) -> None:
    """metonyms.tsv, groups.tsv, leaders.tsv: code, name, aliases, optional start/end."""
    for number, row in read_tsv(path):
        code = row.get("code") or (row.get("country", "") + row.get("role", ""))
        if not code:
            raise DataFileError(f"{path}:{number}: no code")
        country, role = _code_parts(code)
        country = row.get("country") or country
        if "role" in row:  # an explicit empty role (IGO officers, seats of power without one) means none
            role = row["role"] or None
        start, end = _date(path, number, row.get("start", "")), _date(path, number, row.get("end", ""))
        if start and end and end <= start:
            raise DataFileError(f"{path}:{number}: end {end} is not after start {start}")
        name = row["name"]
        for phrase in [name, *_split(row.get("aliases", ""))]:
            lex.add(Entry(phrase, code, country, role, name, kind, start, end, source=path.name))


def _load_peoples(lex: ActorLexicon, path: Path) -> None:
    """peoples.tsv: an ethnic or national group is coded like its home country's demonym; a
    people with no single home (code "-") is listed for the reader and left uncoded."""
    for number, row in read_tsv(path):
        code = row.get("code", "")
        if not code:
            raise DataFileError(f"{path}:{number}: a people needs a code (or - when it has no single home)")
        if code == "-":
            # no single home: kept only as words that join a demonym before them ("Iraqi Kurds")
            forms = {f.lower() for f in _split(row.get("forms", ""))}
            lex.cues["stateless_peoples"] = frozenset(lex.cues.get("stateless_peoples", frozenset()) | forms)
            continue
        for phrase in _split(row.get("forms", "")):
            lex.add(Entry(phrase, code, code[:3], None, row["name"], "adjective", source=path.name))


def _load_roles(lex: ActorLexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        role, use = row["role"], row["use"]
        for phrase in _split(row.get("words", "")):
            code = "---" + role if role != "-" else ""
            lex.role_words[phrase.lower()] = (role, use)
            lex.add(Entry(phrase, code, None, role if role != "-" else None, None, "role" if use != "title" else "title", source=path.name))


def _load_cues(lex: ActorLexicon, path: Path) -> None:
    for number, row in read_tsv(path):
        if not row.get("cue"):
            raise DataFileError(f"{path}:{number}: a cue needs a name")
        words = {w.lower() for w in _split(row.get("words", ""))}
        lex.cues[row["cue"]] = frozenset(lex.cues.get(row["cue"], frozenset()) | words)


LOADERS = {
    "countries.tsv": _load_countries,
    "regions.tsv": _load_regions,
    "igos.tsv": _load_igos,
    "metonyms.tsv": lambda lex, p: _load_dated(lex, p, "metonym"),
    "groups.tsv": lambda lex, p: _load_dated(lex, p, "group"),
    "leaders.tsv": lambda lex, p: _load_dated(lex, p, "person"),
    "peoples.tsv": _load_peoples,
    "roles.tsv": _load_roles,
    "cues.tsv": _load_cues,
}


def load_actor_lexicon(extra_dirs: list[Path] | None = None) -> ActorLexicon:
    """The package's actor files, then the same-named files in ``extra_dirs`` (which extend them)."""
    lex = ActorLexicon()
    dirs = [data_path("actors"), *(Path(d) for d in extra_dirs or [])]
    for directory in dirs:
        for name, loader in LOADERS.items():
            path = Path(directory) / name
            if path.exists():
                loader(lex, path)
    return lex
