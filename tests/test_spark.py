"""The Spark job codes a corpus exactly as the local ingest does: same events, ids, documents, log.

Spark runs in local mode (``local[2]``) in one module-scoped session; the module is
skipped when pyspark or Java is missing. The reading tests at the top need neither.
"""
from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tacitus.sources import Rejected, read_inputs
from tacitus.sources.base import ReadOptions
from tacitus.spark.inputs import binary_files_argument, file_key, read_file_bytes

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "examples" / "examples.jsonl"
BAD_INPUTS = Path(__file__).resolve().parent / "data" / "bad_inputs"

BLINKEN = (
    "BEIJING, April 26 (Tacitus Wire) - U.S. Secretary of State Antony Blinken met Chinese "
    "President Xi Jinping in Beijing on Friday and urged China to stop supplying Russia's "
    "defence industry. Xi said the two countries should be partners, not rivals.\n"
)
KENYA = (
    "NAIROBI, June 25 (Tacitus Wire) - Kenyan police fired tear gas at thousands of protesters "
    "outside parliament in Nairobi on Tuesday as lawmakers passed a finance bill raising taxes. "
    "President William Ruto condemned the violence.\n"
)
FRENCH = (
    "PARIS, 12 mai - Le président Emmanuel Macron a rencontré le chancelier allemand à Paris "
    "mardi pour discuter de la défense européenne et de l'aide à l'Ukraine.\n"
)
MALDIVES_PAGE = (
    "<html><head><title>Maldives asks India to withdraw troops</title></head><body><article>"
    "<h1>Maldives asks India to withdraw troops</h1>"
    "<p>MALE, Jan 14 (Tacitus Wire) - Maldives President Mohamed Muizzu asked India on Sunday to "
    "withdraw its military personnel from the islands by March 15, his office said.</p>"
    "<p>India said the two governments would keep talking about the aircraft it operates there.</p>"
    "</article></body></html>"
)


