"""The DuckDB store: one file holding documents, events and the ingest log.

Writes go in batches through Arrow: ``add_batch`` turns coded articles into Arrow
tables, registers them with DuckDB and inserts them with ``INSERT ... SELECT`` in
one transaction, together with the batch's ingest-log rows. Documents are keyed
by content hash and doc id, events by event id, so adding the same batch again
(for instance after a crash) adds nothing. The event_id key is enforced by the
insert itself (an anti-join on event_id) rather than by a PRIMARY KEY index,
which made DuckDB's bulk loads about four times slower.

Concurrency (measured with DuckDB's file locking, two processes; see
tests/test_store_concurrency.py). DuckDB lets ONE process open a database file
read-write, and then no other process can open it at all, not even read-only.
Any number of processes can hold it read-only at once, but then nobody can open
it read-write. So readers and an ingest coexist only by taking turns:

* ``Store(path)`` (the default) holds one connection for the object's lifetime:
  right for a single process (a notebook, ``tacitus ingest`` with nothing else
  reading, a test).
* ``Store(path, shared=True)`` holds no connection: every call opens the file
  (read-only for reads, read-write for writes), does its work and closes it,
  retrying on a lock conflict for up to ``lock_timeout`` seconds. An ingest run
  with ``shared=True`` commits each batch and releases the file between
  batches; an API process with ``shared=True`` (or a short-lived
  ``Store(path, read_only=True)`` per request) gets in between batches. A
  reader waits at most about one batch's write time; keep batches small (a few
  hundred articles) when readers are live.

Measured here: opening the file takes about 50 ms, so a ``shared=True`` read
costs that much on top of the query, and a small ``shared=True`` batch about
0.1-0.3 s (open, write, checkpoint on close).

Within one process, threads may share one ``Store``: each call works on its own
cursor (a connection to the same database). DuckDB refuses to open one file
read-only and read-write at once in the same process: use one ``Store`` per
file per process.
"""
from __future__ import annotations

import hashlib
import json
import random
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from tacitus.model import CodedArticle
from tacitus.store.parquet import ParquetEvents, open_parquet
from tacitus.store.queries import EventReader
from tacitus.store.schema import (
    DDL,
    DOCUMENT_ARROW_SCHEMA,
    EVENT_ARROW_SCHEMA,
    EVENT_COLUMN_NAMES,
    EVENT_DAY_SQL,
    LOG_STATUSES,
    flatten_event,
)


def content_hash(text: str) -> str:
    """sha256 (hex) of the text after Unicode NFC, whitespace runs collapsed and ends stripped."""
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _is_lock_error(err: Exception) -> bool:
    return isinstance(err, duckdb.IOException) and "lock" in str(err).lower()


class StoreLockedError(RuntimeError):
    """Another process held the database file for longer than the lock timeout."""


