"""GDELT 2.0 Events (61 columns) and Mentions (16 columns) files, tab-separated, no header.

What is filled (else blank, or 0 for a geography type as in GDELT's own files):

* GLOBALEVENTID: ``gdelt.global_event_id(event_id)``, stable across runs.
* SQLDATE/MonthYear/Year/FractionDate: the event date when it is a full day,
  else the publication date, else the first day of a partial event date.
* Actor fields: split from the CAMEO actor code (``gdelt.split_actor_code``);
  Actor1Name is the resolved name, else the words, upper-cased as GDELT does.
* IsRootEvent: 1 for events coded from the story's first sentence.
* EventCode/EventBaseCode/EventRootCode, QuadClass, GoldsteinScale from the event.
* NumMentions/NumSources/NumArticles/AvgTone: from the event's cluster when the store
  has clusters (``tacitus.store.clusters``): one row per cluster, its representative's
  fields, GLOBALEVENTID the cluster id. Without clusters (or for events added since the
  last rebuild): 1, 1, 1 and the event's tone, else its document's.
* ActionGeo_* from the event location (``gdelt.geo_fields``); Actor1Geo_* and
  Actor2Geo_* from the actor's country (country precision, its GeoNames centroid), where
  the actor has a country code the gazetteer knows (not for regions or IGOs).
* DATEADDED: when the document entered the store (UTC), SOURCEURL: its URL,
  else the doc id.

Mentions: one row per stored event (each is one mention in one document; GLOBALEVENTID
is its cluster's id when the store has clusters), with
character offsets of the actors and the trigger in the article text (-1 when
the words are not found in the sentence), Confidence as a percentage, and the
document's length and tone.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from tacitus.store import gdelt
from tacitus.store.queries import event_filters
from tacitus.store.schema import EVENT_COLUMN_NAMES

_BATCH = 10_000


def _event_rows(con: duckdb.DuckDBPyConnection, kind: str = "mentions", **filters: Any) -> Iterator[dict[str, Any]]:
    where, params = event_filters(**filters)
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMN_NAMES)
    # --- event clusters (tacitus.store.clusters): cluster ids and counts, when built ---
    from tacitus.store.clusters import gdelt_join

    cluster_cols, cluster_join, cluster_where = gdelt_join(con, kind)
    cluster_where = f"WHERE {cluster_where}" if cluster_where else ""
    # --- end event clusters ---
    cursor = con.execute(
        f"""SELECT {cols}, d.url AS doc_url, d.source AS doc_source, d.added_at AS doc_added,
                   d.tone AS doc_tone, length(d.text) AS doc_len {cluster_cols}
            FROM (SELECT * FROM events WHERE {where}) e LEFT JOIN documents d USING (doc_id)
            {cluster_join} {cluster_where}
            ORDER BY e.event_day NULLS LAST, e.event_id""",
        params,
    )
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            yield dict(zip(names, row))


def _event_day(row: dict[str, Any]):
    day = gdelt.full_day(row["event_date"]) or row["published"]
    if day is None and row["event_date"]:
        padding = {4: "-01-01", 7: "-01"}.get(len(row["event_date"]))
        day = gdelt.full_day(row["event_date"] + padding) if padding else None
    return day


def _actor(row: dict[str, Any], side: str) -> list[str]:
    code = row[f"{side}_code"]
    if code is None:
        return [""] * 10
    parts = gdelt.split_actor_code(code)
    name = row[f"{side}_name"] or row[f"{side}_text"] or ""
    return [
        code, gdelt.clean(name).upper(), parts["country"], parts["known_group"], parts["ethnic"],
        parts["religion1"], parts["religion2"], parts["type1"], parts["type2"], parts["type3"],
    ]


def _source_url(row: dict[str, Any]) -> str:
    return gdelt.clean(row["doc_url"] or row["doc_id"])


def _global_event_id(row: dict[str, Any]) -> str:
    """The cluster's id when the row carries one (see tacitus.store.clusters), else the event's own."""
    if row.get("global_event_id") is not None:
        return str(row["global_event_id"])
    return str(gdelt.global_event_id(row["event_id"]))


def _actor_geo(country: str | None) -> list[str]:
    """An actor's geography in GDELT's 8 fields: its country, at country precision."""
    from ..geo import get_gazetteer

    entry = get_gazetteer().country(country) if country and len(country) == 3 else None
    if entry is None:
        return ["0", "", "", "", "", "", "", ""]
    return gdelt.geo_fields(entry.name, entry.country, None, entry.lat, entry.lon, entry.geonames_id, "country")


def event_line(row: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 event fields for one flat event row joined with its document."""
    day = _event_day(row)
    cameo = row["cameo"] or ""
    tone = row["tone"] if row["tone"] is not None else row["doc_tone"]
    if row.get("avg_tone") is not None:  # the cluster's
        tone = row["avg_tone"]
    counts = [gdelt.num(row.get(k) or 1) for k in ("num_mentions", "num_sources", "num_articles")]
    added = row["doc_added"] or day
    location = gdelt.geo_fields(
        row["location_name"], row["location_country"], row["location_admin1"], row["location_lat"],
        row["location_lon"], row["location_geonames_id"], row["location_precision"],
    )
    return [
        _global_event_id(row),
        gdelt.yyyymmdd(day),
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        gdelt.fraction_date(day) if day else "",
        *_actor(row, "source"),
        *_actor(row, "target"),
        "1" if row["sentence_index"] == 0 else "0",
        cameo,
        cameo[:3],
        row["cameo_root"] or cameo[:2],
        gdelt.num(row["quad_class"]),
        gdelt.num(row["goldstein"]),
        *counts,
        gdelt.num(tone),
        *_actor_geo(row.get("source_country")),
        *_actor_geo(row.get("target_country")),
        *location,
        gdelt.timestamp14(added),
        _source_url(row),
    ]


