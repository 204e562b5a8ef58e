"""The store's tables, and the flat column contract for events.

``EVENT_COLUMNS`` is the one definition of an event as a flat row: the DuckDB
``events`` table, the CSV and Parquet exports and the Spark job's Parquet output
all use these names and types, in this order. ``flatten_event`` turns an
``Event`` into such a row; ``EVENT_RECORD_SQL`` turns a row back into the nested
record of ``spec/event.schema.json`` (the same shape as ``Event.to_dict()``).

The ``events`` table adds one derived column, ``event_day`` (``EVENT_DAY_SQL``):
the first day of ``event_date`` (``2024-05`` -> 2024-05-01), else the
publication date. Date filters, ordering and timelines use it.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa

from tacitus.model import Event

# name, Arrow type, DuckDB type
EVENT_COLUMNS: list[tuple[str, pa.DataType, str]] = [
    ("event_id", pa.string(), "VARCHAR"),
    ("doc_id", pa.string(), "VARCHAR"),
    ("sentence_index", pa.int32(), "INTEGER"),
    ("sentence", pa.string(), "VARCHAR"),
    ("char_start", pa.int32(), "INTEGER"),
    ("char_end", pa.int32(), "INTEGER"),
    ("source_text", pa.string(), "VARCHAR"),
    ("source_code", pa.string(), "VARCHAR"),
    ("source_country", pa.string(), "VARCHAR"),
    ("source_role", pa.string(), "VARCHAR"),
    ("source_name", pa.string(), "VARCHAR"),
    ("target_text", pa.string(), "VARCHAR"),
    ("target_code", pa.string(), "VARCHAR"),
    ("target_country", pa.string(), "VARCHAR"),
    ("target_role", pa.string(), "VARCHAR"),
    ("target_name", pa.string(), "VARCHAR"),
    ("cameo", pa.string(), "VARCHAR"),
    ("cameo_root", pa.string(), "VARCHAR"),
    ("cameo_name", pa.string(), "VARCHAR"),
    ("quad_class", pa.int32(), "INTEGER"),
    ("goldstein", pa.float64(), "DOUBLE"),
    ("plover_event_type", pa.string(), "VARCHAR"),
    ("plover_mode", pa.string(), "VARCHAR"),
    ("plover_context", pa.list_(pa.string()), "VARCHAR[]"),
    ("modality", pa.string(), "VARCHAR"),
    ("published", pa.date32(), "DATE"),
    ("event_date", pa.string(), "VARCHAR"),
    ("event_date_end", pa.string(), "VARCHAR"),
    ("date_source", pa.string(), "VARCHAR"),
    ("location_name", pa.string(), "VARCHAR"),
    ("location_country", pa.string(), "VARCHAR"),
    ("location_admin1", pa.string(), "VARCHAR"),
    ("location_lat", pa.float64(), "DOUBLE"),
    ("location_lon", pa.float64(), "DOUBLE"),
    ("location_geonames_id", pa.int64(), "BIGINT"),
    ("location_precision", pa.string(), "VARCHAR"),
    ("trigger_text", pa.string(), "VARCHAR"),
    ("trigger_lemma", pa.string(), "VARCHAR"),
    ("explanation", pa.string(), "VARCHAR"),
    ("confidence", pa.float64(), "DOUBLE"),
    ("dead", pa.int64(), "BIGINT"),
    ("injured", pa.int64(), "BIGINT"),
    ("size", pa.int64(), "BIGINT"),
    ("tone", pa.float64(), "DOUBLE"),
]
EVENT_COLUMN_NAMES = [name for name, _, _ in EVENT_COLUMNS]
EVENT_ARROW_SCHEMA = pa.schema([(name, typ) for name, typ, _ in EVENT_COLUMNS])

# First day of event_date at its precision, else the publication date.
EVENT_DAY_SQL = """coalesce(
    try_cast(CASE length(event_date)
                 WHEN 10 THEN event_date
                 WHEN 7 THEN event_date || '-01'
                 WHEN 4 THEN event_date || '-01-01' END AS DATE),
    published)"""

DOCUMENT_COLUMNS: list[tuple[str, pa.DataType, str]] = [
    ("doc_id", pa.string(), "VARCHAR PRIMARY KEY"),
    ("content_hash", pa.string(), "VARCHAR NOT NULL UNIQUE"),
    ("title", pa.string(), "VARCHAR"),
    ("url", pa.string(), "VARCHAR"),
    ("source", pa.string(), "VARCHAR"),
    ("published", pa.date32(), "DATE"),
    ("lang", pa.string(), "VARCHAR"),
    ("origin", pa.string(), "VARCHAR"),
    ("dateline_text", pa.string(), "VARCHAR"),
    ("dateline_place", pa.string(), "VARCHAR"),
    ("dateline_date", pa.date32(), "DATE"),
    ("tone", pa.float64(), "DOUBLE"),
    ("text", pa.string(), "VARCHAR"),
    ("places", pa.string(), "VARCHAR"),  # JSON list of Place
    ("times", pa.string(), "VARCHAR"),  # JSON list of TimeExpr
    ("quantities", pa.string(), "VARCHAR"),  # JSON list of Quantity
    ("entities", pa.string(), "VARCHAR"),  # JSON list of Entity
    ("n_events", pa.int32(), "INTEGER"),
    ("added_at", pa.timestamp("us"), "TIMESTAMP"),
]
DOCUMENT_ARROW_SCHEMA = pa.schema([(name, typ) for name, typ, _ in DOCUMENT_COLUMNS])

LOG_STATUSES = ("coded", "skipped", "failed")


def _table_ddl(name: str, columns: list[tuple[str, Any, str]], extra: str = "") -> str:
    body = ",\n    ".join(f"{col} {sql}" for col, _, sql in columns)
    return f"CREATE TABLE IF NOT EXISTS {name} (\n    {body}{extra}\n)"


# event_id is the events' key, enforced on insert (an anti-join, see Store._insert_events) rather
# than by a PRIMARY KEY: DuckDB's index on it made bulk loads about 4 times slower.
_EVENT_DDL_COLUMNS = [
    (name, typ, sql + (" NOT NULL" if name == "event_id" else "")) for name, typ, sql in EVENT_COLUMNS
] + [("event_day", pa.date32(), "DATE")]

ACTOR_MENTIONS_VIEW = """
CREATE OR REPLACE VIEW actor_mentions AS
SELECT event_id, doc_id, 'source' AS side, source_code AS code, source_text AS text,
       source_country AS country, source_role AS role, source_name AS name, event_day
