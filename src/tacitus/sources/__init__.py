"""Reading inputs: every input becomes an Article or a recorded ``Rejected``; nothing is lost.

>>> for item in read_inputs(["stories/"]):          # doctest: +SKIP
...     print(item.origin, item.reason if isinstance(item, Rejected) else item.doc_id)

``paths`` may name files, directories (walked recursively in sorted order; hidden
entries are passed over) and ``-`` for standard input. Any of them may be gzipped. The
format is sniffed per file from its content (``input_format="auto"``) or forced
(``text``, ``jsonl``, ``csv``, ``tsv``, ``html``, ``warc``, ``feed``).

An *input* is a file for text and HTML, a line for JSON Lines, a row for CSV/TSV, a
record for WARC and an item for feeds; each gives exactly one Article or one Rejected,
plus at most one extra Rejected for the file itself (unreadable, truncated, no header).
Ids: the input's id, else the first 16 hex digits of the SHA-1 of the text's normalised
words (``content_id``). A second input with an id or a text already seen in the same
call is rejected as a duplicate; pass ``near_duplicates=NearDuplicateIndex()`` to reject
near-duplicates too.

Limits: an article's text may be up to ``max_bytes`` (UTF-8) and is rejected above it.
Very long sentences are kept here; the NLP pipeline caps the sentence length it parses.
"""
from __future__ import annotations

import gzip
import os
import stat
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, BinaryIO

from tacitus.model import Article
from tacitus.sources.base import FAILED, SKIPPED, RawDoc, ReadOptions, Rejected, content_id, finish
from tacitus.sources.csvfile import read_csv
from tacitus.sources.detect import FORMATS, GZIP_MAGIC, sniff_format
from tacitus.sources.feeds import fetch_feed, parse_feed_bytes, read_feed
from tacitus.sources.html import read_html
from tacitus.sources.jsonl import read_jsonl
from tacitus.sources.text import read_text
from tacitus.sources.warc import read_warc

if TYPE_CHECKING:
    from tacitus.dedup import NearDuplicateIndex

__all__ = ["Rejected", "ReadOptions", "read_inputs", "iter_input_files", "content_id",
           "fetch_feed", "parse_feed_bytes", "FORMATS"]

STDIN = "-"
_SNIFF_BYTES = 65536


def _reader(fmt: str):
    if fmt == "tsv":
        return lambda stream, origin, opts: read_csv(stream, origin, opts, delimiter="\t")
    return {"text": read_text, "jsonl": read_jsonl, "csv": read_csv, "html": read_html,
            "warc": read_warc, "feed": read_feed}[fmt]


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def iter_input_files(paths: Iterable[str]) -> Iterator[str | Rejected]:
    """The files named by ``paths`` (directories walked in sorted order), or why one is unusable."""
    visited: set[str] = set()
    for path in paths:
        path = os.fspath(path)
        if path == STDIN:
            yield STDIN
            continue
        yield from _walk(path, visited, top=True)


def _walk(path: str, visited: set[str], top: bool) -> Iterator[str | Rejected]:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            yield Rejected(path, FAILED, f"dangling symbolic link (points to {os.readlink(path)!r})")
        else:
            yield Rejected(path, FAILED, "no such file or directory")
        return
    except OSError as exc:
        yield Rejected(path, FAILED, f"cannot read: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(info.st_mode):
        real = os.path.realpath(path)
        if real in visited:
            yield Rejected(path, SKIPPED, "directory already read (symbolic link loop or repeated path)")
            return
        visited.add(real)
        try:
            names = sorted(os.listdir(path))
        except OSError as exc:
            yield Rejected(path, FAILED, f"cannot list directory: {exc.strerror or exc}")
            return
        for name in names:
            if not name.startswith("."):
                yield from _walk(os.path.join(path, name), visited, top=False)
    elif stat.S_ISREG(info.st_mode):
        yield path
    else:
        yield Rejected(path, FAILED, f"not a regular file ({_kind_of(info.st_mode)})")


def _open_file(path: str) -> BinaryIO:
    """Open an input for reading (one place, so tests can simulate unreadable files)."""
    return open(path, "rb")  # noqa: SIM115 - closed by the caller


def _open_stdin() -> BinaryIO:
    """Standard input, spooled so it can be sniffed and re-read like a file."""
    spool = tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024)
    source = getattr(sys.stdin, "buffer", sys.stdin)
    while True:
        chunk = source.read(1 << 20)
        if not chunk:
            break
        spool.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
    spool.seek(0)
    return spool  # type: ignore[return-value]


def _gzip_head(raw: bytes) -> bytes:
    """Decompress the start of a gzip stream (partial output of a truncated one is fine)."""
    return zlib.decompressobj(wbits=31).decompress(raw, _SNIFF_BYTES)


