"""API benchmark: a synthetic store of 1,000,000 events, queried through the REST API.

    python bench/api_bench.py                       # 1 million events
    python bench/api_bench.py --events 200000 --runs 5

Builds the store with ``Store.add_event_table`` from the same synthetic Arrow chunks as
``bench/store_bench.py`` (realistic actor, code, date and place distributions), then
times requests through FastAPI's TestClient (each request opens its own read-only
connection, as in production): event pages (first page, a deep page, filtered, text
search), the network, top actors, a dyad timeline and the map's locations. Prints the
median milliseconds of ``--runs`` requests, and its ratio to a baseline measured in the
same run: open a read-only DuckDB connection and ``SELECT count(*) FROM events``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
warnings.filterwarnings("ignore", category=DeprecationWarning)

from fastapi.testclient import TestClient  # noqa: E402
from store_bench import synthetic_chunk  # noqa: E402

from tacitus.api import create_app  # noqa: E402
from tacitus.store import Store  # noqa: E402


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(db: Path, events: int, chunk: int) -> float:
    start = time.perf_counter()
    with Store(db) as store:
        for first in range(0, events, chunk):
            store.add_event_table(synthetic_chunk(first, min(chunk, events - first), seed=first))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=7, help="requests per endpoint (median reported)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tacitus-api-bench-"))
    db = workdir / "bench.duckdb"
    try:
        seconds = build(db, args.events, args.chunk)
        print(f"{os.cpu_count()} CPUs; built {args.events:,} events in {seconds:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")

        def baseline():
            with duckdb.connect(str(db), read_only=True) as con:
                con.execute("SELECT count(*) FROM events").fetchone()

        base = median_ms(baseline, args.runs)
        client = TestClient(create_app(db))
        total = client.get("/api/events", params={"limit": 1}).json()["total"]
        assert total == args.events, total
        top = client.get("/api/actors/top", params={"limit": 2}).json()["actors"]
        a, b = top[0]["code"], top[1]["code"]
        deep = max(0, args.events // 2)
        requests = [
            ("events page 1 (50, newest first)", "/api/events", {"limit": 50}),
            (f"events deep page (offset {deep:,})", "/api/events", {"limit": 50, "offset": deep}),
            (f"events filtered (actor={a}, quad_class=4)", "/api/events", {"actor": a, "quad_class": 4, "limit": 50}),
            ("events text search (q=talks)", "/api/events", {"q": "talks", "limit": 50}),
            ("events as CSV (1000 rows)", "/api/events", {"limit": 1000, "format": "csv"}),
            ("network (200 edges)", "/api/network", {"limit": 200}),
            ("top actors (20)", "/api/actors/top", {"limit": 20}),
            (f"dyad timeline {a}-{b} (month)", f"/api/dyads/{a}/{b}/timeseries", {"interval": "month"}),
            ("map locations", "/api/locations", {}),
        ]
        print(f"baseline: read-only connect + SELECT count(*): {base:.1f} ms (median of {args.runs})")
        print(f"{'request':46} {'median ms':>10} {'x baseline':>11}")
        for label, path, params in requests:
            def call(path=path, params=params):
                response = client.get(path, params=params)
                assert response.status_code == 200, (path, response.status_code, response.text[:200])
            ms = median_ms(call, args.runs)
            print(f"{label:46} {ms:10.1f} {ms / base:11.1f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