def _offset(row: dict[str, Any], words: str | None) -> str:
    if not words or row["char_start"] is None:
        return "-1"
    at = (row["sentence"] or "").find(words)
    return str(row["char_start"] + at) if at >= 0 else "-1"


def mention_line(row: dict[str, Any]) -> list[str]:
    """The 16 GDELT 2.0 mention fields for one flat event row joined with its document."""
    day = _event_day(row)
    added = row["doc_added"] or day
    seen = row["published"] or added
    confidence = row["confidence"]
    return [
        _global_event_id(row),
        gdelt.timestamp14(added),
        gdelt.timestamp14(seen),
        "1" if row["doc_url"] else "2",  # 1 WEB (identifier is a URL), 2 CITATIONONLY
        gdelt.source_common_name(row["doc_source"], row["doc_url"]),
        _source_url(row),
        str(row["sentence_index"] + 1),
        _offset(row, row["source_text"]),
        _offset(row, row["target_text"]),
        _offset(row, row["trigger_text"]),
        "1",
        "" if confidence is None else str(round(confidence * 100)),
        gdelt.num(row["doc_len"]),
        gdelt.num(row["doc_tone"]),
        "",
        "",
    ]


def _write(con: duckdb.DuckDBPyConnection, output: Path, line, width: int, kind: str, **filters: Any) -> int:
    written = 0
    with open(output, "w", encoding="utf-8", newline="\n") as out:
        for row in _event_rows(con, kind, **filters):
            fields = line(row)
            if len(fields) != width:
                raise RuntimeError(f"{output}: {len(fields)} fields instead of {width} for event {row['event_id']}")
            out.write("\t".join(fields) + "\n")
            written += 1
    return written


def write_events(con: duckdb.DuckDBPyConnection, output: Path, **filters: Any) -> int:
    return _write(con, output, event_line, len(gdelt.columns("events")), "events", **filters)


def write_mentions(con: duckdb.DuckDBPyConnection, output: Path, **filters: Any) -> int:
    return _write(con, output, mention_line, len(gdelt.columns("mentions")), "mentions", **filters)