FROM events
UNION ALL
SELECT event_id, doc_id, 'target', target_code, target_text,
       target_country, target_role, target_name, event_day
FROM events WHERE target_code IS NOT NULL
"""

ACTORS_VIEW = """
CREATE OR REPLACE VIEW actors AS
SELECT code,
       count(*) AS mentions,
       count(*) FILTER (WHERE side = 'source') AS as_source,
       count(*) FILTER (WHERE side = 'target') AS as_target,
       mode(name) AS name,
       mode(country) AS country,
       min(event_day) AS first_seen,
       max(event_day) AS last_seen
FROM actor_mentions GROUP BY code
"""

DOCUMENTS_DDL = _table_ddl("documents", DOCUMENT_COLUMNS)
EVENTS_DDL = _table_ddl("events", _EVENT_DDL_COLUMNS)
LOG_DDL = [
    "CREATE SEQUENCE IF NOT EXISTS ingest_log_seq",
    """CREATE TABLE IF NOT EXISTS ingest_log (
    seq BIGINT DEFAULT nextval('ingest_log_seq'),
    logged_at TIMESTAMP DEFAULT current_timestamp,
    input VARCHAR,
    status VARCHAR NOT NULL CHECK (status IN ('coded', 'skipped', 'failed')),
    reason VARCHAR,
    events INTEGER,
    doc_id VARCHAR
)""",
]
VIEWS_DDL = [ACTOR_MENTIONS_VIEW, ACTORS_VIEW]
DDL: list[str] = [DOCUMENTS_DDL, EVENTS_DDL, *LOG_DDL, *VIEWS_DDL]


def flatten_event(event: Event) -> dict[str, Any]:
    """One ``Event`` as a flat row of ``EVENT_COLUMNS`` (``published`` becomes a ``date``)."""
    src, tgt, loc, plover = event.source, event.target, event.location, event.plover
    trigger = event.trigger or {}
    span = event.char_span
    if span is not None and len(span) != 2:
        raise ValueError(f"event {event.event_id!r}: char_span must be (start, end), got {span!r}")
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        "char_start": span[0] if span else None,
        "char_end": span[1] if span else None,
        "source_text": src.text,
        "source_code": src.code,
        "source_country": src.country,
        "source_role": src.role,
        "source_name": src.name,
        "target_text": tgt.text if tgt else None,
        "target_code": tgt.code if tgt else None,
        "target_country": tgt.country if tgt else None,
        "target_role": tgt.role if tgt else None,
        "target_name": tgt.name if tgt else None,
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "cameo_name": event.cameo_name,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_event_type": plover.get("event_type") if plover else None,
        "plover_mode": plover.get("mode") if plover else None,
        "plover_context": _optional_list(plover.get("context")) if plover else None,
        "modality": event.modality,
        "published": _iso_date(event.published, event.event_id),
        "event_date": event.event_date,
        "event_date_end": event.event_date_end,
        "date_source": event.date_source,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None,
        "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None,
        "location_geonames_id": loc.geonames_id if loc else None,
        "location_precision": loc.precision if loc else None,
        "trigger_text": trigger.get("text"),
        "trigger_lemma": trigger.get("lemma"),
        "explanation": event.explanation,
        "confidence": event.confidence,
        "dead": event.dead,
        "injured": event.injured,
        "size": event.size,
        "tone": event.tone,
    }


def _optional_list(value: Any) -> list[str] | None:
    return None if value is None else [str(v) for v in value]


def _iso_date(value: Any, event_id: str) -> date | None:
    """``published`` as a date: the flat contract stores it as a DATE column."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(
            f"event {event_id!r}: published must be an ISO date YYYY-MM-DD, got {value!r}"
        ) from None


