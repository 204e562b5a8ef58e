"""Bytes to text: BOMs, UTF-16/32, UTF-8, cp1252/Latin-1 fallback, control characters.

``decode_bytes`` turns the bytes of one input into clean text or raises ``NotText``
with a reason a person can act on ("binary file (PNG image)"). ``iter_lines`` reads a
line-oriented file (JSON Lines, CSV) one line at a time, whatever its encoding, and
never holds more than one line (capped at ``max_line_bytes``) in memory.
"""
from __future__ import annotations

import codecs
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

# Signatures of common binary formats, so the reason names what the file is.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x7fELF", "ELF executable"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"PAR1", "Parquet file"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE) document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# More than this share of control / replacement characters and the input is binary.
BINARY_THRESHOLD = 0.10

_STRIP = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
_BAD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ufffe]")


class NotText(ValueError):
    """The bytes are not text; ``str(error)`` is the reason."""


@dataclass
class Encoding:
    name: str
    bom_length: int = 0


def binary_signature(data: bytes) -> str | None:
    """Name of a known binary format the bytes start with, if any."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    return None


def guess_encoding(head: bytes) -> Encoding | None:
    """The encoding a BOM or the NUL pattern of UTF-16/32 reveals; None for byte encodings."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return Encoding(name, len(bom))
    sample = head[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        half = len(sample) // 2
        even_nuls = sample[0::2].count(0) / half
        odd_nuls = sample[1::2].count(0) / half
        if len(sample) >= 8:
            q = len(sample) // 4
            zero_pairs = sum(1 for i in range(0, q * 4, 4) if sample[i + 2 : i + 4] == b"\0\0")
            lead_pairs = sum(1 for i in range(0, q * 4, 4) if sample[i : i + 2] == b"\0\0")
            if zero_pairs / q > 0.9 and sample[0::4].count(0) / q < 0.1:
                return Encoding("utf-32-le")
            if lead_pairs / q > 0.9 and sample[3::4].count(0) / q < 0.1:
                return Encoding("utf-32-be")
        if odd_nuls > 0.4 and even_nuls < 0.05:
            return Encoding("utf-16-le")
        if even_nuls > 0.4 and odd_nuls < 0.05:
            return Encoding("utf-16-be")
    return None


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters and BOMs, replace lone surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    text = _SURROGATE.sub("\ufffd", text)
    return _STRIP.sub("", text)


def bad_character_share(text: str) -> float:
    """Share of control and replacement characters (what binary data decodes to)."""
    if not text:
        return 0.0
    return len(_BAD.findall(text)) / len(text)


def _decode_byte_text(data: bytes, declared: str | None = None) -> str:
    """UTF-8 when it is (mostly) UTF-8, else the declared charset, else cp1252, else Latin-1."""
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8",):
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    replaced = loose.count("\ufffd")
    multibyte = len(_NON_ASCII.findall(loose))
    if multibyte > 2 * replaced:
        return loose  # UTF-8 with a few broken bytes: keep the good characters
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode the bytes of one input to clean text.

    Order: a known binary signature fails at once; a BOM or a UTF-16/32 NUL pattern
    decides the encoding; else ``declared`` (an HTTP or ``<meta>`` charset), UTF-8, then
    cp1252 with Latin-1 for its five undefined bytes. Text that is more than
    ``BINARY_THRESHOLD`` control or replacement characters raises ``NotText``; the few
    stray control characters of an otherwise good text (NUL bytes too) are removed.
    """
    kind = binary_signature(data)
    if kind:
        raise NotText(f"binary file ({kind})")
    enc = guess_encoding(data)
    if enc:
        text = data[enc.bom_length :].decode(enc.name, errors="replace")
    else:
        text = _decode_byte_text(data, declared)
    share = bad_character_share(text[:65536])
    if share > BINARY_THRESHOLD:
        raise NotText(f"binary file ({share:.0%} non-text characters)")
    return clean_text(text)


def decode_line(line: bytes) -> str:
    """Decode one line of a byte-encoded file (UTF-8, else cp1252/Latin-1), cleaned."""
    return clean_text(_decode_byte_text(line))


class _Prefixed(io.RawIOBase):
    """A raw stream that serves ``prefix`` and then the rest of ``stream``."""

    def __init__(self, prefix: bytes, stream: BinaryIO):
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        # read1: one underlying read, so a truncated gzip loses no data decoded before the cut
        read = getattr(self._stream, "read1", self._stream.read)
        chunk = read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@dataclass
class Line:
    """One physical line of a line-oriented input: ``text`` or an ``error``."""

    number: int
    text: str | None = None
    error: str | None = None


def iter_lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[Line]:
    """Yield the lines of ``stream`` (numbered from 1) as clean text, one at a time.

    UTF-16/32 files (BOM or NUL pattern) are decoded as a whole stream; other files line
    by line, so one undecodable line does not spoil the next. A line longer than
    ``max_line_bytes`` is skipped to its end and reported as an error line. Errors of the
    stream itself (truncated gzip) propagate to the caller, who knows what was read.
    """
    head = stream.read(4096)
    enc = guess_encoding(head)
    buffered = io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)
    if enc:
        wrapper = io.TextIOWrapper(buffered, encoding=enc.name, errors="replace", newline=None)
        if enc.bom_length:
            wrapper.read(1)  # the BOM decodes to U+FEFF
        number = 0
        while True:
            line = wrapper.readline(max_line_bytes + 1)
            if not line:
                return
            number += 1
            if len(line) > max_line_bytes and not line.endswith("\n"):
                while line and not line.endswith("\n"):
                    line = wrapper.readline(1 << 20)
                yield Line(number, error=f"line longer than {max_line_bytes} characters")
                continue
            yield Line(number, text=clean_text(line).rstrip("\n"))
    number = 0
    while True:
        raw = buffered.readline(max_line_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = buffered.readline(1 << 20)
            yield Line(number, error=f"line longer than {max_line_bytes} bytes")
            continue
        yield Line(number, text=decode_line(raw.rstrip(b"\r\n")))


def is_printable_text(text: str) -> bool:
    """True when a string has letters or digits (not only punctuation and spaces)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)
