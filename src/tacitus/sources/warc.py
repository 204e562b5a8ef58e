"""WARC and WARC.gz (Common Crawl CC-NEWS included) via warcio.

Each HTML ``response`` record becomes an Article: URL from ``WARC-Target-URI``, the
publication date from the page metadata, else ``WARC-Date`` (the crawl date; CC-NEWS
crawls news within days of publication). Every other record (``warcinfo``, ``request``,
``metadata``, non-HTML or non-200 responses) is a ``skipped`` rejection that says why,
so each record is accounted for. A file that ends in the middle of a record or gzip
member yields the records read so far plus one ``failed`` rejection ("truncated ...").
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tacitus.sources.base import FAILED, SKIPPED, RawDoc, ReadOptions, Rejected, parse_metadata_date
from tacitus.sources.html import page_to_doc

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _CheckedIterator(ArchiveIterator):
    """An ArchiveIterator that remembers whether the last gzip member ended properly.

    warcio stops quietly at a truncated gzip member; Tacitus must say so.
    """

    gzip_incomplete = False

    def close(self):  # noqa: D401 - warcio's hook at the end of iteration
        decompressor = getattr(self.reader, "decompressor", None) if self.reader else None
        if decompressor is not None and hasattr(decompressor, "eof") and not decompressor.eof:
            self.gzip_incomplete = True
        super().close()


def _content_type(record) -> str:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers else None
    return (value or "").strip()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _record_doc(record, origin: str, opts: ReadOptions) -> RawDoc | Rejected:
    rec_type = record.rec_type
    if rec_type != "response":
        return Rejected(origin, SKIPPED, f"not a WARC response record ({rec_type})")
    if record.http_headers is None:
        return Rejected(origin, SKIPPED, "WARC response without HTTP headers")
    status = record.http_headers.get_statuscode()
    if status and status != "200":
        return Rejected(origin, SKIPPED, f"HTTP status {status}")
    content_type = _content_type(record)
    mime = content_type.split(";")[0].strip().lower()
    if not mime:  # Common Crawl records what the payload turned out to be
        mime = (record.rec_headers.get_header("WARC-Identified-Payload-Type") or "").split(";")[0].strip().lower()
    if mime not in _HTML_TYPES:
        return Rejected(origin, SKIPPED, f"not HTML ({mime or 'no Content-Type'})")
    length = record.length or 0
    if length > opts.max_bytes:
        return Rejected(origin, SKIPPED, f"too large: {length} bytes (max_bytes is {opts.max_bytes})")
    data = record.content_stream().read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        return Rejected(origin, SKIPPED, f"too large: more than max_bytes ({opts.max_bytes} bytes)")
    crawl = parse_metadata_date(record.rec_headers.get_header("WARC-Date"))
    uri = record.rec_headers.get_header("WARC-Target-URI")
    return page_to_doc(data, origin, url=uri, charset=_charset(content_type), fallback_date=crawl)


def _starts_like_warc(stream: BinaryIO) -> bool:
    """True when the (possibly gzipped) stream starts with a WARC or ARC header; rewinds it."""
    head = stream.read(4096)
    stream.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://"))


def read_warc(stream: BinaryIO, origin: str, opts: ReadOptions) -> Iterator[RawDoc | Rejected]:
    if not _starts_like_warc(stream):
        yield Rejected(origin, FAILED, "not a WARC file (it does not start with a WARC/ header)")
        return
    iterator = _CheckedIterator(stream, no_record_parse=False)
    number = 0
    problem = None
    try:
        for record in iterator:
            number += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#record {number}" + (f" <{uri}>" if uri else "")
            try:
                result = _record_doc(record, where, opts)
            except Exception as exc:  # e.g. a body whose Content-Encoding does not decode
                result = Rejected(where, FAILED, f"record could not be read: {type(exc).__name__}: {exc}")
            if _drain(record.raw_stream):
                yield Rejected(where, FAILED, "truncated record: the file ends inside this record")
                return
            yield result
    except ArchiveLoadFailed as exc:
        problem = (f"not a valid WARC after record {number}: {str(exc).splitlines()[0][:200]}" if number
                   else f"not a WARC file: {str(exc).splitlines()[0][:200]}")
    except Exception as exc:  # warcio fails in many ways on a cut record (AttributeError, ValueError ...)
        problem = f"truncated or corrupt WARC after record {number}: {type(exc).__name__}: {exc}"
    if problem is None and iterator.gzip_incomplete:
        problem = f"truncated gzip: the file ends inside a gzip member after record {number}"
    if problem is None:
        leftover = _leftover(stream, iterator.offset)
        if leftover:
            problem = f"truncated WARC: {leftover} bytes after record {number} are not a complete record"
    if problem:
        yield Rejected(origin, FAILED, problem)
    elif number == 0:
        yield Rejected(origin, SKIPPED, "empty WARC file (no records)")


def _drain(raw_stream) -> bool:
    """Read a record to its end; True when the file ended before its declared length."""
    while raw_stream.read(1 << 16):
        pass
    return getattr(raw_stream, "limit", 0) > 0


def _leftover(stream: BinaryIO, offset: int | None) -> int:
    """Bytes after the last complete record that are not just blank lines."""
    if offset is None:
        return 0
    try:
        size = stream.seek(0, 2)
        if size <= offset:
            return 0
        stream.seek(offset)
        rest = stream.read(4096)
    except (OSError, ValueError):
        return 0
    return size - offset if rest.strip() else 0
