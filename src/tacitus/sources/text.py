"""Plain text: one article per file (its dateline is read in ``base.finish``)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from tacitus.sources.base import FAILED, SKIPPED, RawDoc, ReadOptions, Rejected
from tacitus.sources.decode import NotText, decode_bytes


def read_bounded(stream: BinaryIO, origin: str, opts: ReadOptions) -> bytes | Rejected:
    """All the bytes of a whole-file input, or a rejection when it is empty or over max_bytes."""
    data = stream.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        return Rejected(origin, SKIPPED, f"too large: more than max_bytes ({opts.max_bytes} bytes)")
    if not data.strip():
        return Rejected(origin, SKIPPED, "empty file" if not data else "empty file (whitespace only)")
    return data


def read_text(stream: BinaryIO, origin: str, opts: ReadOptions) -> Iterator[RawDoc | Rejected]:
    data = read_bounded(stream, origin, opts)
    if isinstance(data, Rejected):
        yield data
        return
    try:
        text = decode_bytes(data)
    except NotText as exc:
        yield Rejected(origin, FAILED, str(exc))
        return
    if not text.strip():
        yield Rejected(origin, SKIPPED, "empty file (only control characters or whitespace)")
        return
    yield RawDoc(text=text, origin=origin)
