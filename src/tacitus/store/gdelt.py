"""GDELT conventions shared by the GDELT exporters: column lists, ids, dates, codes, places.

The facts live in ``tacitus/data/gdelt/``: the column lists of each GDELT file
(``*_columns.txt``), ISO3 -> FIPS 10-4 country codes (GDELT's geography uses
FIPS), and the CAMEO actor-code components (types, known groups, religions,
regions) used to split ``RUSGOV`` into country RUS and type GOV.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gdelt"


def _lines(name: str) -> list[str]:
    path = DATA_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"GDELT data file missing from the package: {path}")
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def columns(table: str) -> list[str]:
    """Column names of a GDELT file, in order: ``events``, ``mentions`` or ``gkg``."""
    return _lines(f"{table}_columns.txt")


def _table(name: str) -> list[list[str]]:
    rows = [line.split("\t") for line in _lines(name)]
    return rows[1:]  # first row is the header


@cache
def countries() -> dict[str, tuple[str, str]]:
    """ISO3 (or CAMEO country code) -> (FIPS 10-4 code, English name)."""
    return {r[0]: (r[1], r[2]) for r in _table("countries.txt")}


@cache
def _codes(name: str) -> frozenset[str]:
    return frozenset(r[0] for r in _table(name))


def fips(iso3: str | None) -> str:
    """The FIPS 10-4 code GDELT uses for a country, '' when unknown."""
    return countries().get(iso3 or "", ("", ""))[0]


def country_name(iso3: str | None) -> str:
    return countries().get(iso3 or "", ("", ""))[1]


def split_actor_code(code: str | None) -> dict[str, str]:
    """GDELT's actor fields from a CAMEO actor code, by 3-letter chunks.

    The first chunk is the country when it is a country or region code; each
    other chunk is a known group (first one), a religion (two at most) or a type
    (three at most), in that order of preference. ``IGOUNO`` -> type IGO, known
    group UNO; ``RUSGOV`` -> country RUS, type GOV; ``WSTMIL`` -> country WST.
    """
    fields = dict(country="", known_group="", ethnic="", religion1="", religion2="", type1="", type2="", type3="")
    if not code:
        return fields
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if chunks[0] in countries() or chunks[0] in _codes("regions.txt"):
        fields["country"] = chunks.pop(0)
    for chunk in chunks:
        if chunk.islower() and not fields["ethnic"]:
            fields["ethnic"] = chunk
        elif chunk in _codes("known_groups.txt") and not fields["known_group"]:
            fields["known_group"] = chunk
        elif chunk in _codes("religions.txt") and not fields["religion2"]:
            fields["religion2" if fields["religion1"] else "religion1"] = chunk
        elif chunk in _codes("actor_types.txt"):
            for slot in ("type1", "type2", "type3"):
                if not fields[slot]:
                    fields[slot] = chunk
                    break
    return fields


def global_event_id(event_id: str) -> int:
    """A stable positive integer id for GLOBALEVENTID: the first 53 bits of sha256(event_id).

    53 bits keep it exact in JSON and spreadsheet readers that hold numbers as doubles.
    """
    return int.from_bytes(hashlib.sha256(event_id.encode("utf-8")).digest()[:8], "big") >> 11


def yyyymmdd(day: date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


def timestamp14(moment: datetime | date | None) -> str:
    """YYYYMMDDHHMMSS; a date becomes midnight."""
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        return moment.strftime("%Y%m%d") + "000000"
    return moment.strftime("%Y%m%d%H%M%S")


def fraction_date(day: date) -> str:
    """GDELT's FractionDate: the year plus the fraction of it elapsed, 4 decimals."""
    return f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"


def full_day(value: str | None) -> date | None:
    """A date from an ISO ``YYYY-MM-DD`` string; None for partial or missing dates."""
    if value and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def num(value: Any) -> str:
    """A number as GDELT writes it: integers without a decimal point, blank for None."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def clean(text: Any, forbidden: str = "\t\r\n") -> str:
    """Text safe inside a GDELT field: delimiters replaced by spaces."""
    if text is None:
        return ""
    return re.sub(f"[{re.escape(forbidden)}]", " ", str(text)).strip()


def source_common_name(source: str | None, url: str | None) -> str:
    """The outlet's name: the given source, else the URL's host without ``www.``."""
    if source:
        return clean(source)
    if url:
        host = urlparse(url).netloc.lower()
        return host[4:] if host.startswith("www.") else host
    return ""


_ADMIN1_CODE = re.compile(r"^[A-Z0-9]{1,3}$")


def geo_fields(
    name: str | None,
    country: str | None,
    admin1: str | None,
    lat: float | None,
    lon: float | None,
    geonames_id: int | None,
    precision: str | None,
) -> list[str]:
    """GDELT's 8 geography fields (Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID).

    Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1);
    0 with blanks when there is no place or it is a region. Country codes are
    FIPS 10-4; ADM1Code is the FIPS country code followed by the admin1 code when
    the place's admin1 is a code (GeoNames admin1 codes are FIPS-based, US ones
    are postal codes, as in GDELT). FeatureID is the GeoNames id (GDELT uses GNS
    ids), or the FIPS country code for a country, as GDELT does.
    """
    if not name or precision == "region" or precision is None:
        return ["0", "", "", "", "", "", "", ""]
    us = country == "USA"
    geo_type = {"country": 1, "admin1": 2 if us else 5}.get(precision, 3 if us else 4)
    fips_code = fips(country)
    admin1_is_code = bool(admin1 and _ADMIN1_CODE.match(admin1))
    if geo_type == 1:
        full_name = country_name(country) or name
        adm1 = fips_code
        feature = fips_code
    else:
        parts = [name]
        if admin1 and not admin1_is_code and admin1 != name:
            parts.append(admin1)
        if country_name(country):
            parts.append(country_name(country))
        full_name = ", ".join(parts)
        adm1 = fips_code + admin1 if (fips_code and admin1_is_code) else fips_code
        feature = "" if geonames_id is None else str(geonames_id)
    return [str(geo_type), clean(full_name, "\t\r\n#;"), fips_code, adm1, "", num(lat), num(lon), feature]
