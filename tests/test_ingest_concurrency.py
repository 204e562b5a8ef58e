"""Readers while a real ``tacitus ingest`` writes: every read succeeds and counts only grow.

``tacitus ingest`` opens the store with ``shared=True``: it holds the file only while a
batch (at most ``commit_every`` seconds of work) is written, so readers (``tacitus
events``, ``Store(read_only=True)``, the API) get in between batches, retrying on the
lock as the store does.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from wire_articles import wire_story  # noqa: E402

from tacitus.store import Store  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"
INGEST = [sys.executable, "-m", "tacitus.cli", "ingest"]


def test_readers_see_growing_counts_while_tacitus_ingest_writes(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(60):
        (folder / f"story_{i:03d}.txt").write_text(wire_story(i, seed=23)[1])
    db = tmp_path / "live.duckdb"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    writer = subprocess.Popen(INGEST + [str(folder), "--db", str(db), "--processes", "1", "--date", "2024-12-31",
                                        "--report", "json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    counts: list[tuple[int, int]] = []
    cli_reads: list[int] = []
    last_cli = 0.0
    try:
        deadline = time.monotonic() + 55
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # the store creates its tables
        while writer.poll() is None:
            assert time.monotonic() < deadline, "ingest did not finish in time"
            with Store(db, read_only=True, shared=True, lock_timeout=30) as reader:
                status = reader.status()
                counts.append((status["documents"], reader.count_events()))
            if time.monotonic() - last_cli > 1.5:  # the command line reads too
                events = subprocess.run([sys.executable, "-m", "tacitus.cli", "events", "--db", str(db),
                                         "--format", "jsonl", "--limit", "1000"],
                                        env=env, capture_output=True, text=True, timeout=60)
                assert events.returncode == 0, events.stderr
                cli_reads.append(len(events.stdout.splitlines()))
                last_cli = time.monotonic()
            time.sleep(0.05)
        out, err = writer.communicate(timeout=30)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == 0, err
    report = json.loads(out)
    assert report["coded"] == 60
    with Store(db, read_only=True) as store:
        final = (store.status()["documents"], store.count_events())
    counts.append(final)
    assert counts == sorted(counts), "a reader saw counts go down"
    assert cli_reads == sorted(cli_reads) and cli_reads[-1] <= final[1]
    growing = {c for c in counts if 0 < c[0] < 60}
    assert growing, f"no read got in between batches: {counts[:5]}...{counts[-5:]}"
    assert final == (60, report["events"])
