"""The Spark job's command line: ``python -m tacitus.spark`` / ``spark-submit .../tacitus/spark/__main__.py``."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from tacitus.spark.job import run_spark_job


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tacitus-spark",
        description="Code news files with Spark; write events, documents and the ingest log as Parquet.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, directories, globs or Hadoop URIs (hdfs://, s3a://, gs://, file://)")
    p.add_argument("--output", "-o", required=True, help="output directory (local path or Hadoop URI)")
    p.add_argument("--master", default=None, help="Spark master (local[4], yarn, k8s://...); default: spark-submit's")
    p.add_argument("--format", dest="input_format", default="auto", help="auto, text, jsonl, warc, html, csv, tsv, feed")
    p.add_argument("--date", dest="default_date", type=_date, default=None,
                   help="publication date for inputs that carry none (YYYY-MM-DD)")
    p.add_argument("--partitions", type=int, default=None, help="coding tasks (default: 2 x cores)")
    p.add_argument("--dictionaries", default=None,
                   help="PETRARCH dictionaries folder (must be readable on every executor)")
    p.add_argument("--text-column", default="text", help="JSONL/CSV field holding the text")
    p.add_argument("--any-language", action="store_true", help="keep articles in every language")
    return p


def spark_main(argv: list[str] | None = None) -> int:
    """Run the job; print its report as JSON. Exit status 2 if any input failed, else 0."""
    args = _parser().parse_args(argv)
    reader_options = {"text_column": args.text_column}
    if args.any_language:
        reader_options["languages"] = None
    report = run_spark_job(
        args.inputs, args.output, args.master, args.input_format,
        default_date=args.default_date, dictionaries=args.dictionaries,
        partitions=args.partitions, reader_options=reader_options,
    )
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 2 if report["failed"] else 0
