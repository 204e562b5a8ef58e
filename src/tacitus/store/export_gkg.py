"""GDELT Global Knowledge Graph 2.1 file: one tab-separated row of 27 columns per document.

Filled from what the pipeline stored with each document (others blank):

* GKGRECORDID ``YYYYMMDDHHMMSS-N`` (time the document was added, running number),
  DATE (publication date at midnight, else the time added), SourceCollectionIdentifier
  (1 web when there is a URL, else 2 citation-only), SourceCommonName, DocumentIdentifier.
* Counts/V2Counts from counted quantities whose category maps to a GDELT count
  type (``data/gdelt/count_types.txt``): ``TYPE#N#object#0######`` (no location; + ``#offset``).
* Locations/V2Locations from resolved places (types and FIPS codes as for events).
* Persons/V2Persons and Organizations/V2Organizations from PERSON and ORG
  entities (``name,offset`` in the V2 forms).
* V2Tone: the document tone and the word count (positive/negative scores,
  polarity and densities are not computed, so blank).
* Dates (V2.1): ``resolution#month#day#year#offset`` for each resolved date
  (4 day, 2 month, 1 year), a range giving its start and its end.
* Amounts: ``amount,object,offset`` for each quantity with a value.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from tacitus.store import gdelt
from tacitus.store.queries import event_filters

_BATCH = 2_000


def _count_types() -> dict[str, str]:
    rows = [line.split("\t") for line in gdelt._lines("count_types.txt")][1:]
    return {category: count_type for category, count_type in rows}


def _field(text: Any) -> str:
    """Text inside a GKG sub-field: no tabs, newlines or the ; # , delimiters."""
    return gdelt.clean(text, "\t\r\n;#,")


def _counts(quantities: list[dict[str, Any]], count_types: dict[str, str]) -> tuple[str, str]:
    v1, v2 = [], []
    for qty in quantities:
        count_type = count_types.get((qty.get("category") or "").lower())
        if qty.get("kind") != "count" or count_type is None or qty.get("value") is None:
            continue
        obj = _field(qty.get("measures") or qty.get("unit") or "")
        no_location = ["0", "", "", "", "", "", ""]  # type, full name, country, ADM1, lat, long, feature id
        block = "#".join([count_type, gdelt.num(float(round(qty["value"]))), obj, *no_location])
        if block not in v1:
            v1.append(block)
        v2.append(f"{block}#{gdelt.num(qty.get('start'))}")
    return ";".join(v1), ";".join(v2)


def _locations(places: list[dict[str, Any]]) -> tuple[str, str]:
    v1, v2 = [], []
    for p in places:
        geo = gdelt.geo_fields(p.get("name"), p.get("country"), p.get("admin1"), p.get("lat"), p.get("lon"),
                               p.get("geonames_id"), p.get("precision"))
        if geo[0] == "0":
            continue
        geo_type, full_name, country, adm1, adm2, lat, lon, feature = geo
        block = "#".join([geo_type, full_name, country, adm1, lat, lon, feature])
        if block not in v1:
            v1.append(block)
        v2.append("#".join([geo_type, full_name, country, adm1, adm2, lat, lon, feature, gdelt.num(p.get("start"))]))
    return ";".join(v1), ";".join(v2)


def _names(entities: list[dict[str, Any]], label: str) -> tuple[str, str]:
    v1, v2 = [], []
    for ent in entities:
        if ent.get("label") != label:
            continue
        name = _field(ent.get("text"))
        if name and name not in v1:
            v1.append(name)
        if name:
            v2.append(f"{name},{gdelt.num(ent.get('start'))}")
    return ";".join(v1), ";".join(v2)


def _date_block(value: str | None, offset: Any) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 0
    resolution = 4 if day else 2 if month else 1
    return f"{resolution}#{month}#{day}#{year}#{gdelt.num(offset)}"


def _dates(times: list[dict[str, Any]]) -> str:
    blocks = []
    for t in times:
        if t.get("kind") not in ("date", "range"):
            continue
        for value in (t.get("value"), t.get("value_end")):
            block = _date_block(value, t.get("start"))
            if block:
                blocks.append(block)
    return ";".join(blocks)


def _amounts(quantities: list[dict[str, Any]]) -> str:
    blocks = []
    for qty in quantities:
        if qty.get("value") is None:
            continue
        obj = _field(" ".join(x for x in (qty.get("unit"), qty.get("category")) if x) or qty.get("measures") or "")
        blocks.append(f"{gdelt.num(float(qty['value']))},{obj},{gdelt.num(qty.get('start'))}")
    return ";".join(blocks)


def gkg_line(doc: dict[str, Any], number: int, count_types: dict[str, str]) -> list[str]:
    """The 27 GKG 2.1 fields for one stored document (``number`` makes GKGRECORDID unique)."""
    places = json.loads(doc["places"] or "[]")
    quantities = json.loads(doc["quantities"] or "[]")
    entities = json.loads(doc["entities"] or "[]")
    times = json.loads(doc["times"] or "[]")
    counts, v2counts = _counts(quantities, count_types)
    locations, v2locations = _locations(places)
    persons, v2persons = _names(entities, "PERSON")
    orgs, v2orgs = _names(entities, "ORG")
    words = len((doc["text"] or "").split())
    tone = "" if doc["tone"] is None else f"{gdelt.num(doc['tone'])},,,,,,{words}"
    added = doc["added_at"] or doc["published"]
    return [
        f"{gdelt.timestamp14(added)}-{number}",
        gdelt.timestamp14(doc["published"] or doc["added_at"]),
        "1" if doc["url"] else "2",
        gdelt.source_common_name(doc["source"], doc["url"]),
        gdelt.clean(doc["url"] or doc["doc_id"]),
        counts, v2counts,
        "", "",  # Themes, V2Themes
        locations, v2locations,
        persons, v2persons,
        orgs, v2orgs,
        tone,
        _dates(times),
        "", "", "", "", "", "", "",  # GCAM, SharingImage, RelatedImages, Social*, Quotations, AllNames
        _amounts(quantities),
        "", "",  # TranslationInfo, Extras
    ]


def write_gkg(con: duckdb.DuckDBPyConnection, output: Path, **filters: Any) -> int:
    """One GKG row per stored document (with event filters: documents having a matching event)."""
    sql = "SELECT * FROM documents"
    params: list[Any] = []
    if filters:
        where, params = event_filters(**filters)
        sql += f" WHERE doc_id IN (SELECT doc_id FROM events WHERE {where})"
    cursor = con.execute(sql + " ORDER BY added_at, doc_id", params)
    names = [d[0] for d in cursor.description]
    count_types = _count_types()
    width = len(gdelt.columns("gkg"))
    written = 0
    with open(output, "w", encoding="utf-8", newline="\n") as out:
        while batch := cursor.fetchmany(_BATCH):
            for row in batch:
                fields = gkg_line(dict(zip(names, row)), written + 1, count_types)
                if len(fields) != width:
                    raise RuntimeError(f"{output}: {len(fields)} fields instead of {width}")
                out.write("\t".join(fields) + "\n")
                written += 1
    return written
