"""A real ``tacitus ingest`` killed with SIGKILL midway, then run to completion, loses and doubles nothing.

The rule checked (see ``tacitus.ingest``): every run's report accounts for all its inputs
(``inputs == coded + skipped + failed``); the store's ingest log holds every input exactly
once, with the outcome of the run that settled it; documents and events equal those of a
clean single run, with the same event ids.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from wire_articles import wire_story  # noqa: E402

from tacitus.store import Store  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"
DATE = "2024-12-31"
N_FILES = 60


def _corpus(folder: Path) -> int:
    """60 files: 57 distinct stories, an exact copy, a near-duplicate copy and an empty file.

    Returns the number of distinct stories."""
    folder.mkdir()
    for i in range(57):
        (folder / f"story_{i:03d}.txt").write_text(wire_story(i, seed=11)[1])
    long_story = (folder / "story_000.txt").read_text()
    (folder / "story_020.txt").write_text(
        long_story.rsplit("\n", 2)[0] + " " + wire_story(900, seed=11)[1].split(" - ", 1)[1])
    reprint = (folder / "story_020.txt").read_text()
    (folder / "z_copy_of_030.txt").write_text((folder / "story_030.txt").read_text())
    (folder / "z_reprint_of_020.txt").write_text(reprint.replace("(Reuters)", "(AFP)") + "Read more at example.org\n")
    (folder / "z_empty.txt").write_text("  \n")
    assert len(list(folder.iterdir())) == N_FILES
    return 57


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _ingest_cmd(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "tacitus.cli", "ingest", str(folder), "--db", str(db), "--processes", "1",
            "--date", DATE, "--report", "json"]


def _store_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}.wal")) if p.exists())


def _kill_after_first_commit(folder: Path, db: Path, timeout: float = 45) -> None:
    """Start an ingest and SIGKILL it as soon as a batch has reached the file (no clean shutdown)."""
    proc = subprocess.Popen(_ingest_cmd(folder, db), env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout
        while not Path(db).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)  # the tables and the model load: no batch comes before the model is loaded
        baseline = _store_bytes(db)
        while _store_bytes(db) < baseline + 20_000:
            assert proc.poll() is None, f"ingest ended before it was killed: {proc.stderr.read().decode()[-2000:]}"
            assert time.monotonic() < deadline, "no batch was committed in time"
            time.sleep(0.005)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _snapshot(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        event_ids = [r[0] for r in con.execute("SELECT event_id FROM events").fetchall()]
        docs = [r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()]
        orphans = con.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
    with Store(db, read_only=True) as store:
        log = store.ingest_log()
    return {"event_ids": event_ids, "docs": docs, "log": log, "orphan_events": orphans}


def test_sigkilled_ingest_resumes_without_loss_or_duplicates(tmp_path):
    folder = tmp_path / "articles"
    distinct = _corpus(folder)

    clean_db = tmp_path / "clean.duckdb"
    clean_run = subprocess.run(_ingest_cmd(folder, clean_db), env=_env(), capture_output=True, text=True, timeout=120)
    assert clean_run.returncode == 0, clean_run.stderr[-2000:]
    clean = json.loads(clean_run.stdout)
    assert clean["coded"] == distinct and clean["skipped"] == 3 and clean["near_duplicates"] == 1
    clean_state = _snapshot(clean_db)
    assert len(clean_state["event_ids"]) > 100

    db = tmp_path / "crash.duckdb"
    _kill_after_first_commit(folder, db)
    first = _snapshot(db)
    assert 0 < len(first["docs"]) < distinct, "the kill was not midway"

    final = subprocess.run(_ingest_cmd(folder, db), env=_env(), capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr[-2000:]
    report = json.loads(final.stdout)
    # this run's accounting: every input once; those stored by the killed runs are skipped as stored
    assert report["inputs"] == report["coded"] + report["skipped"] + report["failed"] == N_FILES
    assert report["failed"] == 0
    assert report["coded"] == distinct - len(first["docs"])
    already = [o for o in report["outcomes"] if (o["reason"] or "").endswith("(already stored)")]
    assert len(already) == len(first["docs"])

    state = _snapshot(db)
    # the store: every input exactly once in the log, with a final status
    inputs = Counter(Path(row["input"]).name for row in state["log"])
    assert set(inputs) == {p.name for p in folder.iterdir()} and set(inputs.values()) == {1}
    statuses = Counter(row["status"] for row in state["log"])
    assert statuses == {"coded": distinct, "skipped": 3}
    reasons = {Path(row["input"]).name: row["reason"] for row in state["log"]}
    assert reasons["z_reprint_of_020.txt"].startswith("near-duplicate of ")
    assert "empty" in reasons["z_empty.txt"]
    # no duplicate documents or events, and the same ones as a clean run
    assert len(state["docs"]) == len(set(state["docs"])) == distinct
    assert sorted(state["docs"]) == sorted(clean_state["docs"])
    assert len(state["event_ids"]) == len(set(state["event_ids"]))
    missing = set(clean_state["event_ids"]) - set(state["event_ids"])
    extra = set(state["event_ids"]) - set(clean_state["event_ids"])
    assert not missing and not extra, f"events missing: {sorted(missing)[:5]}, extra: {sorted(extra)[:5]}"


def test_interrupted_ingest_leaves_a_consistent_store(tmp_path):
    """Ctrl-C (SIGINT) mid-run: the batch in flight is rolled back, what was committed is whole."""
    signum = signal.SIGINT
    folder = tmp_path / "articles"
    distinct = _corpus(folder)
    db = tmp_path / "t.duckdb"
    proc = subprocess.Popen(_ingest_cmd(folder, db), env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 45
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    baseline = _store_bytes(db)
    while _store_bytes(db) < baseline + 20_000 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signum)
    proc.wait(timeout=30)
    state = _snapshot(db)
    coded = [row["doc_id"] for row in state["log"] if row["status"] == "coded"]
    assert sorted(coded) == sorted(state["docs"]) and len(state["docs"]) <= distinct
    assert state["orphan_events"] == 0
