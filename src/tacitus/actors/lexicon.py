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

    def add(self, entry: Entry) -> None:
        if entry.phrase.strip():
            self.entries.append(entry)


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


def _load_roles(lex: ActorLexicon, path: Path) -> None:
    for _, row in read_tsv(path):
        role, use = row["role"], row["use"]
        for phrase in _split(row.get("words", "")):
            code = "---" + role if role != "-" else ""
            lex.role_words[phrase.lower()] = (role, use)
            lex.add(Entry(phrase, code, None, role if role != "-" else None, None, "role" if use != "title" else "title", source=path.name))


LOADERS = {
    "countries.tsv": _load_countries,
    "regions.tsv": _load_regions,
    "igos.tsv": _load_igos,
    "metonyms.tsv": lambda lex, p: _load_dated(lex, p, "metonym"),
    "groups.tsv": lambda lex, p: _load_dated(lex, p, "group"),
    "leaders.tsv": lambda lex, p: _load_dated(lex, p, "person"),
    "roles.tsv": _load_roles,
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
