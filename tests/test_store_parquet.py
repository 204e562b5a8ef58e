"""Parquet written by the store (or laid out as Spark writes it) answers the same queries."""
from __future__ import annotations

import sys
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_store_samples import batch  # noqa: E402

from tacitus.store import EVENT_COLUMN_NAMES, Store, open_parquet  # noqa: E402

FILTERS = [
    {},
    {"source": "RUS"}, {"target": "CHNGOV"}, {"actor": "KEN"}, {"code": "04"}, {"root": 16},
    {"quad_class": 4}, {"modality": "planned"}, {"since": "2024-05-15"}, {"until": "2024-05"},
    {"country": "KEN"}, {"q": "beijing"}, {"actor": "RUS", "since": "2024", "order": "-event_date"},
]


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "events.duckdb") as s:
        s.add_batch(*batch())
        yield s


def test_write_parquet_partitions_by_publication_date(store, tmp_path):
    out = tmp_path / "pq"
    assert store.write_parquet(out) == 7
    parts = sorted(p.name for p in out.iterdir())
    assert parts == ["published=2024-05-14", "published=2024-06-25", "published=__HIVE_DEFAULT_PARTITION__"]
    table = pq.read_table(out / "published=2024-06-25")
    assert table.num_rows == 2 and "source_code" in table.column_names


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "all")
def test_parquet_queries_match_the_store(store, tmp_path, filters):
    store.write_parquet(tmp_path / "pq")
    with open_parquet(tmp_path / "pq") as parquet:
        assert parquet.events(limit=None, **filters) == store.events(limit=None, **filters)
        count_filters = {k: v for k, v in filters.items() if k != "order"}
        assert parquet.count_events(**count_filters) == store.count_events(**count_filters)


def test_parquet_aggregates_match_the_store(store, tmp_path):
    store.write_parquet(tmp_path / "one", partition_by=None)
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["events.parquet"]
    with open_parquet(tmp_path / "one") as parquet:
        for a, b, interval in [("RUS", "CHN", "day"), ("KEN", "KEN", "month"), ("WST", "RUS", "year")]:
            assert parquet.dyad_timeseries(a, b, interval) == store.dyad_timeseries(a, b, interval)
        assert parquet.top_actors(5) == store.top_actors(5)
        assert parquet.network() == store.network()
        assert parquet.event("talks-undated:0:0311:USA-CHN") == store.event("talks-undated:0:0311:USA-CHN")
        assert parquet.status() == {"documents": 3, "events": 7, "coded": 0, "skipped": 0, "failed": 0, "inputs": 0}
        with pytest.raises(PermissionError, match="read-only"):
            with parquet._connect(write=True):
                pass


def test_spark_style_layout_is_read(store, tmp_path):
    """Spark drops the partition column from the files and names the null partition its own way."""
    flat = tmp_path / "flat.parquet"
    store.export("parquet", flat)
    table = pq.read_table(flat).drop(["cameo_name"])  # an older job without this column
    spark = tmp_path / "spark"
    published = table.column("published")
    for value in set(published.to_pylist()):
        mask = pc.is_null(published) if value is None else pc.equal(published, value)
        part = spark / f"published={'__HIVE_DEFAULT_PARTITION__' if value is None else value.isoformat()}"
        part.mkdir(parents=True)
        pq.write_table(table.filter(mask).drop(["published"]), part / "part-00000-c000.snappy.parquet")
    with open_parquet(spark) as parquet:
        rows = parquet.events(limit=None)
        expected = store.events(limit=None)
        assert [r["event_id"] for r in rows] == [r["event_id"] for r in expected]
        assert all(r["cameo_name"] is None for r in rows)
        assert [r["published"] for r in rows] == [r["published"] for r in expected]
        assert parquet.count_events(since="2024-06-01") == 2


def test_bad_parquet_directories_are_named(tmp_path, store):
    with pytest.raises(FileNotFoundError, match="no .parquet files"):
        open_parquet(tmp_path / "nothing-here")
    flat = tmp_path / "bad" / "x.parquet"
    flat.parent.mkdir()
    store.export("parquet", flat)
    pq.write_table(pq.read_table(flat).drop(["cameo"]), flat)
    with pytest.raises(ValueError, match="lack required event columns: cameo"):
        open_parquet(flat.parent)


def test_flat_columns_are_the_contract(store, tmp_path):
    store.export("parquet", tmp_path / "e.parquet")
    assert pq.read_schema(tmp_path / "e.parquet").names == EVENT_COLUMN_NAMES


def test_spark_output_directory_with_documents_and_log(store, tmp_path):
    """The Spark job writes events/, documents/ and ingest_log/ side by side."""
    out = tmp_path / "spark-out"
    store.write_parquet(out / "events")
    (out / "documents").mkdir(parents=True)
    (out / "ingest_log").mkdir()
    with store._connect() as con:
        con.execute(f"COPY (SELECT * FROM documents) TO '{out / 'documents' / 'part-0.parquet'}' (FORMAT PARQUET)")
        con.execute(f"COPY (SELECT * FROM ingest_log) TO '{out / 'ingest_log' / 'part-0.parquet'}' (FORMAT PARQUET)")
    with open_parquet(out) as parquet:
        assert parquet.status() == store.status()
        assert parquet.article("ke-2024-06-25-protest") == store.article("ke-2024-06-25-protest")
        assert parquet.events(limit=None) == store.events(limit=None)
        assert [r["input"] for r in parquet.ingest_log()] == [r["input"] for r in store.ingest_log()]
