"""What every reader shares: the rejection record, the options, and ``finish``.

A reader turns its input into ``RawDoc`` values (text plus whatever metadata the format
carries) or ``Rejected`` records. ``finish`` makes the Article: it cleans and bounds the
text, picks the id, reads the dateline, decides the publication date and the language.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from tacitus.model import Article
from tacitus.sources.dateline import parse_dateline
from tacitus.sources.decode import clean_text
from tacitus.sources.language import detect_language

SKIPPED = "skipped"
FAILED = "failed"


@dataclass
class Rejected:
    """An input that did not become an Article, and why.

    ``origin`` names the input: ``path``, ``path:line 3``, ``path:row 2``,
    ``file.warc.gz#record 12 <url>``, ``feed.xml#item 4``. ``status`` is ``skipped``
    (read fine, left out on purpose: empty, duplicate, other language, not HTML) or
    ``failed`` (could not be read: binary, malformed, truncated, unreadable).
    """

    origin: str
    status: str
    reason: str


@dataclass
class ReadOptions:
    default_date: date | None = None
    text_column: str = "text"
    date_column: str = "date"
    id_column: str = "id"
    title_column: str | None = "title"
    url_column: str | None = "url"
    languages: set[str] | None = field(default_factory=lambda: {"en"})
    max_bytes: int = 20_000_000


@dataclass
class RawDoc:
    """A text a reader found, with the metadata its format carried."""

    text: str
    origin: str
    doc_id: str | None = None
    date: date | None = None  # the input's own date field
    title: str | None = None
    url: str | None = None
    source: str | None = None
    page_date: date | None = None  # from page metadata (HTML, WARC-Date, feed item)
    declared_lang: str | None = None


_WORDS = re.compile(r"\w+")


def normalise_for_hash(text: str) -> str:
    """Lower-cased NFKC words joined by single spaces: what ids and dedup compare."""
    return " ".join(_WORDS.findall(unicodedata.normalize("NFKC", text).casefold()))


def content_id(text: str) -> str:
    """The id of a text without one: the first 16 hex digits of the SHA-1 of its normalised words."""
    return hashlib.sha1(normalise_for_hash(text).encode("utf-8")).hexdigest()[:16]


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_input_date(value: object) -> date | None:
    """A date field: ``YYYY-MM-DD`` (time part ignored), ``YYYYMMDD``, or None/"".

    Raises ValueError with a clear message for anything else, impossible dates included.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"date must be a string, got {type(value).__name__}")
    s = str(value).strip()
    m = _ISO_DATE.match(s) or _COMPACT_DATE.match(s)
    if not m:
        raise ValueError(f"date {s[:40]!r} is not YYYY-MM-DD or YYYYMMDD")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValueError(f"impossible date {s[:40]!r}: {exc}") from None


def parse_metadata_date(value: object) -> date | None:
    """A lenient date from page metadata: ISO strings or datetimes; None when unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_input_date(value[:10])
        except ValueError:
            return None
    return None


def finish(raw: RawDoc, opts: ReadOptions) -> Article | Rejected:
    """Make the Article of a RawDoc, or say why not (empty, too large, other language)."""
    text = clean_text(raw.text)
    if not text.strip():
        return Rejected(raw.origin, SKIPPED, "empty text")
    size = len(text.encode("utf-8", errors="replace"))
    if size > opts.max_bytes:
        return Rejected(raw.origin, SKIPPED, f"too large: {size} bytes (max_bytes is {opts.max_bytes})")
    anchor = raw.date or raw.page_date or opts.default_date
    dateline = parse_dateline(text, default_year=anchor.year if anchor else None, anchor=anchor)
    published = raw.date or (dateline.date if dateline else None) or raw.page_date or opts.default_date
    lang = detect_language(text)
    if lang is None and raw.declared_lang:
        lang = raw.declared_lang.split("-")[0].split("_")[0].lower() or None
    elif lang is not None and opts.languages and lang not in opts.languages:
        return Rejected(raw.origin, SKIPPED, f"language: {lang}")
    return Article(
        doc_id=raw.doc_id if raw.doc_id else content_id(text),
        text=text,
        published=published,
        title=_clean_field(raw.title),
        url=_clean_field(raw.url),
        source=_clean_field(raw.source),
        dateline=dateline,
        lang=lang,
        origin=raw.origin,
    )


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(clean_text(value).split())
    return value or None