class Store(EventReader):
    """A Tacitus event store in one DuckDB file (see the module docstring for concurrency)."""

    content_hash = staticmethod(content_hash)

    def __init__(
        self,
        path: str | Path = "tacitus.duckdb",
        *,
        read_only: bool = False,
        shared: bool = False,
        lock_timeout: float = 10.0,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.shared = shared
        self.lock_timeout = lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no Tacitus store at {self.path} (open it without read_only to create it)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if not shared:
            self._con = self._open(read_only=read_only)
        if not read_only:
            with self._connect(write=True) as con:
                for statement in DDL:
                    con.execute(statement)

    # -- connections ------------------------------------------------------
    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.005
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.ConnectionException as err:
                raise StoreLockedError(
                    f"{self.path}: this process already has the file open "
                    f"{'read-write' if read_only else 'read-only'}; DuckDB allows one configuration per "
                    f"file per process, so use a single Store for it ({err})"
                ) from err
            except duckdb.IOException as err:
                if not _is_lock_error(err):
                    raise
                if time.monotonic() >= deadline:
                    mode = "read-only" if read_only else "read-write"
                    raise StoreLockedError(
                        f"{self.path}: could not open {mode} within {self.lock_timeout}s; "
                        f"another process holds it ({err})"
                    ) from err
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 0.05)

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if write and self.read_only:
            raise PermissionError(f"{self.path} is open read-only; open Store(path) to write")
        if self._con is not None:
            cursor = self._con.cursor()  # its own connection to the open database: safe per thread
            try:
                yield cursor
            finally:
                cursor.close()
            return
        con = self._open(read_only=not write)
        try:
            yield con
        finally:
            con.close()

    @staticmethod
    def from_parquet(directory: str | Path) -> ParquetEvents:
        """The same queries over event Parquet files (see ``open_parquet``)."""
        return open_parquet(directory)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes -----------------------------------------------------------
    def has_document(self, content_hash: str) -> str | None:
        """The doc_id stored under this content hash, else None."""
        with self._connect() as con:
            row = con.execute("SELECT doc_id FROM documents WHERE content_hash = ?", [content_hash]).fetchone()
        return row[0] if row else None

    def add_batch(self, items: list[tuple[CodedArticle, str]], outcomes: list[dict[str, Any]]) -> dict[str, int]:
        """Store coded articles (each with its content hash) and their ingest-log rows, atomically.

        Articles whose content hash or doc id is already stored, or repeated within
        the batch, are left out with their events. Returns the numbers added:
        ``{"documents", "events", "log"}``. If anything fails, nothing of the batch
        is written.
        """
        log_rows = _log_table(outcomes)
        with self._connect(write=True) as con:
            hashes = [h for _, h in items]
            doc_ids = [coded.article.doc_id for coded, _ in items]
            stored = con.execute(
                "SELECT content_hash, doc_id FROM documents WHERE list_contains(?, content_hash) OR list_contains(?, doc_id)",
                [hashes, doc_ids],
            ).fetchall()
            seen_hashes = {h for h, _ in stored}
            seen_ids = {d for _, d in stored}
            fresh: list[tuple[CodedArticle, str]] = []
            for coded, chash in items:
                if chash in seen_hashes or coded.article.doc_id in seen_ids:
                    continue
                seen_hashes.add(chash)
                seen_ids.add(coded.article.doc_id)
                fresh.append((coded, chash))
            documents = _documents_table(fresh)
            events = events_table([e for coded, _ in fresh for e in coded.events])
            con.begin()
            try:
                added_docs = self._insert_documents(con, documents)
                added_events = self._insert_events(con, events)
                added_log = self._insert_log(con, log_rows)
                con.commit()
            except BaseException:
                con.rollback()
                raise
        return {"documents": added_docs, "events": added_events, "log": added_log}

    def add_event_table(self, table: pa.Table) -> int:
        """Bulk-insert an Arrow table of ``EVENT_COLUMNS`` rows (e.g. Spark output); returns rows added.

        Events whose event_id is already stored are skipped. No documents are added.
        """
        with self._connect(write=True) as con:
            con.begin()
            try:
                added = self._insert_events(con, table)
                con.commit()
            except BaseException:
                con.rollback()
                raise
        return added

    def log(self, outcomes: list[dict[str, Any]]) -> int:
        """Record ingest-log rows alone (inputs skipped or failed before coding)."""
        rows = _log_table(outcomes)
        with self._connect(write=True) as con:
            return self._insert_log(con, rows)

    # Each insert is a separate method so a failure in any of them can be simulated.
    @staticmethod
    def _insert_documents(con: duckdb.DuckDBPyConnection, table: pa.Table) -> int:
        if table.num_rows == 0:
            return 0
        with _registered(con, "_new_documents", table):
            return con.execute("INSERT OR IGNORE INTO documents SELECT * FROM _new_documents").fetchone()[0]

    @staticmethod
    def _insert_events(con: duckdb.DuckDBPyConnection, table: pa.Table) -> int:
        if table.num_rows == 0:
            return 0
        missing = [c for c in EVENT_COLUMN_NAMES if c not in table.column_names]
        if missing:
            raise ValueError(f"event table lacks columns: {', '.join(missing)}")
        if table.column("event_id").null_count:
            raise ValueError("event table has rows without an event_id")
        columns = ", ".join(EVENT_COLUMN_NAMES)
        # The key: ids already stored are skipped (anti-join), and so are repeats within the table.
        unique = pc.count_distinct(table.column("event_id")).as_py() == table.num_rows
        source = "_new_events" if unique else "(SELECT DISTINCT ON (event_id) * FROM _new_events)"
        with _registered(con, "_new_events", table):
            return con.execute(
                f"INSERT INTO events ({columns}, event_day) "
                f"SELECT {columns}, {EVENT_DAY_SQL} FROM {source} AS n "
                f"WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = n.event_id)"
            ).fetchone()[0]

    @staticmethod
    def _insert_log(con: duckdb.DuckDBPyConnection, table: pa.Table) -> int:
        if table.num_rows == 0:
            return 0
        with _registered(con, "_new_log", table):
            return con.execute(
                "INSERT INTO ingest_log (input, status, reason, events, doc_id) "
                "SELECT input, status, reason, events, doc_id FROM _new_log"
            ).fetchone()[0]


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """An Arrow table visible to SQL as ``name`` for the duration of the block."""
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)