def _warc(path: Path) -> Path:
    """A WARC with a request record (skipped) and one HTML response (an article)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    url = "https://news.example.org/maldives"
    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(MALDIVES_PAGE.encode()), http_headers=headers,
        warc_headers_dict={"WARC-Date": "2024-01-15T08:00:00Z"}))
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """The bundled examples plus texts, JSONL and WARC written here, with every kind of outcome."""
    root = tmp_path_factory.mktemp("corpus")
    texts = root / "texts"
    texts.mkdir()
    (texts / "blinken.txt").write_text(BLINKEN)
    (texts / "kenya.txt").write_text(KENYA)
    (texts / "kenya copy [2].txt").write_text(KENYA.replace("\n", "\n\n"))  # same words: duplicate text
    (texts / "empty.txt").write_text("  \n")  # skipped: empty
    (texts / "french.txt").write_text(FRENCH)  # skipped: language
    (texts / ".hidden.txt").write_text(BLINKEN)  # passed over, as locally
    lines = [
        json.dumps({"id": "blinken-again", "date": "2024-04-26", "text": BLINKEN.upper()}),  # duplicate text
        "{not json",  # failed
        json.dumps({"id": "01_kyiv_aid", "text": KENYA + " More later."}),  # duplicate id of an example
        json.dumps({"id": "no-text"}),  # failed: no text field
    ]
    (root / "more.jsonl").write_text("\n".join(lines) + "\n")
    _warc(root / "crawl.warc.gz")
    return [str(EXAMPLES), str(texts), str(root / "more.jsonl"), str(root / "crawl.warc.gz"), str(root / "missing.txt")]


# -- reading, without Spark ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in BAD_INPUTS.iterdir() if p.name != "README.md"))
def test_file_bytes_read_as_the_local_reader_reads_the_file(name):
    path = str(BAD_INPUTS / name)
    local = list(read_inputs([path]))
    remote = list(read_file_bytes(path, Path(path).read_bytes(), "auto", ReadOptions()))
    assert remote == local


def test_binary_files_argument_qualifies_and_escapes(tmp_path):
    odd = tmp_path / "kenya copy [2].txt"
    assert binary_files_argument([str(odd), "hdfs://nn/x/a.txt"]) == (
        "file://" + str(tmp_path) + r"/kenya copy \[2\].txt,hdfs://nn/x/a.txt"
    )
    assert file_key(str(odd)) == file_key("file://" + str(odd)) == file_key("file:" + str(odd))
    with pytest.raises(ValueError, match="may not contain a comma"):
        binary_files_argument([str(tmp_path / "a,b.txt")])


# -- Spark ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Java is not installed (Spark needs Java 17)")
    from tacitus.spark import get_spark

    session = get_spark("local[2]", "tacitus-tests", {
        "spark.ui.enabled": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2",
        "spark.driver.memory": "1g",
    })
    yield session
    session.stop()


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory):
    from tacitus.ingest import ingest
    from tacitus.store import Store

    store = Store(tmp_path_factory.mktemp("local") / "events.duckdb")
    report = ingest(corpus, store)
    yield store, report
    store.close()


@pytest.fixture(scope="module")
def spark_run(spark, corpus, tmp_path_factory):
    from tacitus.spark import run_spark_job

    out = tmp_path_factory.mktemp("spark") / "out"
    report = run_spark_job(corpus, str(out), spark=spark, partitions=3)
    return out, report


def test_spark_events_equal_the_local_coders_id_for_id(spark_run, local_store):
    from tacitus.store import open_parquet

    out, _ = spark_run
    store, report = local_store
    expected = store.events(limit=None)
    assert len(expected) >= 10 and report.count("coded") >= 9
    with open_parquet(out / "events") as parquet:
        got = parquet.events(limit=None)
        assert [e["event_id"] for e in got] == [e["event_id"] for e in expected]
        for field in expected[0]:
            assert [e[field] for e in got] == [e[field] for e in expected], field
        assert got == expected
        assert parquet.count_events(source="USA") == store.count_events(source="USA")


def test_every_input_is_in_the_ingest_log_as_locally(spark_run, local_store):
    out, report = spark_run
    store, local_report = local_store
    cols = "input, status, reason, events, doc_id"
    with store._connect() as con:
        expected = sorted(con.execute(f"SELECT {cols} FROM ingest_log").fetchall(), key=str)
    got = duckdb.sql(
        f"SELECT {cols} FROM read_parquet('{out}/ingest_log/**/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert sorted(got, key=str) == expected
    statuses = {row[1] for row in got}
    assert statuses == {"coded", "skipped", "failed"}
    reasons = {row[0].rsplit("/", 1)[-1]: row[2] for row in got}
    assert reasons["missing.txt"] == "no such file or directory"
    # "kenya copy [2].txt" sorts before "kenya.txt", so it is the one coded; a text file's id
    # is its content id, so the copy is caught as a duplicate id
    assert reasons["kenya copy [2].txt"] is None
    assert reasons["kenya.txt"].startswith("duplicate id") and reasons["kenya.txt"].endswith("kenya copy [2].txt)")
    assert reasons["more.jsonl:line 1"].startswith("duplicate text of")
    assert reasons["more.jsonl:line 3"].startswith("duplicate id '01_kyiv_aid'")
    d = local_report.to_dict()
    assert {k: report[k] for k in ("inputs", "coded", "skipped", "failed", "events")} == {
        k: d[k] for k in ("inputs", "coded", "skipped", "failed", "events")
    }
    assert [where for where, _ in report["failures"]] == [
        o["input"] for o in d["outcomes"] if o["status"] == "failed"
    ]


def test_documents_and_columns_are_the_local_stores(spark_run, local_store):
    from tacitus.store.schema import DOCUMENT_COLUMNS, EVENT_COLUMN_NAMES

    out, _ = spark_run
    store, _ = local_store
    event_files = sorted((out / "events").rglob("*.parquet"))
    with store._connect() as con:
        days = [d for (d,) in con.execute("SELECT DISTINCT published FROM events").fetchall()]
    assert len(days) >= 3
    assert {p.parent.name for p in event_files} == {
        f"published={d or '__HIVE_DEFAULT_PARTITION__'}" for d in days
    }
    assert pq.read_schema(event_files[0]).names == [c for c in EVENT_COLUMN_NAMES if c != "published"]
    names = [c for c, _, _ in DOCUMENT_COLUMNS if c not in ("added_at",)]
    with store._connect() as con:
        expected = con.execute(f"SELECT {', '.join(names)} FROM documents ORDER BY doc_id").fetchall()
    got = duckdb.sql(
        f"SELECT {', '.join(names)} FROM read_parquet('{out}/documents/**/*.parquet', hive_partitioning = true) "
        "ORDER BY doc_id"
    ).fetchall()
    assert [r[0] for r in got] == [r[0] for r in expected]
    for i, name in enumerate(names):
        assert [r[i] for r in got] == [r[i] for r in expected], name


def test_hadoop_uris_and_globs_are_read(spark, corpus, tmp_path):
    from tacitus.spark import run_spark_job

    texts = Path(corpus[1])
    report = run_spark_job([f"file://{texts}/b*.txt", f"file://{texts}/none-*.txt"], str(tmp_path / "out"), spark=spark)
    assert (report["inputs"], report["coded"], report["failed"]) == (2, 1, 1)
    assert report["failures"] == [(f"file://{texts}/none-*.txt", "no such file or directory")]
    inputs = duckdb.sql(f"SELECT input FROM read_parquet('{tmp_path}/out/ingest_log/**/*.parquet')").fetchall()
    assert ("file:" + str(texts / "blinken.txt"),) in inputs


def test_code_with_spark_returns_the_local_events(spark, pipeline):
    from tacitus.spark import code_with_spark

    articles = [a for a in read_inputs([str(EXAMPLES)]) if not isinstance(a, Rejected)]
    expected = [e.to_dict() for coded in pipeline.code_many(articles) for e in coded.events]
    assert code_with_spark(articles, spark=spark, partitions=2) == expected


def test_one_pipeline_per_worker_process(spark):
    from tacitus.spark import executor_pipeline

    def probe(_):
        yield os.getpid(), id(executor_pipeline())

    pairs = spark.sparkContext.parallelize(range(8), 8).mapPartitions(probe).collect()
    assert len(pairs) == 8
    # each worker process builds its Pipeline once, however many tasks it runs
    assert len(set(pairs)) == len({pid for pid, _ in pairs}) < 8
