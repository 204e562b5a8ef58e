"""The Spark job: read, deduplicate, code each partition with the local pipeline, write Parquet.

Each Python worker builds one :class:`~tacitus.pipeline.Pipeline` (spaCy and the
lexicons) the first time it codes a partition and keeps it in ``_PIPELINES`` for
every later task (Spark reuses Python workers: ``spark.python.worker.reuse``, on
by default), so models load once per worker process, never per article.

Output under ``output/`` (each directory hive-partitioned by ``published``; no
date goes to ``published=__HIVE_DEFAULT_PARTITION__``):

* ``events/``      the store's ``EVENT_COLUMNS`` (rows made by the store's ``events_table``)
* ``documents/``   the store's ``DOCUMENT_COLUMNS`` (the articles, rows made by the store)
* ``ingest_log/``  the store's ingest log: ``seq, logged_at, input, status, reason, events, doc_id``,
                   one row per input (``coded``, ``skipped`` or ``failed``)
"""
from __future__ import annotations

import os
import sys
from datetime import date, datetime, timezone
from functools import partial
from pathlib import Path
from typing import Any, Iterable, Iterator

import pyarrow as pa

from tacitus.model import Article
from tacitus.sources import Rejected
from tacitus.sources.base import ReadOptions
from tacitus.spark.inputs import (
    binary_files_argument,
    dedup_by,
    file_key,
    id_key,
    is_uri,
    list_input_files,
    read_file_bytes,
    text_key,
)
from tacitus.store.schema import DOCUMENT_ARROW_SCHEMA, EVENT_ARROW_SCHEMA

LOG_ARROW_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("logged_at", pa.timestamp("us")), ("input", pa.string()),
    ("status", pa.string()), ("reason", pa.string()), ("events", pa.int32()),
    ("doc_id", pa.string()), ("published", pa.date32()),
])
TABLES = {"events": EVENT_ARROW_SCHEMA, "documents": DOCUMENT_ARROW_SCHEMA, "ingest_log": LOG_ARROW_SCHEMA}
BATCH_SIZE = 16


class SparkUnavailable(RuntimeError):
    """pyspark (or Java) is not installed."""


# -- the session -------------------------------------------------------------------
def get_spark(master: str | None = None, app_name: str = "tacitus", config: dict[str, str] | None = None):
    """A SparkSession (an existing one if running). For a local master on this machine the
    Python workers run this interpreter and see this copy of ``tacitus``; under
    ``spark-submit`` the cluster's settings are left alone."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkUnavailable("pyspark is not installed: pip install 'tacitus[spark]' (Spark also needs Java 17)") from exc
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit or pyspark
    if (master or "").startswith("local") or (master is None and not submitted):
        package_root = str(Path(__file__).resolve().parents[2])
        python_path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
        # pyspark starts its workers with $PYSPARK_PYTHON (else "python3" from PATH)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.executorEnv.PYTHONPATH", python_path)
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _active_session():
    """The running SparkSession (a notebook's, Databricks's), which a job must not stop."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def _spark_type(arrow_type: pa.DataType):
    from pyspark.sql import types as T

    if pa.types.is_list(arrow_type):
        return T.ArrayType(_spark_type(arrow_type.value_type))
    if pa.types.is_timestamp(arrow_type):
        return T.TimestampNTZType()  # DuckDB TIMESTAMP: no time zone
    simple = {pa.string(): T.StringType(), pa.int32(): T.IntegerType(), pa.int64(): T.LongType(),
              pa.float64(): T.DoubleType(), pa.date32(): T.DateType(), pa.bool_(): T.BooleanType()}
    if arrow_type not in simple:
        raise TypeError(f"no Spark type for Arrow type {arrow_type}")
    return simple[arrow_type]


def spark_schema(arrow_schema: pa.Schema):
    """The Spark schema of one of the store's Arrow schemas (same names, order and types)."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(f.name, _spark_type(f.type), True) for f in arrow_schema])


# -- on the executors ----------------------------------------------------------------
_PIPELINES: dict[str | None, Any] = {}


def executor_pipeline(dictionaries: str | None = None):
    """This worker process's Pipeline, built on first use and kept for every later task."""
    if dictionaries not in _PIPELINES:
        from tacitus.pipeline import Pipeline

        _PIPELINES[dictionaries] = Pipeline(dictionaries)
    return _PIPELINES[dictionaries]


