"""Readers and an ingest in two processes, with DuckDB's real file locks."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_store_samples import batch  # noqa: E402

from tacitus.store import Store, StoreLockedError  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"

WRITER = """
import sys, time
sys.path[:0] = [{src!r}, {tests!r}]
from tacitus.store import Store
from test_store_samples import batch, protest_article
store = Store({path!r}, shared={shared})
print("ready", flush=True)
for i in range({batches}):
    coded = protest_article()
    coded.article.doc_id = f"protest-{{i}}"
    coded.article.text += f" Update {{i}}."
    for e in coded.events:
        e.doc_id = coded.article.doc_id
        e.event_id = f"{{e.event_id}}-{{i}}"
    store.add_batch(*batch([coded]))
    time.sleep({pause})
print("done", flush=True)
{hold}
"""


def _start_writer(path: Path, *, shared: bool, batches: int, pause: float, hold: str = "") -> subprocess.Popen:
    script = WRITER.format(src=str(SRC), tests=str(Path(__file__).parent), path=str(path), shared=shared,
                           batches=batches, pause=pause, hold=hold)
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def test_shared_readers_see_batches_while_a_shared_writer_ingests(tmp_path):
    path = tmp_path / "live.duckdb"
    Store(path).close()
    writer = _start_writer(path, shared=True, batches=12, pause=0.1)
    reader = Store(path, read_only=True, shared=True, lock_timeout=10)
    seen = []
    while writer.poll() is None:
        seen.append(reader.count_events())
        reader.events(actor="KEN", limit=5)
        time.sleep(0.05)
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    seen.append(reader.count_events())
    assert seen == sorted(seen)  # committed batches only ever grow
    assert seen[-1] == 24 and reader.status()["coded"] == 12
    assert len(set(seen)) > 2, f"reader never got in between batches: {seen}"
    print(f"{len(seen)} reads, {len(set(seen))} distinct counts during 12 batches")


def test_a_writer_holding_the_file_locks_readers_out(tmp_path):
    path = tmp_path / "held.duckdb"
    Store(path).close()
    writer = _start_writer(path, shared=False, batches=1, pause=0, hold="time.sleep(30)")
    try:
        assert writer.stdout.readline().strip() == "done"
        started = time.monotonic()
        with pytest.raises(StoreLockedError, match="could not open read-only within 0.3s"):
            Store(path, read_only=True, lock_timeout=0.3)
        assert time.monotonic() - started < 5
    finally:
        writer.kill()
        writer.wait()
    with Store(path, read_only=True) as reader:  # the lock goes with the process
        assert reader.count_events() == 2


def test_many_readers_at_once_but_then_no_writer(tmp_path):
    path = tmp_path / "readers.duckdb"
    with Store(path) as s:
        s.add_batch(*batch())
    first, second = Store(path, read_only=True), Store(path, read_only=True)
    assert first.count_events() == second.count_events() == 7
    with pytest.raises(StoreLockedError, match="already has the file open read-only"):
        Store(path)  # in one process, DuckDB refuses read-write beside read-only
    first.close()
    second.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import sys,time; sys.path.insert(0,{str(SRC)!r}); "
         f"from tacitus.store import Store; s=Store({str(path)!r}, read_only=True); print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLockedError, match="read-write"):
            Store(path, lock_timeout=0.3)
    finally:
        holder.kill()
        holder.wait()