def events_table(events: list) -> pa.Table:
    """Arrow table (``EVENT_ARROW_SCHEMA``) of ``Event`` objects."""
    return pa.Table.from_pylist([flatten_event(e) for e in events], schema=EVENT_ARROW_SCHEMA)


def _json_list(items: list) -> str:
    return json.dumps([asdict(x) for x in items], ensure_ascii=False, default=str)


def _documents_table(items: list[tuple[CodedArticle, str]]) -> pa.Table:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    for coded, chash in items:
        a = coded.article
        rows.append({
            "doc_id": a.doc_id,
            "content_hash": chash,
            "title": a.title,
            "url": a.url,
            "source": a.source,
            "published": a.published,
            "lang": a.lang,
            "origin": a.origin,
            "dateline_text": a.dateline.text if a.dateline else None,
            "dateline_place": a.dateline.place if a.dateline else None,
            "dateline_date": a.dateline.date if a.dateline else None,
            "tone": coded.tone,
            "text": a.text,
            "places": _json_list(coded.places),
            "times": _json_list(coded.times),
            "quantities": _json_list(coded.quantities),
            "entities": _json_list(coded.entities),
            "n_events": len(coded.events),
            "added_at": now,
        })
    return pa.Table.from_pylist(rows, schema=DOCUMENT_ARROW_SCHEMA)


_LOG_SCHEMA = pa.schema([
    ("input", pa.string()), ("status", pa.string()), ("reason", pa.string()),
    ("events", pa.int32()), ("doc_id", pa.string()),
])


def _log_table(outcomes: list[dict[str, Any]]) -> pa.Table:
    rows = []
    for i, outcome in enumerate(outcomes):
        if not isinstance(outcome, dict) or "input" not in outcome or "status" not in outcome:
            raise ValueError(f"outcome #{i} {outcome!r}: expected a dict with 'input' and 'status'")
        if outcome["status"] not in LOG_STATUSES:
            raise ValueError(
                f"outcome #{i} for {outcome['input']!r}: status {outcome['status']!r} "
                f"is not one of {', '.join(LOG_STATUSES)}"
            )
        rows.append({
            "input": None if outcome["input"] is None else str(outcome["input"]),
            "status": outcome["status"],
            "reason": outcome.get("reason"),
            "events": int(outcome.get("events") or 0),
            "doc_id": outcome.get("doc_id"),
        })
    return pa.Table.from_pylist(rows, schema=_LOG_SCHEMA)
