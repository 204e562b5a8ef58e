"""Where coded events live: a DuckDB file, its queries, and exporters.

``Store`` writes and reads a DuckDB file; ``open_parquet`` reads Parquet
written by ``Store.write_parquet`` or the Spark job with the same filters.
"""
from tacitus.store.parquet import open_parquet
from tacitus.store.queries import EventReader, event_filters
from tacitus.store.schema import EVENT_ARROW_SCHEMA, EVENT_COLUMN_NAMES, flatten_event
from tacitus.store.store import Store, StoreLockedError, content_hash, events_table

__all__ = [
    "EVENT_ARROW_SCHEMA",
    "EVENT_COLUMN_NAMES",
    "EventReader",
    "Store",
    "StoreLockedError",
    "content_hash",
    "event_filters",
    "events_table",
    "flatten_event",
    "open_parquet",
]
