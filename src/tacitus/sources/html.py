"""HTML pages: the main text (no menus, ads or footers) and metadata, via trafilatura.

``extract_html`` is shared with the WARC reader. Title, author, date and URL come from
the page's metadata; the language from ``<html lang>`` (used only when the text is too
short for detection). The charset comes from the caller (HTTP header), else from
``<meta charset>``, else the decoder's own guess.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from configparser import ConfigParser
from dataclasses import dataclass
from typing import BinaryIO

from tacitus.sources.base import FAILED, SKIPPED, RawDoc, ReadOptions, Rejected, parse_metadata_date
from tacitus.sources.decode import NotText, decode_bytes
from tacitus.sources.text import read_bounded

# A page whose "main text" is shorter than this is a menu or an error page, not a story.
MIN_WORDS = 5
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.IGNORECASE)


@dataclass
class PageText:
    text: str
    title: str | None
    author: str | None
    date: str | None
    url: str | None
    language: str | None
    sitename: str | None


def _config() -> ConfigParser:
    from trafilatura.settings import DEFAULT_CONFIG

    config = ConfigParser()
    config.read_dict({section: dict(DEFAULT_CONFIG[section]) for section in DEFAULT_CONFIG.sections()})
    config.read_dict({"DEFAULT": dict(DEFAULT_CONFIG["DEFAULT"])})
    config["DEFAULT"]["MAX_FILE_SIZE"] = str(2**31 - 1)  # Tacitus enforces max_bytes itself
    config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"
    return config


_CONFIG: ConfigParser | None = None
# Publication date from metadata, <time> and the URL only: htmldate's "extensive search"
# would turn a "© 2021" footer into 2021-01-01.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def sniff_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag declares in the first 4 KB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", errors="ignore") if m else None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode HTML bytes with the declared charset, else ``<meta charset>``, else a guess."""
    return decode_bytes(data, declared or sniff_charset(data))


def extract_html(html: str, url: str | None = None) -> PageText | None:
    """Main text and metadata of a page, or None when the page has no main text."""
    global _CONFIG
    import trafilatura

    if _CONFIG is None:
        _CONFIG = _config()
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, config=_CONFIG,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    lang = _HTML_LANG.search(html[:4096])
    return PageText(
        text=doc.text,
        title=doc.title,
        author=doc.author,
        date=doc.date,
        url=doc.url or url,
        language=(doc.language or (lang.group(1) if lang else None)),
        sitename=doc.sitename,
    )


def page_to_doc(data: bytes, origin: str, *, url: str | None = None, charset: str | None = None,
                fallback_date=None) -> RawDoc | Rejected:
    """One HTML page (bytes) to a RawDoc, or the reason it has no article."""
    try:
        html = decode_html(data, charset)
    except NotText as exc:
        return Rejected(origin, FAILED, str(exc))
    try:
        page = extract_html(html, url)
    except Exception as exc:  # lxml/trafilatura on pathological markup
        return Rejected(origin, FAILED, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    if page is None:
        return Rejected(origin, SKIPPED, "no main text found in the HTML page")
    words = len(page.text.split())
    if words < MIN_WORDS:
        return Rejected(origin, SKIPPED, f"no main text found in the HTML page (only {words} words)")
    return RawDoc(
        text=page.text,
        origin=origin,
        title=page.title,
        url=page.url,
        source=page.sitename,
        page_date=parse_metadata_date(page.date) or fallback_date,
        declared_lang=page.language,
    )


def read_html(stream: BinaryIO, origin: str, opts: ReadOptions) -> Iterator[RawDoc | Rejected]:
    data = read_bounded(stream, origin, opts)
    if isinstance(data, Rejected):
        yield data
        return
    yield page_to_doc(data, origin)
