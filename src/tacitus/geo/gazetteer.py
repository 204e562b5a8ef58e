"""The offline gazetteer: countries, first-level regions, well-known areas and cities.

It loads ``data/geo/gazetteer.tsv.gz`` (built from GeoNames by tools/build_gazetteer.py)
into memory once and answers "which places are called X?". Choosing among them from
context is the resolver's job (``tacitus.geo.resolve``).
"""
from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tacitus.geo.names import name_key
from tacitus.model import Place

PRECISIONS = ("point", "city", "admin1", "country", "region")
ALTERNATE_PENALTY = 0.3  # "Kiev", "Odessa": exonyms are GeoNames alternates, so keep this small
NAMED_AREA_WEIGHT = 6.0  # prior of a hand-listed area with no population: as a city of a million
_COLUMNS = [
    "precision", "geonames_id", "name", "country", "admin1", "lat", "lon",
    "population", "flags", "keys", "alt_keys",
]


@dataclass(frozen=True)
class Entry:
    """One gazetteer row. ``bare``: the bare name means this area rather than a same-named city.

    ``qualified``: a region named only from GeoNames' town table; its bare name counts only
    in a story about its country or with a region word ("Kano state"), never on its own.
    """

    precision: str
    geonames_id: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    capital: bool
    bare: bool
    qualified: bool = False

    def to_place(self) -> Place:
        return Place(
            name=self.name, country=self.country, admin1=self.admin1, lat=self.lat, lon=self.lon,
            geonames_id=self.geonames_id, precision=self.precision,
        )


@dataclass(frozen=True)
class Match:
    """A gazetteer entry found under a key; ``alternate``: only through a GeoNames alternate name."""

    entry: Entry
    alternate: bool


def prior_score(match: Match) -> float:
    """How likely a place is meant when nothing else is known, in log10-population units.

    Countries outrank regions and cities of the same name ("Georgia", "Jordan"), capitals get
    a small bonus, areas whose bare name means them ("Gaza", "the West") a large one, and a
    name found only among a city's alternate names counts for less.
    """
    entry = match.entry
    if entry.bare and not entry.population:
        score = NAMED_AREA_WEIGHT  # a well-known area without a population figure ("the West")
    else:
        score = math.log10(max(entry.population, 1000))
    if entry.precision == "country":
        score += 1.0
    if entry.capital:
        score += 0.5
    if entry.bare:
        score += 2.0
    if match.alternate:
        score -= ALTERNATE_PENALTY
    return score


class Gazetteer:
    """Places by name. ``candidates(name)`` lists every place with that name, best first.

    Rows stay as split text until a lookup needs them, so loading costs little more than
    reading the file and indexing its keys.
    """

    def __init__(self, rows: list[list[str]], origin: str = "gazetteer"):
        self.origin = origin
        self._rows = rows
        self._entries: dict[int, Entry] = {}
        self._primary: dict[str, list[int]] = {}
        self._alternate: dict[str, list[int]] = {}
        self._countries: dict[str, int] = {}
        primary_index, alternate_index = self._primary, self._alternate
        for index, row in enumerate(rows):
            if len(row) != len(_COLUMNS):
                raise ValueError(f"{origin}: row {index + 1} has {len(row)} fields, expected {len(_COLUMNS)}")
            if row[10]:
                for key in row[10].split("|"):
                    alternate_index.setdefault(key, []).append(index)
            if row[9]:
                for key in row[9].split("|"):
                    primary_index.setdefault(key, []).append(index)
            if row[0] == "country":
                self._countries[row[3]] = index

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """Read a gazetteer table; the packaged one when ``path`` is None."""
        if path is None:
            source = resources.files("tacitus") / "data" / "geo" / "gazetteer.tsv.gz"
            with source.open("rb") as raw:
                return cls._from_bytes(gzip.decompress(raw.read()), "packaged gazetteer.tsv.gz")
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"gazetteer table not found: {path}")
        return cls._from_bytes(gzip.decompress(path.read_bytes()), str(path))

    @classmethod
    def _from_bytes(cls, data: bytes, origin: str) -> "Gazetteer":
        lines = data.decode("utf-8").split("\n")
        header = lines[0].split("\t")
        if header != _COLUMNS:
            raise ValueError(f"{origin}: unexpected columns {header}; expected {_COLUMNS}")
        return cls([line.split("\t") for line in lines[1:] if line], origin)

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, index: int) -> Entry:
        """The parsed row ``index`` (parsed on first use, then kept)."""
        cached = self._entries.get(index)
        if cached is not None:
            return cached
        precision, gid, name, country, admin1, lat, lon, population, flags, _keys, _alt = self._rows[index]
        if precision not in PRECISIONS:
            raise ValueError(f"{self.origin}: row {index + 1}: unknown precision {precision!r}")
        entry = Entry(
            precision=precision, geonames_id=int(gid) if gid else None, name=name,
            country=country or None, admin1=admin1 or None,
            lat=float(lat) if lat else None, lon=float(lon) if lon else None,
            population=int(population or 0), capital="c" in flags, bare="b" in flags,
            qualified="q" in flags,
        )
        self._entries[index] = entry
        return entry

    def matches(self, name: str) -> list[Match]:
        """Every entry under ``name``'s key, best first by ``prior_score``."""
        key = name_key(name)
        if not key:
            return []
        primary = self._primary.get(key, [])
        seen = set(primary)
        found = [Match(self.entry(i), False) for i in primary]
        found += [Match(self.entry(i), True) for i in self._alternate.get(key, []) if i not in seen]
        found.sort(key=prior_score, reverse=True)
        return found

    def candidates(self, name: str) -> list[Place]:
        """All places called ``name`` (any known spelling, case-insensitive), best first."""
        return [m.entry.to_place() for m in self.matches(name)]

    def country(self, iso3: str) -> Entry | None:
        """The country entry for an ISO 3166 alpha-3 code, or None."""
        index = self._countries.get(iso3.upper()) if iso3 else None
        return None if index is None else self.entry(index)

    def countries(self) -> list[Entry]:
        return [self.entry(i) for i in self._countries.values()]


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return Gazetteer.load()