def _read_file(path: str, input_format: str, opts: ReadOptions) -> Iterator[RawDoc | Rejected]:
    origin = "<stdin>" if path == STDIN else path
    try:
        handle = _open_stdin() if path == STDIN else _open_file(path)
    except OSError as exc:
        yield Rejected(origin, FAILED, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        yield from read_stream(handle, origin, input_format, opts)


def read_stream(handle: BinaryIO, origin: str, input_format: str, opts: ReadOptions) -> Iterator[RawDoc | Rejected]:
    """The inputs of one seekable byte stream (a file, or bytes a Spark executor read),
    gzip or not, in ``input_format`` (``auto`` sniffs it); errors become Rejected values."""
    count = 0
    try:
        head = handle.read(_SNIFF_BYTES)
        handle.seek(0)
        compressed = head.startswith(GZIP_MAGIC)
        if compressed:
            try:
                head = _gzip_head(head)
            except zlib.error as exc:
                yield Rejected(origin, FAILED, f"corrupt gzip: {exc}")
                return
        fmt = input_format if input_format != "auto" else sniff_format(origin, head, opts.text_column)
        if compressed and fmt != "warc":  # warcio reads gzipped WARCs record by record itself
            stream: BinaryIO = gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[assignment]
        else:
            stream = handle
        for item in _reader(fmt)(stream, origin, opts):
            count += 1
            yield item
    except EOFError as exc:
        yield Rejected(origin, FAILED, f"truncated gzip after {count} inputs: {exc}")
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield Rejected(origin, FAILED, f"corrupt gzip after {count} inputs: {exc}")
    except OSError as exc:
        yield Rejected(origin, FAILED, f"cannot read after {count} inputs: {exc.strerror or exc}")
    except Exception as exc:  # the last line of defence: one file never stops a batch
        yield Rejected(origin, FAILED, f"unexpected error after {count} inputs: {type(exc).__name__}: {exc}")


def read_inputs(
    paths: list[str],
    input_format: str = "auto",
    *,
    default_date: date | None = None,
    text_column: str = "text",
    date_column: str = "date",
    id_column: str = "id",
    title_column: str | None = "title",
    url_column: str | None = "url",
    languages: set[str] | None = frozenset({"en"}),  # type: ignore[assignment]
    max_bytes: int = 20_000_000,
    near_duplicates: NearDuplicateIndex | None = None,
) -> Iterator[Article | Rejected]:
    """Read every input under ``paths``; yield an Article or a Rejected for each (see module doc).

    ``languages=None`` keeps every language. Raises ValueError only for a bad argument
    (unknown ``input_format``), never for bad input.
    """
    if input_format not in ("auto", *FORMATS):
        raise ValueError(f"unknown input_format {input_format!r}; choose auto or one of {', '.join(FORMATS)}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [os.fspath(paths)]
    opts = ReadOptions(default_date=default_date, text_column=text_column, date_column=date_column,
                       id_column=id_column, title_column=title_column, url_column=url_column,
                       languages=set(languages) if languages else None, max_bytes=max_bytes)
    return _read_all(list(paths), input_format, opts, near_duplicates)


def _read_all(paths: list[str], input_format: str, opts: ReadOptions,
              near_duplicates: NearDuplicateIndex | None) -> Iterator[Article | Rejected]:
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for entry in iter_input_files(paths):
        if isinstance(entry, Rejected):
            yield entry
            continue
        for item in _read_file(entry, input_format, opts):
            if isinstance(item, Rejected):
                yield item
                continue
            try:
                article = finish(item, opts)
            except Exception as exc:  # never expected; still one input must not stop the batch
                article = Rejected(item.origin, FAILED, f"unexpected error: {type(exc).__name__}: {exc}")
            if isinstance(article, Rejected):
                yield article
                continue
            yield _check_duplicate(article, ids, texts, near_duplicates)


def _check_duplicate(article: Article, ids: dict[str, str], texts: dict[str, str],
                     near_duplicates: NearDuplicateIndex | None) -> Article | Rejected:
    origin = article.origin or article.doc_id
    if article.doc_id in ids:
        return Rejected(origin, SKIPPED, f"duplicate id {article.doc_id!r} (first read from {ids[article.doc_id]})")
    key = content_id(article.text)
    if key in texts:
        return Rejected(origin, SKIPPED, f"duplicate text of {texts[key]!r}")
    if near_duplicates is not None:
        original = near_duplicates.add(article.doc_id, article.text)
        if original is not None and original != article.doc_id:
            return Rejected(origin, SKIPPED, f"near-duplicate of {original!r}")
    ids[article.doc_id] = origin
    texts[key] = article.doc_id
    return article
