"""Store benchmark: bulk-load N synthetic events through Arrow, then time a dyad timeline query.

    python bench/store_bench.py                 # 10 million events
    python bench/store_bench.py --events 1000000 --chunk 500000

Prints the load rate (events/s) of ``Store.add_event_table`` (the path ``add_batch``
uses: Arrow table registered, ``INSERT OR IGNORE ... SELECT`` with the event_id
primary key and the derived event_day) and, as a baseline measured in the same
run, a raw ``CREATE TABLE AS SELECT`` of the same Arrow chunks (no key, no
derived column). Then the median latency of ``Store.dyad_timeseries`` (monthly,
both directions) against a raw full scan (``SELECT count(*), sum(goldstein)``).
Targets: >= 200,000 events/s loading, <= 200 ms for the dyad timeline at 10M.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tacitus.store import EVENT_ARROW_SCHEMA, Store  # noqa: E402

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "ISR", "PSE", "IRN", "IND", "PAK", "TUR", "SYR",
             "IRQ", "AFG", "JPN", "KOR", "PRK", "BRA", "MEX", "NGA", "KEN", "ZAF", "EGY", "SAU", "ARE", "QAT",
             "VEN", "COL", "POL", "ITA", "ESP", "CAN", "AUS", "IDN", "PHL", "VNM", "THA", "MMR"]
ROLES = ["", "GOV", "MIL", "COP", "OPP", "REB", "BUS", "CVL", "LEG", "JUD", "MED"]
CAMEO = [("010", 1, 0.0), ("020", 1, 3.0), ("036", 1, 4.0), ("042", 1, 1.9), ("043", 1, 2.8), ("046", 1, 7.0),
         ("057", 1, 8.0), ("061", 2, 6.4), ("071", 2, 7.4), ("112", 3, -2.0), ("120", 3, -4.0), ("130", 3, -4.4),
         ("141", 3, -6.5), ("163", 4, -8.0), ("173", 4, -5.0), ("175", 4, -9.0), ("190", 4, -10.0), ("193", 4, -10.0)]
CITIES = [("Beijing", "CHN", 39.9075, 116.39723, 1816670), ("Moscow", "RUS", 55.75222, 37.61556, 524901),
          ("Kyiv", "UKR", 50.45466, 30.5238, 703448), ("Washington", "USA", 38.89511, -77.03637, 4140963),
          ("Nairobi", "KEN", -1.28333, 36.81667, 184745), ("Gaza", "PSE", 31.50161, 34.46672, 281133),
          ("Tehran", "IRN", 35.69439, 51.42151, 112931), ("London", "GBR", 51.50853, -0.12574, 2643743)]
MODALITIES = ["asserted", "planned", "negated", "possible"]


def _pick(rng: np.random.Generator, values: list, n: int, zipf: bool = False) -> np.ndarray:
    if zipf:
        weights = 1.0 / np.arange(1, len(values) + 1)
        return rng.choice(len(values), size=n, p=weights / weights.sum())
    return rng.integers(0, len(values), size=n)


def _strings(values: list[str], index: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    dictionary = pa.array(values, pa.string())
    indices = pa.array(index, pa.int32(), mask=mask)
    return pc.take(dictionary, indices)


def synthetic_chunk(start: int, n: int, seed: int) -> pa.Table:
    """n synthetic events with realistic value distributions, generated with numpy/Arrow only."""
    rng = np.random.default_rng(seed)
    codes = [c + r for c in COUNTRIES for r in ROLES]
    src = _pick(rng, codes, n, zipf=True)
    tgt = _pick(rng, codes, n, zipf=True)
    no_target = rng.random(n) < 0.15
    cameo = rng.integers(0, len(CAMEO), n)
    day0 = np.datetime64("2015-01-01")
    days = rng.integers(0, 3650, n)
    published = (day0 + days).astype("datetime64[D]")
    event_days = published + rng.integers(-3, 4, n)
    no_date = rng.random(n) < 0.2
    ids = pc.binary_join_element_wise("ev-", pc.cast(pa.array(np.arange(start, start + n)), pa.string()), "")
    docs = pc.binary_join_element_wise("doc-", pc.cast(pa.array((np.arange(start, start + n) // 4)), pa.string()), "")
    city = rng.integers(0, len(CITIES), n)
    no_city = rng.random(n) < 0.4
    sentences = [f"Synthetic sentence {i} about officials meeting and talks." for i in range(500)]
    goldstein = np.array([g for _, _, g in CAMEO])[cameo]
    quad = np.array([q for _, q, _ in CAMEO], dtype=np.int32)[cameo]
    columns = {
        "event_id": ids,
        "doc_id": docs,
        "sentence_index": pa.array(rng.integers(0, 30, n).astype(np.int32)),
        "sentence": _strings(sentences, rng.integers(0, 500, n)),
        "char_start": pa.array(rng.integers(0, 5000, n).astype(np.int32)),
        "char_end": pa.array(rng.integers(5000, 6000, n).astype(np.int32)),
        "source_text": _strings(codes, src),
        "source_code": _strings(codes, src),
        "source_country": _strings([c[:3] for c in codes], src),
        "source_role": _strings([c[3:] or None for c in codes], src),
        "source_name": pa.nulls(n, pa.string()),
        "target_text": _strings(codes, tgt, no_target),
        "target_code": _strings(codes, tgt, no_target),
        "target_country": _strings([c[:3] for c in codes], tgt, no_target),
        "target_role": _strings([c[3:] or None for c in codes], tgt, no_target),
        "target_name": pa.nulls(n, pa.string()),
        "cameo": _strings([c for c, _, _ in CAMEO], cameo),
        "cameo_root": _strings([c[:2] for c, _, _ in CAMEO], cameo),
        "cameo_name": pa.nulls(n, pa.string()),
        "quad_class": pa.array(quad),
        "goldstein": pa.array(goldstein),
        "plover_event_type": pa.nulls(n, pa.string()),
        "plover_mode": pa.nulls(n, pa.string()),
        "plover_context": pa.nulls(n, pa.list_(pa.string())),
        "modality": _strings(MODALITIES, rng.choice(4, n, p=[0.8, 0.12, 0.05, 0.03])),
        "published": pa.array(published, pa.date32()),
        "event_date": pc.cast(pa.array(event_days, pa.date32(), mask=no_date), pa.string()),
        "event_date_end": pa.nulls(n, pa.string()),
        "date_source": pa.array(np.where(no_date, "publication", "text")),
        "location_name": _strings([c[0] for c in CITIES], city, no_city),
        "location_country": _strings([c[1] for c in CITIES], city, no_city),
        "location_admin1": pa.nulls(n, pa.string()),
        "location_lat": pa.array(np.array([c[2] for c in CITIES])[city], mask=no_city),
        "location_lon": pa.array(np.array([c[3] for c in CITIES])[city], mask=no_city),
        "location_geonames_id": pa.array(np.array([c[4] for c in CITIES])[city], mask=no_city),
        "location_precision": _strings(["city"], np.zeros(n, dtype=np.int32), no_city),
        "trigger_text": _strings(["met", "said", "visited", "attacked", "imposed"], rng.integers(0, 5, n)),
        "trigger_lemma": _strings(["meet", "say", "visit", "attack", "impose"], rng.integers(0, 5, n)),
        "explanation": _strings(["verb frame match"], np.zeros(n, dtype=np.int32)),
        "confidence": pa.array(rng.random(n).round(3)),
        "dead": pa.nulls(n, pa.int64()),
        "injured": pa.nulls(n, pa.int64()),
        "size": pa.nulls(n, pa.int64()),
        "tone": pa.array(rng.normal(-1, 3, n).round(2)),
    }
    return pa.table(columns).cast(EVENT_ARROW_SCHEMA)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--chunk", type=int, default=1_000_000, help="events per Arrow table / transaction")
    parser.add_argument("--runs", type=int, default=7, help="query repetitions (median reported)")
    parser.add_argument("--dir", type=Path, default=None, help="where to put the database (default: a temp dir)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tacitus-bench-", dir=args.dir))
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start "
          f"(CPU figures are process CPU time over all DuckDB threads)")
    try:
        t = time.perf_counter()
        chunks = [synthetic_chunk(s, min(args.chunk, args.events - s), seed=s)
                  for s in range(0, args.events, args.chunk)]
        generate_s = time.perf_counter() - t
        print(f"generated {args.events:,} events in {generate_s:.1f}s ({args.events / generate_s:,.0f}/s, numpy+Arrow)")

        raw = duckdb.connect(str(workdir / "raw.duckdb"))
        t, cpu = time.perf_counter(), time.process_time()
        for i, chunk in enumerate(chunks):
            raw.register("chunk", chunk)
            raw.execute("CREATE TABLE raw AS SELECT * FROM chunk" if i == 0 else "INSERT INTO raw SELECT * FROM chunk")
            raw.unregister("chunk")
        raw.execute("CHECKPOINT")
        raw_s, raw_cpu = time.perf_counter() - t, time.process_time() - cpu
        raw.close()
        (workdir / "raw.duckdb").unlink()

        store = Store(workdir / "bench.duckdb")
        t, cpu = time.perf_counter(), time.process_time()
        loaded = sum(store.add_event_table(chunk) for chunk in chunks)
        with store._connect(write=True) as con:
            con.execute("CHECKPOINT")
        load_s, load_cpu = time.perf_counter() - t, time.process_time() - cpu
        del chunks
        assert loaded == args.events, (loaded, args.events)
        rate, raw_rate = loaded / load_s, loaded / raw_s
        print(f"load   Store.add_event_table: {load_s:6.1f}s  {rate:>12,.0f} events/s  "
              f"(target >= 200,000: {'ok' if rate >= 200_000 else 'MISSED'}); CPU {load_cpu:.1f}s")
        print(f"base   raw Arrow CTAS/INSERT: {raw_s:6.1f}s  {raw_rate:>12,.0f} events/s  "
              f"CPU {raw_cpu:.1f}s  (store/raw wall ratio {load_s / raw_s:.2f}, CPU ratio {load_cpu / raw_cpu:.2f})")
        print(f"db size {(workdir / 'bench.duckdb').stat().st_size / 2**20:,.0f} MiB")

        cpu_ms: dict[str, float] = {}

        def median_ms(fn, name: str = "") -> float:
            """Median wall ms of fn; the median process CPU ms (all DuckDB threads) goes to cpu_ms[name]."""
            fn()  # warm
            times, cpus = [], []
            for _ in range(args.runs):
                t0, c0 = time.perf_counter(), time.process_time()
                fn()
                times.append((time.perf_counter() - t0) * 1000)
                cpus.append((time.process_time() - c0) * 1000)
            cpu_ms[name] = statistics.median(cpus)
            return statistics.median(times)

        with store._connect() as con:
            scan_ms = median_ms(lambda: con.execute("SELECT count(*), sum(goldstein) FROM events").fetchall(), "scan")
        rows = store.dyad_timeseries("RUS", "CHN", "month")
        dyad_ms = median_ms(lambda: store.dyad_timeseries("RUS", "CHN", "month"), "dyad")
        n_dyad = sum(r["events"] for r in rows)
        filter_ms = median_ms(lambda: store.events(actor="UKRMIL", since="2020-01-01", until="2020-12-31", limit=100))
        count_ms = median_ms(lambda: store.count_events(source="USA", root=19))
        print(f"query  dyad_timeseries(RUS, CHN, month): {dyad_ms:7.1f} ms median of {args.runs} "
              f"({len(rows)} rows over {n_dyad:,} events; target <= 200 ms: {'ok' if dyad_ms <= 200 else 'MISSED'}); "
              f"CPU {cpu_ms['dyad']:.0f} ms")
        print(f"base   full scan count(*)+sum(goldstein): {scan_ms:7.1f} ms; CPU {cpu_ms['scan']:.0f} ms  "
              f"(dyad/scan ratio {dyad_ms / scan_ms:.1f})")
        print(f"query  events(actor=UKRMIL, 2020, limit 100): {filter_ms:7.1f} ms; "
              f"count_events(source=USA, root=19): {count_ms:7.1f} ms")
        store.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
