"""Querying event Parquet files (``Store.write_parquet``, the Spark job) with the store's API.

``open_parquet(directory)`` gives an ``EventReader`` whose ``events`` is a view
over ``read_parquet(.../**/*.parquet)`` with hive partitioning, cast to
``EVENT_COLUMNS`` and with ``event_day`` derived, so ``events(...)``,
``dyad_timeseries(...)``, ``export(...)`` and the rest behave as on a DuckDB store.

Two layouts are read: a directory of event files (what ``Store.write_parquet``
writes), or the Spark job's output directory with ``events/`` and, when present,
``documents/`` and ``ingest_log/`` beside it. Without those two, ``documents``
and ``ingest_log`` are empty and ``status()`` counts the events' distinct doc ids.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from tacitus.store.queries import EventReader
from tacitus.store.schema import DOCUMENT_COLUMNS, DOCUMENTS_DDL, EVENT_COLUMNS, EVENT_DAY_SQL, LOG_DDL, VIEWS_DDL

# An event is not an event without these; other missing columns read as NULL.
REQUIRED = ("event_id", "doc_id", "source_code", "cameo")
_NULL_PARTITIONS = ("NULL", "__HIVE_DEFAULT_PARTITION__", "")
_DATE_COLUMNS = ("published", "dateline_date")
_LOG_COLUMNS = [("seq", None, "BIGINT"), ("logged_at", None, "TIMESTAMP"), ("input", None, "VARCHAR"),
                ("status", None, "VARCHAR"), ("reason", None, "VARCHAR"), ("events", None, "INTEGER"),
                ("doc_id", None, "VARCHAR")]


def _has_parquet(directory: Path) -> bool:
    return directory.is_dir() and any(directory.rglob("*.parquet"))


def _select_sql(con: duckdb.DuckDBPyConnection, directory: Path, columns, required=()) -> str:
    """SELECT over the Parquet files under ``directory`` giving ``columns`` (name, _, SQL type) in order."""
    pattern = "'" + str(directory / "**" / "*.parquet").replace("'", "''") + "'"
    source = f"read_parquet({pattern}, hive_partitioning = true, union_by_name = true, hive_types_autocast = false)"
    present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    missing = [c for c in required if c not in present]
    if missing:
        raise ValueError(f"{directory}: Parquet files lack required event columns: {', '.join(missing)}")
    selects = []
    for name, _, sql_type in columns:
        sql_type = sql_type.split()[0]  # drop constraints such as PRIMARY KEY
        if name not in present:
            selects.append(f"CAST(NULL AS {sql_type}) AS {name}")
        elif name in _DATE_COLUMNS:  # may come from a hive partition name
            nulls = ", ".join(f"'{v}'" for v in _NULL_PARTITIONS)
            selects.append(f"CASE WHEN CAST({name} AS VARCHAR) IN ({nulls}) THEN NULL "
                           f"ELSE TRY_CAST(CAST({name} AS VARCHAR) AS DATE) END AS {name}")
        else:
            selects.append(f"CAST({name} AS {sql_type}) AS {name}")
    return "SELECT " + ", ".join(selects) + f" FROM {source}"


class ParquetEvents(EventReader):
    """Read-only event queries over a directory of Parquet files."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        events_dir = self.directory / "events" if _has_parquet(self.directory / "events") else self.directory
        if not _has_parquet(events_dir):
            raise FileNotFoundError(f"{self.directory}: no .parquet files found")
        self._con = duckdb.connect()
        flat = _select_sql(self._con, events_dir, EVENT_COLUMNS, REQUIRED)
        self._con.execute(f"CREATE VIEW events AS SELECT *, {EVENT_DAY_SQL} AS event_day FROM ({flat})")
        self.has_documents = _has_parquet(self.directory / "documents") and events_dir != self.directory
        if self.has_documents:
            docs = _select_sql(self._con, self.directory / "documents", DOCUMENT_COLUMNS)
            self._con.execute(f"CREATE VIEW documents AS {docs}")
        else:
            self._con.execute(DOCUMENTS_DDL)
        if _has_parquet(self.directory / "ingest_log") and events_dir != self.directory:
            log = _select_sql(self._con, self.directory / "ingest_log", _LOG_COLUMNS)
            self._con.execute(f"CREATE VIEW ingest_log AS {log}")
        else:
            for statement in LOG_DDL:
                self._con.execute(statement)
        for statement in VIEWS_DDL:
            self._con.execute(statement)

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if write:
            raise PermissionError(f"{self.directory}: Parquet events are read-only")
        cursor = self._con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def status(self) -> dict[str, int]:
        """As ``Store.status``; without documents files, documents counts the events' distinct doc ids."""
        counts = super().status()
        if not self.has_documents:
            with self._connect() as con:
                counts["documents"] = con.execute("SELECT count(DISTINCT doc_id) FROM events").fetchone()[0]
        return counts

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> ParquetEvents:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_parquet(directory: str | Path) -> ParquetEvents:
    """Event queries over Parquet files under ``directory`` (hive partitions allowed)."""
    return ParquetEvents(directory)