def _row(record: dict[str, Any], schema: pa.Schema) -> tuple:
    return tuple(record.get(name) for name in schema.names)


def _log_row(item_origin: str, status: str, reason: str | None, events: int, doc_id: str | None,
             published: date | None) -> tuple:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    # seq is filled in on the driver side once every row's place is known
    return (None, now, item_origin, status, reason, events, doc_id, published)


def _coded_rows(article: Article, result) -> Iterator[tuple[str, tuple]]:
    from tacitus.pipeline import Failure
    from tacitus.store.store import _documents_table, content_hash, events_table

    origin = article.origin or article.doc_id
    if isinstance(result, Failure):
        yield "ingest_log", _log_row(origin, "failed", result.reason, 0, article.doc_id, article.published)
        return
    for event in events_table(result.events).to_pylist():
        yield "events", _row(event, EVENT_ARROW_SCHEMA)
    for document in _documents_table([(result, content_hash(article.text))]).to_pylist():
        yield "documents", _row(document, DOCUMENT_ARROW_SCHEMA)
    yield "ingest_log", _log_row(origin, "coded", None, len(result.events), article.doc_id, article.published)


def code_partition(records: Iterable, dictionaries: str | None = None) -> Iterator[tuple[str, tuple, tuple]]:
    """``(order, Article | Rejected)`` records -> ``(table, order, row)`` for events, documents, log."""
    pipeline = None
    batch: list[tuple[tuple, Article]] = []

    def flush():
        results = pipeline.code_many([a for _, a in batch], batch_size=len(batch))
        for (order, article), result in zip(batch, results):
            for table, row in _coded_rows(article, result):
                yield table, order, row
        batch.clear()

    for order, item in records:
        if isinstance(item, Rejected):
            yield "ingest_log", order, _log_row(item.origin, item.status, item.reason, 0, None, None)
            continue
        pipeline = pipeline or executor_pipeline(dictionaries)
        batch.append((order, item))
        if len(batch) >= BATCH_SIZE:
            yield from flush()
    if batch:
        yield from flush()


def _read_one(index, input_format: str, opts: ReadOptions, named_file: tuple[str, bytes]):
    path, data = named_file
    number, origin = index.value[file_key(path)]
    for n, item in enumerate(read_file_bytes(origin, data, input_format, opts)):
        yield (number, n), item


def _event_dicts(numbered: Iterable[tuple[int, Article]], dictionaries: str | None = None):
    from tacitus.pipeline import Failure

    numbered = list(numbered)
    if not numbered:
        return
    pipeline = executor_pipeline(dictionaries)
    for (number, _), result in zip(numbered, pipeline.code_many([a for _, a in numbered], batch_size=BATCH_SIZE)):
        yield number, [] if isinstance(result, Failure) else [e.to_dict() for e in result.events]


# -- on the driver -------------------------------------------------------------------
def _join(output: str, name: str) -> str:
    return output.rstrip("/") + "/" + name if is_uri(output) else os.path.join(output, name)


