"""Events as JSON Lines (schema records), CSV and Parquet (flat ``EVENT_COLUMNS``).

DuckDB's COPY writes every format straight from the table, so exports of
millions of events never pass through Python objects.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb

from tacitus.store.queries import event_filters
from tacitus.store.schema import EVENT_COLUMN_NAMES, EVENT_RECORD_SQL

_ORDER = "ORDER BY event_day NULLS LAST, event_id"


def _literal(path: Path) -> str:
    """A path as an SQL string literal (COPY binds no parameter for its target)."""
    return "'" + str(path).replace("'", "''") + "'"


def _copy(con: duckdb.DuckDBPyConnection, select: str, params: list[Any], target: Path, options: str) -> int:
    return con.execute(f"COPY ({select}) TO {_literal(target)} ({options})", params).fetchone()[0]


def write_jsonl(con: duckdb.DuckDBPyConnection, output: Path, **filters: Any) -> int:
    """One schema record per line, nested as ``Event.to_dict()``."""
    where, params = event_filters(**filters)
    return _copy(con, f"SELECT {EVENT_RECORD_SQL} FROM events WHERE {where} {_ORDER}", params, output, "FORMAT JSON")


def _flat_select(where: str, *, for_csv: bool = False) -> str:
    cols = [
        "array_to_string(plover_context, ';') AS plover_context" if (for_csv and c == "plover_context") else c
        for c in EVENT_COLUMN_NAMES
    ]
    return f"SELECT {', '.join(cols)} FROM events WHERE {where} {_ORDER}"


def write_csv(con: duckdb.DuckDBPyConnection, output: Path, **filters: Any) -> int:
    """Flat columns with a header row; plover_context joined with ';'."""
    where, params = event_filters(**filters)
    return _copy(con, _flat_select(where, for_csv=True), params, output, "FORMAT CSV, HEADER")


def write_parquet_file(con: duckdb.DuckDBPyConnection, output: Path, **filters: Any) -> int:
    """Flat columns in one Parquet file (zstd)."""
    where, params = event_filters(**filters)
    return _copy(con, _flat_select(where), params, output, "FORMAT PARQUET, COMPRESSION ZSTD")


def write_parquet_dir(
    con: duckdb.DuckDBPyConnection, directory: Path, partition_by: str | None = "published", **filters: Any
) -> int:
    """Flat columns under ``directory``, hive-partitioned (``published=2024-05-14/``) or one file.

    The directory is replaced. Rows without a value for the partition column go
    to ``<column>=NULL/``; ``open_parquet`` reads them back as NULL (and Spark's
    ``__HIVE_DEFAULT_PARTITION__`` too).
    """
    if partition_by is not None and partition_by not in EVENT_COLUMN_NAMES:
        raise ValueError(f"partition_by={partition_by!r}: not an event column")
    where, params = event_filters(**filters)
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    if partition_by is None:
        return _copy(con, _flat_select(where), params, directory / "events.parquet", "FORMAT PARQUET, COMPRESSION ZSTD")
    return _copy(
        con, _flat_select(where), params, directory,
        f"FORMAT PARQUET, COMPRESSION ZSTD, PARTITION_BY ({partition_by}), OVERWRITE_OR_IGNORE",
    )
