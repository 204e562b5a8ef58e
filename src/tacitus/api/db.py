"""How the API reaches the DuckDB store: a short-lived connection per request.

DuckDB lets one process write a file, or any number of processes read it, not both
at once; and inside one process a file can only be open in one mode at a time. So:

* Every read request opens ``Store(path, read_only=True)``, runs its queries and
  closes it. Nothing stays open between requests, so a ``tacitus ingest`` in another
  process can take the file between two requests (ingest with ``Store(shared=True)``
  releases it between batches).
* A write (``POST /api/articles``) opens the file read-write only for the insert of
  already-coded articles; coding happens before, with no connection open.
* Inside the API process a readers-writer lock keeps read-only and read-write
  connections from overlapping (DuckDB refuses a second mode in one process).
* When another process holds the file, opening retries with backoff for
  ``read_timeout`` / ``write_timeout`` seconds (``Store``'s ``lock_timeout``); after
  that the request fails with 503 and ``Retry-After`` (see ``app.py``).
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tacitus.store import Store


class ReadWriteLock:
    """Many readers or one writer; a waiting writer stops new readers from entering."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if self._readers == 0:
                    self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writer or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class StoreAccess:
    """Opens the store at ``path`` for one request at a time (see the module docstring)."""

    def __init__(self, path: str | Path, *, read_timeout: float = 2.0, write_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.read_timeout = read_timeout
        self.write_timeout = write_timeout
        self._lock = ReadWriteLock()

    def ensure_exists(self) -> None:
        """Create an empty store when the file is missing, so the API can start on a new path."""
        if not self.path.exists():
            with self._lock.writing():
                Store(self.path, lock_timeout=self.write_timeout).close()

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self._lock.reading():
            store = Store(self.path, read_only=True, lock_timeout=self.read_timeout)
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self._lock.writing():
            store = Store(self.path, lock_timeout=self.write_timeout)
            try:
                yield store
            finally:
                store.close()
