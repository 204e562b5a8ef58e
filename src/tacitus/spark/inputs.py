"""The Spark job's inputs: listing files, reading them on the executors, removing duplicates.

The driver lists the files (``list_input_files``): local paths exactly as
``tacitus.sources.iter_input_files`` does (same order, same rejections), and URIs
(``hdfs://``, ``s3a://``, ``gs://``, ``abfss://``, ``file://``, globs allowed)
through Hadoop's FileSystem, so any file system Spark can read works. Spark reads
the bytes (``binaryFiles``) and each executor turns one file into inputs with the
same readers as ``tacitus.sources`` (``read_file_bytes``).

Duplicates are removed across the whole corpus with two shuffles (``dedup_by``):
first by article id, then by text (``content_id``); the earliest input in listing
order wins and the others are ``skipped`` with the reasons ``read_inputs`` gives.
(``read_inputs`` checks both keys in one pass, so in a chain where an article is a
duplicate of one that was itself dropped the two can differ; near-duplicate
detection is not done in Spark.)
"""
from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from tacitus.model import Article
from tacitus.sources import Rejected, iter_input_files
from tacitus.sources.base import FAILED, SKIPPED, ReadOptions, content_id, finish

# One input on its way through the job: its place in the listing order
# (file number, item number in the file), and the Article or Rejected it became.
Order = tuple[int, int]

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB_CHARS = re.compile(r"([\\{}\[\]*?])")


def is_uri(path: str) -> bool:
    """``hdfs://...``, ``s3a://...``, ``file:///...``: read through Hadoop, not ``os``."""
    return bool(_URI.match(path))


def file_key(path: str) -> str:
    """A file's identity as Hadoop reports it, whatever the spelling (``file:/x`` == ``file:///x``)."""
    if not is_uri(path) and not path.startswith("file:"):
        return "file:" + os.path.abspath(path)
    parts = urlsplit(path)
    return f"{parts.scheme}:{'//' + parts.netloc if parts.netloc else ''}{parts.path}"


def _hidden(relative: str) -> bool:
    return any(part.startswith((".", "_")) for part in relative.split("/") if part)


def _hadoop_files(spark, uri: str) -> Iterator[str | Rejected]:
    """Files under a URI (recursively, sorted; hidden ``.x``/``_x`` names passed over) or its rejection."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(uri)
    try:
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
    except Exception as exc:  # noqa: BLE001 - py4j wraps Java errors; the message names the cause
        yield Rejected(uri, FAILED, f"cannot read: {str(exc).splitlines()[0]}")
        return
    if not statuses:
        yield Rejected(uri, FAILED, "no such file or directory")
        return
    for status in sorted(statuses, key=lambda s: s.getPath().toString()):
        top = status.getPath()
        if status.isFile():
            yield top.toString()
            continue
        prefix = top.toString().rstrip("/") + "/"
        found = []
        files = fs.listFiles(top, True)
        while files.hasNext():
            name = files.next().getPath().toString()
            if not _hidden(name[len(prefix):]):
                found.append(name)
        yield from sorted(found)


def list_input_files(spark, paths: Iterable[str]) -> Iterator[str | Rejected]:
    """Every file named by ``paths``, in listing order, or a Rejected saying why a path is unusable.

    Local files that cannot be opened are rejected here as ``tacitus.sources`` would.
    """
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            yield Rejected("<stdin>", FAILED, "standard input cannot be read by a Spark job; write it to a file")
        elif is_uri(path):
            yield from _hadoop_files(spark, path)
        else:
            for entry in iter_input_files([path]):
                if isinstance(entry, str):
                    try:
                        with open(entry, "rb"):
                            pass
                    except OSError as exc:
                        entry = Rejected(entry, FAILED, f"cannot read: {exc.strerror or exc}")
                yield entry


def binary_files_argument(files: list[str]) -> str:
    """``files`` as one ``binaryFiles`` path list: absolute or qualified, glob characters escaped."""
    qualified = [f if is_uri(f) or f.startswith("file:") else "file://" + os.path.abspath(f) for f in files]
    bad = [f for f in qualified if "," in f]
    if bad:
        raise ValueError(f"{bad[0]}: a Spark input path may not contain a comma; rename the file")
    return ",".join(_GLOB_CHARS.sub(r"\\\1", f) for f in qualified)


def read_file_bytes(origin: str, data: bytes, input_format: str, opts: ReadOptions) -> Iterator[Article | Rejected]:
    """The inputs of one file's bytes, as ``tacitus.sources`` reads that file (before dedup)."""
    from tacitus.sources import read_stream

    for item in read_stream(io.BytesIO(data), origin, input_format, opts):
        yield item if isinstance(item, Rejected) else finish(item, opts)


def dedup_by(kind: str):
    """A function for ``groupByKey`` results: keep the earliest Article of a key, skip the rest.

    Groups keyed ``("order", ...)`` hold one Rejected passing through untouched.
    """

    def pick(group: tuple[tuple, Iterable[tuple[Order, Article | Rejected]]]) -> Iterator[tuple[Order, Article | Rejected]]:
        key, members = group
        if key[0] == "order":
            yield from members
            return
        first_order, first = min(members, key=lambda m: m[0])
        for order, article in sorted(members, key=lambda m: m[0]):
            if order == first_order:
                yield order, article
            elif kind == "id":
                where = first.origin or first.doc_id
                reason = f"duplicate id {article.doc_id!r} (first read from {where})"
                yield order, Rejected(article.origin or article.doc_id, SKIPPED, reason)
            else:
                reason = f"duplicate text of {first.doc_id!r}"
                yield order, Rejected(article.origin or article.doc_id, SKIPPED, reason)

    return pick


def id_key(record: tuple[Order, Article | Rejected]) -> tuple:
    order, item = record
    return ("order", order) if isinstance(item, Rejected) else ("id", item.doc_id)


def text_key(record: tuple[Order, Article | Rejected]) -> tuple:
    order, item = record
    return ("order", order) if isinstance(item, Rejected) else ("text", content_id(item.text))