def run_spark_job(
    inputs: list[str],
    output: str,
    master: str | None = None,
    input_format: str = "auto",
    *,
    default_date: date | None = None,
    dictionaries: str | None = None,
    partitions: int | None = None,
    reader_options: dict[str, Any] | None = None,
    spark=None,
) -> dict[str, Any]:
    """Code ``inputs`` (files, directories, globs or Hadoop URIs) with Spark; write Parquet under ``output``.

    ``partitions`` is the number of coding tasks (default: twice the cluster's cores).
    ``reader_options`` takes ``read_inputs``'s keyword options (``text_column``, ``languages``, ...).
    ``spark`` (else the running session, else a new one on ``master``) runs the job; a
    session started here is stopped at the end.
    Returns ``{"inputs", "coded", "skipped", "failed", "events", "output", "failures"}``
    (``failures``: up to 100 ``(input, reason)`` pairs). Every input has one ingest-log row.
    """
    from tacitus.sources import FORMATS

    if input_format not in ("auto", *FORMATS):
        raise ValueError(f"unknown input_format {input_format!r}; choose auto or one of {', '.join(FORMATS)}")
    if not inputs:
        raise ValueError("no inputs given")
    options = dict(reader_options or {})
    if "languages" in options and options["languages"] is not None:
        options["languages"] = set(options["languages"])
    opts = ReadOptions(default_date=default_date, **options)
    dictionaries = str(Path(dictionaries).resolve()) if dictionaries and not is_uri(str(dictionaries)) else dictionaries

    own_session = spark is None and _active_session() is None
    spark = spark or get_spark(master)
    sc = spark.sparkContext
    try:
        partitions = partitions or max(2, 2 * sc.defaultParallelism)
        listing = list(list_input_files(spark, inputs))
        files = {file_key(e): (i, e) for i, e in enumerate(listing) if isinstance(e, str)}
        rejected = [((i, 0), e) for i, e in enumerate(listing) if isinstance(e, Rejected)]
        records = sc.parallelize(rejected, 1)
        if files:
            index = sc.broadcast(files)
            names = [name for _, (_, name) in sorted(files.items(), key=lambda kv: kv[1][0])]
            raw = sc.binaryFiles(binary_files_argument(names), minPartitions=min(len(names), partitions))
            records = records.union(raw.flatMap(partial(_read_one, index, input_format, opts)))
        deduped = (records.keyBy(id_key).groupByKey(partitions).flatMap(dedup_by("id"))
                   .keyBy(text_key).groupByKey(partitions).flatMap(dedup_by("text")))
        from pyspark import StorageLevel

        coded = deduped.mapPartitions(partial(code_partition, dictionaries=dictionaries))
        coded.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            log = (coded.filter(lambda r: r[0] == "ingest_log").map(lambda r: (r[1], r[2]))
                   .sortByKey(numPartitions=max(1, partitions // 4)).zipWithIndex()
                   .map(lambda pair: (pair[1],) + pair[0][1][1:]))
            tables = {
                "events": coded.filter(lambda r: r[0] == "events").map(lambda r: r[2]),
                "documents": coded.filter(lambda r: r[0] == "documents").map(lambda r: r[2]),
                "ingest_log": log,
            }
            for name, rows in tables.items():
                frame = spark.createDataFrame(rows, spark_schema(TABLES[name]))
                (frame.write.mode("overwrite").option("compression", "zstd")
                 .partitionBy("published").parquet(_join(output, name)))
            totals = (coded.filter(lambda r: r[0] == "ingest_log")
                      .map(lambda r: (r[2][3], (1, r[2][5]))).reduceByKey(lambda a, b: (a[0] + b[0], a[1] + b[1]))
                      .collectAsMap())
            failures = (coded.filter(lambda r: r[0] == "ingest_log" and r[2][3] == "failed")
                        .map(lambda r: (r[1], r[2][2], r[2][4])).takeOrdered(100))
        finally:
            coded.unpersist()
    finally:
        if own_session:
            spark.stop()
    counts = {status: totals.get(status, (0, 0))[0] for status in ("coded", "skipped", "failed")}
    return {
        "inputs": sum(counts.values()),
        **counts,
        "events": sum(n for _, n in totals.values()),
        "output": output,
        "failures": [(where, reason) for _, where, reason in failures],
    }


def code_with_spark(
    articles: list[Article],
    master: str = "local[2]",
    *,
    spark=None,
    partitions: int | None = None,
    dictionaries: str | None = None,
) -> list[dict[str, Any]]:
    """Code ``articles`` on Spark and return their events as ``Event.to_dict()`` records, in input order.

    Without ``spark`` the running session is used, else one is started on ``master``
    and stopped afterwards (its start-up and the workers' model loading are then part
    of the time); articles that fail to code contribute no events.
    """
    own_session = spark is None and _active_session() is None
    spark = spark or get_spark(master)
    try:
        sc = spark.sparkContext
        rdd = sc.parallelize(list(enumerate(articles)), partitions or sc.defaultParallelism)
        results = rdd.mapPartitions(partial(_event_dicts, dictionaries=dictionaries)).collect()
    finally:
        if own_session:
            spark.stop()
    return [event for _, events in sorted(results, key=lambda r: r[0]) for event in events]