def _actor_sql(side: str) -> str:
    return (
        f"struct_pack(text := {side}_text, code := {side}_code, country := {side}_country, "
        f"role := {side}_role, name := {side}_name)"
    )


# Rebuilds the nested event record from the flat columns, in Event.to_dict() order.
EVENT_RECORD_SQL = f"""
    event_id, doc_id, sentence_index, sentence,
    CASE WHEN char_start IS NULL THEN NULL ELSE [char_start, char_end] END AS char_span,
    {_actor_sql('source')} AS source,
    CASE WHEN target_code IS NULL AND target_text IS NULL THEN NULL
         ELSE {_actor_sql('target')} END AS target,
    cameo, cameo_root, cameo_name, quad_class, goldstein, modality,
    strftime(published, '%Y-%m-%d') AS published,
    event_date, event_date_end, date_source,
    CASE WHEN location_name IS NULL THEN NULL
         ELSE struct_pack(name := location_name, country := location_country,
                          admin1 := location_admin1, lat := location_lat, lon := location_lon,
                          geonames_id := location_geonames_id,
                          precision := location_precision) END AS location,
    struct_pack(text := trigger_text, lemma := trigger_lemma) AS trigger,
    explanation, confidence,
    CASE WHEN plover_event_type IS NULL THEN NULL
         ELSE struct_pack(event_type := plover_event_type, mode := plover_mode,
                          context := plover_context) END AS plover,
    dead, injured, size, tone
"""
