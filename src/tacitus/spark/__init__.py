"""Tacitus on Spark: the same pipeline as ``tacitus code``, on as many machines as you have.

>>> report = run_spark_job(["s3a://bucket/cc-news/2024/*.warc.gz"], "s3a://bucket/tacitus/2024",
...                        master="yarn")                                    # doctest: +SKIP
>>> events = code_with_spark(articles, master="local[2]")                    # doctest: +SKIP

``run_spark_job`` reads text, JSON Lines, WARC (and the other formats of
``tacitus.sources``) from local paths or any Hadoop file system, removes
duplicates, codes each partition with one Pipeline per worker process, and writes
``events/``, ``documents/`` and ``ingest_log/`` Parquet partitioned by ``published``,
with the local store's columns and event ids. ``spark_main`` is the command-line
entry point for ``spark-submit`` and ``python -m tacitus.spark``. See docs/spark.md.

Importing this package does not import pyspark; calling into it without pyspark
raises ``SparkUnavailable`` saying what to install.
"""
from tacitus.spark.job import (
    LOG_ARROW_SCHEMA,
    SparkUnavailable,
    code_with_spark,
    executor_pipeline,
    get_spark,
    run_spark_job,
    spark_schema,
)
from tacitus.spark.main import spark_main

__all__ = [
    "LOG_ARROW_SCHEMA",
    "SparkUnavailable",
    "code_with_spark",
    "executor_pipeline",
    "get_spark",
    "run_spark_job",
    "spark_main",
    "spark_schema",
]
